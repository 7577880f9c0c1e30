package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"sync"
)

// querier is what the store's helpers run their SQL through: a plain
// *sql.Tx (reads), or a writeTx (writes).
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// writeTx is a write transaction of the writer connection. It does three
// things for speed, which ingest needs (see BenchmarkFAKES in cmd/sitrep):
//
//   - It runs every query as a statement prepared once on the writer
//     connection (see writerStmts). The pure-Go driver parses the SQL of
//     every Exec or Query otherwise, and parsing costs more than running
//     these small statements: an ingest runs the same few dozen queries
//     thousands of times. A query's rows must be closed before the same
//     query runs again in the transaction.
//   - It keeps the incidents it reads or saves decoded (see cache.go).
//   - It indexes the documents it stored in documents_fts once, just before
//     it commits (see commit), instead of through a trigger row by row:
//     FTS5 writes its pending index data to disk at every statement
//     savepoint, so a trigger made one index segment, and merge work, per
//     document whatever the size of the transaction. For the same reason
//     it brings the query indexes of the incidents it saved or deleted
//     (incidents_fts, incidents_spacetime) up to date then, once per
//     incident (see indexIncidents).
type writeTx struct {
	tx    *sql.Tx
	db    *DB
	stmts map[string]*sql.Stmt // this transaction's handles
	// firstDoc is the seq of the first document stored, 0 for none.
	// Documents get increasing seqs and one transaction writes at a time,
	// so the documents to index are those from firstDoc on.
	firstDoc int64
	// incidents are the incidents the transaction decoded or saved, which
	// join the writer's cache when it commits (see cache.go).
	incidents map[int64]cachedIncident
	// indexed are the incidents the transaction saved or deleted, whose
	// entries in incidents_fts and incidents_spacetime commit brings up to
	// date (see migration 00007).
	indexed map[int64]struct{}
}

var _ querier = (*writeTx)(nil)

// beginWrite starts a write transaction on the writer connection.
func (db *DB) beginWrite(ctx context.Context) (*writeTx, error) {
	db.stmts.prepareWanted(ctx, db.w)
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &writeTx{tx: tx, db: db, stmts: map[string]*sql.Stmt{}}, nil
}

// storedDocument records that the document of row seq was stored.
func (t *writeTx) storedDocument(seq int64) {
	if t.firstDoc == 0 || seq < t.firstDoc {
		t.firstDoc = seq
	}
}

// reindexIncident records that incident key changed, so that commit
// updates its entries in the query indexes.
func (t *writeTx) reindexIncident(key int64) {
	if t.indexed == nil {
		t.indexed = map[int64]struct{}{}
	}
	t.indexed[key] = struct{}{}
}

// The statements commit runs to bring the query indexes of the incidents
// whose ids it passes (a JSON array) up to date: the notes of live
// incidents, and the place and day of the placed ones.
const (
	unindexNotes = `DELETE FROM incidents_fts WHERE rowid IN (SELECT value FROM json_each(?))`
	indexNotes   = `INSERT INTO incidents_fts (rowid, notes)
		SELECT id, json_extract(snapshot, '$.notes') FROM incidents
		WHERE id IN (SELECT value FROM json_each(?)) AND state = 'live' AND snapshot IS NOT NULL`
	unindexSpaceTime = `DELETE FROM incidents_spacetime WHERE id IN (SELECT value FROM json_each(?))`
	indexSpaceTime   = `INSERT INTO incidents_spacetime
		SELECT id, latitude, latitude, longitude, longitude,
			coalesce(julianday(nullif(event_date, '')), 0), coalesce(julianday(nullif(event_date, '')), 0)
		FROM incidents
		WHERE id IN (SELECT value FROM json_each(?)) AND state = 'live' AND (latitude <> 0 OR longitude <> 0)`
)

// indexIncidents brings the query indexes of the incidents the
// transaction changed up to date. It runs once, at commit: FTS5 writes
// its pending data at every statement, so indexing save by save made one
// index segment per save.
func (t *writeTx) indexIncidents(ctx context.Context) error {
	if len(t.indexed) == 0 {
		return nil
	}
	ids := make([]byte, 0, 8*len(t.indexed))
	ids = append(ids, '[')
	for key := range t.indexed {
		if len(ids) > 1 {
			ids = append(ids, ',')
		}
		ids = strconv.AppendInt(ids, key, 10)
	}
	ids = append(ids, ']')
	for _, q := range []string{unindexNotes, indexNotes, unindexSpaceTime, indexSpaceTime} {
		if _, err := t.ExecContext(ctx, q, string(ids)); err != nil {
			return err
		}
	}
	t.indexed = nil
	return nil
}

// commit does the work left for the end of the transaction, then commits.
// Once commit returns nil the transaction is durable: the writer runs with
// synchronous=FULL, so the commit has reached the disk.
func (t *writeTx) commit(ctx context.Context) error {
	if t.firstDoc != 0 {
		_, err := t.ExecContext(ctx, `INSERT INTO documents_fts (rowid, title, text)
			SELECT seq, title, text FROM documents WHERE seq >= ?`, t.firstDoc)
		if err != nil {
			return fmt.Errorf("full-text index: %w", err)
		}
		t.firstDoc = 0
	}
	if err := t.indexIncidents(ctx); err != nil {
		return fmt.Errorf("incident indexes: %w", err)
	}
	if err := t.tx.Commit(); err != nil {
		return err
	}
	t.db.incidents.add(t.incidents)
	return nil
}

// rollback rolls the transaction back; it is a no-op after commit.
func (t *writeTx) rollback() { _ = t.tx.Rollback() }

// stmt returns query as a statement of the transaction.
func (t *writeTx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := t.stmts[query]; ok {
		return s, nil
	}
	var s *sql.Stmt
	if p := t.db.stmts.get(query); p != nil {
		// Prepared on the writer connection, which the transaction
		// holds: database/sql reuses it.
		s = t.tx.StmtContext(ctx, p)
	} else {
		var err error
		if s, err = t.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		t.db.stmts.want(query)
	}
	t.stmts[query] = s
	return s, nil
}

func (t *writeTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (t *writeTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

// QueryRowContext is sql.Tx's: a statement that fails to prepare reports
// its error from Scan.
func (t *writeTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := t.stmt(ctx, query)
	if err != nil {
		return t.tx.QueryRowContext(ctx, query, args...)
	}
	return s.QueryRowContext(ctx, args...)
}

// maxWriterStmts bounds how many statements stay prepared on the writer
// connection. The store's queries are a few dozen; queries built from
// data (a variable number of rows) beyond the bound are prepared per
// transaction only.
const maxWriterStmts = 256

// writerStmts keeps statements prepared on the writer connection from one
// transaction to the next. A transaction that meets a query for the first
// time prepares it for itself and asks for it here (want); the next
// transaction prepares it on the connection before it begins, while the
// connection is free (a statement cannot be prepared on the pool's only
// connection while a transaction holds it).
type writerStmts struct {
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	wanted []string
	closed bool
}

func (w *writerStmts) get(query string) *sql.Stmt {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stmts[query]
}

func (w *writerStmts) want(query string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.stmts)+len(w.wanted) < maxWriterStmts {
		w.wanted = append(w.wanted, query)
	}
}

// prepareWanted prepares the wanted queries on pool. A query that fails
// to prepare is left to be prepared by each transaction, which reports
// the error.
func (w *writerStmts) prepareWanted(ctx context.Context, pool *sql.DB) {
	w.mu.Lock()
	wanted := w.wanted
	w.wanted = nil
	w.mu.Unlock()
	for _, q := range wanted {
		if w.get(q) != nil {
			continue
		}
		s, err := pool.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		w.mu.Lock()
		if w.stmts == nil {
			w.stmts = map[string]*sql.Stmt{}
		}
		if _, dup := w.stmts[q]; dup || w.closed {
			s.Close()
		} else {
			w.stmts[q] = s
		}
		w.mu.Unlock()
	}
}

func (w *writerStmts) close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var errs []error
	for _, s := range w.stmts {
		errs = append(errs, s.Close())
	}
	w.stmts, w.closed = nil, true
	return errors.Join(errs...)
}
