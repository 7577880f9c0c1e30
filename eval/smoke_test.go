package eval

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// These tests run the scorers on the real sets in ../shared with fake
// systems: a trivial one, whose figures the test can count from the data
// itself, and oracles that answer with the gold, which must score 100.
// They check that every row is read and every conversion (dates, offsets,
// governorate spellings) agrees with the data.

func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := FindShared(".")
	if err != nil {
		t.Skipf("real evaluation data not found (../shared beside the repository): %v", err)
	}
	return dir
}

func readRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		rows = append(rows, m)
	}
	return rows
}

func TestRealACLED(t *testing.T) {
	path := filepath.Join(sharedDir(t), ACLEDPath)
	rows := readRows(t, path)
	if len(rows) != 1240 {
		t.Fatalf("the dev split has %d rows, its README says 1,240", len(rows))
	}
	protests, zero := 0, 0
	for _, r := range rows {
		if r["event_type"] == "Protests" {
			protests++
		}
		if r["fatalities"] == "0" {
			zero++
		}
	}
	trivial := System{Extract: func(*sitrep.Document) []sitrep.Event { return []sitrep.Event{{EventType: "Protests"}} }}
	figs, err := ACLED(path, trivial)
	if err != nil {
		t.Fatal(err)
	}
	got := figureMap(figs)
	for _, name := range []string{"event_type", "sub_event_type", "country", "within_25km", "event_date", "interaction", "fatalities_all"} {
		if f := got["acled/"+name]; f.N != 1240 {
			t.Errorf("acled/%s over %d rows, want 1240", name, f.N)
		}
	}
	wantFigures(t, figs, map[string]Figure{
		"acled/event_type":     {Value: percent(protests, 1240), N: 1240},
		"acled/fatalities_all": {Value: percent(zero, 1240), N: 1240},
		"acled/country":        {Value: 0, N: 1240},
	})
	stated, coded := got["acled/fatalities"].N, got["acled/fatalities_coded_as"].N
	if stated == 0 || coded == 0 || stated+coded > 1240 {
		t.Errorf("fatalities over %d stated and %d coded rows: want both some and at most 1240 together", stated, coded)
	}
	t.Logf("fatalities figure over %d rows stating a toll, %d applying a convention", stated, coded)

	gold := map[string]sitrep.Event{}
	for _, r := range rows {
		d, err := time.Parse("2-Jan-06", r["event_date"])
		if err != nil {
			t.Fatal(err)
		}
		lat, _ := strconv.ParseFloat(r["latitude"], 64)
		lon, _ := strconv.ParseFloat(r["longitude"], 64)
		inter, _ := strconv.Atoi(r["interaction"])
		fat, _ := strconv.Atoi(r["fatalities"])
		gold["acled:"+r["data_id"]] = sitrep.Event{
			EventType: r["event_type"], SubEventType: r["sub_event_type"], Interaction: inter,
			Place:     sitrep.Place{Country: strings.ToUpper(r["country"]), Latitude: lat, Longitude: lon},
			EventDate: d.Format(sitrep.DateLayout), Fatalities: fat,
		}
	}
	oracle := System{Extract: func(doc *sitrep.Document) []sitrep.Event {
		if doc.Published.IsZero() || doc.Outlet == "" {
			t.Errorf("%s: published %v outlet %q", doc.ID, doc.Published, doc.Outlet)
		}
		return []sitrep.Event{gold[doc.ID]}
	}}
	figs, err = ACLED(path, oracle)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		if f.Name != "events_per_note" && f.Value != 100 {
			t.Errorf("oracle scores %s = %.1f, want 100", f.Key(), f.Value)
		}
	}
}

func TestRealFAKES(t *testing.T) {
	path := filepath.Join(sharedDir(t), FAKESPath)
	rows := readRows(t, path)
	loc := map[string]string{}
	for i, r := range rows {
		loc[fmt.Sprintf("fakes:%d:%s", i+1, r["unit_id"])] = r["location"]
	}
	// The oracle answers with the gold label itself: every FA-KES spelling
	// must normalise to a governorate.
	oracle := System{Extract: func(doc *sitrep.Document) []sitrep.Event {
		return []sitrep.Event{{Place: sitrep.Place{Admin1: loc[doc.ID]}}}
	}}
	figs, err := FAKES(path, oracle)
	if err != nil {
		t.Fatal(err)
	}
	wantFigures(t, figs, map[string]Figure{
		"fakes/admin1":             {Value: 100, N: len(rows)},
		"fakes/events_per_article": {Value: 1, N: len(rows)},
	})
	if len(rows) != 394 {
		t.Errorf("FA-KES dev has %d articles, its README says 394", len(rows))
	}
}

func TestRealRe3d(t *testing.T) {
	dir := filepath.Join(sharedDir(t), Re3dPath)
	// The oracle reads the gold itself and answers with it in byte offsets.
	texts := map[string]string{}
	gold := map[string]map[string][]sitrep.Span{}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "documents.json"))
	for _, f := range files {
		eachLine(t, f, func(line []byte) {
			var raw struct {
				ID   string `json:"_id"`
				Text string `json:"text"`
			}
			if err := json.Unmarshal(line, &raw); err != nil {
				t.Fatal(err)
			}
			texts[raw.ID] = raw.Text
		})
		eachLine(t, filepath.Join(filepath.Dir(f), "entities.json"), func(line []byte) {
			var e struct {
				Begin, End int
				Type       string
				DocumentID string `json:"documentId"`
			}
			if err := json.Unmarshal(line, &e); err != nil {
				t.Fatal(err)
			}
			r := []rune(texts[e.DocumentID])
			start := len(string(r[:e.Begin]))
			if gold[texts[e.DocumentID]] == nil {
				gold[texts[e.DocumentID]] = map[string][]sitrep.Span{}
			}
			gold[texts[e.DocumentID]][e.Type] = append(gold[texts[e.DocumentID]][e.Type],
				sitrep.Span{Start: start, End: start + len(string(r[e.Begin:e.End]))})
		})
	}
	if len(texts) != 98 {
		t.Errorf("Re3d has %d documents, its README says 98", len(texts))
	}
	figs, err := Re3d(dir, System{Spans: func(text string) map[string][]sitrep.Span { return gold[text] }})
	if err != nil {
		t.Fatal(err)
	}
	got := figureMap(figs)
	for _, typ := range Re3dTypes {
		for _, m := range []string{"precision", "recall", "precision_exact", "recall_exact"} {
			f := got["re3d/"+typ+"/"+m]
			if f.Value != 100 || f.N == 0 {
				t.Errorf("oracle %s/%s = %.1f over %d, want 100 over some", typ, m, f.Value, f.N)
			}
		}
		if p, r := got["re3d/"+typ+"/precision"].N, got["re3d/"+typ+"/recall"].N; p != r {
			t.Errorf("%s: oracle predicted %d spans but gold has %d", typ, p, r)
		}
	}
	// The oracle makes no mistake; a system that finds nothing misses
	// every distinct gold span and predicts nothing wrong.
	oracle := System{Spans: func(text string) map[string][]sitrep.Span { return gold[text] }}
	none := System{Spans: func(string) map[string][]sitrep.Span { return nil }}
	for _, typ := range Re3dTypes {
		ms, err := Re3dMistakes(dir, oracle, typ)
		if err != nil || len(ms) != 0 {
			t.Errorf("oracle %s: %d mistakes (%v), want none", typ, len(ms), err)
		}
		ms, err = Re3dMistakes(dir, none, typ)
		if err != nil {
			t.Fatal(err)
		}
		misses := 0
		for _, m := range ms {
			if !m.Miss || m.Type != typ || m.Doc == "" || !strings.Contains(m.Context, "[") {
				t.Errorf("empty system %s: unexpected mistake %+v", typ, m)
			}
			misses++
		}
		if n := got["re3d/"+typ+"/recall"].N; misses != n {
			t.Errorf("empty system %s: %d misses, want the %d gold spans", typ, misses, n)
		}
	}
}

// TestRe3dMistakes lists the shipped pipeline's Re3d mistakes of the type
// named by SITREP_RE3D_MISTAKES ("Location", ...), for reading with -v.
func TestRe3dMistakes(t *testing.T) {
	typ := os.Getenv("SITREP_RE3D_MISTAKES")
	if typ == "" {
		t.Skip("set SITREP_RE3D_MISTAKES to a Re3d type to list its mistakes")
	}
	sys, err := Pipeline()
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Re3dMistakes(filepath.Join(sharedDir(t), Re3dPath), sys, typ)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		kind := "wrong"
		if m.Miss {
			kind = "miss"
		}
		t.Logf("%s\t%s\t%s\t%s", kind, m.Doc, m.Text, m.Context)
	}
}

func eachLine(t *testing.T, path string, fn func([]byte)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		if len(strings.TrimSpace(sc.Text())) > 0 {
			fn(sc.Bytes())
		}
	}
}

func TestRealSeed(t *testing.T) {
	dir := filepath.Join(sharedDir(t), SeedPath)
	// Count the checks expected.json asks for, from its raw JSON.
	var exp struct {
		Document struct {
			Title     string
			Dateline  any
			CleanText struct {
				Caption string   `json:"repeated_caption_lines_kept_once"`
				Tokens  []string `json:"layout_tokens_removed"`
			} `json:"clean_text"`
		}
		Events []struct {
			Required bool
		}
		MustNot struct {
			ClaimCounts []any `json:"claim_counts"`
			Near        []any `json:"event_locations_within_km"`
			Before      any   `json:"event_date_before"`
			Max         any   `json:"max_events"`
		} `json:"must_not"`
	}
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatal(err)
	}
	want := 3 + len(exp.Document.CleanText.Tokens) + len(exp.Events) + len(exp.MustNot.ClaimCounts) + len(exp.MustNot.Near) + 2
	required := 0
	for _, e := range exp.Events {
		if e.Required {
			required++
		}
	}
	sys := System{
		ReadText: func(name string, raw []byte, published time.Time, outlet string) (*sitrep.Document, error) {
			return &sitrep.Document{Text: string(raw), Published: published, Outlet: outlet}, nil
		},
		Extract: func(*sitrep.Document) []sitrep.Event { return nil },
	}
	figs, checks, err := Seed(dir, sys)
	if err != nil {
		t.Fatal(err)
	}
	if len(checks) != want {
		t.Errorf("%d checks, want %d from expected.json", len(checks), want)
	}
	wantFigures(t, figs, map[string]Figure{
		"seed/required_events": {Value: 0, N: required},
		"seed/events":          {Value: 0, N: 1},
	})
	// Raw text, no events: title, dateline, cleaning and events fail; the
	// must_not rules and optional events hold.
	for _, c := range checks {
		mustHold := strings.HasPrefix(c.Name, "must not") || strings.HasSuffix(c.Name, "(optional)")
		if c.OK != mustHold {
			t.Errorf("check %q OK = %v on raw text without events (%s)", c.Name, c.OK, c.Detail)
		}
	}
}

func TestRealPLOVER(t *testing.T) {
	path := filepath.Join(sharedDir(t), PLOVERPath)
	var recs []map[string]any
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &recs); err != nil {
		t.Fatal(err)
	}
	coded, dead, injured := 0, 0, 0
	for _, r := range recs {
		if r["text"] == nil || r["event"] == "DOCUMENT" {
			continue
		}
		coded++
		if r["dead"] != nil {
			dead++
		}
		if r["injured"] != nil {
			injured++
		}
	}
	figs, err := PLOVER(path, System{Extract: func(*sitrep.Document) []sitrep.Event { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	wantFigures(t, figs, map[string]Figure{
		"plover/event_type": {Value: 0, N: coded},
		"plover/dead":       {Value: 0, N: dead},
		"plover/injured":    {Value: 0, N: injured},
	})
	if coded != 322 {
		t.Errorf("PLOVER has %d coded records, its README says 322", coded)
	}
}

func TestRealRun(t *testing.T) {
	dir := sharedDir(t)
	sys := System{
		Extract: func(*sitrep.Document) []sitrep.Event { return nil },
		Spans:   func(string) map[string][]sitrep.Span { return nil },
		ReadText: func(name string, raw []byte, published time.Time, outlet string) (*sitrep.Document, error) {
			return &sitrep.Document{Text: string(raw)}, nil
		},
		Cluster: func(_ context.Context, docs []*sitrep.Document, _ [][]sitrep.Event) ([]string, error) {
			return make([]string, len(docs)), nil
		},
	}
	for _, d := range []string{dir, filepath.Join(dir, "data")} {
		figs, err := Run(context.Background(), d, sys)
		if err != nil {
			t.Fatalf("Run(%s): %v", d, err)
		}
		sets := map[string]bool{}
		for _, f := range figs {
			sets[f.Set] = true
		}
		for _, s := range []string{"acled", "fakes", "re3d", "seed", "plover"} {
			if !sets[s] {
				t.Errorf("Run(%s) computed nothing for %s", d, s)
			}
		}
	}
	floors, err := LoadFloors("floors.json")
	if err != nil {
		t.Fatal(err)
	}
	figs, _ := Run(context.Background(), dir, sys)
	for _, msg := range floors.Check(figs, 1) {
		if strings.Contains(msg, "not computed") {
			t.Errorf("floors.json names a figure Run does not compute: %s", msg)
		}
	}
}
