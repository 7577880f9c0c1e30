package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// plainStore hides every method but IncidentStore's, so a server over it
// lists every page the full way.
type plainStore struct{ sitrep.IncidentStore }

// pageWalk is what a client sees walking a listing: each page's status,
// Link header, ETag and body.
type pageWalk []string

func walkPages(t *testing.T, base, query string) pageWalk {
	t.Helper()
	var out pageWalk
	q := query
	for range 20 {
		req, _ := http.NewRequest(http.MethodGet, base+"/api/events?"+q, nil)
		r := do(t, req)
		out = append(out, r.Status+"\n"+r.Header.Get("Link")+"\n"+r.Header.Get("ETag")+"\n"+r.body)
		if r.StatusCode != 200 {
			return out
		}
		var page EventPage
		if err := json.Unmarshal([]byte(r.body), &page); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if page.NextCursor == "" {
			return out
		}
		q = query + "&cursor=" + url.QueryEscape(page.NextCursor)
	}
	t.Fatalf("%s: more than 20 pages", query)
	return nil
}

// TestFieldPagesMatchFullPages checks that a page read through a
// FieldStore is byte for byte the page the full path writes, cursors,
// Link headers and ETags included, for every sort and for fields the
// FieldStore reads and fields it does not.
func TestFieldPagesMatchFullPages(t *testing.T) {
	ts := newTestServer(t)
	// Values whose encoding has corners: HTML characters, non-ASCII,
	// U+2028, a float written with an exponent.
	odd := fixture()[2]
	odd.Admin1 = `Lagos <"State"> & \ environs` + "\u2028" + "Ìkẹjà"
	odd.Location = "tab\there"
	odd.Longitude = 3.4e-7
	ts.store.set(odd)
	plain := httptest.NewServer(New(plainStore{ts.store}, quiet, Options{}))
	t.Cleanup(plain.Close)

	fieldChoices := []string{
		"id",
		"id,event_date,latitude,longitude",
		"event_date,fatalities",
		"admin1,location,latitude,longitude,grade,updated_at,created_at,version,inter1",
		"fatalities,id,sub_event_type,iso3",
		"notes,id",          // the FieldStore cannot read notes: the full path
		"claims,event_date", // nor claims
	}
	queries := []string{
		"",
		"limit=2",
		"country=SYR&limit=1",
		"bbox=0,0,50,50&from=2020-05-02",
		"q=market",
		"min_fatalities=100",
	}
	for _, sort := range append([]string{""}, Sorts...) {
		for _, fields := range fieldChoices {
			for _, q := range queries {
				query := "fields=" + fields + "&sort=" + sort + "&" + q
				before := ts.store.reads()
				got := walkPages(t, ts.URL, query)
				want := walkPages(t, plain.URL, query)
				if strings.Contains(fields, "reports") || strings.Contains(fields, "claims") {
					if ts.store.reads() != before {
						t.Errorf("%s: read through IncidentFields", query)
					}
				} else if ts.store.reads() == before {
					t.Errorf("%s: not read through IncidentFields", query)
				}
				if len(got) != len(want) {
					t.Errorf("%s: %d pages, full path %d", query, len(got), len(want))
					continue
				}
				for i := range got {
					if got[i] != want[i] {
						t.Errorf("%s: page %d:\n%s\nfull path:\n%s", query, i, got[i], want[i])
					}
				}
			}
		}
	}
}

// TestFieldPageStoreFailure checks that the field path answers a store
// failure as the full path does: a 500 that does not leak the error.
func TestFieldPageStoreFailure(t *testing.T) {
	ts := newTestServer(t)
	ts.store.fail = errors.New("disk on fire at /secret/path")
	r := ts.get(t, "/api/events?fields=id,event_date")
	if r.StatusCode != 500 || strings.Contains(r.body, "secret") {
		t.Errorf("store failure: %d %s", r.StatusCode, r.body)
	}
	if ts.store.reads() != 1 {
		t.Errorf("%d reads through IncidentFields, want 1", ts.store.reads())
	}
}

// TestAppendJSONMatchesMarshal checks the field path's encoding of values
// against encoding/json's encoding of the same values.
func TestAppendJSONMatchesMarshal(t *testing.T) {
	values := []any{
		"", "plain", `quote " and \ backslash`, "<b>&amp;</b>", "tab\tnewline\n\x01", "Ḥamāh", "line\u2028sep\u2029",
		"😀", "bad \xff\xfe UTF-8", int64(0), int64(-42), int64(math.MaxInt64),
		0.0, math.Copysign(0, -1), 1.0, -1.5, 35.93, 1e-6, 9.99e-7, 1e-7, -3.4e-7, 1e20, 1e21, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64,
		time.Time{}, time.Date(2020, 5, 1, 12, 30, 0, 120000000, time.UTC), time.Date(2020, 5, 1, 12, 30, 0, 1, time.UTC),
	}
	for _, v := range values {
		var buf bytes.Buffer
		buf.WriteString("x")
		if err := appendJSON(&buf, v); err != nil {
			t.Errorf("%#v: %v", v, err)
			continue
		}
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := buf.String()[1:]; got != string(want) {
			t.Errorf("%#v: got %s, Marshal %s", v, got, want)
		}
	}
	for _, v := range []any{math.NaN(), math.Inf(1)} {
		if err := appendJSON(&bytes.Buffer{}, v); err == nil {
			t.Errorf("%v: no error", v)
		}
	}
}
