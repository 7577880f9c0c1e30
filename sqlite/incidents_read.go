package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// Incidents calls fn for each live incident f selects, in id order (the
// order incidents were created in), until fn returns false. Incidents are
// read one at a time from one snapshot of the database, so memory use does
// not grow with the store; f.After and f.Limit page through them.
func (db *DB) Incidents(ctx context.Context, f sitrep.IncidentFilter, fn func(*sitrep.Incident) bool) error {
	return db.queryIncidents(ctx, f, fn) // query.go: every filter of the API
}

// maxRedirects bounds how many merges Incident follows; merges never make
// cycles, so reaching it means the database is damaged.
const maxRedirects = 64

// Incident returns the current version of incident id. An incident merged
// into another is followed to that one, whose ID the result carries.
func (db *DB) Incident(ctx context.Context, id string) (*sitrep.Incident, error) {
	key, err := incidentKey(id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	for range maxRedirects {
		var (
			state    string
			redirect sql.NullInt64
		)
		err := db.r.QueryRowContext(ctx, `SELECT state, redirect_to FROM incidents WHERE id = ?`, key).Scan(&state, &redirect)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("sqlite: incident %s: %w", id, sitrep.ErrNotFound)
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: incident %s: %w", id, err)
		}
		switch {
		case state == "live":
			inc, err := scanIncident(db.r.QueryRowContext(ctx, `SELECT id, snapshot FROM incidents WHERE id = ?`, key))
			if err != nil {
				return nil, fmt.Errorf("sqlite: incident %s: %w", id, err)
			}
			return inc, nil
		case redirect.Valid:
			key = redirect.Int64
		default:
			return nil, fmt.Errorf("sqlite: incident %s (deleted): %w", id, sitrep.ErrNotFound)
		}
	}
	return nil, fmt.Errorf("sqlite: incident %s: more than %d redirects", id, maxRedirects)
}

// Versions lists the stored versions of incident id, oldest first. It
// does not follow redirects: a merged incident keeps its own history.
func (db *DB) Versions(ctx context.Context, id string) ([]sitrep.VersionInfo, error) {
	key, err := incidentKey(id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT version, at, kind, doc_id, reviewer, note
		FROM incident_versions WHERE incident_id = ? ORDER BY version`, key)
	if err != nil {
		return nil, fmt.Errorf("sqlite: versions of incident %s: %w", id, err)
	}
	defer rows.Close()
	var out []sitrep.VersionInfo
	for rows.Next() {
		var (
			v  sitrep.VersionInfo
			at string
		)
		if err := rows.Scan(&v.N, &at, &v.Kind, &v.DocID, &v.Reviewer, &v.Note); err != nil {
			return nil, fmt.Errorf("sqlite: versions of incident %s: %w", id, err)
		}
		if v.At, err = parseStamp(at); err != nil {
			return nil, fmt.Errorf("sqlite: versions of incident %s: %w", id, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: versions of incident %s: %w", id, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("sqlite: versions of incident %s: %w", id, sitrep.ErrNotFound)
	}
	return out, nil
}

// Version returns version n of incident id as it was saved. The current
// version's snapshot is the incident's own (migration 00012).
func (db *DB) Version(ctx context.Context, id string, n int) (*sitrep.Incident, error) {
	key, err := incidentKey(id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	inc, err := scanIncident(db.r.QueryRowContext(ctx,
		`SELECT v.incident_id, COALESCE(v.snapshot, i.snapshot)
		FROM incident_versions v JOIN incidents i ON i.id = v.incident_id
		WHERE v.incident_id = ? AND v.version = ?`, key, n))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: incident %s version %d: %w", id, n, sitrep.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: incident %s version %d: %w", id, n, err)
	}
	return inc, nil
}

// Deletions calls fn for each incident deleted at or after since, oldest
// deletion first, until fn returns false.
func (db *DB) Deletions(ctx context.Context, since time.Time, fn func(sitrep.Deletion) bool) error {
	rows, err := db.r.QueryContext(ctx, `SELECT incident_id, at, redirect_to, kind, doc_id, reviewer, note
		FROM deletions WHERE at >= ? ORDER BY at, seq`, stamp(since))
	if err != nil {
		return fmt.Errorf("sqlite: deletions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			d        sitrep.Deletion
			key      int64
			at       string
			redirect sql.NullInt64
		)
		if err := rows.Scan(&key, &at, &redirect, &d.Kind, &d.DocID, &d.Reviewer, &d.Note); err != nil {
			return fmt.Errorf("sqlite: deletions: %w", err)
		}
		d.ID = incidentID(key)
		if redirect.Valid {
			d.RedirectTo = incidentID(redirect.Int64)
		}
		if d.At, err = parseStamp(at); err != nil {
			return fmt.Errorf("sqlite: deletions: %w", err)
		}
		if !fn(d) {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: deletions: %w", err)
	}
	return nil
}

// IncidentStats returns how many incidents are live and how many versions
// are stored in all.
func (db *DB) IncidentStats(ctx context.Context) (incidents, versions int, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM incidents WHERE state = 'live'),
		(SELECT count(*) FROM incident_versions)`).Scan(&incidents, &versions)
	if err != nil {
		return 0, 0, fmt.Errorf("sqlite: incident stats: %w", err)
	}
	return incidents, versions, nil
}
