package main

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/reconcile"
	"github.com/sitrep-dev/sitrep/web"
)

// withWeb serves the web UI at / (and its pages, assets and actions) in
// front of the API handler, which keeps everything else. The UI's preview
// extracts without storing; its corrections go through reconcile.Correct
// as `sitrep correct set` does. SITREP_TILES sets an optional tile URL.
func withWeb(e *env, store sitrep.IncidentStore, p *pipeline, apiHandler http.Handler) http.Handler {
	opt := web.OptionsFromEnv()
	opt.Log = e.log
	opt.Preview = func(ctx context.Context, doc *sitrep.Document) ([]sitrep.Event, error) {
		if err := p.load(); err != nil {
			return nil, err
		}
		return p.x.Events(doc), nil
	}
	opt.Correct = func(ctx context.Context, id string, fields map[string]json.RawMessage, c sitrep.Cause) (*sitrep.Incident, error) {
		var inc *sitrep.Incident
		err := store.Update(ctx, func(tx sitrep.IncidentTx) (err error) {
			inc, err = reconcile.Correct(ctx, tx, id, fields, c)
			return err
		})
		return inc, err
	}
	return web.Mount(apiHandler, opt)
}
