package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
	"time"
)

// The writer runs its statements through the driver's own interfaces, on
// the connection database/sql lends it (sql.Conn.Raw), rather than
// through database/sql. For every query of a transaction database/sql
// started a goroutine to watch the transaction's context, and the driver
// another for every statement given a context that can end (the CLI's
// is: interrupts end it); waking a thread for each cost more than running
// most of these small statements. Statements run with a context that
// never ends, and writeTx checks the caller's before each one instead, so
// an interrupt still stops a transaction between two statements.

// rows is what a query returns: *sql.Rows, or the writer's driverRows.
type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close() error
}

// row is what a query of one row returns: *sql.Row, or the writer's
// driverRow.
type row interface {
	Scan(dest ...any) error
}

// querier is what the store's helpers run their SQL through: a plain
// *sql.Tx for reads (see sqlQuerier), or a writeTx for writes.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) row
}

// sqlQuerier is a *sql.Tx or *sql.DB as a querier.
type sqlQuerier struct {
	q interface {
		ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
		QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
		QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	}
}

func (s sqlQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return s.q.ExecContext(ctx, query, args...)
}

func (s sqlQuerier) QueryContext(ctx context.Context, query string, args ...any) (rows, error) {
	r, err := s.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err // not a nil *sql.Rows in an interface
	}
	return r, nil
}

func (s sqlQuerier) QueryRowContext(ctx context.Context, query string, args ...any) row {
	return s.q.QueryRowContext(ctx, query, args...)
}

// writerConn is the writer connection as the driver gives it.
type writerConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
}

// write runs fn in a write transaction on the writer connection, and
// commits when fn returns nil. Write transactions run one at a time: the
// writer pool has one connection.
func (db *DB) write(ctx context.Context, fn func(*writeTx) error) error {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(writerConn)
		if !ok {
			return fmt.Errorf("the driver's connection %T cannot run transactions", dc)
		}
		db.stmts.mu.Lock() // nobody closes the statements meanwhile
		defer db.stmts.mu.Unlock()
		if db.stmts.closed {
			return errors.New("the database is closed")
		}
		if db.stmts.conn != c {
			// A new connection: the statements of the old one went
			// with it.
			db.stmts.conn, db.stmts.stmts = c, nil
		}
		// BEGIN IMMEDIATE may wait for another process's write lock:
		// ctx can end that wait.
		dtx, err := c.BeginTx(ctx, driver.TxOptions{})
		if err != nil {
			return err
		}
		t := &writeTx{tx: dtx, db: db}
		defer t.rollback()
		if err := fn(t); err != nil {
			return err
		}
		return t.commit(ctx)
	})
}

// writerStmts are the statements prepared on the writer connection, kept
// from one transaction to the next: the pure-Go driver parses the SQL of
// a statement when it is prepared, which costs more than running most of
// the store's statements, and an ingest runs the same few dozen queries
// thousands of times. mu is held while a transaction runs.
type writerStmts struct {
	mu     sync.Mutex
	conn   writerConn // the connection they were prepared on
	stmts  map[string]driver.Stmt
	closed bool
}

// maxWriterStmts bounds how many statements stay prepared on the writer
// connection. The store's queries are a few dozen; queries built from
// data (a variable number of rows) beyond the bound are prepared per
// transaction only.
const maxWriterStmts = 256

// stmt returns query prepared on the writer connection, and whether it is
// the transaction's alone, to be closed when the transaction ends.
func (w *writerStmts) stmt(ctx context.Context, query string) (s driver.Stmt, own bool, err error) {
	if s, ok := w.stmts[query]; ok {
		return s, false, nil
	}
	if s, err = w.conn.PrepareContext(ctx, query); err != nil {
		return nil, false, err
	}
	if len(w.stmts) >= maxWriterStmts {
		return s, true, nil
	}
	if w.stmts == nil {
		w.stmts = map[string]driver.Stmt{}
	}
	w.stmts[query] = s
	return s, false, nil
}

// close closes the statements, waiting for the transaction running, if
// any.
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

// background is the context statements run with (see above).
var background = context.Background()

func (t *writeTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if t.args, err = driverArgs(t.args[:0], args); err != nil {
		return nil, err
	}
	return s.(driver.StmtExecContext).ExecContext(background, t.args)
}

// QueryContext runs a query. Its rows must be closed before the same query
// runs again in the transaction.
func (t *writeTx) QueryContext(ctx context.Context, query string, args ...any) (rows, error) {
	s, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if t.args, err = driverArgs(t.args[:0], args); err != nil {
		return nil, err
	}
	r, err := s.(driver.StmtQueryContext).QueryContext(background, t.args)
	if err != nil {
		return nil, err
	}
	return &driverRows{rows: r}, nil
}

// QueryRowContext is QueryContext for one row, as sql.Tx's: errors are
// reported by Scan, sql.ErrNoRows when there is no row.
func (t *writeTx) QueryRowContext(ctx context.Context, query string, args ...any) row {
	r, err := t.QueryContext(ctx, query, args...)
	if err != nil {
		return driverRow{err: err}
	}
	return driverRow{rows: r.(*driverRows)}
}

// stmt returns query as a statement of the writer connection, once ctx
// allows another statement.
func (t *writeTx) stmt(ctx context.Context, query string) (driver.Stmt, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s, own, err := t.db.stmts.stmt(ctx, query)
	if own {
		t.own = append(t.own, s)
	}
	return s, err
}

// driverArgs appends args to buf as database/sql would pass them to the
// driver.
func driverArgs(buf []driver.NamedValue, args []any) ([]driver.NamedValue, error) {
	for i, a := range args {
		var v driver.Value
		switch a := a.(type) {
		case nil, string, int64, float64, bool, []byte, time.Time:
			v = a
		case int:
			v = int64(a)
		case *int: // a fatality bound
			if a != nil {
				v = int64(*a)
			}
		default:
			var err error
			if v, err = driver.DefaultParameterConverter.ConvertValue(a); err != nil {
				return nil, fmt.Errorf("argument %d: %w", i+1, err)
			}
		}
		buf = append(buf, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	return buf, nil
}

// driverRows are the rows of a query of the writer, read as *sql.Rows
// reads them.
type driverRows struct {
	rows   driver.Rows
	vals   []driver.Value
	err    error
	closed bool
}

func (r *driverRows) Next() bool {
	if r.closed {
		return false
	}
	if r.vals == nil {
		r.vals = make([]driver.Value, len(r.rows.Columns()))
	}
	if err := r.rows.Next(r.vals); err != nil {
		if err != io.EOF {
			r.err = err
		}
		if err := r.Close(); err != nil && r.err == nil {
			r.err = err
		}
		return false
	}
	return true
}

func (r *driverRows) Scan(dest ...any) error {
	if r.closed {
		return errors.New("sql: Rows are closed")
	}
	if len(dest) != len(r.vals) {
		return fmt.Errorf("sql: expected %d destination arguments in Scan, not %d", len(r.vals), len(dest))
	}
	for i, d := range dest {
		if err := assign(d, r.vals[i]); err != nil {
			return fmt.Errorf("sql: Scan error on column index %d: %w", i, err)
		}
	}
	return nil
}

func (r *driverRows) Err() error { return r.err }

func (r *driverRows) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	return r.rows.Close()
}

// driverRow is the one row of a query of the writer.
type driverRow struct {
	rows *driverRows
	err  error
}

func (r driverRow) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	defer r.rows.Close()
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := r.rows.Scan(dest...); err != nil {
		return err
	}
	return r.rows.Close()
}

// assign stores src, a value the driver read, in dest as database/sql's
// Scan would, for the destinations the store scans into.
func assign(dest any, src driver.Value) error {
	switch d := dest.(type) {
	case *string:
		if src != nil {
			*d = asString(src)
			return nil
		}
	case *[]byte:
		switch s := src.(type) {
		case nil:
			*d = nil
		case []byte:
			*d = slices.Clone(s)
		default:
			*d = []byte(asString(s))
		}
		return nil
	case *int64:
		n, err := asInt(src, 64)
		*d = n
		return err
	case *int:
		n, err := asInt(src, strconv.IntSize)
		*d = int(n)
		return err
	case **int:
		if src == nil {
			*d = nil
			return nil
		}
		n, err := asInt(src, strconv.IntSize)
		if err != nil {
			return err
		}
		v := int(n)
		*d = &v
		return nil
	case *float64:
		if f, ok := src.(float64); ok {
			*d = f
			return nil
		}
		if src != nil {
			f, err := strconv.ParseFloat(asString(src), 64)
			*d = f
			return err
		}
	case *bool:
		v, err := driver.Bool.ConvertValue(src)
		if err == nil {
			*d = v.(bool)
		}
		return err
	case *any:
		if b, ok := src.([]byte); ok {
			src = slices.Clone(b)
		}
		*d = src
		return nil
	case sql.Scanner:
		return d.Scan(src)
	}
	if src == nil {
		return fmt.Errorf("converting NULL to %T is unsupported", dest)
	}
	return fmt.Errorf("unsupported Scan, storing driver.Value type %T into type %T", src, dest)
}

// asInt reads an integer of the given size from src.
func asInt(src driver.Value, bits int) (int64, error) {
	switch s := src.(type) {
	case int64:
		if bits < 64 && (s < -1<<(bits-1) || s >= 1<<(bits-1)) {
			return 0, fmt.Errorf("converting driver.Value type int64 (%d) to a %d-bit int: value out of range", s, bits)
		}
		return s, nil
	case nil:
		return 0, errors.New("converting NULL to int is unsupported")
	}
	return strconv.ParseInt(asString(src), 10, bits)
}

// asString writes src as database/sql does to convert it.
func asString(src driver.Value) string {
	switch s := src.(type) {
	case string:
		return s
	case []byte:
		return string(s)
	case int64:
		return strconv.FormatInt(s, 10)
	case float64:
		return strconv.FormatFloat(s, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(s)
	case time.Time:
		return s.Format(time.RFC3339Nano)
	}
	return fmt.Sprintf("%v", src)
}
