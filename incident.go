package sitrep

import (
	"context"
	"encoding/json"
	"time"
)

// An Incident is one event as the database knows it after every report of
// it has been merged: GDELT counts reports, sitrep counts incidents. Its
// fields are recomputed from its reports whenever one is added or changes,
// and every change is kept as a numbered version.
//
// The JSON form is the extraction contract's event object (the embedded
// Event, whose Claims are the claims still standing after deduplication)
// plus the fields below.
type Incident struct {
	ID string `json:"id"`
	Event
	// FatalitiesBest is UCDP's best estimate of deaths; nil when no report
	// gave a death toll. See package reconcile for how it is chosen.
	FatalitiesBest *int `json:"fatalities_best"`
	// Grade is one of the Grade constants; GradeReasons say why, for people.
	Grade        string   `json:"grade"`
	GradeReasons []string `json:"grade_reasons"`
	// Sources counts independent sources: wire copies of one story and
	// reports of one outlet count once.
	Sources int `json:"sources"`
	// Reports lists the ids of the documents that tell of the incident,
	// oldest first.
	Reports []string `json:"reports"`
	// SourcedClaims keeps every claim of every report with the document it
	// came from, including repeats and superseded figures.
	SourcedClaims []SourcedClaim `json:"sourced_claims"`
	// Corrections holds the fields a reviewer has set, by JSON field name
	// ("event_type", "location", "fatalities_best", ...). They win over
	// what the reports say, and reprocessing keeps them.
	Corrections map[string]json.RawMessage `json:"corrections,omitempty"`
	// Reviewers names the people who corrected, split or merged the
	// incident. Reconciling never merges a reviewed incident on its own.
	Reviewers []string `json:"reviewers,omitempty"`

	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Grades, in the spirit of Airwars' (see docs/event-coding.md).
const (
	GradeSingle       = "single source" // one independent source
	GradeCorroborated = "corroborated"  // two or more independent outlets or claimants
	GradeContested    = "contested"     // sources disagree on who did it, or a party denies it
	GradeConfirmed    = "confirmed"     // the acting party acknowledges it
)

// Claim statuses in SourcedClaim.
const (
	ClaimCurrent    = "current"    // counted in the incident's figures
	ClaimRepeated   = "repeated"   // the same claimant's same figure, told again
	ClaimSuperseded = "superseded" // replaced by a later, higher figure of the same claimant
)

// SourcedClaim is one claim of one report.
type SourcedClaim struct {
	DocID string `json:"doc_id"`
	Claim
	Status string `json:"status"`
}

// Report is one document's account of an incident: the event extracted
// from it and what reconciling needs to know about the document. Spans in
// Event are code point offsets into the document's text, as the contract
// publishes them.
type Report struct {
	DocID string
	Ord   int   // the event's position among the document's events
	Seq   int64 // the order documents were stored in
	// Outlet and Published come from the document.
	Outlet      string
	Published   time.Time
	Fingerprint []byte // a near-duplicate signature of the document's text
	Event       Event
}

// Cause says what made an incident change: a document, or a reviewer.
type Cause struct {
	// Kind is one of "report" (a new document), "reprocess", "correction",
	// "split", "merge".
	Kind     string `json:"kind"`
	DocID    string `json:"doc_id,omitempty"`
	Reviewer string `json:"reviewer,omitempty"`
	Note     string `json:"note,omitempty"`
}

// VersionInfo describes one stored version of an incident.
type VersionInfo struct {
	N  int       `json:"version"`
	At time.Time `json:"at"`
	Cause
}

// Deletion records an incident that no longer exists: merged into another
// (RedirectTo is then set), or left without reports.
type Deletion struct {
	ID         string    `json:"id"`
	At         time.Time `json:"at"`
	RedirectTo string    `json:"redirect_to,omitempty"`
	Cause
}

// IncidentFilter selects incidents. Zero fields select everything.
type IncidentFilter struct {
	UpdatedSince time.Time // updated at or after this instant
	From, To     string    // event_date range, YYYY-MM-DD, inclusive
	ISO3         string
	EventType    string
	// After is the ID of the last incident of the previous page: listing
	// resumes after it, in the store's stable order.
	After string
	Limit int // at most this many; 0 is no limit

	// Box keeps incidents placed inside it; unplaced incidents (0, 0)
	// are in no box.
	Box *Box
	// RadiusKm > 0 keeps incidents within RadiusKm kilometres (great
	// circle) of NearLat, NearLon.
	NearLat, NearLon, RadiusKm float64
	Admin1                     string // case-insensitive
	SubEventType               string
	// Actor keeps incidents with actor1, actor2 or an associated actor
	// containing it, case-insensitively.
	Actor string
	// Inter keeps incidents whose inter1 or inter2 is one of these codes.
	Inter         []int
	MinFatalities int
	Grade         string
	// Text is a full-text search over the notes and the reports' text:
	// words, all of which must appear; a trailing * matches a prefix.
	Text string
	// Sort is "" for the stable order, or one of event_date, updated_at,
	// fatalities, with a leading "-" for descending; ties go by id.
	Sort string
	// AfterKey is the sort key of After when Sort is set: the event date,
	// the updated_at instant (RFC 3339) or the fatalities, as text.
	AfterKey string
}

// CandidateQuery asks for the live incidents an event could belong to:
// in country ISO3, with an event date in [From, To], and either in Admin1
// or within Box.
type CandidateQuery struct {
	ISO3, Admin1 string
	From, To     string
	Box          *Box
}

// Box is a latitude/longitude bounding box.
type Box struct {
	MinLat, MaxLat, MinLon, MaxLon float64
}

// IncidentStore is a Store that also keeps incidents, their versions and
// what became of deleted ones. Writes go through Update, so that a
// document and every incident change it causes commit together.
type IncidentStore interface {
	Store
	// Update runs fn in one write transaction, committed when fn returns
	// nil and rolled back otherwise.
	Update(ctx context.Context, fn func(tx IncidentTx) error) error
	// Documents calls fn for each stored document, oldest first, without
	// its events.
	Documents(ctx context.Context, fn func(*Document) bool) error
	// Incidents calls fn for each live incident selected by f, in a stable
	// order (oldest first), until fn returns false.
	Incidents(ctx context.Context, f IncidentFilter, fn func(*Incident) bool) error
	// Incident returns the current version of incident id, following
	// redirects left by merges. It wraps ErrNotFound for an unknown id or
	// a deleted incident.
	Incident(ctx context.Context, id string) (*Incident, error)
	// Versions lists the versions of incident id, oldest first.
	Versions(ctx context.Context, id string) ([]VersionInfo, error)
	// Version returns version n of incident id as it was stored.
	Version(ctx context.Context, id string, n int) (*Incident, error)
	// Deletions calls fn for each incident deleted at or after since,
	// oldest first.
	Deletions(ctx context.Context, since time.Time, fn func(Deletion) bool) error
}

// IncidentTx is what reconciling reads and writes inside one transaction.
type IncidentTx interface {
	// PutDocument stores doc and its events as Store.PutDocument does,
	// with a near-duplicate fingerprint of its text. Events are stored
	// without an incident; Attach assigns them.
	PutDocument(ctx context.Context, doc *Document, events []Event, fingerprint []byte) (id string, created bool, err error)
	// Document returns a stored document and its events (byte spans).
	Document(ctx context.Context, id string) (*Document, []Event, error)
	// Attachments returns, for each event of document docID in order, the
	// incident it belongs to, or "" for none.
	Attachments(ctx context.Context, docID string) ([]string, error)
	// ReplaceEvents replaces the events of document docID with events,
	// which belong to no incident until attached.
	ReplaceEvents(ctx context.Context, docID string, events []Event) error
	// SetUnresolved replaces the unresolved place names kept with document
	// docID, as a new extraction of it found them.
	SetUnresolved(ctx context.Context, docID string, places []UnresolvedPlace) error
	// Candidates returns the live incidents that q selects.
	Candidates(ctx context.Context, q CandidateQuery) ([]*Incident, error)
	// Incident returns the current state of a live incident, without
	// following redirects.
	Incident(ctx context.Context, id string) (*Incident, error)
	// Reports returns the reports attached to incident id, oldest document
	// first.
	Reports(ctx context.Context, id string) ([]Report, error)
	// SetFingerprint replaces the fingerprint stored with document docID:
	// reconciling recomputes fingerprints of an older format from the
	// document's text when it meets them (see package reconcile).
	SetFingerprint(ctx context.Context, docID string, fingerprint []byte) error
	// NewIncident reserves a new incident id. The incident has no version
	// until it is saved.
	NewIncident(ctx context.Context) (id string, err error)
	// Attach assigns event ord of document docID to incident id. With pin
	// set the assignment is a reviewer's, and Pinned reports it from then
	// on.
	Attach(ctx context.Context, docID string, ord int, id string, pin bool) error
	// Pinned returns the incident a reviewer assigned event ord of docID
	// to, or "".
	Pinned(ctx context.Context, docID string, ord int) (string, error)
	// Save stores inc as a new version when its content differs from the
	// current version, setting inc.Version, CreatedAt and UpdatedAt, and
	// reports whether it did.
	Save(ctx context.Context, inc *Incident, c Cause) (changed bool, err error)
	// Delete deletes incident id, recording the deletion and, when
	// redirectTo is set, a redirect to it.
	Delete(ctx context.Context, id string, c Cause, redirectTo string) error
}
