package main

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/sitrep-dev/sitrep"
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
	type job struct {
		doc    *sitrep.Document
		events chan []sitrep.Event
	}
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan job, workers*4)
	order := make(chan job, workers*16)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.events <- x.Events(j.doc)
			}
		}()
	}
	applied := make(chan error, 1)
	go func() {
		var err error
		for j := range order {
			events := <-j.events
			if err != nil {
				continue
			}
			var res reconcile.Result
			err = store.Update(ctx, func(tx sitrep.IncidentTx) error {
				var err error
				res, err = reconcile.Reprocess(ctx, tx, j.doc.ID, events)
				return err
			})
			if err != nil {
				err = fmt.Errorf("reprocessing %s: %w", j.doc.ID, err)
				continue
			}
			c.docs++
			if res.New+res.Versions+res.Deleted > 0 {
				c.changed++
			}
			c.incidents += res.New
			c.versions += res.Versions
			c.deleted += res.Deleted
		}
		applied <- err
	}()
	readErr := store.Documents(ctx, func(d *sitrep.Document) bool {
		if ctx.Err() != nil {
			return false
		}
		j := job{doc: d, events: make(chan []sitrep.Event, 1)}
		order <- j
		jobs <- j
		return true
	})
	close(jobs)
	wg.Wait()
	close(order)
	if err := <-applied; err != nil {
		return c, err
	}
	if readErr != nil {
		return c, readErr
	}
	return c, ctx.Err()
}
