package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// Checkpoint copies the transactions committed to the write-ahead log
// into the database file, as far as readers allow, and syncs the file.
// It neither waits for the writer nor blocks it: a transaction committing
// meanwhile stays in the log, for the next Checkpoint or for Close.
//
// Close copies whatever the log still holds into the file, then deletes
// the log, so the file alone holds the database once Close has returned.
// Checkpoint lets a writer do most of that copying while it works — on
// another core — rather than at the end, when nothing else is left to do:
// after it, Close only copies what was committed since.
//
// Checkpoint runs on a connection of its own, opened at the first call.
// Calls are safe from any goroutine, but not after Close.
//
// A database Create made has no log until Close: Checkpoint does nothing.
func (db *DB) Checkpoint(ctx context.Context) error {
	if db.created {
		return nil
	}
	c, err := db.ckpt.pool()
	if err != nil {
		return fmt.Errorf("sqlite: checkpoint: %w", err)
	}
	// PASSIVE copies what it can without waiting for a lock; the result
	// row says how much, which makes no difference to the caller.
	var busy, logged, copied int
	if err := c.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &logged, &copied); err != nil {
		return fmt.Errorf("sqlite: checkpoint: %w", err)
	}
	return nil
}

// checkpointer is the pool of one connection Checkpoint runs on, opened
// on demand: most users of the store never checkpoint.
type checkpointer struct {
	dsn string

	mu     sync.Mutex
	db     *sql.DB
	closed bool
}

func (c *checkpointer) pool() (*sql.DB, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, errors.New("the database is closed")
	}
	if c.db == nil {
		db, err := sql.Open("sqlite", c.dsn)
		if err != nil {
			return nil, err
		}
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
		c.db = db
	}
	return c.db, nil
}

// close closes the connection. The writer's connection closes last, and
// SQLite checkpoints the log and deletes it when the last connection to a
// database closes.
func (c *checkpointer) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if c.db == nil {
		return nil
	}
	return c.db.Close()
}
