package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/sqlite"
)

// Defaults shared by every subcommand that takes these flags.
const (
	defaultDB   = "./sitrep.db"
	defaultAddr = "127.0.0.1:8080"
)

func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", defaultDB, "database: a SQLite file path (the embedded default)")
}

func addrFlag(fs *flag.FlagSet) *string {
	return fs.String("addr", defaultAddr, "HTTP listen address `HOST:PORT`")
}

// docFlags are the flags for documents that carry no metadata of their own.
type docFlags struct {
	published string
	outlet    string
}

func (d *docFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.published, "published", "", "publication date `YYYY-MM-DD` for documents that carry none")
	fs.StringVar(&d.outlet, "outlet", "", "outlet `NAME` for documents that carry none")
}

func (d *docFlags) options() (ingest.Options, error) {
	var opt ingest.Options
	opt.Outlet = d.outlet
	if d.published != "" {
		t, err := time.Parse(sitrep.DateLayout, d.published)
		if err != nil {
			return opt, fmt.Errorf("%w: --published %q is not a YYYY-MM-DD date", errUsage, d.published)
		}
		opt.Published = t
	}
	return opt, nil
}

// openStore opens the store named by --db.
func openStore(ctx context.Context, db string) (sitrep.Store, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return nil, fmt.Errorf("%w: --db %s: PostgreSQL is not supported yet; use a SQLite file path", errUsage, db)
	}
	return sqlite.Open(ctx, db)
}

// newExtractor loads the embedded gazetteer and returns an extractor over it.
func newExtractor() (*extract.Extractor, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, fmt.Errorf("loading the gazetteer: %w", err)
	}
	return extract.New(g), nil
}

// processed is one input document after extraction.
type processed struct {
	ingest.Result
	events []sitrep.Event
	// fingerprint is the document's near-duplicate fingerprint
	// (reconcile.Fingerprint), computed with the extraction when the
	// caller asks for it.
	fingerprint []byte
}

// extractAll reads every document under paths, extracts events from each on
// all cores, and calls emit for each in input order. A document that cannot
// be read reaches emit with its error; it does not stop the others.
func extractAll(ctx context.Context, e *env, paths []string, opt ingest.Options, x *extract.Extractor, emit func(processed) error) error {
	return extractAllThen(ctx, e, paths, opt, x, nil, nil, emit)
}

// extractAllThen is extractAll, calling then (when not nil) for each
// document read after extracting it, on the same core: work on a document
// that needs no other document's is best done there, on every core,
// rather than in emit, one document at a time. Each document is extracted
// holding a core of cpu (when not nil).
func extractAllThen(ctx context.Context, e *env, paths []string, opt ingest.Options, x *extract.Extractor, cpu cores, then func(*processed), emit func(processed) error) error {
	return extractInOrderThen(x, func(send func(ingest.Result)) error {
		return ingest.WalkRaw(paths, e.stdin, opt, func(r ingest.Result) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			send(r)
			return nil
		})
	}, cpu, then, emit)
}

// extractInOrder extracts the events of every document read sends, on all
// cores, and calls emit for each in the order they were sent. Results
// carrying an error reach emit as they are. It returns emit's first error
// (later results are then extracted but not emitted), else read's.
func extractInOrder(x *extract.Extractor, read func(send func(ingest.Result)) error, emit func(processed) error) error {
	return extractInOrderThen(x, read, nil, nil, emit)
}

// extractInOrderThen is extractInOrder, calling then (when not nil) for
// each document read after extracting it, on the extracting core, and
// extracting each document holding a core of cpu (when not nil).
func extractInOrderThen(x *extract.Extractor, read func(send func(ingest.Result)) error, cpu cores, then func(*processed), emit func(processed) error) error {
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		res ingest.Result
		out chan processed
	}
	jobs := make(chan job, workers*4)
	order := make(chan chan processed, workers*16)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				cpu.acquire()
				// A result read by WalkRaw is parsed here, on
				// every core, rather than by the one goroutine
				// that reads.
				p := processed{Result: j.res.Parse()}
				if p.Err == nil && p.Doc != nil {
					p.events = x.Events(p.Doc)
					if then != nil {
						then(&p)
					}
				}
				cpu.release()
				j.out <- p
			}
		}()
	}

	emitErr := make(chan error, 1)
	go func() {
		var err error
		for out := range order {
			p := <-out
			if err == nil {
				err = emit(p)
			}
		}
		emitErr <- err
	}()

	readErr := read(func(r ingest.Result) {
		out := make(chan processed, 1)
		order <- out
		jobs <- job{res: r, out: out}
	})
	close(jobs)
	wg.Wait()
	close(order)
	if err := <-emitErr; err != nil {
		return err
	}
	return readErr
}

// cores hands out the cores of the machine, one to each holder: a
// goroutine that holds one runs with a core to itself, as long as every
// goroutine that works for long holds one. The zero value, nil, holds
// nothing back.
//
// Ingest needs it. Its writer is a single goroutine that must keep pace
// with extraction on every other core, and Go's scheduler shares the cores
// evenly between the goroutines ready to run: with two extraction workers
// and the writer on two cores, the writer got two thirds of one, fell
// behind, and was left to store a third of the documents alone once
// extraction was done, the other core idle. Holding a core while it
// works, the writer leaves the workers the others; while it waits for
// documents, they get them all.
type cores chan struct{}

// newCores returns cores for n goroutines at a time.
func newCores(n int) cores { return make(cores, max(1, n)) }

// acquire waits for a core.
func (c cores) acquire() {
	if c != nil {
		c <- struct{}{}
	}
}

// release gives back a core acquire took.
func (c cores) release() {
	if c != nil {
		<-c
	}
}
