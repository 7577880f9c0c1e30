package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep-dev/sitrep/sqlite"
)

func TestIngestIntoMissingFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "Market shelled\n\nShells hit the market of Riverton on Monday, officials said.\n")
	db := filepath.Join(dir, "no-such-folder", "test.db")
	code, _, stderr := runCLI(t, "", "ingest", "--db", db, filepath.Join(dir, "a.txt"))
	if code != 1 || !strings.Contains(stderr, db) {
		t.Errorf("ingest into %s: exit %d, %q; want exit 1 and an error naming the database", db, code, stderr)
	}
}

// After ingest the database is one complete file: the write-ahead log is
// copied into it and deleted, whatever checkpoints ran meanwhile.
func TestIngestLeavesOneCompleteFile(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, docs, "a.txt", "Market shelled\n\nShells hit the market of Riverton on Monday, killing two people, officials said.\n")
	write(t, docs, "b.txt", "Bridge closed\n\nThe bridge near Oakfield was closed on Tuesday after a blast, residents said.\n")
	db := filepath.Join(dir, "test.db")
	if code, _, stderr := runCLI(t, "", "ingest", "--db", db, "--published", "2024-03-04", docs); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(db + suffix); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("after ingest, %s: %v; want no such file", filepath.Base(db+suffix), err)
		}
	}
	// A copy of the file alone holds every document.
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(copyPath, data, 0o600); err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(context.Background(), copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	n, _, err := store.Stats(context.Background())
	if err != nil || n != 2 {
		t.Errorf("the database file holds %d documents (%v), want 2", n, err)
	}
}

// blockingCheckpointer counts checkpoints begun and ended; each waits
// for release to be closed.
type blockingCheckpointer struct {
	mu           sync.Mutex
	begun, ended int
	started      chan struct{}
	release      chan struct{}
}

func (b *blockingCheckpointer) Checkpoint(context.Context) error {
	b.mu.Lock()
	b.begun++
	b.mu.Unlock()
	b.started <- struct{}{}
	<-b.release
	b.mu.Lock()
	b.ended++
	b.mu.Unlock()
	return nil
}

func TestCheckpointBehind(t *testing.T) {
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}
	b := &blockingCheckpointer{started: make(chan struct{}, 10), release: make(chan struct{})}
	committed, stop := checkpointBehind(context.Background(), e, b, newCores(2))

	committed()
	<-b.started // the first commit's checkpoint runs
	// Commits during a checkpoint ask for one more, not one each.
	committed()
	committed()
	committed()
	stopped := make(chan struct{})
	go func() {
		stop()
		close(stopped)
	}()
	close(b.release)
	<-stopped
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.begun < 1 || b.begun > 2 {
		t.Errorf("%d checkpoints ran for four commits, three of them during the first; want 1 or 2", b.begun)
	}
	if b.ended != b.begun {
		t.Errorf("stop returned with %d checkpoints running; Close must not run meanwhile", b.begun-b.ended)
	}

	// A store that cannot checkpoint needs nothing.
	committed, stop = checkpointBehind(context.Background(), e, struct{}{}, nil)
	committed()
	stop()
}
