// Package sitrep holds the domain types that every stage of the pipeline
// shares: documents as they come in, the events extracted from them, the
// claims behind each figure and the places, actors and spans that tie every
// field back to the text it came from.
//
// Data flows one way:
//
//	ingest → text → extract (gazetteer, lexicons) → reconcile → store → api / web / alerts
//
// Each dependency (SQLite, PostgreSQL, NATS, HTTP) lives in its own
// subpackage and depends on this package, never on its siblings.
package sitrep

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Span is a half-open range [Start, End) of byte offsets into a Document's
// cleaned Text. Go slices text by bytes, so spans are kept in bytes inside the
// program; the extraction contract and the API publish them as Unicode code
// point offsets (see Document.Runes), which is what Python and JavaScript
// clients index by.
type Span struct {
	Start int
	End   int
}

// MarshalJSON writes a span as the contract does: [start, end].
func (s Span) MarshalJSON() ([]byte, error) {
	return json.Marshal([2]int{s.Start, s.End})
}

// UnmarshalJSON reads a span written as [start, end].
func (s *Span) UnmarshalJSON(b []byte) error {
	var a [2]int
	if err := json.Unmarshal(b, &a); err != nil {
		return fmt.Errorf("span: want [start, end]: %w", err)
	}
	s.Start, s.End = a[0], a[1]
	return nil
}

// Valid reports whether s is a non-empty span.
func (s Span) Valid() bool { return s.End > s.Start && s.Start >= 0 }

// Dateline is the wire convention that opens a story ("BEIRUT (Reuters) -",
// "AFP, Beirut :"). Place is where the story was filed, which is not
// evidence that anything happened there.
type Dateline struct {
	Agency string `json:"agency"`
	Place  string `json:"place"`
	// Date is YYYY-MM-DD when the dateline writes one ("Kyiv, May 9 (Reuters)")
	// and can be completed with a year; empty otherwise.
	Date string `json:"date,omitempty"`
	Span Span   `json:"-"`
}

// Document is one report as sitrep read it. Text is the cleaned text every
// Span points into; Raw is what came in, kept so that documents can be
// reprocessed when the cleaner improves.
type Document struct {
	ID        string
	Title     string
	Published time.Time // zero when unknown
	Outlet    string
	URL       string
	Author    string
	Lang      string
	Source    string // where it was read from: a path, "stdin", a URL
	Raw       string
	Text      string
	Dateline  *Dateline
	Hash      string // hex SHA-256 of Text: two copies of one story hash alike
	// Unresolved lists the names in Text that read as places but that the
	// gazetteer could not place; the extractor fills it in.
	Unresolved []UnresolvedPlace
}

// PublishedDate returns the publication date as YYYY-MM-DD, or "" when unknown.
func (d *Document) PublishedDate() string {
	if d.Published.IsZero() {
		return ""
	}
	return d.Published.Format(DateLayout)
}

// DateLayout is how sitrep writes dates: ISO 8601 calendar dates.
const DateLayout = "2006-01-02"

// Place is a resolved location with ACLED's fields.
type Place struct {
	Location  string  `json:"location"`
	Country   string  `json:"country"`
	ISO3      string  `json:"iso3"`
	Admin1    string  `json:"admin1"`
	Admin2    string  `json:"admin2"`
	GeonameID int     `json:"geonameid,omitempty"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	// Precision is ACLED's geo_precision: 1 the named town itself or its
	// outskirts, 2 near a known place or part of a region, 3 only the region.
	Precision int `json:"geo_precision"`
	// Named is the name the text gives the place when the gazetteer could
	// not place it ("the village of Zorbat") and Location is the unit
	// around it, the smallest known: the place itself is not that unit,
	// and two reports named at two such places are told at two places.
	Named string `json:"named,omitempty"`
}

// Known reports whether p names a place at all.
func (p Place) Known() bool { return p.Location != "" || p.Country != "" }

// Claim kinds: what a figure counts.
const (
	Killed    = "killed"
	Wounded   = "wounded"
	Missing   = "missing"
	Captured  = "captured"
	Displaced = "displaced"
	// Responsibility is a claim about the act, not a count: the claimant
	// says it (or its side) did it ("Al Shabaab claimed responsibility"),
	// or, Denied, that it did not ("the ministry denied its aircraft flew
	// over the area"). Its counts are 0. Reconciling grades an incident
	// by such claims: an acknowledgement by the acting party confirms it,
	// a denial contests it.
	Responsibility = "responsibility"
)

// Claim is one figure as one claimant gave it. Figures are never merged
// into one number at this level: every source's version is kept.
type Claim struct {
	Claimant  string `json:"claimant"`
	Outlet    string `json:"outlet"`
	Kind      string `json:"kind"`
	CountLow  int    `json:"count_low"`
	CountHigh int    `json:"count_high"`
	// Qualifier is one of exact, at least, more than, up to, about, over.
	Qualifier string `json:"qualifier"`
	Victims   string `json:"victims"`
	Span      Span   `json:"span"`
	// Denied is set when the claimant denies the act ("denied it carried out
	// the strikes"); Hedged when the figure or attribution is hedged
	// ("suspected", "believed to").
	Denied bool `json:"denied,omitempty"`
	Hedged bool `json:"hedged,omitempty"`
}

// Actor is an entry of the actor dictionary as matched in a text.
type Actor struct {
	Name    string `json:"name"`  // ACLED-style name, e.g. "Military Forces of Syria (2000-)"
	Inter   int    `json:"inter"` // ACLED inter code 1–8
	Country string `json:"country,omitempty"`
	Span    Span   `json:"-"`
}

// Event is one incident: one place, one day (or a span of days), coded with
// ACLED's fields. Its JSON form is the extraction contract's event object.
type Event struct {
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
	CAMEO        string `json:"cameo,omitempty"`
	PLOVER       string `json:"plover,omitempty"`

	Actor1      string `json:"actor1"`
	AssocActor1 string `json:"assoc_actor_1"`
	Inter1      int    `json:"inter1"`
	Actor2      string `json:"actor2"`
	AssocActor2 string `json:"assoc_actor_2"`
	Inter2      int    `json:"inter2"`
	Interaction int    `json:"interaction"`

	Place

	EventDate     string `json:"event_date"`
	DateEnd       string `json:"date_end,omitempty"`
	TimePrecision int    `json:"time_precision"`

	// Fatalities is ACLED's conservative figure: the lowest credible death toll.
	Fatalities     int  `json:"fatalities"`
	FatalitiesLow  *int `json:"fatalities_low"`
	FatalitiesHigh *int `json:"fatalities_high"`

	Claims []Claim `json:"claims"`
	// Evidence maps a field name (event_type, actor1, location, event_date,
	// claims[0], ...) to the span it was read from.
	Evidence map[string]Span `json:"evidence"`
	Notes    string          `json:"notes"`
}

// Interaction returns ACLED's interaction code for two inter codes: the
// smaller first (17, never 71), and the single code times ten when there is
// no second actor.
func Interaction(inter1, inter2 int) int {
	switch {
	case inter1 == 0:
		return inter2 * 10
	case inter2 == 0:
		return inter1 * 10
	case inter1 > inter2:
		return inter2*10 + inter1
	default:
		return inter1*10 + inter2
	}
}

// Toponym is a place name found in a text and what the gazetteer resolved
// it to. Relative places ("8 km east of X", "near X", "X province") are
// already applied: Place carries the offset point and its precision.
type Toponym struct {
	Span Span   // the whole phrase, e.g. "eight kilometers east of Khasham"
	Name string // the name as written, e.g. "Khasham"
	// Place is the resolution; Place.Known() is false for a name that looks
	// like a place but matched nothing in the gazetteer.
	Place Place
	// Kind is "" for a town or point, or one of "country", "admin1", "admin2".
	Kind string
	// Relation is "" or one of "near", "outskirts", "offset", "between",
	// "countryside", "province".
	Relation string
	Score    float64 // higher is more certain; comparable within one text
	Reason   string  // why this candidate won, for people (gazetteer.Explain)
	// Fallback is true when the name itself matched nothing where the text
	// puts it ("Bese (Djugu, Ituri)" with no Bese in Djugu): Place is then
	// the smallest unit around it that the gazetteer knows.
	Fallback bool
}

// UnresolvedPlace is a name that reads as a place ("the village of
// Zorbat", "Bese (Djugu, Ituri)") but that the gazetteer does not know, or
// knows only elsewhere. It is kept with its document, not dropped, so that
// a user can add it to the gazetteer and reprocess; meanwhile the event
// falls back to the smallest unit that is known.
type UnresolvedPlace struct {
	Name string `json:"name"`
	Span Span   `json:"span"` // bytes inside the program, code points in JSON (see Offsets)
	// Fallback names the place used instead ("Djugu, Ituri, Democratic
	// Republic of Congo"), or is empty when there is none.
	Fallback string `json:"fallback,omitempty"`
}

// ErrNotFound is returned by stores for a missing document or event.
var ErrNotFound = errors.New("not found")

// Store keeps documents and the events extracted from them. The embedded
// default is SQLite (package sqlite); teams use PostgreSQL.
type Store interface {
	// PutDocument stores doc and its extracted events. A document already
	// stored (same URL, or same content hash) is not stored again: PutDocument
	// then returns the existing id and created == false.
	PutDocument(ctx context.Context, doc *Document, events []Event) (id string, created bool, err error)
	// Document returns a stored document and its events.
	Document(ctx context.Context, id string) (*Document, []Event, error)
	// Events calls fn for each stored event, oldest document first, until fn
	// returns false or an error occurs.
	Events(ctx context.Context, fn func(docID string, e Event) bool) error
	Close() error
}
