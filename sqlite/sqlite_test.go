package sqlite_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/sqlite"
)

func openTemp(t testing.TB) (*sqlite.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func hashOf(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// newDoc returns a document whose Hash matches its Text.
func newDoc(id, url, text string) *sitrep.Document {
	return &sitrep.Document{ID: id, URL: url, Text: text, Hash: hashOf(text)}
}

func intp(n int) *int { return &n }

func put(t *testing.T, db *sqlite.DB, doc *sitrep.Document, events ...sitrep.Event) (string, bool) {
	t.Helper()
	id, created, err := db.PutDocument(context.Background(), doc, events)
	if err != nil {
		t.Fatalf("PutDocument(%q): %v", doc.ID, err)
	}
	return id, created
}

func stats(t *testing.T, db *sqlite.DB) (docs, events int) {
	t.Helper()
	docs, events, err := db.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return docs, events
}

func TestDocumentRoundTrip(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()

	text := "RIVERTON, March 3 (Wire) - Two people were killed and four hurt when shells hit a market in Riverton, officials said. A second blast struck a bridge near Oakfield."
	doc := &sitrep.Document{
		ID:        "wire-0001",
		Title:     "Shelling hits market in Riverton",
		Published: time.Date(2021, 3, 3, 23, 30, 15, 500_000_000, time.FixedZone("", 3*3600)),
		Outlet:    "Wire",
		URL:       "https://news.example/riverton-market",
		Author:    "A. Writer",
		Lang:      "en",
		Source:    "testdata/riverton.html",
		Raw:       "<p>" + text + "</p>",
		Text:      text,
		Dateline:  &sitrep.Dateline{Agency: "Wire", Place: "RIVERTON", Date: "2021-03-03", Span: sitrep.Span{Start: 0, End: 26}},
		Hash:      hashOf(text),
	}
	main := sitrep.Event{
		EventType: "Explosions/Remote violence", SubEventType: "Shelling/artillery/missile attack",
		CAMEO: "195", PLOVER: "ATTACK",
		Actor1: "Unidentified Armed Group (Testland)", Inter1: 3,
		Actor2: "Civilians (Testland)", AssocActor2: "Traders (Testland)", Inter2: 7, Interaction: 37,
		Place: sitrep.Place{Location: "Riverton", Country: "Testland", ISO3: "TST", Admin1: "North",
			Admin2: "Riverton District", GeonameID: 1234567, Latitude: 35.125, Longitude: -12.5, Precision: 1},
		EventDate: "2021-03-03", TimePrecision: 1,
		Fatalities: 2, FatalitiesLow: intp(2), FatalitiesHigh: intp(0),
		Claims: []sitrep.Claim{
			{Claimant: "officials", Outlet: "Wire", Kind: sitrep.Killed, CountLow: 2, CountHigh: 2,
				Qualifier: "exact", Victims: "people", Span: sitrep.Span{Start: 27, End: 51}},
			{Claimant: "the group", Kind: sitrep.Wounded, CountLow: 4, CountHigh: 6,
				Qualifier: "up to", Span: sitrep.Span{Start: 56, End: 65}, Denied: true, Hedged: true},
		},
		Evidence: map[string]sitrep.Span{
			"event_type": {Start: 70, End: 76},
			"location":   {Start: 91, End: 99},
			"claims[0]":  {Start: 27, End: 51},
		},
		Notes: "Shells hit a market; 2 killed.",
	}
	second := sitrep.Event{
		EventType: "Explosions/Remote violence", SubEventType: "Remote explosive/landmine/IED",
		// placed at its district, Oakfield, a village the gazetteer lacks
		Place:     sitrep.Place{Location: "Oakfield", Country: "Testland", ISO3: "TST", Precision: 2, Named: "Little Ashby"},
		EventDate: "2021-03-02", DateEnd: "2021-03-03", TimePrecision: 2,
	}

	id, created := put(t, db, doc, main, second)
	if id != doc.ID || !created {
		t.Fatalf("PutDocument = %q, %v; want %q, true", id, created, doc.ID)
	}

	gotDoc, gotEvents, err := db.Document(ctx, id)
	if err != nil {
		t.Fatalf("Document(%q): %v", id, err)
	}
	if !gotDoc.Published.Equal(doc.Published) {
		t.Errorf("Published = %v, want %v", gotDoc.Published, doc.Published)
	}
	if got, want := gotDoc.PublishedDate(), "2021-03-03"; got != want {
		t.Errorf("PublishedDate = %q, want %q (the outlet's date, not UTC's)", got, want)
	}
	wantDoc := *doc
	wantDoc.Published = gotDoc.Published // compared above; Location values differ
	if !reflect.DeepEqual(gotDoc, &wantDoc) {
		t.Errorf("Document =\n%+v\nwant\n%+v", gotDoc, &wantDoc)
	}

	// The store returns empty, not nil, claims and evidence.
	wantSecond := second
	wantSecond.Claims = []sitrep.Claim{}
	wantSecond.Evidence = map[string]sitrep.Span{}
	want := []sitrep.Event{main, wantSecond}
	if !reflect.DeepEqual(gotEvents, want) {
		t.Errorf("events =\n%+v\nwant\n%+v", gotEvents, want)
	}
	if len(gotEvents) == 2 {
		if gotEvents[1].FatalitiesLow != nil || gotEvents[1].FatalitiesHigh != nil {
			t.Errorf("event 1 fatality bounds = %v, %v; want nil, nil", gotEvents[1].FatalitiesLow, gotEvents[1].FatalitiesHigh)
		}
		if p := gotEvents[0].FatalitiesHigh; p == nil || *p != 0 {
			t.Errorf("event 0 FatalitiesHigh = %v; want pointer to 0", p)
		}
	}
}

func TestDocumentWithoutOptionalFields(t *testing.T) {
	db, _ := openTemp(t)
	doc := &sitrep.Document{ID: "bare", Text: "A short note with nothing else."}
	id, _ := put(t, db, doc)
	got, events, err := db.Document(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Published.IsZero() || got.Dateline != nil || len(events) != 0 {
		t.Errorf("got Published %v, Dateline %v, %d events; want zero, nil, 0", got.Published, got.Dateline, len(events))
	}
	if want := hashOf(doc.Text); got.Hash != want {
		t.Errorf("Hash = %q, want SHA-256 of the text %q", got.Hash, want)
	}
	if doc.Hash != "" {
		t.Errorf("PutDocument modified the caller's document: Hash = %q", doc.Hash)
	}
}

func TestPutDocumentStoresOnce(t *testing.T) {
	const textA = "Fighting resumed near the northern crossing on Tuesday."
	const textB = "Aid convoys reached the valley after a week of delays."
	ev := sitrep.Event{EventType: "Battles", EventDate: "2022-01-04"}
	tests := []struct {
		name        string
		first       *sitrep.Document
		second      *sitrep.Document
		wantCreated bool
		wantDocs    int
	}{
		{"same document twice", newDoc("a", "https://x.example/1", textA), newDoc("a", "https://x.example/1", textA), false, 1},
		{"same hash, other id and url", newDoc("a", "https://x.example/1", textA), newDoc("b", "https://y.example/2", textA), false, 1},
		{"same hash, no urls", newDoc("a", "", textA), newDoc("b", "", textA), false, 1},
		{"same url, other text", newDoc("a", "https://x.example/1", textA), newDoc("b", "https://x.example/1", textB), false, 1},
		{"no urls, other text", newDoc("a", "", textA), newDoc("b", "", textB), true, 2},
		{"other urls, other text", newDoc("a", "https://x.example/1", textA), newDoc("b", "https://x.example/2", textB), true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := openTemp(t)
			firstID, _ := put(t, db, tt.first, ev)
			id, created := put(t, db, tt.second, ev, ev)
			if created != tt.wantCreated {
				t.Errorf("second PutDocument created = %v, want %v", created, tt.wantCreated)
			}
			if !created && id != firstID {
				t.Errorf("second PutDocument id = %q, want the stored %q", id, firstID)
			}
			docs, events := stats(t, db)
			wantEvents := 1
			if tt.wantCreated {
				wantEvents = 3
			}
			if docs != tt.wantDocs || events != wantEvents {
				t.Errorf("Stats = %d docs, %d events; want %d, %d", docs, events, tt.wantDocs, wantEvents)
			}
		})
	}
}

func TestPutDocumentIDCollision(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	texts := []string{
		"The ferry service was suspended after the harbour was shelled.",
		"Residents said the power station had been hit twice overnight.",
		"A curfew was declared in the eastern districts on Friday.",
	}
	// Occupy the first derived id of texts[2] so that its second one is used.
	blocker := "report~" + hashOf(texts[2])[:8]
	put(t, db, newDoc(blocker, "", "An unrelated item that happens to hold a derived id."))

	want := []string{
		"report",
		"report~" + hashOf(texts[1])[:8],
		"report~" + hashOf(texts[2])[:16],
	}
	for i, text := range texts {
		id, created := put(t, db, newDoc("report", "", text))
		if id != want[i] || !created {
			t.Errorf("PutDocument(report, text %d) = %q, %v; want %q, true", i, id, created, want[i])
			continue
		}
		got, _, err := db.Document(ctx, id)
		if err != nil {
			t.Fatalf("Document(%q): %v", id, err)
		}
		if got.Text != text || got.ID != id {
			t.Errorf("Document(%q) = id %q text %q; want id %q text %q", id, got.ID, got.Text, id, text)
		}
	}
}

func TestPutDocumentEmptyID(t *testing.T) {
	db, _ := openTemp(t)
	text := "Two checkpoints changed hands during the night."
	id, created := put(t, db, &sitrep.Document{Text: text})
	if want := hashOf(text)[:16]; id != want || !created {
		t.Errorf("PutDocument = %q, %v; want %q, true", id, created, want)
	}
}

func TestPutDocumentRejects(t *testing.T) {
	db, _ := openTemp(t)
	if _, _, err := db.PutDocument(context.Background(), nil, nil); err == nil {
		t.Error("PutDocument(nil) succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := db.PutDocument(ctx, newDoc("late", "", "Too late to store."), nil); err == nil {
		t.Error("PutDocument with a cancelled context succeeded")
	}
	if docs, _ := stats(t, db); docs != 0 {
		t.Errorf("Stats = %d docs after failed puts, want 0", docs)
	}
}

func TestDocumentNotFound(t *testing.T) {
	db, _ := openTemp(t)
	put(t, db, newDoc("present", "", "Something is stored."))
	_, _, err := db.Document(context.Background(), "absent")
	if !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("Document(absent) error = %v, want one wrapping sitrep.ErrNotFound", err)
	}
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reopen.db")
	for i := range 3 {
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatalf("Open #%d: %v", i+1, err)
		}
		_, created, err := db.PutDocument(ctx, newDoc(fmt.Sprint("doc", i), "", fmt.Sprint("Report number ", i, " from the coast.")),
			[]sitrep.Event{{EventType: "Protests"}})
		if err != nil || !created {
			t.Fatalf("PutDocument after Open #%d = %v, %v", i+1, created, err)
		}
		docs, events := stats(t, db)
		if docs != i+1 || events != i+1 {
			t.Errorf("after Open #%d: Stats = %d, %d; want %d, %d", i+1, docs, events, i+1, i+1)
		}
		if err := db.Close(); err != nil {
			t.Fatalf("Close #%d: %v", i+1, err)
		}
	}

	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var applied int
	if err := raw.QueryRow(`SELECT count(*) FROM goose_db_version WHERE version_id > 0`).Scan(&applied); err != nil {
		t.Fatal(err)
	}
	migrations, _ := filepath.Glob("migrations/*.sql")
	if applied != len(migrations) {
		t.Errorf("goose recorded %d applied migrations after three opens, want %d (one per file)", applied, len(migrations))
	}
}

func TestConcurrentPutDocument(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	const writers, perWriter = 6, 15
	shared := newDoc("shared", "https://x.example/shared", "Every writer submits this same story.")

	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		errs     []error
		creators int
	)
	record := func(created bool, err error) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, err)
		}
		if created {
			creators++
		}
	}
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				doc := newDoc(fmt.Sprintf("w%d-%d", w, i), "", fmt.Sprintf("Writer %d filed story %d about the border.", w, i))
				_, _, err := db.PutDocument(ctx, doc, []sitrep.Event{{EventType: "Battles", Claims: []sitrep.Claim{{Kind: sitrep.Killed}}}})
				record(false, err)
				if i == perWriter/2 {
					_, created, err := db.PutDocument(ctx, shared, nil)
					record(created, err)
				}
			}
		})
	}
	// Readers run alongside the writers.
	for range 2 {
		wg.Go(func() {
			for range 5 {
				record(false, db.Events(ctx, func(string, sitrep.Event) bool { return true }))
				_, _, err := db.Stats(ctx)
				record(false, err)
			}
		})
	}
	wg.Wait()

	for _, err := range errs {
		t.Error(err)
	}
	if creators != 1 {
		t.Errorf("the shared document was created %d times, want 1", creators)
	}
	docs, events := stats(t, db)
	if want := writers*perWriter + 1; docs != want || events != writers*perWriter {
		t.Errorf("Stats = %d docs, %d events; want %d, %d", docs, events, want, writers*perWriter)
	}
}

// labelled returns an event whose fields say which document and ord it
// belongs to, so a test can tell whether claims and evidence were joined to
// the right event.
func labelled(doc string, ord, claims int) sitrep.Event {
	e := sitrep.Event{Notes: fmt.Sprintf("%s/%d", doc, ord), Evidence: map[string]sitrep.Span{}}
	e.Claims = []sitrep.Claim{}
	for c := range claims {
		e.Claims = append(e.Claims, sitrep.Claim{Claimant: fmt.Sprintf("%s/%d/%d", doc, ord, c)})
		e.Evidence[fmt.Sprintf("claims[%d]", c)] = sitrep.Span{Start: ord, End: ord + c + 1}
	}
	return e
}

func TestEventsOrderAndJoin(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	// Events with no claims sit between events with some, so a join that
	// drifts by one event shows.
	stored := map[string][]sitrep.Event{
		"first":  {labelled("first", 0, 2), labelled("first", 1, 0), labelled("first", 2, 1)},
		"second": {},
		"third":  {labelled("third", 0, 0), labelled("third", 1, 3)},
	}
	var want []string
	for _, id := range []string{"first", "second", "third"} {
		put(t, db, newDoc(id, "", "Text of the "+id+" document."), stored[id]...)
		for _, e := range stored[id] {
			want = append(want, id+" "+e.Notes)
		}
	}

	var got []string
	err := db.Events(ctx, func(docID string, e sitrep.Event) bool {
		got = append(got, docID+" "+e.Notes)
		var ord int
		fmt.Sscanf(e.Notes[len(docID)+1:], "%d", &ord)
		if wantEvent := stored[docID][ord]; !reflect.DeepEqual(e, wantEvent) {
			t.Errorf("event %s:\n got %+v\nwant %+v", e.Notes, e, wantEvent)
		}
		return true
	})
	if err != nil {
		t.Fatalf("Events: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Events order = %q, want %q", got, want)
	}

	var n int
	err = db.Events(ctx, func(string, sitrep.Event) bool { n++; return n < 2 })
	if err != nil || n != 2 {
		t.Errorf("Events stopping after 2: called %d times, err %v", n, err)
	}
}

func TestEventsCallbackMayUseStore(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	put(t, db, newDoc("one", "", "The first account."), sitrep.Event{Notes: "one"})
	put(t, db, newDoc("two", "", "The second account."), sitrep.Event{Notes: "two"})

	var seen int
	err := db.Events(ctx, func(docID string, e sitrep.Event) bool {
		seen++
		if _, _, err := db.Document(ctx, docID); err != nil {
			t.Errorf("Document inside Events: %v", err)
		}
		_, _, err := db.PutDocument(ctx, newDoc("new-"+docID, "", "Written during the walk: "+docID), []sitrep.Event{{Notes: "new"}})
		if err != nil {
			t.Errorf("PutDocument inside Events: %v", err)
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != 2 {
		t.Errorf("Events saw %d events, want the 2 stored when it began", seen)
	}
	if docs, events := stats(t, db); docs != 4 || events != 4 {
		t.Errorf("Stats = %d, %d; want 4, 4", docs, events)
	}
}

func TestDocuments(t *testing.T) {
	db, _ := openTemp(t)
	ids := []string{"c", "a", "b"}
	for _, id := range ids {
		put(t, db, newDoc(id, "", "Body of "+id))
	}
	var got []string
	err := db.Documents(context.Background(), func(d *sitrep.Document) bool {
		if want := "Body of " + d.ID; d.Text != want {
			t.Errorf("document %q text = %q, want %q", d.ID, d.Text, want)
		}
		got = append(got, d.ID)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ids) {
		t.Errorf("Documents order = %q, want insertion order %q", got, ids)
	}
	got = nil
	db.Documents(context.Background(), func(d *sitrep.Document) bool { got = append(got, d.ID); return false })
	if len(got) != 1 {
		t.Errorf("Documents after fn returned false: visited %q, want one", got)
	}
}

func TestOpenPaths(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path string
	}{
		{"plain path", filepath.Join(dir, "plain.db")},
		{"path with URI characters", filepath.Join(dir, "odd name #1?.db")},
		{"file URI", "file:" + filepath.Join(dir, "uri.db") + "?_pragma=cache_size(-4000)"},
		{"memory", ":memory:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := sqlite.Open(ctx, tt.path)
			if err != nil {
				t.Fatalf("Open(%q): %v", tt.path, err)
			}
			defer db.Close()
			id, _, err := db.PutDocument(ctx, newDoc("p", "", "Stored through "+tt.name), nil)
			if err != nil {
				t.Fatal(err)
			}
			// Written by the writer connection, read by a reader.
			if _, _, err := db.Document(ctx, id); err != nil {
				t.Errorf("Document(%q): %v", id, err)
			}
		})
	}
	// The odd name must be a file of that name, not a truncated one.
	if matches, _ := filepath.Glob(filepath.Join(dir, "odd name *")); len(matches) == 0 {
		t.Errorf("no file named %q in %s", "odd name #1?.db", dir)
	}
}

func TestMemoryDatabasesAreSeparate(t *testing.T) {
	ctx := context.Background()
	a, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	put(t, a, newDoc("only-in-a", "", "Kept in the first memory database."))
	if docs, _ := stats(t, b); docs != 0 {
		t.Errorf("second :memory: database has %d documents, want 0", docs)
	}
}

func TestOpenRejectsBadPath(t *testing.T) {
	for _, path := range []string{"", filepath.Join(t.TempDir(), "missing-dir", "x.db"), "file:x.db?%zz"} {
		if db, err := sqlite.Open(context.Background(), path); err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded", path)
		}
	}
}

func BenchmarkPutDocument(b *testing.B) {
	db, _ := openTemp(b)
	ctx := context.Background()
	events := []sitrep.Event{labelled("bench", 0, 2), labelled("bench", 1, 1)}
	i := 0
	for b.Loop() {
		doc := newDoc(fmt.Sprint("bench-", i), "", fmt.Sprintf("Benchmark story %d about a clash at a checkpoint.", i))
		if _, _, err := db.PutDocument(ctx, doc, events); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

func BenchmarkEvents(b *testing.B) {
	db, _ := openTemp(b)
	ctx := context.Background()
	const docs = 500
	for i := range docs {
		doc := newDoc(fmt.Sprint("d", i), "", fmt.Sprint("Story ", i))
		if _, _, err := db.PutDocument(ctx, doc, []sitrep.Event{labelled("d", 0, 2), labelled("d", 1, 1)}); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		n := 0
		if err := db.Events(ctx, func(string, sitrep.Event) bool { n++; return true }); err != nil || n != 2*docs {
			b.Fatalf("Events: %d events, %v", n, err)
		}
	}
	b.ReportMetric(float64(2*docs*b.N)/b.Elapsed().Seconds(), "events/s")
}
