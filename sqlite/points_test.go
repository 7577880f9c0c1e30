package sqlite_test

import (
	"context"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestPointsMatchIncidents checks that Points selects the incidents
// Incidents does, in the same order, with the same values.
func TestPointsMatchIncidents(t *testing.T) {
	db, _ := openTemp(t)
	_, between := seedQuery(t, db)
	filters := []struct {
		what string
		f    sitrep.IncidentFilter
	}{
		{"all", sitrep.IncidentFilter{}},
		{"dates", sitrep.IncidentFilter{From: "2020-05-02", To: "2020-05-05"}},
		{"box", sitrep.IncidentFilter{Box: &sitrep.Box{MinLon: 36, MinLat: 35, MaxLon: 37, MaxLat: 36.5}}},
		{"near", sitrep.IncidentFilter{NearLat: 35.93, NearLon: 36.63, RadiusKm: 20}},
		{"country and type", sitrep.IncidentFilter{ISO3: "SYR", EventType: "Battles"}},
		{"actor and inter", sitrep.IncidentFilter{Actor: "civilians", Inter: []int{7}}},
		{"text", sitrep.IncidentFilter{Text: "quarry"}},
		{"grade and fatalities", sitrep.IncidentFilter{Grade: sitrep.GradeSingle, MinFatalities: 1}},
		{"updated since", sitrep.IncidentFilter{UpdatedSince: between}},
		{"sorted and limited", sitrep.IncidentFilter{Sort: "-fatalities", Limit: 3}},
		{"nothing", sitrep.IncidentFilter{Admin1: "nowhere"}},
	}
	for _, tt := range filters {
		t.Run(tt.what, func(t *testing.T) {
			var want []sitrep.Point
			for _, inc := range list(t, db, tt.f) {
				want = append(want, sitrep.Point{ID: inc.ID, Latitude: inc.Latitude, Longitude: inc.Longitude,
					EventType: inc.EventType, SubEventType: inc.SubEventType, EventDate: inc.EventDate,
					Fatalities: inc.Fatalities, Admin1: inc.Admin1, ISO3: inc.ISO3, Grade: inc.Grade})
			}
			var got []sitrep.Point
			err := db.Points(context.Background(), tt.f, func(p sitrep.Point) bool {
				got = append(got, p)
				return true
			})
			if err != nil {
				t.Fatalf("Points: %v", err)
			}
			if len(got) != len(want) {
				t.Fatalf("got %d points, want %d: %+v", len(got), len(want), got)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("point %d: got %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}
}

func TestPointsStopsAndRejects(t *testing.T) {
	db, _ := openTemp(t)
	seedQuery(t, db)
	n := 0
	if err := db.Points(context.Background(), sitrep.IncidentFilter{}, func(sitrep.Point) bool { n++; return n < 2 }); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("fn called %d times after returning false at 2", n)
	}
	bad := []sitrep.IncidentFilter{
		{Sort: "location"},
		{Box: &sitrep.Box{MinLat: 10, MaxLat: 0}},
	}
	for _, f := range bad {
		if err := db.Points(context.Background(), f, func(sitrep.Point) bool { return true }); err == nil {
			t.Errorf("Points(%+v): no error", f)
		}
	}
}
