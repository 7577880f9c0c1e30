package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/reconcile"
	"github.com/sitrep-dev/sitrep/sqlite"
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
	if newDatabase(*db) {
		_, err = ingestNew(ctx, e, *db, fs.Args(), opt)
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

// newDatabase reports whether db is the path of a database file that does
// not exist yet.
func newDatabase(db string) bool {
	if db == ":memory:" || strings.HasPrefix(db, "file:") || strings.Contains(db, "://") {
		return false
	}
	_, err := os.Stat(db)
	return errors.Is(err, os.ErrNotExist)
}

// ingestNew is ingestPaths into the new database db, which the writer
// creates while extraction starts: creating a database runs every
// migration, which takes as long as extracting a few dozen documents, and
// a new database holds no imported places, so extraction needs nothing
// from it (the embedded gazetteer is the one extractorFor would give).
// The database is made by sqlite.Create, which writes each page once
// rather than twice until ingest is done.
func ingestNew(ctx context.Context, e *env, db string, paths []string, opt ingest.Options) (ingestCounts, error) {
	x, err := newExtractor()
	if err != nil {
		return ingestCounts{}, err
	}
	var store sitrep.Store // set by the writer before ingestWith returns
	defer func() {
		if store != nil {
			store.Close()
		}
	}()
	return ingestWith(ctx, e, x, func() (sitrep.Store, error) {
		s, err := sqlite.Create(ctx, db)
		if errors.Is(err, fs.ErrExist) {
			// Made since newDatabase looked: another process's.
			s, err = sqlite.Open(ctx, db)
		}
		if err != nil {
			return nil, err
		}
		store = s
		return s, nil
	}, paths, opt)
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

// ingestPaths extracts and stores every document under paths. It fails only
// when every document failed or the store itself fails.
//
// Two stages run at once: extraction on every core (extractAllThen),
// which also computes each document's fingerprint and hands documents over
// in input order; and one writer (storeQueued), which stores documents and
// clusters their events. A queue between them lets extraction run ahead
// while the writer works, so neither waits for the other unless one is
// behind by a whole queue. Whatever can be done for a document without
// the store is done by extraction, on every core: the writer is the one
// stage that cannot be spread.
//
// A document is acknowledged — counted as stored, and logged — once the
// transaction holding it has committed; the store syncs every commit to
// disk, so an acknowledged document survives a crash or power loss. A
// document extracted but not yet committed when ingest stops is not
// acknowledged and not stored; ingesting the same input again stores it
// (and skips the documents already stored).
func ingestPaths(ctx context.Context, e *env, store sitrep.Store, paths []string, opt ingest.Options) (ingestCounts, error) {
	if _, ok := store.(sitrep.IncidentStore); !ok {
		return ingestCounts{}, errNoIncidents
	}
	x, err := extractorFor(ctx, store)
	if err != nil {
		return ingestCounts{}, err
	}
	return ingestWith(ctx, e, x, func() (sitrep.Store, error) { return store, nil }, paths, opt)
}

// errNoIncidents is the error for a store that cannot cluster reports.
var errNoIncidents = errors.New("this store does not keep incidents")

// ingestWith is ingestPaths with extractor x, into the store open returns
// (the writer calls it; extraction does not wait for it).
func ingestWith(ctx context.Context, e *env, x *extract.Extractor, open func() (sitrep.Store, error), paths []string, opt ingest.Options) (ingestCounts, error) {
	var c ingestCounts
	bar := newProgress(e)

	queue := make(chan processed, 2*maxIngestBatch)
	writerDone := make(chan struct{})
	var writeErr error // set by the writer before writerDone closes
	cpu := newCores(runtime.GOMAXPROCS(0))
	go func() {
		defer close(writerDone)
		store, err := open()
		if err != nil {
			writeErr = err
			return
		}
		is, ok := store.(sitrep.IncidentStore)
		if !ok {
			writeErr = errNoIncidents
			return
		}
		writeErr = storeQueued(ctx, e, is, queue, cpu, &c, func(n int) { _ = bar.Add(n) })
	}()

	var failed int
	err := extractAllThen(ctx, e, paths, opt, x, cpu, fingerprint, func(p processed) error {
		if p.Err != nil {
			failed++
			_ = bar.Add(1)
			e.log.Warn("document skipped", "doc", p.Name, "err", p.Err)
			return nil
		}
		select {
		case queue <- p:
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

// fingerprint computes the near-duplicate fingerprint of an extracted
// document.
func fingerprint(p *processed) { p.fingerprint = reconcile.Fingerprint(p.Doc.Text) }

// errWriterStopped stops extraction once the writer has failed; the
// writer's error is the one reported.
var errWriterStopped = errors.New("the writer stopped")

// storeQueued stores the documents of queue until it is closed, in
// transactions bounded as the constants above say, and adds to c what
// each transaction did once it has committed; acked is told how many
// documents each commit acknowledged. It holds a core of cpu (when not
// nil) except while it waits for documents.
func storeQueued(ctx context.Context, e *env, is sitrep.IncidentStore, queue <-chan processed, cpu cores, c *ingestCounts, acked func(int)) error {
	idle := time.NewTimer(ingestIdle)
	defer idle.Stop()
	// receive returns the next queued document, waiting for it, without
	// holding a core, until timeout fires (never when nil).
	receive := func(timeout func() <-chan time.Time) (processed, bool) {
		select {
		case d, ok := <-queue:
			return d, ok
		default:
		}
		cpu.release()
		defer cpu.acquire()
		var fired <-chan time.Time
		if timeout != nil {
			fired = timeout()
		}
		select {
		case d, ok := <-queue:
			return d, ok
		case <-fired:
			return processed{}, false
		}
	}
	// next returns the next queued document, waiting for it at most
	// ingestIdle.
	next := func() (processed, bool) {
		return receive(func() <-chan time.Time {
			idle.Reset(ingestIdle)
			return idle.C
		})
	}
	var (
		batch   []processed
		results []reconcile.Result
	)
	committed, stop := checkpointBehind(ctx, e, is, cpu)
	defer stop()
	cpu.acquire()
	defer cpu.release()
	for {
		first, ok := receive(nil)
		if !ok {
			return nil
		}
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
		committed()
		countStored(e, batch, results, c)
		acked(len(batch))
	}
}

// A checkpointer copies the transactions committed to a write-ahead log
// into the database file (see sqlite.DB.Checkpoint).
type checkpointer interface {
	Checkpoint(ctx context.Context) error
}

// checkpointBehind checkpoints store, when it is a checkpointer, after
// the writer's commits, on a goroutine of its own holding a core of cpu.
// Closing the store copies what the write-ahead log holds into the
// database file, at the very end of ingest, when the writer is the only
// stage left and the other cores idle; copying each commit while the
// writer goes on leaves Close the last one only (for FA-KES, Close took
// 15 ms, and 5 ms after this). A checkpoint copies committed
// transactions only, and syncs the file, so it changes no promise: what
// Close leaves is the same file.
//
// The writer calls committed after each commit, and stop once it is
// done. Commits made while a checkpoint runs ask for one more, not one
// each. stop waits for a checkpoint in progress, since Close must not run
// meanwhile (the last connection to close copies and deletes the log),
// and drops the one the last commit asked for unless it has begun: Close
// does the same work.
func checkpointBehind(ctx context.Context, e *env, store any, cpu cores) (committed, stop func()) {
	c, ok := store.(checkpointer)
	if !ok {
		return func() {}, func() {}
	}
	kick := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range kick {
			cpu.acquire()
			err := c.Checkpoint(ctx)
			cpu.release()
			if err != nil {
				// Close copies what this did not.
				e.log.Debug("checkpoint failed", "err", err)
			}
		}
	}()
	committed = func() {
		select {
		case kick <- struct{}{}:
		default: // one is pending already
		}
	}
	stop = func() {
		select {
		case <-kick:
		default:
		}
		close(kick)
		<-done
	}
	return committed, stop
}

// countStored adds to c what storing batch did.
func countStored(e *env, batch []processed, results []reconcile.Result, c *ingestCounts) {
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
