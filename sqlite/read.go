package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep"
)

const documentColumns = `id, url, hash, title, published, outlet, author, lang, source, raw, text, dateline, unresolved,
	raw_text_at, raw_text_form`

// scanDocument reads one row of documentColumns.
func scanDocument(row interface{ Scan(...any) error }) (*sitrep.Document, error) {
	var (
		d                               sitrep.Document
		published, dateline, unresolved sql.NullString
		rawTextAt, rawTextForm          sql.NullInt64
	)
	err := row.Scan(&d.ID, &d.URL, &d.Hash, &d.Title, &published, &d.Outlet, &d.Author,
		&d.Lang, &d.Source, &d.Raw, &d.Text, &dateline, &unresolved, &rawTextAt, &rawTextForm)
	if err != nil {
		return nil, err
	}
	if d.Raw, err = joinRaw(d.Raw, d.Text, rawTextAt, rawTextForm); err != nil {
		return nil, fmt.Errorf("document %q: %w", d.ID, err)
	}
	if d.Unresolved, err = readUnresolved(unresolved); err != nil {
		return nil, fmt.Errorf("document %q: %w", d.ID, err)
	}
	if published.Valid {
		if d.Published, err = time.Parse(publishedLayout, published.String); err != nil {
			return nil, fmt.Errorf("document %q: published: %w", d.ID, err)
		}
	}
	if dateline.Valid {
		var s storedDateline
		if err := json.Unmarshal([]byte(dateline.String), &s); err != nil {
			return nil, fmt.Errorf("document %q: dateline: %w", d.ID, err)
		}
		d.Dateline = &sitrep.Dateline{Agency: s.Agency, Place: s.Place, Date: s.Date,
			Span: sitrep.Span{Start: s.SpanStart, End: s.SpanEnd}}
	}
	return &d, nil
}

// Document returns the stored document id and its events in ord order,
// each with its claims and evidence. It returns an error wrapping
// sitrep.ErrNotFound when there is no such document.
//
// Claims and Evidence of the returned events are never nil, so that they
// encode as [] and {} in JSON.
func (db *DB) Document(ctx context.Context, id string) (*sitrep.Document, []sitrep.Event, error) {
	// One read transaction, so the events belong to the document read.
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: document %q: %w", id, err)
	}
	defer tx.Rollback()
	return readDocument(ctx, sqlQuerier{tx}, id)
}

// readDocument is Document inside tx.
func readDocument(ctx context.Context, tx querier, id string) (*sitrep.Document, []sitrep.Event, error) {
	doc, err := scanDocument(tx.QueryRowContext(ctx,
		`SELECT `+documentColumns+` FROM documents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, fmt.Errorf("sqlite: document %q: %w", id, sitrep.ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: document %q: %w", id, err)
	}
	var events []sitrep.Event
	err = streamEvents(ctx, tx, `WHERE doc_id = ?`, []any{id}, func(_ string, e sitrep.Event) bool {
		events = append(events, e)
		return true
	})
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: document %q: %w", id, err)
	}
	return doc, events, nil
}

// Documents calls fn for each stored document, oldest first, until fn
// returns false or an error occurs. Documents come without their events
// (see Document and Events); memory use does not grow with the store.
func (db *DB) Documents(ctx context.Context, fn func(*sitrep.Document) bool) error {
	rows, err := db.r.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("sqlite: documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return fmt.Errorf("sqlite: documents: %w", err)
		}
		if !fn(d) {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: documents: %w", err)
	}
	return nil
}

// Events calls fn for each stored event, oldest document first and in ord
// order within a document, until fn returns false or an error occurs.
// Events come with their claims and evidence; memory use does not grow with
// the store.
//
// The whole walk reads one snapshot of the database. fn may call the DB,
// including PutDocument, whose writes the walk does not see. A long walk
// holds back WAL checkpoints, so the -wal file grows while it runs.
func (db *DB) Events(ctx context.Context, fn func(docID string, e sitrep.Event) bool) error {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("sqlite: events: %w", err)
	}
	defer tx.Rollback()
	if err := streamEvents(ctx, sqlQuerier{tx}, "", nil, fn); err != nil {
		return fmt.Errorf("sqlite: events: %w", err)
	}
	return nil
}

// streamEvents calls fn for each event matching where (a WHERE clause over
// events, or "") in id order. Claims and evidence come from two more
// queries ordered by event id, read in step with the events: a merge join
// that costs three queries in all and holds one event at a time.
func streamEvents(ctx context.Context, tx querier, where string, args []any, fn func(string, sitrep.Event) bool) error {
	children := ""
	if where != "" {
		children = `WHERE event_id IN (SELECT id FROM events ` + where + `)`
	}
	events, err := tx.QueryContext(ctx,
		`SELECT id, doc_id, `+eventColumns+` FROM events `+where+` ORDER BY id`, args...)
	if err != nil {
		return err
	}
	defer events.Close()
	claims, err := openCursor(ctx, tx,
		`SELECT event_id, `+claimColumns+` FROM claims `+children+` ORDER BY event_id, ord`, args,
		func(rows rows, eventID *int64, c *sitrep.Claim) error {
			return rows.Scan(append([]any{eventID}, claimDests(c)...)...)
		})
	if err != nil {
		return err
	}
	defer claims.close()
	evidence, err := openCursor(ctx, tx,
		`SELECT event_id, field, span_start, span_end FROM evidence `+children+` ORDER BY event_id`, args,
		func(rows rows, eventID *int64, f *fieldSpan) error {
			return rows.Scan(eventID, &f.field, &f.span.Start, &f.span.End)
		})
	if err != nil {
		return err
	}
	defer evidence.close()

	for events.Next() {
		var (
			id    int64
			docID string
			e     sitrep.Event
		)
		if err := events.Scan(append([]any{&id, &docID}, eventDests(&e)...)...); err != nil {
			return err
		}
		e.Claims = []sitrep.Claim{}
		if err := claims.take(id, func(c sitrep.Claim) { e.Claims = append(e.Claims, c) }); err != nil {
			return err
		}
		e.Evidence = map[string]sitrep.Span{}
		if err := evidence.take(id, func(f fieldSpan) { e.Evidence[f.field] = f.span }); err != nil {
			return err
		}
		if !fn(docID, e) {
			return nil
		}
	}
	return events.Err()
}

type fieldSpan struct {
	field string
	span  sitrep.Span
}

// cursor walks rows ordered by event id, one row ahead of its reader.
type cursor[T any] struct {
	rows rows
	scan func(rows, *int64, *T) error
	ok   bool  // key and val hold a row not yet taken
	key  int64 // event id of the current row
	val  T
	err  error
}

func openCursor[T any](ctx context.Context, tx querier, query string, args []any,
	scan func(rows, *int64, *T) error) (*cursor[T], error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	c := &cursor[T]{rows: rows, scan: scan}
	c.advance()
	return c, nil
}

func (c *cursor[T]) advance() {
	c.ok = c.rows.Next()
	if !c.ok {
		c.err = c.rows.Err()
		return
	}
	var zero T
	c.val = zero
	if err := c.scan(c.rows, &c.key, &c.val); err != nil {
		c.ok, c.err = false, err
	}
}

// take passes add every row of event id and leaves the cursor on the first
// row of a later event. Rows of earlier events, which a foreign key keeps
// from existing, are skipped.
func (c *cursor[T]) take(id int64, add func(T)) error {
	for c.ok && c.key < id {
		c.advance()
	}
	for c.ok && c.key == id {
		add(c.val)
		c.advance()
	}
	return c.err
}

func (c *cursor[T]) close() { c.rows.Close() }
