package extract

import (
	"strings"
	"testing"
)

// TestAnchorIsTheActReported: the main event is anchored in the sentence
// that tells the act the report is about, not in one that tells an act
// added to it ("also") or mourns someone who died before, even when that
// sentence names more people.
func TestAnchorIsTheActReported(t *testing.T) {
	x := withGazetteer(t)
	// location is the place name as the text writes it
	tests := []struct{ text, location string }{
		// "also": a further act of the same people, elsewhere
		{"On 3 March 2024, residents protested in Hama against power cuts. Protesters also rallied with students and teachers in Homs.",
			"Hama"},
		// a man who died earlier is no party to the protest
		{"On 3 March 2024, protesters gathered in Hama against power cuts. They lit candles for a Syrian man and a woman who died in protests in Homs.",
			"Hama"},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2024-03-05")
		sp := ev.Evidence["location"]
		if !sp.Valid() || tt.text[sp.Start:sp.End] != tt.location {
			t.Errorf("%q: located in %q from %v (anchor %v), want %q", tt.text, ev.Location, sp, ev.Evidence["event_type"], tt.location)
		}
	}
}

// TestDevelopmentAsTarget: a development word that a violent verb just
// before it hit names the target, not the event: "ambushed a patrol" is
// an armed clash; patrols alone are a development.
func TestDevelopmentAsTarget(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, typ string }{
		{"On 3 May 2020, militants ambushed a patrol near Baidoa, and two soldiers were killed.", "Battles"},
		{"On 3 May 2020, gunmen attacked an army patrol near Baidoa.", "Battles"},
		{"On 3 May 2020, the army deployed patrols in Baidoa after clashes last week.", "Strategic developments"},
	}
	for _, tt := range tests {
		if ev := mainEvent(t, x, tt.text, "2020-05-05"); ev.EventType != tt.typ {
			t.Errorf("%q: %s / %s, want %s", tt.text, ev.EventType, ev.SubEventType, tt.typ)
		}
	}
}

// TestDatelineDateIsNotTheEvent: the date of a dateline ("MOGADISHU, June
// 12 (AP) -") is when the story was filed; the event's is the one the
// story gives, or that date when it gives none.
func TestDatelineDateIsNotTheEvent(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, date string }{
		{"MOGADISHU, June 12 (AP) - A car bomb exploded outside a busy restaurant in the Somali capital late on Tuesday, killing nine people, police said.", "2024-06-11"},
		{"MOGADISHU, June 12 (AP) - A car bomb exploded outside a busy restaurant in the Somali capital, killing nine people, police said.", "2024-06-12"},
	}
	for _, tt := range tests {
		if ev := mainEvent(t, x, tt.text, "2024-06-12"); ev.EventDate != tt.date {
			t.Errorf("%q: event date %s from %v, want %s", tt.text, ev.EventDate, ev.Evidence["event_date"], tt.date)
		}
	}
}

// TestSourcePlaceIsNotTheEvents: a place in the phrase that gives the
// figures' source ("police in Amritsar said") is where the source is, not
// the event, when the text names another.
func TestSourcePlaceIsNotTheEvents(t *testing.T) {
	x := withGazetteer(t)
	text := "Hundreds of farmers blocked highways across Punjab on Monday to demand guaranteed crop prices, police in Amritsar said."
	ev := mainEvent(t, x, text, "2024-06-11")
	if sp := ev.Evidence["location"]; !sp.Valid() || text[sp.Start:sp.End] != "Punjab" {
		t.Errorf("%q: located at %q from %v, want Punjab", text, ev.Location, sp)
	}
}

// TestSayingDateIsNotTheEvent: "residents told AFP on Tuesday" dates the
// telling; the event is "last week", or on the day the text gives it.
// With no other date, the day of saying is the best there is.
func TestSayingDateIsNotTheEvent(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, date string }{
		{"At least 40 people were killed when armed men attacked the village of Mahmahou in northern Burkina Faso last week, residents told AFP on Tuesday.", "2024-06-06"},
		{"Gunmen killed five people in Zamfara state on Sunday, police said on Monday.", "2024-06-09"},
		{"Police said on Monday that gunmen killed five people in Zamfara state.", "2024-06-10"},
	}
	for _, tt := range tests {
		if ev := mainEvent(t, x, tt.text, "2024-06-11"); ev.EventDate != tt.date {
			t.Errorf("%q: event date %s from %v, want %s", tt.text, ev.EventDate, ev.Evidence["event_date"], tt.date)
		}
	}
}

// TestDatelinePlaceIsALastResort: where a story was filed places the event
// only when the story names no other place, not even a country.
func TestDatelinePlaceIsALastResort(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, location string }{
		{"BAMAKO (Reuters) - Jihadist fighters killed at least 30 soldiers in an attack on a military camp in central Mali on Friday.", "Mali"},
		{"KABUL (Reuters) - A bomb exploded in a crowded market on Friday, killing five people, police said.", "KABUL"},
		// filed abroad: the country the story is about
		{"BEIRUT (AFP) - Syrian regime forces shelled rebel positions on Friday, killing four fighters, a war monitor said.", "Syrian"},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2024-06-15")
		if sp := ev.Evidence["location"]; !sp.Valid() || tt.text[sp.Start:sp.End] != tt.location {
			t.Errorf("%q: located at %q from %v, want %q", tt.text, ev.Location, sp, tt.location)
		}
	}
}

// TestReactionIsNotTheEvent: a sentence that tells a reaction ("Hezbollah
// responded by firing rockets", "In retaliation, ...") tells a later act;
// the story's event is the one it reacts to, and the reaction an event of
// its own.
func TestReactionIsNotTheEvent(t *testing.T) {
	x := withGazetteer(t)
	tests := []string{
		"An Israeli strike on a car in southern Lebanon killed a Hezbollah commander on Wednesday, a security source said. Hezbollah responded by firing dozens of rockets at northern Israel.",
		"An Israeli strike on a car in southern Lebanon killed a Hezbollah commander on Wednesday, a security source said. In retaliation, Hezbollah fired dozens of rockets at northern Israel.",
	}
	for _, text := range tests {
		ev := mainEvent(t, x, text, "2024-06-13")
		if ev.Actor1 != "Military Forces of Israel (2009-)" || ev.Country != "Lebanon" {
			t.Errorf("%q: %s by %q in %q, want the Israeli strike in Lebanon", text, ev.SubEventType, ev.Actor1, ev.Country)
		}
	}
	// the reaction, another party's act, is an event of its own
	evs := x.Events(doc(tests[0], "2024-06-13"))
	if len(evs) < 2 || evs[1].Actor1 != "Hezbollah" || evs[1].Country != "Israel" {
		t.Fatalf("%q: events %+v, want the rockets as a second event", tests[0], evs)
	}
	// told with no day of its own: the day of the event it answers
	if evs[1].EventDate != evs[0].EventDate || !strings.HasPrefix(evs[1].Notes, "On "+evs[0].EventDate) {
		t.Errorf("the reaction on %s (%q), want %s", evs[1].EventDate, evs[1].Notes, evs[0].EventDate)
	}
}

// TestWeekDates: an event known only by its week is dated at the middle
// of it (ACLED's time precision 2): last week's Thursday; in the week of
// publication, halfway from its Monday to the day of the report.
func TestWeekDates(t *testing.T) {
	x := withGazetteer(t)
	// 14 June 2024 is a Friday
	tests := []struct{ when, date string }{
		{"last week", "2024-06-06"},
		{"earlier this week", "2024-06-11"},
		{"this week", "2024-06-12"},
	}
	for _, tt := range tests {
		text := "Armed men attacked a village near Maiduguri " + tt.when + ", killing 40 people."
		ev := mainEvent(t, x, text, "2024-06-14")
		if ev.EventDate != tt.date || ev.TimePrecision != 2 {
			t.Errorf("%q: %s (precision %d), want %s (2)", tt.when, ev.EventDate, ev.TimePrecision, tt.date)
		}
	}
}

// TestAcrossTheBorder: "near the border with Chad in northern Cameroon"
// happened in Cameroon; the border's other side is only where it is near.
func TestAcrossTheBorder(t *testing.T) {
	x := withGazetteer(t)
	text := "Clashes broke out near the border with Chad in northern Cameroon on Monday, killing three soldiers."
	if ev := mainEvent(t, x, text, "2024-06-14"); ev.Country != "Cameroon" {
		t.Errorf("%q: in %q, want Cameroon", text, ev.Country)
	}
}

// TestDatelineLeadIsTheLead: with no headline, the sentence a dateline
// opens is the lead, and tells the event rather than the army's account
// after it.
func TestDatelineLeadIsTheLead(t *testing.T) {
	x := withGazetteer(t)
	text := "BAMAKO (Reuters) - Jihadist fighters killed at least 30 soldiers in an attack on a military camp in central Mali on Friday, two security sources said. The army said in a statement that 10 soldiers were killed and that it had repelled the attack."
	ev := mainEvent(t, x, text, "2024-06-15")
	if sp := ev.Evidence["event_type"]; !sp.Valid() || sp.End > strings.Index(text, "The army") {
		t.Errorf("anchored at %v (%q), want the lead", sp, ev.SubEventType)
	}
	if ev.Actor1 != "Unidentified Armed Group (Mali)" {
		t.Errorf("actor1 %q, want the jihadists", ev.Actor1)
	}
}

// TestEasternGhouta: a region news name so often ("Eastern Ghouta") places
// the event in its province, whatever nationalities the warplanes have.
func TestEasternGhouta(t *testing.T) {
	x := withGazetteer(t)
	text := "Russian and Syrian warplanes pounded the rebel enclave of Eastern Ghouta for a third day on Wednesday, killing at least 50 people."
	if ev := mainEvent(t, x, text, "2018-02-21"); ev.Country != "Syria" || ev.Admin1 != "Rif-dimashq" {
		t.Errorf("%q: in %q, %q; want Rif-dimashq, Syria", text, ev.Admin1, ev.Country)
	}
}

// TestKashmir: "Kashmir" alone is the Indian-administered territory, as
// news writes it; "Pakistani Kashmir" is Azad Kashmir.
func TestKashmir(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, country string }{
		{"Security forces opened fire on a funeral procession in Kashmir on Saturday, killing one mourner.", "India"},
		{"Shelling killed two villagers in Pakistani Kashmir on Saturday.", "Pakistan"},
	}
	for _, tt := range tests {
		if ev := mainEvent(t, x, tt.text, "2024-06-17"); ev.Country != tt.country {
			t.Errorf("%q: in %q, want %q", tt.text, ev.Country, tt.country)
		}
	}
}

// TestCapitalByCountry: "the Libyan capital", "Sudan's capital" and "the
// capital" of the country a story is about are the capital city.
func TestCapitalByCountry(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, city string }{
		{"Fierce clashes erupted between rival militias in the Libyan capital overnight, killing 27 people.", "Tripoli"},
		{"Fighting spread to Sudan's capital on Saturday, killing 12 civilians.", "Khartoum"},
		{"Somali police said Al-Shabaab militants attacked a hotel in the capital on Friday, killing five guests.", "Mogadishu"},
	}
	for _, tt := range tests {
		if ev := mainEvent(t, x, tt.text, "2024-06-17"); ev.Location != tt.city || ev.Precision != 1 {
			t.Errorf("%q: at %q (precision %d), want %s", tt.text, ev.Location, ev.Precision, tt.city)
		}
	}
}

// TestCameAfter: "The attack came two weeks after gunmen killed 25 people"
// tells an earlier attack, whose toll is not the story's.
func TestCameAfter(t *testing.T) {
	x := withGazetteer(t)
	text := "A suicide bomber killed seven people at a wedding hall in Kabul on Saturday night, the interior ministry said. The attack came two weeks after gunmen killed 25 people at a temple in the city."
	ev := mainEvent(t, x, text, "2019-08-18")
	if ev.Fatalities != 7 || ev.FatalitiesHigh == nil || *ev.FatalitiesHigh != 7 {
		t.Errorf("%q: fatalities %d (high %v), want 7", text, ev.Fatalities, ev.FatalitiesHigh)
	}
}
