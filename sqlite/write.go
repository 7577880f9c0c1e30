package sqlite

import (
	"context"
	"database/sql/driver"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/sitrep-dev/sitrep"
)

// writeTx is a write transaction of the writer connection. It does four
// things for speed, which ingest needs (see BenchmarkFAKES in cmd/sitrep):
//
//   - It runs every query as a statement prepared once on the writer
//     connection (see writerStmts), through the driver rather than
//     database/sql (see conn.go). A query's rows must be closed before
//     the same query runs again in the transaction.
//   - It keeps the incidents it reads or saves decoded (see cache.go).
//   - It indexes the documents it stored in documents_fts once, just before
//     it commits (see commit), instead of through a trigger row by row:
//     FTS5 writes its pending index data to disk at every statement
//     savepoint, so a trigger made one index segment, and merge work, per
//     document whatever the size of the transaction. For the same reason
//     it brings the query indexes of the incidents it saved or deleted
//     (incidents_fts, incidents_spacetime) up to date then, once per
//     incident (see indexIncidents).
//   - It writes rows once, whole, when it knows what they hold: events
//     with their incident, incidents with their first snapshot (see
//     pending writes in incidents.go).
type writeTx struct {
	tx   driver.Tx
	db   *DB
	args []driver.NamedValue // a statement's arguments, reused
	vals []any               // writeEvents' arguments, reused
	own  []driver.Stmt       // statements prepared for this transaction alone
	done bool                // committed or rolled back
	// firstDoc is the seq of the first document stored, 0 for none.
	// Documents get increasing seqs and one transaction writes at a time,
	// so the documents to index are those from firstDoc on.
	firstDoc int64
	// incidents are the incidents the transaction decoded or saved, which
	// join the writer's cache when it commits (see cache.go).
	incidents map[int64]cachedIncident
	// indexed are the incidents the transaction saved or deleted, with
	// what their entries in incidents_fts and incidents_spacetime must
	// say, which commit writes (see migration 00007).
	indexed map[int64]*indexEntry
	// reservations holds the incidents reserved and not yet written (see
	// reserve in incidents.go).
	reservations
}

// indexEntry is what the query indexes must hold for one incident once
// the transaction commits.
type indexEntry struct {
	// stale is set when the incident was live when the transaction first
	// changed it: its entries from an earlier transaction must go.
	stale bool
	live  bool
	notes string
}

var _ querier = (*writeTx)(nil)

// storedDocument records that the document of row seq was stored.
func (t *writeTx) storedDocument(seq int64) {
	if t.firstDoc == 0 || seq < t.firstDoc {
		t.firstDoc = seq
	}
}

// reindexIncident records that incident key, which was live when the
// transaction read it if wasLive, changed: commit indexes inc's notes,
// and its place and date as the row says, or nothing when inc is nil
// (the incident was deleted).
func (t *writeTx) reindexIncident(key int64, wasLive bool, inc *sitrep.Incident) {
	if t.indexed == nil {
		t.indexed = map[int64]*indexEntry{}
	}
	e := t.indexed[key]
	if e == nil {
		// Only the first change of the transaction knows whether the
		// index holds entries for the incident: later ones read the
		// state the transaction wrote.
		e = &indexEntry{stale: wasLive}
		t.indexed[key] = e
	}
	if inc == nil {
		*e = indexEntry{stale: e.stale}
		return
	}
	e.live, e.notes = true, inc.Notes
}

// The statements commit runs to bring the query indexes of the incidents
// the transaction changed up to date; each takes a JSON array. The
// entries of incidents live before the transaction go (stale), then the
// live incidents' notes go in, passed from Go as [id, notes] pairs:
// extracting them from the snapshots just written decoded 2 KB of JSON
// per incident. Place and day come from the rows' plain columns.
const (
	unindexNotes     = `DELETE FROM incidents_fts WHERE rowid IN (SELECT value FROM json_each(?))`
	indexNotes       = `INSERT INTO incidents_fts (rowid, notes) SELECT value ->> 0, value ->> 1 FROM json_each(?)`
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
// index segment per save. Rows go in in id order, which FTS5 needs to
// keep them in one segment.
func (t *writeTx) indexIncidents(ctx context.Context) error {
	if len(t.indexed) == 0 {
		return nil
	}
	keys := slices.Sorted(maps.Keys(t.indexed))
	// The arguments are JSON arrays; next starts their next element.
	stale, notes, live := []byte{'['}, []byte{'['}, []byte{'['}
	next := func(b []byte) []byte {
		if len(b) > 1 {
			b = append(b, ',')
		}
		return b
	}
	for _, k := range keys {
		e := t.indexed[k]
		if e.stale {
			stale = strconv.AppendInt(next(stale), k, 10)
		}
		if e.live {
			notes = strconv.AppendInt(append(next(notes), '['), k, 10)
			notes = append(appendJSONString(append(notes, ','), e.notes), ']')
			live = strconv.AppendInt(next(live), k, 10)
		}
	}
	steps := []struct {
		query string
		rows  []byte
	}{
		{unindexNotes, stale}, {indexNotes, notes},
		{unindexSpaceTime, stale}, {indexSpaceTime, live},
	}
	for _, s := range steps {
		if len(s.rows) == 1 {
			continue
		}
		if _, err := t.ExecContext(ctx, s.query, string(s.rows)+"]"); err != nil {
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
	if err := t.writePending(ctx); err != nil {
		return err
	}
	if err := t.indexIncidents(ctx); err != nil {
		return fmt.Errorf("incident indexes: %w", err)
	}
	t.done = true
	err := t.tx.Commit()
	t.closeOwn()
	if err != nil {
		return err
	}
	t.db.incidents.add(t.incidents)
	return nil
}

// rollback rolls the transaction back; it is a no-op after commit.
func (t *writeTx) rollback() {
	if !t.done {
		t.done = true
		_ = t.tx.Rollback()
		t.closeOwn()
	}
}

// closeOwn closes the statements prepared for the transaction alone.
func (t *writeTx) closeOwn() {
	for _, s := range t.own {
		_ = s.Close()
	}
	t.own = nil
}
