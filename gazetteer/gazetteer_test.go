package gazetteer

import (
	"github.com/sitrep-dev/sitrep/internal/shared"

	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/text"
)

func defaultGazetteer(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return g
}

// sharedDir returns ../shared beside the module root, skipping the test
// when it is absent.
func sharedDir(t testing.TB) string { return shared.Dir(t) }

// first returns the first toponym whose name as written is name.
func first(tps []sitrep.Toponym, name string) (sitrep.Toponym, bool) {
	for _, tp := range tps {
		if tp.Name == name {
			return tp, true
		}
	}
	return sitrep.Toponym{}, false
}

func TestCountry(t *testing.T) {
	g := defaultGazetteer(t)
	for _, code := range []string{"SY", "syr", "Syria", "Syrian Arab Republic"} {
		p, ok := g.Country(code)
		if !ok || p.ISO3 != "SYR" || p.Country != "Syria" || p.Precision != 3 {
			t.Errorf("Country(%q) = %+v, %v", code, p, ok)
		}
		if d := distanceKm(p.Latitude, p.Longitude, 35, 38); d > 300 {
			t.Errorf("Country(%q) centre %v,%v is %.0f km from central Syria", code, p.Latitude, p.Longitude, d)
		}
	}
	if p, ok := g.Country("Atlantis"); ok {
		t.Errorf("Country(Atlantis) = %+v", p)
	}
}

func TestFindSpellings(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		text, name string
		id         int
		hints      []string
	}{
		{"Shells fell on Deir Ezzor overnight.", "Deir Ezzor", 170794, nil},
		{"Shells fell on Deir ez-Zor overnight.", "Deir ez-Zor", 170794, nil},
		{"Shells fell on Dayr az Zawr overnight.", "Dayr az Zawr", 170794, nil},
		{"Shells fell on Deir al-Zour overnight.", "Deir al-Zour", 170794, nil},
		{"Fighters withdrew from Albu Kamal at dawn.", "Albu Kamal", 174448, nil},
		{"Fighters withdrew from Al-Bukamal at dawn.", "Al-Bukamal", 174448, nil},
		{"Fighters withdrew from Abu Kamal at dawn.", "Abu Kamal", 174448, nil},
		{"A market in Maarat Misrin was hit.", "Maarat Misrin", 167605, []string{"SY"}},
		{"Residents of Khasham fled east.", "Khasham", 167899, []string{"SYR"}},
		{"Convoys reached al-Bab on Sunday.", "al-Bab", 174018, nil},
		// A district and its seat share the name: a bare name is the town.
		{"Jets struck Maarat al-Numan again.", "Maarat al-Numan", 167611, []string{"SY"}},
		// "Tall" is an English word but begins many Arabic names: the
		// consonant skeleton still finds "Tall Rif'at".
		{"Artillery shelled Tall Refaat and its vicinity in Aleppo.", "Tall Refaat", 163476, nil},
		// "X district center" is the district's seat, the town.
		{"Gunmen killed two guards in Ghoryan district center, Herat.", "Ghoryan", 1140970, nil},
	}
	for _, tt := range tests {
		tps := g.Find(tt.text, tt.hints)
		tp, ok := first(tps, tt.name)
		if !ok {
			t.Errorf("Find(%q): no toponym %q in %+v", tt.text, tt.name, tps)
			continue
		}
		if tp.Place.GeonameID != tt.id {
			t.Errorf("Find(%q): %q → %s (%d), want %d; %s", tt.text, tt.name, tp.Place.Location, tp.Place.GeonameID, tt.id, tp.Reason)
		}
		if got := tt.text[tp.Span.Start:tp.Span.End]; !strings.Contains(got, tt.name) {
			t.Errorf("Find(%q): span %v is %q, does not hold %q", tt.text, tp.Span, got, tt.name)
		}
	}
}

func TestFindRelative(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		text      string
		phrase    string // the whole span
		relation  string
		kind      string
		precision int
		id        int     // 0: do not check
		km        float64 // expected distance from the id's place, ±1.5 km; -1: do not check
	}{
		{"Guns were heard eight kilometers east of Khasham on Tuesday.", "eight kilometers east of Khasham", "offset", "", 2, 0, -1},
		{"A car bomb went off near Al Bab.", "near Al Bab", "near", "", 2, 174018, 0},
		{"Clashes broke out on the outskirts of Manbij.", "outskirts of Manbij", "outskirts", "", 1, 167357, 0},
		{"Rockets fell in Idlib province.", "Idlib province", "province", "admin1", 3, 0, -1},
		{"Rockets fell in the province of Idlib.", "province of Idlib", "province", "admin1", 3, 0, -1},
		{"Airstrikes hit the countryside of Hama.", "countryside of Hama", "countryside", "", 2, 170017, 0},
		{"Airstrikes hit rural Hama.", "rural Hama", "countryside", "", 2, 170017, 0},
	}
	for _, tt := range tests {
		tps := g.Find(tt.text, []string{"SY"})
		var tp *sitrep.Toponym
		for i := range tps {
			if tt.text[tps[i].Span.Start:tps[i].Span.End] == tt.phrase {
				tp = &tps[i]
			}
		}
		if tp == nil {
			t.Errorf("Find(%q): no toponym spanning %q in %+v", tt.text, tt.phrase, tps)
			continue
		}
		if tp.Relation != tt.relation || tp.Kind != tt.kind || tp.Place.Precision != tt.precision {
			t.Errorf("Find(%q): relation %q kind %q precision %d, want %q %q %d", tt.text, tp.Relation, tp.Kind, tp.Place.Precision, tt.relation, tt.kind, tt.precision)
		}
		if tt.id != 0 && tp.Place.GeonameID != tt.id {
			t.Errorf("Find(%q): place %s (%d), want %d", tt.text, tp.Place.Location, tp.Place.GeonameID, tt.id)
		}
		if tp.Place.Country != "Syria" {
			t.Errorf("Find(%q): country %q, want Syria", tt.text, tp.Place.Country)
		}
	}
}

func TestFindOffsetMovesPoint(t *testing.T) {
	g := defaultGazetteer(t)
	base, ok := first(g.Find("The town of Khasham lies on the river.", []string{"SY"}), "Khasham")
	if !ok {
		t.Fatal("Khasham not found")
	}
	for _, tt := range []struct {
		text     string
		km       float64
		dLat     float64 // sign of the latitude change
		dLon     float64
		relation string
	}{
		{"Fighting raged 8 km east of Khasham.", 8, 0, 1, "offset"},
		{"Fighting raged ten miles north of Khasham.", 16.09, 1, 0, "offset"},
		{"Fighting raged 20 kilometres south-west of Khasham.", 20, -1, -1, "offset"},
		{"Fighting raged 5km west of Khasham.", 5, 0, -1, "offset"},
	} {
		tp, ok := first(g.Find(tt.text, []string{"SY"}), "Khasham")
		if !ok {
			t.Errorf("%q: Khasham not found", tt.text)
			continue
		}
		p, b := tp.Place, base.Place
		if d := distanceKm(p.Latitude, p.Longitude, b.Latitude, b.Longitude); math.Abs(d-tt.km) > 0.5 {
			t.Errorf("%q: moved %.2f km, want %.2f", tt.text, d, tt.km)
		}
		if sign(p.Latitude-b.Latitude, 0.01) != tt.dLat || sign(p.Longitude-b.Longitude, 0.01) != tt.dLon {
			t.Errorf("%q: moved from %v,%v to %v,%v: wrong direction", tt.text, b.Latitude, b.Longitude, p.Latitude, p.Longitude)
		}
		if tp.Relation != tt.relation || p.Precision != 2 || p.GeonameID != b.GeonameID {
			t.Errorf("%q: relation %q precision %d id %d", tt.text, tp.Relation, p.Precision, p.GeonameID)
		}
	}
}

func sign(v, eps float64) float64 {
	switch {
	case v > eps:
		return 1
	case v < -eps:
		return -1
	}
	return 0
}

func TestFindBetween(t *testing.T) {
	g := defaultGazetteer(t)
	text := "The road between Homs and Hama was cut."
	tps := g.Find(text, nil)
	if len(tps) != 1 {
		t.Fatalf("Find(%q) = %+v, want one toponym", text, tps)
	}
	tp := tps[0]
	if tp.Relation != "between" || tp.Place.Precision != 2 || text[tp.Span.Start:tp.Span.End] != "between Homs and Hama" {
		t.Errorf("Find(%q) = %+v", text, tp)
	}
	// Homs and Hama are about 45 km apart: the midpoint is within 30 km of each.
	for _, id := range []string{"Homs", "Hama"} {
		p, _ := first(g.Find("A visit to "+id+".", nil), id)
		if d := distanceKm(tp.Place.Latitude, tp.Place.Longitude, p.Place.Latitude, p.Place.Longitude); d > 30 {
			t.Errorf("midpoint is %.0f km from %s", d, id)
		}
	}
	far := g.Find("Talks between Washington and Damascus stalled.", nil)
	for _, tp := range far {
		if tp.Relation == "between" {
			t.Errorf("between two capitals 9,000 km apart made a midpoint: %+v", tp)
		}
	}
}

// TestFindRoadBetween: places joined by hyphens before a road word ("the
// Abuja-Kaduna highway") are each a place, and the road lies between
// them; a road too long for its middle to say where is near its first
// place. A hyphenated name before another word ("Bar-Sanguun village")
// stays one name.
func TestFindRoadBetween(t *testing.T) {
	g := defaultGazetteer(t)
	text := "Gunmen abducted passengers on the Abuja-Kaduna highway on Monday."
	tps := g.Find(text, nil)
	if len(tps) != 1 || tps[0].Relation != "between" || tps[0].Place.Precision != 2 || text[tps[0].Span.Start:tps[0].Span.End] != "Abuja-Kaduna" {
		t.Fatalf("Find(%q) = %+v, want the road between Abuja and Kaduna", text, tps)
	}
	text = "Fighters attacked a convoy on the Kabul-Kandahar highway."
	tp, ok := first(g.Find(text, nil), "Kabul")
	if !ok || tp.Relation != "near" || tp.Place.Precision != 2 || tp.Place.Country != "Afghanistan" {
		t.Errorf("Find(%q): Kabul %+v (found %v), want near Kabul, precision 2", text, tp, ok)
	}
	text = "Militants attacked Bar-Sanguun village on Monday."
	if tp, ok := first(g.Find(text, nil), "Bar"); ok {
		t.Errorf("Find(%q): %+v, a part of a hyphenated name", text, tp)
	}
}

func TestFindAmbiguous(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		text, name string
		hints      []string
		country    string // "" means the name must not be found
	}{
		{"Militias clashed in Tripoli on Friday.", "Tripoli", []string{"LY"}, "Libya"},
		{"Militias clashed in Tripoli on Friday.", "Tripoli", []string{"LB"}, "Lebanon"},
		{"Lebanese troops deployed in Tripoli.", "Tripoli", nil, "Lebanon"},
		// Two ambiguous names read in the one country both can be in:
		// alone, Tripoli is the Libyan capital and Aley a Kyrgyz
		// district; together, both are Lebanese.
		{"Militias clashed in Tripoli on Tuesday.", "Tripoli", nil, "Libya"},
		{"Protests were held in Tripoli and Aley on Sunday.", "Tripoli", nil, "Lebanon"},
		{"Protests were held in Tripoli and Aley on Sunday.", "Aley", nil, "Lebanon"},
		{"Storms hit Aley and Tripoli on Monday.", "Tripoli", nil, "Lebanon"},
		{"Militias clashed in Tripoli and Misrata on Tuesday.", "Tripoli", nil, "Libya"},
		{"Gunmen attacked a checkpoint in Hit, in Anbar province.", "Hit", nil, "Iraq"},
		{"The missile Hit a building.", "Hit", nil, ""},
		{"Nice weather helped the rescue teams.", "Nice", nil, ""},
		{"Police said two people were hurt.", "Police", nil, ""},
		{"Aid reached Syria on Monday.", "Syria", nil, "Syria"},
		{"President Assad spoke on television.", "Assad", []string{"SY"}, ""},
		{"Iraqi forces entered Mosul.", "Mosul", nil, "Iraq"},
		// A second country, named, keeps its small towns even in a text
		// mostly about another.
		{"Jets hit Aleppo, Idlib, Hama and Homs in Syria. In Baghdad, Iraqi officials reported a blast near Tikrit.", "Tikrit", nil, "Iraq"},
		// A provincial capital after "in" is where things happen, even
		// in a text whose country words are about foreign forces.
		{"Turkish forces and Turkish-backed factions shelled Kurdish fighters, Turkey said, in Al-Hasakeh countryside.", "Al-Hasakeh", nil, "Syria"},
		// A place's authority, named after it, places what it does
		// there, even when the name is also a common word.
		{"On Monday, Van Governor's Office extended the ban on protests.", "Van", nil, "Turkey"},
		{"Hakkari Governor's Office banned all marches.", "Hakkari", nil, "Turkey"},
		{"A spokesman for Jalalabad Police said two men were held.", "Jalalabad", nil, "Afghanistan"},
		// A small namesake abroad does not survive a text about Syria.
		{"Shelling hit Aleppo, Idlib, Hama and Homs in Syria, and the Baath party met in Damascus.", "Baath", nil, ""},
		// An acronym is a country only as spelled: "USS" is a ship's
		// prefix, and so gives no US context to a common word.
		{"The destroyers USS Kemble and USS Ardent sailed into the Gulf.", "USS", nil, ""},
		{"The destroyers USS Kemble and USS Ardent sailed into the Gulf.", "Gulf", nil, ""},
		// Another language's name for a small place abroad ("Al Jilwah",
		// a Polish village's alternate name) is no context for a common
		// word ("Book", a Polish town).
		{"The hymns of the Book were written down as Kitab Al Jilwah. The Book was kept in a village.", "Book", nil, ""},
	}
	for _, tt := range tests {
		tp, ok := first(g.Find(tt.text, tt.hints), tt.name)
		switch {
		case tt.country == "" && ok:
			t.Errorf("Find(%q, %v): %q found as %s, %s (%s)", tt.text, tt.hints, tt.name, tp.Place.Location, tp.Place.Country, tp.Reason)
		case tt.country != "" && !ok:
			t.Errorf("Find(%q, %v): %q not found", tt.text, tt.hints, tt.name)
		case ok && tp.Place.Country != tt.country:
			t.Errorf("Find(%q, %v): %q in %s, want %s (%s)", tt.text, tt.hints, tt.name, tp.Place.Country, tt.country, tp.Reason)
		}
	}
	// A country name resolves to the country, never to a town of that name.
	tp, _ := first(g.Find("Fighting spread to Lebanon.", nil), "Lebanon")
	if tp.Kind != "country" || tp.Place.ISO3 != "LBN" {
		t.Errorf("Lebanon resolved to %+v", tp)
	}
}

func TestFindUnknownPlace(t *testing.T) {
	g := defaultGazetteer(t)
	for _, tt := range []struct{ text, name string }{
		{"Troops stormed the village of Qzyrwandi Tahtani at dawn.", "Qzyrwandi Tahtani"},
		// Part of the name is a real place elsewhere (El Jadida, Morocco).
		{"The town of Qzyrwandi al-Jadida was shelled.", "Qzyrwandi al-Jadida"},
		// A weekday after the name is not part of it.
		{"Fighters clashed near the village of Qzyrwandi on Tuesday.", "Qzyrwandi"},
	} {
		tp, ok := first(g.Find(tt.text, []string{"SY"}), tt.name)
		if !ok {
			t.Errorf("unknown place %q not returned: %+v", tt.name, g.Find(tt.text, []string{"SY"}))
			continue
		}
		if tp.Place.Known() {
			t.Errorf("unknown place %q resolved to %+v", tt.name, tp.Place)
		}
	}
}

func TestFindSpansAreBytes(t *testing.T) {
	g := defaultGazetteer(t)
	text := "«Ḥalab» — fighters entered Dar‘a and Ḥimṣ last week."
	tps := g.Find(text, []string{"SY"})
	if len(tps) < 2 {
		t.Fatalf("Find(%q) = %+v", text, tps)
	}
	for _, tp := range tps {
		if !strings.Contains(text[tp.Span.Start:tp.Span.End], tp.Name) {
			t.Errorf("span %v = %q does not hold name %q", tp.Span, text[tp.Span.Start:tp.Span.End], tp.Name)
		}
	}
}

// TestSeedArticle checks the project's seed story: Khasham is Khushām
// (GeoNames 167899) in Deir ez-Zor, Syria.
func TestSeedArticle(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sharedDir(t), "seed", "article.txt"))
	if err != nil {
		t.Skipf("seed article: %v", err)
	}
	g := defaultGazetteer(t)
	found := false
	for _, tp := range g.Find(string(b), nil) {
		if tp.Name != "Khasham" {
			continue
		}
		found = true
		p := tp.Place
		if p.GeonameID != 167899 || p.Admin1 != "Deir ez-Zor" || p.Country != "Syria" || p.ISO3 != "SYR" {
			t.Errorf("Khasham resolved to %+v (%s)", p, tp.Reason)
		}
	}
	if !found {
		t.Error("Khasham not found in the seed article")
	}
}

func FuzzFind(f *testing.F) {
	g, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		"eight kilometers east of Khasham",
		"between Homs and Hama",
		"the village of Xyz",
		"Deir ez-Zor province",
		"al-",
		"10 km north-",
		"near ’s",
		"Zorblin (Djugu, Ituri)",
		"in Kadikoy, Istanbul",
		"Ras al Ain in al-Hasakeh",
		"area (Poonch district, J&K)",
		"X (",
		"(,)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := -1
		for _, tp := range g.Find(s, []string{"SY"}) {
			if !tp.Span.Valid() || tp.Span.End > len(s) || tp.Span.Start < prev {
				t.Fatalf("bad span %v in %q", tp.Span, s)
			}
			prev = tp.Span.Start
			if p := tp.Place; p.Known() && (math.IsNaN(p.Latitude) || math.Abs(p.Latitude) > 90 || math.Abs(p.Longitude) > 180) {
				t.Fatalf("bad point %+v in %q", p, s)
			}
		}
	})
}

// TestAliasesResolve checks that every row of aliases.tsv names an admin1
// unit the embedded index has, so that a regenerated index cannot silently
// orphan them.
func TestAliasesResolve(t *testing.T) {
	g := defaultGazetteer(t)
	for n, line := range strings.Split(aliasesTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Errorf("aliases.tsv:%d: %d fields, want 3", n+1, len(f))
			continue
		}
		ci, ok := g.countryIndex(f[0])
		if !ok || g.findAdmin(kindAdmin1, int16(ci), f[1], "", "") < 0 {
			t.Errorf("aliases.tsv:%d: no admin1 %q in %s", n+1, f[1], f[0])
		}
	}
	tp, ok := first(g.Find("Shelling continued in rural Idleb and in Idleb province.", nil), "Idleb")
	if !ok || tp.Place.Admin1 != "Idlib" || tp.Place.ISO3 != "SYR" {
		t.Errorf("Idleb resolved to %+v", tp)
	}
}

func TestCountriesTable(t *testing.T) {
	g := defaultGazetteer(t)
	seen := map[string]bool{}
	for n, line := range strings.Split(countriesTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 || len(f[0]) != 2 || len(f[1]) != 3 || f[2] == "" {
			t.Errorf("countries.tsv:%d: bad row %q", n+1, line)
			continue
		}
		if seen[f[0]] || seen[f[1]] {
			t.Errorf("countries.tsv:%d: duplicate code in %q", n+1, line)
		}
		seen[f[0]], seen[f[1]] = true, true
		if p, ok := g.Country(f[1]); !ok || p.Country != f[2] {
			t.Errorf("Country(%s) = %+v", f[1], p)
		}
	}
	for _, tt := range []struct{ demonym, iso3 string }{{"Syrian", "SYR"}, {"Iraqi", "IRQ"}, {"Yemeni", "YEM"}} {
		if ci, ok := g.demonyms[strings.ToLower(tt.demonym)]; !ok || g.countries[ci].iso3 != tt.iso3 {
			t.Errorf("demonym %s not mapped to %s", tt.demonym, tt.iso3)
		}
	}
}

// TestFindConcurrent runs Find from several goroutines on the shared
// default gazetteer; run with -race to check that Find only reads it.
func TestFindConcurrent(t *testing.T) {
	g := defaultGazetteer(t)
	texts := []string{
		"Shells fell on Deir Ezzor overnight.",
		"Clashes broke out on the outskirts of Manbij.",
		"Rockets fell in Idlib province, 8 km east of Khasham.",
	}
	want := make([]int, len(texts))
	for i, s := range texts {
		want[i] = len(g.Find(s, nil))
	}
	done := make(chan error)
	for w := 0; w < 4; w++ {
		go func() {
			for k := 0; k < 50; k++ {
				i := k % len(texts)
				if n := len(g.Find(texts[i], nil)); n != want[i] {
					done <- fmt.Errorf("Find(%q) gave %d toponyms, then %d", texts[i], want[i], n)
					return
				}
			}
			done <- nil
		}()
	}
	for w := 0; w < 4; w++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestExplainMatchesFind checks that Explain finds what Find finds and only
// adds the reasons: every toponym with a reason naming its place's score
// terms, a fallback's naming the unit it was placed at.
func TestExplainMatchesFind(t *testing.T) {
	g := defaultGazetteer(t)
	for _, s := range []string{
		"Shells fell on Deir Ezzor and near Khasham overnight, the Syrian Observatory said.",
		"Militants attacked the village of Zorblin (Djugu, Ituri) on Monday.",
		"Police dispersed a sit-in in the Soba area of Khartoum, 8 km east of Omdurman.",
	} {
		found, explained := g.Find(s, nil), g.Explain(s, nil)
		if len(found) != len(explained) {
			t.Fatalf("%q: Find gave %d toponyms, Explain %d", s, len(found), len(explained))
		}
		for i := range found {
			f, e := found[i], explained[i]
			if f.Reason != "" && !strings.HasPrefix(f.Reason, "after ") {
				t.Errorf("%q: Find wrote a reason for %q: %s", s, f.Name, f.Reason)
			}
			if e.Reason == "" {
				t.Errorf("%q: Explain gave %q no reason", s, e.Name)
			}
			f.Reason, e.Reason = "", ""
			if f != e {
				t.Errorf("%q: Find %+v, Explain %+v", s, f, e)
			}
		}
	}
}

// TestSkeletonHash checks that match hashes a window's consonant skeleton
// as the index keys it: "#" and text.Skeleton of the key.
func TestSkeletonHash(t *testing.T) {
	for _, key := range []string{"", "a", "aeiouwy", "khasham", "khusham", "dairazzur", "kkk", "kakak",
		"tallrifat", "bb", "abba", "marratmisrin", "qwrtypsdfghjklzxcvbnm"} {
		sk := text.Skeleton(key)
		h, n := skeletonHash([]byte(key))
		if want := hashBytes([]byte("#" + sk)); h != want || n != len(sk) {
			t.Errorf("skeletonHash(%q) = %x, %d; want %x, %d (skeleton %q)", key, h, n, want, len(sk), sk)
		}
	}
}

// TestKeyOf checks that packed words are equal exactly when the words
// are, for words of every length the word tables pack.
func TestKeyOf(t *testing.T) {
	words := []string{"a", "b", "ab", "ba", "abc", "abd", "of", "in", "the", "then", "there", "theres",
		"abcdefg", "abcdefgh", "abcdefgi", "abcdefghi", "abcdefghj", "abcdefghijklmno"}
	for _, a := range words {
		ka, ok := keyOf(a)
		if !ok {
			t.Fatalf("keyOf(%q) not packed", a)
		}
		for _, b := range words {
			kb, _ := keyOf(b)
			if (ka == kb) != (a == b) {
				t.Errorf("keyOf(%q) == keyOf(%q) is %v", a, b, ka == kb)
			}
		}
		var want wordKey
		for i := 0; i < len(a); i++ {
			if i < 8 {
				want.w0 |= uint64(a[i]) << (8 * i)
			} else {
				want.w1 |= uint64(a[i]) << (8 * (i - 8))
			}
		}
		want.w1 |= uint64(len(a)) << 56
		if ka != want {
			t.Errorf("keyOf(%q) = %x, want %x", a, ka, want)
		}
	}
	if _, ok := keyOf("abcdefghijklmnop"); ok {
		t.Error("a word of 16 bytes was packed")
	}
}

// TestFindStrippedPossessive reads a country's possessive whose apostrophe
// was lost ("Syrias Homs") as the country, so that the place after it is
// not taken for the second word of an unknown name.
func TestFindStrippedPossessive(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		text, name, admin1, country string
	}{
		{"A car bomb went off in Syrias Homs on Monday.", "Homs", "Homs", "Syria"},
		{"Jets struck a market in Syrias northern Idlib province.", "Idlib", "Idlib", "Syria"},
		{"Strikes hit Syrias Deir Ezzor overnight.", "Deir Ezzor", "Deir ez-Zor", "Syria"},
		{"Protesters gathered in Iraqs Basra for a third day.", "Basra", "Basra", "Iraq"},
		{"Shelling was reported in Turkeys Kilis near the border.", "Kilis", "Kilis", "Turkey"},
	}
	for _, tt := range tests {
		tps := g.Find(tt.text, nil)
		tp, ok := first(tps, tt.name)
		if !ok || tp.Place.Admin1 != tt.admin1 {
			t.Errorf("Find(%q): %q → %+v (found %v), want admin1 %s", tt.text, tt.name, tp.Place, ok, tt.admin1)
		}
		if c, ok := first(tps, strings.Fields(tt.text[strings.Index(tt.text, tt.country):])[0]); !ok || c.Place.Country != tt.country || c.Kind != "country" {
			t.Errorf("Find(%q): the possessive → %+v (found %v), want the country %s", tt.text, c.Place, ok, tt.country)
		}
	}
}

// TestFindPlaceBeforeSpeechVerb checks that a name after a locative cue
// and before "said" or "told" is a place ("activists in Aleppo said"), and
// stays one in its other mentions, while a name with no such cue before the
// verb is still read as a person's.
func TestFindPlaceBeforeSpeechVerb(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		text, name string
		place      bool
	}{
		{"Media activists from Aleppo told reporters that the father died later.", "Aleppo", true},
		{"Jets struck a market again. Doctors in Homs said twelve people were hurt.", "Homs", true},
		{"Rescuers in Aleppo said the bombing of Aleppo went on all night.", "Aleppo", true},
		{"The envoy met Smith and Kerry said the talks went well.", "Kerry", false},
	}
	for _, tt := range tests {
		tps := g.Find(tt.text, []string{"SYR"})
		n := 0
		for _, tp := range tps {
			if tp.Name == tt.name && tp.Place.Known() {
				n++
			}
		}
		want := 0
		if tt.place {
			want = strings.Count(tt.text, tt.name)
		}
		if n != want {
			t.Errorf("Find(%q): %d mentions of %q placed, want %d; %+v", tt.text, n, tt.name, want, tps)
		}
	}
}

// TestFindTownOnlyInCities1000 checks that a town that GeoNames' cities500
// lacks but cities1000 has, the only town of its district, reads as the
// town at its own point, not as the district placed at its province's
// centre.
func TestFindTownOnlyInCities1000(t *testing.T) {
	g := defaultGazetteer(t)
	tp, ok := first(g.Find("Farmers marched in Colíder, Mato Grosso, on Friday.", nil), "Colíder")
	if !ok {
		t.Fatal("Colíder not found")
	}
	if tp.Kind != "" || tp.Place.Precision != 1 || tp.Place.Admin1 != "Mato Grosso" {
		t.Fatalf("Colíder = %+v (%s), want the town in Mato Grosso", tp.Place, tp.Kind)
	}
	// The district's point follows its one town.
	d, ok := first(g.Find("Farmers blocked roads across the municipality of Colíder.", nil), "Colíder")
	if !ok {
		t.Fatal("Colíder not found")
	}
	if km := distanceKm(tp.Place.Latitude, tp.Place.Longitude, d.Place.Latitude, d.Place.Longitude); km > 25 {
		t.Errorf("the municipality lies %.0f km from its town: %+v", km, d.Place)
	}
}

// TestFindNameGoesOnThroughNameWord checks that a place-like word inside
// an unknown capitalised name does not end the name: in "Jaish al-Taifa
// al-Mansurah", "al-Taifa" follows the unknown "Jaish" and "al-Mansurah"
// follows it, all one group's name. A country in such a run is still a
// place of its own, and so is the name after it.
func TestFindNameGoesOnThroughNameWord(t *testing.T) {
	g := defaultGazetteer(t)
	for _, s := range []string{
		"Fighters of Jaish al-Taifa al-Mansurah claimed the attack on Monday.",
		"A statement by Jaish al-Taifa al-Mansurah was posted online.",
	} {
		if tp, ok := first(g.Find(s, nil), "al-Mansurah"); ok {
			t.Errorf("%q: al-Mansurah read as %+v, want part of the group's name", s, tp.Place)
		}
	}
	if _, ok := first(g.Find("Tags Syria Damascus Rebels Airstrikes", nil), "Damascus"); !ok {
		t.Error("Damascus after Syria in a list of tags not found")
	}
}

// TestFindNumberedPart checks that a place name joined to a single digit
// ("Zolote-4", a numbered part of Zolote) is read as that place, while a
// name joined to a word stays part of the longer name.
func TestFindNumberedPart(t *testing.T) {
	g := defaultGazetteer(t)
	tp, ok := first(g.Find("Monitors heard explosions near Zolote-4 on Sunday.", nil), "Zolote")
	if !ok || tp.Place.Country != "Ukraine" {
		t.Errorf("Zolote-4: %+v, %v; want Zolote in Ukraine", tp.Place, ok)
	}
	if tp, ok := first(g.Find("Monitors heard explosions near Zolote-Pole on Sunday.", nil), "Zolote"); ok {
		t.Errorf("Zolote-Pole: Zolote read alone as %+v", tp.Place)
	}
}

// TestFindTheNorthOf checks that "the north of X", where X names a
// province, is the north of the province, not a point north of its
// same-named city, while "north of X" stays a bearing from the city.
func TestFindTheNorthOf(t *testing.T) {
	g := defaultGazetteer(t)
	tp, ok := first(g.Find("Gunmen attacked a ranch in the north of Veracruz on Friday.", nil), "Veracruz")
	if !ok || tp.Kind != "admin1" {
		t.Errorf("the north of Veracruz: %+v (%q), want the state", tp.Place, tp.Kind)
	}
	tp, ok = first(g.Find("Gunmen attacked a ranch north of Veracruz on Friday.", nil), "Veracruz")
	if !ok || tp.Kind != "" {
		t.Errorf("north of Veracruz: %+v (%q), want a bearing from the city", tp.Place, tp.Kind)
	}
}
