package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/export"
)

// Page sizes of GET /api/events in JSON.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// EventPage is one page of GET /api/events.
type EventPage struct {
	Events []sitrep.Incident `json:"events"`
	// NextCursor continues the listing; it is absent on the last page.
	NextCursor string `json:"next_cursor,omitempty" doc:"pass as cursor for the next page; absent on the last page"`
}

type listInput struct {
	EventQuery
	Sort   string `query:"sort" enum:"event_date,-event_date,updated_at,-updated_at,fatalities,-fatalities" doc:"order; a leading - reverses. Default: the store's stable order (oldest incident first)"`
	Limit  int    `query:"limit" minimum:"1" maximum:"1000000000" doc:"at most this many incidents: JSON pages default to 100 and hold at most 1000; exports default to everything"`
	Cursor string `query:"cursor" doc:"next_cursor of the previous page"`
	Fields string `query:"fields" doc:"comma-separated JSON field names to keep in each event (JSON only)" example:"id,event_date,event_type,latitude,longitude"`
	Format string `query:"format" enum:"json,csv,ucdp,geojson,jsonl" doc:"json (paged), or a streaming export: csv (ACLED columns), ucdp (UCDP GED-style with low/best/high), geojson (RFC 7946), jsonl"`

	fields []string
}

// Resolve checks the paging parameters on top of the filters.
func (in *listInput) Resolve(ctx huma.Context) []error {
	errs := in.EventQuery.Resolve(ctx)
	bad := func(loc, msg string, v any) {
		errs = append(errs, &huma.ErrorDetail{Location: "query." + loc, Message: msg, Value: v})
	}
	json := in.Format == "" || in.Format == "json"
	if json && in.Limit > MaxLimit {
		bad("limit", fmt.Sprintf("a JSON page holds at most %d events; use cursor for more, or an export format", MaxLimit), in.Limit)
	}
	f := &in.filter
	f.Sort = in.Sort
	f.Limit = in.Limit
	if json && f.Limit == 0 {
		f.Limit = DefaultLimit
	}
	if in.Cursor != "" {
		c, err := parseCursor(in.Cursor)
		switch {
		case err != nil:
			bad("cursor", err.Error(), in.Cursor)
		case c.Sort != in.Sort:
			bad("cursor", fmt.Sprintf("the cursor continues a listing sorted by %q; pass the same sort", c.Sort), in.Cursor)
		default:
			f.After, f.AfterKey = c.ID, c.Key
		}
	}
	if in.Fields != "" {
		if !json {
			bad("fields", "fields thins JSON pages only", in.Fields)
		}
		for name := range strings.SplitSeq(in.Fields, ",") {
			name = strings.TrimSpace(name)
			if !incidentFields[name] {
				bad("fields", fmt.Sprintf("no event field %q", name), in.Fields)
				continue
			}
			if !slices.Contains(in.fields, name) {
				in.fields = append(in.fields, name)
			}
		}
	}
	return errs
}

// incidentFields holds the JSON field names of an incident.
var incidentFields = func() map[string]bool {
	m := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				walk(f.Type)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name != "" && name != "-" && f.IsExported() {
				m[name] = true
			}
		}
	}
	walk(reflect.TypeFor[sitrep.Incident]())
	return m
}()

func (s *Server) registerEvents() {
	reg := s.api.OpenAPI().Components.Schemas
	page := reg.Schema(reflect.TypeFor[EventPage](), true, "EventPage")
	huma.Register(s.api, huma.Operation{
		OperationID: "list-events",
		Method:      http.MethodGet,
		Path:        "/api/events",
		Summary:     "List or export incidents",
		Description: "Incidents selected by the filters. JSON comes in pages (limit, cursor); " +
			"the export formats stream every selected incident.",
		Tags: []string{"events"},
		Responses: map[string]*huma.Response{
			"200": {
				Description: "A page of incidents, or an export",
				Content: map[string]*huma.MediaType{
					"application/json":     {Schema: page},
					"text/csv":             {Schema: &huma.Schema{Type: "string"}},
					"application/geo+json": {Schema: &huma.Schema{Type: "object"}},
					"application/x-ndjson": {Schema: &huma.Schema{Type: "string"}},
				},
			},
		},
		Errors: []int{http.StatusUnprocessableEntity, http.StatusBadRequest},
	}, s.listEvents)

	huma.Register(s.api, huma.Operation{
		OperationID: "get-event",
		Method:      http.MethodGet,
		Path:        "/api/events/{id}",
		Summary:     "One incident, with its claims, reports, evidence spans and versions",
		Description: "An incident merged into another redirects (301) to it.",
		Tags:        []string{"events"},
		Errors:      []int{http.StatusNotFound},
	}, s.getEvent)

	huma.Register(s.api, huma.Operation{
		OperationID: "get-event-version",
		Method:      http.MethodGet,
		Path:        "/api/events/{id}/versions/{n}",
		Summary:     "One stored version of an incident",
		Tags:        []string{"events"},
		Errors:      []int{http.StatusNotFound},
	}, s.getEventVersion)

	huma.Register(s.api, huma.Operation{
		OperationID: "list-deletions",
		Method:      http.MethodGet,
		Path:        "/api/deletions",
		Summary:     "Incidents deleted (merged or left without reports) since an instant",
		Description: "For clients that mirror the database: together with updated_since on /api/events, it tells every change.",
		Tags:        []string{"events"},
	}, s.listDeletions)
}

func (s *Server) listEvents(ctx context.Context, in *listInput) (*huma.StreamResponse, error) {
	f := in.filter
	if in.Format != "" && in.Format != "json" {
		return s.exportEvents(in.Format, f), nil
	}
	var buf bytes.Buffer
	buf.WriteString(`{"events":[`)
	// Column values where they do, else stored JSON, else decoded
	// incidents: each way writes the same bytes.
	next, err := s.fieldPage(ctx, &buf, in)
	if errors.Is(err, errors.ErrUnsupported) {
		next, err = s.rawPage(ctx, &buf, in)
	}
	if errors.Is(err, errors.ErrUnsupported) {
		next, err = s.fullPage(ctx, &buf, in)
	}
	if err != nil && f.After != "" && errors.Is(err, sitrep.ErrNotFound) {
		return nil, huma.Error422UnprocessableEntity("cursor does not point at an incident of this server")
	}
	if err != nil {
		return nil, s.internal("listing events", err)
	}
	buf.WriteString("]")
	if next != "" {
		fmt.Fprintf(&buf, `,"next_cursor":%q`, next)
	}
	buf.WriteString("}\n")
	return &huma.StreamResponse{Body: func(hc huma.Context) {
		hc.SetHeader("Content-Type", "application/json")
		if next != "" {
			u := hc.URL()
			q := u.Query()
			q.Set("cursor", next)
			hc.SetHeader("Link", fmt.Sprintf(`<%s?%s>; rel="next"`, u.Path, q.Encode()))
		}
		hc.SetStatus(http.StatusOK)
		_, _ = hc.BodyWriter().Write(buf.Bytes())
	}}, nil
}

// fullPage writes the events of a page, each incident decoded by the store
// and thinned to in.fields when any are given, and returns the next cursor.
func (s *Server) fullPage(ctx context.Context, buf *bytes.Buffer, in *listInput) (next string, err error) {
	f := in.filter
	// One more than the page tells whether a next page exists.
	f.Limit++
	page := make([]*sitrep.Incident, 0, min(f.Limit, 128))
	err = s.incidents(ctx, f, func(inc *sitrep.Incident) bool {
		page = append(page, inc)
		return len(page) < f.Limit
	})
	if err != nil {
		return "", err
	}
	if len(page) == f.Limit {
		page = page[:len(page)-1]
		last := page[len(page)-1]
		next = cursor{Sort: in.Sort, Key: sortKey(in.Sort, last), ID: last.ID}.String()
	}
	for i, inc := range page {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := encodeThinned(buf, inc, in.fields); err != nil {
			return "", fmt.Errorf("encoding events: %w", err)
		}
	}
	return next, nil
}

// encodeThinned writes inc as JSON, keeping only fields when any are
// given. The whole incident is written as a json.Encoder without HTML
// escaping writes it, newline included; picked fields as json.Marshal
// writes them.
func encodeThinned(buf *bytes.Buffer, inc *sitrep.Incident, fields []string) error {
	if len(fields) == 0 {
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(false)
		return enc.Encode(inc)
	}
	b, err := json.Marshal(inc)
	if err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	buf.WriteByte('{')
	n := 0
	for _, k := range fields {
		v, ok := all[k]
		if !ok {
			continue // an omitempty field left out
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		n++
		fmt.Fprintf(buf, "%q:", k)
		buf.Write(v)
	}
	buf.WriteByte('}')
	return nil
}

// exportEvents streams every incident f selects in format. Rows are
// written as the store yields them; nothing is held but the writer's
// buffer. A store failure before the first row is a 500 problem; after
// it, the connection is cut so that the client sees a broken transfer
// rather than a complete-looking file.
func (s *Server) exportEvents(format string, f filter) *huma.StreamResponse {
	return &huma.StreamResponse{Body: func(hc huma.Context) {
		ctx := hc.Context()
		var ew export.Writer
		start := func() {
			hc.SetHeader("Content-Type", export.ContentType(format))
			hc.SetHeader("Content-Disposition", fmt.Sprintf(`attachment; filename="sitrep-events%s"`, export.Extension(format)))
			hc.SetStatus(http.StatusOK)
			ew, _ = export.NewWriter(hc.BodyWriter(), format)
		}
		var werr error
		write := func(inc *sitrep.Incident, j *export.IncidentJSON) bool {
			if ew == nil {
				start()
			}
			if j != nil {
				werr = ew.(export.RawWriter).WriteJSON(j)
			} else {
				werr = ew.Write(inc)
			}
			return werr == nil
		}
		var err error
		if rawFormat(format) {
			err = s.incidentsRaw(ctx, f, write)
		} else {
			err = s.incidents(ctx, f, func(inc *sitrep.Incident) bool { return write(inc, nil) })
		}
		if err == nil && werr == nil {
			if ew == nil {
				start()
			}
			werr = ew.Close()
		}
		switch {
		case err != nil && ew == nil:
			s.log.Error("export", "err", err)
			hc.SetHeader("Content-Type", "application/problem+json")
			hc.SetStatus(http.StatusInternalServerError)
			_ = json.NewEncoder(hc.BodyWriter()).Encode(&huma.ErrorModel{Status: 500, Title: "Internal Server Error", Detail: "the store failed; see the server log"})
		case err != nil:
			s.log.Error("export cut short", "err", err)
			panic(http.ErrAbortHandler)
		case werr != nil:
			// The client went away, most likely.
			s.log.Debug("export not delivered", "err", werr)
		}
	}}
}

// rawFormat reports whether the writer of format writes stored JSON (is
// an export.RawWriter).
func rawFormat(format string) bool {
	w, err := export.NewWriter(io.Discard, format)
	_, ok := w.(export.RawWriter)
	return err == nil && ok
}

// internal logs err and returns a 500 problem that does not leak it.
func (s *Server) internal(what string, err error) error {
	if errors.Is(err, context.Canceled) {
		return huma.NewError(499, "client closed request")
	}
	s.log.Error(what, "err", err)
	return huma.Error500InternalServerError(what + " failed; see the server log")
}

// ReportDoc is one report of an incident: the document's metadata.
type ReportDoc struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	URL       string `json:"url"`
	Published string `json:"published" doc:"RFC 3339, or empty when unknown"`
	Href      string `json:"href" doc:"the document in this API, with its text and spans"`
}

// EventDetail is GET /api/events/{id}: the incident with its claims
// (claims, sourced_claims, each with its span and document), its evidence
// spans (evidence), the documents that report it and its versions.
type EventDetail struct {
	sitrep.Incident
	ReportDocs []ReportDoc          `json:"report_documents"`
	Versions   []sitrep.VersionInfo `json:"versions"`
}

type eventInput struct {
	ID string `path:"id" maxLength:"200"`
}

type eventOutput struct {
	Status   int
	Location string `header:"Location"`
	Body     *EventDetail
}

func (s *Server) getEvent(ctx context.Context, in *eventInput) (*eventOutput, error) {
	inc, err := s.store.Incident(ctx, in.ID)
	if err != nil {
		return nil, s.notFound("event", in.ID, err)
	}
	if inc.ID != in.ID {
		return &eventOutput{Status: http.StatusMovedPermanently, Location: "/api/events/" + url.PathEscape(inc.ID)}, nil
	}
	d := &EventDetail{Incident: *inc, ReportDocs: []ReportDoc{}}
	for _, id := range inc.Reports {
		doc, _, err := s.store.Document(ctx, id)
		if errors.Is(err, sitrep.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, s.internal("reading a report", err)
		}
		rd := ReportDoc{ID: doc.ID, Title: doc.Title, Outlet: doc.Outlet, URL: doc.URL, Href: "/api/documents/" + url.PathEscape(doc.ID)}
		if !doc.Published.IsZero() {
			rd.Published = doc.Published.Format(time.RFC3339)
		}
		d.ReportDocs = append(d.ReportDocs, rd)
	}
	d.Versions, err = s.store.Versions(ctx, inc.ID)
	if err != nil {
		return nil, s.internal("listing versions", err)
	}
	if d.Versions == nil {
		d.Versions = []sitrep.VersionInfo{}
	}
	return &eventOutput{Status: http.StatusOK, Body: d}, nil
}

// notFound turns a store's ErrNotFound into a 404 and anything else into a
// 500.
func (s *Server) notFound(what, id string, err error) error {
	if errors.Is(err, sitrep.ErrNotFound) {
		return huma.Error404NotFound(fmt.Sprintf("no %s %q", what, id))
	}
	return s.internal("reading "+what, err)
}

type versionInput struct {
	ID string `path:"id" maxLength:"200"`
	N  int    `path:"n" minimum:"1"`
}

type versionOutput struct {
	Body *sitrep.Incident
}

func (s *Server) getEventVersion(ctx context.Context, in *versionInput) (*versionOutput, error) {
	inc, err := s.store.Version(ctx, in.ID, in.N)
	if err != nil {
		return nil, s.notFound("version", fmt.Sprintf("%s/%d", in.ID, in.N), err)
	}
	return &versionOutput{Body: inc}, nil
}

type deletionsInput struct {
	Since string `query:"since" doc:"deleted at or after this instant, RFC 3339; default: all" example:"2020-05-10T00:00:00Z"`
	Limit int    `query:"limit" minimum:"1" maximum:"100000" default:"10000"`

	since time.Time
}

func (in *deletionsInput) Resolve(huma.Context) []error {
	if in.Since == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, in.Since)
	if err != nil {
		return []error{&huma.ErrorDetail{Location: "query.since", Message: "want an RFC 3339 instant such as 2020-05-10T00:00:00Z", Value: in.Since}}
	}
	in.since = t
	return nil
}

// Deletions is GET /api/deletions.
type Deletions struct {
	Deletions []sitrep.Deletion `json:"deletions"`
	// More is set when limit cut the list: ask again with since set to
	// the last deletion's at.
	More bool `json:"more" doc:"limit cut the list: ask again with since = the last deletion's at"`
}

type deletionsOutput struct{ Body *Deletions }

func (s *Server) listDeletions(ctx context.Context, in *deletionsInput) (*deletionsOutput, error) {
	out := &Deletions{Deletions: []sitrep.Deletion{}}
	err := s.store.Deletions(ctx, in.since, func(d sitrep.Deletion) bool {
		if len(out.Deletions) == in.Limit {
			out.More = true
			return false
		}
		out.Deletions = append(out.Deletions, d)
		return true
	})
	if err != nil {
		return nil, s.internal("listing deletions", err)
	}
	return &deletionsOutput{Body: out}, nil
}
