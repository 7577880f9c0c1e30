package eval

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// writeCSV writes a header and rows to a temporary file and returns its path.
func writeCSV(t *testing.T, header []string, rows ...[]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "set.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write(header)
	w.WriteAll(rows)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// byID is a fake System.Extract returning fixed events per document ID and
// remembering the documents it saw.
type byID struct {
	events map[string][]sitrep.Event
	mu     sync.Mutex
	seen   map[string]*sitrep.Document
}

func (b *byID) extract(doc *sitrep.Document) []sitrep.Event {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.seen == nil {
		b.seen = map[string]*sitrep.Document{}
	}
	b.seen[doc.ID] = doc
	return b.events[doc.ID]
}

func wantFigures(t *testing.T, figs []Figure, want map[string]Figure) {
	t.Helper()
	got := figureMap(figs)
	for key, w := range want {
		g, ok := got[key]
		if !ok {
			t.Errorf("%s: not computed", key)
			continue
		}
		if math.Abs(g.Value-w.Value) > 0.05 || g.N != w.N || g.Target != Targets[key] {
			t.Errorf("%s = %.2f (n=%d, target %.0f), want %.2f (n=%d, target %.0f)", key, g.Value, g.N, g.Target, w.Value, w.N, Targets[key])
		}
	}
}

var acledHeader = []string{"data_id", "event_date", "event_type", "sub_event_type", "interaction", "country", "iso3",
	"latitude", "longitude", "source", "notes", "fatalities", "timestamp"}

func TestACLED(t *testing.T) {
	clashNote := "On 3 May 2020, herders clashed with police near the river, and two officers were killed."
	path := writeCSV(t, acledHeader,
		[]string{"1", "3-May-20", "Battles", "Armed clash", "12", "Kenya", "KEN", "1.0", "37.0", "Daily Example", clashNote, "2", "1588683600"},
		[]string{"2", "4-May-20", "Protests", "Peaceful protest", "60", "Peru", "PER", "-12.0", "-77.0", "Example Radio", "On 4 May 2020, nurses marched in the capital over unpaid wages.", "0", "1588723200"},
		[]string{"3", "5-May-20", "Violence against civilians", "Attack", "27", "Mali", "MLI", "14.0", "-4.0", "Example Wire", "Gunmen attacked a village at dawn. Unknown fatalities coded as 10.", "10", "1588809600"},
	)
	sys := &byID{events: map[string][]sitrep.Event{
		"acled:1": {{
			EventType: "Battles", SubEventType: "Mob violence", Inter1: 1, Inter2: 2,
			Place:     sitrep.Place{Country: "kenya", Latitude: 1.18, Longitude: 37.0}, // 20 km north
			EventDate: "2020-05-03", Fatalities: 2,
		}},
		"acled:3": {{
			EventType: "Violence against civilians", SubEventType: "Attack", Interaction: 27,
			Place:     sitrep.Place{Country: "Republic of Mali", ISO3: "MLI", Latitude: 14.27, Longitude: -4.0}, // 30 km
			EventDate: "2020-05-04", Fatalities: 10,
		}, {EventType: "Protests"}},
	}}
	figs, err := ACLED(path, System{Extract: sys.extract})
	if err != nil {
		t.Fatal(err)
	}
	third := 100.0 / 3
	wantFigures(t, figs, map[string]Figure{
		"acled/event_type":          {Value: 2 * third, N: 3},
		"acled/sub_event_type":      {Value: third, N: 3},
		"acled/country":             {Value: 2 * third, N: 3},
		"acled/within_25km":         {Value: third, N: 3},
		"acled/event_date":          {Value: third, N: 3},
		"acled/interaction":         {Value: 2 * third, N: 3},
		"acled/fatalities":          {Value: 100, N: 1},
		"acled/fatalities_coded_as": {Value: 100, N: 1},
		"acled/fatalities_all":      {Value: 2 * third, N: 3}, // no event is wrong even on a zero toll
		"acled/events_per_note":     {Value: 1, N: 3},
	})
	doc := sys.seen["acled:1"]
	if doc == nil {
		t.Fatal("row 1 never extracted")
	}
	if doc.Text != clashNote || doc.Outlet != "Daily Example" {
		t.Errorf("document text %q outlet %q, want the note and its source", doc.Text, doc.Outlet)
	}
	if want := time.Date(2020, 5, 5, 0, 0, 0, 0, time.UTC); !doc.Published.Equal(want) {
		t.Errorf("published %v, want the timestamp's date %v", doc.Published, want)
	}
}

func TestACLEDBadRow(t *testing.T) {
	path := writeCSV(t, acledHeader,
		[]string{"77", "3-May-20", "Battles", "Armed clash", "12", "Kenya", "KEN", "1.0", "37.0", "X", "Some note.", "many", "1588683600"})
	_, err := ACLED(path, System{Extract: func(*sitrep.Document) []sitrep.Event { return nil }})
	if err == nil || !strings.Contains(err.Error(), "row 77") || !strings.Contains(err.Error(), "fatalities") {
		t.Errorf("error = %v, want one naming row 77 and the field", err)
	}
	missing := writeCSV(t, []string{"data_id", "notes"}, []string{"1", "A note."})
	if _, err := ACLED(missing, System{}); err == nil || !strings.Contains(err.Error(), "no column") {
		t.Errorf("error = %v, want a missing column", err)
	}
}

func TestFAKES(t *testing.T) {
	header := []string{"unit_id", "article_title", "article_content", "source", "date", "location", "labels"}
	path := writeCSV(t, header,
		[]string{"a1", "Shelling hits market", "Shells fell on a market in the eastern city on Monday", "wire", "3/14/2016", "deir ezzor", "1"},
		[]string{"a2", "Raid near capital", "Jets struck a suburb east of the capital", "paper", "2/1/2018", "damascus", "0"},
		[]string{"a3", "Convoy attacked", "A convoy was ambushed on the northern road", "radio", "unknown", "idlib", "1"},
		[]string{"a4", "Talks resume", "Delegates met again to discuss a truce", "tv", "5/5/2017", "aleppo", "0"},
	)
	sys := &byID{events: map[string][]sitrep.Event{
		"fakes:1:a1": {{Place: sitrep.Place{Admin1: "Dayr az Zawr"}}},
		"fakes:2:a2": {{Place: sitrep.Place{Admin1: "Rif Dimashq"}}},
		"fakes:3:a3": {{Place: sitrep.Place{Admin1: "Aleppo"}}, {Place: sitrep.Place{Admin1: "Idleb"}}},
	}}
	figs, err := FAKES(path, System{Extract: sys.extract})
	if err != nil {
		t.Fatal(err)
	}
	wantFigures(t, figs, map[string]Figure{
		"fakes/admin1":             {Value: 50, N: 4},
		"fakes/admin1_any":         {Value: 75, N: 4},
		"fakes/events_per_article": {Value: 1, N: 4},
	})
	if d := sys.seen["fakes:1:a1"]; d.Text != "Shelling hits market\nShells fell on a market in the eastern city on Monday" || d.PublishedDate() != "2016-03-14" {
		t.Errorf("a1 read as text %q published %q", d.Text, d.PublishedDate())
	}
	if d := sys.seen["fakes:3:a3"]; !d.Published.IsZero() {
		t.Errorf("a3 has an unparseable date but published %v", d.Published)
	}
}

func TestPLOVER(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plover.json")
	os.WriteFile(path, []byte(`[
{"id": "doc", "event": "DOCUMENT", "eventText": "about this file"},
{"id": "p1", "date": "2001-02-03", "event": "ASSAULT", "text": "A bomb in the bus station killed four people and hurt two.", "dead": "4", "injured": "2"},
{"id": "p2", "event": "PROTEST", "text": "Farmers rallied outside parliament.", "target": ""},
{"id": "p3", "event": "FIGHT", "text": "Two border units exchanged fire; one soldier died.", "dead": 1},
{"id": "p4", "event": "AGREE", "text": "The two ministers agreed to reopen the crossing."}
]`), 0o644)
	sys := &byID{events: map[string][]sitrep.Event{
		"plover:p1": {{PLOVER: "assault", Fatalities: 4, Claims: []sitrep.Claim{{Kind: sitrep.Killed, CountLow: 4, CountHigh: 4}, {Kind: sitrep.Wounded, CountLow: 2, CountHigh: 2}}}},
		"plover:p2": {{PLOVER: "DEMAND"}},
		"plover:p3": {{PLOVER: "FIGHT", Fatalities: 2}},
	}}
	figs, err := PLOVER(path, System{Extract: sys.extract})
	if err != nil {
		t.Fatal(err)
	}
	wantFigures(t, figs, map[string]Figure{
		"plover/event_type": {Value: 50, N: 4},
		"plover/dead":       {Value: 50, N: 2},
		"plover/injured":    {Value: 100, N: 1},
	})
	if _, ok := sys.seen["plover:doc"]; ok {
		t.Error("the documentation record was extracted")
	}
	if got := sys.seen["plover:p1"].PublishedDate(); got != "2001-02-03" {
		t.Errorf("p1 published %q, want its date", got)
	}
}

func TestRe3d(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "some-source")
	os.MkdirAll(src, 0o755)
	// Non-ASCII before the mentions: code point and byte offsets differ.
	text := "Café owners in Ḥamāh said the army entered the town on 3 March, with 40 tanks."
	cp := func(sub string) (int, int) {
		i := strings.Index(text, sub)
		s := len([]rune(text[:i]))
		return s, s + len([]rune(sub))
	}
	ent := func(typ, sub string) string {
		b, e := cp(sub)
		return `{"begin": ` + strconv.Itoa(b) + `, "end": ` + strconv.Itoa(e) + `, "type": "` + typ + `", "documentId": "D1"}`
	}
	os.WriteFile(filepath.Join(src, "documents.json"), []byte(`{"_id": "D1", "text": "`+text+`"}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(src, "entities.json"), []byte(strings.Join([]string{
		ent("Location", "Ḥamāh"),
		ent("Location", "the town"),
		ent("Organisation", "the army"),
		ent("Temporal", "3 March"),
		ent("Quantity", "40 tanks"),
		ent("Person", "Café owners"),
	}, "\n")+"\n"), 0o644)
	byteSpan := func(sub string) sitrep.Span {
		i := strings.Index(text, sub)
		return sitrep.Span{Start: i, End: i + len(sub)}
	}
	sys := System{Spans: func(s string) map[string][]sitrep.Span {
		if s != text {
			t.Errorf("Spans got %q", s)
		}
		return map[string][]sitrep.Span{
			"Location":     {byteSpan("Ḥamāh"), byteSpan("Café"), byteSpan("town")}, // exact, wrong (a Person), determiner trimmed
			"Organisation": {byteSpan("army")},                                      // determiner trimmed
			"Temporal":     {byteSpan("on 3 March"), byteSpan("on 3 March")},        // duplicate counted once
			"Quantity":     {{Start: 5, End: 4}},                                    // invalid
		}
	}}
	figs, err := Re3d(dir, sys)
	if err != nil {
		t.Fatal(err)
	}
	wantFigures(t, figs, map[string]Figure{
		"re3d/Location/precision":        {Value: 200.0 / 3, N: 3, Target: 80},
		"re3d/Location/recall":           {Value: 100, N: 2, Target: 85},
		"re3d/Location/precision_exact":  {Value: 100.0 / 3, N: 3},
		"re3d/Location/recall_exact":     {Value: 50, N: 2},
		"re3d/Organisation/precision":    {Value: 100, N: 1},
		"re3d/Organisation/recall_exact": {Value: 0, N: 1},
		"re3d/Temporal/precision":        {Value: 100, N: 1},
		"re3d/Temporal/recall":           {Value: 100, N: 1, Target: 80},
		"re3d/Temporal/precision_exact":  {Value: 0, N: 1},
		"re3d/Quantity/precision":        {Value: 0, N: 1},
		"re3d/Quantity/recall":           {Value: 0, N: 1, Target: 80},
	})
}

func TestRe3dErrors(t *testing.T) {
	if _, err := Re3d(t.TempDir(), System{}); err == nil || !strings.Contains(err.Error(), "Spans") {
		t.Errorf("no Spans: error = %v", err)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "x"), 0o755)
	os.WriteFile(filepath.Join(dir, "x", "documents.json"), []byte(`{"_id": "D9", "text": "short"}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "x", "entities.json"), []byte(`{"begin": 2, "end": 40, "type": "Location", "documentId": "D9"}`+"\n"), 0o644)
	sys := System{Spans: func(string) map[string][]sitrep.Span { return nil }}
	if _, err := Re3d(dir, sys); err == nil || !strings.Contains(err.Error(), "D9") {
		t.Errorf("gold outside text: error = %v, want one naming D9", err)
	}
}
