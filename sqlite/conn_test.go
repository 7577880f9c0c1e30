package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestWriterStatementsLast checks that the writer prepares a query once
// for all its transactions, and that queries beyond maxWriterStmts still
// run, prepared for their transaction alone.
func TestWriterStatementsLast(t *testing.T) {
	ctx := context.Background()
	db := openInternal(t)
	const query = `SELECT count(*) FROM documents WHERE id <> ?`
	var first driver.Stmt
	for i := range 2 {
		err := db.write(ctx, func(tx *writeTx) error {
			var n int
			if err := tx.QueryRowContext(ctx, query, "x").Scan(&n); err != nil {
				return err
			}
			s := db.stmts.stmts[query]
			if i == 0 {
				first = s
			} else if s != first || s == nil {
				t.Errorf("transaction %d prepared the query again", i+1)
			}
			for n := range maxWriterStmts + 10 {
				var got int
				if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT %d`, n)).Scan(&got); err != nil || got != n {
					return fmt.Errorf("SELECT %d = %d, %v", n, got, err)
				}
			}
			if len(db.stmts.stmts) > maxWriterStmts {
				t.Errorf("%d statements kept, want at most %d", len(db.stmts.stmts), maxWriterStmts)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestWriterStopsWhenCancelled cancels the context of a transaction
// between two statements: the next one fails and nothing is stored.
func TestWriterStopsWhenCancelled(t *testing.T) {
	db := openInternal(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		if _, _, err := tx.PutDocument(ctx, &sitrep.Document{ID: "a", Text: "First."}, nil, nil); err != nil {
			return err
		}
		cancel()
		_, _, err := tx.PutDocument(ctx, &sitrep.Document{ID: "b", Text: "Second."}, nil, nil)
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Update = %v, want the context's error", err)
	}
	if docs, _, err := db.Stats(context.Background()); err != nil || docs != 0 {
		t.Errorf("Stats = %d documents, %v; want none stored", docs, err)
	}
}

// TestAssign checks the writer's Scan against database/sql's on the
// values the driver gives and the destinations the store scans into.
func TestAssign(t *testing.T) {
	srcs := []driver.Value{nil, int64(7), int64(-1), int64(1 << 40), float64(2.5), float64(3), "12", "text", []byte("12"), []byte{0, 1}}
	dests := []func() any{
		func() any { return new(string) }, func() any { return new([]byte) }, func() any { return new(int64) },
		func() any { return new(int) }, func() any { var p *int; return &p }, func() any { return new(float64) },
		func() any { return new(bool) }, func() any { return new(any) }, func() any { return new(sql.NullString) },
		func() any { return new(sql.NullInt64) },
	}
	db := openInternal(t)
	for _, src := range srcs {
		for _, dest := range dests {
			want, got := dest(), dest()
			werr := db.r.QueryRowContext(context.Background(), `SELECT ?`, src).Scan(want)
			gerr := assign(got, src)
			if (werr != nil) != (gerr != nil) || werr == nil && !reflect.DeepEqual(got, want) {
				t.Errorf("%T %#v into %T: database/sql gives %#v, %v; assign %#v, %v",
					src, src, want, reflect.ValueOf(want).Elem(), werr, reflect.ValueOf(got).Elem(), gerr)
			}
		}
	}
}
