package extract

import (
	"math"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// abroad builds an invented town in Afghanistan, to set beside the
// invented Syrian ones.
func abroad(name string, score float64) scripted {
	return scripted{phrase: name, score: score, place: sitrep.Place{Location: name, Country: "Afghanistan", ISO3: "AFG", Admin1: "Hillshire", GeonameID: len(name)*1000 + 7, Latitude: 33, Longitude: 66, Precision: 1}}
}

// TestCountryOfTwoPlaces checks which country a note is about when it
// names no country and its places lie in two, each named once.
func TestCountryOfTwoPlaces(t *testing.T) {
	tests := []struct {
		name, text string
		places     []scripted
		want       string // the main event's ISO3
	}{
		{
			name:   "equally sure readings: the place named first",
			text:   "On 3 May 2020, protesters gathered in Tellor (Old Marbury) to demand their salaries.",
			places: []scripted{town("Tellor", 8), abroad("Old Marbury", 7)},
			want:   "SYR",
		},
		{
			name:   "equally sure readings, the other way round",
			text:   "On 3 May 2020, protesters gathered in Old Marbury (Tellor) to demand their salaries.",
			places: []scripted{town("Tellor", 7), abroad("Old Marbury", 8)},
			want:   "AFG",
		},
		{
			name:   "a doubtful reading named first does not decide the country",
			text:   "On 3 May 2020, a girl was killed in the outskirts of Kellby in the countryside of Marbury.",
			places: []scripted{abroad("Kellby", 3), town("Marbury", 6)},
			want:   "SYR",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := scriptedEvent(t, tc.places, tc.text)
			if got := ev.ISO3; got != tc.want {
				t.Errorf("country %q (location %q), want %q", got, ev.Location, tc.want)
			}
		})
	}
}

// TestTownBesideCountry checks that a country's name, which the gazetteer
// reads with high certainty in any text, does not make a town named
// beside it a doubtful reading.
func TestTownBesideCountry(t *testing.T) {
	text := "On 3 May 2020, protesters gathered in Tellor, Syria, to honour a man who was killed in Marbury."
	places := []scripted{town("Tellor", 5), nation("Syria", 15), town("Marbury", 9)}
	if ev := scriptedEvent(t, places, text); ev.Location != "Tellor" {
		t.Errorf("location %q, want Tellor", ev.Location)
	}
}

// TestNationalEventAtCapital checks that an event told of a whole country
// keeps the country as its place, coarse, with its point at the capital
// (lexicon/countries.tsv) when the geocoder reads it, else at the
// country's own point.
func TestNationalEventAtCapital(t *testing.T) {
	text := "On 3 May 2020, protesters marched in cities across Syria against the price of bread."
	capital := town("Damascus", 12)
	capital.place.Latitude, capital.place.Longitude = 33.5, 36.3
	tests := []struct {
		name     string
		places   []scripted
		lat, lon float64
	}{
		{"the capital read", []scripted{nation("Syria", 15), capital}, 33.5, 36.3},
		{"no capital read", []scripted{nation("Syria", 15)}, 35, 38.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := scriptedEvent(t, tc.places, text).Place
			if p.Location != "Syria" || p.Admin1 != "" || p.Precision != 3 {
				t.Errorf("place %q admin1 %q precision %d, want the country, no admin1, precision 3", p.Location, p.Admin1, p.Precision)
			}
			if math.Abs(p.Latitude-tc.lat) > 1e-9 || math.Abs(p.Longitude-tc.lon) > 1e-9 {
				t.Errorf("point %.2f,%.2f, want %.2f,%.2f", p.Latitude, p.Longitude, tc.lat, tc.lon)
			}
		})
	}
}

// TestOriginPlaces checks that where people come from, alone or in a
// list, does not place what they did.
func TestOriginPlaces(t *testing.T) {
	tests := []struct {
		name, text string
		places     []scripted
		want       string
	}{
		{
			name:   "a town people come from loses to the district they fought in",
			text:   "On 3 May 2020, fighters from Tellor clashed with regime forces in Dunmore district, killing two.",
			places: []scripted{town("Tellor", 9), district("Dunmore district", "Dunmore", 8)},
			want:   "Dunmore",
		},
		{
			name:   "the second of two places they come from",
			text:   "On 3 May 2020, reinforcements from Lakeshire governorate and Tellor arrived in Dunmore district.",
			places: []scripted{province("Lakeshire", 9), town("Tellor", 9), district("Dunmore district", "Dunmore", 8)},
			want:   "Dunmore",
		},
		{
			name:   "a place listed after the one they come from, in a list of three",
			text:   "On 3 May 2020, fighters from Ostby, Hillford and Tellor attacked Dunmore district.",
			places: []scripted{town("Ostby", 9), town("Hillford", 9), town("Tellor", 9), district("Dunmore district", "Dunmore", 8)},
			want:   "Dunmore",
		},
		{
			name:   "two places of the event are not origins",
			text:   "On 3 May 2020, regime forces shelled Tellor and Ostby, killing two.",
			places: []scripted{town("Tellor", 9), town("Ostby", 9), district("Dunmore district", "Dunmore", 8)},
			want:   "Tellor",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := scriptedEvent(t, tc.places, tc.text)
			if got := ev.Location; got != tc.want {
				t.Errorf("location %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBracketAfterPlace checks that a name in brackets after a town or a
// district says where that place is, even when it reads as a town.
func TestBracketAfterPlace(t *testing.T) {
	tests := []struct {
		name, text string
		places     []scripted
		want       string
	}{
		{
			name:   "a district with its province read as a town",
			text:   "On 3 May 2020, regime forces shelled villages in Dunmore district (Marbury), killing two.",
			places: []scripted{district("Dunmore district", "Dunmore", 14), town("Marbury", 30)},
			want:   "Dunmore",
		},
		{
			name:   "a country with the units in brackets after it is narrowed by them",
			text:   "On 3 May 2020, regime forces shelled villages in western Syria (Dunmore, Lakeshire), killing two.",
			places: []scripted{nation("Syria", 15), district("Dunmore", "Dunmore", 8), province("Lakeshire", 9)},
			want:   "Dunmore",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := scriptedEvent(t, tc.places, tc.text)
			if got := ev.Location; got != tc.want {
				t.Errorf("location %q, want %q", got, tc.want)
			}
		})
	}
}
