package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/sqlite"
)

// fileDocs copies the database file at path, without its write-ahead log,
// and returns the IDs of the documents the copy holds: what the file
// alone would give if the log were lost.
func fileDocs(t *testing.T, path string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(copyPath, data, 0o600); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT id FROM documents`)
	if err != nil {
		t.Fatalf("reading the copy of the database file: %v", err)
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids[id] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestCheckpointCopiesCommitsIntoTheFile(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	put(t, db, newDoc("first", "", "Shells hit the harbour at dawn."), sitrep.Event{Notes: "first"})
	put(t, db, newDoc("second", "", "The bridge was closed after the blast."), sitrep.Event{Notes: "second"})

	if err := db.Checkpoint(ctx); err != nil {
		t.Fatalf("Checkpoint: %v", err)
	}
	if got := fileDocs(t, path); !got["first"] || !got["second"] || len(got) != 2 {
		t.Errorf("after Checkpoint the database file alone holds documents %v, want first and second", got)
	}
	if docs, events := stats(t, db); docs != 2 || events != 2 {
		t.Errorf("after Checkpoint Stats = %d, %d; want 2, 2", docs, events)
	}
}

// Checkpoint runs on its own connection: it neither waits for a write
// transaction in progress, nor copies what that transaction has not
// committed, nor waits for a reader.
func TestCheckpointDoesNotWait(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	put(t, db, newDoc("committed", "", "Fighting resumed north of the river."), sitrep.Event{Notes: "committed"})

	err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		if _, _, err := tx.PutDocument(ctx, newDoc("open", "", "A convoy was stopped at the checkpoint."), nil, nil); err != nil {
			return err
		}
		return db.Checkpoint(ctx)
	})
	if err != nil {
		t.Fatalf("Checkpoint inside Update: %v", err)
	}
	if got := fileDocs(t, path); !got["committed"] || got["open"] {
		t.Errorf("Checkpoint during a transaction left documents %v in the file, want only the one committed before", got)
	}

	var walked int
	err = db.Events(ctx, func(string, sitrep.Event) bool {
		walked++
		if err := db.Checkpoint(ctx); err != nil {
			t.Errorf("Checkpoint while a reader reads: %v", err)
		}
		return true
	})
	if err != nil || walked != 1 {
		t.Fatalf("Events = %d events, %v; want 1 event", walked, err)
	}
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if got := fileDocs(t, path); !got["committed"] || !got["open"] {
		t.Errorf("after the transaction committed, Checkpoint left documents %v in the file, want both", got)
	}
}

func TestCloseAfterCheckpointLeavesOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "one.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	put(t, db, newDoc("before", "", "Aid reached the camp on Monday."))
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	put(t, db, newDoc("after", "", "The camp was shelled on Tuesday."))
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("after Close, %s: %v; want no such file", filepath.Base(path+suffix), err)
		}
	}
	if got := fileDocs(t, path); !got["before"] || !got["after"] || len(got) != 2 {
		t.Errorf("after Close the database file holds documents %v, want before and after", got)
	}
	if err := db.Checkpoint(ctx); err == nil {
		t.Error("Checkpoint after Close succeeded")
	}
}

func TestCheckpointInMemory(t *testing.T) {
	db, err := sqlite.Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	put(t, db, newDoc("only", "", "A market was hit."))
	if err := db.Checkpoint(context.Background()); err != nil {
		t.Errorf("Checkpoint of an in-memory database: %v", err)
	}
	if docs, _ := stats(t, db); docs != 1 {
		t.Errorf("Stats = %d documents, want 1", docs)
	}
}
