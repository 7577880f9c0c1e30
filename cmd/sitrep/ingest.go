package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

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

// A transaction of ingest stores documents as they arrive, and commits
// once it holds maxIngestBatch documents, once it has been open for
// maxIngestTxTime, or once no document has arrived for ingestIdle. A
// commit waits for the disk (synchronous=FULL) and ends the full-text
// index's batch, so one per document would cost more than extracting it;
// the bounds cap how much work one commit holds and how long a document
// waits to be acknowledged.
const (
	maxIngestBatch  = 256
	maxIngestTxTime = 500 * time.Millisecond
	ingestIdle      = 20 * time.Millisecond
)

// toStore is an extracted document on its way to the writer, with its
// near-duplicate fingerprint computed on the way.
type toStore struct {
	processed
	fingerprint []byte
}

// ingestPaths extracts and stores every document under paths. It fails only
// when every document failed or the store itself fails.
//
// Three stages run at once: extraction on every core (extractAll), which
// hands documents over in input order; the hand-over, which computes each
// document's fingerprint; and one writer (storeQueued), which stores
// documents and clusters their events. A queue between hand-over and
// writer lets extraction run ahead while the writer works, so neither
// waits for the other unless one is behind by a whole queue.
//
// A document is acknowledged — counted as stored, and logged — once the
// transaction holding it has committed; the store syncs every commit to
// disk, so an acknowledged document survives a crash or power loss. A
// document extracted but not yet committed when ingest stops is not
// acknowledged and not stored; ingesting the same input again stores it
// (and skips the documents already stored).
func ingestPaths(ctx context.Context, e *env, store sitrep.Store, paths []string, opt ingest.Options) (ingestCounts, error) {
	var c ingestCounts
	is, ok := store.(sitrep.IncidentStore)
	if !ok {
		return c, fmt.Errorf("this store does not keep incidents")
	}
	x, err := extractorFor(ctx, store)
	if err != nil {
		return c, err
	}
	bar := newProgress(e)

	queue := make(chan toStore, 2*maxIngestBatch)
	writerDone := make(chan struct{})
	var writeErr error // set by the writer before writerDone closes
	go func() {
		defer close(writerDone)
		writeErr = storeQueued(ctx, e, is, queue, &c, func(n int) { _ = bar.Add(n) })
	}()

	var failed int
	err = extractAll(ctx, e, paths, opt, x, func(p processed) error {
		if p.Err != nil {
			failed++
			_ = bar.Add(1)
			e.log.Warn("document skipped", "doc", p.Name, "err", p.Err)
			return nil
		}
		d := toStore{processed: p, fingerprint: reconcile.Fingerprint(p.Doc.Text)}
		select {
		case queue <- d:
			return nil
		case <-writerDone:
			return errWriterStopped
		}
	})
	close(queue)
	<-writerDone
	c.failed = failed
	if writeErr != nil {
		err = writeErr
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

// errWriterStopped stops extraction once the writer has failed; the
// writer's error is the one reported.
var errWriterStopped = errors.New("the writer stopped")

// storeQueued stores the documents of queue until it is closed, in
// transactions bounded as the constants above say, and adds to c what
// each transaction did once it has committed; acked is told how many
// documents each commit acknowledged.
func storeQueued(ctx context.Context, e *env, is sitrep.IncidentStore, queue <-chan toStore, c *ingestCounts, acked func(int)) error {
	idle := time.NewTimer(ingestIdle)
	defer idle.Stop()
	// next returns the next queued document, waiting for it at most
	// ingestIdle.
	next := func() (toStore, bool) {
		select {
		case d, ok := <-queue:
			return d, ok
		default:
		}
		idle.Reset(ingestIdle)
		select {
		case d, ok := <-queue:
			return d, ok
		case <-idle.C:
			return toStore{}, false
		}
	}
	var (
		batch   []toStore
		results []reconcile.Result
	)
	for first := range queue {
		batch = append(batch[:0], first)
		err := is.Update(ctx, func(tx sitrep.IncidentTx) error {
			results = results[:0]
			start := time.Now()
			for i := 0; ; i++ {
				d := batch[i]
				r, err := reconcile.IngestFingerprint(ctx, tx, d.Doc, d.events, d.fingerprint)
				if err != nil {
					return fmt.Errorf("storing %s: %w", d.Name, err)
				}
				results = append(results, r)
				if len(batch) == maxIngestBatch || time.Since(start) >= maxIngestTxTime {
					return nil
				}
				d, ok := next()
				if !ok {
					return nil
				}
				batch = append(batch, d)
			}
		})
		if err != nil {
			return err
		}
		countStored(e, batch, results, c)
		acked(len(batch))
	}
	return nil
}

// countStored adds to c what storing batch did.
func countStored(e *env, batch []toStore, results []reconcile.Result, c *ingestCounts) {
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
