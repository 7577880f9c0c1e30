// Package api serves stored incidents over HTTP: a JSON API described by
// an OpenAPI 3.1 document at /openapi.json, streaming exports, health
// checks, Prometheus metrics and a minimal page for people.
//
// It reads through the sitrep.IncidentStore interface, so it serves
// SQLite and PostgreSQL alike; a store that is also a sitrep.PointStore, a
// FieldStore or a RawStore answers map points, pages and JSON Lines
// exports without decoding whole incidents. Ingestion and gazetteer search are injected
// as functions (Options), so this package needs neither the extractor nor
// the reconciler.
package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/VictoriaMetrics/metrics"
	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/sitrep-dev/sitrep"
)

// DefaultMaxBodyBytes bounds request bodies: ten megabytes holds a few
// thousand articles.
const DefaultMaxBodyBytes = 10 << 20

// Options configure a Server. Every field may be left zero.
type Options struct {
	// Ingest stores documents posted to /api/documents: it extracts their
	// events, reconciles them into incidents and stores them. Without it,
	// POST /api/documents answers 503.
	Ingest func(ctx context.Context, docs []*sitrep.Document) ([]Ingested, error)
	// Places searches the gazetteer for GET /api/places. country may be
	// empty; results come best first. Without it, /api/places answers 503.
	Places func(ctx context.Context, q, country string, limit int) ([]PlaceHit, error)
	// Version is the API version the OpenAPI document states.
	Version string
	// MaxBodyBytes bounds request bodies; 0 is DefaultMaxBodyBytes.
	MaxBodyBytes int64
}

// Ingested says what became of one posted document.
type Ingested struct {
	ID      string `json:"id" doc:"the stored document's id"`
	Created bool   `json:"created" doc:"false when the same document (URL or text) was already stored"`
	Events  int    `json:"events" doc:"events extracted from it"`
	// Incidents lists the incidents its events were filed under.
	Incidents []string `json:"incidents" doc:"incidents its events were filed under"`
}

// PlaceHit is one gazetteer match.
type PlaceHit struct {
	sitrep.Place
	Kind  string  `json:"kind" doc:"'' for a town or point, or country, admin1, admin2"`
	Score float64 `json:"score"`
}

// Server answers HTTP requests from an IncidentStore.
type Server struct {
	store   sitrep.IncidentStore
	log     *slog.Logger
	opt     Options
	api     huma.API
	metrics *metrics.Set
	handler http.Handler
}

// New returns a server over store. See the OpenAPI document (GET
// /openapi.json) for the API; besides it, the server answers
//
//	GET /          a page listing recent incidents
//	GET /healthz   liveness: the process answers
//	GET /readyz    readiness: the store answers
//	GET /metrics   Prometheus metrics
func New(store sitrep.IncidentStore, log *slog.Logger, opt Options) *Server {
	if log == nil {
		log = slog.Default()
	}
	if opt.MaxBodyBytes <= 0 {
		opt.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opt.Version == "" {
		opt.Version = "1"
	}
	s := &Server{store: store, log: log, opt: opt, metrics: metrics.NewSet()}
	mux := http.NewServeMux()

	cfg := huma.DefaultConfig("sitrep", opt.Version)
	cfg.Info.Description = "Conflict events extracted from news reports, with sources, claims and evidence spans. Place data: GeoNames (https://www.geonames.org/), CC BY 4.0."
	cfg.CreateHooks = nil // no $schema fields in responses
	cfg.DocsPath = ""     // the docs page loads scripts from a CDN; the CSP forbids that
	cfg.RejectUnknownQueryParameters = true
	s.api = humago.New(mux, cfg)
	s.api.UseMiddleware(s.instrument)
	s.register()

	mux.HandleFunc("GET /{$}", s.timed("/", s.page))
	mux.HandleFunc("GET /healthz", s.timed("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	}))
	mux.HandleFunc("GET /readyz", s.timed("/readyz", s.ready))
	mux.HandleFunc("GET /metrics", s.serveMetrics)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		problem(w, http.StatusNotFound, "no such resource: "+r.URL.Path)
	})
	s.handler = s.secure(s.limitBody(etags(mux)))
	return s
}

// OpenAPI returns the API's OpenAPI document.
func (s *Server) OpenAPI() *huma.OpenAPI { return s.api.OpenAPI() }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// csp allows nothing but inline styles and same-origin links: the page
// shows article text, which carries HTML and scripts, and no script of
// ours needs to run.
const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", csp)
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// limitBody refuses bodies over the limit up front when the client says
// how long they are, and cuts off the others.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.opt.MaxBodyBytes {
			// The rest of the body is not read: close the connection
			// rather than drain megabytes nobody wants.
			w.Header().Set("Connection", "close")
			problem(w, http.StatusRequestEntityTooLarge,
				fmt.Sprintf("request body of %d bytes is over the limit of %d bytes", r.ContentLength, s.opt.MaxBodyBytes))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBodyBytes+1)
		next.ServeHTTP(w, r)
	})
}

// problem writes an RFC 9457 problem document, as huma writes its errors.
func problem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(&huma.ErrorModel{Title: http.StatusText(status), Status: status, Detail: detail})
}

// instrument records each API operation's latency under its route.
func (s *Server) instrument(ctx huma.Context, next func(huma.Context)) {
	start := time.Now()
	next(ctx)
	s.routeLatency(ctx.Operation().Path).UpdateDuration(start)
	s.log.Debug("http", "method", ctx.Method(), "route", ctx.Operation().Path, "status", ctx.Status(), "took", time.Since(start))
}

func (s *Server) timed(route string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h(w, r)
		s.routeLatency(route).UpdateDuration(start)
	}
}

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	err := s.store.Incidents(ctx, sitrep.IncidentFilter{Limit: 1}, func(*sitrep.Incident) bool { return false })
	if err != nil {
		s.log.Warn("not ready", "err", err)
		problem(w, http.StatusServiceUnavailable, "the store does not answer")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// etags gives successful GET responses an ETag (a hash of the body) and
// answers a matching If-None-Match with 304 Not Modified. Exports stream
// and are passed through untouched; so is any body over maxETagBody.
func etags(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path == "/metrics" || isExport(r) {
			next.ServeHTTP(w, r)
			return
		}
		bw := &bufferedWriter{w: w, status: http.StatusOK}
		next.ServeHTTP(bw, r)
		if bw.passthrough {
			return
		}
		if bw.status == http.StatusOK {
			sum := sha256.Sum256(bw.buf.Bytes())
			tag := `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
			w.Header().Set("ETag", tag)
			if matchETag(r.Header.Get("If-None-Match"), tag) {
				h := w.Header()
				h.Del("Content-Type")
				h.Del("Content-Length")
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.WriteHeader(bw.status)
		_, _ = w.Write(bw.buf.Bytes())
	})
}

func isExport(r *http.Request) bool {
	f := r.URL.Query().Get("format")
	return f != "" && f != "json"
}

// matchETag implements If-None-Match's weak comparison.
func matchETag(header, tag string) bool {
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == tag || t == "*" {
			return true
		}
	}
	return false
}

const maxETagBody = 8 << 20

// bufferedWriter holds a response until it is complete, or until it grows
// past maxETagBody: it then writes through.
type bufferedWriter struct {
	w           http.ResponseWriter
	buf         bytes.Buffer
	status      int
	wrote       bool
	passthrough bool
}

func (b *bufferedWriter) Header() http.Header { return b.w.Header() }

func (b *bufferedWriter) WriteHeader(status int) {
	if b.wrote {
		return
	}
	b.wrote = true
	b.status = status
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.wrote = true
	if b.passthrough {
		return b.w.Write(p)
	}
	if b.buf.Len()+len(p) > maxETagBody {
		b.passthrough = true
		b.w.WriteHeader(b.status)
		if _, err := b.w.Write(b.buf.Bytes()); err != nil {
			return 0, err
		}
		b.buf = bytes.Buffer{}
		return b.w.Write(p)
	}
	return b.buf.Write(p)
}

// page lists the most recently changed incidents. A later issue replaces
// it with the web UI.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	var incs []*sitrep.Incident
	err := s.incidents(r.Context(), filter{Sort: "-updated_at", Limit: 100}, func(inc *sitrep.Incident) bool {
		incs = append(incs, inc)
		return true
	})
	if err != nil {
		s.log.Error("page", "err", err)
		problem(w, http.StatusInternalServerError, "the store failed; see the server log")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pageTmpl.Execute(w, incs); err != nil {
		s.log.Error("render page", "err", err)
	}
}

// pageTmpl escapes everything it prints: article text carries HTML.
var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sitrep</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}</style>
</head><body>
<h1>sitrep</h1>
<p>{{len .}} most recently changed incidents. API: <a href="/api/events">/api/events</a>, described at <a href="/openapi.json">/openapi.json</a>. Place data © GeoNames (CC BY 4.0).</p>
<table><thead><tr><th>Date</th><th>Type</th><th>Place</th><th>Actors</th><th>Fatalities</th><th>Grade</th><th>Notes</th></tr></thead><tbody>
{{range .}}<tr><td><a href="/api/events/{{.ID}}">{{.EventDate}}</a></td><td>{{.EventType}}<br><small>{{.SubEventType}}</small></td><td>{{.Location}}{{if .Admin1}}, {{.Admin1}}{{end}}{{if .Country}} ({{.Country}}){{end}}</td><td>{{.Actor1}}{{if .Actor2}} / {{.Actor2}}{{end}}</td><td>{{.Fatalities}}</td><td>{{.Grade}}</td><td>{{.Notes}}</td></tr>
{{end}}</tbody></table>
</body></html>
`))
