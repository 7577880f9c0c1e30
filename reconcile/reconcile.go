// Package reconcile turns reports into incidents: it matches each event a
// document yields against the incidents already stored, attaches it to the
// one it tells of or starts a new one, and recomputes what the incident's
// reports say together: merged fields, every claim with its document,
// UCDP-style low/best/high death tolls, the number of independent sources
// and an Airwars-style grade with its reasons.
//
// The package holds no state and does no I/O of its own: it reads and
// writes through a sitrep.IncidentTx, so a document and every incident
// change it causes commit in one transaction of whichever store runs it.
// Stores never import this package.
package reconcile

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// Result says what one call changed.
type Result struct {
	DocID   string
	Created bool // the document was new (Ingest)
	// Incidents holds the incident of each event of the document, in
	// order. After Ingest, an incident a later event's match merged into
	// another is the one it was when the event joined it: its id
	// redirects (sitrep.IncidentStore.Incident follows redirects).
	Incidents []string
	New       int // incidents created
	Versions  int // new versions saved (new incidents included)
	Deleted   int // incidents deleted or merged away
}

// Ingest stores doc with its events and attaches each event to the
// incident it tells of, creating incidents as needed. A document already
// stored changes nothing.
func Ingest(ctx context.Context, tx sitrep.IncidentTx, doc *sitrep.Document, events []sitrep.Event) (Result, error) {
	return IngestFingerprint(ctx, tx, doc, events, Fingerprint(doc.Text))
}

// IngestFingerprint is Ingest with the document's fingerprint,
// Fingerprint(doc.Text), computed beforehand: it is a good share of the
// work of ingesting, and a caller can compute it on another core while a
// single writer stores documents.
func IngestFingerprint(ctx context.Context, tx sitrep.IncidentTx, doc *sitrep.Document, events []sitrep.Event, fingerprint []byte) (Result, error) {
	var res Result
	id, created, err := tx.PutDocument(ctx, doc, events, fingerprint)
	if err != nil {
		return res, err
	}
	res.DocID, res.Created = id, created
	if !created {
		return res, nil
	}
	ords := make([]int, len(events))
	for i := range ords {
		ords[i] = i
	}
	u := newUpdate(tx, sitrep.Cause{Kind: "report", DocID: id})
	// The document was stored just now: no reviewer can have pinned its
	// events, and the incidents it starts hold only its own events, which
	// are in memory.
	u.doc = &storedDoc{id: id, doc: doc, events: events, fingerprint: fingerprint}
	if err := u.attach(ctx, id, events, ords, &res); err != nil {
		return res, err
	}
	return res, u.finish(ctx, &res)
}

// Reprocess replaces the stored events of document docID with events (as
// the current extractor reads the document) and re-attaches them. When the
// events are the ones stored and all belong to incidents, nothing changes;
// otherwise the incidents the document left and joined are recomputed, and
// only those whose content changed get a new version. Events a reviewer
// assigned to an incident stay there.
func Reprocess(ctx context.Context, tx sitrep.IncidentTx, docID string, events []sitrep.Event) (Result, error) {
	res := Result{DocID: docID}
	doc, old, err := tx.Document(ctx, docID)
	if err != nil {
		return res, err
	}
	att, err := tx.Attachments(ctx, docID)
	if err != nil {
		return res, err
	}
	u := newUpdate(tx, sitrep.Cause{Kind: "reprocess", DocID: docID})
	var ords []int
	if sameEvents(old, events) {
		for i, inc := range att {
			if inc == "" {
				ords = append(ords, i)
			}
		}
		if len(ords) == 0 {
			res.Incidents = att
			return res, nil
		}
	} else {
		for _, inc := range att {
			if inc != "" {
				u.touch(inc)
			}
		}
		if err := tx.ReplaceEvents(ctx, docID, events); err != nil {
			return res, err
		}
		for i := range events {
			ords = append(ords, i)
		}
	}
	if err := u.attach(ctx, doc.ID, events, ords, &res); err != nil {
		return res, err
	}
	if err := u.finish(ctx, &res); err != nil {
		return res, err
	}
	res.Incidents, err = tx.Attachments(ctx, docID)
	return res, err
}

// sameEvents reports whether two extractions of a document agree.
func sameEvents(a, b []sitrep.Event) bool {
	if len(a) != len(b) {
		return false
	}
	norm := func(e sitrep.Event) string {
		if e.Claims == nil {
			e.Claims = []sitrep.Claim{}
		}
		if e.Evidence == nil {
			e.Evidence = map[string]sitrep.Span{}
		}
		b, _ := json.Marshal(e)
		return string(b)
	}
	for i := range a {
		if norm(a[i]) != norm(b[i]) {
			return false
		}
	}
	return true
}

// update collects the incidents one change touches and saves each once.
type update struct {
	tx      sitrep.IncidentTx
	cause   sitrep.Cause
	touched []string
	merged  map[string]string // incident merged away → the one it went into

	// doc is set when the update ingests a document stored in the same
	// transaction (see IngestFingerprint); fresh then maps each incident
	// the update created to the ords of doc's events attached to it. A
	// fresh incident is not live until finish saves it, so it is never
	// a candidate, a merge target or pinned: its reports are exactly
	// those events, and finish composes it without reading the store.
	doc   *storedDoc
	fresh map[string][]int
}

// storedDoc is a document stored in the current transaction.
type storedDoc struct {
	id          string // as stored
	doc         *sitrep.Document
	events      []sitrep.Event
	fingerprint []byte
	offsets     *sitrep.Offsets // built on first use
}

// report returns event ord of d as Store.Reports would read it back:
// claim spans in code points, no evidence. Seq is left zero: all the
// reports of a fresh incident come from d, so it orders nothing.
func (d *storedDoc) report(ord int) sitrep.Report {
	e := d.events[ord]
	e.Evidence = map[string]sitrep.Span{}
	if len(e.Claims) == 0 {
		e.Claims = []sitrep.Claim{}
	} else {
		if d.offsets == nil {
			d.offsets = sitrep.NewOffsets(d.doc.Text)
		}
		e = d.offsets.Event(e)
	}
	return sitrep.Report{DocID: d.id, Ord: ord, Outlet: d.doc.Outlet, Published: d.doc.Published,
		Fingerprint: d.fingerprint, Event: e}
}

func newUpdate(tx sitrep.IncidentTx, c sitrep.Cause) *update {
	return &update{tx: tx, cause: c, merged: map[string]string{}, fresh: map[string][]int{}}
}

func (u *update) touch(id string) {
	if !slices.Contains(u.touched, id) {
		u.touched = append(u.touched, id)
	}
}

// attach attaches events[ord] of document docID for each ord to the
// incident it matches best, or to the incident a reviewer pinned it to,
// or to a new incident. Two events of one document that match each other
// share an incident, as ACLED codes one event per place, day and type.
// When an event matches several incidents that also match each other,
// they are duplicates and are merged into the oldest (unless a reviewer
// has worked on either).
func (u *update) attach(ctx context.Context, docID string, events []sitrep.Event, ords []int, res *Result) error {
	for _, ord := range ords {
		e := &events[ord]
		var target string
		if u.doc == nil {
			var err error
			if target, err = u.tx.Pinned(ctx, docID, ord); err != nil {
				return err
			}
		}
		if target != "" {
			if _, err := u.tx.Incident(ctx, target); errors.Is(err, sitrep.ErrNotFound) {
				target = ""
			} else if err != nil {
				return err
			}
		}
		var err error
		if target == "" {
			target, err = u.match(ctx, e)
			if err != nil {
				return err
			}
		}
		if target == "" {
			if target, err = u.tx.NewIncident(ctx); err != nil {
				return err
			}
			res.New++
			if u.doc != nil && docID == u.doc.id {
				u.fresh[target] = []int{}
			}
		}
		if err := u.tx.Attach(ctx, docID, ord, target, false); err != nil {
			return err
		}
		if res.Incidents == nil {
			res.Incidents = make([]string, len(events))
		}
		res.Incidents[ord] = target
		if ords, ok := u.fresh[target]; ok {
			u.fresh[target] = append(ords, ord)
		}
		u.touch(target)
	}
	return nil
}

// match returns the best incident for e among the stored candidates, and
// merges the duplicates it reveals.
func (u *update) match(ctx context.Context, e *sitrep.Event) (string, error) {
	q, ok := CandidateQuery(e)
	if !ok {
		return "", nil
	}
	cands, err := u.tx.Candidates(ctx, q)
	if err != nil {
		return "", err
	}
	type scored struct {
		inc   *sitrep.Incident
		score float64
	}
	var fits []scored
	for _, c := range cands {
		if _, gone := u.merged[c.ID]; gone {
			continue
		}
		if s, ok := Match(e, &c.Event); ok {
			fits = append(fits, scored{c, s})
		}
	}
	if len(fits) == 0 {
		return "", nil
	}
	sort.SliceStable(fits, func(i, j int) bool { return fits[i].score > fits[j].score })
	best := fits[0].inc
	for _, f := range fits[1:] {
		if len(best.Reviewers) > 0 || len(f.inc.Reviewers) > 0 {
			continue
		}
		if _, ok := Match(&best.Event, &f.inc.Event); !ok {
			continue
		}
		// Keep the older incident's id: clients may hold it.
		keep, gone := best, f.inc
		if f.inc.CreatedAt.Before(best.CreatedAt) {
			keep, gone = f.inc, best
		}
		if err := u.mergeInto(ctx, keep.ID, gone.ID, false); err != nil {
			return "", err
		}
		best = keep
	}
	return best.ID, nil
}

// mergeInto moves every report of incident from into incident into and
// deletes from with a redirect.
func (u *update) mergeInto(ctx context.Context, into, from string, pin bool) error {
	reports, err := u.tx.Reports(ctx, from)
	if err != nil {
		return err
	}
	for _, r := range reports {
		if err := u.tx.Attach(ctx, r.DocID, r.Ord, into, pin); err != nil {
			return err
		}
	}
	u.merged[from] = into
	u.touch(into)
	u.touch(from)
	return nil
}

// finish recomputes and saves every touched incident: merged ones are
// deleted with a redirect, empty ones deleted, and the others saved when
// their content changed.
func (u *update) finish(ctx context.Context, res *Result) error {
	for _, id := range u.touched {
		if into, ok := u.merged[id]; ok {
			for u.merged[into] != "" {
				into = u.merged[into]
			}
			c := u.cause
			if c.Reviewer == "" {
				c.Kind, c.Note = "merge", "duplicate of incident "+into
			}
			if err := u.tx.Delete(ctx, id, c, into); err != nil {
				return err
			}
			res.Deleted++
			continue
		}
		reports, prev, err := u.current(ctx, id)
		if err != nil {
			return err
		}
		if len(reports) == 0 {
			if err := u.tx.Delete(ctx, id, u.cause, ""); err != nil {
				return err
			}
			res.Deleted++
			continue
		}
		inc, err := Compose(id, reports, prev)
		if err != nil {
			return err
		}
		changed, err := u.tx.Save(ctx, inc, u.cause)
		if err != nil {
			return err
		}
		if changed {
			res.Versions++
		}
	}
	return nil
}

// current returns the reports of incident id and its current state (nil
// for an incident not saved yet).
func (u *update) current(ctx context.Context, id string) ([]sitrep.Report, *sitrep.Incident, error) {
	if ords, ok := u.fresh[id]; ok {
		reports := make([]sitrep.Report, len(ords))
		for i, ord := range ords {
			reports[i] = u.doc.report(ord)
		}
		return reports, nil, nil
	}
	reports, err := reportsOf(ctx, u.tx, id)
	if err != nil {
		return nil, nil, err
	}
	prev, err := u.tx.Incident(ctx, id)
	if errors.Is(err, sitrep.ErrNotFound) {
		prev = nil
	} else if err != nil {
		return nil, nil, err
	}
	return reports, prev, nil
}

// Correct sets fields of incident id as a reviewer decided: values are
// JSON, keyed by the field's JSON name (see Correctable). The correction
// is saved as a new version with the reviewer's name and note, and wins
// over what reports say from now on, through reprocessing too. A JSON null
// value withdraws an earlier correction of that field.
func Correct(ctx context.Context, tx sitrep.IncidentTx, id string, fields map[string]json.RawMessage, c sitrep.Cause) (*sitrep.Incident, error) {
	if err := reviewer(&c, "correction"); err != nil {
		return nil, err
	}
	if len(fields) == 0 {
		return nil, errors.New("reconcile: a correction needs at least one field")
	}
	prev, err := tx.Incident(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("reconcile: incident %s: %w", id, err)
	}
	next := *prev
	next.Corrections = map[string]json.RawMessage{}
	for f, v := range prev.Corrections {
		next.Corrections[f] = v
	}
	for f, v := range fields {
		if !correctable[f] {
			return nil, fmt.Errorf("reconcile: field %q cannot be corrected (fields: %s)", f, correctableList())
		}
		if f == "grade" && !validGrade(v) {
			return nil, fmt.Errorf("reconcile: grade %s is not one of %q, %q, %q, %q", v,
				sitrep.GradeSingle, sitrep.GradeCorroborated, sitrep.GradeContested, sitrep.GradeConfirmed)
		}
		if string(v) == "null" {
			delete(next.Corrections, f)
			continue
		}
		next.Corrections[f] = v
	}
	next.Reviewers = appendNew(slices.Clone(prev.Reviewers), c.Reviewer)
	reports, err := reportsOf(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	inc, err := Compose(id, reports, &next)
	if err != nil {
		return nil, err
	}
	if _, err := tx.Save(ctx, inc, c); err != nil {
		return nil, err
	}
	return inc, nil
}

// Split moves the reports of the given documents out of incident id into a
// new incident, as a reviewer decided, and returns the new incident's id.
// Both incidents get a version naming the reviewer; the moved reports are
// pinned, so neither reprocessing nor matching undoes the split.
func Split(ctx context.Context, tx sitrep.IncidentTx, id string, docIDs []string, c sitrep.Cause) (string, error) {
	if err := reviewer(&c, "split"); err != nil {
		return "", err
	}
	if _, err := tx.Incident(ctx, id); err != nil {
		return "", fmt.Errorf("reconcile: incident %s: %w", id, err)
	}
	reports, err := tx.Reports(ctx, id)
	if err != nil {
		return "", err
	}
	var move, stay []sitrep.Report
	for _, r := range reports {
		if slices.Contains(docIDs, r.DocID) {
			move = append(move, r)
		} else {
			stay = append(stay, r)
		}
	}
	for _, d := range docIDs {
		if !slices.ContainsFunc(move, func(r sitrep.Report) bool { return r.DocID == d }) {
			return "", fmt.Errorf("reconcile: document %q is not a report of incident %s", d, id)
		}
	}
	if len(stay) == 0 {
		return "", fmt.Errorf("reconcile: splitting every report out of incident %s leaves it empty", id)
	}
	newID, err := tx.NewIncident(ctx)
	if err != nil {
		return "", err
	}
	for _, r := range move {
		if err := tx.Attach(ctx, r.DocID, r.Ord, newID, true); err != nil {
			return "", err
		}
	}
	for _, r := range stay {
		if err := tx.Attach(ctx, r.DocID, r.Ord, id, true); err != nil {
			return "", err
		}
	}
	for _, x := range []string{id, newID} {
		if err := saveReviewed(ctx, tx, x, c); err != nil {
			return "", err
		}
	}
	return newID, nil
}

// MergeIncidents merges incidents from into incident into, as a reviewer
// decided: their reports move (pinned) and each leaves a redirect to into.
// into keeps its own corrections.
func MergeIncidents(ctx context.Context, tx sitrep.IncidentTx, into string, from []string, c sitrep.Cause) error {
	if err := reviewer(&c, "merge"); err != nil {
		return err
	}
	if _, err := tx.Incident(ctx, into); err != nil {
		return fmt.Errorf("reconcile: incident %s: %w", into, err)
	}
	u := newUpdate(tx, c)
	for _, f := range from {
		if f == into {
			return fmt.Errorf("reconcile: cannot merge incident %s into itself", f)
		}
		if _, err := tx.Incident(ctx, f); err != nil {
			return fmt.Errorf("reconcile: incident %s: %w", f, err)
		}
		if err := u.mergeInto(ctx, into, f, true); err != nil {
			return err
		}
	}
	// Pin into's own reports too: they were grouped by a person now.
	reports, err := tx.Reports(ctx, into)
	if err != nil {
		return err
	}
	for _, r := range reports {
		if err := tx.Attach(ctx, r.DocID, r.Ord, into, true); err != nil {
			return err
		}
	}
	for _, f := range from {
		if err := tx.Delete(ctx, f, c, into); err != nil {
			return err
		}
	}
	return saveReviewed(ctx, tx, into, c)
}

// saveReviewed recomputes incident id and saves it as the reviewer's
// version.
func saveReviewed(ctx context.Context, tx sitrep.IncidentTx, id string, c sitrep.Cause) error {
	prev, err := tx.Incident(ctx, id)
	if errors.Is(err, sitrep.ErrNotFound) {
		prev = &sitrep.Incident{}
	} else if err != nil {
		return err
	}
	next := *prev
	next.Reviewers = appendNew(slices.Clone(prev.Reviewers), c.Reviewer)
	reports, err := reportsOf(ctx, tx, id)
	if err != nil {
		return err
	}
	inc, err := Compose(id, reports, &next)
	if err != nil {
		return err
	}
	_, err = tx.Save(ctx, inc, c)
	return err
}

func reviewer(c *sitrep.Cause, kind string) error {
	if strings.TrimSpace(c.Reviewer) == "" {
		return fmt.Errorf("reconcile: a %s needs the reviewer's name", kind)
	}
	c.Kind = kind
	return nil
}

func correctableList() string {
	names := make([]string, 0, len(correctable))
	for f := range correctable {
		names = append(names, f)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func validGrade(v json.RawMessage) bool {
	var g *string
	if json.Unmarshal(v, &g) != nil {
		return false
	}
	if g == nil {
		return true
	}
	switch *g {
	case sitrep.GradeSingle, sitrep.GradeCorroborated, sitrep.GradeContested, sitrep.GradeConfirmed:
		return true
	}
	return false
}

// reportsOf returns the reports of incident id, as Compose needs them:
// with fingerprints of one format (see sameFormat).
func reportsOf(ctx context.Context, tx sitrep.IncidentTx, id string) ([]sitrep.Report, error) {
	reports, err := tx.Reports(ctx, id)
	if err != nil {
		return nil, err
	}
	return reports, sameFormat(ctx, tx, reports)
}

// sameFormat makes the fingerprints of reports comparable. A database
// written before sketches holds signatures (see Fingerprint), which
// compare with each other but not with a sketch: when reports mix both,
// as when a wire copy stored before an upgrade meets one ingested after
// it, the signatures are recomputed as sketches from the documents'
// stored texts, and stored, so that each document is recomputed once.
// Reports of signatures only are left as they are: they compare as they
// always did, and recomputing them would cost every old incident a
// document read on its first change for nothing.
func sameFormat(ctx context.Context, tx sitrep.IncidentTx, reports []sitrep.Report) error {
	signatures, sketches := false, false
	for _, r := range reports {
		signatures = signatures || isSignature(r.Fingerprint)
		sketches = sketches || isSketch(r.Fingerprint)
	}
	if !signatures || !sketches {
		return nil
	}
	done := map[string][]byte{}
	for i := range reports {
		r := &reports[i]
		if !isSignature(r.Fingerprint) {
			continue
		}
		fp, ok := done[r.DocID]
		if !ok {
			doc, _, err := tx.Document(ctx, r.DocID)
			if err != nil {
				return fmt.Errorf("reconcile: recomputing the fingerprint of %s: %w", r.DocID, err)
			}
			fp = Fingerprint(doc.Text)
			if err := tx.SetFingerprint(ctx, r.DocID, fp); err != nil {
				return err
			}
			done[r.DocID] = fp
		}
		r.Fingerprint = fp
	}
	return nil
}
