package extract

import (
	"testing"

	"github.com/sitrep-dev/sitrep/gazetteer"
)

// TestCapitalsResolve checks that the gazetteer reads every capital of
// lexicon/countries.tsv as a town of its own country, near the centre of
// nothing else: a national event is placed there.
func TestCapitalsResolve(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Skipf("no gazetteer: %v", err)
	}
	x := New(g)
	for _, c := range lex.countries {
		if c.Capital == "" {
			t.Errorf("%s: no capital", c.ISO3)
			continue
		}
		p, ok := x.capital(c.ISO3)
		if !ok {
			t.Errorf("%s: the gazetteer reads no town %q in the country", c.ISO3, c.Capital)
			continue
		}
		t.Logf("%s %s -> %s, %s (%d) %.2f,%.2f", c.ISO3, c.Capital, p.Location, p.Admin1, p.GeonameID, p.Latitude, p.Longitude)
	}
}
