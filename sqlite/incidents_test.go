package sqlite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestIncidentTx exercises the transaction side of incidents directly:
// saving only what changed, candidates by box and by admin1, attachments
// and the refusal to delete an incident that still has reports.
func TestIncidentTx(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	town := sitrep.Event{EventType: "Battles", Place: sitrep.Place{Location: "Northgate", ISO3: "SYR", Admin1: "Idlib",
		Latitude: 35.6, Longitude: 36.5, Precision: 1}, EventDate: "2020-03-02", TimePrecision: 1,
		Claims: []sitrep.Claim{{Claimant: "médecins", Kind: sitrep.Killed, CountLow: 2, CountHigh: 2, Span: sitrep.Span{Start: 8, End: 11}}}}
	var id string
	err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		doc := &sitrep.Document{ID: "d1", Text: "Çatışma: two killed, médecins said."}
		if _, _, err := tx.PutDocument(ctx, doc, []sitrep.Event{town}, []byte{1, 2, 3, 4}); err != nil {
			return err
		}
		var err error
		if id, err = tx.NewIncident(ctx); err != nil {
			return err
		}
		if err := tx.Attach(ctx, "d1", 0, id, false); err != nil {
			return err
		}
		if err := tx.Attach(ctx, "d1", 5, id, false); !errors.Is(err, sitrep.ErrNotFound) {
			t.Errorf("attaching a missing event: %v", err)
		}
		// Ç, ı and ş take two bytes each: byte 8 is code point 5.
		reports, err := tx.Reports(ctx, id)
		if err != nil {
			return err
		}
		if len(reports) != 1 || reports[0].DocID != "d1" || len(reports[0].Fingerprint) != 4 ||
			reports[0].Event.Claims[0].Span != (sitrep.Span{Start: 5, End: 8}) {
			t.Errorf("reports = %+v, want d1 with its fingerprint and code point spans", reports)
		}
		inc := &sitrep.Incident{ID: id, Event: town, Reports: []string{"d1"}}
		for i, want := range []bool{true, false} {
			changed, err := tx.Save(ctx, inc, sitrep.Cause{Kind: "report", DocID: "d1"})
			if err != nil {
				return err
			}
			if changed != want {
				t.Errorf("save %d: changed = %v, want %v", i+1, changed, want)
			}
		}
		box := &sitrep.Box{MinLat: 35.5, MaxLat: 35.7, MinLon: 36.4, MaxLon: 36.6}
		far := &sitrep.Box{MinLat: 30, MaxLat: 31, MinLon: 30, MaxLon: 31}
		tests := []struct {
			q    sitrep.CandidateQuery
			want int
		}{
			{sitrep.CandidateQuery{ISO3: "SYR", From: "2020-03-01", To: "2020-03-03", Box: box}, 1},
			{sitrep.CandidateQuery{ISO3: "SYR", From: "2020-03-01", To: "2020-03-03", Admin1: "Idlib", Box: far}, 1},
			{sitrep.CandidateQuery{ISO3: "SYR", From: "2020-03-01", To: "2020-03-03", Admin1: "Hama", Box: far}, 0},
			{sitrep.CandidateQuery{ISO3: "SYR", From: "2020-03-03", To: "2020-03-09", Box: box}, 0},
			{sitrep.CandidateQuery{ISO3: "IRQ", From: "2020-03-01", To: "2020-03-03", Box: box}, 0},
		}
		for _, tt := range tests {
			got, err := tx.Candidates(ctx, tt.q)
			if err != nil {
				return err
			}
			if len(got) != tt.want || (len(got) == 1 && got[0].ID != id) {
				t.Errorf("candidates %+v: %d, want %d", tt.q, len(got), tt.want)
			}
		}
		if err := tx.Delete(ctx, id, sitrep.Cause{Kind: "report"}, ""); err == nil {
			t.Error("an incident with reports was deleted")
		}
		att, err := tx.Attachments(ctx, "d1")
		if err != nil || len(att) != 1 || att[0] != id {
			t.Errorf("attachments = %v, %v", att, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	inc, err := db.Incident(ctx, id)
	if err != nil || inc.Version != 1 || inc.CreatedAt.IsZero() || !inc.UpdatedAt.Equal(inc.CreatedAt) {
		t.Errorf("stored incident = %+v, %v", inc, err)
	}
}

// TestUpdateRollsBack: when the function fails, nothing it wrote stays.
func TestUpdateRollsBack(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	boom := errors.New("boom")
	err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		if _, _, err := tx.PutDocument(ctx, &sitrep.Document{ID: "x", Text: "text"}, nil, nil); err != nil {
			return err
		}
		if _, err := tx.NewIncident(ctx); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update returned %v, want the function's error", err)
	}
	if docs, _ := stats(t, db); docs != 0 {
		t.Errorf("%d documents after a rolled back update", docs)
	}
	if n, _, _ := db.IncidentStats(ctx); n != 0 {
		t.Errorf("%d incidents after a rolled back update", n)
	}
}
