package gazetteer

import (
	"strings"

	"github.com/sitrep-dev/sitrep"

	"github.com/sitrep-dev/sitrep/gazetteer/internal/index"
	"github.com/sitrep-dev/sitrep/text"
)

// Entry is a place to add to a gazetteer: from a GeoNames dump, a user CSV
// or code. It is the domain's GazetteerEntry, so stores can keep entries
// without depending on this package.
type Entry = sitrep.GazetteerEntry

// arabicCountries get consonant-skeleton keys for added entries, as the
// generator gives them to the embedded ones.
var arabicCountries = map[string]bool{
	"SY": true, "IQ": true, "LB": true, "JO": true, "PS": true, "EG": true,
	"LY": true, "YE": true, "SA": true, "TN": true, "DZ": true, "MA": true,
	"SD": true, "IR": true, "AF": true, "KW": true, "OM": true, "AE": true,
	"QA": true, "BH": true,
}

// Add layers entries over the gazetteer: their names and aliases find them
// from now on, and they rank a little above embedded places of the same
// name, since a caller who adds a place means it. Add must not run
// concurrently with other methods; use Open for a private copy of the
// embedded gazetteer rather than adding to the shared Default.
func (g *Gazetteer) Add(entries ...Entry) {
	for _, en := range entries {
		if strings.TrimSpace(en.Name) == "" {
			continue
		}
		e := entity{name: en.Name, lat: float32(en.Lat), lon: float32(en.Lon), id: int32(en.GeonameID),
			country: -1, admin1: -1, admin2: -1, user: true}
		e.setPop(uint32(max(0, min(en.Population, 1<<31))))
		if ci, ok := g.countryIndex(en.Country); ok && en.Country != "" {
			e.country = int16(ci)
		}
		code := en.Feature
		if code == "" {
			code = "PPL"
		}
		e.feature = g.feature(code)
		switch code {
		case "ADM1":
			e.kind = kindAdmin1
		case "ADM2":
			e.kind = kindAdmin2
		}
		id := int32(len(g.entities))
		e.admin1 = g.findAdmin(kindAdmin1, e.country, en.Admin1, en.Admin1Code, "")
		e.admin2 = g.findAdmin(kindAdmin2, e.country, en.Admin2, en.Admin2Code, en.Admin1Code)
		if e.kind == kindAdmin1 {
			e.admin1 = id
		} else if e.kind == kindAdmin2 {
			e.admin2 = id
		}
		if e.admin2 >= 0 && e.admin2 != id && e.admin1 < 0 {
			e.admin1 = g.entities[e.admin2].admin1
		}
		g.entities = append(g.entities, e)
		arabic := e.country >= 0 && arabicCountries[g.countries[e.country].iso2]
		add := func(name string, flags uint32) {
			k := text.Key(name)
			if len(k) < 2 {
				return
			}
			posting := []uint32{uint32(id)<<index.FlagBits | flags}
			g.keys.add(hashString(k), posting)
			if arabic {
				if sk := text.Skeleton(k); len(sk) >= 4 {
					g.keys.add(hashString("#"+sk), posting)
				}
			}
		}
		add(en.Name, index.Primary)
		for _, a := range en.Aliases {
			add(a, 0)
		}
	}
}

// findAdmin finds an admin unit of kind in country by name, or by GeoNames
// code when the name is empty. It returns -1 when there is none.
func (g *Gazetteer) findAdmin(kind uint8, country int16, name, code, parentCode string) int32 {
	if name == "" && code == "" || country < 0 {
		return -1
	}
	if name == "" {
		if g.adminCodes == nil {
			g.indexAdminCodes()
		}
		full := g.countries[country].iso2 + "." + code
		if kind == kindAdmin2 {
			full = g.countries[country].iso2 + "." + parentCode + "." + code
		}
		if e, ok := g.adminCodes[full]; ok {
			return e
		}
		return -1
	}
	for _, p := range g.keys.get(hashString(text.Key(name))) {
		e := int32(p >> index.FlagBits)
		if en := &g.entities[e]; en.kind == kind && en.country == country {
			return e
		}
	}
	return -1
}

// indexAdminCodes maps GeoNames admin codes to entities, for entries that
// carry codes rather than names. It is built on first need, as most
// programs never add places.
func (g *Gazetteer) indexAdminCodes() {
	g.adminCodes = make(map[string]int32, len(g.admin1Codes)+len(g.admin2Codes))
	for i, c := range g.admin1Codes {
		g.adminCodes[c] = g.adminBase + int32(i)
	}
	for i, c := range g.admin2Codes {
		g.adminCodes[c] = g.adminBase + int32(len(g.admin1Codes)+i)
	}
}
