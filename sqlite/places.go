package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/sitrep-dev/sitrep"
)

// PutGazetteerEntries stores places a user adds to the gazetteer, from
// source (a file name). A GeoNames place already stored is replaced; a
// user's own place (no GeoNames id) is added. It returns how many entries
// were stored.
func (db *DB) PutGazetteerEntries(ctx context.Context, source string, entries []sitrep.GazetteerEntry) (int, error) {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	byID, err := tx.PrepareContext(ctx, `INSERT INTO gazetteer_entries (source, geonameid, name, entry) VALUES (?, ?, ?, ?)
		ON CONFLICT (geonameid) WHERE geonameid != 0 DO UPDATE SET source = excluded.source, name = excluded.name,
		entry = excluded.entry, imported_at = excluded.imported_at`)
	if err != nil {
		return 0, err
	}
	defer byID.Close()
	n := 0
	for _, e := range entries {
		b, err := json.Marshal(e)
		if err != nil {
			return n, fmt.Errorf("gazetteer entry %q: %w", e.Name, err)
		}
		if _, err := byID.ExecContext(ctx, source, e.GeonameID, e.Name, string(b)); err != nil {
			return n, fmt.Errorf("gazetteer entry %q: %w", e.Name, err)
		}
		n++
	}
	return n, tx.Commit()
}

// GazetteerEntries calls fn for each place users added, in the order they
// were imported, until fn returns false.
func (db *DB) GazetteerEntries(ctx context.Context, fn func(sitrep.GazetteerEntry) bool) error {
	rows, err := db.r.QueryContext(ctx, `SELECT entry FROM gazetteer_entries ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return err
		}
		var e sitrep.GazetteerEntry
		if err := json.Unmarshal([]byte(raw), &e); err != nil {
			return fmt.Errorf("stored gazetteer entry: %w", err)
		}
		if !fn(e) {
			break
		}
	}
	return rows.Err()
}
