package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/ingest"
)

// maxActionBody bounds the bodies of the UI's actions.
const maxActionBody = 10 << 20

// PreviewRequest is the body of POST /ui/preview: a document as the add
// page has it. Give text, html, or a url to fetch.
type PreviewRequest struct {
	Name      string `json:"name,omitempty"` // a file name, for messages
	Text      string `json:"text,omitempty"`
	HTML      string `json:"html,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD or RFC 3339
}

// Preview is the answer to POST /ui/preview: the cleaned document, its
// events with code point spans, every span for highlighting, and Save,
// the body to POST to /api/documents to store it as previewed.
type Preview struct {
	Title     string           `json:"title"`
	Outlet    string           `json:"outlet"`
	URL       string           `json:"url"`
	Published string           `json:"published"`
	Dateline  *sitrep.Dateline `json:"dateline,omitempty"`
	Text      string           `json:"text"`
	Events    []sitrep.Event   `json:"events"`
	Spans     []Span           `json:"spans"`
	Save      SaveDocument     `json:"save"`
}

// Span is one evidence or claim span of a previewed document, in code
// points, as the API's document view has them.
type Span = sitrep.FieldSpan

// SaveDocument is the API's NewDocument (POST /api/documents).
type SaveDocument struct {
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text,omitempty"`
	HTML      string `json:"html,omitempty"`
}

func (h *handler) preview(w http.ResponseWriter, r *http.Request) {
	if h.opt.Preview == nil {
		fail(w, http.StatusServiceUnavailable, "this server does not preview documents")
		return
	}
	var req PreviewRequest
	if !readJSON(w, r, &req) {
		return
	}
	name := req.Name
	if name == "" {
		name = "the document"
	}
	save := SaveDocument{Title: req.Title, URL: req.URL, Outlet: req.Outlet, Published: req.Published, Text: req.Text, HTML: req.HTML}
	if req.Text == "" && req.HTML == "" {
		if req.URL == "" {
			fail(w, http.StatusUnprocessableEntity, name+": give text, HTML, a file or a URL")
			return
		}
		body, ct, err := h.opt.Fetch(r.Context(), req.URL)
		if err != nil {
			fail(w, http.StatusBadGateway, err.Error())
			return
		}
		media, _, _ := mime.ParseMediaType(ct)
		switch {
		case media == "text/html" || media == "application/xhtml+xml" || media == "":
			save.HTML = string(body)
		case strings.HasPrefix(media, "text/"):
			save.Text = string(body)
		default:
			fail(w, http.StatusUnsupportedMediaType, fmt.Sprintf("%s: %s is neither HTML nor text", req.URL, media))
			return
		}
	}
	var opt ingest.Options
	opt.Outlet = req.Outlet
	if req.Published != "" {
		t, err := parseWhen(req.Published)
		if err != nil {
			fail(w, http.StatusUnprocessableEntity, name+": published: "+err.Error())
			return
		}
		opt.Published = t
	}
	var doc *sitrep.Document
	var err error
	if save.HTML != "" {
		doc, err = ingest.HTML(name, []byte(save.HTML), opt)
	} else {
		doc, err = ingest.Text(name, []byte(save.Text), opt)
	}
	if err != nil {
		fail(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	if !opt.Published.IsZero() {
		doc.Published = opt.Published
	}
	if req.Title != "" {
		doc.Title = req.Title
	}
	if req.URL != "" && doc.URL == "" {
		doc.URL = req.URL
	}
	events, err := h.opt.Preview(r.Context(), doc)
	if err != nil {
		h.opt.Log.Error("preview", "doc", name, "err", err)
		fail(w, http.StatusInternalServerError, name+": extraction failed; see the server log")
		return
	}
	out := Preview{Title: doc.Title, Outlet: doc.Outlet, URL: doc.URL, Text: doc.Text,
		Save: save}
	if !doc.Published.IsZero() {
		out.Published = doc.Published.Format(time.RFC3339)
	}
	off := sitrep.NewOffsets(doc.Text)
	out.Dateline = off.Dateline(doc.Dateline)
	out.Events, out.Spans = off.Evidence(events)
	writeJSON(w, http.StatusOK, out)
}

// CorrectionRequest is the body of POST /ui/events/{id}/corrections.
type CorrectionRequest struct {
	Reviewer string                     `json:"reviewer"`
	Note     string                     `json:"note"`
	Fields   map[string]json.RawMessage `json:"fields"`
}

func (h *handler) correct(w http.ResponseWriter, r *http.Request) {
	if h.opt.Correct == nil {
		fail(w, http.StatusServiceUnavailable, "this server does not take corrections")
		return
	}
	var req CorrectionRequest
	if !readJSON(w, r, &req) {
		return
	}
	if strings.TrimSpace(req.Reviewer) == "" {
		fail(w, http.StatusUnprocessableEntity, "a correction needs the reviewer's name")
		return
	}
	if len(req.Fields) == 0 {
		fail(w, http.StatusUnprocessableEntity, "a correction needs at least one field")
		return
	}
	id := r.PathValue("id")
	inc, err := h.opt.Correct(r.Context(), id, req.Fields, sitrep.Cause{Kind: "correction", Reviewer: strings.TrimSpace(req.Reviewer), Note: req.Note})
	switch {
	case errors.Is(err, sitrep.ErrNotFound):
		fail(w, http.StatusNotFound, fmt.Sprintf("no event %q", id))
		return
	case err != nil:
		// Correct's errors name the field or value at fault.
		fail(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, inc)
}

// readJSON decodes a same-origin JSON body into v, answering the error
// itself when it cannot.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if !sameOrigin(r) {
		fail(w, http.StatusForbidden, "cross-origin request refused")
		return false
	}
	if media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); media != "application/json" {
		fail(w, http.StatusUnsupportedMediaType, "send application/json")
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxActionBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body over the limit of %d bytes", maxActionBody))
			return false
		}
		fail(w, http.StatusBadRequest, "malformed JSON body: "+err.Error())
		return false
	}
	if _, err := dec.Token(); err != io.EOF {
		fail(w, http.StatusBadRequest, "trailing data after the JSON body")
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// fail writes an RFC 9457 problem document, as the API does.
func fail(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"title": http.StatusText(status), "status": status, "detail": detail})
}

// parseWhen reads YYYY-MM-DD or RFC 3339.
func parseWhen(s string) (time.Time, error) {
	if t, err := time.Parse(sitrep.DateLayout, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is neither YYYY-MM-DD nor RFC 3339", s)
}
