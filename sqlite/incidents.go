package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

var _ sitrep.IncidentStore = (*DB)(nil)

// stampLayout writes instants in UTC with a fixed width, so that they
// sort as text.
const stampLayout = "2006-01-02T15:04:05.000000000Z"

func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

func parseStamp(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(stampLayout, s)
}

// Update runs fn in one write transaction: the document fn stores and
// every incident change it makes commit together, or not at all.
func (db *DB) Update(ctx context.Context, fn func(sitrep.IncidentTx) error) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: update: %w", err)
	}
	defer tx.rollback()
	if err := fn(&incidentTx{tx: tx, now: time.Now}); err != nil {
		return err
	}
	if err := tx.commit(ctx); err != nil {
		return fmt.Errorf("sqlite: update: %w", err)
	}
	return nil
}

// incidentTx implements sitrep.IncidentTx over one write transaction.
type incidentTx struct {
	tx   *writeTx
	now  func() time.Time
	last time.Time // the last stamp given, to keep stamps increasing
}

// stampNow returns the current time, later than any stamp this
// transaction gave before.
func (t *incidentTx) stampNow() time.Time {
	now := t.now().UTC()
	if !now.After(t.last) {
		now = t.last.Add(time.Nanosecond)
	}
	t.last = now
	return now
}

// incidentKey turns an incident id into its row id.
func incidentKey(id string) (int64, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("incident %q: %w", id, sitrep.ErrNotFound)
	}
	return n, nil
}

func incidentID(n int64) string { return strconv.FormatInt(n, 10) }

func (t *incidentTx) PutDocument(ctx context.Context, doc *sitrep.Document, events []sitrep.Event, fingerprint []byte) (string, bool, error) {
	return putDocument(ctx, t.tx, doc, events, fingerprint)
}

func (t *incidentTx) Document(ctx context.Context, id string) (*sitrep.Document, []sitrep.Event, error) {
	return readDocument(ctx, t.tx, id)
}

func (t *incidentTx) Attachments(ctx context.Context, docID string) ([]string, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT incident FROM events WHERE doc_id = ? ORDER BY ord`, docID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: attachments of %q: %w", docID, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var inc sql.NullInt64
		if err := rows.Scan(&inc); err != nil {
			return nil, fmt.Errorf("sqlite: attachments of %q: %w", docID, err)
		}
		if inc.Valid {
			out = append(out, incidentID(inc.Int64))
		} else {
			out = append(out, "")
		}
	}
	return out, rows.Err()
}

func (t *incidentTx) ReplaceEvents(ctx context.Context, docID string, events []sitrep.Event) error {
	if _, err := t.tx.ExecContext(ctx, `DELETE FROM events WHERE doc_id = ?`, docID); err != nil {
		return fmt.Errorf("sqlite: replace events of %q: %w", docID, err)
	}
	if err := putEvents(ctx, t.tx, docID, events); err != nil {
		return fmt.Errorf("sqlite: replace events of %q: %w", docID, err)
	}
	return nil
}

func (t *incidentTx) Candidates(ctx context.Context, q sitrep.CandidateQuery) ([]*sitrep.Incident, error) {
	query := `SELECT id, version FROM incidents
		WHERE state = 'live' AND iso3 = ? AND event_date BETWEEN ? AND ?
		AND ((admin1 = ? AND admin1 <> '')`
	args := []any{q.ISO3, q.From, q.To, q.Admin1}
	if b := q.Box; b != nil {
		query += ` OR id IN (SELECT id FROM incidents_rtree
			WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?)`
		args = append(args, b.MinLat, b.MaxLat, b.MinLon, b.MaxLon)
	}
	query += `) ORDER BY id`
	rows, err := t.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: candidates: %w", err)
	}
	defer rows.Close()
	type found struct {
		key     int64
		version int
	}
	var all []found
	for rows.Next() {
		var f found
		if err := rows.Scan(&f.key, &f.version); err != nil {
			return nil, fmt.Errorf("sqlite: candidates: %w", err)
		}
		all = append(all, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: candidates: %w", err)
	}
	rows.Close()
	out := make([]*sitrep.Incident, 0, len(all))
	for _, f := range all {
		inc, err := t.tx.incident(ctx, f.key, f.version)
		if err != nil {
			return nil, fmt.Errorf("sqlite: candidates: %w", err)
		}
		out = append(out, inc)
	}
	return out, nil
}

// scanIncident reads a row of (id, snapshot).
func scanIncident(row interface{ Scan(...any) error }) (*sitrep.Incident, error) {
	var (
		id       int64
		snapshot sql.NullString
	)
	if err := row.Scan(&id, &snapshot); err != nil {
		return nil, err
	}
	inc := &sitrep.Incident{}
	if snapshot.Valid {
		if err := json.Unmarshal([]byte(snapshot.String), inc); err != nil {
			return nil, fmt.Errorf("incident %d: snapshot: %w", id, err)
		}
	}
	inc.ID = incidentID(id)
	return inc, nil
}

func (t *incidentTx) Incident(ctx context.Context, id string) (*sitrep.Incident, error) {
	key, err := incidentKey(id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	var version int
	err = t.tx.QueryRowContext(ctx, `SELECT version FROM incidents WHERE id = ? AND state = 'live'`, key).Scan(&version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: incident %s: %w", id, sitrep.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: incident %s: %w", id, err)
	}
	inc, err := t.tx.incident(ctx, key, version)
	if err != nil {
		return nil, fmt.Errorf("sqlite: incident %s: %w", id, err)
	}
	return inc, nil
}

// Reports returns the events attached to incident id with what their
// documents say about them. Claim spans are converted to code points.
func (t *incidentTx) Reports(ctx context.Context, id string) ([]sitrep.Report, error) {
	key, err := incidentKey(id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	fail := func(err error) ([]sitrep.Report, error) {
		return nil, fmt.Errorf("sqlite: reports of incident %s: %w", id, err)
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT e.id, e.ord, d.id, d.seq, d.outlet, d.published, d.fingerprint, d.text, `+
		prefixed("e.", eventColumns)+`
		FROM events e JOIN documents d ON d.id = e.doc_id
		WHERE e.incident = ? ORDER BY d.seq, e.ord`, key)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	var (
		out      []sitrep.Report
		eventIDs []int64
		texts    []string
	)
	for rows.Next() {
		var (
			r         sitrep.Report
			eventID   int64
			published sql.NullString
			text      string
		)
		dests := append([]any{&eventID, &r.Ord, &r.DocID, &r.Seq, &r.Outlet, &published, &r.Fingerprint, &text},
			eventDests(&r.Event)...)
		if err := rows.Scan(dests...); err != nil {
			return fail(err)
		}
		if published.Valid {
			if r.Published, err = time.Parse(publishedLayout, published.String); err != nil {
				return fail(fmt.Errorf("document %q: published: %w", r.DocID, err))
			}
		}
		r.Event.Claims = []sitrep.Claim{}
		r.Event.Evidence = map[string]sitrep.Span{}
		out = append(out, r)
		eventIDs = append(eventIDs, eventID)
		texts = append(texts, text)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	rows.Close()
	if len(out) == 0 {
		return out, nil
	}
	index := make(map[int64]int, len(eventIDs))
	for i, e := range eventIDs {
		index[e] = i
	}
	claims, err := t.tx.QueryContext(ctx, `SELECT event_id, `+claimColumns+` FROM claims
		WHERE event_id IN (SELECT id FROM events WHERE incident = ?) ORDER BY event_id, ord`, key)
	if err != nil {
		return fail(err)
	}
	defer claims.Close()
	for claims.Next() {
		var (
			eventID int64
			c       sitrep.Claim
		)
		if err := claims.Scan(append([]any{&eventID}, claimDests(&c)...)...); err != nil {
			return fail(err)
		}
		if i, ok := index[eventID]; ok {
			out[i].Event.Claims = append(out[i].Event.Claims, c)
		}
	}
	if err := claims.Err(); err != nil {
		return fail(err)
	}
	for i := range out {
		if len(out[i].Event.Claims) > 0 {
			out[i].Event = sitrep.NewOffsets(texts[i]).Event(out[i].Event)
		}
	}
	return out, nil
}

// prefixed qualifies each column of a column list with p.
func prefixed(p, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

func (t *incidentTx) NewIncident(ctx context.Context) (string, error) {
	res, err := t.tx.ExecContext(ctx, `INSERT INTO incidents (state) VALUES ('new')`)
	if err != nil {
		return "", fmt.Errorf("sqlite: new incident: %w", err)
	}
	n, err := res.LastInsertId()
	if err != nil {
		return "", fmt.Errorf("sqlite: new incident: %w", err)
	}
	return incidentID(n), nil
}

func (t *incidentTx) Attach(ctx context.Context, docID string, ord int, id string, pin bool) error {
	key, err := incidentKey(id)
	if err != nil {
		return fmt.Errorf("sqlite: attach: %w", err)
	}
	res, err := t.tx.ExecContext(ctx, `UPDATE events SET incident = ? WHERE doc_id = ? AND ord = ?`, key, docID, ord)
	if err != nil {
		return fmt.Errorf("sqlite: attach %s#%d to incident %s: %w", docID, ord, id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("sqlite: attach %s#%d to incident %s: no such event: %w", docID, ord, id, sitrep.ErrNotFound)
	}
	if pin {
		_, err = t.tx.ExecContext(ctx, `INSERT INTO pins (doc_id, ord, incident) VALUES (?, ?, ?)
			ON CONFLICT (doc_id, ord) DO UPDATE SET incident = excluded.incident`, docID, ord, key)
		if err != nil {
			return fmt.Errorf("sqlite: pin %s#%d to incident %s: %w", docID, ord, id, err)
		}
	}
	return nil
}

func (t *incidentTx) Pinned(ctx context.Context, docID string, ord int) (string, error) {
	var key int64
	err := t.tx.QueryRowContext(ctx, `SELECT incident FROM pins WHERE doc_id = ? AND ord = ?`, docID, ord).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("sqlite: pin of %s#%d: %w", docID, ord, err)
	}
	return incidentID(key), nil
}

// content returns inc's JSON with its bookkeeping (Version, CreatedAt,
// UpdatedAt) zeroed, and the hash of that JSON: what the incident says,
// leaving out what every save changes.
func content(inc *sitrep.Incident) (b []byte, hash string, err error) {
	c := *inc
	c.Version, c.CreatedAt, c.UpdatedAt = 0, time.Time{}, time.Time{}
	if b, err = json.Marshal(&c); err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:]), nil
}

// bookkeeping is the tail of an incident's JSON: its last fields.
type bookkeeping struct {
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// zeroTail is how the JSON of an incident with zero bookkeeping ends.
var zeroTail = func() []byte {
	b, _ := json.Marshal(bookkeeping{})
	return b[1:]
}()

// snapshot returns json.Marshal(inc) given content, inc's JSON with zero
// bookkeeping, without encoding the incident a second time: the
// bookkeeping fields end the JSON, so only they are rewritten.
func snapshot(inc *sitrep.Incident, content []byte) ([]byte, error) {
	if !bytes.HasSuffix(content, zeroTail) {
		return json.Marshal(inc) // the fields moved: encode it all
	}
	tail, err := json.Marshal(bookkeeping{inc.Version, inc.CreatedAt, inc.UpdatedAt})
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(content)-len(zeroTail)+len(tail)-1)
	out = append(out, content[:len(content)-len(zeroTail)]...)
	return append(out, tail[1:]...), nil
}

func (t *incidentTx) Save(ctx context.Context, inc *sitrep.Incident, c sitrep.Cause) (bool, error) {
	key, err := incidentKey(inc.ID)
	if err != nil {
		return false, fmt.Errorf("sqlite: save: %w", err)
	}
	fail := func(err error) (bool, error) {
		return false, fmt.Errorf("sqlite: save incident %s: %w", inc.ID, err)
	}
	body, hash, err := content(inc)
	if err != nil {
		return fail(err)
	}
	var (
		state, oldHash, created string
		version                 int
		lat, lon                float64
	)
	err = t.tx.QueryRowContext(ctx, `SELECT state, hash, version, created_at, latitude, longitude
		FROM incidents WHERE id = ?`, key).Scan(&state, &oldHash, &version, &created, &lat, &lon)
	if errors.Is(err, sql.ErrNoRows) {
		return fail(sitrep.ErrNotFound)
	}
	if err != nil {
		return fail(err)
	}
	if state == "deleted" {
		return fail(errors.New("the incident was deleted"))
	}
	if state == "live" && hash == oldHash {
		return false, nil
	}
	now := t.stampNow()
	inc.Version = version + 1
	inc.UpdatedAt = now
	if inc.CreatedAt, err = parseStamp(created); err != nil {
		return fail(err)
	}
	if created == "" {
		inc.CreatedAt = now
	}
	snap, err := snapshot(inc, body)
	if err != nil {
		return fail(err)
	}
	// The query columns copy fields of the snapshot (see migration 00007);
	// actors is lowered by SQLite, as the columns computed from the
	// snapshot were.
	_, err = t.tx.ExecContext(ctx, `UPDATE incidents SET state = 'live', version = ?, hash = ?,
		event_type = ?, iso3 = ?, admin1 = ?, event_date = ?, latitude = ?, longitude = ?,
		created_at = ?, updated_at = ?, snapshot = ?,
		sub_event_type = ?, fatalities = ?, inter1 = ?, inter2 = ?, grade = ?,
		actors = lower(? || char(10) || ? || char(10) || ? || char(10) || ?) WHERE id = ?`,
		inc.Version, hash, inc.EventType, inc.ISO3, inc.Admin1, inc.EventDate, inc.Latitude, inc.Longitude,
		stamp(inc.CreatedAt), stamp(now), string(snap),
		inc.SubEventType, inc.Fatalities, inc.Inter1, inc.Inter2, inc.Grade,
		inc.Actor1, inc.Actor2, inc.AssocActor1, inc.AssocActor2, key)
	if err != nil {
		return fail(err)
	}
	t.tx.reindexIncident(key)
	// The spatial index holds the point of a live incident that has one;
	// a new incident has no entry yet.
	if moved := state == "new" || lat != inc.Latitude || lon != inc.Longitude; moved {
		if state != "new" {
			if _, err := t.tx.ExecContext(ctx, `DELETE FROM incidents_rtree WHERE id = ?`, key); err != nil {
				return fail(err)
			}
		}
		if inc.Latitude != 0 || inc.Longitude != 0 {
			_, err := t.tx.ExecContext(ctx, `INSERT INTO incidents_rtree VALUES (?, ?, ?, ?, ?)`,
				key, inc.Latitude, inc.Latitude, inc.Longitude, inc.Longitude)
			if err != nil {
				return fail(err)
			}
		}
	}
	_, err = t.tx.ExecContext(ctx, `INSERT INTO incident_versions
		(incident_id, version, at, kind, doc_id, reviewer, note, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		key, inc.Version, stamp(now), c.Kind, c.DocID, c.Reviewer, c.Note, string(snap))
	if err != nil {
		return fail(err)
	}
	t.tx.cacheIncident(key, inc.Version, cloneIncident(inc))
	return true, nil
}

func (t *incidentTx) Delete(ctx context.Context, id string, c sitrep.Cause, redirectTo string) error {
	key, err := incidentKey(id)
	if err != nil {
		return fmt.Errorf("sqlite: delete: %w", err)
	}
	fail := func(err error) error { return fmt.Errorf("sqlite: delete incident %s: %w", id, err) }
	var redirect sql.NullInt64
	if redirectTo != "" {
		to, err := incidentKey(redirectTo)
		if err != nil {
			return fail(err)
		}
		redirect = sql.NullInt64{Int64: to, Valid: true}
	}
	var state string
	if err := t.tx.QueryRowContext(ctx, `SELECT state FROM incidents WHERE id = ?`, key).Scan(&state); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fail(sitrep.ErrNotFound)
		}
		return fail(err)
	}
	if state == "deleted" {
		return nil
	}
	var attached bool
	if err := t.tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE incident = ?)`, key).Scan(&attached); err != nil {
		return fail(err)
	}
	if attached {
		return fail(errors.New("it still has reports"))
	}
	now := stamp(t.stampNow())
	if _, err := t.tx.ExecContext(ctx, `UPDATE incidents SET state = 'deleted', redirect_to = ?, updated_at = ?
		WHERE id = ?`, redirect, now, key); err != nil {
		return fail(err)
	}
	if _, err := t.tx.ExecContext(ctx, `DELETE FROM incidents_rtree WHERE id = ?`, key); err != nil {
		return fail(err)
	}
	t.tx.reindexIncident(key)
	// A reviewer's pins follow the incident into the one it was merged
	// into, and go with it otherwise.
	pins := `DELETE FROM pins WHERE incident = ?2`
	if redirect.Valid {
		pins = `UPDATE pins SET incident = ?1 WHERE incident = ?2`
	}
	if _, err := t.tx.ExecContext(ctx, pins, redirect, key); err != nil {
		return fail(err)
	}
	if state == "new" {
		return nil // never published: nobody needs to hear it went
	}
	_, err = t.tx.ExecContext(ctx, `INSERT INTO deletions (incident_id, at, redirect_to, kind, doc_id, reviewer, note)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, key, now, redirect, c.Kind, c.DocID, c.Reviewer, c.Note)
	if err != nil {
		return fail(err)
	}
	return nil
}
