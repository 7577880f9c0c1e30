package extract

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestCiviliansAreNotStrikers: civilians killed by a strike whose author
// the text does not name are its target (actor2), not its actor; the
// striker is unidentified, an air force for an air strike, an armed group
// for shelling. The notes do not say the civilians struck.
func TestCiviliansAreNotStrikers(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct {
		text, sub, actor1 string
		inter1            int
	}{
		{"Jets bombed the main market of Saraqib in Idlib province on Tuesday, killing at least seven civilians, rescuers said.",
			"Air/drone strike", "Unidentified Military Forces", 8},
		{"Shelling killed four civilians in the town of Ariha in Idlib province on Tuesday, residents said.",
			"Shelling/artillery/missile attack", "Unidentified Armed Group (Syria)", 3},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2021-06-09")
		if ev.SubEventType != tt.sub {
			t.Errorf("%q: %s, want %s", tt.text, ev.SubEventType, tt.sub)
			continue
		}
		if ev.Actor1 != tt.actor1 || ev.Inter1 != tt.inter1 {
			t.Errorf("%q: actor1 %q (inter %d), want %q (%d)", tt.text, ev.Actor1, ev.Inter1, tt.actor1, tt.inter1)
		}
		if ev.Actor2 != "Civilians (Syria)" || ev.Inter2 != 7 {
			t.Errorf("%q: actor2 %q (inter %d), want Civilians (Syria) (7)", tt.text, ev.Actor2, ev.Inter2)
		}
		if want := sitrep.Interaction(tt.inter1, 7); ev.Interaction != want {
			t.Errorf("%q: interaction %d, want %d", tt.text, ev.Interaction, want)
		}
		if strings.HasPrefix(strings.SplitN(ev.Notes, ", ", 2)[1], "Civilians") {
			t.Errorf("%q: notes %q say the civilians struck", tt.text, ev.Notes)
		}
	}
}

// TestNotesWithoutObject: a summary whose event has no second actor does
// not end its verb phrase on a preposition ("strikes on in X").
func TestNotesWithoutObject(t *testing.T) {
	tx := lex.taxa["Air/drone strike"]
	if !strings.HasSuffix(tx.Verb, " on") {
		t.Fatalf("the test needs a verb phrase ending in a preposition, not %q", tx.Verb)
	}
	ev := sitrep.Event{EventDate: "2021-06-09", Actor1: "Military Forces of Syria (2000-)"}
	ev.Location, ev.Admin1, ev.Precision = "Saraqib", "Idlib", 1
	got := notes(ev, tx, "")
	if want := "On 2021-06-09, Military Forces of Syria (2000-) carried out air/drone strikes in Saraqib (Idlib)."; got != want {
		t.Errorf("notes %q, want %q", got, want)
	}
	ev.Actor2 = "Civilians (Syria)"
	if got := notes(ev, tx, ""); !strings.Contains(got, "strikes on Civilians (Syria) in Saraqib") {
		t.Errorf("notes with a second actor: %q", got)
	}
}

// TestMonthIsNotAMarch: the month in a date does not make an air strike
// a protest: "11 March 2024" is not a march.
func TestMonthIsNotAMarch(t *testing.T) {
	x := New(nil)
	for _, text := range []string{
		"Warplanes struck a crowded market in the town on Monday, 11 March 2024, killing at least nine civilians.",
		"Jets struck the town on 4 March 2024, killing nine civilians.",
	} {
		ev := mainEvent(t, x, text, "2024-03-12")
		if ev.SubEventType != "Air/drone strike" || ev.PLOVER == "PROTEST" || ev.CAMEO == "14" {
			t.Errorf("%q: %s, PLOVER %s, CAMEO %s", text, ev.SubEventType, ev.PLOVER, ev.CAMEO)
		}
	}
	// a march in a text that also gives a date is still a march
	ev := mainEvent(t, x, "On 4 March 2024, thousands marched through the capital to demand elections.", "2024-03-05")
	if ev.EventType != "Protests" || ev.PLOVER != "PROTEST" {
		t.Errorf("march: %s, PLOVER %s", ev.EventType, ev.PLOVER)
	}
}

// TestNationalStrikes: "Israeli air strikes", "Russian shelling": the
// nationality of a weapon only state forces wield names the striker.
func TestNationalStrikes(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, actor1 string }{
		{"Israeli air strikes killed 12 people in Gaza City on Tuesday, the health ministry said.", "Military Forces of Israel"},
		{"Russian shelling killed two civilians in Kharkiv on Monday.", "Military Forces of Russia"},
		{"Turkish drone strikes hit a village near Qamishli on Sunday, killing three fighters.", "Military Forces of Turkey"},
		{"Myanmar junta airstrikes on a village in Sagaing region killed 30 people.", "Military Forces of Myanmar"},
		{"Ethiopian federal forces and Fano militiamen fought for control of Lalibela on Sunday.", "Military Forces of Ethiopia"},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2024-06-12")
		if !strings.HasPrefix(ev.Actor1, tt.actor1) {
			t.Errorf("%q: actor1 %q, want %s", tt.text, ev.Actor1, tt.actor1)
		}
	}
	// the adjective names no organisation of its own
	for _, sp := range x.Spans("Israeli air strikes killed 12 people.")["Organisation"] {
		t.Errorf("Organisation span %v in a text that names none", sp)
	}
}

// TestCountedAreTargets: the people a figure counts as killed are the
// target of a bombing, not its author: "five soldiers were killed when
// their vehicle hit a roadside bomb".
func TestCountedAreTargets(t *testing.T) {
	x := withGazetteer(t)
	ev := mainEvent(t, x, "Five soldiers were killed when their vehicle hit a roadside bomb near Mopti on Thursday, the army said.", "2024-06-12")
	if ev.SubEventType != "Remote explosive/landmine/IED" {
		t.Fatalf("%s, want an IED", ev.SubEventType)
	}
	if !strings.HasPrefix(ev.Actor2, "Military Forces of Mali") || strings.HasPrefix(ev.Actor1, "Military Forces of Mali") {
		t.Errorf("actor1 %q, actor2 %q: the soldiers killed are the target", ev.Actor1, ev.Actor2)
	}
	// the author stays the author: "militants killed five soldiers"
	ev = mainEvent(t, x, "Militants detonated a roadside bomb near Mopti on Thursday, killing five soldiers, the army said.", "2024-06-12")
	if !strings.HasPrefix(ev.Actor2, "Military Forces of Mali") {
		t.Errorf("actor2 %q, want the soldiers killed", ev.Actor2)
	}
}

// TestClashSides: herders and farmers who clash are communal militias;
// civilians a clash killed are neither a side nor a mob; a target named
// after a drone strike's verb is not its striker.
func TestClashSides(t *testing.T) {
	x := withGazetteer(t)
	ev := mainEvent(t, x, "Between 10 and 15 people were killed in clashes between herders and farmers in Benue state on Sunday, officials said.", "2024-06-12")
	if ev.SubEventType != "Armed clash" || ev.Interaction != 44 || !strings.HasPrefix(ev.Actor1, "Unidentified Communal Militia") {
		t.Errorf("herders and farmers: %s, %q / %q, interaction %d", ev.SubEventType, ev.Actor1, ev.Actor2, ev.Interaction)
	}
	ev = mainEvent(t, x, "Nearly 40 civilians have been killed in a week of fighting in El Fasher, the UN said on Friday.", "2024-06-12")
	if ev.EventType != "Battles" || ev.Inter1 == 7 || ev.Inter2 == 7 {
		t.Errorf("civilians killed in fighting: %s, %q (%d) / %q (%d)", ev.SubEventType, ev.Actor1, ev.Inter1, ev.Actor2, ev.Inter2)
	}
	ev = mainEvent(t, x, "A drone strike killed a senior al-Shabaab commander in Jilib on Monday.", "2024-06-12")
	if ev.Actor1 == "Al Shabaab" || ev.Actor2 != "Al Shabaab" {
		t.Errorf("drone strike: actor1 %q, actor2 %q; the commander was the target", ev.Actor1, ev.Actor2)
	}
}

// TestListedDead: "three policemen and a civilian were killed" counts
// four.
func TestListedDead(t *testing.T) {
	ev := mainEvent(t, New(nil), "Three policemen and a civilian were killed when gunmen attacked a police station on Tuesday night.", "2024-06-12")
	if ev.Fatalities != 4 {
		t.Errorf("fatalities %d, want 4 (claims %+v)", ev.Fatalities, ev.Claims)
	}
}

// TestPropertyNoHarm: an armed group burning houses with no one hurt is
// property destruction; "no one was killed" tells no violence; a crowd
// burning tyres still riots.
func TestPropertyNoHarm(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, sub string }{
		{"Armed men set fire to 30 houses in a village near Jos overnight, residents said. No one was killed.", "Looting/property destruction"},
		{"Protesters set fire to tyres and blocked roads in Jos on Monday.", "Violent demonstration"},
		{"Gunmen killed five villagers near Jos on Monday; no one was arrested.", "Attack"},
	}
	for _, tt := range tests {
		if ev := mainEvent(t, x, tt.text, "2024-06-12"); ev.SubEventType != tt.sub {
			t.Errorf("%q: %s, want %s", tt.text, ev.SubEventType, tt.sub)
		}
	}
}

// TestListsAndCrowds: figures listed under one verb add up; kidnappers are
// a gang, and police who say they killed some in a shootout fought them;
// protesters killed by the force that broke them up met excessive force.
func TestListsAndCrowds(t *testing.T) {
	x := withGazetteer(t)
	ev := mainEvent(t, x, "Gunmen on motorcycles killed the village chief and two of his sons in Tillaberi region late on Friday.", "2024-06-12")
	if ev.Fatalities != 3 {
		t.Errorf("chief and two sons: fatalities %d, want 3", ev.Fatalities)
	}
	ev = mainEvent(t, x, "Police said they had killed three suspected kidnappers in a shootout in Zaria on Tuesday.", "2024-06-12")
	if ev.SubEventType != "Armed clash" || !strings.HasPrefix(ev.Actor1, "Police Forces of Nigeria") || !strings.HasPrefix(ev.Actor2, "Unidentified Gang") {
		t.Errorf("kidnappers: %s, %q / %q", ev.SubEventType, ev.Actor1, ev.Actor2)
	}
	ev = mainEvent(t, x, "At least 5 people died after being hit by tear gas canisters during anti-government protests in Conakry on Thursday, medics said.", "2024-06-12")
	if ev.SubEventType != "Excessive force against protesters" {
		t.Errorf("protesters killed: %s", ev.SubEventType)
	}
}

// TestWoundedByNamedParty: soldiers a figure counts are the target of the
// armed party named beside them; a town seized is a place changing hands.
func TestWoundedByNamedParty(t *testing.T) {
	x := withGazetteer(t)
	ev := mainEvent(t, x, "Two Israeli soldiers were wounded when Hamas militants fired an anti-tank missile at their vehicle near Khan Younis on Monday.", "2024-06-12")
	if !strings.HasPrefix(ev.Actor1, "Hamas") || !strings.HasPrefix(ev.Actor2, "Military Forces of Israel") {
		t.Errorf("missile: %q / %q", ev.Actor1, ev.Actor2)
	}
	ev = mainEvent(t, x, "Rebels of the M23 group seized the town of Rubaya in North Kivu on Tuesday after heavy fighting with the Congolese army.", "2024-06-12")
	if ev.SubEventType != "Non-state actor overtakes territory" {
		t.Errorf("town seized: %s", ev.SubEventType)
	}
}

// TestSuicideBomberNotState: the soldiers named alone in a suicide bombing
// were its target; a woman and her two children killed are three dead.
func TestSuicideBomberNotState(t *testing.T) {
	x := withGazetteer(t)
	ev := mainEvent(t, x, "A suicide bomber blew himself up at a checkpoint manned by Iraqi soldiers in Tarmiyah, north of Baghdad, killing four soldiers.", "2024-06-12")
	if strings.HasPrefix(ev.Actor1, "Military Forces of Iraq") || !strings.HasPrefix(ev.Actor2, "Military Forces of Iraq") {
		t.Errorf("suicide bombing: %q / %q", ev.Actor1, ev.Actor2)
	}
	ev = mainEvent(t, x, "A woman and her two children were killed when a shell landed on their house in Horlivka.", "2024-06-12")
	if ev.Fatalities != 3 {
		t.Errorf("a woman and her two children: %d dead, want 3", ev.Fatalities)
	}
}

// TestWeaponsTarget: when a weapon is the subject ("a roadside bomb hit a
// police vehicle", "an air strike killed two commanders", "a car bomb
// exploded near an army checkpoint"), the forces after the verb are its
// target, and who used it is unidentified.
func TestWeaponsTarget(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, actor1, actor2 string }{
		{"A roadside bomb hit a police vehicle in Quetta on Tuesday, wounding four officers.", "Unidentified Armed Group (Pakistan)", "Police Forces of Pakistan (2018-)"},
		{"An air strike killed two Taliban commanders in Kunduz on Monday.", "Unidentified Military Forces", "Taliban"},
		{"A car bomb exploded near an army checkpoint in Mogadishu on Monday, killing three soldiers.", "Unidentified Armed Group (Somalia)", "Military Forces of Somalia (2017-)"},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2024-06-12")
		if ev.Actor1 != tt.actor1 || ev.Actor2 != tt.actor2 {
			t.Errorf("%q: %q against %q, want %q against %q", tt.text, ev.Actor1, ev.Actor2, tt.actor1, tt.actor2)
		}
	}
}

// TestUnnamedArmedGroups: "jihadist fighters", "Islamist militants" and
// the like are an unidentified armed group, the subject that killed the
// soldiers after the verb, who are its target.
func TestUnnamedArmedGroups(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, actor1, actor2 string }{
		{"Jihadist fighters killed at least 30 soldiers in an attack on a military camp in central Mali on Friday.", "Unidentified Armed Group (Mali)", "Military Forces of Mali (2013-)"},
		{"Islamist militants ambushed an army patrol in Borno state on Friday, killing four soldiers.", "Unidentified Armed Group (Nigeria)", "Military Forces of Nigeria (2015-)"},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2024-06-15")
		if ev.Actor1 != tt.actor1 || ev.Actor2 != tt.actor2 {
			t.Errorf("%q: %q against %q, want %q against %q", tt.text, ev.Actor1, ev.Actor2, tt.actor1, tt.actor2)
		}
	}
}

// TestCrowdClash: supporters of rival parties fighting with sticks and
// stones are crowds, and their clash is mob violence between rioters; a
// shoot-out stays an armed clash, whoever is named.
func TestCrowdClash(t *testing.T) {
	x := withGazetteer(t)
	ev := mainEvent(t, x, "Supporters of rival political parties clashed with sticks and stones in Dhaka on Friday, leaving one person dead, police said.", "2024-06-15")
	if ev.SubEventType != "Mob violence" || ev.Actor1 != "Rioters (Bangladesh)" || ev.Actor2 != "Rioters (Bangladesh)" || ev.Interaction != 55 {
		t.Errorf("crowd clash: %s, %q against %q (%d)", ev.SubEventType, ev.Actor1, ev.Actor2, ev.Interaction)
	}
	if strings.Contains(ev.Notes, "Rioters attacked") {
		t.Errorf("notes %q read as one side attacking the other", ev.Notes)
	}
	ev = mainEvent(t, x, "In Niteroi, an intense shoot-out broke out during a police operation and a man was killed.", "2024-06-15")
	if ev.EventType != "Battles" {
		t.Errorf("shoot-out: %s / %s, want a battle", ev.EventType, ev.SubEventType)
	}
}

// TestWhatHappenedNext: "..., killing two before being shot dead by
// police": the attack is the event; the attacker's death after it, and
// the police who caused it, are not its parties.
func TestWhatHappenedNext(t *testing.T) {
	x := withGazetteer(t)
	text := "A gunman opened fire at a bus stop in Jerusalem on Thursday, killing two people before being shot dead by police."
	ev := mainEvent(t, x, text, "2024-06-14")
	if ev.EventType != "Violence against civilians" || ev.Actor1 != "Unidentified Armed Group (Israel)" || ev.Actor2 != "Civilians (Israel)" || ev.Fatalities != 2 {
		t.Errorf("%q: %s, %q against %q, %d killed", text, ev.EventType, ev.Actor1, ev.Actor2, ev.Fatalities)
	}
}

// TestBeforeActing: "gathered before attacking the village" tells the
// attack itself, unlike what an actor underwent after it ("before being
// shot dead"); and armed men gathering make no protest.
func TestBeforeActing(t *testing.T) {
	x := withGazetteer(t)
	text := "Militants gathered in a forest near Maiduguri before attacking the village of Kwari on Monday, killing six farmers."
	if ev := mainEvent(t, x, text, "2024-06-14"); ev.EventType != "Violence against civilians" || ev.Fatalities != 6 {
		t.Errorf("%q: %s with %d fatalities, want an attack on civilians, 6 killed", text, ev.EventType, ev.Fatalities)
	}
	// armed men gathering is no protest
	text = "Militants gathered near Maiduguri before attacking the village of Kwari on Monday."
	if ev := mainEvent(t, x, text, "2024-06-14"); ev.EventType == "Protests" {
		t.Errorf("%q: %s / %s", text, ev.EventType, ev.SubEventType)
	}
}

// TestPossessiveForces: "Myanmar's junta", "Russia's warplanes" are the
// country's forces, as "the Myanmar junta" and "Russian warplanes" are.
func TestPossessiveForces(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, actor1 string }{
		{"Myanmar's junta bombed a village in Sagaing region on Monday, killing 20 people.", "Military Forces of Myanmar (2016-)"},
		{"Russia's warplanes bombed a village in Idlib on Monday, killing three civilians.", "Military Forces of Russia (2000-)"},
	}
	for _, tt := range tests {
		if ev := mainEvent(t, x, tt.text, "2024-06-12"); ev.Actor1 != tt.actor1 {
			t.Errorf("%q: actor1 %q, want %q", tt.text, ev.Actor1, tt.actor1)
		}
	}
}

// TestThrownAtTarget: "a grenade was thrown at a police patrol": the
// police were its target, whoever threw it.
func TestThrownAtTarget(t *testing.T) {
	x := withGazetteer(t)
	text := "A grenade was thrown at a police patrol in Srinagar on Monday, wounding two officers."
	if ev := mainEvent(t, x, text, "2024-06-11"); ev.Actor1 != "Unidentified Armed Group (India)" || ev.Actor2 != "Police Forces of India (2014-)" {
		t.Errorf("%q: %q against %q", text, ev.Actor1, ev.Actor2)
	}
}

// TestRebelsAnywhere: rebels no dictionary names are an unidentified armed
// group outside Syria, where "rebels" are the opposition's.
func TestRebelsAnywhere(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, actor string }{
		{"Rebels attacked an army base near Goma on Saturday, killing four soldiers.", "Unidentified Armed Group (Democratic Republic of Congo)"},
		{"Government forces shelled rebel positions near Douma on Saturday, activists said.", "Opposition Rebels (Syria)"},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2024-06-11")
		if ev.Actor1 != tt.actor && ev.Actor2 != tt.actor {
			t.Errorf("%q: %q against %q, want %q among them", tt.text, ev.Actor1, ev.Actor2, tt.actor)
		}
	}
}

// TestCrowdAttacks: villagers or a mob who attack the police are a riot's
// rioters, not an armed group; and a death that set a protest off ("after
// a boy was killed by a police vehicle") is not its toll.
func TestCrowdAttacks(t *testing.T) {
	x := withGazetteer(t)
	ev := mainEvent(t, x, "A mob stormed a police post in Kano on Monday, injuring three officers.", "2024-06-18")
	if ev.SubEventType != "Mob violence" || ev.Actor1 != "Rioters (Nigeria)" || ev.Actor2 != "Police Forces of Nigeria (2015-)" {
		t.Errorf("mob: %s, %q against %q", ev.SubEventType, ev.Actor1, ev.Actor2)
	}
	ev = mainEvent(t, x, "Villagers attacked a police station in Patna on Monday, injuring five officers.", "2024-06-18")
	if ev.SubEventType != "Mob violence" || ev.Actor1 != "Rioters (India)" {
		t.Errorf("villagers attacking: %s, %q against %q", ev.SubEventType, ev.Actor1, ev.Actor2)
	}
	ev = mainEvent(t, x, "Villagers were attacked by soldiers near Patna on Monday.", "2024-06-18")
	if ev.EventType != "Violence against civilians" || ev.Actor2 != "Civilians (India)" {
		t.Errorf("villagers attacked: %s, %q against %q", ev.EventType, ev.Actor1, ev.Actor2)
	}
	text := "Angry residents blocked the main highway in Nakuru on Friday with burning tyres after a boy was killed by a speeding police vehicle."
	if ev := mainEvent(t, x, text, "2024-06-15"); ev.EventType != "Riots" || ev.Fatalities != 0 {
		t.Errorf("%q: %s with %d fatalities, want a riot with none", text, ev.EventType, ev.Fatalities)
	}
}

// TestAirDroppedBombs: glide, guided and barrel bombs fall from aircraft:
// an air strike, by the forces of the nationality that names them.
func TestAirDroppedBombs(t *testing.T) {
	x := withGazetteer(t)
	text := "A Russian glide bomb struck a residential building in Kharkiv on Tuesday, wounding 12 people."
	ev := mainEvent(t, x, text, "2024-06-18")
	if ev.SubEventType != "Air/drone strike" || ev.Actor1 != "Military Forces of Russia (2000-)" {
		t.Errorf("%q: %s by %q", text, ev.SubEventType, ev.Actor1)
	}
}

// TestProtestersTurnViolent: protesters who storm a building themselves
// make a violent demonstration, not a peaceful one.
func TestProtestersTurnViolent(t *testing.T) {
	x := withGazetteer(t)
	text := "Protesters stormed the parliament building in Nairobi on Tuesday as lawmakers passed a contested finance bill."
	if ev := mainEvent(t, x, text, "2024-06-26"); ev.SubEventType != "Violent demonstration" || ev.Actor1 != "Rioters (Kenya)" {
		t.Errorf("%q: %s by %q", text, ev.SubEventType, ev.Actor1)
	}
	text = "Thousands of protesters marched in Nairobi on Tuesday against the finance bill."
	if ev := mainEvent(t, x, text, "2024-06-26"); ev.SubEventType != "Peaceful protest" {
		t.Errorf("%q: %s", text, ev.SubEventType)
	}
}

// TestStateHitsProtesters: the state's forces attacking protesters break
// up a protest (protest with intervention), or, when they kill, use
// excessive force; the protesters stay actor1, as ACLED codes it.
func TestStateHitsProtesters(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, sub string }{
		{"Police attacked protesters in Nairobi on Tuesday.", "Protest with intervention"},
		{"Soldiers shot dead three protesters in Khartoum on Tuesday.", "Excessive force against protesters"},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2024-06-26")
		if ev.SubEventType != tt.sub || !strings.HasPrefix(ev.Actor1, "Protesters") {
			t.Errorf("%q: %s, %q against %q; want %s by protesters", tt.text, ev.SubEventType, ev.Actor1, ev.Actor2, tt.sub)
		}
	}
}
