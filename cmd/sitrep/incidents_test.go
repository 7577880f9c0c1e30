package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/sqlite"
)

// corpusDoc is one report of the test corpus.
type corpusDoc struct {
	ID        string `json:"id"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
}

// strikeCorpus is the corpus, in sentences written for this test:
// one air strike on a market in a village of Idlib province, told by five
// outlets in their own words, with tolls of 12, "at least 15" and 20
// according to a monitor and five spellings of the village; and two
// unrelated incidents the same day in the same province.
var strikeCorpus = []corpusDoc{
	{"wire-a", "Northern Wire", "2019-05-08", "Air strike kills 12 at village market",
		"An air strike hit a market in Kafr Nabel in Idlib province on Tuesday, killing 12 civilians, the civil defence said."},
	{"daily-b", "Daily Courier", "2019-05-08", "Warplanes bomb Kafranbel market",
		"Warplanes struck the market of Kafranbel in northwestern Idlib province on Tuesday. At least 15 people were killed, rescuers said."},
	{"monitor-c", "Levant Times", "2019-05-09", "Death toll from Kafr Nobl raid reaches 20",
		"Twenty people were killed when aircraft bombed the market in Kafr Nobl in Idlib province on Tuesday, the Syrian Observatory for Human Rights said."},
	{"radio-d", "Radio Orient", "2019-05-08", "Market in Kfar Nabl hit from the air",
		"An air raid on a crowded market in Kfar Nabl in Idlib province killed 12 people on Tuesday, local medics said."},
	{"post-e", "Evening Post", "2019-05-08", "Civilians die in Kafrnabel air strike",
		"An air strike on the market in Kafrnabel in Idlib province killed at least 15 people on Tuesday, according to rescuers."},
	{"other-f", "Northern Wire", "2019-05-08", "Protesters rally in Saraqib",
		"Hundreds of people protested peacefully in the town of Saraqib in Idlib province on Tuesday against rising bread prices, organisers said."},
	{"other-g", "Daily Courier", "2019-05-08", "Rebels and troops clash near Jisr al-Shughur",
		"Rebel fighters clashed with government troops near Jisr al-Shughur in Idlib province on Tuesday, killing four fighters, a monitor said."},
}

// writeCorpus writes each document as its own JSON Lines file and returns
// the folder.
func writeCorpus(t testing.TB, docs []corpusDoc) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "docs")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		d.Text = d.Title + "\n\n" + d.Text
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, d.ID+".jsonl"), append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// exported is the part of an export line these tests read.
type exported struct {
	ID             string   `json:"id"`
	EventType      string   `json:"event_type"`
	Location       string   `json:"location"`
	Fatalities     int      `json:"fatalities"`
	FatalitiesLow  *int     `json:"fatalities_low"`
	FatalitiesBest *int     `json:"fatalities_best"`
	FatalitiesHigh *int     `json:"fatalities_high"`
	Grade          string   `json:"grade"`
	GradeReasons   []string `json:"grade_reasons"`
	Sources        int      `json:"sources"`
	Reports        []string `json:"reports"`
	Version        int      `json:"version"`
	UpdatedAt      string   `json:"updated_at"`
	Claims         []struct {
		CountLow int `json:"count_low"`
	} `json:"claims"`
	SourcedClaims []struct {
		DocID    string `json:"doc_id"`
		CountLow int    `json:"count_low"`
		Status   string `json:"status"`
	} `json:"sourced_claims"`
}

func exportJSONL(t *testing.T, db string) ([]exported, string) {
	t.Helper()
	code, out, stderr := runCLI(t, "", "export", "--db", db, "--format", "jsonl")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	var incs []exported
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var x exported
		if err := json.Unmarshal([]byte(line), &x); err != nil {
			t.Fatalf("export line is not an incident: %v\n%s", err, line)
		}
		incs = append(incs, x)
	}
	return incs, out
}

func ingestCLI(t *testing.T, db, dir string) {
	t.Helper()
	if code, _, stderr := runCLI(t, "", "ingest", "--db", db, dir); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
}

func holdingDoc(t *testing.T, incs []exported, doc string) exported {
	t.Helper()
	for _, x := range incs {
		if slices.Contains(x.Reports, doc) {
			return x
		}
	}
	t.Fatalf("no incident holds %s", doc)
	return exported{}
}

func TestIngestClustersTheCorpus(t *testing.T) {
	dir := writeCorpus(t, strikeCorpus)
	db := filepath.Join(t.TempDir(), "c.db")
	ingestCLI(t, db, dir)
	incs, first := exportJSONL(t, db)
	if len(incs) != 3 {
		for _, x := range incs {
			t.Logf("incident %s: %s at %s, reports %v", x.ID, x.EventType, x.Location, x.Reports)
		}
		t.Fatalf("%d incidents, want 3", len(incs))
	}
	strike := holdingDoc(t, incs, "wire-a")
	slices.Sort(strike.Reports)
	if want := []string{"daily-b", "monitor-c", "post-e", "radio-d", "wire-a"}; !slices.Equal(strike.Reports, want) {
		t.Errorf("the strike's reports = %v, want %v", strike.Reports, want)
	}
	claimDocs := map[string]bool{}
	figures := map[int]bool{}
	for _, c := range strike.SourcedClaims {
		claimDocs[c.DocID] = true
		figures[c.CountLow] = true
	}
	if len(claimDocs) != 5 || !figures[12] || !figures[15] || !figures[20] {
		t.Errorf("the strike's claims come from %v with figures %v; want claims of all five reports, 12, 15 and 20", claimDocs, figures)
	}
	if strike.FatalitiesLow == nil || *strike.FatalitiesLow != 12 || strike.FatalitiesHigh == nil || *strike.FatalitiesHigh != 20 ||
		strike.Fatalities != 12 || strike.FatalitiesBest == nil {
		t.Errorf("the strike's toll: fatalities %d, low %v, best %v, high %v; want 12, 12, set, 20",
			strike.Fatalities, strike.FatalitiesLow, strike.FatalitiesBest, strike.FatalitiesHigh)
	}
	if strike.Grade != sitrep.GradeCorroborated || strike.Sources != 5 || len(strike.GradeReasons) == 0 {
		t.Errorf("the strike: grade %q from %d sources (%v), want corroborated from 5", strike.Grade, strike.Sources, strike.GradeReasons)
	}
	if strike.Version != 5 || strike.UpdatedAt == "" {
		t.Errorf("the strike: version %d, updated_at %q; want one version per report", strike.Version, strike.UpdatedAt)
	}
	for _, doc := range []string{"other-f", "other-g"} {
		if x := holdingDoc(t, incs, doc); len(x.Reports) != 1 {
			t.Errorf("the incident of %s holds %v", doc, x.Reports)
		}
	}

	// Ingesting the same batch again, and reprocessing with the same
	// extractor, change nothing.
	ingestCLI(t, db, dir)
	if _, again := exportJSONL(t, db); again != first {
		t.Errorf("a second ingest changed the export:\n%s\nthen\n%s", first, again)
	}
	if code, _, stderr := runCLI(t, "", "reprocess", "--db", db); code != 0 {
		t.Fatalf("reprocess: exit %d: %s", code, stderr)
	}
	if _, again := exportJSONL(t, db); again != first {
		t.Errorf("reprocess with the same extractor changed the export:\n%s\nthen\n%s", first, again)
	}
}

func TestCorrectCommands(t *testing.T) {
	ctx := context.Background()
	dir := writeCorpus(t, strikeCorpus)
	db := filepath.Join(t.TempDir(), "c.db")
	ingestCLI(t, db, dir)
	incs, _ := exportJSONL(t, db)
	strike := holdingDoc(t, incs, "wire-a")

	code, out, stderr := runCLI(t, "", "correct", "--db", db, "--reviewer", "Ana", "--note", "hospital list",
		"set", strike.ID, "fatalities_best=17", "location=Kafranbel market", "notes=12")
	if code != 0 {
		t.Fatalf("correct set: exit %d: %s", code, stderr)
	}
	var got exported
	if err := json.Unmarshal([]byte(out), &got); err != nil || *got.FatalitiesBest != 17 || got.Location != "Kafranbel market" || got.Version != strike.Version+1 {
		t.Fatalf("correct set printed %s (%v)", out, err)
	}
	// Reprocessing does not undo it.
	if code, _, stderr := runCLI(t, "", "reprocess", "--db", db); code != 0 {
		t.Fatalf("reprocess: exit %d: %s", code, stderr)
	}
	incs, _ = exportJSONL(t, db)
	if x := holdingDoc(t, incs, "wire-a"); *x.FatalitiesBest != 17 || x.Location != "Kafranbel market" || x.Version != got.Version {
		t.Errorf("after reprocess: best %d, location %q, version %d", *x.FatalitiesBest, x.Location, x.Version)
	}

	// Split one report out, then merge it back: the split-off incident
	// redirects to the strike and is in the deletions feed.
	code, out, stderr = runCLI(t, "", "correct", "--db", db, "--reviewer", "Ben", "split", strike.ID, "monitor-c")
	if code != 0 {
		t.Fatalf("correct split: exit %d: %s", code, stderr)
	}
	split := strings.TrimSpace(out)
	incs, _ = exportJSONL(t, db)
	if len(incs) != 4 || holdingDoc(t, incs, "monitor-c").ID != split {
		t.Fatalf("after split: %d incidents, monitor-c in %s, want it in %s", len(incs), holdingDoc(t, incs, "monitor-c").ID, split)
	}
	if code, _, stderr := runCLI(t, "", "correct", "--db", db, "--reviewer", "Ana", "merge", strike.ID, split); code != 0 {
		t.Fatalf("correct merge: exit %d: %s", code, stderr)
	}
	store, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	inc, err := store.Incident(ctx, split)
	if err != nil || inc.ID != strike.ID || len(inc.Reports) != 5 {
		t.Errorf("incident %s after merge: %+v, %v; want a redirect to %s", split, inc, err, strike.ID)
	}
	var dels []sitrep.Deletion
	if err := store.Deletions(ctx, time.Time{}, func(d sitrep.Deletion) bool { dels = append(dels, d); return true }); err != nil {
		t.Fatal(err)
	}
	if len(dels) != 1 || dels[0].ID != split || dels[0].RedirectTo != strike.ID || dels[0].Reviewer != "Ana" {
		t.Errorf("deletions feed = %+v", dels)
	}
	vs, err := store.Versions(ctx, strike.ID)
	if err != nil {
		t.Fatal(err)
	}
	kinds := []string{}
	for _, v := range vs {
		kinds = append(kinds, v.Kind)
	}
	if want := "report report report report report correction split merge"; strings.Join(kinds, " ") != want {
		t.Errorf("versions of the strike: %v, want %s", kinds, want)
	}

	for _, args := range [][]string{
		{"correct", "--db", db, "set", strike.ID, "fatalities=3"},                         // no reviewer
		{"correct", "--db", db, "--reviewer", "Ana", "set", strike.ID, "no_such_field=1"}, // unknown field
		{"correct", "--db", db, "--reviewer", "Ana", "frob", strike.ID, "x"},              // unknown action
		{"export", "--db", db, "--format", "xml"},
	} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("sitrep %v: exit %d, want 2", args, code)
		}
	}
	for _, args := range [][]string{
		{"correct", "--db", db, "--reviewer", "Ana", "set", strike.ID, "inter1=many"},
		{"correct", "--db", db, "--reviewer", "Ana", "set", "999", "fatalities=3"},
		{"correct", "--db", db, "--reviewer", "Ana", "split", strike.ID, "no-such-doc"},
	} {
		if code, _, _ := runCLI(t, "", args...); code != 1 {
			t.Errorf("sitrep %v: exit %d, want 1", args, code)
		}
	}
}

// fakesDocs reads the FA-KES articles as documents: title and content as
// text, the date column as publication date, the source as outlet.
func fakesDocs(t testing.TB, shared string) []corpusDoc {
	t.Helper()
	f, err := os.Open(filepath.Join(shared, "data", "fakes", "fakes-dev.csv"))
	if err != nil {
		t.Skipf("FA-KES is not in ../shared: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	var docs []corpusDoc
	for row := 1; ; row++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("fakes-dev.csv row %d: %v", row, err)
		}
		d := corpusDoc{
			ID:     fmt.Sprintf("fakes:%d", row), // unit_id repeats
			Outlet: rec[col["source"]],
			Title:  rec[col["article_title"]],
			Text:   rec[col["article_content"]],
		}
		if p, err := time.Parse("1/2/2006", rec[col["date"]]); err == nil {
			d.Published = p.Format(sitrep.DateLayout)
		}
		docs = append(docs, d)
	}
	return docs
}

func writeJSONL(t testing.TB, docs []corpusDoc) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "docs.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for _, d := range docs {
		d.Text = d.Title + "\n" + d.Text
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFAKESIngestTwice ingests the FA-KES articles twice: the second run
// must change nothing. It logs the incident count and reports per
// incident.
func TestFAKESIngestTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("FA-KES ingest is slow; skipped with -short")
	}
	shared := sharedDir(t)
	docs := fakesDocs(t, shared)
	path := writeJSONL(t, docs)
	db := filepath.Join(t.TempDir(), "fakes.db")
	ctx := context.Background()
	counts := func() (incidents, versions, reports int) {
		store, err := sqlite.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		incidents, versions, err = store.IncidentStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		err = store.Incidents(ctx, sitrep.IncidentFilter{}, func(inc *sitrep.Incident) bool {
			reports += len(inc.Reports)
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		return incidents, versions, reports
	}
	start := time.Now()
	ingestCLI(t, db, path)
	took := time.Since(start)
	n1, v1, r1 := counts()
	ingestCLI(t, db, path)
	n2, v2, _ := counts()
	if n1 != n2 || v1 != v2 {
		t.Errorf("second ingest: %d incidents and %d versions, after %d and %d", n2, v2, n1, v1)
	}
	if n1 == 0 {
		t.Fatal("FA-KES gave no incidents")
	}
	t.Logf("FA-KES: %d articles, %d incidents, %.2f reports per incident, %d versions; first ingest took %v",
		len(docs), n1, float64(r1)/float64(n1), v1, took.Round(time.Millisecond))
}

// cpuTime returns the user and system CPU time the process has used, or 0
// where the platform does not say (set in cputime_unix_test.go).
var cpuTime = func() time.Duration { return 0 }

// BenchmarkFAKES compares ingesting (extraction, clustering, an on-disk
// database) with extraction alone over the FA-KES articles. Issue 5 asks
// ingest for at least half the throughput of extract: paired's
// extract/ingest is that ratio, measured run against run; the ns/op of
// extract and ingest give it too, on a quiet machine. docs/s is the
// throughput; cpu-ms/op is the process's user and system CPU time per run,
// which a loaded machine disturbs less than the wall clock.
func BenchmarkFAKES(b *testing.B) {
	dir, err := filepath.Abs("../../../shared")
	if err != nil {
		b.Skip(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "fakes", "fakes-dev.csv")); err != nil {
		b.Skipf("FA-KES is not in ../shared: %v", err)
	}
	docs := fakesDocs(b, dir)
	path := writeJSONL(b, docs)
	run1 := func(b *testing.B, args ...string) {
		code := run(context.Background(), args, strings.NewReader(""), io.Discard, io.Discard)
		if code != 0 {
			b.Fatalf("sitrep %v: exit %d", args, code)
		}
	}
	// The gazetteer loads once per process; load it before timing.
	if _, err := newExtractor(); err != nil {
		b.Fatal(err)
	}
	measure := func(b *testing.B, args func(i int) []string) {
		cpu0 := cpuTime()
		start := time.Now()
		for i := range b.N {
			run1(b, args(i)...)
		}
		wall := time.Since(start)
		b.ReportMetric(float64(len(docs)*b.N)/wall.Seconds(), "docs/s")
		if cpu := cpuTime() - cpu0; cpu > 0 {
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		}
	}
	b.Run("extract", func(b *testing.B) {
		measure(b, func(int) []string { return []string{"extract", path} })
	})
	b.Run("ingest", func(b *testing.B) {
		measure(b, func(i int) []string {
			return []string{"ingest", "--db", filepath.Join(b.TempDir(), fmt.Sprintf("b%d.db", i)), path}
		})
	})
	// paired alternates the two, one extract and one ingest an
	// iteration, and reports the median of their ratio, extract's time
	// over ingest's: the figure issue 5 sets at 0.5 or more. On a shared
	// machine, load comes and goes over seconds; run one after the other,
	// as above, the two sub-benchmarks meet different loads, and their
	// ratio moved by a tenth from one run to the next. A pair meets the
	// same.
	b.Run("paired", func(b *testing.B) {
		ratios := make([]float64, 0, b.N)
		for i := range b.N {
			start := time.Now()
			run1(b, "extract", path)
			mid := time.Now()
			run1(b, "ingest", "--db", filepath.Join(b.TempDir(), fmt.Sprintf("p%d.db", i)), path)
			ratios = append(ratios, float64(mid.Sub(start))/float64(time.Since(mid)))
		}
		slices.Sort(ratios)
		b.ReportMetric(ratios[len(ratios)/2], "extract/ingest")
	})
	// store is ingest's writer alone: the documents are extracted and
	// fingerprinted beforehand, and stored into a new on-disk database
	// as ingest stores them, from open to close.
	b.Run("store", func(b *testing.B) {
		ctx := context.Background()
		x, err := newExtractor()
		if err != nil {
			b.Fatal(err)
		}
		e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}
		var ready []processed
		err = extractAllThen(ctx, e, []string{path}, ingest.Options{}, x, nil, fingerprint, func(p processed) error {
			if p.Err == nil {
				ready = append(ready, p)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		cpu0 := cpuTime()
		start := time.Now()
		for i := range b.N {
			store, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("s%d.db", i)))
			if err != nil {
				b.Fatal(err)
			}
			queue := make(chan processed, len(ready))
			for _, d := range ready {
				queue <- d
			}
			close(queue)
			var c ingestCounts
			if err := storeQueued(ctx, e, store, queue, nil, &c, func(int) {}); err != nil {
				b.Fatal(err)
			}
			if c.stored+c.duplicate != len(ready) {
				b.Fatalf("stored %d documents and found %d stored already, of %d", c.stored, c.duplicate, len(ready))
			}
			if err := store.Close(); err != nil {
				b.Fatal(err)
			}
		}
		wall := time.Since(start)
		b.ReportMetric(float64(len(ready)*b.N)/wall.Seconds(), "docs/s")
		if cpu := cpuTime() - cpu0; cpu > 0 {
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		}
	})
}
