package api

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb/geojson"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/export"
)

var quiet = slog.New(slog.DiscardHandler)

func day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s+"T12:00:00Z")
	if err != nil {
		panic(err)
	}
	return t
}

// fixture returns incidents written for these tests: six incidents in four
// countries, every filterable field varied.
func fixture() []*sitrep.Incident {
	mk := func(id, typ, sub, iso3, country, admin1, date string, lat, lon float64, fat int,
		a1 string, i1 int, a2 string, i2 int, grade, notes, updated string) *sitrep.Incident {
		return &sitrep.Incident{
			ID: id,
			Event: sitrep.Event{
				EventType: typ, SubEventType: sub, Actor1: a1, Inter1: i1, Actor2: a2, Inter2: i2,
				Interaction: sitrep.Interaction(i1, i2),
				Place:       sitrep.Place{Location: "Town " + id, Country: country, ISO3: iso3, Admin1: admin1, Latitude: lat, Longitude: lon, Precision: 1},
				EventDate:   date, TimePrecision: 1, Fatalities: fat, Notes: notes,
				Claims: []sitrep.Claim{{Claimant: "a monitor", Outlet: "Outlet " + id, Kind: sitrep.Killed, CountLow: fat, CountHigh: fat, Qualifier: "exact", Span: sitrep.Span{Start: 0, End: 4}}},
			},
			Grade: grade, Sources: 1, Reports: []string{"doc-" + id}, Version: 1,
			CreatedAt: day(date), UpdatedAt: day(updated),
		}
	}
	return []*sitrep.Incident{
		mk("i01", "Battles", "Armed clash", "SYR", "Syria", "Idlib", "2020-05-01", 35.93, 36.63, 5,
			"Military Forces of Syria (2000-)", 1, "Hayat Tahrir al Sham", 2, sitrep.GradeCorroborated,
			"Army units clashed with rebels near the ridge.", "2020-05-02"),
		mk("i02", "Explosions/Remote violence", "Air/drone strike", "SYR", "Syria", "Idlib", "2020-05-03", 35.80, 36.60, 12,
			"Military Forces of Russia (2000-)", 8, "Civilians (Syria)", 7, sitrep.GradeSingle,
			"An air strike hit a market at noon.", "2020-05-04"),
		mk("i03", "Protests", "Peaceful protest", "NGA", "Nigeria", "Lagos", "2020-05-05", 6.45, 3.39, 0,
			"Protesters (Nigeria)", 6, "", 0, sitrep.GradeSingle,
			"Traders marched over new fees.", "2020-05-06"),
		mk("i04", "Violence against civilians", "Attack", "SOM", "Somalia", "Banaadir", "2020-05-07", 2.04, 45.34, 3,
			"Al Shabaab", 2, "Civilians (Somalia)", 7, sitrep.GradeContested,
			"Gunmen shot three teachers.", "2020-05-08"),
		mk("i05", "Battles", "Armed clash", "UKR", "Ukraine", "Donetsk", "2020-05-09", 48.0, 37.8, 1,
			"Military Forces of Ukraine (2019-)", 1, "NAF: United Armed Forces of Novorossiya", 2, sitrep.GradeConfirmed,
			"Shelling was exchanged across the line.", "2020-05-10"),
		mk("i06", "Strategic developments", "Agreement", "SYR", "Syria", "Aleppo", "2020-05-02", 0, 0, 0,
			"", 0, "", 0, sitrep.GradeSingle,
			"An agreement was signed.", "2020-05-03"),
	}
}

func newStore() *memStore {
	m := &memStore{redirects: map[string]string{}, versions: map[string][]*sitrep.Incident{},
		docs: map[string]*sitrep.Document{}, docEvents: map[string][]sitrep.Event{}}
	for _, inc := range fixture() {
		m.set(inc)
		v1 := *inc
		v0 := *inc
		v0.Version, v0.Fatalities = 1, 0
		v1.Version = 2
		m.versions[inc.ID] = []*sitrep.Incident{&v0, &v1}
	}
	m.incidents[4].AssocActor2 = "Teachers (Somalia)" // i05 has none; put one on i04 below
	m.incidents[4].AssocActor2 = ""
	m.incidents[3].AssocActor2 = "Teachers (Somalia)"
	m.redirects["i99"] = "i01"
	m.deletions = []sitrep.Deletion{
		{ID: "i90", At: day("2020-05-03"), Cause: sitrep.Cause{Kind: "merge"}, RedirectTo: "i01"},
		{ID: "i91", At: day("2020-05-09"), Cause: sitrep.Cause{Kind: "reprocess"}},
	}
	return m
}

type testServer struct {
	*httptest.Server
	store   *memStore
	ingests [][]*sitrep.Document
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	ts := &testServer{store: newStore()}
	opt := Options{
		MaxBodyBytes: 1 << 20,
		Ingest: func(_ context.Context, docs []*sitrep.Document) ([]Ingested, error) {
			ts.ingests = append(ts.ingests, docs)
			out := make([]Ingested, len(docs))
			for i := range docs {
				out[i] = Ingested{ID: "stored-" + docs[i].ID, Created: i%2 == 0, Events: 1, Incidents: []string{"i01"}}
			}
			return out, nil
		},
		Places: func(_ context.Context, q, country string, limit int) ([]PlaceHit, error) {
			var out []PlaceHit
			for i := range 3 {
				out = append(out, PlaceHit{Place: sitrep.Place{Location: q, ISO3: country}, Score: float64(3 - i)})
			}
			return out, nil
		},
	}
	ts.Server = httptest.NewServer(New(ts.store, quiet, opt))
	t.Cleanup(ts.Close)
	return ts
}

type response struct {
	*http.Response
	body string
}

func do(t *testing.T, req *http.Request) response {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", req.Method, req.URL, err)
	}
	return response{resp, string(b)}
}

func (ts *testServer) get(t *testing.T, path string) response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	return do(t, req)
}

func (ts *testServer) post(t *testing.T, path, contentType string, body io.Reader) response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+path, body)
	req.Header.Set("Content-Type", contentType)
	return do(t, req)
}

func decode[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("%s: not JSON (%v): %.300s", r.Request.URL, err, r.body)
	}
	return v
}

func ids(t *testing.T, r response) []string {
	t.Helper()
	if r.StatusCode != 200 {
		t.Fatalf("%s: status %d: %.500s", r.Request.URL, r.StatusCode, r.body)
	}
	page := decode[EventPage](t, r)
	out := []string{}
	for _, e := range page.Events {
		out = append(out, e.ID)
	}
	return out
}

func TestListFilters(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"i01", "i02", "i03", "i04", "i05", "i06"}},
		{"from=2020-05-05", []string{"i03", "i04", "i05"}},
		{"to=2020-05-02", []string{"i01", "i06"}},
		{"from=2020-05-02&to=2020-05-05", []string{"i02", "i03", "i06"}},
		{"bbox=36,35,37,36.5", []string{"i01", "i02"}},
		{"bbox=-180,-90,180,90", []string{"i01", "i02", "i03", "i04", "i05"}}, // unplaced i06 is in no box
		{"near=35.93,36.63&radius_km=5", []string{"i01"}},
		{"near=35.93,36.63&radius_km=20", []string{"i01", "i02"}},
		{"country=SYR", []string{"i01", "i02", "i06"}},
		{"country=syr", []string{"i01", "i02", "i06"}},
		{"admin1=idlib", []string{"i01", "i02"}},
		{"event_type=Battles", []string{"i01", "i05"}},
		{"sub_event_type=Air%2Fdrone+strike", []string{"i02"}},
		{"actor=shabaab", []string{"i04"}},
		{"actor=Teachers", []string{"i04"}},
		{"actor=military+forces", []string{"i01", "i02", "i05"}},
		{"inter=7", []string{"i02", "i04"}},
		{"inter=1,6", []string{"i01", "i03", "i05"}},
		{"min_fatalities=3", []string{"i01", "i02", "i04"}},
		{"grade=single+source", []string{"i02", "i03", "i06"}},
		{"q=market", []string{"i02"}},
		{"q=air+strike", []string{"i02"}},
		{"updated_since=2020-05-08T00:00:00Z", []string{"i04", "i05"}},
		{"country=SYR&event_type=Battles", []string{"i01"}},
		{"country=SYR&min_fatalities=100", []string{}},
	}
	for _, tt := range tests {
		got := ids(t, ts.get(t, "/api/events?"+tt.query))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestSortAndCursor(t *testing.T) {
	ts := newTestServer(t)
	for _, sort := range append([]string{""}, Sorts...) {
		all := decode[EventPage](t, ts.get(t, "/api/events?sort="+sort)).Events
		if len(all) != 6 {
			t.Fatalf("sort=%s: %d events", sort, len(all))
		}
		for i := 1; i < len(all); i++ {
			a, b := all[i-1], all[i]
			var ka, kb string
			switch strings.TrimPrefix(sort, "-") {
			case "fatalities":
				if (a.Fatalities > b.Fatalities) != strings.HasPrefix(sort, "-") && a.Fatalities != b.Fatalities {
					t.Errorf("sort=%s: %s (%d) before %s (%d)", sort, a.ID, a.Fatalities, b.ID, b.Fatalities)
				}
				continue
			case "":
				ka, kb = a.ID, b.ID
			default:
				ka, kb = sortKey(sort, &a), sortKey(sort, &b)
			}
			if (ka > kb) != strings.HasPrefix(sort, "-") && ka != kb {
				t.Errorf("sort=%s: %s (%s) before %s (%s)", sort, a.ID, ka, b.ID, kb)
			}
		}
		// Walking pages of two gives the same incidents in the same order.
		var walked []string
		q := "/api/events?limit=2&sort=" + sort
		for range 10 {
			r := ts.get(t, q)
			page := decode[EventPage](t, r)
			for _, e := range page.Events {
				walked = append(walked, e.ID)
			}
			if page.NextCursor == "" {
				if r.Header.Get("Link") != "" {
					t.Errorf("sort=%s: last page has a Link header", sort)
				}
				break
			}
			if !strings.Contains(r.Header.Get("Link"), `rel="next"`) {
				t.Errorf("sort=%s: no next link: %q", sort, r.Header.Get("Link"))
			}
			q = "/api/events?limit=2&sort=" + sort + "&cursor=" + url.QueryEscape(page.NextCursor)
		}
		var want []string
		for _, e := range all {
			want = append(want, e.ID)
		}
		if !slices.Equal(walked, want) {
			t.Errorf("sort=%s: pages gave %v, one listing %v", sort, walked, want)
		}
	}
}

func TestFieldsThinEvents(t *testing.T) {
	ts := newTestServer(t)
	r := ts.get(t, "/api/events?fields=id,event_date,fatalities&limit=2")
	page := decode[struct {
		Events []map[string]any `json:"events"`
	}](t, r)
	if len(page.Events) != 2 {
		t.Fatalf("got %d events", len(page.Events))
	}
	for _, e := range page.Events {
		var keys []string
		for k := range e {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, []string{"event_date", "fatalities", "id"}) {
			t.Errorf("fields gave keys %v", keys)
		}
	}
}

// problemOf checks that r is a 4xx RFC 9457 problem and returns it.
func problemOf(t *testing.T, what string, r response) map[string]any {
	t.Helper()
	if r.StatusCode < 400 || r.StatusCode > 499 {
		t.Errorf("%s: status %d, want 4xx: %.300s", what, r.StatusCode, r.body)
		return nil
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s: Content-Type %q, want application/problem+json", what, ct)
	}
	var p map[string]any
	if err := json.Unmarshal([]byte(r.body), &p); err != nil {
		t.Errorf("%s: problem is not JSON: %v", what, err)
		return nil
	}
	if s, _ := p["status"].(float64); int(s) != r.StatusCode {
		t.Errorf("%s: problem status %v, response %d", what, p["status"], r.StatusCode)
	}
	if p["title"] == nil || p["detail"] == nil {
		t.Errorf("%s: problem lacks title or detail: %s", what, r.body)
	}
	return p
}

func TestBadQueriesAreProblems(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		path    string
		mention string // the problem must name the parameter
	}{
		{"/api/events?from=2020-13-01", "from"},
		{"/api/events?from=yesterday", "from"},
		{"/api/events?to=2020-05-01&from=2020-05-09", "to"},
		{"/api/events?bbox=37,35,36,36", "bbox"},
		{"/api/events?bbox=36,36.5,37,35", "bbox"},
		{"/api/events?bbox=36,35,37", "bbox"},
		{"/api/events?bbox=a,b,c,d", "bbox"},
		{"/api/events?bbox=-200,0,0,10", "bbox"},
		{"/api/events?near=35,36", "radius_km"},
		{"/api/events?radius_km=5", "radius_km"},
		{"/api/events?near=95,36&radius_km=5", "near"},
		{"/api/events?near=35,36&radius_km=-1", "radius_km"},
		{"/api/events?country=SY", "country"},
		{"/api/events?inter=9", "inter"},
		{"/api/events?inter=x", "inter"},
		{"/api/events?min_fatalities=-1", "min_fatalities"},
		{"/api/events?min_fatalities=many", "min_fatalities"},
		{"/api/events?grade=excellent", "grade"},
		{"/api/events?updated_since=2020-05-01", "updated_since"},
		{"/api/events?limit=0", "limit"},
		{"/api/events?limit=5000", "limit"},
		{"/api/events?cursor=%25%25%25", "cursor"},
		{"/api/events?cursor=" + cursor{Sort: "fatalities", ID: "i01"}.String(), "cursor"},
		{"/api/events?sort=location", "sort"},
		{"/api/events?format=xml", "format"},
		{"/api/events?fields=id,nonsense", "fields"},
		{"/api/events?format=csv&fields=id", "fields"},
		{"/api/events?colour=red", "colour"},
		{"/api/events/i01?x=1", "x"},
		{"/api/events/i01/versions/0", "n"},
		{"/api/events/i01/versions/two", "n"},
		{"/api/deletions?since=last+week", "since"},
		{"/api/places", "q"},
		{"/api/places?q=" + strings.Repeat("a", 300), "q"},
		{"/api/actors?limit=0", "limit"},
		{"/api/stats?from=2020-02-30", "from"},
	}
	for _, tt := range tests {
		r := ts.get(t, tt.path)
		if problemOf(t, tt.path, r) != nil && !strings.Contains(r.body, tt.mention) {
			t.Errorf("%s: the problem does not mention %q: %s", tt.path, tt.mention, r.body)
		}
	}
}

func TestNotFoundIsProblem(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/api/events/nope", "/api/events/i01/versions/9", "/api/documents/nope", "/nope", "/api/nope"} {
		r := ts.get(t, path)
		if r.StatusCode != 404 {
			t.Errorf("%s: status %d", path, r.StatusCode)
		}
		problemOf(t, path, r)
	}
}

func TestStoreFailureIs500WithoutDetails(t *testing.T) {
	ts := newTestServer(t)
	ts.store.fail = errors.New("disk on fire at /secret/path")
	for _, path := range []string{"/api/events", "/api/events?format=csv", "/api/stats", "/api/actors"} {
		r := ts.get(t, path)
		if r.StatusCode != 500 {
			t.Errorf("%s: status %d, want 500", path, r.StatusCode)
		}
		if strings.Contains(r.body, "secret") {
			t.Errorf("%s: leaks the store's error: %s", path, r.body)
		}
	}
	if r := ts.get(t, "/readyz"); r.StatusCode != 503 {
		t.Errorf("readyz with a failing store: %d", r.StatusCode)
	}
}

func TestEventDetail(t *testing.T) {
	ts := newTestServer(t)
	ts.store.docs["doc-i01"] = &sitrep.Document{ID: "doc-i01", Title: "A report", Outlet: "Outlet i01",
		URL: "https://example.org/a", Published: day("2020-05-02"), Text: "Some text."}
	r := ts.get(t, "/api/events/i01")
	if r.StatusCode != 200 {
		t.Fatalf("status %d: %s", r.StatusCode, r.body)
	}
	d := decode[EventDetail](t, r)
	if d.ID != "i01" || len(d.Claims) != 1 || d.Claims[0].Outlet != "Outlet i01" {
		t.Errorf("incident fields: %+v", d.Incident)
	}
	if len(d.ReportDocs) != 1 || d.ReportDocs[0].Outlet != "Outlet i01" || d.ReportDocs[0].URL != "https://example.org/a" ||
		!strings.HasPrefix(d.ReportDocs[0].Published, "2020-05-02") || d.ReportDocs[0].Href != "/api/documents/doc-i01" {
		t.Errorf("reports: %+v", d.ReportDocs)
	}
	if len(d.Versions) != 2 || d.Versions[1].N != 2 {
		t.Errorf("versions: %+v", d.Versions)
	}

	// A merged-away incident redirects to the one it was merged into.
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/api/events/i99", nil)
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/api/events/i01" {
		t.Errorf("merged incident: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}

	v := decode[sitrep.Incident](t, ts.get(t, "/api/events/i02/versions/1"))
	if v.ID != "i02" || v.Version != 1 || v.Fatalities != 0 {
		t.Errorf("version 1: id %s version %d fatalities %d", v.ID, v.Version, v.Fatalities)
	}
}

func TestDeletions(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"i90", "i91"}},
		{"?since=2020-05-05T00:00:00Z", []string{"i91"}},
		{"?since=2021-01-01T00:00:00Z", []string{}},
		{"?limit=1", []string{"i90"}},
	}
	for _, tt := range tests {
		d := decode[Deletions](t, ts.get(t, "/api/deletions"+tt.query))
		got := []string{}
		for _, x := range d.Deletions {
			got = append(got, x.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %v, want %v", tt.query, got, tt.want)
		}
		if d.More != (tt.query == "?limit=1") {
			t.Errorf("%q: more = %v", tt.query, d.More)
		}
	}
}

func TestDocumentSpansCountCodePoints(t *testing.T) {
	ts := newTestServer(t)
	// "Ḥamā" has multi-byte letters, so byte and code point offsets differ
	// after it.
	text := "Shelling hit Ḥamā; rebels from Idlib answered."
	b := strings.Index(text, "Idlib")
	h := strings.Index(text, "Ḥamā")
	ts.store.docs["d1"] = &sitrep.Document{ID: "d1", Title: "T", Text: text,
		Unresolved: []sitrep.UnresolvedPlace{{Name: "Ḥamā", Span: sitrep.Span{Start: h, End: h + len("Ḥamā")}}}}
	ts.store.docEvents["d1"] = []sitrep.Event{{EventType: "Battles",
		Evidence: map[string]sitrep.Span{"location": {Start: b, End: b + len("Idlib")}, "event_type": {Start: 0, End: 8}},
		Claims:   []sitrep.Claim{{Kind: sitrep.Killed, Span: sitrep.Span{Start: b, End: b + 5}}},
	}}
	v := decode[DocumentView](t, ts.get(t, "/api/documents/d1"))
	if v.Text != text {
		t.Fatalf("text %q", v.Text)
	}
	runes := []rune(v.Text)
	if len(v.Spans) != 3 {
		t.Fatalf("spans %+v", v.Spans)
	}
	for _, sp := range v.Spans {
		got := string(runes[sp.Start:sp.End])
		want := map[string]string{"location": "Idlib", "event_type": "Shelling", "claims[0]": "Idlib"}[sp.Field]
		if got != want {
			t.Errorf("span %s = %q, want %q", sp.Field, got, want)
		}
	}
	if v.Spans[0].Field != "event_type" {
		t.Errorf("spans not in text order: %+v", v.Spans)
	}
	loc := v.Events[0].Evidence["location"]
	if string(runes[loc.Start:loc.End]) != "Idlib" {
		t.Errorf("event evidence not in code points: %+v", loc)
	}
	if len(v.Unresolved) != 1 || string(runes[v.Unresolved[0].Span.Start:v.Unresolved[0].Span.End]) != "Ḥamā" {
		t.Errorf("unresolved places not in code points: %+v", v.Unresolved)
	}
}

func TestPostDocuments(t *testing.T) {
	ts := newTestServer(t)
	article := "Fighting broke out near the river crossing on Tuesday, officials said.\nTwo soldiers were killed."

	r := ts.post(t, "/api/documents", "application/json",
		strings.NewReader(`{"id":"a1","title":"Fighting","outlet":"Daily","published":"2020-05-05","url":"https://example.org/1","text":`+jsonString(article)+`}`))
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("one JSON document: %d %s", r.StatusCode, r.body)
	}
	p := decode[Posted](t, r)
	if len(p.Documents) != 1 || p.Documents[0].Name != "a1" || p.Documents[0].ID != "stored-a1" || !p.Documents[0].Created {
		t.Errorf("answer %+v", p)
	}
	doc := ts.ingests[0][0]
	if doc.Title != "Fighting" || doc.Outlet != "Daily" || doc.URL != "https://example.org/1" || doc.PublishedDate() != "2020-05-05" || !strings.Contains(doc.Text, "river crossing") {
		t.Errorf("document passed to ingest: %+v", doc)
	}

	r = ts.post(t, "/api/documents", "application/json; charset=utf-8",
		strings.NewReader(`[{"text":`+jsonString(article)+`},{"html":"<html><head><title>Page</title></head><body><article><p>`+strings.ReplaceAll(article, "\n", " ")+`</p></article></body></html>"}]`))
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("array: %d %s", r.StatusCode, r.body)
	}
	if p := decode[Posted](t, r); len(p.Documents) != 2 || p.Documents[1].Name != "documents[1]" {
		t.Errorf("array answer %+v", p)
	}

	r = ts.post(t, "/api/documents?outlet=Wire&published=2020-05-06&title=Crossing", "text/plain", strings.NewReader(article))
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("text body: %d %s", r.StatusCode, r.body)
	}
	doc = ts.ingests[2][0]
	if doc.Outlet != "Wire" || doc.Title != "Crossing" || doc.PublishedDate() != "2020-05-06" {
		t.Errorf("text body document: %+v", doc)
	}

	r = ts.post(t, "/api/documents", "text/html", strings.NewReader("<html><body><article><p>"+article+"</p><script>x()</script></article></body></html>"))
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("html body: %d %s", r.StatusCode, r.body)
	}
	if doc = ts.ingests[3][0]; strings.Contains(doc.Text, "x()") || !strings.Contains(doc.Text, "river crossing") {
		t.Errorf("html body text %q", doc.Text)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestBadPostsAreProblems(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		name, ctype, body string
		status            int
	}{
		{"unknown field", "application/json", `{"text":"Two people were hurt.","publshed":"2020-05-05"}`, 400},
		{"malformed JSON", "application/json", `{"text":`, 400},
		{"trailing data", "application/json", `{"text":"a b c"} {"text":"d"}`, 400},
		{"empty body", "application/json", ``, 400},
		{"empty array", "application/json", `[]`, 422},
		{"no text", "application/json", `{"title":"x"}`, 422},
		{"text and html", "application/json", `{"text":"a","html":"<p>b</p>"}`, 422},
		{"bad date", "application/json", `{"text":"A clash.","published":"5 May"}`, 422},
		{"binary text", "text/plain", "\x00\x01\x02\x03\x00\x00", 422},
		{"unsupported type", "image/png", "xx", 415},
		{"bad type", "text/;;", "xx", 415},
	}
	for _, tt := range tests {
		r := ts.post(t, "/api/documents", tt.ctype, strings.NewReader(tt.body))
		if r.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.name, r.StatusCode, tt.status, r.body)
		}
		problemOf(t, tt.name, r)
	}
	if len(ts.ingests) != 0 {
		t.Errorf("bad posts reached ingest: %d", len(ts.ingests))
	}
}

// bigBody is an n-byte body whose reader does not say its length.
type bigBody struct{ left int }

func (b *bigBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	n := min(len(p), b.left)
	for i := range p[:n] {
		p[i] = 'a'
	}
	b.left -= n
	return n, nil
}

func TestOversizedBodyIs413(t *testing.T) {
	ts := newTestServer(t) // limit: 1 MiB
	const size = 50 << 20
	// With a Content-Length: refused before reading.
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/documents", io.LimitReader(&bigBody{left: size}, size))
	req.ContentLength = size
	req.Header.Set("Content-Type", "text/plain")
	r := do(t, req)
	if r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("50 MB with length: %d %s", r.StatusCode, r.body)
	}
	problemOf(t, "50 MB with length", r)

	// Chunked, with no length: cut off at the limit. The client keeps
	// sending while it reads the answer, as a real uploader would.
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	go func() {
		w := bufio.NewWriter(conn)
		fmt.Fprintf(w, "POST /api/documents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
		chunk := strings.Repeat("a", 64<<10)
		for sent := 0; sent < size; sent += len(chunk) {
			if _, err := fmt.Fprintf(w, "%x\r\n%s\r\n", len(chunk), chunk); err != nil {
				return // the server hung up, as it should
			}
		}
		fmt.Fprintf(w, "0\r\n\r\n")
		_ = w.Flush()
	}()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("chunked 50 MB: no answer: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r = response{resp, string(b)}
	r.Request, _ = http.NewRequest(http.MethodPost, ts.URL+"/api/documents", nil)
	if r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("50 MB chunked: %d %s", r.StatusCode, r.body)
	}
	problemOf(t, "50 MB chunked", r)
}

func TestIngestAndPlacesNeedTheirFunctions(t *testing.T) {
	srv := httptest.NewServer(New(newStore(), quiet, Options{}))
	defer srv.Close()
	ts := &testServer{Server: srv}
	r := ts.post(t, "/api/documents", "text/plain", strings.NewReader("A clash was reported."))
	if r.StatusCode != 503 {
		t.Errorf("POST without Ingest: %d", r.StatusCode)
	}
	if r := ts.get(t, "/api/places?q=Idlib"); r.StatusCode != 503 {
		t.Errorf("places without Places: %d", r.StatusCode)
	}
}

func TestActors(t *testing.T) {
	ts := newTestServer(t)
	a := decode[Actors](t, ts.get(t, "/api/actors?name=civilians"))
	var names []string
	for _, x := range a.Actors {
		names = append(names, x.Name)
		if x.Events != 1 || x.Inter != 7 {
			t.Errorf("%s: events %d inter %d", x.Name, x.Events, x.Inter)
		}
	}
	if !slices.Equal(names, []string{"Civilians (Somalia)", "Civilians (Syria)"}) {
		t.Errorf("actors %v", names)
	}
	a = decode[Actors](t, ts.get(t, "/api/actors?country=SYR"))
	if len(a.Actors) != 4 {
		t.Errorf("actors of SYR incidents: %+v", a.Actors)
	}
	a = decode[Actors](t, ts.get(t, "/api/actors?name=teachers"))
	if len(a.Actors) != 1 || a.Actors[0].Fatalities != 3 {
		t.Errorf("associated actors: %+v", a.Actors)
	}
}

func TestStats(t *testing.T) {
	ts := newTestServer(t)
	s := decode[Stats](t, ts.get(t, "/api/stats"))
	if s.Events != 6 || s.Fatalities != 21 {
		t.Errorf("totals %d events %d fatalities", s.Events, s.Fatalities)
	}
	if len(s.ByEventType) != 5 || s.ByEventType[0].Key != "Battles" || s.ByEventType[0].Events != 2 || s.ByEventType[0].Fatalities != 6 {
		t.Errorf("by type %+v", s.ByEventType)
	}
	if len(s.ByDay) != 6 || s.ByDay[0].Key != "2020-05-01" || s.ByDay[5].Key != "2020-05-09" {
		t.Errorf("by day %+v", s.ByDay)
	}
	if len(s.ByAdmin1) != 5 || s.ByAdmin1[0].Admin1 != "Idlib" || s.ByAdmin1[0].Events != 2 {
		t.Errorf("by admin1 %+v", s.ByAdmin1)
	}
	s = decode[Stats](t, ts.get(t, "/api/stats?country=SYR&from=2020-05-02"))
	if s.Events != 2 {
		t.Errorf("filtered stats: %d events", s.Events)
	}
}

func TestPlaces(t *testing.T) {
	ts := newTestServer(t)
	p := decode[Places](t, ts.get(t, "/api/places?q=Idlib&country=SYR&limit=2"))
	if len(p.Places) != 2 || p.Places[0].Location != "Idlib" || p.Places[0].ISO3 != "SYR" {
		t.Errorf("places %+v", p.Places)
	}
}

func TestETags(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/api/events/i01", "/api/events?country=SYR", "/api/stats", "/openapi.json"} {
		r := ts.get(t, path)
		tag := r.Header.Get("ETag")
		if r.StatusCode != 200 || tag == "" {
			t.Errorf("%s: status %d, ETag %q", path, r.StatusCode, tag)
			continue
		}
		req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
		req.Header.Set("If-None-Match", tag)
		if r := do(t, req); r.StatusCode != http.StatusNotModified || r.body != "" {
			t.Errorf("%s with If-None-Match: %d, %d bytes", path, r.StatusCode, len(r.body))
		}
	}
	before := ts.get(t, "/api/events/i01").Header.Get("ETag")
	inc := fixture()[0]
	inc.Fatalities = 50
	ts.store.set(inc)
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/api/events/i01", nil)
	req.Header.Set("If-None-Match", before)
	if r := do(t, req); r.StatusCode != 200 || r.Header.Get("ETag") == before {
		t.Errorf("after a change: %d, same ETag %v", r.StatusCode, r.Header.Get("ETag") == before)
	}
}

func TestOpenAPI(t *testing.T) {
	ts := newTestServer(t)
	doc := decode[struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}](t, ts.get(t, "/openapi.json"))
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	for path, method := range map[string]string{
		"/api/events": "get", "/api/events/{id}": "get", "/api/events/{id}/versions/{n}": "get",
		"/api/deletions": "get", "/api/documents/{id}": "get", "/api/documents": "post",
		"/api/actors": "get", "/api/places": "get", "/api/stats": "get",
	} {
		if doc.Paths[path][method] == nil {
			t.Errorf("OpenAPI lacks %s %s", method, path)
		}
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		if r := ts.get(t, path); r.StatusCode != 200 || strings.TrimSpace(r.body) != "ok" {
			t.Errorf("%s: %d %q", path, r.StatusCode, r.body)
		}
	}
	ts.get(t, "/api/events")
	ts.get(t, "/api/events/i01")
	ObserveIngest(true, 3, 2*time.Millisecond)
	r := ts.get(t, "/metrics")
	for _, want := range []string{
		`sitrep_http_request_duration_seconds_bucket{route="/api/events",le=`,
		`sitrep_http_request_duration_seconds_count{route="/api/events/{id}"}`,
		`sitrep_documents_ingested_total`,
		`sitrep_events_extracted_total`,
		`sitrep_extraction_duration_seconds_bucket`,
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestPageEscapesText(t *testing.T) {
	ts := newTestServer(t)
	inc := fixture()[0]
	inc.Notes = `<script>alert(1)</script><img src=x onerror=alert(2)>`
	ts.store.set(inc)
	r := ts.get(t, "/")
	if r.StatusCode != 200 {
		t.Fatalf("status %d", r.StatusCode)
	}
	if strings.Contains(r.body, "<script>alert") || strings.Contains(r.body, "<img src=x") {
		t.Errorf("page carries article markup unescaped")
	}
	if !strings.Contains(r.body, "&lt;script&gt;") {
		t.Errorf("page lost the notes text")
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
		t.Errorf("CSP = %q", csp)
	}
}

func TestExports(t *testing.T) {
	ts := newTestServer(t)
	r := ts.get(t, "/api/events?format=csv&country=SYR")
	if r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(r.Header.Get("Content-Disposition"), ".csv") || r.Header.Get("ETag") != "" {
		t.Errorf("csv: %d %v", r.StatusCode, r.Header)
	}
	rows, err := csv.NewReader(strings.NewReader(r.body)).ReadAll()
	if err != nil || len(rows) != 4 || !slices.Equal(rows[0], export.ACLEDHeader) {
		t.Fatalf("csv: %v, %d rows", err, len(rows))
	}
	// Exports are not paged: everything selected comes out.
	if rows := strings.Count(ts.get(t, "/api/events?format=jsonl").body, "\n"); rows != 6 {
		t.Errorf("jsonl: %d lines, want 6", rows)
	}
	if rows := strings.Count(ts.get(t, "/api/events?format=jsonl&limit=2").body, "\n"); rows != 2 {
		t.Errorf("jsonl with limit=2: %d lines", rows)
	}
	r = ts.get(t, "/api/events?format=geojson&bbox=36,35,37,36.5")
	if r.Header.Get("Content-Type") != "application/geo+json" {
		t.Errorf("geojson type %q", r.Header.Get("Content-Type"))
	}
	fc, err := geojson.UnmarshalFeatureCollection([]byte(r.body))
	if err != nil || len(fc.Features) != 2 {
		t.Fatalf("geojson: %v", err)
	}
	r = ts.get(t, "/api/events?format=ucdp&event_type=Battles")
	rows, err = csv.NewReader(strings.NewReader(r.body)).ReadAll()
	if err != nil || len(rows) != 3 || !slices.Equal(rows[0], export.UCDPHeader) {
		t.Errorf("ucdp: %v, %d rows", err, len(rows))
	}
	// An empty selection still gives a valid file.
	rows, err = csv.NewReader(strings.NewReader(ts.get(t, "/api/events?format=csv&country=FRA").body)).ReadAll()
	if err != nil || len(rows) != 1 {
		t.Errorf("empty csv: %v %v", err, rows)
	}
}
