package sqlite_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/sqlite"
)

// TestIncidentTx exercises the transaction side of incidents directly:
// saving only what changed, candidates by box and by admin1, attachments,
// replacing a fingerprint and the refusal to delete an incident that still has reports.
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
		if err := tx.SetFingerprint(ctx, "d1", []byte{5, 6, 7}); err != nil {
			return err
		}
		if err := tx.SetFingerprint(ctx, "d9", []byte{5, 6, 7}); !errors.Is(err, sitrep.ErrNotFound) {
			t.Errorf("setting the fingerprint of a missing document: %v", err)
		}
		if reports, err := tx.Reports(ctx, id); err != nil {
			return err
		} else if string(reports[0].Fingerprint) != "\x05\x06\x07" {
			t.Errorf("fingerprint after SetFingerprint = %x, want 050607", reports[0].Fingerprint)
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

// TestEventsWaitingForSavedIncidents follows the events of a document
// attached to incidents begun and saved in the same transaction, whose
// rows the writer holds back (see pending writes in incidents.go): every
// reader in the transaction must see them where they were attached, and
// pinning one, to its incident or another, must move it once.
func TestEventsWaitingForSavedIncidents(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	ev := func(place string) sitrep.Event {
		return sitrep.Event{EventType: "Battles", Place: sitrep.Place{Location: place, ISO3: "SYR", Admin1: place},
			EventDate: "2020-03-02", Notes: "Fighting in " + place + "."}
	}
	events := []sitrep.Event{ev("Northgate"), ev("Southgate"), ev("Eastgate")}
	ids := make([]string, len(events))
	err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		if _, _, err := tx.PutDocument(ctx, &sitrep.Document{ID: "d", Text: "Fighting at three gates."}, events, nil); err != nil {
			return err
		}
		for i := range events {
			id, err := tx.NewIncident(ctx)
			if err != nil {
				return err
			}
			ids[i] = id
			if err := tx.Attach(ctx, "d", i, id, false); err != nil {
				return err
			}
			inc := &sitrep.Incident{ID: id, Event: events[i], Reports: []string{"d"}}
			if _, err := tx.Save(ctx, inc, sitrep.Cause{Kind: "report", DocID: "d"}); err != nil {
				return err
			}
		}
		// Event 0, waiting for the first incident, is pinned there.
		if err := tx.Attach(ctx, "d", 0, ids[0], true); err != nil {
			return err
		}
		reports, err := tx.Reports(ctx, ids[1])
		if err != nil {
			return err
		}
		if len(reports) != 1 || reports[0].Ord != 1 || reports[0].Event.Location != "Southgate" {
			t.Errorf("reports of the second incident = %+v, want event 1 of d", reports)
		}
		if err := tx.Delete(ctx, ids[2], sitrep.Cause{Kind: "report"}, ""); err == nil {
			t.Error("an incident whose report waits to be written was deleted")
		}
		// Event 0 goes to the second incident, pinned.
		if err := tx.Attach(ctx, "d", 0, ids[1], true); err != nil {
			return err
		}
		att, err := tx.Attachments(ctx, "d")
		if err != nil {
			return err
		}
		if want := []string{ids[1], ids[1], ids[2]}; !slices.Equal(att, want) {
			t.Errorf("attachments in the transaction = %v, want %v", att, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{0, 2, 1} {
		var n int
		err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
			reports, err := tx.Reports(ctx, ids[i])
			n = len(reports)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("incident %s has %d reports after commit, want %d", ids[i], n, want)
		}
	}
}

// TestCandidatesMatchTheirDefinition saves incidents around a point, at
// and near the edges of the boxes asked for, and compares Candidates with
// its definition: the live incidents of the country and dates that are
// in the admin1 or in the box, as SQLite's R*Tree finds points in it.
func TestCandidatesMatchTheirDefinition(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	r := rand.New(rand.NewPCG(5, 6))
	admins := []string{"", "Idlib", "Aleppo"}
	var saved []*sitrep.Incident
	err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		for range 300 {
			id, err := tx.NewIncident(ctx)
			if err != nil {
				return err
			}
			inc := &sitrep.Incident{ID: id, Event: sitrep.Event{EventType: "Battles",
				Place: sitrep.Place{ISO3: []string{"SYR", "IRQ"}[r.IntN(2)], Admin1: admins[r.IntN(len(admins))],
					Latitude:  35 + float64(r.IntN(5))*0.25 + float64(r.IntN(3)-1)*1e-6*float64(r.IntN(2)),
					Longitude: 36 + float64(r.IntN(5))*0.25 + float64(r.IntN(3)-1)*3e-6*float64(r.IntN(2))},
				EventDate: "2020-03-" + []string{"01", "05", "09"}[r.IntN(3)]}}
			if r.IntN(10) == 0 {
				inc.Latitude, inc.Longitude = 0, 0
			}
			if _, err := tx.Save(ctx, inc, sitrep.Cause{Kind: "report"}); err != nil {
				return err
			}
			saved = append(saved, inc)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		for range 200 {
			q := sitrep.CandidateQuery{ISO3: "SYR", Admin1: admins[r.IntN(len(admins))], From: "2020-03-02", To: "2020-03-09"}
			if r.IntN(4) > 0 {
				lat, lon := 35+float64(r.IntN(5))*0.25, 36+float64(r.IntN(5))*0.25
				q.Box = &sitrep.Box{MinLat: lat, MaxLat: lat + float64(r.IntN(3))*0.25, MinLon: lon, MaxLon: lon + float64(r.IntN(3))*0.25}
			}
			var want []string
			for _, inc := range saved {
				placed := inc.Latitude != 0 || inc.Longitude != 0
				if inc.ISO3 == q.ISO3 && inc.EventDate >= q.From && inc.EventDate <= q.To &&
					(inc.Admin1 == q.Admin1 && q.Admin1 != "" || q.Box != nil && placed && sqlite.InBox(q.Box, inc.Latitude, inc.Longitude)) {
					want = append(want, inc.ID)
				}
			}
			cands, err := tx.Candidates(ctx, q)
			if err != nil {
				return err
			}
			var got []string
			for _, c := range cands {
				got = append(got, c.ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("Candidates(%+v, box %+v) = %v, want %v", q, q.Box, got, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
