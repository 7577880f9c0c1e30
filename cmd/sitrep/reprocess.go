package main

import (
	"context"
	"fmt"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/reconcile"
)

func init() {
	register(command{name: "reprocess", summary: "re-extract stored documents and re-cluster their incidents", run: runReprocess})
}

const reprocessAbout = `
Re-extracts every stored document with the current extractor, oldest first,
and re-attaches the events that changed to incidents. Incidents get a new
version only when their content changes, so running it twice, or with an
unchanged extractor, changes nothing. Documents stored before incidents
existed are attached. Reviewers' corrections, splits and merges are kept.`

func runReprocess(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "reprocess", "[--db PATH]", reprocessAbout)
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: reprocess takes no arguments", errUsage)
	}
	store, err := openIncidentStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	c, err := reprocessAll(ctx, e, store)
	e.log.Info("reprocess done", "documents", c.docs, "changed", c.changed,
		"new_incidents", c.incidents, "versions", c.versions, "deleted", c.deleted)
	return err
}

type reprocessCounts struct{ docs, changed, incidents, versions, deleted int }

// reprocessAll extracts the stored documents on all cores and applies the
// results in storage order, one transaction per document.
func reprocessAll(ctx context.Context, e *env, store sitrep.IncidentStore) (reprocessCounts, error) {
	var c reprocessCounts
	x, err := extractorFor(ctx, store)
	if err != nil {
		return c, err
	}
	err = extractInOrder(x, func(send func(ingest.Result)) error {
		return store.Documents(ctx, func(d *sitrep.Document) bool {
			if ctx.Err() != nil {
				return false
			}
			send(ingest.Result{Name: d.ID, Doc: d})
			return true
		})
	}, func(p processed) error {
		var res reconcile.Result
		err := store.Update(ctx, func(tx sitrep.IncidentTx) error {
			var err error
			res, err = reconcile.Reprocess(ctx, tx, p.Doc.ID, p.events)
			if err != nil {
				return err
			}
			return tx.SetUnresolved(ctx, p.Doc.ID, p.Doc.Unresolved)
		})
		if err != nil {
			return fmt.Errorf("reprocessing %s: %w", p.Doc.ID, err)
		}
		c.docs++
		if res.New+res.Versions+res.Deleted > 0 {
			c.changed++
		}
		c.incidents += res.New
		c.versions += res.Versions
		c.deleted += res.Deleted
		return nil
	})
	if err != nil {
		return c, err
	}
	return c, ctx.Err()
}
