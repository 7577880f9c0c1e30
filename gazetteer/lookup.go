package gazetteer

import (
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/gazetteer/internal/index"
	"github.com/sitrep-dev/sitrep/text"
)

// Candidate is one reading of a name, as Lookup ranks it.
type Candidate struct {
	Place sitrep.Place
	// Kind is "" for a town or point, or "country", "admin1", "admin2".
	Kind  string
	Score float64
	// Reason lists what the score is made of, for people: the feature,
	// population, country and spelling terms with their weights.
	Reason string
}

// Lookup returns every place that name may mean, best first. country, when
// not empty, is an ISO2 or ISO3 code or a country name that the caller
// believes the name is in; it ranks candidates, it does not filter them.
func (g *Gazetteer) Lookup(name, country string) []Candidate {
	toks := text.Tokens(name)
	if len(toks) == 0 {
		return nil
	}
	d := &doc{g: g, s: name, toks: toks}
	d.admin.reset()
	d.clearCountries()
	if ci, ok := g.countryIndex(country); ok && country != "" {
		d.ctx.add(int16(ci), 2)
	}
	d.setTop()
	key := text.Key(name)
	m := &match{i: 0, j: len(toks) - 1, best: -1, relEnd: len(toks) - 1}
	m.postings = g.keys.get(hashString(key))
	if m.postings == nil {
		if sk := text.Skeleton(key); len(sk) >= 3 {
			m.postings, m.skeleton = g.keys.get(hashString("#"+sk)), true
		}
	}
	folded := text.Fold(name)
	seen := map[int32]bool{}
	var out []Candidate
	for _, p := range m.postings {
		e := int32(p >> index.FlagBits)
		if seen[e] {
			continue
		}
		seen[e] = true
		var why strings.Builder
		s := d.score(m, e, p, folded, false, &why)
		c := Candidate{Place: g.place(e, precisionOf(g.entities[e].kind)), Kind: kindName(g.entities[e].kind),
			Score: roundScore(s), Reason: why.String()}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

func precisionOf(kind uint8) int {
	if kind == kindPlace {
		return 1
	}
	return 3
}

func kindName(kind uint8) string {
	switch kind {
	case kindCountry:
		return "country"
	case kindAdmin1:
		return "admin1"
	case kindAdmin2:
		return "admin2"
	}
	return ""
}

func roundScore(s float64) float64 {
	if s < 0 {
		return -roundScore(-s)
	}
	return float64(int64(s*100+0.5)) / 100
}
