package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/api"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/reconcile"
)

func init() {
	register(command{name: "serve", summary: "serve stored events over HTTP", run: runServe})
}

const serveAbout = `
Serves what is stored until interrupted: the web UI at / (map, timeline,
event pages with their evidence; built by 'make web'), the JSON API under
/api (described at /openapi.json), exports
(/api/events?format=csv|ucdp|geojson|jsonl), POST /api/documents to ingest,
/healthz, /readyz and /metrics. SITREP_TILES sets an optional tile URL for
the map, which otherwise draws offline Natural Earth outlines.`

func runServe(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "serve", "[--db PATH] [--addr HOST:PORT]", serveAbout)
	db := dbFlag(fs)
	addr := addrFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	return serve(ctx, e, store, *addr)
}

// serve answers HTTP on addr until ctx is done, then shuts down gracefully.
func serve(ctx context.Context, e *env, store sitrep.Store, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	h, err := handler(e, store)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	e.log.Info("serving", "url", "http://"+ln.Addr().String()+"/")
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	e.log.Info("stopped")
	return nil
}

// handler is everything sitrep serves over HTTP for store.
func handler(e *env, store sitrep.Store) (http.Handler, error) {
	is, ok := store.(sitrep.IncidentStore)
	if !ok {
		return nil, fmt.Errorf("this store does not keep incidents; it cannot be served")
	}
	p := &pipeline{store: is}
	return withWeb(e, is, p, api.New(is, e.log, apiOptions(is, p))), nil
}

// pipeline loads the store's gazetteer and an extractor over it once, on
// first use, for every part of the server that reads documents.
type pipeline struct {
	store sitrep.Store
	once  sync.Once
	g     *gazetteer.Gazetteer
	x     *extract.Extractor
	err   error
}

func (p *pipeline) load() error {
	p.once.Do(func() {
		p.g, p.err = storeGazetteer(context.Background(), p.store)
		if p.err == nil {
			p.x = extract.New(p.g)
		}
	})
	return p.err
}

// apiOptions gives the API what it needs from the rest of the program:
// ingestion (extract, then reconcile in one transaction per document) and
// gazetteer search.
func apiOptions(store sitrep.IncidentStore, p *pipeline) api.Options {
	return api.Options{
		Ingest: func(ctx context.Context, docs []*sitrep.Document) ([]api.Ingested, error) {
			if err := p.load(); err != nil {
				return nil, err
			}
			out := make([]api.Ingested, len(docs))
			for i, doc := range docs {
				start := time.Now()
				events := p.x.Events(doc)
				took := time.Since(start)
				var res reconcile.Result
				err := store.Update(ctx, func(tx sitrep.IncidentTx) error {
					var err error
					res, err = reconcile.Ingest(ctx, tx, doc, events)
					return err
				})
				if err != nil {
					return nil, fmt.Errorf("storing %s: %w", doc.ID, err)
				}
				api.ObserveIngest(res.Created, len(events), took)
				out[i] = api.Ingested{ID: res.DocID, Created: res.Created, Events: len(events), Incidents: res.Incidents}
			}
			return out, nil
		},
		Places: func(ctx context.Context, q, country string, limit int) ([]api.PlaceHit, error) {
			if err := p.load(); err != nil {
				return nil, err
			}
			cands := p.g.Lookup(q, country)
			hits := make([]api.PlaceHit, 0, min(limit, len(cands)))
			for _, c := range cands {
				if len(hits) == limit {
					break
				}
				hits = append(hits, api.PlaceHit{Place: c.Place, Kind: c.Kind, Score: c.Score})
			}
			return hits, nil
		},
	}
}
