package sqlite

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

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
	var failed error // putDocument's error, already worded
	err = db.write(ctx, func(tx *writeTx) error {
		id, created, failed = putDocument(ctx, tx, doc, events, nil)
		if failed == nil && !created {
			return errNothingWritten
		}
		return failed
	})
	switch {
	case failed != nil:
		return id, created, failed
	case errors.Is(err, errNothingWritten):
		return id, false, nil
	case err != nil:
		return "", false, fmt.Errorf("sqlite: put document %q: %w", doc.ID, err)
	}
	return id, true, nil
}

// errNothingWritten rolls back a transaction that wrote nothing.
var errNothingWritten = errors.New("nothing written")

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

	unresolved, err := unresolvedJSON(doc.Unresolved)
	if err != nil {
		return fail(err)
	}
	raw, rawTextAt, rawTextForm := splitRaw(doc.Raw, doc.Text)
	insert := func(id string) (sql.Result, error) {
		return tx.ExecContext(ctx, insertDocument,
			id, doc.URL, hash, doc.Title, published, doc.Outlet, doc.Author, doc.Lang,
			doc.Source, raw, doc.Text, dateline, fingerprint, unresolved, rawTextAt, rawTextForm,
			time.Now().UTC().Format(createdLayout))
	}
	// Most documents are new: the insert is tried first, and only when a
	// document holds its id, URL or hash does storedAs say which.
	res, err := insert(id)
	if err != nil {
		return fail(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fail(err)
	} else if n == 0 {
		existing, taken, err := storedAs(ctx, tx, doc.URL, hash, id)
		if err != nil {
			return fail(err)
		}
		if existing != "" {
			return existing, false, nil
		}
		if !taken {
			return fail(fmt.Errorf("document %q conflicts with a stored one, which storedAs cannot find", id))
		}
		if id, err = freeID(ctx, tx, id, hash); err != nil {
			return fail(err)
		}
		if res, err = insert(id); err != nil {
			return fail(err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fail(cmp.Or(err, fmt.Errorf("id %q was free but is taken", id)))
		}
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

// insertDocument stores a document unless one with the same id, URL or
// hash is stored (see putDocument).
const insertDocument = `INSERT INTO documents
	(id, url, hash, title, published, outlet, author, lang, source, raw, text, dateline, fingerprint, unresolved,
		raw_text_at, raw_text_form, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO NOTHING`

// createdLayout writes documents.created_at as its default,
// strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), does; the driver's clock is a
// system call each time.
const createdLayout = "2006-01-02T15:04:05.000Z"

// storedAs returns the id of a stored document with the given URL (when
// non-empty) or content hash, or "" when there is none, and whether a
// document has the id id. A URL match wins: an edited article keeps its
// address.
func storedAs(ctx context.Context, tx querier, url, hash, id string) (stored string, taken bool, err error) {
	// One statement for all three; each look-up goes by its index, where
	// one query with OR scans the table.
	// "url <> ''" lets SQLite use the partial index documents_url.
	var byURL, byHash sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT
		(SELECT id FROM documents WHERE url = ?1 AND url <> ''),
		(SELECT id FROM documents WHERE hash = ?2),
		EXISTS (SELECT 1 FROM documents WHERE id = ?3)`, url, hash, id).Scan(&byURL, &byHash, &taken)
	switch {
	case err != nil:
		return "", false, err
	case byURL.Valid:
		return byURL.String, taken, nil
	case byHash.Valid:
		return byHash.String, taken, nil
	}
	return "", taken, nil
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
	location, country, iso3, admin1, admin2, geonameid, latitude, longitude, geo_precision, named,
	event_date, date_end, time_precision,
	fatalities, fatalities_low, fatalities_high, notes`

func eventArgs(e *sitrep.Event) []any { return appendEventArgs(nil, e) }

func appendEventArgs(args []any, e *sitrep.Event) []any {
	return append(args, e.EventType, e.SubEventType, e.CAMEO, e.PLOVER,
		e.Actor1, e.AssocActor1, e.Inter1, e.Actor2, e.AssocActor2, e.Inter2, e.Interaction,
		e.Location, e.Country, e.ISO3, e.Admin1, e.Admin2, e.GeonameID, e.Latitude, e.Longitude, e.Precision, e.Named,
		e.EventDate, e.DateEnd, e.TimePrecision,
		e.Fatalities, e.FatalitiesLow, e.FatalitiesHigh, e.Notes)
}

// eventDests scans into e; database/sql sets the *int fatality bounds to
// nil for NULL and to a new int otherwise.
func eventDests(e *sitrep.Event) []any {
	return []any{&e.EventType, &e.SubEventType, &e.CAMEO, &e.PLOVER,
		&e.Actor1, &e.AssocActor1, &e.Inter1, &e.Actor2, &e.AssocActor2, &e.Inter2, &e.Interaction,
		&e.Location, &e.Country, &e.ISO3, &e.Admin1, &e.Admin2, &e.GeonameID, &e.Latitude, &e.Longitude, &e.Precision, &e.Named,
		&e.EventDate, &e.DateEnd, &e.TimePrecision,
		&e.Fatalities, &e.FatalitiesLow, &e.FatalitiesHigh, &e.Notes}
}

const claimColumns = `claimant, outlet, kind, count_low, count_high, qualifier,
	victims, span_start, span_end, denied, hedged`

func claimDests(c *sitrep.Claim) []any {
	return []any{&c.Claimant, &c.Outlet, &c.Kind, &c.CountLow, &c.CountHigh, &c.Qualifier,
		&c.Victims, &c.Span.Start, &c.Span.End, &c.Denied, &c.Hedged}
}

// putEvents stores events for document docID: it gives them their ids,
// increasing in ord order, which the readers rely on to join claims and
// evidence to events in one ordered pass, and leaves them to be written
// once the transaction knows their incident (see pending events in
// incidents.go).
func putEvents(ctx context.Context, tx *writeTx, docID string, events []sitrep.Event) error {
	for i := range events {
		id, err := tx.eventID(ctx)
		if err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
		tx.queueEvent(&pendingEvent{id: id, ref: eventRef{docID, i}, event: events[i]})
	}
	return nil
}

// writeEvents inserts events with their claims and evidence, which go in
// the events' rows (see migration 00009), several events to a statement.
func writeEvents(ctx context.Context, tx *writeTx, events []*pendingEvent) error {
	args := tx.vals[:0]
	defer func() { tx.vals = args[:0] }()
	for start := 0; start < len(events); start += maxRowsPerInsert {
		chunk := events[start:min(start+maxRowsPerInsert, len(events))]
		args = args[:0]
		for _, p := range chunk {
			incident := sql.NullInt64{Int64: p.incident, Valid: p.incident != 0}
			args = appendEventArgs(append(args, p.id, p.ref.doc, p.ref.ord, incident), &p.event)
			args = append(args, claimsJSON(p.event.Claims), evidenceJSON(p.event.Evidence))
		}
		if _, err := tx.ExecContext(ctx, insertEvents[len(chunk)], args...); err != nil {
			return fmt.Errorf("events: %w", err)
		}
	}
	return nil
}

// claimsJSON returns claims as events.claims_json holds them: an array of
// arrays of the claims columns, in order. No claims are NULL.
func claimsJSON(claims []sitrep.Claim) sql.NullString {
	if len(claims) == 0 {
		return sql.NullString{}
	}
	b := make([]byte, 0, 128*len(claims))
	b = append(b, '[')
	for i := range claims {
		c := &claims[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for _, s := range []string{c.Claimant, c.Outlet, c.Kind} {
			b = append(appendJSONString(b, s), ',')
		}
		b = strconv.AppendInt(b, int64(c.CountLow), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(c.CountHigh), 10)
		b = append(b, ',')
		b = append(appendJSONString(b, c.Qualifier), ',')
		b = append(appendJSONString(b, c.Victims), ',')
		b = strconv.AppendInt(b, int64(c.Span.Start), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(c.Span.End), 10)
		b = append(b, ',', bit(c.Denied), ',', bit(c.Hedged), ']')
	}
	return sql.NullString{String: string(append(b, ']')), Valid: true}
}

// evidenceJSON returns evidence as events.evidence_json holds it: an
// object from field to [start, end], fields in order. No evidence is
// NULL.
func evidenceJSON(evidence map[string]sitrep.Span) sql.NullString {
	if len(evidence) == 0 {
		return sql.NullString{}
	}
	b := make([]byte, 0, 32*len(evidence))
	b = append(b, '{')
	var small [16]string
	fields := small[:0]
	for field := range evidence {
		fields = append(fields, field)
	}
	slices.Sort(fields)
	for i, field := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		span := evidence[field]
		b = append(appendJSONString(b, field), ':', '[')
		b = strconv.AppendInt(b, int64(span.Start), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(span.End), 10)
		b = append(b, ']')
	}
	return sql.NullString{String: string(append(b, '}')), Valid: true}
}

// appendJSONString appends s as a JSON string. Only what JSON requires is
// escaped: the quote, the backslash and control characters. Other bytes,
// invalid UTF-8 included, go through as they are, so SQLite's JSON
// functions give back the bytes the text columns held.
func appendJSONString(b []byte, s string) []byte {
	const digits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, '\\', 'u', '0', '0', digits[c>>4], digits[c&0xf])
		}
		start = i + 1
	}
	return append(append(b, s[start:]...), '"')
}

// decodeClaims reads claims from events.claims_json (see claimsJSON), as
// the claims view would show them: strings keep their bytes.
func decodeClaims(s string) ([]sitrep.Claim, error) {
	d := jsonReader{s: s}
	var out []sitrep.Claim
	d.expect('[')
	for d.err == nil && !d.next(']') {
		if len(out) > 0 {
			d.expect(',')
		}
		var c sitrep.Claim
		d.expect('[')
		c.Claimant = d.str()
		d.expect(',')
		c.Outlet = d.str()
		d.expect(',')
		c.Kind = d.str()
		d.expect(',')
		c.CountLow = d.int()
		d.expect(',')
		c.CountHigh = d.int()
		d.expect(',')
		c.Qualifier = d.str()
		d.expect(',')
		c.Victims = d.str()
		d.expect(',')
		c.Span.Start = d.int()
		d.expect(',')
		c.Span.End = d.int()
		d.expect(',')
		c.Denied = d.int() != 0
		d.expect(',')
		c.Hedged = d.int() != 0
		d.expect(']')
		out = append(out, c)
	}
	if d.err != nil {
		return nil, fmt.Errorf("claims_json: %w", d.err)
	}
	return out, nil
}

// jsonReader reads the JSON values events.claims_json holds: arrays,
// strings and integers. The first error sticks.
type jsonReader struct {
	s   string
	i   int
	err error
}

func (d *jsonReader) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%s at byte %d", what, d.i)
	}
}

func (d *jsonReader) space() {
	for d.i < len(d.s) && strings.IndexByte(" \t\n\r", d.s[d.i]) >= 0 {
		d.i++
	}
}

// next consumes c if it comes next.
func (d *jsonReader) next(c byte) bool {
	d.space()
	if d.err == nil && d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

func (d *jsonReader) expect(c byte) {
	if !d.next(c) {
		d.fail(fmt.Sprintf("want %q", c))
	}
}

func (d *jsonReader) int() int {
	d.space()
	start := d.i
	if d.i < len(d.s) && d.s[d.i] == '-' {
		d.i++
	}
	for d.i < len(d.s) && '0' <= d.s[d.i] && d.s[d.i] <= '9' {
		d.i++
	}
	n, err := strconv.Atoi(d.s[start:d.i])
	if err != nil {
		d.fail("want an integer")
	}
	return n
}

// str reads a string; bytes between escapes are kept as they are.
func (d *jsonReader) str() string {
	d.expect('"')
	if d.err != nil {
		return ""
	}
	var b []byte
	start := d.i
	for d.i < len(d.s) {
		switch c := d.s[d.i]; c {
		case '"':
			if b == nil {
				s := d.s[start:d.i]
				d.i++
				return s
			}
			b = append(b, d.s[start:d.i]...)
			d.i++
			return string(b)
		case '\\':
			b = append(b, d.s[start:d.i]...)
			d.i++
			if d.i >= len(d.s) {
				d.fail("unfinished escape")
				return ""
			}
			e := d.s[d.i]
			d.i++
			switch e {
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				b = utf8.AppendRune(b, d.hex4())
			default: // '"', '\\', '/'
				b = append(b, e)
			}
			start = d.i
		default:
			d.i++
		}
	}
	d.fail("unfinished string")
	return ""
}

// hex4 reads the four hex digits of a \u escape, and a second escape
// when the first is half of a surrogate pair.
func (d *jsonReader) hex4() rune {
	read := func() rune {
		if d.i+4 > len(d.s) {
			d.fail("short \\u escape")
			return utf8.RuneError
		}
		n, err := strconv.ParseUint(d.s[d.i:d.i+4], 16, 16)
		if err != nil {
			d.fail("bad \\u escape")
			return utf8.RuneError
		}
		d.i += 4
		return rune(n)
	}
	r := read()
	if utf16.IsSurrogate(r) && strings.HasPrefix(d.s[d.i:], `\u`) {
		d.i += 2
		return utf16.DecodeRune(r, read())
	}
	return r
}

// bit is a boolean as a JSON number.
func bit(v bool) byte {
	if v {
		return '1'
	}
	return '0'
}

// maxRowsPerInsert is the most events one INSERT writes.
const maxRowsPerInsert = 16

// insertEvents[n] is the statement writeEvents inserts n events with.
var insertEvents = multiInsert(`INSERT INTO events (id, doc_id, ord, incident, `+eventColumns+`, claims_json, evidence_json) VALUES `,
	4+len(eventArgs(&sitrep.Event{}))+2)

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
