package reconcile_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/reconcile"
	"github.com/sitrep-dev/sitrep/sqlite"
)

// The corpus of the issue, as an extractor would read it: one air strike
// on a village told by five outlets with different tolls and spellings,
// and two unrelated incidents the same day in the same province.
var (
	kafr1 = sitrep.Place{Location: "Kafr Sabil", Country: "Syria", ISO3: "SYR", Admin1: "Idlib", GeonameID: 9001, Latitude: 35.614, Longitude: 36.564, Precision: 1}
	// Another spelling that the gazetteer put a little off the first.
	kafr2 = sitrep.Place{Location: "Kafrsabeel", Country: "Syria", ISO3: "SYR", Admin1: "Idlib", Latitude: 35.62, Longitude: 36.57, Precision: 1}
	// A spelling the gazetteer did not know: the province only.
	kafr3    = sitrep.Place{Location: "Idlib", Country: "Syria", ISO3: "SYR", Admin1: "Idlib", Latitude: 35.93, Longitude: 36.63, Precision: 3}
	market   = sitrep.Place{Location: "Sahl al-Tin", Country: "Syria", ISO3: "SYR", Admin1: "Idlib", GeonameID: 9002, Latitude: 35.865, Longitude: 36.806, Precision: 1}
	frontier = sitrep.Place{Location: "Tell Hadid", Country: "Syria", ISO3: "SYR", Admin1: "Idlib", GeonameID: 9003, Latitude: 35.814, Longitude: 36.320, Precision: 2}
)

type doc struct {
	id, outlet, text string
	events           []sitrep.Event
}

func strike(p sitrep.Place, claims ...sitrep.Claim) sitrep.Event {
	return sitrep.Event{EventType: "Explosions/Remote violence", SubEventType: "Air/drone strike",
		Actor1: "Civilians (Syria)", Inter1: 7, Interaction: 70,
		Place: p, EventDate: "2019-05-07", TimePrecision: 1, Claims: claims}
}

func killed(claimant string, n int, q string, at int) sitrep.Claim {
	return sitrep.Claim{Claimant: claimant, Kind: sitrep.Killed, CountLow: n, CountHigh: n, Qualifier: q,
		Span: sitrep.Span{Start: at, End: at + 2}}
}

func corpus() []doc {
	return []doc{
		{"a", "Northern Wire", "An air strike on Kafr Sabil market killed 12 people on Tuesday.",
			[]sitrep.Event{strike(kafr1, killed("", 12, "exact", 40))}},
		{"b", "Daily Courier", "Warplanes hit the market of Kafrsabeel on Tuesday; at least 15 were killed, rescuers said.",
			[]sitrep.Event{strike(kafr2, killed("rescuers", 15, "at least", 60))}},
		{"c", "Levant Times", "Twenty people died in the raid on Kefr Sebil, the monitor said.",
			[]sitrep.Event{strike(kafr3, killed("the monitor", 20, "exact", 0))}},
		{"d", "Radio Orient", "Medics in Kafr Sabil said 12 people were killed when jets bombed the market.",
			[]sitrep.Event{strike(kafr1, killed("medics", 12, "exact", 30))}},
		{"e", "Evening Post", "At least 15 people were killed in the Kafr Sabil strike, according to rescuers.",
			[]sitrep.Event{strike(kafr1, killed("rescuers", 15, "at least", 9))}},
		{"f", "Northern Wire", "Hundreds protested peacefully in Sahl al-Tin on Tuesday.",
			[]sitrep.Event{{EventType: "Protests", SubEventType: "Peaceful protest", Actor1: "Protesters (Syria)", Inter1: 6,
				Place: market, EventDate: "2019-05-07", TimePrecision: 1}}},
		{"g", "Daily Courier", "Rebels and troops clashed near Tell Hadid on Tuesday; four fighters died.",
			[]sitrep.Event{{EventType: "Battles", SubEventType: "Armed clash", Actor1: "Military Forces of Syria (2000-)", Inter1: 1,
				Actor2: "Hayat Tahrir al-Sham", Inter2: 2, Place: frontier, EventDate: "2019-05-07", TimePrecision: 1,
				Claims: []sitrep.Claim{killed("a monitor", 4, "exact", 50)}}}},
	}
}

func open(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func ingest(t *testing.T, db *sqlite.DB, docs ...doc) []reconcile.Result {
	t.Helper()
	ctx := context.Background()
	var out []reconcile.Result
	for _, d := range docs {
		document := &sitrep.Document{ID: d.id, Outlet: d.outlet, Text: d.text,
			Published: time.Date(2019, 5, 8, 9, 0, 0, 0, time.UTC)}
		err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
			r, err := reconcile.Ingest(ctx, tx, document, d.events)
			out = append(out, r)
			return err
		})
		if err != nil {
			t.Fatalf("ingest %s: %v", d.id, err)
		}
	}
	return out
}

func incidents(t *testing.T, db *sqlite.DB) []*sitrep.Incident {
	t.Helper()
	var all []*sitrep.Incident
	if err := db.Incidents(context.Background(), sitrep.IncidentFilter{}, func(inc *sitrep.Incident) bool {
		all = append(all, inc)
		return true
	}); err != nil {
		t.Fatal(err)
	}
	return all
}

func holding(t *testing.T, db *sqlite.DB, docID string) *sitrep.Incident {
	t.Helper()
	for _, inc := range incidents(t, db) {
		if slices.Contains(inc.Reports, docID) {
			return inc
		}
	}
	t.Fatalf("no incident holds document %s", docID)
	return nil
}

func versionCount(t *testing.T, db *sqlite.DB) int {
	t.Helper()
	_, n, err := db.IncidentStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCorpusMakesThreeIncidents(t *testing.T) {
	db := open(t)
	results := ingest(t, db, corpus()...)
	all := incidents(t, db)
	if len(all) != 3 {
		for _, inc := range all {
			t.Logf("incident %s: %s at %s, reports %v", inc.ID, inc.EventType, inc.Location, inc.Reports)
		}
		t.Fatalf("%d incidents, want 3", len(all))
	}
	inc := holding(t, db, "a")
	if want := []string{"a", "b", "c", "d", "e"}; !slices.Equal(inc.Reports, want) {
		t.Errorf("the strike's reports = %v, want %v", inc.Reports, want)
	}
	// Each result names the incident its document's event joined.
	for _, r := range results {
		if len(r.Incidents) != 1 {
			t.Errorf("ingesting %s: incidents %v, want one per event", r.DocID, r.Incidents)
			continue
		}
		got, err := db.Incident(context.Background(), r.Incidents[0])
		if err != nil || got.ID != holding(t, db, r.DocID).ID {
			t.Errorf("ingesting %s: incident %s, but %s holds it (%v)", r.DocID, r.Incidents[0], holding(t, db, r.DocID).ID, err)
		}
	}
	if len(inc.SourcedClaims) != 5 {
		t.Errorf("the strike keeps %d claims, want all 5", len(inc.SourcedClaims))
	}
	if inc.FatalitiesLow == nil || *inc.FatalitiesLow != 12 || inc.FatalitiesHigh == nil || *inc.FatalitiesHigh != 20 || inc.Fatalities != 12 {
		t.Errorf("the strike's toll: fatalities %d, low %v, high %v; want 12, 12, 20", inc.Fatalities, inc.FatalitiesLow, inc.FatalitiesHigh)
	}
	if inc.Grade != sitrep.GradeCorroborated || inc.Sources != 5 {
		t.Errorf("the strike: grade %q from %d sources, want corroborated from 5 (%v)", inc.Grade, inc.Sources, inc.GradeReasons)
	}
	if inc.Location != "Kafr Sabil" || inc.Precision != 1 {
		t.Errorf("the strike is placed at %q (precision %d), want the spelling most reports give", inc.Location, inc.Precision)
	}
	for _, other := range []string{"f", "g"} {
		if o := holding(t, db, other); len(o.Reports) != 1 || o.Grade != sitrep.GradeSingle {
			t.Errorf("incident of %s: reports %v, grade %q", other, o.Reports, o.Grade)
		}
	}
	vs, err := db.Versions(context.Background(), inc.ID)
	if err != nil || len(vs) != 5 || vs[4].DocID != "e" || vs[4].Kind != "report" || inc.Version != 5 {
		t.Errorf("the strike's versions: %+v (%v), current %d; want one per report", vs, err, inc.Version)
	}
	first, err := db.Version(context.Background(), inc.ID, 1)
	if err != nil || !slices.Equal(first.Reports, []string{"a"}) || *first.FatalitiesHigh != 12 {
		t.Errorf("version 1 of the strike = %+v (%v), want document a alone", first, err)
	}
}

func TestCorpusInAnyOrder(t *testing.T) {
	docs := corpus()
	// The province-only report first, then the others backwards.
	order := []int{2, 6, 5, 4, 3, 1, 0}
	var shuffled []doc
	for _, i := range order {
		shuffled = append(shuffled, docs[i])
	}
	db := open(t)
	ingest(t, db, shuffled...)
	if n := len(incidents(t, db)); n != 3 {
		t.Errorf("%d incidents when the corpus comes in another order, want 3", n)
	}
	if inc := holding(t, db, "a"); len(inc.Reports) != 5 {
		t.Errorf("the strike holds %v", inc.Reports)
	}
}

func TestIngestTwiceChangesNothing(t *testing.T) {
	db := open(t)
	ingest(t, db, corpus()...)
	before, versions := incidents(t, db), versionCount(t, db)
	for _, r := range ingest(t, db, corpus()...) {
		if r.Created || r.Versions != 0 || r.New != 0 {
			t.Errorf("second ingest of %s: %+v", r.DocID, r)
		}
	}
	after := incidents(t, db)
	if versionCount(t, db) != versions || len(after) != len(before) {
		t.Errorf("second ingest: %d incidents, %d versions; before %d, %d", len(after), versionCount(t, db), len(before), versions)
	}
}

func reprocess(t *testing.T, db *sqlite.DB, docID string, events []sitrep.Event) reconcile.Result {
	t.Helper()
	ctx := context.Background()
	var res reconcile.Result
	err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		var err error
		res, err = reconcile.Reprocess(ctx, tx, docID, events)
		return err
	})
	if err != nil {
		t.Fatalf("reprocess %s: %v", docID, err)
	}
	return res
}

func TestReprocess(t *testing.T) {
	db := open(t)
	docs := corpus()
	ingest(t, db, docs...)
	n, versions := len(incidents(t, db)), versionCount(t, db)

	// The same extraction again: nothing changes.
	for _, d := range docs {
		if r := reprocess(t, db, d.id, d.events); r.Versions+r.New+r.Deleted != 0 {
			t.Errorf("reprocessing %s unchanged: %+v", d.id, r)
		}
	}
	if len(incidents(t, db)) != n || versionCount(t, db) != versions {
		t.Fatalf("unchanged reprocess made versions or incidents")
	}

	// A better extractor finds the village in report c, and reads the
	// monitor's figure as 22: one new version of the strike, no new
	// incident.
	c := strike(kafr1, killed("the monitor", 22, "exact", 0))
	r := reprocess(t, db, "c", []sitrep.Event{c})
	if r.New != 0 || r.Versions != 1 || r.Deleted != 0 {
		t.Errorf("reprocessing c with a better place and toll: %+v, want one version", r)
	}
	if len(incidents(t, db)) != n {
		t.Errorf("reprocess made %d incidents from %d", len(incidents(t, db)), n)
	}
	if inc := holding(t, db, "c"); len(inc.Reports) != 5 || *inc.FatalitiesHigh != 22 {
		t.Errorf("after reprocess the strike holds %v, high %d", inc.Reports, *inc.FatalitiesHigh)
	}

	// Report g turns out to be about another day: its incident empties and
	// is deleted, a new one takes the event.
	g := docs[6].events[0]
	g.EventDate = "2019-05-01"
	old := holding(t, db, "g")
	r = reprocess(t, db, "g", []sitrep.Event{g})
	if r.New != 1 || r.Deleted != 1 {
		t.Errorf("moving g to another day: %+v, want a new incident and a deletion", r)
	}
	var dels []sitrep.Deletion
	if err := db.Deletions(context.Background(), time.Time{}, func(d sitrep.Deletion) bool {
		dels = append(dels, d)
		return true
	}); err != nil {
		t.Fatal(err)
	}
	if len(dels) != 1 || dels[0].ID != old.ID || dels[0].RedirectTo != "" || dels[0].DocID != "g" {
		t.Errorf("deletions feed = %+v, want incident %s deleted by reprocessing g", dels, old.ID)
	}
	if _, err := db.Incident(context.Background(), old.ID); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("deleted incident %s: %v, want not found", old.ID, err)
	}
}

func TestCorrectionSurvivesReprocess(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	docs := corpus()
	ingest(t, db, docs...)
	inc := holding(t, db, "a")
	err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		_, err := reconcile.Correct(ctx, tx, inc.ID, map[string]json.RawMessage{
			"fatalities_best": json.RawMessage(`16`), "location": json.RawMessage(`"Kafr Sabil (north)"`),
		}, sitrep.Cause{Reviewer: "Ana", Note: "checked against the hospital list"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	vs, _ := db.Versions(ctx, inc.ID)
	last := vs[len(vs)-1]
	if last.Kind != "correction" || last.Reviewer != "Ana" || last.Note == "" {
		t.Errorf("correction version = %+v", last)
	}
	// A reprocess that changes a report recomputes the incident, and the
	// reviewer's values stay.
	reprocess(t, db, "b", []sitrep.Event{strike(kafr1, killed("rescuers", 17, "at least", 60))})
	got, err := db.Incident(ctx, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if *got.FatalitiesBest != 16 || got.Location != "Kafr Sabil (north)" || *got.FatalitiesHigh != 20 || got.Version != last.N+1 {
		t.Errorf("after reprocess: best %d, location %q, high %d, version %d", *got.FatalitiesBest, got.Location, *got.FatalitiesHigh, got.Version)
	}
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		_, err := reconcile.Correct(ctx, tx, inc.ID, map[string]json.RawMessage{"fatalities_best": json.RawMessage(`16`)}, sitrep.Cause{})
		return err
	})
	if err == nil {
		t.Error("a correction without a reviewer was accepted")
	}
}

func TestSplitAndMerge(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	ingest(t, db, corpus()...)
	strikeID := holding(t, db, "a").ID
	n := len(incidents(t, db))

	var split string
	err := db.Update(ctx, func(tx sitrep.IncidentTx) (err error) {
		split, err = reconcile.Split(ctx, tx, strikeID, []string{"c"}, sitrep.Cause{Reviewer: "Ben", Note: "c is a second raid"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(incidents(t, db)) != n+1 || holding(t, db, "c").ID != split || len(holding(t, db, "a").Reports) != 4 {
		t.Fatalf("after split: %d incidents, c in %s", len(incidents(t, db)), holding(t, db, "c").ID)
	}
	// The split survives reprocessing c, and a new report matching both
	// does not merge them back.
	reprocess(t, db, "c", []sitrep.Event{strike(kafr1, killed("the monitor", 21, "exact", 0))})
	if holding(t, db, "c").ID != split {
		t.Errorf("reprocess moved c out of the incident the reviewer split it into")
	}
	ingest(t, db, doc{"h", "Morning Star", "Jets struck Kafr Sabil on Tuesday.", []sitrep.Event{strike(kafr1)}})
	if len(incidents(t, db)) != n+1 {
		t.Errorf("a new report merged reviewed incidents: %d incidents", len(incidents(t, db)))
	}

	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		return reconcile.MergeIncidents(ctx, tx, strikeID, []string{split}, sitrep.Cause{Reviewer: "Ana", Note: "one raid after all"})
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Incident(ctx, split)
	if err != nil || got.ID != strikeID || !slices.Contains(got.Reports, "c") {
		t.Errorf("incident %s after merge: %v, %v; want a redirect to %s holding c", split, got, err, strikeID)
	}
	var dels []sitrep.Deletion
	db.Deletions(ctx, time.Time{}, func(d sitrep.Deletion) bool { dels = append(dels, d); return true })
	if len(dels) != 1 || dels[0].ID != split || dels[0].RedirectTo != strikeID || dels[0].Reviewer != "Ana" {
		t.Errorf("deletions = %+v", dels)
	}
	if vs, err := db.Versions(ctx, split); err != nil || len(vs) == 0 {
		t.Errorf("the merged incident's history is gone: %v", err)
	}
	if err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		return reconcile.MergeIncidents(ctx, tx, strikeID, []string{strikeID}, sitrep.Cause{Reviewer: "Ana"})
	}); err == nil {
		t.Error("merging an incident into itself was accepted")
	}
}

// TestDuplicatesMerge: two incidents that later reports show to be one
// are merged, leaving a redirect. X and Y are 15 km apart, too far for two
// precise places, so they start two incidents. Reports at W, 7 km from X
// and 8 km from Y, join the closer incident and outvote its place, which
// moves it within reach of Y: the next report at W matches both, and they
// merge.
func TestDuplicatesMerge(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	at := func(name string, dlat float64) sitrep.Place {
		p := kafr1
		p.Location, p.GeonameID, p.Latitude = name, 0, kafr1.Latitude+dlat
		return p
	}
	x, y, w := at("Xville", 0), at("Yville", 0.135), at("Wville", 0.06)
	ingest(t, db,
		doc{"p", "One", "first", []sitrep.Event{strike(x, killed("medics", 3, "exact", 0))}},
		doc{"q", "Two", "second", []sitrep.Event{strike(y, killed("medics", 3, "exact", 0))}},
		doc{"r", "Three", "third", []sitrep.Event{strike(w)}},
		doc{"s", "Four", "fourth", []sitrep.Event{strike(w)}},
	)
	if n := len(incidents(t, db)); n != 2 {
		t.Fatalf("%d incidents before the merging report, want 2", n)
	}
	first, second := holding(t, db, "p").ID, holding(t, db, "q").ID
	if holding(t, db, "s").ID != first || holding(t, db, "p").Location != "Wville" {
		t.Fatalf("test setup: the reports at W should have moved incident %s there", first)
	}
	ingest(t, db, doc{"t", "Five", "fifth", []sitrep.Event{strike(w)}})
	all := incidents(t, db)
	if len(all) != 1 || all[0].ID != first || len(all[0].Reports) != 5 {
		t.Fatalf("after the merging report: %d incidents (%+v)", len(all), all)
	}
	if got, err := db.Incident(ctx, second); err != nil || got.ID != first {
		t.Errorf("incident %s does not redirect to %s: %v", second, first, err)
	}
	if len(all[0].SourcedClaims) != 2 || all[0].SourcedClaims[1].Status != sitrep.ClaimRepeated {
		t.Errorf("merged claims: %+v", all[0].SourcedClaims)
	}
	var dels []sitrep.Deletion
	db.Deletions(ctx, time.Time{}, func(d sitrep.Deletion) bool { dels = append(dels, d); return true })
	if len(dels) != 1 || dels[0].ID != second || dels[0].RedirectTo != first || dels[0].Kind != "merge" || dels[0].DocID != "t" {
		t.Errorf("deletions = %+v", dels)
	}
}

func TestIncidentsFilterAndPages(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	start := time.Now().Add(-time.Second)
	ingest(t, db, corpus()...)
	var ids []string
	var after string
	for {
		var page []string
		err := db.Incidents(ctx, sitrep.IncidentFilter{After: after, Limit: 2}, func(inc *sitrep.Incident) bool {
			page = append(page, inc.ID)
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		ids = append(ids, page...)
		after = page[len(page)-1]
	}
	if len(ids) != 3 {
		t.Errorf("pages of 2 gave %v, want 3 incidents", ids)
	}
	count := func(f sitrep.IncidentFilter) int {
		n := 0
		db.Incidents(ctx, f, func(*sitrep.Incident) bool { n++; return true })
		return n
	}
	tests := []struct {
		f    sitrep.IncidentFilter
		want int
	}{
		{sitrep.IncidentFilter{EventType: "Battles"}, 1},
		{sitrep.IncidentFilter{ISO3: "SYR", From: "2019-05-07", To: "2019-05-07"}, 3},
		{sitrep.IncidentFilter{From: "2019-05-08"}, 0},
		{sitrep.IncidentFilter{UpdatedSince: start}, 3},
		{sitrep.IncidentFilter{UpdatedSince: time.Now().Add(time.Hour)}, 0},
	}
	for _, tt := range tests {
		if got := count(tt.f); got != tt.want {
			t.Errorf("filter %+v: %d incidents, want %d", tt.f, got, tt.want)
		}
	}
	if _, err := db.Incident(ctx, "999"); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("unknown incident: %v", err)
	}
	if _, err := db.Incident(ctx, "not-an-id"); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("malformed incident id: %v", err)
	}
}

func BenchmarkIngest(b *testing.B) {
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	docs := corpus()
	b.ResetTimer()
	for i := range b.N {
		d := docs[i%len(docs)]
		document := &sitrep.Document{ID: fmt.Sprint(d.id, i), Outlet: d.outlet, Text: fmt.Sprint(d.text, " #", i)}
		events := slices.Clone(d.events)
		for j := range events {
			events[j].EventDate = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/50).Format(sitrep.DateLayout)
		}
		if err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
			_, err := reconcile.Ingest(ctx, tx, document, events)
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestStoredIncidentsRecompose checks that what Ingest stores for each
// incident is what its stored reports compose to, whichever way Ingest
// gathered them (from the store, or from the document in memory for the
// incidents the document starts). The texts have characters of several
// bytes before the claims, so that byte and code point spans differ.
func TestStoredIncidentsRecompose(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	docs := corpus()
	docs = append(docs,
		doc{"h", "Café Matin", "À Sahl al-Tin, lundi — le marché : 7 morts selon les secouristes.",
			[]sitrep.Event{
				strike(market, killed("les secouristes", 7, "exact", 40)),
				{EventType: "Protests", SubEventType: "Peaceful protest", Actor1: "Protesters (Syria)", Inter1: 6,
					Place: frontier, EventDate: "2019-05-09", TimePrecision: 1,
					Claims: []sitrep.Claim{{Claimant: "élus", Kind: sitrep.Wounded, CountLow: 2, CountHigh: 3, Span: sitrep.Span{Start: 20, End: 30}}}},
			}},
		doc{"i", "Daily Courier", "Ça continue : à Sahl al-Tin, 9 morts, d'après l'Observatoire.",
			[]sitrep.Event{strike(market, killed("l'Observatoire", 9, "exact", 36))}},
	)
	ingest(t, db, docs...)
	content := func(inc *sitrep.Incident) string {
		c := *inc
		c.Version, c.CreatedAt, c.UpdatedAt = 0, time.Time{}, time.Time{}
		b, err := json.Marshal(&c)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	stored := incidents(t, db)
	if len(stored) < 4 {
		t.Fatalf("%d incidents, want at least 4", len(stored))
	}
	err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		for _, inc := range stored {
			reports, err := tx.Reports(ctx, inc.ID)
			if err != nil {
				return err
			}
			again, err := reconcile.Compose(inc.ID, reports, inc)
			if err != nil {
				return err
			}
			if got, want := content(inc), content(again); got != want {
				t.Errorf("incident %s as stored:\n%s\ncomposed from its stored reports:\n%s", inc.ID, got, want)
			}
		}
		return errors.New("roll back")
	})
	if err == nil || err.Error() != "roll back" {
		t.Fatal(err)
	}
}

// TestSignaturesMeetSketches builds a database as it was written before
// sketches, with two wire copies of one story and their signatures, then
// reopens it and ingests a third copy, fingerprinted as a sketch: it is
// recognised as a copy of the first two (one source), because their
// signatures are recomputed as sketches. An incident whose reports all
// hold signatures keeps them.
func TestSignaturesMeetSketches(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	story := "Warplanes struck the crowded market of Kafr Sabil on Tuesday morning, killing at least fifteen people " +
		"and wounding dozens more, rescuers said. Witnesses said two jets circled the town twice before dropping " +
		"their bombs, when the market was busiest with farmers selling the first vegetables of the season. " +
		"The town's only hospital appealed for blood donors and fuel for its generators."
	protest := "Hundreds of people marched peacefully through Sahl al-Tin on Tuesday evening to demand the release " +
		"of detainees, carrying banners and the photographs of relatives held for months without charge."
	docs := []struct {
		id, outlet, text string
		event            sitrep.Event
		sketch           bool
	}{
		{"a", "Northern Wire", story, strike(kafr1), false},
		{"b", "Daily Courier", "KAFR SABIL (Northern Wire) - " + story, strike(kafr1), false},
		{"p", "Levant Times", protest, sitrep.Event{EventType: "Protests", SubEventType: "Peaceful protest",
			Actor1: "Protesters (Syria)", Inter1: 6, Place: market, EventDate: "2019-05-07", TimePrecision: 1}, false},
		{"q", "Radio Orient", "SAHL AL-TIN - " + protest, sitrep.Event{EventType: "Protests", SubEventType: "Peaceful protest",
			Actor1: "Protesters (Syria)", Inter1: 6, Place: market, EventDate: "2019-05-07", TimePrecision: 1}, false},
		{"c", "Evening Post", story + " Reporting by the Northern Wire desk.", strike(kafr1), true},
	}
	put := func(db *sqlite.DB, i int) {
		d := docs[i]
		fp := reconcile.Signature(d.text)
		if d.sketch {
			fp = reconcile.Fingerprint(d.text)
		}
		err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
			_, err := reconcile.IngestFingerprint(ctx, tx, &sitrep.Document{ID: d.id, Outlet: d.outlet, Text: d.text},
				[]sitrep.Event{d.event}, fp)
			return err
		})
		if err != nil {
			t.Fatalf("ingest %s: %v", d.id, err)
		}
	}
	fingerprints := func(db *sqlite.DB, inc *sitrep.Incident) map[string][]byte {
		out := map[string][]byte{}
		err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
			reports, err := tx.Reports(ctx, inc.ID)
			for _, r := range reports {
				out[r.DocID] = r.Fingerprint
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}

	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		put(db, i)
	}
	if inc := holding(t, db, "a"); inc.Sources != 1 || len(inc.Reports) != 2 {
		t.Errorf("before the upgrade: reports %v, %d sources; want a and b, one source", inc.Reports, inc.Sources)
	}
	db.Close()

	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	put(db, 4)
	inc := holding(t, db, "c")
	if inc.Sources != 1 || len(inc.Reports) != 3 {
		t.Errorf("after the upgrade: reports %v, %d sources; want a, b and c, one source", inc.Reports, inc.Sources)
	}
	texts := map[string]string{}
	for _, d := range docs {
		texts[d.id] = d.text
	}
	for id, fp := range fingerprints(db, inc) {
		if !bytes.Equal(fp, reconcile.Fingerprint(texts[id])) {
			t.Errorf("document %s: fingerprint %x, want its sketch", id, fp)
		}
	}
	protests := holding(t, db, "p")
	for id, fp := range fingerprints(db, protests) {
		if len(fp) != 256 {
			t.Errorf("document %s, in an incident of signatures only: a fingerprint of %d bytes, want its signature", id, len(fp))
		}
	}
	if protests.Sources != 1 || len(protests.Reports) != 2 {
		t.Errorf("protest: reports %v, %d sources; want p and q, one source", protests.Reports, protests.Sources)
	}
}
