package sqlite_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep/sqlite"
)

// journalMode reads the file format bytes of the database file at path:
// 1 for a rollback journal, 2 for WAL (SQLite's file format, offset 18).
func journalMode(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 20 {
		t.Fatalf("%s holds %d bytes, no header", path, len(b))
	}
	switch {
	case b[18] == 1 && b[19] == 1:
		return "rollback"
	case b[18] == 2 && b[19] == 2:
		return "wal"
	}
	return "unknown"
}

// TestCreateLoadsWithoutLog checks Create: the new database holds what
// was stored in it, runs without a log until Close, which turns it to
// WAL and leaves no journal behind; Open reads it as any other.
func TestCreateLoadsWithoutLog(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := sqlite.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	put(t, db, newDoc("a", "https://example.org/a", "Shelling hit the harbour."))
	if err := db.Checkpoint(ctx); err != nil {
		t.Errorf("Checkpoint: %v", err)
	}
	if got := journalMode(t, path); got != "rollback" {
		t.Errorf("while loading, the file is in %s mode, want rollback", got)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("while loading, %s-wal exists (%v)", path, err)
	}
	put(t, db, newDoc("b", "https://example.org/b", "Talks resumed in the capital."))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if got := journalMode(t, path); got != "wal" {
		t.Errorf("after Close, the file is in %s mode, want wal", got)
	}
	for _, suffix := range []string{"-journal", "-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("after Close, %s%s exists (%v)", path, suffix, err)
		}
	}
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if docs, _ := stats(t, db); docs != 2 {
		t.Errorf("reopened, the database holds %d documents, want 2", docs)
	}
}

// TestCreateRefusesExisting checks that Create never takes over a file
// that exists, database or not, and leaves it as it was.
func TestCreateRefusesExisting(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	if db, err := sqlite.Create(ctx, path); !errors.Is(err, fs.ErrExist) {
		if db != nil {
			db.Close()
		}
		t.Errorf("Create over an existing file: %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "not a database" {
		t.Errorf("the file now holds %q", b)
	}
	if _, err := sqlite.Create(ctx, ":memory:"); err == nil {
		t.Error("Create(:memory:) succeeded, want an error: it makes files")
	}
}

// TestCreateStoppedBeforeClose checks the file a load leaves when its
// process stops before Close (a copy of the file as it is then): Open
// reads what was committed and turns the file to WAL.
func TestCreateStoppedBeforeClose(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "new.db")
	db, err := sqlite.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	put(t, db, newDoc("a", "https://example.org/a", "Shelling hit the harbour."))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	stopped := filepath.Join(dir, "stopped.db")
	if err := os.WriteFile(stopped, b, 0o644); err != nil {
		t.Fatal(err)
	}
	reopened, err := sqlite.Open(ctx, stopped)
	if err != nil {
		t.Fatal(err)
	}
	if docs, _ := stats(t, reopened); docs != 1 {
		t.Errorf("the stopped load's file holds %d documents, want 1", docs)
	}
	if err := reopened.Close(); err != nil {
		t.Fatal(err)
	}
	if got := journalMode(t, stopped); got != "wal" {
		t.Errorf("opened again, the stopped load's file is in %s mode, want wal", got)
	}
}

// TestCreateOpenedMeanwhile checks that a database Create is loading can
// be opened by another store (another process, as 'sitrep serve' would),
// and that both go on: the second reads what the first committed, the
// first keeps storing, and what both wrote is there once both are closed.
func TestCreateOpenedMeanwhile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	loading, err := sqlite.Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	put(t, loading, newDoc("a", "https://example.org/a", "Shelling hit the harbour."))
	other, err := sqlite.Open(ctx, path)
	if err != nil {
		loading.Close()
		t.Fatal(err)
	}
	if docs, _ := stats(t, other); docs != 1 {
		t.Errorf("the other store reads %d documents, want 1", docs)
	}
	put(t, loading, newDoc("b", "https://example.org/b", "Talks resumed in the capital."))
	put(t, other, newDoc("c", "https://example.org/c", "A convoy was stopped at the bridge."))
	if docs, _ := stats(t, other); docs != 3 {
		t.Errorf("the other store reads %d documents, want 3", docs)
	}
	if err := loading.Close(); err != nil {
		t.Errorf("closing the load: %v", err)
	}
	if err := other.Close(); err != nil {
		t.Errorf("closing the other store: %v", err)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if docs, _ := stats(t, db); docs != 3 {
		t.Errorf("reopened, the database holds %d documents, want 3", docs)
	}
	if got := journalMode(t, path); got != "wal" {
		t.Errorf("the file is in %s mode, want wal", got)
	}
}
