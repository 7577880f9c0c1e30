package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/sqlite"
)

// TestServeEndToEnd posts a report to a real server over the real store
// and reads it back through the API and the exports.
func TestServeEndToEnd(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "serve.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	h, err := handler(e, store)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	body := `{"id":"post-1","title":"Roadside bomb kills four soldiers near Kandahar","published":"2024-04-10","outlet":"Example Wire",
	"text":"A roadside bomb killed four soldiers near the city of Kandahar on Tuesday, a provincial police spokesman said. Two others were wounded."}`
	resp, err := http.Post(srv.URL+"/api/documents", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	posted, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("POST /api/documents: %d %s", resp.StatusCode, posted)
	}

	get := func(path string) (int, []byte) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	code, b := get("/api/events")
	if code != 200 {
		t.Fatalf("GET /api/events: %d %s", code, b)
	}
	var list struct {
		Events []struct {
			ID         string   `json:"id"`
			EventType  string   `json:"event_type"`
			Fatalities int      `json:"fatalities"`
			Reports    []string `json:"reports"`
			Country    string   `json:"country"`
		} `json:"events"`
	}
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatalf("events JSON: %v\n%s", err, b)
	}
	if len(list.Events) != 1 {
		t.Fatalf("one posted report gave %d events: %s", len(list.Events), b)
	}
	ev := list.Events[0]
	if ev.EventType != "Explosions/Remote violence" || ev.Fatalities != 4 || ev.Country != "Afghanistan" || len(ev.Reports) != 1 {
		t.Errorf("event = %+v", ev)
	}
	// The answer to the POST named the incident the report joined.
	if !bytes.Contains(posted, []byte(`"incidents":["`+ev.ID+`"]`)) {
		t.Errorf("POST /api/documents answered %s; want incidents [%q]", posted, ev.ID)
	}
	if code, b := get("/api/events/" + ev.ID); code != 200 || !bytes.Contains(b, []byte(`"claims"`)) {
		t.Errorf("GET /api/events/%s: %d %s", ev.ID, code, b)
	}
	if code, b := get("/api/events?country=AFG&from=2024-04-01&to=2024-04-30&format=csv"); code != 200 {
		t.Errorf("CSV export: %d %s", code, b)
	} else {
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Errorf("CSV export has %d rows (%v), want header and one event", len(rows), err)
		}
	}
	if code, b := get("/api/events?country=SYR"); code != 200 || bytes.Contains(b, []byte(ev.ID)) {
		t.Errorf("a country filter that excludes the event still lists it: %d %s", code, b)
	}
	if code, _ := get("/api/events?bbox=70,30,60,35"); code/100 != 4 {
		t.Errorf("an inverted bounding box gave %d, want a 4xx", code)
	}
}
