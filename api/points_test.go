package api

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// pointRows decodes GET /api/points into one map per row, keyed by column.
func pointRows(t *testing.T, r response) []map[string]any {
	t.Helper()
	if r.StatusCode != 200 {
		t.Fatalf("%s: status %d: %.500s", r.Request.URL, r.StatusCode, r.body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	p := decode[Points](t, r)
	var out []map[string]any
	for _, row := range p.Rows {
		if len(row) != len(p.Columns) {
			t.Fatalf("row %v has %d values for %d columns", row, len(row), len(p.Columns))
		}
		m := map[string]any{}
		for i, c := range p.Columns {
			m[c] = row[i]
		}
		out = append(out, m)
	}
	return out
}

// TestPointsSelectAsEvents checks that /api/points selects what
// /api/events does for the same filters.
func TestPointsSelectAsEvents(t *testing.T) {
	ts := newTestServer(t)
	for _, q := range []string{
		"",
		"?country=SYR",
		"?from=2020-05-02&to=2020-05-05",
		"?bbox=35.5,32.3,42.4,37.3",
		"?event_type=Battles&min_fatalities=2",
		"?inter=7",
		"?q=market",
		"?actor=civilians",
		"?grade=single%20source",
		"?admin1=nowhere",
	} {
		want := ids(t, ts.get(t, "/api/events"+q))
		got := []string{}
		for _, row := range pointRows(t, ts.get(t, "/api/points"+q)) {
			got = append(got, row["id"].(string))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: points %v, events %v", q, got, want)
		}
	}
}

func TestPointsValues(t *testing.T) {
	ts := newTestServer(t)
	rows := pointRows(t, ts.get(t, "/api/points?country=SOM"))
	if len(rows) != 1 {
		t.Fatalf("got %d rows, want 1", len(rows))
	}
	want := map[string]any{"id": "i04", "latitude": 2.04, "longitude": 45.34, "event_type": "Violence against civilians",
		"sub_event_type": "Attack", "event_date": "2020-05-07", "fatalities": 3.0, "admin1": "Banaadir", "iso3": "SOM", "grade": sitrep.GradeContested}
	for k, v := range want {
		if rows[0][k] != v {
			t.Errorf("%s = %v, want %v", k, rows[0][k], v)
		}
	}
	if n := len(pointRows(t, ts.get(t, "/api/points?limit=2"))); n != 2 {
		t.Errorf("limit=2: %d rows", n)
	}
}

func TestPointsErrors(t *testing.T) {
	ts := newTestServer(t)
	for _, q := range []string{"?from=May", "?bbox=1,2,3", "?limit=0", "?cursor=x"} {
		if r := ts.get(t, "/api/points"+q); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422: %.300s", q, r.StatusCode, r.body)
		}
	}
	if r := ts.get(t, "/api/points"); r.Header.Get("ETag") == "" {
		t.Errorf("no ETag")
	}

	ts.store.fail = errors.New("disk on fire at /secret/path")
	r := ts.get(t, "/api/points")
	if r.StatusCode != http.StatusInternalServerError || r.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("failing store: status %d, %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
	if strings.Contains(r.body, "secret") {
		t.Errorf("failing store: body leaks the error: %s", r.body)
	}

	// A store without Points: only the IncidentStore methods of memStore.
	plain := struct{ sitrep.IncidentStore }{newStore()}
	srv := httptest.NewServer(New(plain, quiet, Options{}))
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/points", nil)
	if r := do(t, req); r.StatusCode != http.StatusNotImplemented {
		t.Errorf("store without points: status %d, want 501", r.StatusCode)
	}
}
