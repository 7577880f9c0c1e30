package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pressly/goose/v3"

	"github.com/sitrep-dev/sitrep"
)

// TestMigrationKeepsIncidents builds a database with incidents, their
// reports, versions, pins and deletions under the schema of migration 6,
// with foreign keys enforced as Open enforces them, then opens it: the
// rebuild of the incidents table (migration 7) must keep every row, the
// references to them, the id sequence and what queries find.
func TestMigrationKeepsIncidents(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, p := migrator(t, "file:"+path+"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)")
	if _, err := p.UpTo(ctx, 6); err != nil {
		t.Fatal(err)
	}
	live := sitrep.Incident{
		Event: sitrep.Event{EventType: "Battles", SubEventType: "Armed clash",
			Actor1: "Northern Militia", Inter1: 3, Actor2: "Police Forces", Inter2: 1,
			Place:     sitrep.Place{Location: "Riverton", ISO3: "XYZ", Admin1: "Lakeside", Latitude: 12.5, Longitude: 30.25},
			EventDate: "2024-03-02", Fatalities: 4,
			Notes: "A firefight near the granary left four dead."},
		Grade: sitrep.GradeSingle, Sources: 1, Reports: []string{"d1"},
	}
	snap, err := json.Marshal(&live)
	if err != nil {
		t.Fatal(err)
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{`INSERT INTO documents (id, hash, text) VALUES ('d1', 'h1', 'The granary was attacked.')`, nil},
		{`INSERT INTO events (doc_id, ord, event_type) VALUES ('d1', 0, 'Battles'), ('d1', 1, 'Battles')`, nil},
		// 1 live, 2 merged into 1, 3 reserved; ids up to 9 were used once.
		{`INSERT INTO incidents (id, state, version, hash, event_type, iso3, admin1, event_date, latitude, longitude,
			created_at, updated_at, snapshot) VALUES (1, 'live', 2, 'x', 'Battles', 'XYZ', 'Lakeside', '2024-03-02', 12.5, 30.25,
			'2024-03-03T00:00:00.000000000Z', '2024-03-04T00:00:00.000000000Z', ?)`, []any{string(snap)}},
		{`INSERT INTO incidents (id, state, redirect_to, version, snapshot) VALUES (2, 'deleted', 1, 1, '{}')`, nil},
		{`INSERT INTO incidents (id) VALUES (3)`, nil},
		{`UPDATE sqlite_sequence SET seq = 9 WHERE name = 'incidents'`, nil},
		{`INSERT INTO incidents_rtree VALUES (1, 12.5, 12.5, 30.25, 30.25)`, nil},
		{`UPDATE events SET incident = 1`, nil},
		{`INSERT INTO incident_versions (incident_id, version, at, kind, doc_id, snapshot) VALUES
			(1, 1, '2024-03-03T00:00:00.000000000Z', 'report', 'd1', ?), (1, 2, '2024-03-04T00:00:00.000000000Z', 'merge', '', ?),
			(2, 1, '2024-03-03T00:00:00.000000000Z', 'report', 'd1', '{}')`, []any{string(snap), string(snap)}},
		{`INSERT INTO deletions (incident_id, at, redirect_to, kind) VALUES (2, '2024-03-04T00:00:00.000000000Z', 1, 'merge')`, nil},
		{`INSERT INTO pins (doc_id, ord, incident) VALUES ('d1', 1, 1)`, nil},
	}
	for _, s := range stmts {
		if _, err := raw.ExecContext(ctx, s.q, s.args...); err != nil {
			t.Fatalf("%s: %v", s.q, err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	var problems int
	if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&problems); err != nil {
		t.Fatal(err)
	}
	if problems != 0 {
		t.Errorf("%d foreign key violations after migrating", problems)
	}
	counts := []struct {
		query string
		want  int
	}{
		{`SELECT count(*) FROM incidents`, 3},
		{`SELECT count(*) FROM incidents WHERE id = 2 AND redirect_to = 1 AND state = 'deleted'`, 1},
		{`SELECT count(*) FROM incident_versions`, 3},
		{`SELECT count(*) FROM events WHERE incident = 1`, 2},
		{`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'incidents'`, 0},
		{`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents' AND sql IS NOT NULL`, 4},
	}
	for _, c := range counts {
		var got int
		if err := db.r.QueryRowContext(ctx, c.query).Scan(&got); err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		if got != c.want {
			t.Errorf("%s = %d, want %d", c.query, got, c.want)
		}
	}

	filters := map[string]sitrep.IncidentFilter{
		"notes":          {Text: "granary firefight"},
		"box and dates":  {Box: &sitrep.Box{MinLat: 12, MaxLat: 13, MinLon: 30, MaxLon: 31}, From: "2024-03-01", To: "2024-03-05"},
		"sub event type": {SubEventType: "Armed clash"},
		"fatalities":     {MinFatalities: 4},
		"inter":          {Inter: []int{3}},
		"actor":          {Actor: "northern militia"},
		"grade":          {Grade: sitrep.GradeSingle},
	}
	for name, f := range filters {
		var ids []string
		if err := db.Incidents(ctx, f, func(inc *sitrep.Incident) bool { ids = append(ids, inc.ID); return true }); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(ids) != 1 || ids[0] != "1" {
			t.Errorf("%s: found %v, want [1]", name, ids)
		}
	}

	// A new incident gets an id past every id used before the rebuild.
	var id string
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		var err error
		id, err = tx.NewIncident(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if id != "10" {
		t.Errorf("new incident id = %s, want 10", id)
	}
}

// TestMigrationDownAndUp takes migration 7 back and forth over a database
// with incidents: both directions keep the rows and their references.
func TestMigrationDownAndUp(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	inc := &sitrep.Incident{Event: sitrep.Event{EventType: "Battles", EventDate: "2024-03-02",
		Place: sitrep.Place{ISO3: "XYZ", Latitude: 1, Longitude: 2}, Notes: "Shots near the mill."}}
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		if _, _, err := tx.PutDocument(ctx, &sitrep.Document{ID: "d1", Text: "Shots near the mill."},
			[]sitrep.Event{inc.Event}, nil); err != nil {
			return err
		}
		id, err := tx.NewIncident(ctx)
		if err != nil {
			return err
		}
		inc.ID = id
		if err := tx.Attach(ctx, "d1", 0, id, true); err != nil {
			return err
		}
		_, err = tx.Save(ctx, inc, sitrep.Cause{Kind: "report", DocID: "d1"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	raw, p := migrator(t, "file:"+path+"?_pragma=foreign_keys(1)")
	check := func(when string) {
		t.Helper()
		var incidents, versions, attached, found int
		err := raw.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM incidents WHERE state = 'live'),
			(SELECT count(*) FROM incident_versions), (SELECT count(*) FROM events WHERE incident IS NOT NULL),
			(SELECT count(*) FROM incidents_fts WHERE incidents_fts MATCH 'mill')`).Scan(&incidents, &versions, &attached, &found)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if incidents != 1 || versions != 1 || attached != 1 || found != 1 {
			t.Errorf("%s: %d live incidents, %d versions, %d attached events, %d found by notes; want 1 each",
				when, incidents, versions, attached, found)
		}
	}
	if _, err := p.DownTo(ctx, 6); err != nil {
		t.Fatal(err)
	}
	check("after down")
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	check("after up")
}

// migrator opens the database at dsn on one connection, closed when the
// test ends, with a goose provider over the embedded migrations, so that a
// test can move its schema up and down.
func migrator(t *testing.T, dsn string) (*sql.DB, *goose.Provider) {
	t.Helper()
	raw, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	raw.SetMaxOpenConns(1)
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, raw, fsys, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	return raw, p
}

// upAndReopen moves the schema behind raw and p back up, closes raw, and
// opens the database at path again through Open, closed when the test
// ends: the end of every down-and-up migration test.
func upAndReopen(ctx context.Context, t *testing.T, raw *sql.DB, p *goose.Provider, path string) *DB {
	t.Helper()
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestMigrationDropsUnreadRTrees takes migration 11 back over a database
// with a placed incident and an unplaced event: the R*Trees come back
// holding what the writer used to put in them, and go again on the way
// up.
func TestMigrationDropsUnreadRTrees(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	placed := sitrep.Event{EventType: "Battles", EventDate: "2024-03-02",
		Place: sitrep.Place{ISO3: "XYZ", Latitude: 1.5, Longitude: 2.5}, Notes: "Shots near the mill."}
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		if _, _, err := tx.PutDocument(ctx, &sitrep.Document{ID: "d1", Text: "Shots near the mill."},
			[]sitrep.Event{placed, {EventType: "Protests"}}, nil); err != nil {
			return err
		}
		id, err := tx.NewIncident(ctx)
		if err != nil {
			return err
		}
		if err := tx.Attach(ctx, "d1", 0, id, false); err != nil {
			return err
		}
		_, err = tx.Save(ctx, &sitrep.Incident{ID: id, Event: placed}, sitrep.Cause{Kind: "report", DocID: "d1"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	raw, p := migrator(t, "file:"+path+"?_pragma=foreign_keys(1)")
	if _, err := p.DownTo(ctx, 10); err != nil {
		t.Fatal(err)
	}
	var events, incidents int
	err = raw.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM events_rtree WHERE min_lat <= 1.5 AND max_lat >= 1.5 AND min_lon <= 2.5 AND max_lon >= 2.5),
		(SELECT count(*) FROM incidents_rtree WHERE min_lat <= 1.5 AND max_lat >= 1.5 AND min_lon <= 2.5 AND max_lon >= 2.5)`,
	).Scan(&events, &incidents)
	if err != nil {
		t.Fatal(err)
	}
	if events != 1 || incidents != 1 {
		t.Errorf("after down: %d events and %d incidents in the R*Trees, want 1 each (the unplaced event left out)", events, incidents)
	}
	// The triggers are back: deleting the document empties events_rtree.
	if _, err := raw.ExecContext(ctx, `DELETE FROM events WHERE doc_id = 'd1'`); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM events_rtree`).Scan(&events); err != nil {
		t.Fatal(err)
	}
	if events != 0 {
		t.Errorf("events_rtree keeps %d rows after the events were deleted", events)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	var left int
	err = raw.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name LIKE '%rtree%'`).Scan(&left)
	if err != nil {
		t.Fatal(err)
	}
	if left != 0 {
		t.Errorf("after up: %d tables or triggers named rtree, want none", left)
	}
}

// TestEveryVersionKeepsItsSnapshot saves an incident three times, in
// separate transactions and twice within one, then takes migration 12
// back and up again: each version reads as it was saved, throughout, and
// only superseded versions hold a snapshot of their own.
func TestEveryVersionKeepsItsSnapshot(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ev := sitrep.Event{EventType: "Battles", EventDate: "2024-03-02",
		Place: sitrep.Place{ISO3: "XYZ", Latitude: 1, Longitude: 2}, Notes: "Shots near the mill."}
	var id string
	save := func(tx sitrep.IncidentTx, notes string) error {
		ev.Notes = notes
		_, err := tx.Save(ctx, &sitrep.Incident{ID: id, Event: ev}, sitrep.Cause{Kind: "report", DocID: "d1"})
		return err
	}
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		if _, _, err := tx.PutDocument(ctx, &sitrep.Document{ID: "d1", Text: "Shots near the mill."},
			[]sitrep.Event{ev}, nil); err != nil {
			return err
		}
		var err error
		if id, err = tx.NewIncident(ctx); err != nil {
			return err
		}
		if err := tx.Attach(ctx, "d1", 0, id, true); err != nil {
			return err
		}
		if err := save(tx, "first"); err != nil {
			return err
		}
		return save(tx, "second")
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(ctx, func(tx sitrep.IncidentTx) error { return save(tx, "third") }); err != nil {
		t.Fatal(err)
	}
	want := []string{"first", "second", "third"}
	versions := func(when string) {
		t.Helper()
		for n, notes := range want {
			v, err := db.Version(ctx, id, n+1)
			if err != nil || v.Notes != notes || v.Version != n+1 {
				t.Errorf("%s: version %d = %+v (%v), want notes %q", when, n+1, v, err, notes)
			}
		}
	}
	versions("written")
	var own int
	if err := db.r.QueryRowContext(ctx, `SELECT count(snapshot) FROM incident_versions`).Scan(&own); err != nil {
		t.Fatal(err)
	}
	if own != 2 {
		t.Errorf("%d versions hold a snapshot of their own, want the 2 superseded ones", own)
	}
	db.Close()

	raw, p := migrator(t, "file:"+path+"?_pragma=foreign_keys(1)")
	if _, err := p.DownTo(ctx, 11); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM incident_versions
		WHERE snapshot ->> '$.notes' = (SELECT snapshot ->> '$.notes' FROM incidents) AND version = 3`).Scan(&own); err != nil {
		t.Fatal(err)
	}
	if own != 1 {
		t.Error("after down: the current version's row does not hold the current snapshot")
	}
	db = upAndReopen(ctx, t, raw, p, path)
	versions("after down and up")
}

// TestIncidentNotesIndexWithoutContent checks that incidents_fts keeps no
// copy of the notes, that an incident's notes are found by text search
// until it is deleted, and that migration 15 taken back and up again
// rebuilds the index, with its copy of the notes and without.
func TestIncidentNotesIndexWithoutContent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		for _, notes := range []string{"Shots near the mill.", "Smoke over the harbour."} {
			id, err := tx.NewIncident(ctx)
			if err != nil {
				return err
			}
			ids = append(ids, id)
			inc := &sitrep.Incident{ID: id, Event: sitrep.Event{EventType: "Battles", EventDate: "2024-03-02",
				Place: sitrep.Place{ISO3: "XYZ", Latitude: 1.5, Longitude: 2.5}, Notes: notes}}
			if _, err := tx.Save(ctx, inc, sitrep.Cause{Kind: "report"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	found := func(db *DB, when, word string, want ...string) {
		t.Helper()
		searchFinds(t, db, when, word, want)
	}
	copies := func(q querier, when string, want int) {
		t.Helper()
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(notes) FROM incidents_fts`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("%s: incidents_fts holds %d notes, want %d", when, n, want)
		}
	}
	found(db, "stored", "mill", ids[0])
	copies(sqlQuerier{db.r}, "stored", 0)
	if err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		return tx.Delete(ctx, ids[0], sitrep.Cause{Kind: "correction"}, "")
	}); err != nil {
		t.Fatal(err)
	}
	found(db, "deleted", "mill")
	found(db, "deleted", "harbour", ids[1])
	db.Close()

	raw, p := migrator(t, "file:"+path+"?_pragma=foreign_keys(1)")
	if _, err := p.DownTo(ctx, 14); err != nil {
		t.Fatal(err)
	}
	copies(sqlQuerier{raw}, "after down", 1)
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	copies(sqlQuerier{raw}, "after up", 0)
	raw.Close()
	if db, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	found(db, "after down and up", "harbour", ids[1])
	found(db, "after down and up", "mill")
}

// TestFullTextWithoutPositions checks that text search finds the same
// incidents, by a word of a report's title or text or of the notes,
// whole or as a prefix, under migration 16's indexes without positions,
// and after 16 is taken back and applied again, which rebuilds them from
// the rows.
func TestFullTextWithoutPositions(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		reports := []struct{ title, text, notes string }{
			{"Mill burned", "Fire took the old mill by the river at night.", "Arson at a mill."},
			{"Port closed", "Shelling shut the harbour before dawn.", "Shelling of the port."},
		}
		for i, r := range reports {
			doc := &sitrep.Document{ID: fmt.Sprintf("d%d", i), Title: r.title, Text: r.text}
			ev := sitrep.Event{EventType: "Battles", EventDate: "2024-03-02", Notes: r.notes,
				Place: sitrep.Place{ISO3: "XYZ", Latitude: 1.5, Longitude: 2.5}}
			if _, _, err := tx.PutDocument(ctx, doc, []sitrep.Event{ev}, nil); err != nil {
				return err
			}
			id, err := tx.NewIncident(ctx)
			if err != nil {
				return err
			}
			ids = append(ids, id)
			if err := tx.Attach(ctx, doc.ID, 0, id, false); err != nil {
				return err
			}
			if _, err := tx.Save(ctx, &sitrep.Incident{ID: id, Event: ev}, sitrep.Cause{Kind: "report", DocID: doc.ID}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	searches := []struct {
		words string
		want  []string
	}{
		{"river", ids[:1]},        // a report's text
		{"burned", ids[:1]},       // a report's title
		{"arson", ids[:1]},        // the notes
		{"shell*", ids[1:]},       // a prefix
		{"harbour dawn", ids[1:]}, // every word, anywhere in the report
		{"harbour river", nil},    // not all in one
		{"closed port", ids[1:]},  // title and notes
		{"mill", ids[:1]},         // title, text and notes at once
		{"nothing", nil},          // in none
	}
	check := func(when string) {
		t.Helper()
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, s := range searches {
			searchFinds(t, db, when, s.words, s.want)
		}
	}
	db.Close()
	check("stored")

	raw, p := migrator(t, "file:"+path+"?_pragma=foreign_keys(1)")
	if _, err := p.DownTo(ctx, 15); err != nil {
		t.Fatal(err)
	}
	// Taken back, the documents' index has positions again, and with
	// them column queries.
	var n int
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'title:burned'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("migration 16 taken back: a column query finds %d documents (%v), want 1", n, err)
	}
	raw.Close()
	check("after 16 taken back and applied again") // by Open
	raw, p = migrator(t, "file:"+path+"?_pragma=foreign_keys(1)")
	defer raw.Close()
	if v, err := p.GetDBVersion(ctx); err != nil || v < 16 {
		t.Errorf("version %d (%v) after Open, want 16 or later", v, err)
	}
}

// searchFinds checks that a text search of db for words finds the
// incidents want, in order.
func searchFinds(t *testing.T, db *DB, when, words string, want []string) {
	t.Helper()
	var got []string
	err := db.Incidents(context.Background(), sitrep.IncidentFilter{Text: words}, func(inc *sitrep.Incident) bool {
		got = append(got, inc.ID)
		return true
	})
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("%s: search for %q finds %v (%v), want %v", when, words, got, err, want)
	}
}
