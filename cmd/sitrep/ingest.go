package main

import (
	"context"
	"fmt"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/reconcile"
)

func init() {
	register(command{name: "ingest", summary: "read documents, extract their events and store them", run: runIngest})
}

const ingestAbout = `
Reads documents as 'sitrep extract' does, extracts their events and stores
documents, cleaned text, events, claims and evidence in the database. Each
event is then matched against the stored incidents: a report of a known
incident is attached to it (a new version of the incident), otherwise a new
incident begins. A document already stored (same URL or same content) is not
stored twice, so ingesting a batch again changes nothing. Bad documents are
reported by name and skipped; the others are stored.`

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "ingest", "[--db PATH] [flags] PATHS...", ingestAbout)
	db := dbFlag(fs)
	var df docFlags
	df.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: give files, folders or - for standard input", errUsage)
	}
	opt, err := df.options()
	if err != nil {
		return err
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	_, err = ingestPaths(ctx, e, store, fs.Args(), opt)
	return err
}

// ingestCounts says what an ingest run did.
type ingestCounts struct {
	stored, duplicate, failed, events int
	incidents, versions, merged       int // incidents created, versions saved, incidents merged away
}

// ingestBatch is how many documents one transaction stores.
const ingestBatch = 64

// ingestPaths extracts and stores every document under paths. It fails only
// when every document failed or the store itself fails.
func ingestPaths(ctx context.Context, e *env, store sitrep.Store, paths []string, opt ingest.Options) (ingestCounts, error) {
	var c ingestCounts
	is, ok := store.(sitrep.IncidentStore)
	if !ok {
		return c, fmt.Errorf("this store does not keep incidents")
	}
	x, err := newExtractor()
	if err != nil {
		return c, err
	}
	bar := newProgress(e)
	// Documents are stored in batches, one transaction each: a commit
	// waits for the disk (synchronous=FULL), and one wait per document
	// would cost more than extracting it. A batch commits whole or not at
	// all, each document with the incident changes it causes.
	var batch []processed
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		results := make([]reconcile.Result, len(batch))
		err := is.Update(ctx, func(tx sitrep.IncidentTx) error {
			for i, p := range batch {
				r, err := reconcile.Ingest(ctx, tx, p.Doc, p.events)
				if err != nil {
					return fmt.Errorf("storing %s: %w", p.Name, err)
				}
				results[i] = r
			}
			return nil
		})
		if err != nil {
			return err
		}
		for i, res := range results {
			if res.Created {
				c.stored++
				c.events += len(batch[i].events)
				c.incidents += res.New
				c.versions += res.Versions
				c.merged += res.Deleted
			} else {
				c.duplicate++
				e.log.Debug("already stored", "doc", batch[i].Name, "as", res.DocID)
			}
		}
		_ = bar.Add(len(batch))
		batch = batch[:0]
		return nil
	}
	err = extractAll(ctx, e, paths, opt, x, func(p processed) error {
		if p.Err != nil {
			c.failed++
			_ = bar.Add(1)
			e.log.Warn("document skipped", "doc", p.Name, "err", p.Err)
			return nil
		}
		batch = append(batch, p)
		if len(batch) < ingestBatch {
			return nil
		}
		return flush()
	})
	if err == nil {
		err = flush()
	}
	_ = bar.Finish()
	e.log.Info("ingest done", "stored", c.stored, "already_stored", c.duplicate, "failed", c.failed, "events", c.events,
		"new_incidents", c.incidents, "versions", c.versions, "merged", c.merged)
	if err != nil {
		return c, err
	}
	if c.stored+c.duplicate == 0 && c.failed > 0 {
		return c, fmt.Errorf("every input failed (%d documents)", c.failed)
	}
	return c, nil
}

// newProgress returns a progress bar on stderr when stderr is a terminal,
// and a silent one otherwise (logs and CI output stay clean).
func newProgress(e *env) *progressbar.ProgressBar {
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return progressbar.NewOptions(-1, progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("documents"), progressbar.OptionShowCount(),
			progressbar.OptionShowIts(), progressbar.OptionClearOnFinish())
	}
	return progressbar.DefaultSilent(-1)
}
