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
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return "", false, fmt.Errorf("sqlite: put document %q: %w", doc.ID, err)
	}
	defer tx.Rollback() // a no-op after Commit
	id, created, err = putDocument(ctx, tx, doc, events, nil)
	if err != nil || !created {
		return id, created, err
	}
	if err := tx.Commit(); err != nil {
		return "", false, fmt.Errorf("sqlite: put document %q: %w", doc.ID, err)
	}
	return id, true, nil
}

// putDocument is PutDocument inside tx, storing fingerprint (which may be
// nil) with the document.
func putDocument(ctx context.Context, tx *sql.Tx, doc *sitrep.Document, events []sitrep.Event, fingerprint []byte) (id string, created bool, err error) {
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

	_, err = tx.ExecContext(ctx, `INSERT INTO documents
		(id, url, hash, title, published, outlet, author, lang, source, raw, text, dateline, fingerprint)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, doc.URL, hash, doc.Title, published, doc.Outlet, doc.Author, doc.Lang,
		doc.Source, doc.Raw, doc.Text, dateline, fingerprint)
	if err != nil {
		return fail(err)
	}
	if err := putEvents(ctx, tx, id, events); err != nil {
		return fail(err)
	}
	return id, true, nil
}

// storedAs returns the id of a stored document with the given URL (when
// non-empty) or content hash, or "" when there is none. A URL match wins:
// an edited article keeps its address.
func storedAs(ctx context.Context, tx *sql.Tx, url, hash string) (string, error) {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM documents
		WHERE (url = ?1 AND ?1 <> '') OR hash = ?2
		ORDER BY url = ?1 DESC LIMIT 1`, url, hash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, err
}

// freeID returns id if no document has it, or else the first free id
// derived from it and hash.
func freeID(ctx context.Context, tx *sql.Tx, id, hash string) (string, error) {
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
// events in one ordered pass.
func putEvents(ctx context.Context, tx *sql.Tx, docID string, events []sitrep.Event) error {
	if len(events) == 0 {
		return nil
	}
	insEvent, err := tx.PrepareContext(ctx, `INSERT INTO events (doc_id, ord, `+eventColumns+`)
		VALUES (?, ?`+placeholders(len(eventArgs(&sitrep.Event{})))+`)`)
	if err != nil {
		return err
	}
	defer insEvent.Close()
	insClaim, err := tx.PrepareContext(ctx, `INSERT INTO claims (event_id, ord, `+claimColumns+`)
		VALUES (?, ?`+placeholders(len(claimArgs(&sitrep.Claim{})))+`)`)
	if err != nil {
		return err
	}
	defer insClaim.Close()
	insEvidence, err := tx.PrepareContext(ctx,
		`INSERT INTO evidence (event_id, field, span_start, span_end) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insEvidence.Close()

	for i := range events {
		e := &events[i]
		res, err := insEvent.ExecContext(ctx, append([]any{docID, i}, eventArgs(e)...)...)
		if err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
		eventID, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
		for j := range e.Claims {
			if _, err := insClaim.ExecContext(ctx, append([]any{eventID, j}, claimArgs(&e.Claims[j])...)...); err != nil {
				return fmt.Errorf("event %d claim %d: %w", i, j, err)
			}
		}
		for field, span := range e.Evidence {
			if _, err := insEvidence.ExecContext(ctx, eventID, field, span.Start, span.End); err != nil {
				return fmt.Errorf("event %d evidence %q: %w", i, field, err)
			}
		}
	}
	return nil
}

// placeholders returns ", ?" once for each of n arguments.
func placeholders(n int) string { return strings.Repeat(", ?", n) }
