package extract

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// usPlace builds an invented place in the United States.
func usPlace(name string, score float64) scripted {
	return scripted{phrase: name, score: score, place: sitrep.Place{Location: name, Country: "United States", ISO3: "USA", Admin1: "Lakeshire", GeonameID: len(name)*1000 + 7, Latitude: 36, Longitude: -86, Precision: 1}}
}

// TestSpeakingPlaceIsNotWhere checks that a place named as a government
// speaking or dealing as a party ("Marbury condemned", "Marbury and Ostby
// say", "Marbury's allies") is not taken for where the event happened,
// while a place where the speakers are ("activists in Marbury said") still
// is.
func TestSpeakingPlaceIsNotWhere(t *testing.T) {
	places := []scripted{town("Tellor", 8), town("Marbury", 9), town("Ostby", 9), province("Lakeshire", 9)}
	tests := []placeCase{
		{"a place that condemns", "On 3 May 2020, Marbury condemned the air strikes on Tellor that killed four civilians.", "Tellor"},
		{"a place that warns, with words between", "On 3 May 2020, Marbury has also warned that the shelling of Tellor, which killed four, would go on.", "Tellor"},
		{"two places that say", "On 3 May 2020, Marbury and Ostby say regime aircraft bombed Tellor, killing four civilians.", "Tellor"},
		{"a place as a party", "On 3 May 2020, Marbury's allies shelled Tellor, killing four civilians.", "Tellor"},
		{"a place's envoy", "On 3 May 2020, the Marbury envoy said that aircraft bombed Tellor, killing four civilians.", "Tellor"},
		// a town ranks above its province unless it is read as a speaker
		{"where the speakers are stays the place", "On 3 May 2020, activists in Marbury said aircraft bombed its market, killing four civilians, the worst toll in Lakeshire this year.", "Marbury"},
		{"a place in a town's description stays the place", "On 3 May 2020, aircraft bombed a market in the northern town of Marbury said residents, the worst toll in Lakeshire this year.", "Marbury"},
	}
	checkMainPlaces(t, places, tests)
}

// TestGovernmentSeatIsNotWhere checks that a building standing for a
// government ("the White House said", "a Kremlin spokesman") is not taken
// for the event's place, unless the text puts the event just outside it.
func TestGovernmentSeatIsNotWhere(t *testing.T) {
	places := []scripted{usPlace("White House", 9), usPlace("Kremlin", 9), usPlace("Marbury", 8), province("Lakeshire", 9)}
	places[3].place.ISO3, places[3].place.Country = "USA", "United States"
	tests := []placeCase{
		{"a meeting at the seat", "On 3 May 2020, ministers met at the White House after gunmen attacked a mall in Marbury, killing four people.", "Marbury"},
		{"the seat's officials", "On 3 May 2020, Kremlin officials told reporters that gunmen attacked a mall in Marbury, killing four people.", "Marbury"},
		{"the seat with no other town", "On 3 May 2020, a White House official spoke of an attack that killed four people across Lakeshire.", "Lakeshire"},
		{"an event outside the seat", "On 3 May 2020, protesters rallied outside the White House against the war, a day after a march in Lakeshire.", "White House"},
	}
	checkMainPlaces(t, places, tests)
}
