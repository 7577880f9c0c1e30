package extract

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

func mainEvent(t *testing.T, x *Extractor, text, date string) sitrep.Event {
	t.Helper()
	evs := x.Events(doc(text, date))
	if len(evs) == 0 {
		t.Fatalf("no event for %q", text)
	}
	return evs[0]
}

func findClaim(ev sitrep.Event, kind string, count int) (sitrep.Claim, bool) {
	for _, c := range ev.Claims {
		if c.Kind == kind && (c.CountLow == count || c.CountHigh == count) {
			return c, true
		}
	}
	return sitrep.Claim{}, false
}

func TestTaxonomyComplete(t *testing.T) {
	types := map[string]int{}
	for _, tx := range lex.taxa {
		types[tx.EventType]++
		if tx.CAMEO == "" || tx.PLOVER == "" {
			t.Errorf("%s: missing CAMEO or PLOVER code", tx.SubEventType)
		}
	}
	if len(types) != 6 || len(lex.taxa) != 25 {
		t.Errorf("taxonomy has %d event types and %d sub-event types, want 6 and 25", len(types), len(lex.taxa))
	}
}

func TestEventTypes(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text, typ, sub string
	}{
		{"On 3 June 2021, government warplanes carried out air strikes on rebel positions near the town, killing four fighters.", "Explosions/Remote violence", "Air/drone strike"},
		{"On 3 June 2021, army artillery shelled a village held by the insurgents.", "Explosions/Remote violence", "Shelling/artillery/missile attack"},
		{"On 3 June 2021, a roadside bomb exploded next to a police patrol, wounding two officers.", "Explosions/Remote violence", "Remote explosive/landmine/IED"},
		{"On 3 June 2021, a suicide bomber blew himself up at a checkpoint, killing six soldiers.", "Explosions/Remote violence", "Suicide bomb"},
		{"On 3 June 2021, Taliban fighters clashed with Afghan security forces for several hours.", "Battles", "Armed clash"},
		{"On 3 June 2021, unidentified gunmen shot dead a shopkeeper in the market.", "Violence against civilians", "Attack"},
		{"On 3 June 2021, gunmen kidnapped three teachers from a village school.", "Violence against civilians", "Abduction/forced disappearance"},
		{"On 3 June 2021, hundreds of nurses protested outside the health ministry demanding unpaid wages.", "Protests", "Peaceful protest"},
		{"On 3 June 2021, students demonstrated in the capital and police dispersed them with tear gas.", "Protests", "Protest with intervention"},
		{"On 3 June 2021, protesters burned tyres and pelted police with stones during a demonstration over power cuts.", "Riots", "Violent demonstration"},
		{"On 3 June 2021, a mob lynched a man accused of theft.", "Riots", "Mob violence"},
		{"On 3 June 2021, the two parties signed a ceasefire agreement in the capital.", "Strategic developments", "Agreement"},
		{"On 3 June 2021, police arrested an opposition leader at his home.", "Strategic developments", "Arrests"},
		{"On 3 June 2021, militants looted shops and set a warehouse ablaze; nobody was hurt.", "Strategic developments", "Looting/property destruction"},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		if ev.EventType != c.typ || ev.SubEventType != c.sub {
			t.Errorf("%q\n got %s / %s, want %s / %s", c.text, ev.EventType, ev.SubEventType, c.typ, c.sub)
		}
		if ev.CAMEO == "" || ev.PLOVER == "" {
			t.Errorf("%q: no CAMEO/PLOVER code", c.text)
		}
		if _, ok := ev.Evidence["event_type"]; !ok {
			t.Errorf("%q: no evidence for event_type", c.text)
		}
	}
}

func TestNumbersThatAreNotPeople(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text string
		bad  int
	}{
		{"Fighters fired 20 to 30 mortar rounds at the base, killing two soldiers.", 30},
		{"The shells landed within 500 metres of the camp where one guard was wounded.", 500},
		{"The clash took place eight kilometers east of the river and left three people dead.", 8},
		{"A 12-year-old boy was among four people killed in the strike.", 12},
		{"Gunmen killed three people in 2019 and two more this week.", 2019},
		{"The attack lasted two days and killed five civilians.", 2},
		{"Rebels seized $500 and killed one guard.", 500},
		{"Prices rose 40 percent as fighting killed nine villagers.", 40},
		{"A brigade of 300 soldiers was deployed after militants killed four police officers.", 300},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		for _, cl := range ev.Claims {
			if cl.CountLow == c.bad || cl.CountHigh == c.bad {
				t.Errorf("%q: claim %s %d–%d counts %d, which is not people", c.text, cl.Kind, cl.CountLow, cl.CountHigh, c.bad)
			}
		}
		if len(ev.Claims) == 0 {
			t.Errorf("%q: the real casualty figure was missed", c.text)
		}
	}
}

func TestClaims(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text      string
		kind      string
		low, high int
		qualifier string
		victims   string // substring
		claimant  string // substring
	}{
		{"Air strikes killed at least 14 civilians, a local official said.", sitrep.Killed, 14, 14, "at least", "civilians", "local official"},
		{"More than 100 fighters were killed in the assault, the army said in a statement.", sitrep.Killed, 100, 100, "more than", "fighters", "army"},
		{"Twenty-three soldiers were wounded, according to the defence ministry.", sitrep.Wounded, 23, 23, "exact", "soldiers", "defence ministry"},
		{"Between 20 and 30 villagers were abducted by gunmen, residents said.", sitrep.Captured, 20, 30, "exact", "villagers", "residents"},
		{"Dozens of people were killed when the market was shelled.", sitrep.Killed, 24, 99, "about", "people", ""},
		{"The blast killed a dozen people and injured about 40 others.", sitrep.Killed, 12, 12, "exact", "people", ""},
		{"The blast killed a dozen people and injured about 40 others.", sitrep.Wounded, 40, 40, "about", "others", ""},
		{"Up to 2,000 families were displaced by the fighting, the UN said.", sitrep.Displaced, 2000, 2000, "up to", "families", "UN"},
		{"Shelling killed 11 civilians, including nine children, the monitor said.", sitrep.Killed, 11, 11, "exact", "including nine children", ""},
		{"Four soldiers are missing after the ambush, officials said.", sitrep.Missing, 4, 4, "exact", "soldiers", "officials"},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		cl, ok := findClaim(ev, c.kind, c.low)
		if !ok {
			t.Errorf("%q: no %s claim of %d in %+v", c.text, c.kind, c.low, ev.Claims)
			continue
		}
		if cl.CountHigh != c.high || cl.Qualifier != c.qualifier {
			t.Errorf("%q: got %d–%d %q, want %d–%d %q", c.text, cl.CountLow, cl.CountHigh, cl.Qualifier, c.low, c.high, c.qualifier)
		}
		if !strings.Contains(strings.ToLower(cl.Victims), strings.ToLower(c.victims)) {
			t.Errorf("%q: victims %q, want it to contain %q", c.text, cl.Victims, c.victims)
		}
		if !strings.Contains(strings.ToLower(cl.Claimant), strings.ToLower(c.claimant)) {
			t.Errorf("%q: claimant %q, want it to contain %q", c.text, cl.Claimant, c.claimant)
		}
		if cl.Outlet != "Test Wire" {
			t.Errorf("%q: outlet %q", c.text, cl.Outlet)
		}
		if !cl.Span.Valid() {
			t.Errorf("%q: claim without span", c.text)
		}
	}
}

func TestClaimantResolution(t *testing.T) {
	x := New(nil)
	text := "Fighting erupted near the border on Monday. According to the Syrian Observatory for Human Rights, the clashes began at dawn. At least 12 fighters were killed, the monitor said."
	ev := mainEvent(t, x, text, "2021-06-09")
	cl, ok := findClaim(ev, sitrep.Killed, 12)
	if !ok {
		t.Fatalf("no claim of 12: %+v", ev.Claims)
	}
	if !strings.Contains(cl.Claimant, "Syrian Observatory") {
		t.Errorf("claimant %q, want the monitor named before", cl.Claimant)
	}
}

func TestDenialsAndHedges(t *testing.T) {
	x := New(nil)
	ev := mainEvent(t, x, "Air strikes killed 30 civilians in the village, residents said, but the coalition denied it carried out the strikes.", "2021-06-04")
	cl, ok := findClaim(ev, sitrep.Killed, 30)
	if !ok || !cl.Denied {
		t.Errorf("denied claim not kept as denied: %+v", ev.Claims)
	}
	if !strings.Contains(ev.Notes, "Denied") {
		t.Errorf("notes do not show the denial: %q", ev.Notes)
	}
	ev = mainEvent(t, x, "Air strikes hit a market in the town on Monday. The coalition denied it carried out the strikes.", "2021-06-09")
	if !strings.Contains(ev.Notes, "Denied by Global Coalition") {
		t.Errorf("a denial without figures is not kept in the notes: %q", ev.Notes)
	}
	ev = mainEvent(t, x, "Gunmen believed to belong to the Islamic State killed two farmers, police said.", "2021-06-04")
	cl, ok = findClaim(ev, sitrep.Killed, 2)
	if !ok || !cl.Hedged {
		t.Errorf("hedged claim not marked: %+v", ev.Claims)
	}
}

func TestActorRoles(t *testing.T) {
	x := New(newFakeGeo())
	cases := []struct {
		text, actor1, actor2 string
		interaction          int
	}{
		{"On 3 June 2021, Taliban militants attacked Afghan security forces in Kandahar.", "Taliban", "Military Forces of Afghanistan (2014-)", 12},
		{"On 3 June 2021, two soldiers were killed by Taliban militants in Kandahar.", "Taliban", "Military Forces of Afghanistan (2014-)", 12},
		{"On 3 June 2021, a police convoy came under fire from Al Shabaab militants in Mogadishu.", "Al Shabaab", "Police Forces of Somalia (2017-)", 12},
		{"On 3 June 2021, Boko Haram fighters killed six farmers near Maiduguri.", "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad", "Civilians (Nigeria)", 27},
		{"On 3 June 2021, Turkish forces shelled villages held by the SDF near Aleppo.", "Military Forces of Turkey (2016-)", "QSD: Syrian Democratic Forces", 28},
		{"On 3 June 2021, farmers protested in Lahore against rising fuel prices.", "Protesters (Pakistan)", "", 60},
		{"On 3 June 2021, unidentified gunmen shot dead a trader in Mogadishu.", "Unidentified Armed Group (Somalia)", "Civilians (Somalia)", 37},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		if ev.Actor1 != c.actor1 || ev.Actor2 != c.actor2 || ev.Interaction != c.interaction {
			t.Errorf("%q\n got %q / %q (%d), want %q / %q (%d)", c.text, ev.Actor1, ev.Actor2, ev.Interaction, c.actor1, c.actor2, c.interaction)
		}
	}
}

func TestDates(t *testing.T) {
	x := New(nil)
	// 2021-06-10 is a Thursday.
	cases := []struct {
		text, published string
		date, end       string
		precision       int
	}{
		{"Gunmen attacked a checkpoint on Tuesday, killing two soldiers.", "2021-06-10", "2021-06-08", "", 1},
		{"Gunmen attacked a checkpoint on Thursday, killing two soldiers.", "2021-06-10", "2021-06-10", "", 1},
		{"Gunmen attacked a checkpoint late on Tuesday, killing two soldiers.", "2021-06-10", "2021-06-08", "", 1},
		{"Clashes lasted into the small hours of Wednesday.", "2021-06-10", "2021-06-09", "", 1},
		{"Gunmen attacked a checkpoint overnight, killing two soldiers.", "2021-06-10", "2021-06-09", "", 1},
		{"Gunmen attacked a checkpoint yesterday, killing two soldiers.", "2021-06-10", "2021-06-09", "", 1},
		{"Gunmen attacked a checkpoint today, killing two soldiers.", "2021-06-10", "2021-06-10", "", 1},
		{"Gunmen attacked a checkpoint last week, killing two soldiers.", "2021-06-10", "2021-06-03", "", 2},
		{"Gunmen attacked a checkpoint on 9 May, killing two soldiers.", "2021-06-10", "2021-05-09", "", 1},
		{"Gunmen attacked a checkpoint on May 9, killing two soldiers.", "2021-06-10", "2021-05-09", "", 1},
		{"On 9 May 2020, gunmen attacked a checkpoint, killing two soldiers.", "2020-05-12", "2020-05-09", "", 1},
		{"Fighting between 3 and 5 June killed ten fighters.", "2021-06-10", "2021-06-03", "2021-06-05", 1},
		{"Gunmen attacked checkpoints earlier this month, killing two soldiers.", "2021-06-10", "2021-06-01", "", 3},
		{"Gunmen attacked checkpoints in early May, killing two soldiers.", "2021-06-10", "2021-05-01", "", 3},
		{"Gunmen attacked a checkpoint, killing two soldiers.", "2021-06-10", "2021-06-10", "", 1},
		{"Gunmen attacked a checkpoint on 30 December, killing two soldiers.", "2021-01-02", "2020-12-30", "", 1},
		{"Around 9 May 2020 (as reported), gunmen killed a man.", "2020-05-12", "2020-05-09", "", 2},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, c.published)
		if ev.EventDate != c.date || ev.DateEnd != c.end || ev.TimePrecision != c.precision {
			t.Errorf("%q (published %s)\n got %s..%s p%d, want %s..%s p%d", c.text, c.published, ev.EventDate, ev.DateEnd, ev.TimePrecision, c.date, c.end, c.precision)
		}
	}
}

func TestBackgroundIsNotTheEvent(t *testing.T) {
	x := New(nil)
	text := "Rebels and army troops clashed several times last year. On Monday, an air strike hit a rebel base, killing seven fighters."
	evs := x.Events(doc(text, "2021-06-10"))
	if len(evs) == 0 {
		t.Fatal("no events")
	}
	for _, ev := range evs {
		if ev.EventDate != "" && ev.EventDate < "2021-01-01" {
			t.Errorf("event %s dated %s from background", ev.SubEventType, ev.EventDate)
		}
	}
	if evs[0].SubEventType != "Air/drone strike" || evs[0].EventDate != "2021-06-07" {
		t.Errorf("main event %s on %s, want the air strike on 2021-06-07", evs[0].SubEventType, evs[0].EventDate)
	}
}

func TestFatalities(t *testing.T) {
	x := New(nil)
	iptr := func(p *int) string {
		if p == nil {
			return "null"
		}
		return itoa(*p)
	}
	cases := []struct {
		text      string
		fatal     int
		low, high string
	}{
		{"The army said more than 100 militants were killed. A monitor said it had confirmed 20 dead among the militants.", 20, "20", "100"},
		{"Clashes left several fighters dead.", 3, "null", "null"},
		{"Scores of people were killed when jets bombed the market.", 10, "null", "null"},
		{"Gunmen killed two soldiers and three civilians in the ambush.", 5, "5", "5"},
		{"The attack caused casualties but no deaths were reported.", 0, "0", "0"},
		{"Gunmen attacked a village. Unknown fatalities coded as 10.", 10, "10", "10"},
		{"Gunmen attacked a village, killing 4 people. 4 fatalities.", 4, "4", "4"},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-10")
		if ev.Fatalities != c.fatal || iptr(ev.FatalitiesLow) != c.low || iptr(ev.FatalitiesHigh) != c.high {
			t.Errorf("%q\n got %d (%s–%s), want %d (%s–%s)", c.text, ev.Fatalities, iptr(ev.FatalitiesLow), iptr(ev.FatalitiesHigh), c.fatal, c.low, c.high)
		}
	}
}

func TestDatelineIsNotThePlace(t *testing.T) {
	x := New(newFakeGeo())
	text := "Syria strikes kill 9\nAFP, Beirut :\nAir strikes killed nine civilians in Aleppo on Monday, a monitor said."
	ev := mainEvent(t, x, text, "2021-06-10")
	if ev.Location != "Aleppo" {
		t.Errorf("location %q, want Aleppo", ev.Location)
	}
	if ev.Evidence["location"].Start < strings.Index(text, "Aleppo") {
		t.Errorf("location evidence points before the place name")
	}
}

func TestAgreementIsSeparate(t *testing.T) {
	x := New(newFakeGeo())
	text := "Government troops shelled rebel positions near Aleppo on Monday, killing eight fighters.\nMeanwhile, Russian President Vladimir Putin and Turkish President Tayyip Erdogan agreed by telephone to strengthen coordination on Syria."
	evs := x.Events(doc(text, "2021-06-10"))
	if len(evs) < 2 {
		t.Fatalf("got %d events, want the strike and the agreement", len(evs))
	}
	if evs[0].SubEventType != "Shelling/artillery/missile attack" {
		t.Errorf("main event %s", evs[0].SubEventType)
	}
	ag := evs[1]
	if ag.SubEventType != "Agreement" || !strings.Contains(ag.Actor1+ag.Actor2, "Russia") || !strings.Contains(ag.Actor1+ag.Actor2, "Turkey") {
		t.Errorf("agreement event: %s %q %q", ag.SubEventType, ag.Actor1, ag.Actor2)
	}
	if ag.Location == "Aleppo" || ag.Fatalities != 0 {
		t.Errorf("agreement borrowed the strike's place or toll: %q %d", ag.Location, ag.Fatalities)
	}
}

func TestSpans(t *testing.T) {
	x := New(newFakeGeo())
	cases := []struct{ text, typ, want string }{
		{"On Monday, Islamic State militants killed 12 soldiers in Aleppo.", "Temporal", "Monday"},
		{"On Monday, Islamic State militants killed 12 soldiers in Aleppo.", "Quantity", "12"},
		{"On Monday, Islamic State militants killed 12 soldiers in Aleppo.", "Organisation", "Islamic State"},
		{"On Monday, Islamic State militants killed 12 soldiers in Aleppo.", "Location", "Aleppo"},
		{"The siege lasted three weeks in 2016.", "Temporal", "three weeks"},
		{"The siege lasted three weeks in 2016.", "Temporal", "2016"},
		{"The shells fell 500 metres from the camp.", "Quantity", "500 metres"},
		{"The Ministry of Higher Education closed the schools.", "Organisation", "Ministry of Higher Education"},
		{"Officials from the UN visited the camp.", "Organisation", "UN"},
	}
	for _, c := range cases {
		found := false
		for _, s := range x.Spans(c.text)[c.typ] {
			if c.text[s.Start:s.End] == c.want || strings.TrimPrefix(c.text[s.Start:s.End], "the ") == c.want {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no %s span %q in %v", c.text, c.typ, c.want, x.Spans(c.text)[c.typ])
		}
	}
}

func TestExplain(t *testing.T) {
	x := New(newFakeGeo())
	d := doc("Air strikes killed nine civilians in Aleppo on Monday, a monitor said.", "2021-06-10")
	evs := x.Events(d)
	var b bytes.Buffer
	if err := Explain(&b, d, evs); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, w := range []string{"⟦Aleppo⟧", "E1:location", "E1:claims[0]", "E1:event_date"} {
		if !strings.Contains(out, w) {
			t.Errorf("explain output lacks %q:\n%s", w, out)
		}
	}
	if err := Explain(&b, nil, nil); err == nil {
		t.Error("Explain(nil document) gave no error")
	}
}

func TestEmptyAndOddInput(t *testing.T) {
	x := New(nil)
	for _, text := range []string{"", "   ", "!!!", "42", "On", "May", "killed", "“”", "\xff\xfe", strings.Repeat("a ", 1000)} {
		_ = x.Events(doc(text, ""))
		_ = x.Spans(text)
	}
	if evs := x.Events(nil); evs != nil {
		t.Errorf("Events(nil) = %v", evs)
	}
}

func FuzzEvents(f *testing.F) {
	f.Add("On 9 May 2020, gunmen killed 3 people in a village. 3 fatalities.", int64(1589000000))
	f.Add("Air strikes killed at least 100, a US official said, between 3 and 5 May.", int64(0))
	f.Add("Twenty-three soldiers were wounded late on Tuesday; dozens of civilians fled.", int64(1500000000))
	x := New(newFakeGeo())
	f.Fuzz(func(t *testing.T, text string, ts int64) {
		d := doc(text, "")
		if ts > 0 && ts < 1<<40 {
			d.Published = time.Unix(ts, 0).UTC()
		}
		evs := x.Events(d)
		if len(evs) > maxEvents {
			t.Errorf("%d events", len(evs))
		}
		for _, ev := range evs {
			for k, sp := range ev.Evidence {
				if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
					t.Errorf("evidence %s %v outside text of %d bytes", k, sp, len(text))
				}
			}
		}
		_ = x.Spans(text)
	})
}

func TestPLOVER(t *testing.T) {
	x := New(nil)
	cases := []struct{ text, plover string }{
		{"The rebels threatened to attack the capital unless the government resigned.", "THREATEN"},
		{"The opposition demanded the immediate release of its leaders.", "DEMAND"},
		{"The government rejected the proposal for talks with the rebels.", "REJECT"},
		{"The two presidents agreed to reopen their embassies.", "AGREE"},
		{"The foreign minister condemned the arrests of journalists.", "DISAPPROVE"},
		{"The army withdrew its troops from the border town.", "RETREAT"},
		{"Air strikes hit rebel positions near the border on Monday.", "FIGHT"},
		{"Thousands of workers protested in the capital over unpaid wages.", "PROTEST"},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-10")
		if ev.PLOVER != c.plover {
			t.Errorf("%q: PLOVER %q, want %q", c.text, ev.PLOVER, c.plover)
		}
		if ev.CAMEO == "" || lex.ploverCAMEO[ev.PLOVER] == "" {
			t.Errorf("%q: no CAMEO code for %s", c.text, ev.PLOVER)
		}
	}
}

func TestSingleVictims(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text  string
		fatal int
	}{
		{"Gunmen killed the deputy commander of the militia on Sunday.", 1},
		{"A prisoner died in police custody, a rights group said.", 1},
		{"A judge of the provincial court was killed by unknown gunmen.", 1},
		{"Unknown gunmen shot dead a shopkeeper in the market.", 1},
		{"Two gunmen shot and killed a farmer near the village.", 1},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-10")
		if ev.Fatalities != c.fatal {
			t.Errorf("%q: fatalities %d, want %d (claims %+v)", c.text, ev.Fatalities, c.fatal, ev.Claims)
		}
	}
}

func TestWrittenDates(t *testing.T) {
	x := New(nil)
	cases := []struct{ text, published, date, end string }{
		{"Clashes erupted on Dec. 10, 2016 near the airport.", "2016-12-12", "2016-12-10", ""},
		{"Clashes erupted on 18.10.2014 near the airport.", "", "2014-10-18", ""},
		{"Fighting between May 15-24 killed dozens of fighters.", "2020-05-30", "2020-05-15", "2020-05-24"},
		{"Wed 05 Apr 2017 Gunmen killed two soldiers on Tuesday.", "", "2017-04-04", ""},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, c.published)
		if ev.EventDate != c.date || ev.DateEnd != c.end {
			t.Errorf("%q: %s..%s, want %s..%s", c.text, ev.EventDate, ev.DateEnd, c.date, c.end)
		}
	}
}

func TestPlaceInParenthesesIsContext(t *testing.T) {
	g := newFakeGeo()
	g.places["Deir ez-Zor"] = sitrep.Place{Location: "Deir ez-Zor", Country: "Syria", ISO3: "SYR", Admin1: "Deir ez-Zor", GeonameID: 170794, Latitude: 35.33, Longitude: 40.14, Precision: 1}
	x := New(g)
	ev := mainEvent(t, x, "On 3 May 2020, regime forces shelled Khasham (Deir ez-Zor), killing two fighters.", "2020-05-05")
	if ev.Location != "Khasham" {
		t.Errorf("location %q, want Khasham, not the province named in brackets", ev.Location)
	}
}

// TestNobodyKilled: "no one was killed" is a toll of zero, not a claim of
// one death beside it.
func TestNobodyKilled(t *testing.T) {
	x := New(nil)
	for _, text := range []string{
		"Shells hit houses on the edge of the town on Monday, wounding three people. No one was killed, the mayor said.",
		"Gunmen fired on a checkpoint on Monday, officials said, but no one was hurt and no one was killed.",
	} {
		ev := mainEvent(t, x, text, "2021-06-08")
		if ev.Fatalities != 0 {
			t.Errorf("%q: fatalities %d, want 0 (claims %+v)", text, ev.Fatalities, ev.Claims)
		}
		for _, c := range ev.Claims {
			if c.Kind == sitrep.Killed && c.CountLow != 0 {
				t.Errorf("%q: a claim of %d killed: %+v", text, c.CountLow, c)
			}
		}
	}
}

// TestDatelineOpensTheLead: the sentence a wire dateline opens is the
// lead, however many sentences follow it; the headline names no one, so
// the parties come from the lead.
func TestDatelineOpensTheLead(t *testing.T) {
	x := New(nil)
	for _, text := range []string{
		"Shelling damages homes on edge of town\n\nKyiv, May 9 (Reuters) - Russian forces shelled a residential district overnight, wounding four people, the governor said on Saturday.",
		"Shelling damages homes on edge of town\n\nKyiv, May 9 (Reuters) - Russian forces shelled a residential district overnight, wounding four people, the governor said on Saturday.\nEmergency crews put out three fires. Residents said the strikes began after midnight.",
	} {
		ev := mainEvent(t, x, text, "2024-05-11")
		if !strings.Contains(ev.Actor1+ev.Actor2, "Russia") {
			t.Errorf("%q: actors %q and %q, want Russia's forces from the lead", text, ev.Actor1, ev.Actor2)
		}
	}
}
