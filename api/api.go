// Package api serves stored events over HTTP: a JSON listing and a minimal
// page for people. It reads through the sitrep.Store interface only, so it
// serves SQLite and PostgreSQL alike.
package api

import (
	"encoding/json"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// Server answers HTTP requests from a Store.
type Server struct {
	store sitrep.Store
	log   *slog.Logger
	mux   *http.ServeMux
}

// New returns a server over store. Its routes:
//
//	GET /             a page listing the stored events
//	GET /api/events   the same events as JSON ({"events": [...]}), ?limit=N
//	GET /healthz      liveness
func New(store sitrep.Store, log *slog.Logger) *Server {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{store: store, log: log, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /{$}", s.page)
	s.mux.HandleFunc("GET /api/events", s.events)
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'")
	s.mux.ServeHTTP(w, r)
	s.log.Debug("http", "method", r.Method, "path", r.URL.Path, "took", time.Since(start))
}

// StoredEvent is an event as listed by the API: the extraction contract's
// fields plus the document it was read from.
type StoredEvent struct {
	DocID string `json:"doc_id"`
	sitrep.Event
}

const defaultLimit, maxLimit = 100, 10000

func (s *Server) list(r *http.Request) ([]StoredEvent, error) {
	limit := defaultLimit
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			return nil, errBadLimit
		}
		limit = n
	}
	var out []StoredEvent
	err := s.store.Events(r.Context(), func(docID string, e sitrep.Event) bool {
		out = append(out, StoredEvent{DocID: docID, Event: e})
		return len(out) < limit
	})
	return out, err
}

type apiError string

func (e apiError) Error() string { return string(e) }

const errBadLimit = apiError("limit must be a whole number from 1 to 10000")

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	if _, ok := err.(apiError); ok {
		status = http.StatusBadRequest
	} else {
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"type": "about:blank", "title": http.StatusText(status), "status": status, "detail": err.Error(),
	})
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	evs, err := s.list(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if evs == nil {
		evs = []StoredEvent{}
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(map[string]any{"events": evs})
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	evs, err := s.list(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pageTmpl.Execute(w, evs); err != nil {
		s.log.Error("render page", "err", err)
	}
}

// pageTmpl escapes everything it prints: article text carries HTML.
var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sitrep</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left}</style>
</head><body>
<h1>sitrep</h1>
<p>{{len .}} events. JSON: <a href="/api/events">/api/events</a>. Place data © GeoNames (CC BY 4.0).</p>
<table><thead><tr><th>Date</th><th>Type</th><th>Place</th><th>Actors</th><th>Fatalities</th><th>Notes</th></tr></thead><tbody>
{{range .}}<tr><td>{{.EventDate}}</td><td>{{.EventType}}<br><small>{{.SubEventType}}</small></td><td>{{.Location}}{{if .Admin1}}, {{.Admin1}}{{end}}{{if .Country}} ({{.Country}}){{end}}</td><td>{{.Actor1}}{{if .Actor2}} / {{.Actor2}}{{end}}</td><td>{{.Fatalities}}</td><td>{{.Notes}}</td></tr>
{{end}}</tbody></table>
</body></html>
`))
