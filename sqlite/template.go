package sqlite

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
)

// schemaTemplate is the schema every migration in migrations/ leaves in a
// new database, as one script: the tables, indexes, triggers and views,
// and goose's record of the migrations as applied. It is generated from
// the migrations (TestSchemaTemplate fails when it differs from what they
// give; go test ./sqlite -run TestSchemaTemplate -update writes it again).
//
//go:embed schema.sql
var schemaTemplate string

// createFromTemplate gives a database without any schema, a new one, the
// schema of the migrations from schemaTemplate, in one transaction. Goose
// applying them one by one took as long as extracting a few dozen
// documents (BenchmarkFAKES/ingest in cmd/sitrep creates a database every
// run), each migration its own transaction, some rebuilding tables others
// had just created. A database that has a schema is left to goose; so is
// any migration newer than the template, which goose applies after it.
func createFromTemplate(ctx context.Context, db *sql.DB) error {
	isNew := func(q interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}) (bool, error) {
		var objects int
		err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&objects)
		return objects == 0, err
	}
	// Most databases are not new: asking first, outside a transaction,
	// spares them the write lock.
	if ok, err := isNew(db); err != nil || !ok {
		return err
	}
	// The writer's transactions take the write lock as they begin
	// (BEGIN IMMEDIATE), so a second process creating the same database
	// waits here, then finds the schema made.
	if err := setPageSize(ctx, db); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if ok, err := isNew(tx); err != nil || !ok {
		return err
	}
	if _, err := tx.ExecContext(ctx, schemaTemplate); err != nil {
		return err
	}
	return tx.Commit()
}

// pageSize is the page size of new databases. A saved incident's snapshot
// and a document's text take a few kilobytes each, and the writer sends
// every page it changes to the log and later copies it into the
// database, one system call each: with SQLite's default of 4 KiB, those
// calls were a fifth of what storing FA-KES cost, and 16 KiB pages made
// storing it 6% cheaper (BenchmarkFAKES/store in cmd/sitrep; 8 KiB gained
// nothing measurable, 32 KiB no more than 16).
const pageSize = 16384

// setPageSize gives db, a database without any schema, pageSize. A
// database in WAL mode keeps the page size it has, even while empty, so
// the journal mode is set back to DELETE around the change and the
// VACUUM that makes it, then restored.
func setPageSize(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var (
		mode string
		size int
	)
	if err := conn.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
		return err
	}
	if err := conn.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&size); err != nil {
		return err
	}
	if mode == "memory" || size == pageSize {
		// An in-memory database, with no disk to save calls on, or one
		// the writer connection gave its page size (see withDefaults).
		return nil
	}
	// Failing leaves the default page size, which does no harm.
	if _, err := conn.ExecContext(ctx, `PRAGMA journal_mode = DELETE`); err == nil {
		for _, q := range []string{fmt.Sprintf(`PRAGMA page_size = %d`, pageSize), `VACUUM`} {
			if _, err := conn.ExecContext(ctx, q); err != nil {
				break
			}
		}
	}
	_, err = conn.ExecContext(ctx, `PRAGMA journal_mode = `+mode)
	return err
}
