// Package web serves sitrep's browser UI: a map, a timeline, filters, an
// event list, event pages that show every claim beside the sentence it came
// from, and a form to add reports.
//
// The front end lives in src/ and is bundled by esbuild (make web) into
// dist/, which this package embeds, so the binary serves the UI with no
// files beside it and no internet: the basemap is drawn from Natural Earth
// outlines copied into dist/geo at build time. A fresh clone compiles
// before anything is built; Handler then answers with a page saying how to
// build.
//
// Every page is served under a strict Content-Security-Policy (scripts and
// styles from this origin only, no inline script), and the front end
// builds the DOM with textContent, never innerHTML, because article text
// carries HTML and scripts.
package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"html"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

//go:embed all:dist
var dist embed.FS

// Options configure the UI. Every field may be left zero.
type Options struct {
	// Tiles is a raster tile URL template such as
	// "https://tile.openstreetmap.org/{z}/{x}/{y}.png" for users who have
	// tiles. Empty, the map shows Natural Earth outlines only, which works
	// offline. The template's host is allowed in img-src.
	Tiles string
	// TilesAttribution is shown on the map when Tiles is set.
	TilesAttribution string
	// Preview extracts the events of a document without storing it, for
	// the "add reports" page. Without it, previews answer 503.
	Preview func(ctx context.Context, doc *sitrep.Document) ([]sitrep.Event, error)
	// Correct records a reviewer's correction of incident id (fields by
	// JSON name, values as JSON) and returns the corrected incident.
	// Without it, corrections answer 503.
	Correct func(ctx context.Context, id string, fields map[string]json.RawMessage, c sitrep.Cause) (*sitrep.Incident, error)
	// Fetch reads a URL for a preview; nil is Fetch of this package, which
	// refuses loopback, private and link-local addresses.
	Fetch func(ctx context.Context, rawURL string) (body []byte, contentType string, err error)
	// Log receives server-side failures; nil is slog.Default().
	Log *slog.Logger
}

// OptionsFromEnv returns Options with Tiles and TilesAttribution read
// from the environment variables SITREP_TILES and SITREP_TILES_ATTRIBUTION.
func OptionsFromEnv() Options {
	return Options{Tiles: os.Getenv("SITREP_TILES"), TilesAttribution: os.Getenv("SITREP_TILES_ATTRIBUTION")}
}

// Handler returns the UI configured from the environment (see
// OptionsFromEnv), without previews or corrections.
func Handler() http.Handler { return New(OptionsFromEnv()) }

// Paths the UI answers; everything else belongs to the API (see Mount).
var uiPaths = []string{"GET /{$}", "GET /events/", "GET /add", "/assets/", "/geo/", "/ui/"}

// Mount returns a handler that serves the UI at / and its pages, assets
// and actions, and passes everything else (/api/, /openapi.json,
// /healthz, ...) to api. JSON answers of the API are gzipped for clients
// that accept it, which keeps the first page load small.
func Mount(api http.Handler, opt Options) http.Handler {
	return mount(api, New(opt))
}

func mount(api, ui http.Handler) http.Handler {
	mux := http.NewServeMux()
	for _, p := range uiPaths {
		mux.Handle(p, ui)
	}
	mux.Handle("/", gzipJSON(api))
	return mux
}

// New returns the UI handler. It serves
//
//	GET /, /events/{id}, /add   the app (index.html; the app routes itself)
//	GET /assets/...             bundled scripts and styles, cached forever (names carry a hash)
//	GET /geo/...                Natural Earth outlines (TopoJSON)
//	POST /ui/preview            extract a document's events without storing it
//	POST /ui/events/{id}/corrections  a reviewer's correction
func New(opt Options) http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern guarantees dist exists
	}
	return newHandler(opt, sub)
}

// newHandler serves the UI from files, a built dist folder.
func newHandler(opt Options, files fs.FS) http.Handler {
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.Fetch == nil {
		opt.Fetch = Fetch
	}
	h := &handler{opt: opt, files: files, csp: contentSecurityPolicy(opt.Tiles)}
	h.index = h.loadIndex()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /assets/", h.static("assets/", "public, max-age=31536000, immutable"))
	mux.HandleFunc("GET /geo/", h.static("geo/", "public, max-age=86400"))
	mux.HandleFunc("POST /ui/preview", h.preview)
	mux.HandleFunc("POST /ui/events/{id}/corrections", h.correct)
	mux.HandleFunc("GET /{$}", h.page)
	mux.HandleFunc("GET /events/{id}", h.page)
	mux.HandleFunc("GET /add", h.page)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "404 page not found", http.StatusNotFound)
	})
	return h.secure(mux)
}

type handler struct {
	opt   Options
	files fs.FS
	csp   string
	index []byte // nil when dist has not been built
}

// contentSecurityPolicy allows scripts, styles and connections to this
// origin only; images also from data: URLs (Leaflet's icons) and from the
// tile host when one is configured.
func contentSecurityPolicy(tiles string) string {
	img := "'self' data:"
	if src := tileSource(tiles); src != "" {
		img += " " + src
	}
	return "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + img +
		"; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
}

// tileSource turns a tile URL template into a CSP source expression:
// "https://{s}.tile.example.org/{z}/{x}/{y}.png" becomes
// "https://*.tile.example.org". It returns "" for a template that is not
// an absolute http(s) URL.
func tileSource(tiles string) string {
	if tiles == "" {
		return ""
	}
	host := tiles
	scheme, rest, ok := strings.Cut(host, "://")
	if !ok || (scheme != "http" && scheme != "https") {
		return ""
	}
	host, _, _ = strings.Cut(rest, "/")
	if strings.HasPrefix(host, "{s}.") {
		host = "*." + strings.TrimPrefix(host, "{s}.")
	}
	if host == "" || strings.ContainsAny(host, "{}; '\"") {
		return ""
	}
	return scheme + "://" + host
}

func (h *handler) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", h.csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// configMeta is the placeholder build.mjs writes into index.html; the
// handler fills it with the tile settings, since the CSP forbids an
// inline script to carry them.
const configMeta = `<meta name="sitrep-config" content="">`

func (h *handler) loadIndex() []byte {
	b, err := fs.ReadFile(h.files, "index.html")
	if err != nil {
		return nil
	}
	cfg, _ := json.Marshal(map[string]string{"tiles": h.opt.Tiles, "tilesAttribution": h.opt.TilesAttribution})
	meta := `<meta name="sitrep-config" content="` + html.EscapeString(string(cfg)) + `">`
	return bytes.Replace(b, []byte(configMeta), []byte(meta), 1)
}

// page serves the app; it reads the path and query itself.
func (h *handler) page(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-cache")
	if h.index == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(notBuilt))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(h.index)
}

const notBuilt = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sitrep: web UI not built</title></head>
<body>
<h1>The web UI has not been built</h1>
<p>This binary was compiled before the front end was bundled. From the repository root run</p>
<pre>make web</pre>
<p>(which runs <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code>), then rebuild or
rerun sitrep. The API works meanwhile: <a href="/api/events">/api/events</a>,
described at <a href="/openapi.json">/openapi.json</a>.</p>
</body></html>
`

// static serves a file of dist under dir with the given Cache-Control,
// its precompressed .gz sibling when there is one and the client takes
// gzip.
func (h *handler) static(dir, cache string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if !strings.HasPrefix(name, dir) || strings.HasSuffix(name, ".gz") || !fs.ValidPath(name) {
			http.NotFound(w, r)
			return
		}
		body, err := fs.ReadFile(h.files, name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		hd := w.Header()
		hd.Set("Cache-Control", cache)
		hd.Set("Content-Type", contentType(name))
		hd.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			if gz, err := fs.ReadFile(h.files, name+".gz"); err == nil {
				hd.Set("Content-Encoding", "gzip")
				body = gz
			}
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	}
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".json":
		return "application/json"
	case ".png":
		return "image/png"
	case ".svg":
		return "image/svg+xml"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".map":
		return "application/json"
	}
	return "application/octet-stream"
}

func acceptsGzip(r *http.Request) bool {
	for e := range strings.SplitSeq(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(e), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// sameOrigin reports whether a state-changing request comes from a page of
// this server: browsers send Origin on POST, and a cross-site form cannot
// send application/json without a preflight this server never grants.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true // not a browser, or a same-origin request of an old one
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

// Built reports whether the front end was bundled into dist before this
// binary was compiled (make web).
func Built() bool {
	_, err := fs.Stat(dist, "dist/index.html")
	return err == nil
}
