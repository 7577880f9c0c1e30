package sqlite

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// TestCreatedAtAsTheDefault checks that PutDocument writes
// documents.created_at as the column's default would.
func TestCreatedAtAsTheDefault(t *testing.T) {
	ctx := context.Background()
	db := openInternal(t)
	before := time.Now().UTC().Truncate(time.Millisecond)
	if _, _, err := db.PutDocument(ctx, &sitrep.Document{ID: "put", Text: "Stored by PutDocument."}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.ExecContext(ctx, `INSERT INTO documents (id, hash, text) VALUES ('sql', 'h', 'By SQL.')`); err != nil {
		t.Fatal(err)
	}
	format := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)
	for _, id := range []string{"put", "sql"} {
		var at string
		if err := db.r.QueryRowContext(ctx, `SELECT created_at FROM documents WHERE id = ?`, id).Scan(&at); err != nil {
			t.Fatal(err)
		}
		when, err := time.Parse(createdLayout, at)
		if !format.MatchString(at) || err != nil || when.Before(before) || when.After(time.Now()) {
			t.Errorf("document %s: created_at %q (%v), want the time it was stored as %s", id, at, err, createdLayout)
		}
	}
}
