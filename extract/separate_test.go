package extract

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func TestBackgroundEvents(t *testing.T) {
	x := New(newFakeGeo())
	cases := []struct {
		name, text string
		wantSub    string // "" when no background event is wanted
		wantPlace  string
	}{
		{
			name:    "clash last year, place only in main sentence",
			text:    "Government troops shelled rebel positions near Aleppo on Monday, killing six fighters.\nArmy troops and rebels clashed several times in the area last year.",
			wantSub: "Armed clash",
		},
		{
			name:      "abduction in recent months names its own place",
			text:      "Police arrested four men in Lahore on Tuesday.\nGunmen have kidnapped a dozen traders in Kandahar in recent months.",
			wantSub:   "Abduction/forced disappearance",
			wantPlace: "Kandahar",
		},
		{
			name: "a running toll is not an incident",
			text: "Jets bombed a market near Aleppo on Monday, killing nine civilians.\nThe war has killed hundreds of thousands of people since 2011.",
		},
		{
			name: "vague time in another clause than the act",
			text: "Jets bombed a market near Aleppo on Monday, killing nine civilians; the town had been calm for much of last year.",
		},
	}
	for _, c := range cases {
		evs := x.Events(doc(c.text, "2021-06-10"))
		if len(evs) == 0 {
			t.Fatalf("%s: no events", c.name)
		}
		if strings.HasPrefix(evs[0].Notes, "Background") || evs[0].EventDate == "" {
			t.Errorf("%s: background displaced the main event: %+v", c.name, evs[0])
		}
		var bg []sitrep.Event
		for _, ev := range evs {
			if strings.HasPrefix(ev.Notes, "Background") {
				bg = append(bg, ev)
			}
		}
		if c.wantSub == "" {
			if len(bg) > 0 {
				t.Errorf("%s: unwanted background event %s", c.name, bg[0].SubEventType)
			}
			continue
		}
		if len(bg) != 1 {
			t.Errorf("%s: %d background events, want 1", c.name, len(bg))
			continue
		}
		b := bg[0]
		if b.SubEventType != c.wantSub {
			t.Errorf("%s: background typed %s, want %s", c.name, b.SubEventType, c.wantSub)
		}
		if b.EventDate != "" || b.DateEnd != "" || b.TimePrecision != 3 {
			t.Errorf("%s: background dated %q..%q p%d, want no date and precision 3", c.name, b.EventDate, b.DateEnd, b.TimePrecision)
		}
		if b.Location != c.wantPlace || b.Location == evs[0].Location && b.Location != "" && c.wantPlace == "" {
			t.Errorf("%s: background placed at %q, want %q (main at %q)", c.name, b.Location, c.wantPlace, evs[0].Location)
		}
		if _, ok := b.Evidence["event_date"]; !ok {
			t.Errorf("%s: no evidence for the vague time", c.name)
		}
	}
}

func TestBackgroundClashHasBothSides(t *testing.T) {
	x := New(nil)
	text := "An air strike hit a rebel base on Monday, killing seven fighters.\nRegime and SDF fighters clashed repeatedly last year."
	for _, ev := range x.Events(doc(text, "2021-06-10")) {
		if !strings.HasPrefix(ev.Notes, "Background") {
			continue
		}
		sides := ev.Actor1 + " / " + ev.Actor2
		if !strings.Contains(sides, "Syria") || !strings.Contains(sides, "Syrian Democratic Forces") {
			t.Errorf("background clash between %s, want the regime and the SDF", sides)
		}
		return
	}
	t.Error("no background event")
}

func TestSeparateIncidents(t *testing.T) {
	x := New(newFakeGeo())
	cases := []struct {
		name, text string
		events     int    // violent events wanted
		place2     string // place of the second, when split
		claims1    int    // claims on the main event
	}{
		{
			name:    "separate attack in another city",
			text:    "Government jets bombed rebel positions near Aleppo on Monday, killing eight fighters, a monitor said.\nIn a separate attack, a roadside bomb killed two soldiers in Kandahar on Tuesday.",
			events:  2,
			place2:  "Kandahar",
			claims1: 1,
		},
		{
			name:    "elsewhere, same day, other place",
			text:    "Gunmen shot dead three shopkeepers in Lahore on Monday.\nElsewhere, a suicide bomber killed five people at a market in Mogadishu on Monday.",
			events:  2,
			place2:  "Mogadishu",
			claims1: 1,
		},
		{
			name:    "strike within the battle joins it",
			text:    "Rebels and army troops clashed near Aleppo on Monday, leaving ten fighters dead.\nMeanwhile, army helicopters struck rebel positions near Aleppo during the fighting on Monday.",
			events:  1,
			claims1: 1,
		},
		{
			name:    "a later strike at the same place, no separator",
			text:    "Insurgents attacked an army post near Khasham on Monday and fighting went on for hours.\nCoalition aircraft later struck the attackers near Khasham, killing 20 of them.",
			events:  1,
			claims1: 1,
		},
		{
			name:    "separator that refers back to the main act",
			text:    "Jets bombed a market near Aleppo on Monday, killing nine civilians.\nMeanwhile, a rescue group in Kandahar said the attack had killed eleven people.",
			events:  1,
			claims1: 2,
		},
	}
	for _, c := range cases {
		evs := x.Events(doc(c.text, "2021-06-10"))
		var violent []sitrep.Event
		for _, ev := range evs {
			if ev.EventType != "Strategic developments" && !strings.HasPrefix(ev.Notes, "Background") {
				violent = append(violent, ev)
			}
		}
		if len(violent) != c.events {
			t.Errorf("%s: %d violent events, want %d", c.name, len(violent), c.events)
			continue
		}
		if len(evs[0].Claims) != c.claims1 {
			t.Errorf("%s: main event has %d claims, want %d", c.name, len(evs[0].Claims), c.claims1)
		}
		if c.events < 2 {
			continue
		}
		second := violent[1]
		if second.Location != c.place2 || second.Location == evs[0].Location {
			t.Errorf("%s: second incident at %q, want %q (main at %q)", c.name, second.Location, c.place2, evs[0].Location)
		}
		if len(second.Claims) == 0 {
			t.Errorf("%s: second incident lost its own claim", c.name)
		}
		for _, c2 := range second.Claims {
			for _, c1 := range evs[0].Claims {
				if c1.Span == c2.Span {
					t.Errorf("%s: claim %v counted in both events", c.name, c1.Span)
				}
			}
		}
	}
}

func TestOtherPlaceDiplomacyStaysSeparate(t *testing.T) {
	x := New(newFakeGeo())
	text := "Militants attacked an army convoy near Khasham on Tuesday, killing four soldiers.\nSeparately, Russian President Vladimir Putin and Turkish President Tayyip Erdogan agreed by telephone on Wednesday to strengthen coordination on Syria.\nTroops and militants clashed around the town several times last year."
	evs := x.Events(doc(text, "2021-06-10"))
	if len(evs) < 3 {
		t.Fatalf("got %d events, want the attack, the agreement and the background", len(evs))
	}
	if evs[0].EventType == "Strategic developments" || evs[0].Location != "Khasham" {
		t.Errorf("main event %s at %q", evs[0].SubEventType, evs[0].Location)
	}
	var ag *sitrep.Event
	for i := range evs {
		if evs[i].SubEventType == "Agreement" {
			ag = &evs[i]
		}
	}
	if ag == nil {
		t.Fatal("no agreement event")
	}
	if ag.Location == "Khasham" || ag.Fatalities != 0 || len(ag.Claims) != 0 {
		t.Errorf("agreement borrowed the attack's place or toll: %q %d %d", ag.Location, ag.Fatalities, len(ag.Claims))
	}
	last := evs[len(evs)-1]
	if !strings.HasPrefix(last.Notes, "Background") || last.Location != "" || last.EventDate != "" {
		t.Errorf("last event %s at %q on %q, want undated, unplaced background", last.SubEventType, last.Location, last.EventDate)
	}
}

// spanGeo is a geocoder that also reads location spans.
type spanGeo struct{ *fakeGeo }

func (spanGeo) LocationSpans(text string) []sitrep.Span {
	if i := strings.Index(text, "the valley"); i >= 0 {
		return []sitrep.Span{{Start: i, End: i + len("the valley")}}
	}
	return nil
}

func TestSpansUseLocationSpans(t *testing.T) {
	text := "Fighting spread from Aleppo to the valley."
	cases := []struct {
		name string
		geo  Geocoder
		want string
	}{
		{"geocoder with LocationSpans", spanGeo{newFakeGeo()}, "the valley"},
		{"plain geocoder", newFakeGeo(), "Aleppo"},
	}
	for _, c := range cases {
		locs := New(c.geo).Spans(text)["Location"]
		if len(locs) != 1 || text[locs[0].Start:locs[0].End] != c.want {
			t.Errorf("%s: Location spans %v, want only %q", c.name, locs, c.want)
		}
	}
}
