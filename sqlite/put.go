package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// publishedLayout keeps the instant and the outlet's UTC offset, so the
// first ten characters of the column are the publication date as the
// outlet saw it (what Document.PublishedDate returns), and SQLite's date
// functions read the column as it is.
const publishedLayout = time.RFC3339Nano

// storedDateline is how a Dateline is kept in documents.dateline. It is
// not sitrep.Dateline's own JSON form, which leaves out the span.
type storedDateline struct {
	Agency    string `json:"agency"`
	Place     string `json:"place"`
	Date      string `json:"date,omitempty"`
	SpanStart int    `json:"span_start"`
	SpanEnd   int    `json:"span_end"`
}

// PutDocument stores doc and its events in one transaction and returns the
// id it is stored under.
//
// A document already stored is not stored again: when one has the same
// non-empty URL, or the same content hash, PutDocument returns its id and
// created == false, and events are ignored.
//
// doc.Hash is computed from doc.Text when empty. An empty doc.ID is
// replaced by the first 16 hex digits of the hash. When doc.ID already
// names a different document (a different hash), the new one is stored
// under doc.ID + "~" + the first 8 hex digits of its hash (16, then all 64
// in the unlikely case that is taken too); the caller learns the id from
// the result. doc itself is never modified.
//
// Events are stored in the order given; the first (ord 0) is the
// document's main event.
func (db *DB) PutDocument(ctx context.Context, doc *sitrep.Document, events []sitrep.Event) (id string, created bool, err error) {
	if doc == nil {
		return "", false, errors.New("sqlite: put document: nil document")
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return "", false, fmt.Errorf("sqlite: put document %q: %w", doc.ID, err)
	}
	defer tx.rollback()
	id, created, err = putDocument(ctx, tx, doc, events, nil)
	if err != nil || !created {
		return id, created, err
	}
	if err := tx.commit(ctx); err != nil {
		return "", false, fmt.Errorf("sqlite: put document %q: %w", doc.ID, err)
	}
	return id, true, nil
}

// putDocument is PutDocument inside tx, storing fingerprint (which may be
// nil) with the document.
func putDocument(ctx context.Context, tx *writeTx, doc *sitrep.Document, events []sitrep.Event, fingerprint []byte) (id string, created bool, err error) {
	if doc == nil {
		return "", false, errors.New("sqlite: put document: nil document")
	}
	hash := doc.Hash
	if hash == "" {
		sum := sha256.Sum256([]byte(doc.Text))
		hash = hex.EncodeToString(sum[:])
	}
	id = doc.ID
	if id == "" {
		id = hash[:min(16, len(hash))]
	}
	fail := func(err error) (string, bool, error) {
		return "", false, fmt.Errorf("sqlite: put document %q: %w", doc.ID, err)
	}

	var published, dateline sql.NullString
	if !doc.Published.IsZero() {
		published = sql.NullString{String: doc.Published.Format(publishedLayout), Valid: true}
	}
	if d := doc.Dateline; d != nil {
		b, err := json.Marshal(storedDateline{d.Agency, d.Place, d.Date, d.Span.Start, d.Span.End})
		if err != nil {
			return fail(err)
		}
		dateline = sql.NullString{String: string(b), Valid: true}
	}

	if existing, err := storedAs(ctx, tx, doc.URL, hash); err != nil {
		return fail(err)
	} else if existing != "" {
		return existing, false, nil
	}
	if id, err = freeID(ctx, tx, id, hash); err != nil {
		return fail(err)
	}

	res, err := tx.ExecContext(ctx, `INSERT INTO documents
		(id, url, hash, title, published, outlet, author, lang, source, raw, text, dateline, fingerprint)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, doc.URL, hash, doc.Title, published, doc.Outlet, doc.Author, doc.Lang,
		doc.Source, doc.Raw, doc.Text, dateline, fingerprint)
	if err != nil {
		return fail(err)
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return fail(err)
	}
	tx.storedDocument(seq) // indexed for full-text search at commit
	if err := putEvents(ctx, tx, id, events); err != nil {
		return fail(err)
	}
	return id, true, nil
}

// storedAs returns the id of a stored document with the given URL (when
// non-empty) or content hash, or "" when there is none. A URL match wins:
// an edited article keeps its address.
func storedAs(ctx context.Context, tx querier, url, hash string) (string, error) {
	// Two look-ups, each by its index: one query with OR scans the table.
	// "url <> ''" lets SQLite use the partial index documents_url.
	var id string
	if url != "" {
		err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE url = ? AND url <> ''`, url).Scan(&id)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return id, err
		}
	}
	err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE hash = ?`, hash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, err
}

// freeID returns id if no document has it, or else the first free id
// derived from it and hash.
func freeID(ctx context.Context, tx querier, id, hash string) (string, error) {
	candidates := []string{id}
	for _, n := range []int{8, 16, len(hash)} {
		if n <= len(hash) {
			candidates = append(candidates, id+"~"+hash[:n])
		}
	}
	for _, c := range candidates {
		var taken bool
		err := tx.QueryRowContext(ctx,
			`SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?)`, c).Scan(&taken)
		if err != nil {
			return "", err
		}
		if !taken {
			return c, nil
		}
	}
	return "", fmt.Errorf("id %q and every id derived from it are taken", id)
}

// eventColumns are the columns of events that hold sitrep.Event fields, in
// the order of eventArgs and eventDests.
const eventColumns = `event_type, sub_event_type, cameo, plover,
	actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction,
	location, country, iso3, admin1, admin2, geonameid, latitude, longitude, geo_precision,
	event_date, date_end, time_precision,
	fatalities, fatalities_low, fatalities_high, notes`

func eventArgs(e *sitrep.Event) []any {
	return []any{e.EventType, e.SubEventType, e.CAMEO, e.PLOVER,
		e.Actor1, e.AssocActor1, e.Inter1, e.Actor2, e.AssocActor2, e.Inter2, e.Interaction,
		e.Location, e.Country, e.ISO3, e.Admin1, e.Admin2, e.GeonameID, e.Latitude, e.Longitude, e.Precision,
		e.EventDate, e.DateEnd, e.TimePrecision,
		e.Fatalities, e.FatalitiesLow, e.FatalitiesHigh, e.Notes}
}

// eventDests scans into e; database/sql sets the *int fatality bounds to
// nil for NULL and to a new int otherwise.
func eventDests(e *sitrep.Event) []any {
	return []any{&e.EventType, &e.SubEventType, &e.CAMEO, &e.PLOVER,
		&e.Actor1, &e.AssocActor1, &e.Inter1, &e.Actor2, &e.AssocActor2, &e.Inter2, &e.Interaction,
		&e.Location, &e.Country, &e.ISO3, &e.Admin1, &e.Admin2, &e.GeonameID, &e.Latitude, &e.Longitude, &e.Precision,
		&e.EventDate, &e.DateEnd, &e.TimePrecision,
		&e.Fatalities, &e.FatalitiesLow, &e.FatalitiesHigh, &e.Notes}
}

const claimColumns = `claimant, outlet, kind, count_low, count_high, qualifier,
	victims, span_start, span_end, denied, hedged`

func claimArgs(c *sitrep.Claim) []any {
	return []any{c.Claimant, c.Outlet, c.Kind, c.CountLow, c.CountHigh, c.Qualifier,
		c.Victims, c.Span.Start, c.Span.End, c.Denied, c.Hedged}
}

func claimDests(c *sitrep.Claim) []any {
	return []any{&c.Claimant, &c.Outlet, &c.Kind, &c.CountLow, &c.CountHigh, &c.Qualifier,
		&c.Victims, &c.Span.Start, &c.Span.End, &c.Denied, &c.Hedged}
}

// putEvents inserts events for document docID. Events get increasing ids
// in ord order, which the readers rely on to join claims and evidence to
// events in one ordered pass. Claims and evidence go in several rows per
// statement: an event has a dozen, and each statement has a cost of its
// own.
func putEvents(ctx context.Context, tx querier, docID string, events []sitrep.Event) error {
	var args []any
	for i := range events {
		e := &events[i]
		res, err := tx.ExecContext(ctx, insertEvent, append([]any{docID, i}, eventArgs(e)...)...)
		if err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
		eventID, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
		for start := 0; start < len(e.Claims); start += maxRowsPerInsert {
			claims := e.Claims[start:min(start+maxRowsPerInsert, len(e.Claims))]
			args = args[:0]
			for j := range claims {
				args = append(append(args, eventID, start+j), claimArgs(&claims[j])...)
			}
			if _, err := tx.ExecContext(ctx, insertClaims[len(claims)], args...); err != nil {
				return fmt.Errorf("event %d claims: %w", i, err)
			}
		}
		args = args[:0]
		n := 0
		for field, span := range e.Evidence {
			args = append(args, eventID, field, span.Start, span.End)
			if n++; n == maxRowsPerInsert {
				if _, err := tx.ExecContext(ctx, insertEvidence[n], args...); err != nil {
					return fmt.Errorf("event %d evidence: %w", i, err)
				}
				args, n = args[:0], 0
			}
		}
		if n > 0 {
			if _, err := tx.ExecContext(ctx, insertEvidence[n], args...); err != nil {
				return fmt.Errorf("event %d evidence: %w", i, err)
			}
		}
	}
	return nil
}

// maxRowsPerInsert is the most rows one INSERT of claims or evidence
// writes.
const maxRowsPerInsert = 16

// The statements putEvents runs, built once: insertClaims[n] and
// insertEvidence[n] insert n rows.
var (
	insertEvent = `INSERT INTO events (doc_id, ord, ` + eventColumns + `)
		VALUES (?, ?` + placeholders(len(eventArgs(&sitrep.Event{}))) + `)`
	insertClaims   = multiInsert(`INSERT INTO claims (event_id, ord, `+claimColumns+`) VALUES `, 2+len(claimArgs(&sitrep.Claim{})))
	insertEvidence = multiInsert(`INSERT INTO evidence (event_id, field, span_start, span_end) VALUES `, 4)
)

// multiInsert returns, for n from 1 to maxRowsPerInsert, head followed by
// n rows of cols placeholders.
func multiInsert(head string, cols int) []string {
	row := "(?" + placeholders(cols-1) + ")"
	out := make([]string, maxRowsPerInsert+1)
	for n := 1; n <= maxRowsPerInsert; n++ {
		out[n] = head + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
	}
	return out
}

// placeholders returns ", ?" once for each of n arguments.
func placeholders(n int) string { return strings.Repeat(", ?", n) }
