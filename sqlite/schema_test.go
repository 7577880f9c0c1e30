package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func openInternal(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "schema.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConnectionSettings(t *testing.T) {
	db := openInternal(t)
	tests := []struct {
		pool   *sql.DB
		pragma string
		want   string
	}{
		{db.w, "journal_mode", "wal"},
		{db.w, "synchronous", "2"}, // FULL
		{db.w, "foreign_keys", "1"},
		{db.w, "busy_timeout", "10000"},
		{db.w, "query_only", "0"},
		{db.w, "page_size", "16384"}, // a new database
		{db.r, "journal_mode", "wal"},
		{db.r, "synchronous", "2"},
		{db.r, "query_only", "1"},
	}
	for _, tt := range tests {
		var got string
		if err := tt.pool.QueryRow("PRAGMA " + tt.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		pool := "writer"
		if tt.pool == db.r {
			pool = "reader"
		}
		if got != tt.want {
			t.Errorf("%s PRAGMA %s = %q, want %q", pool, tt.pragma, got, tt.want)
		}
	}
}

// TestOldPageSizeStays: a database that has tables when Open first sees it
// keeps its page size.
func TestOldPageSizeStays(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE t (x)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err = sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var size int
	if err := raw.QueryRow(`PRAGMA page_size`).Scan(&size); err != nil {
		t.Fatal(err)
	}
	if size != 4096 {
		t.Errorf("page size %d, want the database's own 4096", size)
	}
}

func TestURIParametersOverrideDefaults(t *testing.T) {
	path := "file:" + filepath.Join(t.TempDir(), "o.db") + "?_pragma=synchronous(NORMAL)"
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got string
	if err := db.w.QueryRow("PRAGMA synchronous").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != "1" {
		t.Errorf("PRAGMA synchronous = %q, want the URI's NORMAL (1)", got)
	}
}

func TestFullTextIndexFollowsDocuments(t *testing.T) {
	db := openInternal(t)
	ctx := context.Background()
	docs := []*sitrep.Document{
		{ID: "a", Title: "Harbour closed", Text: "Shelling closed the harbour at dawn."},
		{ID: "b", Title: "Talks", Text: "Negotiators met in the capital; no shelling was reported."},
		{ID: "c", Title: "Café reopens", Text: "The old café in the square reopened."},
	}
	for _, d := range docs {
		if _, _, err := db.PutDocument(ctx, d, nil); err != nil {
			t.Fatal(err)
		}
	}
	match := func(query string) []string {
		t.Helper()
		rows, err := db.r.Query(`SELECT d.id FROM documents_fts f JOIN documents d ON d.seq = f.rowid
			WHERE documents_fts MATCH ? ORDER BY d.id`, query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var ids []string
		for rows.Next() {
			var id string
			rows.Scan(&id)
			ids = append(ids, id)
		}
		return ids
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"shelling", []string{"a", "b"}},
		{"talks", []string{"b"}}, // a word of a title alone
		{"shell*", []string{"a", "b"}},
		{"harbour dawn", []string{"a"}},
		{"harbour capital", nil},
		{"cafe", []string{"c"}}, // diacritics folded
		{"ceasefire", nil},
	}
	for _, tt := range tests {
		if got := match(tt.query); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("MATCH %q = %q, want %q", tt.query, got, tt.want)
		}
	}

	if _, err := db.w.Exec(`UPDATE documents SET text = 'Rewritten without that word.' WHERE id = 'b'`); err != nil {
		t.Fatal(err)
	}
	if got, want := match("shelling"), []string{"a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after update: MATCH shelling = %q, want %q", got, want)
	}
	if _, err := db.w.Exec(`DELETE FROM documents WHERE id = 'a'`); err != nil {
		t.Fatal(err)
	}
	if got := match("shelling"); got != nil {
		t.Errorf("after delete: MATCH shelling = %q, want none", got)
	}
}

func TestDeleteCascades(t *testing.T) {
	db := openInternal(t)
	ctx := context.Background()
	placed := sitrep.Event{
		Place:    sitrep.Place{Location: "Northgate", Latitude: 10.5, Longitude: 20.25},
		Claims:   []sitrep.Claim{{Kind: sitrep.Killed, CountLow: 1, CountHigh: 1}},
		Evidence: map[string]sitrep.Span{"location": {Start: 0, End: 9}},
	}
	unplaced := sitrep.Event{EventType: "Protests"}
	if _, _, err := db.PutDocument(ctx, &sitrep.Document{ID: "geo", Text: "Northgate was hit."}, []sitrep.Event{placed, unplaced}); err != nil {
		t.Fatal(err)
	}

	count := func(query string, args ...any) int {
		t.Helper()
		var n int
		if err := db.r.QueryRow(query, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	tables := map[string]int{"events": 2, "claims": 1, "evidence": 1}
	for table, want := range tables {
		if n := count(`SELECT count(*) FROM ` + table); n != want {
			t.Errorf("%s has %d rows, want %d", table, n, want)
		}
	}

	if _, err := db.w.Exec(`DELETE FROM documents WHERE id = 'geo'`); err != nil {
		t.Fatal(err)
	}
	for table := range tables {
		if n := count(`SELECT count(*) FROM ` + table); n != 0 {
			t.Errorf("%s has %d rows after its document was deleted, want 0", table, n)
		}
	}
}
