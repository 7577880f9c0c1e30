package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/export"
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

// oddStore returns a test server whose third incident has values whose
// encoding has corners — HTML characters, invalid UTF-8, U+2028, control
// characters, a float written with an exponent, omitempty fields set,
// corrections held as raw JSON — and a server over the same store that
// lists every page the full way.
func oddStore(t *testing.T) (ts *testServer, plain *httptest.Server) {
	t.Helper()
	ts = newTestServer(t)
	odd := fixture()[2]
	odd.Admin1 = `Lagos <"State"> & \ environs` + "\u2028" + "Ìkẹjà"
	odd.Location = "tab\there"
	odd.Actor2 = "bad \xff bytes"
	odd.Longitude = 3.4e-7
	odd.Notes = "<b>Traders</b> & others\r\nmarched\x01"
	odd.CAMEO, odd.DateEnd, odd.GeonameID = "14", "2020-05-06", 2332459
	odd.Evidence = map[string]sitrep.Span{"location": {Start: 3, End: 8}, "actor1": {Start: 0, End: 2}}
	odd.Corrections = map[string]json.RawMessage{"admin1": json.RawMessage(`{"from":"<x>","to":"a & b"}`)}
	odd.Reviewers = []string{"ana"}
	odd.FatalitiesBest = new(int)
	odd.SourcedClaims = []sitrep.SourcedClaim{{DocID: "doc-i03", Claim: odd.Claims[0], Status: sitrep.ClaimCurrent}}
	// Stored as a store that keeps JSON holds it: decoding gives U+FFFD
	// for the invalid byte and the raw corrections as Marshal escaped
	// them, which the full path then writes.
	b, err := json.Marshal(odd)
	if err != nil {
		t.Fatal(err)
	}
	stored := &sitrep.Incident{}
	if err := json.Unmarshal(b, stored); err != nil {
		t.Fatal(err)
	}
	ts.store.set(stored)
	plain = httptest.NewServer(New(plainStore{ts.store}, quiet, Options{}))
	t.Cleanup(plain.Close)
	return ts, plain
}

// snapshotFields are fields= choices that need more than a FieldStore
// reads: they are written from stored JSON. "" asks for whole incidents.
var snapshotFields = []string{
	"",
	"notes,id,evidence",
	"claims,event_date",
	"evidence,corrections,reviewers,cameo,geonameid,date_end,plover",
	"id,fatalities_best,sourced_claims,admin1,location,actor2,longitude",
	"updated_at,reports,notes",
}

// TestFieldPagesMatchFullPages checks that a page read through a
// FieldStore or a RawStore is byte for byte the page the full path writes,
// cursors, Link headers and ETags included, for every sort and for fields
// the FieldStore reads and fields it does not.
func TestFieldPagesMatchFullPages(t *testing.T) {
	ts, plain := oddStore(t)
	fieldChoices := append([]string{
		"id",
		"id,event_date,latitude,longitude",
		"event_date,fatalities",
		"admin1,latitude,longitude,grade,updated_at,created_at,version,inter1",
		"fatalities,id,sub_event_type,iso3",
	}, snapshotFields...)
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
				fieldsBefore, rawBefore := ts.store.reads(), ts.store.rawReadCount()
				got := walkPages(t, ts.URL, query)
				want := walkPages(t, plain.URL, query)
				if slices.Contains(snapshotFields, fields) {
					if ts.store.reads() != fieldsBefore || ts.store.rawReadCount() == rawBefore {
						t.Errorf("%s: not read through IncidentsRaw alone", query)
					}
				} else if ts.store.reads() == fieldsBefore {
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

// TestRawPagesDecodeOtherJSON checks that stored JSON which is not what
// json.Marshal writes for the incident it decodes to — as older code may
// have stored it — is decoded, so that pages and JSON Lines still come out
// byte for byte as the full path writes them.
func TestRawPagesDecodeOtherJSON(t *testing.T) {
	ts, plain := oddStore(t)
	// Each edit leaves the incident the JSON decodes to as it was.
	edits := map[string]func(string) string{
		"i01": func(s string) string { return strings.Replace(s, `"sourced_claims":null,`, ``, 1) }, // a field added since
		"i02": func(s string) string { return strings.Replace(s, `{`, `{"legacy_score":0.5,`, 1) },  // a field dropped since
		"i03": func(s string) string { return strings.Replace(s, `\u003cb\u003e`, `<b>`, 1) },       // another encoder's escaping
		"i04": func(s string) string { return strings.Replace(s, `"latitude":2.04`, `"latitude":2.040`, 1) },
		"i05": func(s string) string { return strings.Replace(s, `"id":"i05"`, `"id":"old-5"`, 1) }, // the store's id wins
		"i06": func(s string) string {
			return strings.Replace(s, `"grade":"single source","grade_reasons":null`, `"grade_reasons":null,"grade":"single source"`, 1)
		},
	}
	ts.store.stored = func(id string, raw []byte) []byte {
		edit := edits[id]
		if edit == nil {
			t.Errorf("no edit for %s", id)
			return raw
		}
		edited := edit(string(raw))
		if edited == string(raw) {
			t.Errorf("%s: the edit changed nothing in %s", id, raw)
		}
		return []byte(edited)
	}
	for _, sort := range append([]string{""}, Sorts...) {
		for _, fields := range snapshotFields {
			for _, q := range []string{"", "limit=2", "bbox=0,0,50,50&from=2020-05-02"} {
				query := "fields=" + fields + "&sort=" + sort + "&" + q
				got, want := walkPages(t, ts.URL, query), walkPages(t, plain.URL, query)
				if !slices.Equal(got, want) {
					t.Errorf("%s:\n%s\nfull path:\n%s", query, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
		}
	}
	for _, q := range []string{"format=jsonl", "format=jsonl&sort=-fatalities&country=SYR"} {
		before := ts.store.rawReadCount()
		got, want := ts.get(t, "/api/events?"+q), getURL(t, plain.URL+"/api/events?"+q)
		if ts.store.rawReadCount() == before {
			t.Errorf("%s: not read through IncidentsRaw", q)
		}
		if got.StatusCode != 200 || got.body != want.body || got.Header.Get("Content-Type") != want.Header.Get("Content-Type") {
			t.Errorf("%s: %d %s\n%s\nfull path:\n%s", q, got.StatusCode, got.Header.Get("Content-Type"), got.body, want.body)
		}
	}
}

// TestExportsMatchFullPath checks that every export format writes over a
// RawStore what it writes from decoded incidents.
func TestExportsMatchFullPath(t *testing.T) {
	ts, plain := oddStore(t)
	for _, format := range export.Formats {
		for _, q := range []string{"", "&sort=-event_date&limit=3", "&bbox=0,0,50,50"} {
			u := "/api/events?format=" + format + q
			got, want := ts.get(t, u), getURL(t, plain.URL+u)
			if got.StatusCode != 200 || got.body != want.body || got.Header.Get("Content-Type") != want.Header.Get("Content-Type") {
				t.Errorf("%s: %d\n%s\nfull path:\n%s", u, got.StatusCode, got.body, want.body)
			}
		}
	}
}

// TestUndecodableStoredJSON checks that stored JSON that does not decode
// is a 500 that does not leak it, for a page and for an export, as the
// store's own failure would be.
func TestUndecodableStoredJSON(t *testing.T) {
	ts := newTestServer(t)
	ts.store.stored = func(id string, raw []byte) []byte { return []byte(`{"id":"secret`) }
	for _, u := range []string{"/api/events", "/api/events?fields=claims", "/api/events?format=jsonl"} {
		r := ts.get(t, u)
		if r.StatusCode != 500 || strings.Contains(r.body, "secret") || r.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d %s %s", u, r.StatusCode, r.Header.Get("Content-Type"), r.body)
		}
	}
}

// getURL gets u, of any server.
func getURL(t *testing.T, u string) response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	return do(t, req)
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
