package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sitrep-dev/sitrep"
)

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// built is a dist folder as build.mjs writes it.
func built(t *testing.T) fstest.MapFS {
	return fstest.MapFS{
		"index.html":         {Data: []byte("<!doctype html><head>" + configMeta + `<script type="module" src="/assets/app-X.js"></script></head>`)},
		"assets/app-X.js":    {Data: []byte("console.log(1)")},
		"assets/app-X.js.gz": {Data: gz(t, "console.log(1)")},
		"geo/countries.json": {Data: []byte(`{"type":"Topology"}`)},
	}
}

func get(h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestTileSource(t *testing.T) {
	for _, tc := range []struct{ tiles, want string }{
		{"", ""},
		{"https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"},
		{"https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"},
		{"http://localhost:8081/tiles/{z}/{x}/{y}.png", "http://localhost:8081"},
		{"javascript:alert(1)", ""},
		{"//tile.example.org/{z}/{x}/{y}.png", ""},
		{"https://evil.example; script-src *", ""},
	} {
		if got := tileSource(tc.tiles); got != tc.want {
			t.Errorf("tileSource(%q) = %q, want %q", tc.tiles, got, tc.want)
		}
	}
}

func TestPageHeadersAndConfig(t *testing.T) {
	h := newHandler(Options{Tiles: `https://tiles.example.org/{z}/{x}/{y}.png?"><script>`}, built(t))
	for _, path := range []string{"/", "/events/abc", "/add"} {
		w := get(h, path)
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, w.Code)
		}
		csp := w.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "img-src 'self' data: https://tiles.example.org", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe") {
			t.Errorf("GET %s: CSP allows something unsafe: %q", path, csp)
		}
		body := w.Body.String()
		if strings.Contains(body, `"><script>`) {
			t.Errorf("GET %s: the tile setting reached the page unescaped: %s", path, body)
		}
		if !strings.Contains(body, `name="sitrep-config" content="{&#34;tiles&#34;:`) {
			t.Errorf("GET %s: no config in the page: %s", path, body)
		}
	}
	if w := get(h, "/nowhere"); w.Code != http.StatusNotFound {
		t.Errorf("GET /nowhere: %d, want 404", w.Code)
	}
}

func TestNotBuilt(t *testing.T) {
	h := newHandler(Options{}, fstest.MapFS{})
	w := get(h, "/")
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "make web") {
		t.Errorf("unbuilt UI: %d %q, want 503 saying to run make web", w.Code, w.Body.String())
	}
	if w.Header().Get("Content-Security-Policy") == "" {
		t.Error("the build page has no CSP")
	}
}

func TestStatic(t *testing.T) {
	h := newHandler(Options{}, built(t))
	for _, tc := range []struct {
		name, path, accept string
		status             int
		encoding, cache    string
		body               string
	}{
		{"gzipped", "/assets/app-X.js", "gzip, deflate", 200, "gzip", "immutable", ""},
		{"plain", "/assets/app-X.js", "", 200, "", "immutable", "console.log(1)"},
		{"gzip refused", "/assets/app-X.js", "gzip;q=0", 200, "", "immutable", "console.log(1)"},
		{"outlines", "/geo/countries.json", "", 200, "", "max-age=86400", `{"type":"Topology"}`},
		{"gz asked directly", "/assets/app-X.js.gz", "", 404, "", "", ""},
		{"missing", "/assets/nope.js", "", 404, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := get(h, tc.path, "Accept-Encoding", tc.accept)
			if w.Code != tc.status {
				t.Fatalf("GET %s: %d, want %d", tc.path, w.Code, tc.status)
			}
			if tc.status != 200 {
				return
			}
			if got := w.Header().Get("Content-Encoding"); got != tc.encoding {
				t.Errorf("Content-Encoding %q, want %q", got, tc.encoding)
			}
			if !strings.Contains(w.Header().Get("Cache-Control"), tc.cache) {
				t.Errorf("Cache-Control %q, want %q", w.Header().Get("Cache-Control"), tc.cache)
			}
			if tc.body != "" && w.Body.String() != tc.body {
				t.Errorf("body %q, want %q", w.Body.String(), tc.body)
			}
		})
	}
}

func TestStaticStaysInDist(t *testing.T) {
	h := newHandler(Options{}, built(t))
	for _, p := range []string{"/assets/../index.html", "/assets/..%2findex.html", "/geo/../../web.go", "/assets/"} {
		w := get(h, p)
		if w.Code == http.StatusOK {
			t.Errorf("GET %s: 200 %q", p, w.Body)
		}
	}
}

func TestMount(t *testing.T) {
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("ETag", `"abc"`)
		if r.URL.Query().Get("format") == "csv" {
			w.Header().Set("Content-Type", "text/csv")
		}
		fmt.Fprintf(w, `{"api":%q,"pad":%q}`, r.URL.Path, strings.Repeat("x", 2000))
	})
	h := mount(api, newHandler(Options{}, built(t)))
	for _, tc := range []struct {
		path  string
		toAPI bool
	}{
		{"/", false}, {"/events/12", false}, {"/add", false}, {"/assets/app-X.js", false},
		{"/api/events", true}, {"/api/events/12", true}, {"/openapi.json", true}, {"/healthz", true}, {"/metrics", true},
	} {
		w := get(h, tc.path)
		gotAPI := strings.Contains(w.Body.String(), `"api":`)
		if gotAPI != tc.toAPI {
			t.Errorf("GET %s went to the API: %v, want %v", tc.path, gotAPI, tc.toAPI)
		}
	}

	w := get(h, "/api/events?limit=5", "Accept-Encoding", "gzip")
	if w.Header().Get("Content-Encoding") != "gzip" || w.Header().Get("ETag") != `W/"abc"` {
		t.Fatalf("API JSON: Content-Encoding %q, ETag %q; want gzip and a weak ETag", w.Header().Get("Content-Encoding"), w.Header().Get("ETag"))
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	if !bytes.Contains(b, []byte(`"api":"/api/events"`)) {
		t.Errorf("gunzipped body %q", b)
	}
	if w := get(h, "/api/events?format=csv", "Accept-Encoding", "gzip"); w.Header().Get("Content-Encoding") != "" {
		t.Error("an export was gzipped; exports stream as they are")
	}
	if w := get(h, "/api/events"); w.Header().Get("Content-Encoding") != "" {
		t.Error("gzipped for a client that did not ask")
	}
}

func post(h http.Handler, target, body string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// stubPreview finds one event: the first "killed" in the text, with its
// byte span, as the extractor gives spans.
func stubPreview(ctx context.Context, doc *sitrep.Document) ([]sitrep.Event, error) {
	i := strings.Index(doc.Text, "killed")
	if i < 0 {
		return nil, nil
	}
	return []sitrep.Event{{
		EventType: "Battles",
		Claims:    []sitrep.Claim{{Kind: sitrep.Killed, CountLow: 2, CountHigh: 2, Span: sitrep.Span{Start: i, End: i + len("killed")}}},
		Evidence:  map[string]sitrep.Span{"event_type": {Start: i, End: i + len("killed")}},
	}}, nil
}

func TestPreview(t *testing.T) {
	fetched := ""
	h := newHandler(Options{
		Preview: stubPreview,
		Fetch: func(ctx context.Context, u string) ([]byte, string, error) {
			fetched = u
			if strings.Contains(u, "private") {
				return nil, "", fmt.Errorf("fetch: 10.0.0.1: %w", ErrForbiddenAddress)
			}
			return []byte("<html><head><title>Fetched</title></head><body><article><p>Near Ḩamāh two soldiers were killed in an ambush on Monday, officials said, and the road was closed for the day.</p></article></body></html>"), "text/html; charset=utf-8", nil
		},
	}, built(t))

	// Code points, not bytes: "Ḩ" and "ā" take more than one byte each.
	text := "Ambush near Ḩamāh\nTwo soldiers were killed near Ḩamāh on Monday."
	body, _ := json.Marshal(PreviewRequest{Text: text, Published: "2020-05-04"})
	w := post(h, "/ui/preview", string(body))
	if w.Code != http.StatusOK {
		t.Fatalf("preview: %d %s", w.Code, w.Body)
	}
	var p Preview
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != 1 || len(p.Spans) != 2 {
		t.Fatalf("preview: %d events, %d spans; want 1 and 2", len(p.Events), len(p.Spans))
	}
	runes := []rune(p.Text)
	for _, sp := range p.Spans {
		if got := string(runes[sp.Start:sp.End]); got != "killed" {
			t.Errorf("span %s [%d,%d) covers %q in code points, want %q", sp.Field, sp.Start, sp.End, got, "killed")
		}
	}
	if p.Save.Text != text || p.Save.Published != "2020-05-04" || !strings.HasPrefix(p.Published, "2020-05-04") {
		t.Errorf("save %+v, published %q", p.Save, p.Published)
	}

	w = post(h, "/ui/preview", `{"url":"https://news.example.org/a"}`)
	if w.Code != http.StatusOK || fetched != "https://news.example.org/a" {
		t.Fatalf("preview of a URL: %d %s (fetched %q)", w.Code, w.Body, fetched)
	}
	p = Preview{}
	_ = json.Unmarshal(w.Body.Bytes(), &p)
	if p.Save.HTML == "" || len(p.Events) != 1 {
		t.Errorf("preview of a URL: save %+v, %d events", p.Save, len(p.Events))
	}

	for _, tc := range []struct {
		name, body string
		header     []string
		status     int
	}{
		{"refused address", `{"url":"http://private.example/"}`, nil, http.StatusBadGateway},
		{"nothing given", `{}`, nil, http.StatusUnprocessableEntity},
		{"bad date", `{"text":"x killed","published":"May 4"}`, nil, http.StatusUnprocessableEntity},
		{"unknown field", `{"txt":"x"}`, nil, http.StatusBadRequest},
		{"trailing data", `{"text":"x"} {}`, nil, http.StatusBadRequest},
		{"cross-origin", `{"text":"x"}`, []string{"Origin", "https://evil.example"}, http.StatusForbidden},
		{"form post", `text=x`, []string{"Content-Type", "application/x-www-form-urlencoded"}, http.StatusUnsupportedMediaType},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := post(h, "/ui/preview", tc.body, tc.header...)
			if w.Code != tc.status {
				t.Errorf("%d %s, want %d", w.Code, w.Body, tc.status)
			}
			if !strings.HasPrefix(w.Header().Get("Content-Type"), "application/problem+json") {
				t.Errorf("Content-Type %q, want a problem document", w.Header().Get("Content-Type"))
			}
		})
	}

	if w := post(newHandler(Options{}, built(t)), "/ui/preview", `{"text":"x"}`); w.Code != http.StatusServiceUnavailable {
		t.Errorf("preview without an extractor: %d, want 503", w.Code)
	}
}

func TestCorrect(t *testing.T) {
	var got struct {
		id     string
		fields map[string]json.RawMessage
		cause  sitrep.Cause
	}
	h := newHandler(Options{Correct: func(ctx context.Context, id string, fields map[string]json.RawMessage, c sitrep.Cause) (*sitrep.Incident, error) {
		got.id, got.fields, got.cause = id, fields, c
		switch id {
		case "gone":
			return nil, fmt.Errorf("reconcile: incident gone: %w", sitrep.ErrNotFound)
		case "bad":
			return nil, errors.New(`reconcile: field "colour" cannot be corrected`)
		}
		return &sitrep.Incident{ID: id, Version: 3}, nil
	}}, built(t))

	w := post(h, "/ui/events/42/corrections", `{"reviewer":" Ana ","note":"second source","fields":{"fatalities_best":12}}`)
	if w.Code != http.StatusOK {
		t.Fatalf("correction: %d %s", w.Code, w.Body)
	}
	if got.id != "42" || string(got.fields["fatalities_best"]) != "12" || got.cause.Reviewer != "Ana" || got.cause.Note != "second source" || got.cause.Kind != "correction" {
		t.Errorf("Correct got %+v", got)
	}
	for _, tc := range []struct {
		path, body string
		status     int
	}{
		{"/ui/events/42/corrections", `{"reviewer":"","fields":{"notes":"x"}}`, http.StatusUnprocessableEntity},
		{"/ui/events/42/corrections", `{"reviewer":"Ana","fields":{}}`, http.StatusUnprocessableEntity},
		{"/ui/events/gone/corrections", `{"reviewer":"Ana","fields":{"notes":"x"}}`, http.StatusNotFound},
		{"/ui/events/bad/corrections", `{"reviewer":"Ana","fields":{"colour":"x"}}`, http.StatusUnprocessableEntity},
	} {
		if w := post(h, tc.path, tc.body); w.Code != tc.status {
			t.Errorf("POST %s %s: %d %s, want %d", tc.path, tc.body, w.Code, w.Body, tc.status)
		}
	}
}
