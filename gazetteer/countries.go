package gazetteer

import (
	"fmt"
	"strings"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/gazetteer/internal/index"
	"github.com/sitrep-dev/sitrep/text"
)

// loadCountries reads countries.tsv into g.countries, g.byCode and
// g.demonyms. Names and aliases are keyed folded; codes lower-cased.
func (g *Gazetteer) loadCountries() error {
	for n, line := range strings.Split(countriesTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return fmt.Errorf("gazetteer: countries.tsv:%d: %d fields, want 5", n+1, len(f))
		}
		ci := len(g.countries)
		g.countries = append(g.countries, country{iso2: f[0], iso3: f[1], name: f[2], entity: -1})
		g.byCode[strings.ToLower(f[0])] = ci
		g.byCode[strings.ToLower(f[1])] = ci
		g.byCode[text.Fold(f[2])] = ci
		for _, a := range splitList(f[3]) {
			g.byCode[text.Fold(a)] = ci
		}
		for _, d := range splitList(f[4]) {
			g.demonyms[text.Fold(d)] = ci
		}
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ";") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// addCountryEntities makes each country an entity and keys it under its
// name and aliases (not its codes: "US" and "UK" are matched as aliases,
// "SY" is not a word).
func (g *Gazetteer) addCountryEntities() {
	fPCLI := g.feature("PCLI")
	g.firstCountry = uint32(len(g.entities))
	for ci := range g.countries {
		c := &g.countries[ci]
		c.entity = int32(len(g.entities))
		g.entities = append(g.entities, entity{name: c.name, kind: kindCountry, feature: fPCLI,
			lat: c.lat, lon: c.lon, country: int16(ci), admin1: -1, admin2: -1})
		g.entities[len(g.entities)-1].setPop(1 << 30)
	}
	for _, line := range strings.Split(countriesTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		ci := g.byCode[strings.ToLower(f[0])]
		posting := []uint32{uint32(g.countries[ci].entity)<<index.FlagBits | index.Primary}
		g.keys.add(hashString(text.Key(f[2])), posting)
		for _, a := range splitList(f[3]) {
			g.keys.add(hashString(text.Key(a)), posting)
		}
		// "Syrias Idlib": the possessive of a country's name, its
		// apostrophe stripped as some feeds and scrapes do, is the country,
		// not the first word of a longer name. Only where the form names
		// nothing else.
		if name := f[2]; !strings.HasSuffix(name, "s") && !strings.Contains(name, " ") {
			if h := hashString(text.Key(name + "s")); g.keys.get(h) == nil {
				g.keys.add(h, posting)
			}
		}
	}
}

// addAliases keys admin1 units under the other spellings in aliases.tsv.
// A row naming a unit the index lacks is skipped: the data may have moved
// on.
func (g *Gazetteer) addAliases() {
	for _, line := range strings.Split(aliasesTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			continue
		}
		ci, ok := g.byCode[strings.ToLower(f[0])]
		if !ok {
			continue
		}
		e := g.findAdmin(kindAdmin1, int16(ci), f[1], "", "")
		if e < 0 {
			continue
		}
		posting := []uint32{uint32(e) << index.FlagBits}
		for _, a := range splitList(f[2]) {
			g.keys.add(hashString(text.Key(a)), posting)
		}
	}
}

// isCountry reports whether entity e is a country. Countries are numbered
// in one block, so this needs no look at the entity.
func (g *Gazetteer) isCountry(e uint32) bool {
	return e >= g.firstCountry && e < g.firstCountry+uint32(len(g.countries))
}

// Country returns the country with ISO2 or ISO3 code, English name or alias
// code ("SY", "SYR", "Syria", "Syrian Arab Republic"), as a place at the
// country's centre with precision 3.
func (g *Gazetteer) Country(code string) (sitrep.Place, bool) {
	ci, ok := g.countryIndex(code)
	if !ok {
		return sitrep.Place{}, false
	}
	return g.place(g.countries[ci].entity, 3), true
}

func (g *Gazetteer) countryIndex(code string) (int, bool) {
	code = strings.TrimSpace(code)
	if ci, ok := g.byCode[strings.ToLower(code)]; ok {
		return ci, true
	}
	ci, ok := g.byCode[text.Fold(code)]
	return ci, ok
}

// place converts an entity to a sitrep.Place.
func (g *Gazetteer) place(ei int32, precision int) sitrep.Place {
	e := &g.entities[ei]
	p := sitrep.Place{
		Location:  e.name,
		GeonameID: int(e.id),
		Latitude:  round5(float64(e.lat)),
		Longitude: round5(float64(e.lon)),
		Precision: precision,
	}
	if e.country >= 0 {
		c := g.countries[e.country]
		p.Country, p.ISO3 = c.name, c.iso3
	}
	if e.admin1 >= 0 {
		p.Admin1 = g.entities[e.admin1].name
	}
	if e.admin2 >= 0 {
		p.Admin2 = g.entities[e.admin2].name
	}
	return p
}

func round5(v float64) float64 {
	if v < 0 {
		return -float64(int64(-v*1e5+0.5)) / 1e5
	}
	return float64(int64(v*1e5+0.5)) / 1e5
}
