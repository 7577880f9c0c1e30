package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// scriptedGeo is a Geocoder whose toponyms carry the kind, relation and
// score a test gives them, so that the place rules can be tried one by one.
// scriptedEvent returns the main event the extractor reads in text over a
// gazetteer that knows only places, for a note published on 4 May 2020.
func scriptedEvent(t *testing.T, places []scripted, text string) sitrep.Event {
	t.Helper()
	evs := New(scriptedGeo{places}).Events(doc(text, "2020-05-04"))
	if len(evs) == 0 {
		t.Fatalf("no event")
	}
	return evs[0]
}

type scriptedGeo struct{ entries []scripted }

// scripted is one phrase the scripted geocoder finds. A phrase with a hint
// is found only when the caller names that country, as the gazetteer finds
// small places only with their country in view.
type scripted struct {
	phrase, kind, relation, hint string
	score                        float64
	place                        sitrep.Place
	fallback                     bool
}

func (g scriptedGeo) Find(text string, countries []string) []sitrep.Toponym {
	var out []sitrep.Toponym
	for _, e := range g.entries {
		if e.hint != "" && !slices.Contains(countries, e.hint) {
			continue
		}
		for off := 0; ; {
			i := strings.Index(text[off:], e.phrase)
			if i < 0 {
				break
			}
			s := off + i
			out = append(out, sitrep.Toponym{Span: sitrep.Span{Start: s, End: s + len(e.phrase)}, Name: e.phrase,
				Place: e.place, Kind: e.kind, Relation: e.relation, Score: e.score, Fallback: e.fallback})
			off = s + len(e.phrase)
		}
	}
	slices.SortFunc(out, func(a, b sitrep.Toponym) int { return a.Span.Start - b.Span.Start })
	return out
}

func (g scriptedGeo) Country(code string) (sitrep.Place, bool) {
	switch code {
	case "SYR":
		return sitrep.Place{Country: "Syria", ISO3: "SYR", Latitude: 35, Longitude: 38.5, Precision: 3}, true
	case "AFG":
		return sitrep.Place{Country: "Afghanistan", ISO3: "AFG", Latitude: 33, Longitude: 65, Precision: 3}, true
	}
	return sitrep.Place{}, false
}

// town, district and province build invented places in Syria.
func town(name string, score float64) scripted {
	return scripted{phrase: name, score: score, place: sitrep.Place{Location: name, Country: "Syria", ISO3: "SYR", Admin1: "Lakeshire", GeonameID: len(name)*1000 + int(score), Latitude: 35, Longitude: 37, Precision: 1}}
}

func district(phrase, name string, score float64) scripted {
	return scripted{phrase: phrase, kind: "admin2", score: score, place: sitrep.Place{Location: name, Country: "Syria", ISO3: "SYR", Admin1: "Lakeshire", Admin2: name, Latitude: 35.5, Longitude: 37.5, Precision: 2}}
}

func province(name string, score float64) scripted {
	return scripted{phrase: name, kind: "admin1", score: score, place: sitrep.Place{Location: name, Country: "Syria", ISO3: "SYR", Admin1: name, Latitude: 36, Longitude: 38, Precision: 3}}
}

func TestMainEventPlace(t *testing.T) {
	near := func(s scripted) scripted { s.relation = "near"; return s }
	tests := []struct {
		name, text string
		places     []scripted
		want       string // the main event's Location
	}{
		{
			name: "a village the gazetteer lacks, placed at its province, is the place; not the town after it",
			text: "On 3 May 2020, regime forces shelled Qirmel in Lakeshire, damaging houses.",
			places: []scripted{
				{phrase: "Qirmel", kind: "admin1", fallback: true, place: province("Lakeshire", 0).place},
				{phrase: "Lakeshire", score: 8, place: sitrep.Place{Location: "Lakeshire City", Country: "Syria", ISO3: "SYR", Admin1: "Lakeshire", Latitude: 36.2, Longitude: 38.1, Precision: 1}},
			},
			want: "Lakeshire",
		},
		{
			name:   "a neighbourhood is told with the town it belongs to",
			text:   "On 3 May 2020, gunmen attacked a shop in Tellor neighbourhood of Marbury, killing two civilians.",
			places: []scripted{town("Tellor", 5), town("Marbury", 9)},
			want:   "Marbury",
		},
		{
			name:   "a suburb followed by its city",
			text:   "On 3 May 2020, prisoners held a protest in Tellor suburb, Marbury city.",
			places: []scripted{town("Tellor", 5), town("Marbury", 9)},
			want:   "Marbury",
		},
		{
			name:   "a direction from a town only locates the district before it",
			text:   "On 3 May 2020, warplanes struck Dunmore district west of Marbury city, killing two civilians.",
			places: []scripted{district("Dunmore district", "Dunmore", 10), near(scripted{phrase: "west of Marbury", score: 12, place: town("Marbury", 12).place})},
			want:   "Dunmore",
		},
		{
			name:   "a countryside phrase only locates the town before it",
			text:   "On 3 May 2020, gunmen opened fire on a patrol in Ostby city in the northern countryside of Marbury, injuring three policemen.",
			places: []scripted{town("Ostby", 17), {phrase: "countryside of Marbury", relation: "countryside", score: 40, place: town("Marbury", 40).place}},
			want:   "Ostby",
		},
		{
			name:   "where fighters come from is not where they fought",
			text:   "On 3 May 2020, fighters from Tellor clashed with regime forces in Marbury, killing two.",
			places: []scripted{town("Tellor", 8), town("Marbury", 8)},
			want:   "Marbury",
		},
		{
			name:   "a doubtful reading loses to a well-attested place",
			text:   "On 3 May 2020, protesters gathered outside the Grand Bank in Marbury.",
			places: []scripted{near(scripted{phrase: "outside the Grand Bank", score: 2, place: town("Grand Bank", 2).place}), town("Marbury", 9)},
			want:   "Marbury",
		},
		{
			name:   "the place with its units in brackets",
			text:   "On 3 May 2020, militants shelled Tellor and Ostby (Dunmore, Lakeshire).",
			places: []scripted{town("Tellor", 8), town("Ostby", 10), district("Dunmore", "Dunmore", 9), province("Lakeshire", 9)},
			want:   "Ostby",
		},
		{
			name:   "a district named with its units in brackets is a place as much as a town named so: the first told wins",
			text:   "On 3 May 2020, militants shelled government positions on the Dunmore (Lakeshire) and Ostby (Westmarch) fronts.",
			places: []scripted{district("Dunmore", "Dunmore", 9), town("Ostby", 9), province("Lakeshire", 9), province("Westmarch", 9)},
			want:   "Dunmore",
		},
		{
			name:   "the units in brackets are not the place",
			text:   "On 3 May 2020, militants shelled Ostby (Dunmore, Lakeshire).",
			places: []scripted{town("Ostby", 6), district("Dunmore", "Dunmore", 9), province("Lakeshire", 9)},
			want:   "Ostby",
		},
		{
			name:   "a place whose name begins like a month is no date",
			text:   "On 3 May 2020, in Mar Vista (Lakeshire), residents protested against the release of prisoners.",
			places: []scripted{town("Mar Vista", 9), province("Lakeshire", 9)},
			want:   "Mar Vista",
		},
		{
			name:   "a place told only in a sentence read as background beats the bare country",
			text:   "On 29 April 2019, in Tellor, school bus drivers protested against the government. They demanded more protection for independent workers in Syria.",
			places: []scripted{town("Tellor", 9)},
			want:   "Tellor",
		},
		{
			name:   "a facility named like a town is in the town the text names with it",
			text:   "On 3 May 2020, students held a protest near the Tellor metro station in Marbury.",
			places: []scripted{near(town("Tellor", 6)), town("Marbury", 9)},
			want:   "Marbury",
		},
		{
			name:   "a facility named like a town, with no other place, places the event",
			text:   "On 3 May 2020, migrant workers blocked the road near Tellor bridge.",
			places: []scripted{near(town("Tellor", 6))},
			want:   "Tellor",
		},
		{
			name:   "a place named after the event is still the place",
			text:   "On 3 May 2020, militants shelled the village of Tellor near Marbury.",
			places: []scripted{town("Tellor", 8), near(town("Marbury", 8))},
			want:   "Tellor",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := scriptedEvent(t, tc.places, tc.text)
			if got := ev.Location; got != tc.want {
				t.Errorf("place %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPlacesFoundWithActorsCountry checks that a note naming no country is
// read again for places in the country its parties belong to.
func TestPlacesFoundWithActorsCountry(t *testing.T) {
	zarghun := scripted{phrase: "Zarghun", hint: "AFG", score: 8,
		place: sitrep.Place{Location: "Zarghun", Country: "Afghanistan", ISO3: "AFG", Admin1: "Herat", Latitude: 34, Longitude: 62, Precision: 1}}
	tests := []struct {
		text, want string
	}{
		{"On 3 May 2020, Taliban militants attacked a checkpoint in Zarghun, killing two policemen.", "Zarghun"},
		{"On 3 May 2020, unknown gunmen attacked a checkpoint in Zarghun, killing two policemen.", ""},
	}
	for _, tc := range tests {
		evs := New(scriptedGeo{[]scripted{zarghun}}).Events(doc(tc.text, "2020-05-04"))
		if len(evs) == 0 {
			t.Fatalf("%q: no event", tc.text)
		}
		if got := evs[0].Location; got != tc.want {
			t.Errorf("%q: place %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestSponsorIsNotWhere checks that a country named as a force's sponsor
// ("Turkish-backed factions", "the Saudi-led coalition") does not make
// the text about that country: the places are looked for where the
// parties fight.
func TestSponsorIsNotWhere(t *testing.T) {
	places := []scripted{
		{phrase: "Tellor", hint: "SYR", score: 8, place: town("Tellor", 8).place},
		{phrase: "Wadi Qirsh", hint: "YEM", score: 8,
			place: sitrep.Place{Location: "Wadi Qirsh", Country: "Yemen", ISO3: "YEM", Admin1: "Marib", Latitude: 15.5, Longitude: 45.3, Precision: 1}},
	}
	checkMainPlaces(t, places, []placeCase{
		{"hyphenated sponsor", "On 3 May 2020, Turkish-backed factions shelled SDF positions in Tellor, killing two fighters.", "Tellor"},
		{"sponsor in two words", "On 3 May 2020, Turkish backed factions shelled SDF positions in Tellor, killing two fighters.", "Tellor"},
		{"a led coalition", "On 3 May 2020, Saudi-led coalition aircraft struck Houthi positions in Wadi Qirsh, killing three fighters.", "Wadi Qirsh"},
		// a country that backs a plan acts: the text is about it
		{"a country that acts", "On 3 May 2020, Turkey backed the offensive as SDF positions in Tellor were shelled, killing two fighters.", ""},
	})
}

// TestPlaceNameWithActorAcronym checks that a place whose name holds a word
// spelled like an armed forces' acronym ("Ana" and the ANA) stays a place.
func TestPlaceNameWithActorAcronym(t *testing.T) {
	lobos := scripted{phrase: "Santa Ana de Lobos", score: 8,
		place: sitrep.Place{Location: "Santa Ana de Lobos", Country: "Syria", ISO3: "SYR", Admin1: "Lakeshire", Latitude: 35, Longitude: 37, Precision: 1}}
	evs := New(scriptedGeo{[]scripted{lobos}}).Events(doc("On 3 May 2020, in Santa Ana de Lobos, drivers protested to demand fuel.", "2020-05-04"))
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	if got := evs[0].Location; got != "Santa Ana de Lobos" {
		t.Errorf("place %q, want %q", got, "Santa Ana de Lobos")
	}
	evs = New(nil).Events(doc("On 3 May 2020, ANA soldiers clashed with Taliban militants in the district.", "2020-05-04"))
	if len(evs) == 0 || evs[0].Actor1 == "" && evs[0].Actor2 == "" {
		t.Fatalf("the ANA in capitals is still an actor: %+v", evs)
	}
	if !strings.HasPrefix(evs[0].Actor1, "Military Forces") && !strings.HasPrefix(evs[0].Actor2, "Military Forces") {
		t.Errorf("actors %q and %q, want the military among them", evs[0].Actor1, evs[0].Actor2)
	}
}

// TestUnresolvedPlaces checks that Events records on the document the names
// the geocoder could not place, or placed only at a unit around them, with
// their spans and the place used instead, once each, and not the names it
// placed.
func TestUnresolvedPlaces(t *testing.T) {
	inDistrict := district("Qirmel", "Lakedale District", 0)
	inDistrict.fallback = true
	geo := scriptedGeo{entries: []scripted{
		town("Harbourton", 5),
		{phrase: "Zorbat"}, // matched nothing
		inDistrict,
	}}
	text := "Gunmen attacked the village of Zorbat near Harbourton on 3 May 2021, and shelled Qirmel. Zorbat was shelled again."
	doc := &sitrep.Document{ID: "u", Text: text}
	New(geo).Events(doc)
	got := map[string]sitrep.UnresolvedPlace{}
	for _, u := range doc.Unresolved {
		if _, dup := got[u.Name]; dup {
			t.Errorf("%q listed twice: %+v", u.Name, doc.Unresolved)
		}
		got[u.Name] = u
		if text[u.Span.Start:u.Span.End] != u.Name {
			t.Errorf("span %v of %q reads %q", u.Span, u.Name, text[u.Span.Start:u.Span.End])
		}
	}
	if u, ok := got["Zorbat"]; !ok || u.Fallback != "" {
		t.Errorf("Zorbat: %+v (listed %v), want it with no fallback", u, ok)
	}
	if u, ok := got["Qirmel"]; !ok || !strings.Contains(u.Fallback, "Lakedale District") {
		t.Errorf("Qirmel: %+v (listed %v), want it with its district as fallback", u, ok)
	}
	if _, ok := got["Harbourton"]; ok || len(got) != 2 {
		t.Errorf("unresolved = %+v, want Zorbat and Qirmel only", doc.Unresolved)
	}
}

// TestFallbackPlaceKeepsItsName: an event placed at the unit around a
// village the gazetteer lacks keeps the village's name as Named; one
// placed at a known town has none.
func TestFallbackPlaceKeepsItsName(t *testing.T) {
	inDistrict := district("Qirmel", "Lakedale District", 0)
	inDistrict.fallback = true
	geo := scriptedGeo{entries: []scripted{town("Harbourton", 5), inDistrict}}
	tests := []struct{ text, location, named string }{
		{"On 3 May 2021, regime forces shelled Qirmel, killing two civilians.", "Lakedale District", "Qirmel"},
		{"On 3 May 2021, regime forces shelled Harbourton, killing two civilians.", "Harbourton", ""},
	}
	for _, tt := range tests {
		evs := New(geo).Events(&sitrep.Document{ID: "n", Text: tt.text})
		if len(evs) == 0 {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		if p := evs[0].Place; p.Location != tt.location || p.Named != tt.named {
			t.Errorf("%q: placed at %q named %q, want %q named %q", tt.text, p.Location, p.Named, tt.location, tt.named)
		}
	}
}
