package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// The seed scorer is tested on an invented story and expectation written
// for this test, in the shape of the real expected.json.
const testArticle = `Rebels shell river town, 12 dead
Harbour City (Example Press) - Rebel artillery hit the river town of Lowford on Tuesday.
A ferry waits at the quay in Lowford.
A ferry waits at the quay in Lowford.
block
Twelve soldiers were killed, the army said; a monitor put the toll at 9.
`

const testExpectation = `{
  "input": {"path": "story.txt", "published": "2021-03-04", "outlet": "Example Press"},
  "document": {
    "title": "Rebels shell river town, 12 dead",
    "dateline": {"agency": "Example Press", "place": "Harbour City"},
    "clean_text": {
      "repeated_caption_lines_kept_once": "A ferry waits at the quay in Lowford.",
      "layout_tokens_removed": ["block"]
    }
  },
  "events": [
    {
      "key": "shelling", "required": true,
      "event_type_any": ["Explosions/Remote violence"],
      "sub_event_type_any": ["Shelling/artillery/missile attack"],
      "actors_must_include": [{"any": ["rebel"]}, {"any": ["army", "military forces"]}],
      "location": {"geonameid": 900001, "latitude": 10.0, "longitude": 20.0, "max_km": 10,
                   "admin1_any": ["North Province"], "country_any": ["Examplia", "EX"], "geo_precision_any": [1, 2]},
      "event_date_between": ["2021-03-01", "2021-03-03"],
      "fatalities": {"low": 9, "high_at_least": 12, "best_between": [9, 12]},
      "claims_must_include": [
        {"kind": "killed", "count": 12, "claimant_any": ["army"], "victims_any": ["soldier"]},
        {"kind": "killed", "count": 9, "qualifier_any": ["exact"], "claimant_any": ["monitor"]}
      ]
    },
    {
      "key": "retaliation", "required": false,
      "event_type_any": ["Battles"],
      "location": {"latitude": 10.0, "longitude": 20.0, "max_km": 25}
    },
    {
      "key": "talks", "required": true,
      "event_type_any": ["Strategic developments"],
      "actors_must_include": [{"any": ["governor"]}],
      "location_must_not_be_within_km": {"latitude": 10.0, "longitude": 20.0, "km": 50}
    }
  ],
  "must_not": {
    "claim_counts": [{"count": 3, "why": "a distance"}],
    "event_locations_within_km": [{"name": "Harbour City", "latitude": 11.0, "longitude": 21.0, "km": 30}],
    "event_date_before": {"date": "2021-01-01"},
    "max_events": 3
  }
}`

func writeSeed(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "story.txt"), []byte(testArticle), 0o644)
	os.WriteFile(filepath.Join(dir, "expected.json"), []byte(testExpectation), 0o644)
	return dir
}

// goodReader cleans the test article the way the seed expects: first line
// the title, second the dateline, repeated lines and layout tokens dropped.
func goodReader(t *testing.T) func(string, []byte, time.Time, string) (*sitrep.Document, error) {
	return func(name string, raw []byte, published time.Time, outlet string) (*sitrep.Document, error) {
		if name != "story.txt" || outlet != "Example Press" || published.Format(sitrep.DateLayout) != "2021-03-04" {
			t.Errorf("ReadText(%q, published %v, outlet %q): wrong input", name, published, outlet)
		}
		lines := strings.Split(string(raw), "\n")
		var kept []string
		for i, l := range lines {
			if l == "block" || (i > 0 && l == lines[i-1]) {
				continue
			}
			kept = append(kept, l)
		}
		return &sitrep.Document{
			Title:     lines[0],
			Text:      strings.Join(kept[1:], "\n"),
			Dateline:  &sitrep.Dateline{Agency: "example press", Place: "Harbour City"},
			Published: published,
			Outlet:    outlet,
		}, nil
	}
}

func ptr(n int) *int { return &n }

func goodEvents() []sitrep.Event {
	return []sitrep.Event{
		{
			EventType: "Explosions/Remote violence", SubEventType: "Shelling/artillery/missile attack",
			Actor1: "Rebels of the North", Actor2: "Military Forces of Examplia",
			Place:     sitrep.Place{Location: "Lowford", Country: "Examplia", Admin1: "north province", Latitude: 10.05, Longitude: 20.0, Precision: 1},
			EventDate: "2021-03-02", Fatalities: 9, FatalitiesLow: ptr(9), FatalitiesHigh: ptr(12),
			Claims: []sitrep.Claim{
				{Claimant: "the army", Kind: sitrep.Killed, CountLow: 12, CountHigh: 12, Qualifier: "exact", Victims: "soldiers"},
				{Claimant: "a monitor", Kind: sitrep.Killed, CountLow: 9, CountHigh: 9, Qualifier: "exact"},
			},
		},
		{
			EventType: "Strategic developments", SubEventType: "Agreement", Actor1: "Governor of North Province",
			Place:     sitrep.Place{Location: "Faraway", Country: "Examplia", Latitude: 12.0, Longitude: 20.0},
			EventDate: "2021-03-03",
		},
	}
}

func checkMap(checks []Check) map[string]Check {
	m := make(map[string]Check, len(checks))
	for _, c := range checks {
		m[c.Name] = c
	}
	return m
}

func TestSeedPassing(t *testing.T) {
	dir := writeSeed(t)
	sys := System{
		ReadText: goodReader(t),
		Extract: func(doc *sitrep.Document) []sitrep.Event {
			if doc.Title == "" {
				t.Error("Extract got the document without its title")
			}
			return goodEvents()
		},
	}
	figs, checks, err := Seed(dir, sys)
	if err != nil {
		t.Fatal(err)
	}
	// title, dateline, caption, 1 layout token, 3 events, 1 claim count,
	// 1 place, date before, max events.
	if len(checks) != 11 {
		t.Errorf("got %d checks, want 11: %+v", len(checks), checks)
	}
	for _, c := range checks {
		if !c.OK {
			t.Errorf("check %q failed: %s", c.Name, c.Detail)
		}
	}
	if c := checkMap(checks)["event retaliation (optional)"]; !strings.HasPrefix(c.Detail, "optional, not failed") {
		t.Errorf("optional event not matched should say so, got %q", c.Detail)
	}
	wantFigures(t, figs, map[string]Figure{
		"seed/checks":          {Value: 100, N: 11},
		"seed/required_events": {Value: 100, N: 2},
		"seed/events":          {Value: 2, N: 1},
	})
}

func TestSeedFailing(t *testing.T) {
	dir := writeSeed(t)
	tests := []struct {
		name   string
		change func(doc *sitrep.Document, events []sitrep.Event) []sitrep.Event
		fail   []string // the checks that must fail, and only they
	}{
		{"title", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event {
			d.Title = "Harbour City (Example Press)"
			return e
		},
			[]string{"document title"}},
		{"no dateline", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event { d.Dateline = nil; return e },
			[]string{"document dateline"}},
		{"caption twice and layout kept", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event {
			d.Text += "\nA ferry waits at the quay in Lowford.\n  block  \n"
			return e
		}, []string{"clean text: repeated caption kept once", `clean text: layout token "block" removed`}},
		{"no events", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event { return nil },
			[]string{"event shelling", "event talks"}},
		{"wrong actor", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event { e[0].Actor2 = "Civilians"; return e },
			[]string{"event shelling"}},
		{"too far", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event { e[0].Latitude = 10.2; return e },
			[]string{"event shelling"}},
		{"geonameid rescues a far point", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event {
			e[0].Latitude, e[0].GeonameID = 10.2, 900001
			return e
		}, nil},
		{"low toll is the high one", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event { e[0].FatalitiesLow = ptr(12); return e },
			[]string{"event shelling"}},
		{"claim qualifier", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event {
			e[0].Claims[1].Qualifier = "about"
			return e
		},
			[]string{"event shelling"}},
		{"claim count by high end", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event {
			e[0].Claims[1].CountLow = 7
			return e
		}, nil},
		{"date out of range", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event { e[0].EventDate = "2021-03-04"; return e },
			[]string{"event shelling"}},
		{"talks near the fighting", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event { e[1].Latitude = 10.1; return e },
			[]string{"event talks"}},
		{"forbidden count", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event {
			e[1].Claims = []sitrep.Claim{{Kind: sitrep.Wounded, CountLow: 1, CountHigh: 3}}
			return e
		}, []string{"must not: claim count 3"}},
		{"event at the dateline", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event {
			return append(e, sitrep.Event{EventType: "Protests", Place: sitrep.Place{Latitude: 11.1, Longitude: 21.0}})
		}, []string{"must not: event within 30 km of Harbour City"}},
		{"background dated", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event {
			return append(e, sitrep.Event{EventType: "Battles", EventDate: "2020-06-01"})
		}, []string{"must not: event dated before 2021-01-01"}},
		{"too many", func(d *sitrep.Document, e []sitrep.Event) []sitrep.Event {
			return append(e, sitrep.Event{}, sitrep.Event{})
		}, []string{"must not: more than 3 events"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			read := goodReader(t)
			var doc *sitrep.Document
			sys := System{
				ReadText: func(name string, raw []byte, p time.Time, o string) (*sitrep.Document, error) {
					d, err := read(name, raw, p, o)
					doc = d
					return d, err
				},
				Extract: func(*sitrep.Document) []sitrep.Event { return tt.change(doc, goodEvents()) },
			}
			figs, checks, err := Seed(dir, sys)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]bool{}
			for _, n := range tt.fail {
				want[n] = true
			}
			m := checkMap(checks)
			for n := range want {
				if _, ok := m[n]; !ok {
					t.Errorf("no check named %q", n)
				}
			}
			for _, c := range checks {
				if c.OK == want[c.Name] {
					t.Errorf("check %q OK = %v, want %v (%s)", c.Name, c.OK, !want[c.Name], c.Detail)
				}
			}
			if got := figureMap(figs)["seed/checks"]; got.N != len(checks) || got.Value != percent(len(checks)-len(tt.fail), len(checks)) {
				t.Errorf("seed/checks = %.1f of %d, want %d failing", got.Value, got.N, len(tt.fail))
			}
		})
	}
}

func TestSeedErrors(t *testing.T) {
	dir := writeSeed(t)
	_, _, err := Seed(dir, System{ReadText: func(string, []byte, time.Time, string) (*sitrep.Document, error) {
		panic("bad reader")
	}, Extract: func(*sitrep.Document) []sitrep.Event { return nil }})
	if err == nil || !strings.Contains(err.Error(), "story.txt") {
		t.Errorf("panicking reader: error = %v, want one naming the article", err)
	}
	if _, _, err := Seed(t.TempDir(), System{}); err == nil {
		t.Error("missing expected.json: no error")
	}
}
