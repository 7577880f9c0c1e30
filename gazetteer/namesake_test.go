package gazetteer

import (
	"math"
	"testing"
)

// TestFindDistrictOverVillage checks that a district wins over a village of
// no recorded population that shares its name in another district of the
// same province: "X, Province" names the district, while a town of some
// size keeps its name.
func TestFindDistrictOverVillage(t *testing.T) {
	g, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	g.Add(
		Entry{Name: "Varnholm", Lat: 41.0, Lon: 29.0, Country: "TR", Feature: "ADM1"},
		Entry{Name: "Oskelivar", Lat: 41.0, Lon: 29.05, Country: "TR", Feature: "ADM2", Admin1: "Varnholm"},
		Entry{Name: "Drennik", Lat: 41.1, Lon: 28.3, Country: "TR", Feature: "ADM2", Admin1: "Varnholm"},
		Entry{Name: "Oskelivar", Lat: 41.12, Lon: 28.32, Country: "TR", Admin1: "Varnholm", Admin2: "Drennik"},
		Entry{Name: "Tulbaran", Lat: 41.05, Lon: 29.1, Country: "TR", Feature: "ADM2", Admin1: "Varnholm"},
		Entry{Name: "Tulbaran", Lat: 41.14, Lon: 28.35, Country: "TR", Admin1: "Varnholm", Admin2: "Drennik", Population: 40000},
	)
	tests := []struct {
		text, name, kind string
	}{
		{"Students held a demonstration in Oskelivar, Varnholm, on Friday.", "Oskelivar", "admin2"},
		{"Students held a demonstration in Tulbaran, Varnholm, on Friday.", "Tulbaran", ""},
	}
	for _, tt := range tests {
		tp, ok := first(g.Find(tt.text, nil), tt.name)
		if !ok || tp.Kind != tt.kind || tp.Place.Admin1 != "Varnholm" {
			t.Errorf("Find(%q): %q = %+v kind %q (ok %v), want kind %q in Varnholm", tt.text, tt.name, tp.Place, tp.Kind, ok, tt.kind)
		}
	}
}

// TestFindNamedProvinceOverPopulation checks that a province the text
// names draws a name to its namesake there, over a large city of the same
// name in another province.
func TestFindNamedProvinceOverPopulation(t *testing.T) {
	g, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	g.Add(
		Entry{Name: "Kelbravia", Lat: 16.0, Lon: 76.0, Country: "IN", Feature: "ADM1"},
		Entry{Name: "Morvandia", Lat: 19.0, Lon: 81.0, Country: "IN", Feature: "ADM1"},
		Entry{Name: "Tarsovel", Lat: 16.8, Lon: 75.7, Country: "IN", Admin1: "Kelbravia", Population: 300000},
		Entry{Name: "Tarsovel", Lat: 18.8, Lon: 80.8, Country: "IN", Admin1: "Morvandia"},
	)
	text := "Police and Maoists exchanged fire at the Tarsovel and Glembari border (Morvandia) on Friday."
	tp, ok := first(g.Find(text, nil), "Tarsovel")
	if !ok || tp.Place.Admin1 != "Morvandia" {
		t.Errorf("Find(%q): Tarsovel = %+v (ok %v), want the one in Morvandia", text, tp.Place, ok)
	}
}

// TestFindTiedNamesakesNearCentre checks that of two namesakes in the
// province of "X, Province" that nothing else tells apart, the one nearer
// the province's centre is chosen, whichever the gazetteer lists first.
func TestFindTiedNamesakesNearCentre(t *testing.T) {
	for _, farFirst := range []bool{true, false} {
		g, err := Open()
		if err != nil {
			t.Fatal(err)
		}
		far := Entry{Name: "Peskorivka", Lat: 48.7, Lon: 36.9, Country: "UA", Admin1: "Halvresk"}
		near := Entry{Name: "Peskorivka", Lat: 47.92, Lon: 37.58, Country: "UA", Admin1: "Halvresk"}
		g.Add(Entry{Name: "Halvresk", Lat: 48.05, Lon: 37.8, Country: "UA", Feature: "ADM1"})
		if farFirst {
			g.Add(far, near)
		} else {
			g.Add(near, far)
		}
		text := "Troops fired mortars at positions in the area of Peskorivka, Halvresk."
		tp, ok := first(g.Find(text, nil), "Peskorivka")
		if !ok || math.Abs(tp.Place.Latitude-near.Lat) > 0.01 {
			t.Errorf("far first %v: Find(%q): Peskorivka = %+v (ok %v), want the one at %.2f,%.2f", farFirst, text, tp.Place, ok, near.Lat, near.Lon)
		}
	}
}

// TestFindLowerUnitReadAsProvince checks that "X, Y municipality" where Y
// is known only as a distant province of that name does not move X there:
// the text calls Y a municipality, so that province is another unit.
func TestFindLowerUnitReadAsProvince(t *testing.T) {
	g, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	g.Add(
		Entry{Name: "Velarisca", Lat: 10.5, Lon: -63.8, Country: "VE", Feature: "ADM1", Population: 400000},
		Entry{Name: "Mirandel", Lat: 10.3, Lon: -66.6, Country: "VE", Feature: "ADM1"},
		Entry{Name: "Pentarosa", Lat: 10.47, Lon: -66.8, Country: "VE", Feature: "PPLA2", Admin1: "Mirandel", Population: 300000},
	)
	for _, tt := range []struct {
		text     string
		fallback bool
	}{
		{"Neighbours protested in Pentarosa, Velarisca municipality, on Monday.", false},
		{"Neighbours protested in Pentarosa, Velarisca, on Monday.", true},
	} {
		tp, ok := first(g.Find(tt.text, nil), "Pentarosa")
		if !ok || tp.Fallback != tt.fallback {
			t.Errorf("Find(%q): Pentarosa = %+v fallback %v (ok %v), want fallback %v", tt.text, tp.Place, tp.Fallback, ok, tt.fallback)
		}
	}
}
