package sqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// TestSnapshotIsTheIncidentsJSON checks that Save's shortcut, rewriting
// only the bookkeeping at the end of the content's JSON, gives what
// encoding the incident gives.
func TestSnapshotIsTheIncidentsJSON(t *testing.T) {
	seven := 7
	at := time.Date(2021, 3, 4, 5, 6, 7, 890, time.UTC)
	tests := []struct {
		name string
		inc  sitrep.Incident
	}{
		{"empty", sitrep.Incident{}},
		{"first version", sitrep.Incident{ID: "3", Version: 1, CreatedAt: at, UpdatedAt: at}},
		{"full", sitrep.Incident{ID: "12", Event: sitrep.Event{EventType: "Battles", Notes: `a "quoted" note, version 0`,
			Claims:   []sitrep.Claim{{Claimant: "medics", Kind: sitrep.Killed, CountLow: 7, CountHigh: 7}},
			Evidence: map[string]sitrep.Span{"location": {Start: 1, End: 4}}, FatalitiesLow: &seven},
			FatalitiesBest: &seven, Grade: sitrep.GradeSingle, Reports: []string{"a", "b"},
			Corrections: map[string]json.RawMessage{"notes": json.RawMessage(`"x"`)}, Reviewers: []string{"Ana"},
			Version: 12, CreatedAt: at, UpdatedAt: at.Add(time.Hour)}},
		{"other time zone", sitrep.Incident{ID: "4", Version: 2, CreatedAt: at.In(time.FixedZone("x", 3600)), UpdatedAt: at}},
	}
	for _, tt := range tests {
		body, _, err := content([]byte("left as it is"), &tt.inc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(body, []byte("left as it is{")) {
			t.Fatalf("content does not append: %s", body)
		}
		got, err := snapshot(&tt.inc, body[len("left as it is"):])
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(&tt.inc)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s: snapshot\n%s\nwant\n%s", tt.name, got, want)
		}
	}
}

// TestWriterCacheAgreesWithTheStore checks that the incidents the writer
// returns from its cache are those stored, and that a rolled-back
// transaction leaves nothing in the cache: its version number is used
// again, with other content, by the next transaction, here in another
// process (a second handle on the file).
func TestWriterCacheAgreesWithTheStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cache.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	event := func(loc string) sitrep.Event {
		return sitrep.Event{EventType: "Battles", Place: sitrep.Place{Location: loc, ISO3: "SYR", Admin1: "Idlib",
			Latitude: 35.6, Longitude: 36.5, Precision: 1}, EventDate: "2020-03-02", TimePrecision: 1}
	}
	var id string
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		if _, _, err := tx.PutDocument(ctx, &sitrep.Document{ID: "d", Text: "text"}, []sitrep.Event{event("A")}, nil); err != nil {
			return err
		}
		if id, err = tx.NewIncident(ctx); err != nil {
			return err
		}
		if err := tx.Attach(ctx, "d", 0, id, false); err != nil {
			return err
		}
		_, err := tx.Save(ctx, &sitrep.Incident{ID: id, Event: event("A"), Reports: []string{"d"}}, sitrep.Cause{Kind: "report"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	save := func(db *DB, loc string, fail bool) {
		t.Helper()
		err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
			// Read first, so that the cache holds version 1.
			if _, err := tx.Incident(ctx, id); err != nil {
				return err
			}
			if _, err := tx.Save(ctx, &sitrep.Incident{ID: id, Event: event(loc), Reports: []string{"d"}}, sitrep.Cause{Kind: "report"}); err != nil {
				return err
			}
			if fail {
				return errors.New("roll back")
			}
			return nil
		})
		if (err != nil) != fail {
			t.Fatal(err)
		}
	}
	save(db, "B", true)
	save(other, "C", false)

	// What the writer returns, cached, against what a third handle on
	// the file decodes from the snapshots.
	third, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	q := sitrep.CandidateQuery{ISO3: "SYR", Admin1: "Idlib", From: "2020-01-01", To: "2020-12-31"}
	read := func(db *DB) (*sitrep.Incident, []*sitrep.Incident) {
		var inc *sitrep.Incident
		var cands []*sitrep.Incident
		err := db.Update(ctx, func(tx sitrep.IncidentTx) (err error) {
			if inc, err = tx.Incident(ctx, id); err != nil {
				return err
			}
			cands, err = tx.Candidates(ctx, q)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return inc, cands
	}
	cached, cachedCands := read(db)
	stored, storedCands := read(third)
	if cached.Location != "C" || cached.Version != 2 {
		t.Errorf("incident %s: location %q version %d, want C and 2", id, cached.Location, cached.Version)
	}
	asJSON := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if a, b := asJSON(cached), asJSON(stored); a != b {
		t.Errorf("cached incident\n%s\nstored\n%s", a, b)
	}
	if a, b := asJSON(cachedCands), asJSON(storedCands); a != b {
		t.Errorf("cached candidates\n%s\nstored\n%s", a, b)
	}
	// Changing what the cache returned leaves the cache alone.
	cached.Reports[0] = "changed"
	cached.Location = "changed"
	if again, _ := read(db); again.Reports[0] != "d" || again.Location != "C" {
		t.Errorf("the cache gave away its own copy: %+v", again)
	}
}

// TestManyClaimsAndEvidence stores events with more claims and evidence
// than one INSERT writes, and reads them back in order.
func TestManyClaimsAndEvidence(t *testing.T) {
	ctx := context.Background()
	db := openInternal(t)
	var events []sitrep.Event
	for _, n := range []int{0, 1, maxRowsPerInsert, maxRowsPerInsert + 1, 2*maxRowsPerInsert + 3} {
		e := sitrep.Event{EventType: "Battles", Claims: []sitrep.Claim{}, Evidence: map[string]sitrep.Span{}}
		for i := range n {
			e.Claims = append(e.Claims, sitrep.Claim{Claimant: "source " + string(rune('a'+i%26)), Kind: sitrep.Killed,
				CountLow: i, CountHigh: i + 1, Span: sitrep.Span{Start: i, End: i + 2}, Hedged: i%2 == 0})
			e.Evidence["claims["+string(rune('a'+i%26))+string(rune('a'+i/26))+"]"] = sitrep.Span{Start: i, End: i + 3}
		}
		events = append(events, e)
	}
	if _, _, err := db.PutDocument(ctx, &sitrep.Document{ID: "many", Text: "text"}, events); err != nil {
		t.Fatal(err)
	}
	_, got, err := db.Document(ctx, "many")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(events)
	b, _ := json.Marshal(got)
	if !bytes.Equal(a, b) {
		t.Errorf("stored\n%s\nread back\n%s", a, b)
	}
}

// awkwardClaims are claims whose strings JSON must escape or must leave
// alone: quotes, backslashes, control characters, non-ASCII letters,
// invalid UTF-8.
func awkwardClaims() []sitrep.Claim {
	return []sitrep.Claim{
		{Claimant: `the "civil defence"`, Outlet: `back\slash`, Kind: sitrep.Killed, CountLow: 3, CountHigh: 5,
			Qualifier: "at least", Victims: "line\none\ttab\x01", Span: sitrep.Span{Start: 0, End: 4}, Hedged: true},
		{Claimant: "médecins — Ümraniye", Outlet: "bad \xff\xfe bytes", Kind: sitrep.Wounded, CountLow: -1,
			CountHigh: 1 << 40, Span: sitrep.Span{Start: 2, End: 3}, Denied: true},
		{},
	}
}

// TestClaimsJSONRoundTrip checks that claims read back from the JSON the
// writer stores them in are the claims written.
func TestClaimsJSONRoundTrip(t *testing.T) {
	in := awkwardClaims()
	stored := claimsJSON(in)
	out, err := decodeClaims(stored.String)
	if err != nil {
		t.Fatalf("decoding %s: %v", stored.String, err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("claims\n%#v\nread back as\n%#v", in, out)
	}
	if s := claimsJSON(nil); s.Valid {
		t.Errorf("no claims stored as %q, want NULL", s.String)
	}
	for _, bad := range []string{``, `[`, `[[`, `[["a"]]`, `[["a","b","c",1,2,"q","v",0,1,0,0`, `[["a\u00"]]`, `{}`} {
		if _, err := decodeClaims(bad); err == nil {
			t.Errorf("decodeClaims(%q) gave no error", bad)
		}
	}
}

// TestClaimsAndEvidenceReadBack stores awkward claims and evidence and
// reads them back through every path: the document (the claims and
// evidence views) and the reports of an incident (the writer's decoder).
func TestClaimsAndEvidenceReadBack(t *testing.T) {
	ctx := context.Background()
	db := openInternal(t)
	e := sitrep.Event{EventType: "Battles", Claims: awkwardClaims(),
		Evidence: map[string]sitrep.Span{"location": {Start: 1, End: 2}, `quote"d`: {Start: 3, End: 4}, "ü\xff": {Start: 5, End: 6}}}
	text := "ASCII text, so byte and code point spans agree."
	err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		if _, _, err := tx.PutDocument(ctx, &sitrep.Document{ID: "d", Text: text}, []sitrep.Event{e}, nil); err != nil {
			return err
		}
		id, err := tx.NewIncident(ctx)
		if err != nil {
			return err
		}
		if err := tx.Attach(ctx, "d", 0, id, false); err != nil {
			return err
		}
		if _, err := tx.Save(ctx, &sitrep.Incident{ID: id, Event: e, Reports: []string{"d"}}, sitrep.Cause{Kind: "report"}); err != nil {
			return err
		}
		reports, err := tx.Reports(ctx, id)
		if err != nil {
			return err
		}
		if len(reports) != 1 || !reflect.DeepEqual(reports[0].Event.Claims, e.Claims) {
			t.Errorf("reports = %#v, want one with claims %#v", reports, e.Claims)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, got, err := db.Document(ctx, "d")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0].Claims, e.Claims) || !reflect.DeepEqual(got[0].Evidence, e.Evidence) {
		t.Errorf("read back %#v\nwant claims %#v and evidence %#v", got, e.Claims, e.Evidence)
	}
}

// TestMigrationMovesClaimsIntoEvents stores claims and evidence as rows,
// under the schema before migration 9, then opens the database: they
// must read back as they were written, through the views and through the
// writer, and again after migration 9 is taken back.
func TestMigrationMovesClaimsIntoEvents(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, p := migrator(t, "file:"+path+"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)")
	if _, err := p.UpTo(ctx, 7); err != nil {
		t.Fatal(err)
	}
	claims := awkwardClaims()
	evidence := map[string]sitrep.Span{"location": {Start: 1, End: 2}, "line\nbreak \xff": {Start: 3, End: 4}}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO documents (id, hash, text) VALUES ('d', 'h', 'ASCII text.')`)
	exec(`INSERT INTO incidents (id, state) VALUES (1, 'live')`)
	exec(`INSERT INTO events (id, doc_id, ord, event_type, incident) VALUES (1, 'd', 0, 'Battles', 1), (2, 'd', 1, 'Protests', NULL)`)
	for i, c := range claims {
		exec(`INSERT INTO claims (event_id, ord, `+claimColumns+`) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			i, c.Claimant, c.Outlet, c.Kind, c.CountLow, c.CountHigh, c.Qualifier, c.Victims, c.Span.Start, c.Span.End, c.Denied, c.Hedged)
	}
	for f, s := range evidence {
		exec(`INSERT INTO evidence (event_id, field, span_start, span_end) VALUES (1, ?, ?, ?)`, f, s.Start, s.End)
	}
	// raw stays open, idle: Open migrates through its own connections.
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	check := func(when string) {
		t.Helper()
		_, events, err := db.Document(ctx, "d")
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if len(events) != 2 || !reflect.DeepEqual(events[0].Claims, claims) || !reflect.DeepEqual(events[0].Evidence, evidence) ||
			len(events[1].Claims) != 0 || len(events[1].Evidence) != 0 {
			t.Errorf("%s: read back %#v\nwant claims %#v and evidence %#v on the first event only", when, events, claims, evidence)
		}
	}
	check("after migrating")
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		reports, err := tx.Reports(ctx, "1")
		if err != nil {
			return err
		}
		if len(reports) != 1 || !reflect.DeepEqual(reports[0].Event.Claims, claims) {
			t.Errorf("reports = %#v, want one with claims %#v", reports, claims)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 7); err != nil {
		t.Fatal(err)
	}
	// Taking 9 back takes back 10, 13 and 14 too, whose columns today's
	// readers of documents and events expect; put them back, empty, to
	// read the events.
	for _, q := range []string{`ALTER TABLE documents ADD COLUMN unresolved TEXT`, `ALTER TABLE events ADD COLUMN named TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE documents ADD COLUMN raw_text_at INTEGER`, `ALTER TABLE documents ADD COLUMN raw_text_form INTEGER`} {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	check("after taking migration 9 back")
}

// TestInBoxAgreesWithRTree checks that matching's box test finds the
// points SQLite's R*Tree finds, on points at and around the box's edges,
// where the tree's 32-bit floats decide.
func TestInBoxAgreesWithRTree(t *testing.T) {
	ctx := context.Background()
	db := openInternal(t)
	if _, err := db.w.ExecContext(ctx, `CREATE VIRTUAL TABLE temp.points USING rtree (id, min_lat, max_lat, min_lon, max_lon)`); err != nil {
		t.Fatal(err)
	}
	boxes := []sitrep.Box{
		{MinLat: 35.123456789, MaxLat: 35.987654321, MinLon: 36.1, MaxLon: 36.3},
		{MinLat: -12.000000001, MaxLat: -11.5, MinLon: -77.3, MaxLon: -76.99999999},
		{MinLat: -0.1, MaxLat: 0.1, MinLon: 179.9, MaxLon: 180},
	}
	type point struct{ lat, lon float64 }
	var points []point
	for _, b := range boxes {
		for _, lat := range []float64{b.MinLat, b.MaxLat, (b.MinLat + b.MaxLat) / 2} {
			for _, lon := range []float64{b.MinLon, b.MaxLon, (b.MinLon + b.MaxLon) / 2} {
				// The edge itself, and a few steps of float64 and of
				// float32 either side of it.
				for _, d := range []float64{0, 1e-15, -1e-15, 1e-7, -1e-7, 3e-6, -3e-6, 1e-5, -1e-5} {
					points = append(points, point{lat + d, lon}, point{lat, lon + d}, point{lat - d, lon + d})
				}
			}
		}
	}
	for i, p := range points {
		if _, err := db.w.ExecContext(ctx, `INSERT INTO temp.points VALUES (?, ?, ?, ?, ?)`, i, p.lat, p.lat, p.lon, p.lon); err != nil {
			t.Fatal(err)
		}
	}
	for _, b := range boxes {
		rows, err := db.w.QueryContext(ctx, `SELECT id FROM temp.points
			WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?`, b.MinLat, b.MaxLat, b.MinLon, b.MaxLon)
		if err != nil {
			t.Fatal(err)
		}
		inTree := map[int]bool{}
		for rows.Next() {
			var id int
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			inTree[id] = true
		}
		rows.Close()
		found, edge := 0, 0
		for i, p := range points {
			got := inBox(&b, p.lat, p.lon)
			if got != inTree[i] {
				t.Errorf("box %+v, point (%v, %v): inBox = %v, R*Tree says %v", b, p.lat, p.lon, got, inTree[i])
			}
			exact := p.lat >= b.MinLat && p.lat <= b.MaxLat && p.lon >= b.MinLon && p.lon <= b.MaxLon
			if got {
				found++
			}
			if got && !exact {
				edge++
			}
		}
		if found == 0 || edge == 0 {
			t.Errorf("box %+v: %d points in it, %d of them only by rounding: the test points miss the edges", b, found, edge)
		}
	}
}
