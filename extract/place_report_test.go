package extract

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// nation builds the invented places' country as a toponym.
func nation(phrase string, score float64) scripted {
	return scripted{phrase: phrase, kind: "country", score: score, place: sitrep.Place{Location: "Syria", Country: "Syria", ISO3: "SYR", Latitude: 35, Longitude: 38.5, Precision: 3}}
}

// townIn builds an invented town in an invented province of Syria.
func townIn(name, admin1 string, score float64) scripted {
	s := town(name, score)
	s.place.Admin1 = admin1
	return s
}

// TestLongReportPlace checks the main event's place in full news reports:
// a headline, a lead and more paragraphs that name the country throughout.
func TestLongReportPlace(t *testing.T) {
	tests := []struct {
		name, text string
		places     []scripted
		want       string // the main event's Admin1
		where      string // and its Location, when given
	}{
		{
			name: "a province named once beats a country named throughout",
			text: "Gunmen kill twelve in Syria attack\nGunmen killed twelve people in Syria on Monday. " +
				"The attack hit two villages in central Syria's Lakeshire province, a monitor said. " +
				"The war in Syria has killed many.",
			places: []scripted{nation("Syria", 15), province("Lakeshire", 13)},
			want:   "Lakeshire",
		},
		{
			name: "a town in another province told further down does not move the event out of the province of the lead",
			text: "Jets kill eight in Lakeshire\nWarplanes killed eight people in a village in Lakeshire province on Monday, rescuers said. " +
				"Rescuers searched the rubble for hours. Residents said the jets came from the south. " +
				"The government denied the report. In Hillford, officials said jets had hit a bakery the week before.",
			places: []scripted{province("Lakeshire", 13), townIn("Hillford", "Dunvale", 10)},
			want:   "Lakeshire",
		},
		{
			name: "a town in the same province told further down still places the event",
			text: "Jets kill eight in Lakeshire\nWarplanes killed eight people in a village in Lakeshire province on Monday, rescuers said. " +
				"Rescuers searched the rubble for hours. Residents said the jets came from the south. " +
				"The government denied the report. The jets struck the market of Tellor, a doctor said.",
			places: []scripted{province("Lakeshire", 13), town("Tellor", 10)},
			want:   "Lakeshire",
			where:  "Tellor",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := scriptedEvent(t, tc.places, tc.text)
			if got := ev.Admin1; got != tc.want {
				t.Errorf("admin1 %q (location %q), want %q", got, ev.Location, tc.want)
			}
			if tc.where != "" && ev.Location != tc.where {
				t.Errorf("location %q, want %q", ev.Location, tc.where)
			}
		})
	}
}
