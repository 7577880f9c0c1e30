package eval

import (
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/ingest"
)

// Pipeline returns the system as sitrep ships it: ingest's reader and
// cleaner, the embedded gazetteer and the extractor. `sitrep eval` and the
// floors test score it.
func Pipeline() (System, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return System{}, fmt.Errorf("loading the gazetteer: %w", err)
	}
	x := extract.New(g)
	return System{
		Extract: x.Events,
		Spans:   x.Spans,
		ReadText: func(name string, raw []byte, published time.Time, outlet string) (*sitrep.Document, error) {
			return ingest.Text(name, raw, ingest.Options{Published: published, Outlet: outlet})
		},
		Places: func(name string) []sitrep.Place {
			var out []sitrep.Place
			for _, c := range g.Lookup(name, "") {
				out = append(out, c.Place)
			}
			return out
		},
	}, nil
}
