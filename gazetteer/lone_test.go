package gazetteer

import (
	"strings"
	"testing"
)

// loneGazetteer returns a private gazetteer with made-up places, so that
// no embedded namesake can answer for them: one village known nowhere
// else, one village known in two countries, a province with a district
// of one country, a district whose name two countries share, and a
// village that is also a month's name.
func loneGazetteer(t *testing.T) *Gazetteer {
	t.Helper()
	g, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	g.Add(
		Entry{Name: "Quistrelo", Lat: 40.1, Lon: 20.1, Country: "AL", Population: 400},
		Entry{Name: "Pellacorn", Lat: 10.1, Lon: 1.1, Country: "BF", Population: 400},
		Entry{Name: "Pellacorn", Lat: 12.1, Lon: 3.1, Country: "NE", Population: 400},
		Entry{Name: "Vorlakhia", Lat: 14.0, Lon: 1.5, Country: "NE", Feature: "ADM1"},
		Entry{Name: "Zembutir", Lat: 14.1, Lon: 1.6, Country: "NE", Feature: "ADM2", Admin1: "Vorlakhia"},
		Entry{Name: "Harrowmede", Lat: 11.0, Lon: 2.0, Country: "BF", Feature: "ADM2"},
		Entry{Name: "Harrowmede", Lat: 13.0, Lon: 4.0, Country: "NE", Feature: "ADM2"},
		Entry{Name: "January", Lat: 1.0, Lon: 30.0, Country: "UG", Population: 4000},
		// A district seat whose population GeoNames leaves at 0, and the
		// district named after it.
		Entry{Name: "Brennovar", Aliases: []string{"Brennovar District"}, Lat: 34.6, Lon: 45.3, Country: "IQ", Feature: "ADM2", Admin1: "Sulaymaniyah"},
		Entry{Name: "Brennovar", Lat: 34.62, Lon: 45.32, Country: "IQ", Feature: "PPLA2", Admin1: "Sulaymaniyah", Admin2: "Brennovar"},
	)
	return g
}

// TestFindWithoutCountry checks the places Find accepts after a cue in a
// text that names no country: only those no namesake competes with, and
// below what the same place scores once its country is in view.
func TestFindWithoutCountry(t *testing.T) {
	g := loneGazetteer(t)
	tests := []struct {
		text, name string
		country    string // "" when nothing may be returned for name
		admin1     string
		hint       string // a country that, given, must raise the score
	}{
		{"Teachers held a protest in Quistrelo on Monday.", "Quistrelo", "Albania", "", "AL"},
		{"Shots were heard near Quistrelo overnight.", "Quistrelo", "Albania", "", "AL"},
		{"Farmers marched to the village of Quistrelo.", "Quistrelo", "Albania", "", "AL"},
		// Two namesakes and nothing to choose between them.
		{"Teachers held a protest in Pellacorn on Monday.", "Pellacorn", "", "", ""},
		// Brackets of one country place a place the gazetteer lacks.
		{"Gunmen burned a school in Drovanik (Zembutir).", "Drovanik", "Niger", "Vorlakhia", "NE"},
		{"Gunmen burned a school in Drovanik (Zembutir).", "Zembutir", "Niger", "Vorlakhia", "NE"},
		// Two units that nest confirm each other: no discount to test.
		{"Gunmen burned a school in Drovanik (Zembutir, Vorlakhia).", "Drovanik", "Niger", "Vorlakhia", ""},
		// A district two countries share pins nothing.
		{"Gunmen burned a school in Drovanik (Harrowmede).", "Drovanik", "", "", ""},
		// A month is not a place even when a village bears its name.
		{"Teachers held a protest in January over pay.", "January", "", "", ""},
	}
	for _, tt := range tests {
		tp, ok := first(g.Find(tt.text, nil), tt.name)
		if tt.country == "" {
			if ok && tp.Place.Known() {
				t.Errorf("Find(%q): %q resolved to %+v, want nothing", tt.text, tt.name, tp.Place)
			}
			continue
		}
		if !ok || tp.Place.Country != tt.country || tt.admin1 != "" && tp.Place.Admin1 != tt.admin1 {
			t.Errorf("Find(%q): %q = %+v (ok %v), want %s %s", tt.text, tt.name, tp.Place, ok, tt.country, tt.admin1)
			continue
		}
		if tt.hint == "" {
			continue
		}
		hinted, ok := first(g.Find(tt.text, []string{tt.hint}), tt.name)
		if !ok || hinted.Place.Country != tt.country {
			t.Errorf("Find(%q, %s): %q = %+v", tt.text, tt.hint, tt.name, hinted.Place)
			continue
		}
		if tp.Score >= hinted.Score {
			t.Errorf("Find(%q): %q scores %.2f without its country, %.2f with it; want lower without", tt.text, tt.name, tp.Score, hinted.Score)
		}
	}
}

// TestFindWithoutCountryLeavesBigPlaces checks that a well-known place
// after "in" keeps its full score: the discount is for places only their
// own name vouches for.
func TestFindWithoutCountryLeavesBigPlaces(t *testing.T) {
	g := defaultGazetteer(t)
	for _, s := range []string{
		"In Washington's view, the talks failed.",
		"Envoys met in Nairobi on Friday.",
	} {
		tps := g.Explain(s, nil)
		if len(tps) == 0 {
			t.Errorf("Explain(%q) = nothing", s)
		}
		for _, tp := range tps {
			if strings.Contains(tp.Reason, "nothing else in the text") {
				t.Errorf("Find(%q): %q discounted: %s", s, tp.Name, tp.Reason)
			}
		}
	}
}

// TestFindUnitOverrulesFarNamesake checks "X, A1" where the only X the
// gazetteer knows lies in another province of the same country: far from
// A1 the unit is the better guess, close to it (a border village filed
// under the neighbouring province) the namesake stays.
func TestFindUnitOverrulesFarNamesake(t *testing.T) {
	g, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	g.Add(
		Entry{Name: "Ostrivnaya", Lat: 48.0, Lon: 38.0, Country: "UA", Feature: "ADM1"},
		Entry{Name: "Pivdennaya", Lat: 46.5, Lon: 31.0, Country: "UA", Feature: "ADM1"},
		Entry{Name: "Lelyakivka", Lat: 46.4, Lon: 30.9, Country: "UA", Admin1: "Pivdennaya", Population: 900},
		Entry{Name: "Mirnokrai", Lat: 48.3, Lon: 37.4, Country: "UA", Admin1: "Pivdennaya", Population: 900},
	)
	tests := []struct {
		text, name, location, admin1 string
	}{
		{"Shelling was reported near Lelyakivka, Ostrivnaya.", "Lelyakivka", "Ostrivnaya", "Ostrivnaya"},
		{"Shelling was reported near Mirnokrai, Ostrivnaya.", "Mirnokrai", "Mirnokrai", "Pivdennaya"},
	}
	for _, tt := range tests {
		tp, ok := first(g.Find(tt.text, []string{"UA"}), tt.name)
		if !ok || tp.Place.Location != tt.location || tp.Place.Admin1 != tt.admin1 {
			t.Errorf("Find(%q): %q = %+v (ok %v), want %s in %s", tt.text, tt.name, tp.Place, ok, tt.location, tt.admin1)
		}
	}
}

// TestFindSmallFixes checks three readings: a seat of government ranks
// with capitals, "the US dollar" is money rather than a place, and the
// Portuguese name of Brazil's Federal District places its capital.
func TestFindSmallFixes(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		text, name, country string // country "" when name must not be returned
	}{
		{"Tailors marched through La Paz on Tuesday.", "La Paz", "Bolivia"},
		{"Prices rose as the US dollar climbed again.", "US", ""},
		{"Prices rose as US dollars ran short.", "US", ""},
		{"Envoys from the US arrived on Monday.", "US", "United States"},
		{"Police raided a lab in Brasilia, Distrito Federal, on Friday.", "Brasilia", "Brazil"},
	}
	for _, tt := range tests {
		tp, ok := first(g.Find(tt.text, nil), tt.name)
		switch {
		case tt.country == "" && ok:
			t.Errorf("Find(%q): %q returned as %+v", tt.text, tt.name, tp.Place)
		case tt.country != "" && (!ok || tp.Place.Country != tt.country):
			t.Errorf("Find(%q): %q = %+v (ok %v), want in %s", tt.text, tt.name, tp.Place, ok, tt.country)
		}
	}
}

// TestFindSeatWithoutPopulation checks that a district seat counts after
// "in" although GeoNames gives it no population, and that the district
// named after it is no competing namesake: the town is returned.
func TestFindSeatWithoutPopulation(t *testing.T) {
	g := loneGazetteer(t)
	text := "Teachers held a protest in Brennovar on Monday."
	tp, ok := first(g.Find(text, nil), "Brennovar")
	if !ok || tp.Place.Country != "Iraq" || tp.Kind != "" || tp.Place.Precision != 1 {
		t.Errorf("Find(%q): %+v (ok %v), want the town in Iraq", text, tp, ok)
	}
}

// TestFindFarLooseReading checks that a place read only through another
// of its names, in a country the text never points at, gives way when the
// text names, as written, a place that can only be in another country;
// alone, or spelled close to its main name, it stays.
func TestFindFarLooseReading(t *testing.T) {
	g, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	g.Add(
		Entry{Name: "Karvelburg", Aliases: []string{"Zaribiyeh"}, Lat: 47.1, Lon: 104.2, Country: "MN", Population: 200000},
		Entry{Name: "Tolgoiburg", Aliases: []string{"Tolgoyburg"}, Lat: 46.1, Lon: 101.2, Country: "MN", Population: 200000},
	)
	tests := []struct {
		text, name string
		far        bool // the Mongolian reading is expected
	}{
		{"A mine went off near Zaribiyeh in the Hama countryside.", "Zaribiyeh", false},
		{"Two shepherds were killed by a mine in Zaribiyeh on Monday.", "Zaribiyeh", true},
		{"Russian and Turkish patrols passed through Zaribiyeh.", "Zaribiyeh", true},
		{"A mine went off near Tolgoyburg in the Hama countryside.", "Tolgoyburg", true},
	}
	for _, tt := range tests {
		tp, ok := first(g.Find(tt.text, nil), tt.name)
		if far := ok && tp.Place.ISO3 == "MNG"; far != tt.far {
			t.Errorf("Find(%q): %q = %+v (ok %v), want Mongolian reading %v", tt.text, tt.name, tp.Place, ok, tt.far)
		}
	}
}
