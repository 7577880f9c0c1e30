package sqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
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
		body, _, err := content(&tt.inc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := snapshot(&tt.inc, body)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(&tt.inc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
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
