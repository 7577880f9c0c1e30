package sqlite

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var updateTemplate = flag.Bool("update", false, "write schema.sql again from the migrations")

// TestSchemaTemplate checks that schema.sql is what the migrations give a
// new database: the script itself, generated again from a database goose
// migrated, and a database made from the script, compared table by table
// and row by row with the migrated one.
func TestSchemaTemplate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	raw, p := migrator(t, "file:"+filepath.Join(dir, "migrated.db"))
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	script, err := templateScript(ctx, raw)
	if err != nil {
		t.Fatal(err)
	}
	if *updateTemplate {
		if err := os.WriteFile("schema.sql", []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Skip("schema.sql written; run the tests again without -update")
	}
	if script != schemaTemplate {
		t.Errorf("schema.sql is not what the migrations give; write it again with\n\tgo test ./sqlite -run TestSchemaTemplate -update")
	}

	// The template alone, then goose, which must find nothing to do.
	made, p := migrator(t, "file:"+filepath.Join(dir, "template.db"))
	if err := createFromTemplate(ctx, made); err != nil {
		t.Fatal(err)
	}
	if applied, err := p.Up(ctx); err != nil || len(applied) > 0 {
		t.Errorf("goose applied %d migrations to the database made from the template (%v), want none", len(applied), err)
	}
	want, err := dumpDatabase(ctx, raw)
	if err != nil {
		t.Fatal(err)
	}
	got, err := dumpDatabase(ctx, made)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		for name := range want {
			if !reflect.DeepEqual(got[name], want[name]) {
				t.Errorf("%s:\nfrom the template %q\nmigrated          %q", name, got[name], want[name])
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("%s is made by the template only: %q", name, got[name])
			}
		}
	}
}

// TestTemplateLeavesOldDatabases checks that Open gives the template only
// to a database without any schema: one that holds a table of its own
// gets the migrations from goose, around it.
func TestTemplateLeavesOldDatabases(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "own.db")
	raw, _ := migrator(t, "file:"+path)
	if _, err := raw.ExecContext(ctx, `CREATE TABLE mine (x); INSERT INTO mine VALUES (42)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var x int
	if err := db.r.QueryRowContext(ctx, `SELECT x FROM mine`).Scan(&x); err != nil || x != 42 {
		t.Errorf("own table: %d, %v; want 42", x, err)
	}
	if _, _, err := db.Stats(ctx); err != nil {
		t.Errorf("the migrations did not run: %v", err)
	}
}

// templateScript writes the schema of db, a database the migrations
// made, as schema.sql holds it: its tables, indexes, triggers and views
// in the order they were made, the AUTOINCREMENT counters, then goose's
// versions. SQLite makes the tables behind virtual tables and its own
// (sqlite_sequence) itself.
func templateScript(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, `SELECT sql FROM sqlite_schema
		WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
		AND name NOT IN (SELECT name FROM pragma_table_list WHERE type = 'shadow')
		ORDER BY rowid`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	b.WriteString("-- Generated from migrations/ by TestSchemaTemplate (template_test.go); do not edit.\n")
	b.WriteString("-- The schema the migrations leave in a new database (see template.go).\n\n")
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", err
		}
		b.WriteString(s + ";\n\n")
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	rows.Close()
	// A migration that inserts into a table with AUTOINCREMENT leaves
	// its counter, even at 0; goose's own comes with its versions.
	rows, err = db.QueryContext(ctx, `SELECT name, seq FROM sqlite_sequence
		WHERE name <> 'goose_db_version' ORDER BY rowid`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name string
			seq  int64
		)
		if err := rows.Scan(&name, &seq); err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "INSERT INTO sqlite_sequence (name, seq) VALUES ('%s', %d);\n\n", name, seq)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT version_id, is_applied FROM goose_db_version ORDER BY id`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var values []string
	for rows.Next() {
		var version, applied int64
		if err := rows.Scan(&version, &applied); err != nil {
			return "", err
		}
		values = append(values, fmt.Sprintf("\n(%d, %d)", version, applied))
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	b.WriteString("INSERT INTO goose_db_version (version_id, is_applied) VALUES" + strings.Join(values, ",") + ";\n")
	return b.String(), nil
}

// dumpDatabase returns every schema entry of db and every row of every
// table, shadow tables included, as text; goose's timestamps are left
// out.
func dumpDatabase(ctx context.Context, db *sql.DB) (map[string][]string, error) {
	out := map[string][]string{}
	rows, err := db.QueryContext(ctx, `SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema`)
	if err != nil {
		return nil, err
	}
	var tables []string
	for rows.Next() {
		var typ, name, table, text string
		if err := rows.Scan(&typ, &name, &table, &text); err != nil {
			rows.Close()
			return nil, err
		}
		out["schema "+name] = []string{typ, table, text}
		if typ == "table" && !strings.HasPrefix(text, "CREATE VIRTUAL TABLE") {
			tables = append(tables, name)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, table := range tables {
		query := `SELECT * FROM "` + table + `"`
		if table == "goose_db_version" {
			query = `SELECT id, version_id, is_applied FROM goose_db_version`
		}
		r, err := db.QueryContext(ctx, query+` ORDER BY 1`)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", table, err)
		}
		cols, _ := r.Columns()
		for r.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := r.Scan(ptrs...); err != nil {
				r.Close()
				return nil, err
			}
			out["rows "+table] = append(out["rows "+table], fmt.Sprintf("%v", vals))
		}
		r.Close()
		if err := r.Err(); err != nil {
			return nil, err
		}
		if out["rows "+table] == nil {
			out["rows "+table] = []string{}
		}
	}
	return out, nil
}

// BenchmarkOpenNew creates a database on disk, as an ingest into a new
// file does before it stores anything, and closes it.
func BenchmarkOpenNew(b *testing.B) {
	dir := b.TempDir()
	for i := range b.N {
		db, err := Open(context.Background(), filepath.Join(dir, fmt.Sprintf("new%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
