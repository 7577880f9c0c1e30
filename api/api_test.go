package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// memStore is a Store holding events in memory, for handler tests.
type memStore struct{ events []sitrep.Event }

func (m *memStore) PutDocument(context.Context, *sitrep.Document, []sitrep.Event) (string, bool, error) {
	return "", false, nil
}
func (m *memStore) Document(context.Context, string) (*sitrep.Document, []sitrep.Event, error) {
	return nil, nil, sitrep.ErrNotFound
}
func (m *memStore) Events(_ context.Context, fn func(string, sitrep.Event) bool) error {
	for i, e := range m.events {
		if !fn("doc"+string(rune('a'+i)), e) {
			break
		}
	}
	return nil
}
func (m *memStore) Close() error { return nil }

func newTestServer(t *testing.T, events ...sitrep.Event) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(New(&memStore{events: events}, nil))
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestEventsJSON(t *testing.T) {
	srv := newTestServer(t,
		sitrep.Event{EventType: "Battles", SubEventType: "Armed clash", Place: sitrep.Place{Location: "Qaatabah"}},
		sitrep.Event{EventType: "Protests", SubEventType: "Peaceful protest"},
	)
	resp, body := get(t, srv.URL+"/api/events")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var got struct {
		Events []struct {
			DocID     string `json:"doc_id"`
			EventType string `json:"event_type"`
			Location  string `json:"location"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Events) != 2 || got.Events[0].EventType != "Battles" || got.Events[0].Location != "Qaatabah" || got.Events[0].DocID != "doca" {
		t.Errorf("events = %+v", got.Events)
	}

	_, body = get(t, srv.URL+"/api/events?limit=1")
	if err := json.Unmarshal([]byte(body), &got); err != nil || len(got.Events) != 1 {
		t.Errorf("limit=1 gave %d events (%v)", len(got.Events), err)
	}
}

func TestEmptyStoreListsEmptyArray(t *testing.T) {
	srv := newTestServer(t)
	_, body := get(t, srv.URL+"/api/events")
	if !strings.Contains(body, `"events": []`) {
		t.Errorf("empty store gave %s, want an empty array", body)
	}
}

func TestBadLimitIsProblem(t *testing.T) {
	srv := newTestServer(t)
	for _, q := range []string{"limit=0", "limit=abc", "limit=100001"} {
		resp, body := get(t, srv.URL+"/api/events?"+q)
		if resp.StatusCode != 400 || resp.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(body, "limit") {
			t.Errorf("%s: status %d, type %q, body %s", q, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	}
}

func TestPageEscapesText(t *testing.T) {
	srv := newTestServer(t, sitrep.Event{EventType: "Battles", Notes: `<script>alert(1)</script><img src=x onerror=alert(2)>`})
	resp, body := get(t, srv.URL+"/")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
		t.Errorf("page carries article markup unescaped:\n%s", body)
	}
	if !strings.Contains(body, "&lt;script&gt;") {
		t.Errorf("page lost the notes text")
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
}

func TestHealthz(t *testing.T) {
	srv := newTestServer(t)
	resp, body := get(t, srv.URL+"/healthz")
	if resp.StatusCode != 200 || strings.TrimSpace(body) != "ok" {
		t.Errorf("healthz: %d %q", resp.StatusCode, body)
	}
	resp, _ = get(t, srv.URL+"/nope")
	if resp.StatusCode != 404 {
		t.Errorf("unknown path: %d", resp.StatusCode)
	}
}
