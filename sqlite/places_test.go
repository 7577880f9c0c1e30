package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/sqlite"
)

func TestGazetteerEntries(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first := []sitrep.GazetteerEntry{
		{Name: "Tall Ruman", Aliases: []string{"Tell Roman"}, Lat: 36.1, Lon: 38.2, Country: "SY", GeonameID: 9000001},
		{Name: "Farm 12", Lat: 14.5, Lon: 33.1, Country: "SDN", Admin1: "Al Jazirah"},
	}
	if n, err := db.PutGazetteerEntries(ctx, "SY.txt", first); err != nil || n != 2 {
		t.Fatalf("put = %d, %v", n, err)
	}
	// The same GeoNames place again replaces it; a user place is added.
	again := []sitrep.GazetteerEntry{
		{Name: "Tall Rumman", Lat: 36.1, Lon: 38.2, Country: "SY", GeonameID: 9000001},
		{Name: "Farm 12", Lat: 14.5, Lon: 33.1, Country: "SDN"},
	}
	if _, err := db.PutGazetteerEntries(ctx, "allCountries.zip", again); err != nil {
		t.Fatal(err)
	}
	var got []sitrep.GazetteerEntry
	if err := db.GazetteerEntries(ctx, func(e sitrep.GazetteerEntry) bool { got = append(got, e); return true }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("stored %d entries, want 3 (one GeoNames place replaced, two user places): %+v", len(got), got)
	}
	for _, e := range got {
		if e.Name == "Tall Ruman" {
			t.Error("the GeoNames place was not replaced by its later import")
		}
	}
	if got[0].Name == "Farm 12" && got[0].Admin1 != "Al Jazirah" {
		t.Errorf("fields lost in the round trip: %+v", got[0])
	}
}
