package eval

import (
	"context"
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/reconcile"
	"github.com/sitrep-dev/sitrep/sqlite"
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
		Cluster: cluster,
		Places: func(name string) []sitrep.Place {
			var out []sitrep.Place
			for _, c := range g.Lookup(name, "") {
				out = append(out, c.Place)
			}
			return out
		},
	}, nil
}

// cluster is System.Cluster as sitrep ingests: the documents, in order,
// into a new in-memory SQLite store, each clustered by reconcile.
func cluster(ctx context.Context, docs []*sitrep.Document, events [][]sitrep.Event) ([]string, error) {
	db, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	main := make([]string, len(docs))
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		for i, doc := range docs {
			r, err := reconcile.Ingest(ctx, tx, doc, events[i])
			if err != nil {
				return fmt.Errorf("document %s: %w", doc.ID, err)
			}
			if r.Created && len(r.Incidents) > 0 {
				main[i] = r.Incidents[0]
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// A later document may have merged an incident into another: the
	// incident a report ends in is the one its id leads to now.
	for i, id := range main {
		if id == "" {
			continue
		}
		inc, err := db.Incident(ctx, id)
		if err != nil {
			return nil, err
		}
		main[i] = inc.ID
	}
	return main, nil
}
