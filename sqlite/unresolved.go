package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/sitrep-dev/sitrep"
)

// UnresolvedName is one name the gazetteer could not place, over every
// stored document that has it.
type UnresolvedName struct {
	Name      string // as first written
	Documents int    // how many stored documents name it
	// Fallback is the place most often used instead, or "" when none was.
	Fallback string
	Example  string // the id of one document that names it
}

// UnresolvedPlaces calls fn for each name stored documents hold as
// unresolved, most documents first, until fn returns false. Names are
// grouped case-insensitively: they are what a user would add to the
// gazetteer (sitrep gazetteer import) before reprocessing.
func (db *DB) UnresolvedPlaces(ctx context.Context, fn func(UnresolvedName) bool) error {
	const query = `
		WITH names AS (
			SELECT d.id AS doc, json_extract(u.value, '$.name') AS name,
			       coalesce(json_extract(u.value, '$.fallback'), '') AS fallback
			FROM documents d, json_each(d.unresolved) u
			WHERE d.unresolved IS NOT NULL
		), fallbacks AS (
			SELECT lower(name) AS k, fallback, count(*) AS n,
			       row_number() OVER (PARTITION BY lower(name) ORDER BY count(*) DESC, fallback) AS rank
			FROM names WHERE fallback <> '' GROUP BY lower(name), fallback
		)
		SELECT min(names.name), count(DISTINCT names.doc), coalesce(f.fallback, ''), min(names.doc)
		FROM names LEFT JOIN fallbacks f ON f.k = lower(names.name) AND f.rank = 1
		GROUP BY lower(names.name)
		ORDER BY count(DISTINCT names.doc) DESC, lower(names.name)`
	return db.eachRow(ctx, "unresolved places", query, nil, func(rows *sql.Rows) (bool, error) {
		var u UnresolvedName
		if err := rows.Scan(&u.Name, &u.Documents, &u.Fallback, &u.Example); err != nil {
			return false, err
		}
		return fn(u), nil
	})
}

// SetUnresolved replaces the unresolved place names kept with document
// docID: reprocessing finds them anew.
func (t *incidentTx) SetUnresolved(ctx context.Context, docID string, places []sitrep.UnresolvedPlace) error {
	v, err := unresolvedJSON(places)
	if err == nil {
		_, err = t.tx.ExecContext(ctx, `UPDATE documents SET unresolved = ? WHERE id = ?`, v, docID)
	}
	if err != nil {
		return fmt.Errorf("sqlite: unresolved places of %q: %w", docID, err)
	}
	return nil
}

// unresolvedJSON is how a document's unresolved places are stored: NULL
// when there are none.
func unresolvedJSON(places []sitrep.UnresolvedPlace) (any, error) {
	if len(places) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(places)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// readUnresolved decodes the stored column.
func readUnresolved(s sql.NullString) ([]sitrep.UnresolvedPlace, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	var out []sitrep.UnresolvedPlace
	if err := json.Unmarshal([]byte(s.String), &out); err != nil {
		return nil, fmt.Errorf("unresolved places: %w", err)
	}
	return out, nil
}
