package gazetteer

import (
	"testing"
)

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
