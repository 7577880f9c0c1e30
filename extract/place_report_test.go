package extract

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// nation builds the invented places' country as a toponym.
func nation(phrase string, score float64) scripted {
	return scripted{phrase: phrase, kind: "country", score: score, place: sitrep.Place{Location: "Syria", Country: "Syria", ISO3: "SYR", Latitude: 35, Longitude: 38.5, Precision: 3}}
}

// TestLongReportPlace checks the main event's place in full news reports:
// a headline, a lead and more paragraphs that name the country throughout.
func TestLongReportPlace(t *testing.T) {
	tests := []struct {
		name, text string
		places     []scripted
		want       string // the main event's Admin1
	}{
		{
			name: "a province named once beats a country named throughout",
			text: "Gunmen kill twelve in Syria attack\nGunmen killed twelve people in Syria on Monday. " +
				"The attack hit two villages in central Syria's Lakeshire province, a monitor said. " +
				"The war in Syria has killed many.",
			places: []scripted{nation("Syria", 15), province("Lakeshire", 13)},
			want:   "Lakeshire",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evs := New(scriptedGeo{tc.places}).Events(doc(tc.text, "2020-05-04"))
			if len(evs) == 0 {
				t.Fatalf("no event")
			}
			if got := evs[0].Admin1; got != tc.want {
				t.Errorf("admin1 %q (location %q), want %q", got, evs[0].Location, tc.want)
			}
		})
	}
}
