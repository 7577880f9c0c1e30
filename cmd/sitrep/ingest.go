package main

import (
	"context"
	"fmt"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
)

func init() {
	register(command{name: "ingest", summary: "read documents, extract their events and store them", run: runIngest})
}

const ingestAbout = `
Reads documents as 'sitrep extract' does, extracts their events and stores
documents, cleaned text, events, claims and evidence in the database. A
document already stored (same URL or same content) is not stored twice. Bad
documents are reported by name and skipped; the others are stored.`

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
type ingestCounts struct{ stored, duplicate, failed, events int }

// ingestPaths extracts and stores every document under paths. It fails only
// when every document failed or the store itself fails.
func ingestPaths(ctx context.Context, e *env, store sitrep.Store, paths []string, opt ingest.Options) (ingestCounts, error) {
	var c ingestCounts
	x, err := newExtractor()
	if err != nil {
		return c, err
	}
	bar := newProgress(e)
	err = extractAll(ctx, e, paths, opt, x, func(p processed) error {
		defer bar.Add(1)
		if p.Err != nil {
			c.failed++
			e.log.Warn("document skipped", "doc", p.Name, "err", p.Err)
			return nil
		}
		id, created, err := store.PutDocument(ctx, p.Doc, p.events)
		if err != nil {
			return fmt.Errorf("storing %s: %w", p.Name, err)
		}
		if created {
			c.stored++
			c.events += len(p.events)
		} else {
			c.duplicate++
			e.log.Debug("already stored", "doc", p.Name, "as", id)
		}
		return nil
	})
	_ = bar.Finish()
	e.log.Info("ingest done", "stored", c.stored, "already_stored", c.duplicate, "failed", c.failed, "events", c.events)
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
