package extract

import (
	"github.com/sitrep-dev/sitrep/internal/shared"

	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// fakeGeo is a Geocoder over a fixed list of places, for unit tests.
type fakeGeo struct {
	places map[string]sitrep.Place // name → place
	kinds  map[string]string
}

func newFakeGeo() *fakeGeo {
	g := &fakeGeo{places: map[string]sitrep.Place{}, kinds: map[string]string{}}
	add := func(name, kind string, p sitrep.Place) {
		g.places[name] = p
		g.kinds[name] = kind
	}
	add("Khasham", "", sitrep.Place{Location: "Khasham", Country: "Syria", ISO3: "SYR", Admin1: "Deir ez-Zor", GeonameID: 167899, Latitude: 35.30088, Longitude: 40.28916, Precision: 1})
	add("Beirut", "", sitrep.Place{Location: "Beirut", Country: "Lebanon", ISO3: "LBN", Admin1: "Beyrouth", GeonameID: 276781, Latitude: 33.89, Longitude: 35.50, Precision: 1})
	add("Aleppo", "", sitrep.Place{Location: "Aleppo", Country: "Syria", ISO3: "SYR", Admin1: "Aleppo", GeonameID: 170063, Latitude: 36.2, Longitude: 37.16, Precision: 1})
	add("Kandahar", "", sitrep.Place{Location: "Kandahar", Country: "Afghanistan", ISO3: "AFG", Admin1: "Kandahar", GeonameID: 1138336, Latitude: 31.6, Longitude: 65.7, Precision: 1})
	add("Maiduguri", "", sitrep.Place{Location: "Maiduguri", Country: "Nigeria", ISO3: "NGA", Admin1: "Borno", GeonameID: 2331447, Latitude: 11.8, Longitude: 13.1, Precision: 1})
	add("Lahore", "", sitrep.Place{Location: "Lahore", Country: "Pakistan", ISO3: "PAK", Admin1: "Punjab", GeonameID: 1172451, Latitude: 31.5, Longitude: 74.3, Precision: 1})
	add("Mogadishu", "", sitrep.Place{Location: "Mogadishu", Country: "Somalia", ISO3: "SOM", Admin1: "Banadir", GeonameID: 53654, Latitude: 2.04, Longitude: 45.34, Precision: 1})
	add("Syria", "country", sitrep.Place{Country: "Syria", ISO3: "SYR", Latitude: 35, Longitude: 38.5, Precision: 3})
	add("Afghanistan", "country", sitrep.Place{Country: "Afghanistan", ISO3: "AFG", Latitude: 33, Longitude: 65, Precision: 3})
	add("India", "country", sitrep.Place{Country: "India", ISO3: "IND", Latitude: 22, Longitude: 79, Precision: 3})
	return g
}

func (g *fakeGeo) Find(text string, countries []string) []sitrep.Toponym {
	var out []sitrep.Toponym
	for name, p := range g.places {
		off := 0
		for {
			i := strings.Index(text[off:], name)
			if i < 0 {
				break
			}
			s := off + i
			out = append(out, sitrep.Toponym{Span: sitrep.Span{Start: s, End: s + len(name)}, Name: name, Place: p, Kind: g.kinds[name], Score: 1})
			off = s + len(name)
		}
	}
	return out
}

func (g *fakeGeo) Country(code string) (sitrep.Place, bool) {
	for n, p := range g.places {
		if g.kinds[n] == "country" && (p.ISO3 == code) {
			return p, true
		}
	}
	return sitrep.Place{}, false
}

// doc builds a document published on date (YYYY-MM-DD).
func doc(text, date string) *sitrep.Document {
	d := &sitrep.Document{Text: text, Outlet: "Test Wire", ID: "test"}
	if date != "" {
		t, err := time.Parse(sitrep.DateLayout, date)
		if err != nil {
			panic(err)
		}
		d.Published = t
	}
	return d
}

// sharedDir finds ../shared next to the module root, or skips the test.
func sharedDir(t testing.TB) string { return shared.Dir(t) }

// placeCase is a text and the Location its main event should have.
type placeCase struct{ name, text, want string }

// checkMainPlaces extracts each case's text with a geocoder that knows
// places, and checks the main event's Location.
func checkMainPlaces(t *testing.T, places []scripted, cases []placeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			evs := New(scriptedGeo{places}).Events(doc(tc.text, "2020-05-04"))
			if len(evs) == 0 {
				t.Fatalf("%q: no event", tc.text)
			}
			if got := evs[0].Location; got != tc.want {
				t.Errorf("%q: place %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// withGazetteer returns an extractor over the embedded gazetteer.
func withGazetteer(t *testing.T) *Extractor {
	t.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	return New(g)
}
