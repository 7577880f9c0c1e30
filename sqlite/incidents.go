package sqlite

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
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
	var failed error // fn's error, returned as it is
	err := db.write(ctx, func(tx *writeTx) error {
		failed = fn(&incidentTx{tx: tx, now: time.Now})
		return failed
	})
	if err != nil && failed == nil {
		return fmt.Errorf("sqlite: update: %w", err)
	}
	return err
}

// incidentTx implements sitrep.IncidentTx over one write transaction.
type incidentTx struct {
	tx   *writeTx
	now  func() time.Time
	last time.Time // the last stamp given, to keep stamps increasing
	buf  []byte    // Save's, reused
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
	if err := t.tx.writePending(ctx); err != nil {
		return nil, nil, fmt.Errorf("sqlite: document %q: %w", id, err)
	}
	return readDocument(ctx, t.tx, id)
}

func (t *incidentTx) Attachments(ctx context.Context, docID string) ([]string, error) {
	if err := t.tx.writePending(ctx); err != nil {
		return nil, fmt.Errorf("sqlite: attachments of %q: %w", docID, err)
	}
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
	if err := t.tx.writePending(ctx); err != nil {
		return fmt.Errorf("sqlite: replace events of %q: %w", docID, err)
	}
	if _, err := t.tx.ExecContext(ctx, `DELETE FROM events WHERE doc_id = ?`, docID); err != nil {
		return fmt.Errorf("sqlite: replace events of %q: %w", docID, err)
	}
	if err := putEvents(ctx, t.tx, docID, events); err != nil {
		return fmt.Errorf("sqlite: replace events of %q: %w", docID, err)
	}
	return nil
}

// Candidates reads the live incidents of the country and date window
// from the index incidents_candidates alone (see migration 00009), and
// keeps those of the same admin1 or inside the box. Matching reads
// candidates and never changes them, and most are read again and again
// (every event of a province and month meets them): their slices and maps
// are the writer's cache's (see cache.go), not copies, and must not be
// changed. The box is tested
// here as an R*Tree of the incidents' points would test it (see inBox):
// asking such a tree (incidents_rtree, dropped in migration 00011) for
// the ids in the box cost more than the rest of the query, as it finds
// every incident in the box whatever its date.
func (t *incidentTx) Candidates(ctx context.Context, q sitrep.CandidateQuery) ([]*sitrep.Incident, error) {
	// Most incidents of the window are in neither the admin1 nor the
	// box: the index tells, and leaves them out, at less cost than
	// reading them out. The box is widened as for the R*Tree, whose test
	// is made exactly below.
	box := sitrep.Box{MinLat: 1, MaxLat: -1} // empty
	if q.Box != nil {
		box = sitrep.Box{MinLat: q.Box.MinLat - rtreeSlack, MaxLat: q.Box.MaxLat + rtreeSlack,
			MinLon: q.Box.MinLon - rtreeSlack, MaxLon: q.Box.MaxLon + rtreeSlack}
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT id, version, admin1, latitude, longitude FROM incidents
		WHERE state = 'live' AND iso3 = ?1 AND event_date BETWEEN ?2 AND ?3
			AND (admin1 = ?4 AND ?4 <> '' OR latitude BETWEEN ?5 AND ?6 AND longitude BETWEEN ?7 AND ?8)`,
		q.ISO3, q.From, q.To, q.Admin1, box.MinLat, box.MaxLat, box.MinLon, box.MaxLon)
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
		var (
			f        found
			admin1   string
			lat, lon float64
		)
		if err := rows.Scan(&f.key, &f.version, &admin1, &lat, &lon); err != nil {
			return nil, fmt.Errorf("sqlite: candidates: %w", err)
		}
		if admin1 == q.Admin1 && admin1 != "" || q.Box != nil && (lat != 0 || lon != 0) && inBox(q.Box, lat, lon) {
			all = append(all, f)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: candidates: %w", err)
	}
	rows.Close()
	slices.SortFunc(all, func(a, b found) int { return cmp.Compare(a.key, b.key) })
	out := make([]*sitrep.Incident, len(all))
	copies := make([]sitrep.Incident, len(all))
	for i, f := range all {
		inc, err := t.tx.decoded(ctx, f.key, f.version)
		if err != nil {
			return nil, fmt.Errorf("sqlite: candidates: %w", err)
		}
		copies[i] = *inc
		out[i] = &copies[i]
	}
	return out, nil
}

// inBox reports whether the point (lat, lon) is in b as SQLite's R*Tree
// finds it: the tree keeps each coordinate as a 32-bit float rounded
// down for the low bound and up for the high one, so a point just outside
// b can be in it, and the box test compares those floats with b.
func inBox(b *sitrep.Box, lat, lon float64) bool {
	return float64(rtreeUp(lat)) >= b.MinLat && float64(rtreeDown(lat)) <= b.MaxLat &&
		float64(rtreeUp(lon)) >= b.MinLon && float64(rtreeDown(lon)) <= b.MaxLon
}

// rtreeDown and rtreeUp round d to a 32-bit float as SQLite's R*Tree
// stores the low and high bound of a coordinate (rtreeValueDown and
// rtreeValueUp in its rtree.c).
func rtreeDown(d float64) float32 {
	f := float32(d)
	if float64(f) > d {
		if d < 0 {
			return float32(d * rtreeAway)
		}
		return float32(d * rtreeTowards)
	}
	return f
}

func rtreeUp(d float64) float32 {
	f := float32(d)
	if float64(f) < d {
		if d < 0 {
			return float32(d * rtreeTowards)
		}
		return float32(d * rtreeAway)
	}
	return f
}

// The factors R*Tree rounds with: towards zero, and away from it.
const (
	rtreeTowards = 1.0 - 1.0/8388608.0
	rtreeAway    = 1.0 + 1.0/8388608.0
)

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
	if err := t.tx.writeReservation(ctx, key); err != nil {
		return fail(err)
	}
	// The claims come with their event (see migration 00009), and the
	// document's text, which converting their spans needs, only with
	// claims: it is the longest column.
	rows, err := t.tx.QueryContext(ctx, `SELECT e.ord, d.id, d.seq, d.outlet, d.published, d.fingerprint,
		e.claims_json, CASE WHEN e.claims_json IS NULL THEN '' ELSE d.text END, `+prefixed("e.", eventColumns)+`
		FROM events e JOIN documents d ON d.id = e.doc_id
		WHERE e.incident = ? ORDER BY d.seq, e.ord`, key)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	var out []sitrep.Report
	for rows.Next() {
		var (
			r         sitrep.Report
			published sql.NullString
			claims    sql.NullString
			text      string
		)
		dests := append([]any{&r.Ord, &r.DocID, &r.Seq, &r.Outlet, &published, &r.Fingerprint, &claims, &text},
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
		if claims.Valid {
			c, err := decodeClaims(claims.String)
			if err != nil {
				return fail(fmt.Errorf("document %q event %d: %w", r.DocID, r.Ord, err))
			}
			if len(c) > 0 {
				r.Event.Claims = c
				r.Event = sitrep.NewOffsets(text).Event(r.Event)
			}
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return out, nil
}

func (t *incidentTx) SetFingerprint(ctx context.Context, docID string, fingerprint []byte) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE documents SET fingerprint = ? WHERE id = ?`, fingerprint, docID)
	if err != nil {
		return fmt.Errorf("sqlite: set fingerprint of %q: %w", docID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: set fingerprint of %q: %w", docID, err)
	} else if n == 0 {
		return fmt.Errorf("sqlite: set fingerprint of %q: %w", docID, sitrep.ErrNotFound)
	}
	return nil
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
	key, err := t.tx.reserve(ctx)
	if err != nil {
		return "", fmt.Errorf("sqlite: new incident: %w", err)
	}
	return incidentID(key), nil
}

func (t *incidentTx) Attach(ctx context.Context, docID string, ord int, id string, pin bool) error {
	key, err := incidentKey(id)
	if err != nil {
		return fmt.Errorf("sqlite: attach: %w", err)
	}
	if err := t.tx.attach(ctx, eventRef{docID, ord}, key, pin); err != nil {
		return fmt.Errorf("sqlite: attach %s#%d to incident %s: %w", docID, ord, id, err)
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

// content appends to buf inc's JSON with its bookkeeping (Version,
// CreatedAt, UpdatedAt) zeroed, and returns the hash of that JSON: what
// the incident says, leaving out what every save changes.
func content(buf []byte, inc *sitrep.Incident) (b []byte, hash string, err error) {
	c := *inc
	c.Version, c.CreatedAt, c.UpdatedAt = 0, time.Time{}, time.Time{}
	if b, err = appendMarshal(buf, &c); err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(b[len(buf):])
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
func snapshot(inc *sitrep.Incident, content []byte) (string, error) {
	var tail []byte
	if fastJSON && bytes.HasSuffix(content, zeroTail) {
		var buf [128]byte
		tail, _ = appendBookkeeping(buf[:0], inc)
	}
	if tail == nil {
		// The fields moved (encode it all), or for encoding/json's error.
		b, err := json.Marshal(inc)
		return string(b), err
	}
	head := content[:len(content)-len(zeroTail)]
	var out strings.Builder
	out.Grow(len(head) + len(tail))
	out.Write(head)
	out.Write(tail)
	return out.String(), nil
}

func (t *incidentTx) Save(ctx context.Context, inc *sitrep.Incident, c sitrep.Cause) (bool, error) {
	key, err := incidentKey(inc.ID)
	if err != nil {
		return false, fmt.Errorf("sqlite: save: %w", err)
	}
	fail := func(err error) (bool, error) {
		return false, fmt.Errorf("sqlite: save incident %s: %w", inc.ID, err)
	}
	body, hash, err := content(t.buf[:0], inc)
	t.buf = body
	if err != nil {
		return fail(err)
	}
	var (
		state, oldHash, created string
		version                 int
	)
	reserved := t.tx.isReserved(key)
	if reserved {
		state = "new" // as NewIncident would have written it
	} else {
		err = t.tx.QueryRowContext(ctx, `SELECT state, hash, version, created_at FROM incidents WHERE id = ?`,
			key).Scan(&state, &oldHash, &version, &created)
		if errors.Is(err, sql.ErrNoRows) {
			return fail(sitrep.ErrNotFound)
		}
		if err != nil {
			return fail(err)
		}
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
	snapText, err := snapshot(inc, body)
	if err != nil {
		return fail(err)
	}
	// The query columns copy fields of the snapshot (see migration 00007);
	// actors is lowered by SQLite, as the columns computed from the
	// snapshot were.
	query := updateIncident
	if reserved {
		// The row is written once, whole: an empty row written first
		// and then grown to hold the snapshot moved it, and its index
		// entries, within the table.
		query = insertIncident
	}
	if !reserved && version > 0 {
		// The current version's row in incident_versions holds no
		// snapshot, the incident's row does (migration 00012): before
		// the incident's row changes, its snapshot moves to the row of
		// the version this save supersedes.
		_, err = t.tx.ExecContext(ctx, `UPDATE incident_versions
			SET snapshot = (SELECT snapshot FROM incidents WHERE id = ?1)
			WHERE incident_id = ?1 AND version = ?2 AND snapshot IS NULL`, key, version)
		if err != nil {
			return fail(err)
		}
	}
	_, err = t.tx.ExecContext(ctx, query,
		inc.Version, hash, inc.EventType, inc.ISO3, inc.Admin1, inc.EventDate, inc.Latitude, inc.Longitude,
		stamp(inc.CreatedAt), stamp(now), snapText,
		inc.SubEventType, inc.Fatalities, inc.Inter1, inc.Inter2, inc.Grade,
		inc.Actor1, inc.Actor2, inc.AssocActor1, inc.AssocActor2, key)
	if err != nil {
		return fail(err)
	}
	if reserved {
		if err := t.tx.writeWaiting(ctx, key); err != nil {
			return fail(err)
		}
	}
	t.tx.reindexIncident(key, state == "live", inc)
	_, err = t.tx.ExecContext(ctx, `INSERT INTO incident_versions
		(incident_id, version, at, kind, doc_id, reviewer, note) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		key, inc.Version, stamp(now), c.Kind, c.DocID, c.Reviewer, c.Note)
	if err != nil {
		return fail(err)
	}
	t.tx.cacheIncident(key, inc.Version, cloneIncident(inc))
	return true, nil
}

// The statements Save writes an incident's row with: an update, or an
// insert for an incident reserved in the transaction. Both take the same
// arguments, the id last.
const (
	updateIncident = `UPDATE incidents SET state = 'live', version = ?, hash = ?,
		event_type = ?, iso3 = ?, admin1 = ?, event_date = ?, latitude = ?, longitude = ?,
		created_at = ?, updated_at = ?, snapshot = ?,
		sub_event_type = ?, fatalities = ?, inter1 = ?, inter2 = ?, grade = ?,
		actors = lower(? || char(10) || ? || char(10) || ? || char(10) || ?) WHERE id = ?`
	insertIncident = `INSERT INTO incidents (state, version, hash,
		event_type, iso3, admin1, event_date, latitude, longitude,
		created_at, updated_at, snapshot,
		sub_event_type, fatalities, inter1, inter2, grade,
		actors, id)
		VALUES ('live', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
		lower(? || char(10) || ? || char(10) || ? || char(10) || ?), ?)`
)

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
	if err := t.tx.writeReservation(ctx, key); err != nil {
		return fail(err)
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
	t.tx.reindexIncident(key, state == "live", nil)
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

// Pending writes. Ingest stores a document's events and then starts an
// incident for most of them: PutDocument, NewIncident, Attach of the
// event, then Save of the incident composed from it. Written as they
// came, those were an INSERT of the event without its incident, an INSERT
// of an empty incident row, an UPDATE of the event, a SELECT of the
// incident and an UPDATE that grew its row to hold the snapshot, moving
// the row and its index entries within the table.
//
// Instead a transaction writes rows once, whole, when it knows what they
// hold. PutDocument gives the events their ids and leaves them pending.
// NewIncident only reserves an id. Attach of a pending event to a written
// incident writes the event, with its incident; to a reserved incident,
// the event waits for it. Save of a reserved incident writes its row,
// then the events waiting for it.
//
// Whatever could tell the difference first writes what is pending, as it
// would have been written before: a reserved incident as an empty row in
// state 'new', with the events waiting for it, and pending events without
// an incident. Reading an incident's reports writes its reservation;
// reading a document's events or attachments, replacing events, deleting
// or pinning to a reserved incident, and commit write what they need or
// everything. Reading an incident, candidates or pins needs nothing: none
// of them sees an incident in state 'new'. Incident ids are given as
// AUTOINCREMENT gives them, from the highest ever used, and event ids as
// an INTEGER PRIMARY KEY does, from the highest in the table; only this
// transaction writes until it ends (BEGIN IMMEDIATE), so none is taken
// meanwhile.

// eventRef names an event by its document and position.
type eventRef struct {
	doc string
	ord int
}

// pendingEvent is an event stored but not yet written.
type pendingEvent struct {
	id       int64
	ref      eventRef
	event    sitrep.Event
	incident int64 // a reserved incident it waits for, or 0
}

// reservations are a write transaction's pending writes.
type reservations struct {
	nextIncident int64 // the next incident id to reserve; 0 until read
	nextEvent    int64 // the next event id to give; 0 until read
	// reserved maps each reserved, unwritten incident to the events
	// waiting for it.
	reserved map[int64][]*pendingEvent
	pending  map[eventRef]*pendingEvent
}

func (r *reservations) isReserved(key int64) bool {
	_, ok := r.reserved[key]
	return ok
}

// queueEvent leaves p to be written.
func (r *reservations) queueEvent(p *pendingEvent) {
	if r.pending == nil {
		r.pending = map[eventRef]*pendingEvent{}
	}
	r.pending[p.ref] = p
}

// wait makes pending event p wait for reserved incident key, and no
// other.
func (r *reservations) wait(p *pendingEvent, key int64) {
	r.unwait(p)
	p.incident = key
	r.reserved[key] = append(r.reserved[key], p)
}

// unwait stops p waiting, if it was.
func (r *reservations) unwait(p *pendingEvent) {
	if p.incident == 0 {
		return
	}
	r.reserved[p.incident] = slices.DeleteFunc(r.reserved[p.incident], func(q *pendingEvent) bool { return q == p })
	p.incident = 0
}

// eventID returns the id of the next event stored.
func (t *writeTx) eventID(ctx context.Context) (int64, error) {
	if t.nextEvent == 0 {
		if err := t.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM events`).Scan(&t.nextEvent); err != nil {
			return 0, err
		}
	}
	id := t.nextEvent
	t.nextEvent++
	return id, nil
}

// reserve returns a new incident id, as inserting a row into incidents
// would have given it.
func (t *writeTx) reserve(ctx context.Context) (int64, error) {
	if t.nextIncident == 0 {
		err := t.QueryRowContext(ctx, `SELECT max(
			coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'incidents'), 0),
			coalesce((SELECT max(id) FROM incidents), 0)) + 1`).Scan(&t.nextIncident)
		if err != nil {
			return 0, err
		}
	}
	key := t.nextIncident
	t.nextIncident++
	if t.reserved == nil {
		t.reserved = map[int64][]*pendingEvent{}
	}
	t.reserved[key] = nil
	return key, nil
}

// attach assigns event ev to incident key. A pending event waits for a
// reserved incident unless pinned; otherwise the incident is written
// first, then the event is written with it or updated.
func (t *writeTx) attach(ctx context.Context, ev eventRef, key int64, pin bool) error {
	p := t.pending[ev]
	if p != nil && !pin && t.isReserved(key) {
		t.wait(p, key)
		return nil
	}
	if err := t.writeReservation(ctx, key); err != nil {
		return err
	}
	if p != nil {
		t.unwait(p)
		delete(t.pending, ev)
		p.incident = key
		return writeEvents(ctx, t, []*pendingEvent{p})
	}
	res, err := t.ExecContext(ctx, `UPDATE events SET incident = ? WHERE doc_id = ? AND ord = ?`, key, ev.doc, ev.ord)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("no such event: %w", sitrep.ErrNotFound)
	}
	return nil
}

// writeWaiting writes the events waiting for reserved incident key,
// whose row has just been written, and ends the reservation.
func (t *writeTx) writeWaiting(ctx context.Context, key int64) error {
	events := t.reserved[key]
	delete(t.reserved, key)
	for _, p := range events {
		delete(t.pending, p.ref)
	}
	return writeEvents(ctx, t, events)
}

// writeReservation writes reserved incident key as NewIncident used to,
// empty and in state 'new', and the events waiting for it. It does
// nothing when key is not reserved.
func (t *writeTx) writeReservation(ctx context.Context, key int64) error {
	if !t.isReserved(key) {
		return nil
	}
	if _, err := t.ExecContext(ctx, `INSERT INTO incidents (id) VALUES (?)`, key); err != nil {
		return err
	}
	return t.writeWaiting(ctx, key)
}

// writePending writes every reservation, in id order, then the events
// still pending, without an incident.
func (t *writeTx) writePending(ctx context.Context) error {
	for _, key := range slices.Sorted(maps.Keys(t.reserved)) {
		if err := t.writeReservation(ctx, key); err != nil {
			return err
		}
	}
	if len(t.pending) == 0 {
		return nil
	}
	events := slices.SortedFunc(maps.Values(t.pending), func(a, b *pendingEvent) int { return cmp.Compare(a.id, b.id) })
	clear(t.pending)
	return writeEvents(ctx, t, events)
}
