// Package sqlite is sitrep's embedded store: documents, the events
// extracted from them, their claims and evidence spans, kept in one SQLite
// file through the pure-Go driver modernc.org/sqlite, so a single static
// binary needs no database server.
//
// The schema lives in migrations/*.sql, embedded in the binary and applied
// by goose on every Open, so any binary can open any older database. A new
// database gets them all at once from schema.sql, which is generated from
// them (see template.go).
//
// Connections are split in two pools. All writes go through a pool of one
// connection: SQLite allows one writer at a time anyway, and queueing
// writers in Go (where a context can cancel the wait) rather than inside
// SQLite means goroutines of one process never fail with SQLITE_BUSY. Reads
// go through a second pool; in WAL mode readers neither block the writer
// nor are blocked by it, so an API can serve while an ingest runs.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/sitrep-dev/sitrep"
)

// DefaultPath is where the CLI keeps its database unless told otherwise.
const DefaultPath = "sitrep.db"

// writerCacheKiB is the size of the writer connection's page cache.
const writerCacheKiB = 16 << 10

// busyTimeoutMS is how long a connection waits for a lock held by another
// process (a second sitrep writing to the same file) before giving up.
// Writers of this process never wait on SQLite: they queue on the
// one-connection writer pool.
const busyTimeoutMS = 10000

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a sitrep.Store kept in one SQLite database. It is safe for
// concurrent use by multiple goroutines.
type DB struct {
	w *sql.DB // the single writer connection; BEGIN IMMEDIATE
	r *sql.DB // readers

	stmts     writerStmts   // statements prepared on the writer connection
	incidents incidentCache // incidents the writer decoded or saved
	ckpt      checkpointer  // the connection Checkpoint runs on
	// created is set for a database Create made, which runs without a
	// log until Close turns it to WAL.
	created bool
}

var _ sitrep.Store = (*DB)(nil)

// Open opens the database at path, creating it if needed, and migrates it
// to the current schema.
//
// path is a file path ("sitrep.db", "/var/lib/sitrep/x.db"), a SQLite URI
// ("file:x.db?mode=rwc"), or ":memory:" for a private in-memory database
// that lives until Close. Pragmas and parameters set in a file: URI win
// over the defaults below.
//
// Every connection runs with:
//
//   - journal_mode=WAL, so readers and the writer do not block each other;
//   - synchronous=FULL. In WAL mode NORMAL only syncs at checkpoints: a
//     commit survives the process crashing but can be lost if the machine
//     loses power or the kernel crashes before the next checkpoint. FULL
//     syncs the log on every commit, so a document PutDocument has
//     acknowledged is on disk whatever happens next. The price is one fsync
//     per PutDocument (see BenchmarkPutDocument), which ingest can afford;
//   - busy_timeout, for locks held by other processes;
//   - foreign_keys=ON, so events cannot outlive their document.
func Open(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, "WAL")
}

// Create makes a new database at path, a file path that must not exist
// (the error is then fs.ErrExist), for a first load: until Close, it
// runs with a rollback journal rather than a write-ahead log, and Close
// turns it to WAL, the mode Open gives every database.
//
// In WAL mode every page is written twice, to the log at commit and to
// the database file at a checkpoint, and the last checkpoint, and the
// deletion of the log, come after the last commit, when nothing else is
// left to do. With a rollback journal a commit writes the file itself,
// and the journal holds the former content of the pages it changes,
// which in a new database are few: for FA-KES's 394 articles, ingest
// into a new database took some 6 ms less of 110, most of it the last
// checkpoint (BenchmarkFAKES in cmd/sitrep).
//
// Commits are as durable as Open's: the journal and the file are synced
// at each one. What a rollback journal gives up is concurrency: another
// process reading the file while the load writes it waits for each
// commit, and makes the load wait for its reads. If the process stops
// before Close, the file keeps its rollback journal, and the next Open
// rolls back what had not committed and turns the file to WAL.
func Create(ctx context.Context, path string) (*DB, error) {
	if path == ":memory:" || strings.HasPrefix(path, "file:") {
		return nil, fmt.Errorf("sqlite: create %s: give a file path", path)
	}
	// The empty file, made here or not at all, is a new database to
	// SQLite; made here, it is not another process's.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("sqlite: create: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("sqlite: create: %w", err)
	}
	db, err := open(ctx, path, "DELETE")
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	db.created = true
	return db, nil
}

// open is Open, with the writer in journal mode journal unless the path's
// URI says otherwise.
func open(ctx context.Context, path, journal string) (*DB, error) {
	base, query, err := splitDSN(path)
	if err != nil {
		return nil, err
	}
	writerDSN := base + "?" + withDefaults(query, true, journal)
	readerDSN := base + "?" + withDefaults(query, false, journal)

	w, err := sql.Open("sqlite", writerDSN)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	// The first connection switches the file to WAL, which readers rely on.
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: migrate %s: %w", path, err)
	}

	r, err := sql.Open("sqlite", readerDSN)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	r.SetMaxIdleConns(4)
	if err := r.PingContext(ctx); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return &DB{w: w, r: r, ckpt: checkpointer{dsn: readerDSN}}, nil
}

// Close closes the database after the queries in progress have finished.
// A database Create made turns to WAL.
func (db *DB) Close() error {
	err := errors.Join(db.r.Close(), db.stmts.close(), db.ckpt.close())
	if db.created {
		// The writer's connection is the last one open.
		if _, werr := db.w.Exec(`PRAGMA journal_mode = WAL`); werr != nil {
			err = errors.Join(err, fmt.Errorf("sqlite: close: turning the database to WAL: %w", werr))
		}
	}
	return errors.Join(err, db.w.Close())
}

// Stats returns how many documents and events are stored.
func (db *DB) Stats(ctx context.Context) (docs, events int, err error) {
	err = db.r.QueryRowContext(ctx,
		`SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)`,
	).Scan(&docs, &events)
	if err != nil {
		return 0, 0, fmt.Errorf("sqlite: stats: %w", err)
	}
	return docs, events, nil
}

// migrate brings the schema up to date. goose records applied versions in
// its own table, so running it on an up-to-date database changes nothing.
// A new database gets every migration at once, from a template (see
// createFromTemplate).
//
// db is the writer pool, of one connection. Migrations run with
// synchronous=NORMAL, and the connection's own setting comes back after:
// goose commits once per migration, and a new database has nine of them,
// whose disk syncs made most of the time Open took. In WAL mode NORMAL
// keeps the database consistent through a crash; at worst the last
// migrations are lost and applied again at the next Open. The first
// commit or checkpoint after them syncs the log, which holds them, so
// they are durable with the first write that is.
func migrate(ctx context.Context, db *sql.DB) (err error) {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys,
		goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return err
	}
	var sync int
	if err := db.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync); err != nil {
		return err
	}
	if sync > syncNormal {
		if _, err := db.ExecContext(ctx, `PRAGMA synchronous = NORMAL`); err != nil {
			return err
		}
		defer func() {
			_, serr := db.ExecContext(ctx, fmt.Sprintf(`PRAGMA synchronous = %d`, sync))
			err = errors.Join(err, serr)
		}()
	}
	if err := createFromTemplate(ctx, db); err != nil {
		return fmt.Errorf("schema template: %w", err)
	}
	_, err = p.Up(ctx)
	return err
}

// syncNormal is PRAGMA synchronous's number for NORMAL.
const syncNormal = 1

// memoryDBs numbers in-memory databases so that two Opens of ":memory:"
// get two databases.
var memoryDBs atomic.Int64

// splitDSN turns path into a SQLite URI without its query, and the query.
func splitDSN(path string) (base, query string, err error) {
	switch {
	case path == "":
		return "", "", errors.New("sqlite: empty database path")
	case path == ":memory:":
		// A plain :memory: database belongs to one connection, and this
		// package uses several. The memdb VFS shares a named in-memory
		// database between the connections of one process. It has no WAL;
		// SQLite silently keeps its in-memory journal.
		return fmt.Sprintf("file:/sitrep-memory-%d", memoryDBs.Add(1)), "vfs=memdb", nil
	case strings.HasPrefix(path, "file:"):
		base, query, _ = strings.Cut(path, "?")
		if _, err := url.ParseQuery(query); err != nil {
			return "", "", fmt.Errorf("sqlite: database URI %q: %w", path, err)
		}
		return base, query, nil
	default:
		// A plain path becomes a URI so that parameters can follow it; the
		// characters URIs give a meaning to are escaped.
		esc := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23")
		return "file:" + esc.Replace(filepath.Clean(path)), "", nil
	}
}

// withDefaults adds this package's connection settings to query, leaving
// alone any the caller already set.
func withDefaults(query string, writer bool, journal string) string {
	q, _ := url.ParseQuery(query) // checked by splitDSN
	set := map[string]bool{}
	for _, p := range q["_pragma"] {
		name, _, _ := strings.Cut(p, "(")
		name, _, _ = strings.Cut(name, "=")
		set[strings.ToLower(strings.TrimSpace(name))] = true
	}
	pragma := func(name, value string) {
		if !set[name] {
			q.Add("_pragma", name+"("+value+")")
		}
	}
	pragma("busy_timeout", fmt.Sprint(busyTimeoutMS))
	pragma("foreign_keys", "1")
	pragma("synchronous", "FULL")
	// Sorts and temporary indexes (ORDER BY of a few rows) stay in memory.
	pragma("temp_store", "MEMORY")
	if writer {
		// The writer's page cache holds a whole ingest transaction's
		// dirty pages (a few MiB for maxIngestBatch documents): with
		// SQLite's default of 2 MiB it wrote pages to the log in the
		// middle of the transaction, read them back, and wrote them
		// again at commit, a fifth more writes and twice the reads
		// (BenchmarkFAKES/ingest in cmd/sitrep). Readers keep the
		// default: the pure-Go allocator pays for every page a cache
		// hands out, and a reader's pages are mostly read once.
		pragma("cache_size", fmt.Sprint(-writerCacheKiB))
		// page_size sizes the pages of a new file only, and only before
		// the file turns to WAL (see pageSize). The driver runs the
		// _pragma list sorted by name, then the _journal_mode key: WAL
		// is asked for there, so that it comes after page_size.
		pragma("page_size", fmt.Sprint(pageSize))
		if !set["journal_mode"] && q.Get("_journal_mode") == "" && q.Get("_journal") == "" {
			q.Set("_journal_mode", journal)
		}
		// BEGIN IMMEDIATE takes the write lock when the transaction
		// starts. A deferred transaction that reads and then writes can
		// fail with SQLITE_BUSY at the first write, which busy_timeout
		// cannot cure, whenever another process wrote in between.
		if q.Get("_txlock") == "" {
			q.Set("_txlock", "immediate")
		}
	} else {
		// Readers never write; saying so turns a bug into an error.
		pragma("query_only", "1")
	}
	return q.Encode()
}
