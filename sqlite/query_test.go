package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/api"
	"github.com/sitrep-dev/sitrep/export"
	"github.com/sitrep-dev/sitrep/sqlite"
)

// queryFixture is six incidents written for these tests, every filterable
// field varied. Names are the keys tests refer to them by.
var queryFixture = []struct {
	name string
	inc  sitrep.Incident
}{
	{"clash", sitrep.Incident{Event: sitrep.Event{EventType: "Battles", SubEventType: "Armed clash",
		Actor1: "Military Forces of Syria (2000-)", Inter1: 1, Actor2: "Hayat Tahrir al Sham", Inter2: 2,
		Place:     sitrep.Place{Location: "Ridge", ISO3: "SYR", Country: "Syria", Admin1: "Idlib", Latitude: 35.93, Longitude: 36.63},
		EventDate: "2020-05-01", Fatalities: 5, Notes: "Army units clashed with rebels near the ridge."}, Grade: sitrep.GradeCorroborated}},
	{"strike", sitrep.Incident{Event: sitrep.Event{EventType: "Explosions/Remote violence", SubEventType: "Air/drone strike",
		Actor1: "Military Forces of Russia (2000-)", Inter1: 8, Actor2: "Civilians (Syria)", Inter2: 7,
		Place:     sitrep.Place{Location: "Market", ISO3: "SYR", Country: "Syria", Admin1: "Idlib", Latitude: 35.80, Longitude: 36.60},
		EventDate: "2020-05-03", Fatalities: 12, Notes: "An air strike hit a market at noon."}, Grade: sitrep.GradeSingle}},
	{"protest", sitrep.Incident{Event: sitrep.Event{EventType: "Protests", SubEventType: "Peaceful protest",
		Actor1: "Protesters (Nigeria)", Inter1: 6,
		Place:     sitrep.Place{Location: "Square", ISO3: "NGA", Country: "Nigeria", Admin1: "Lagos", Latitude: 6.45, Longitude: 3.39},
		EventDate: "2020-05-05", Notes: "Traders marched over new fees."}, Grade: sitrep.GradeSingle}},
	{"attack", sitrep.Incident{Event: sitrep.Event{EventType: "Violence against civilians", SubEventType: "Attack",
		Actor1: "Al Shabaab", Inter1: 2, Actor2: "Civilians (Somalia)", Inter2: 7, AssocActor2: "Teachers (Somalia)",
		Place:     sitrep.Place{Location: "School", ISO3: "SOM", Country: "Somalia", Admin1: "Banaadir", Latitude: 2.04, Longitude: 45.34},
		EventDate: "2020-05-07", Fatalities: 3, Notes: "Gunmen shot three teachers."}, Grade: sitrep.GradeContested}},
	{"shelling", sitrep.Incident{Event: sitrep.Event{EventType: "Battles", SubEventType: "Armed clash",
		Actor1: "Military Forces of Ukraine (2019-)", Inter1: 1, Actor2: "NAF: United Armed Forces of Novorossiya", Inter2: 2,
		Place:     sitrep.Place{Location: "Line", ISO3: "UKR", Country: "Ukraine", Admin1: "Donetsk", Latitude: 48.0, Longitude: 37.8},
		EventDate: "2020-05-09", Fatalities: 1, Notes: "Shelling was exchanged across the line."}, Grade: sitrep.GradeConfirmed}},
	{"deal", sitrep.Incident{Event: sitrep.Event{EventType: "Strategic developments", SubEventType: "Agreement",
		Place:     sitrep.Place{ISO3: "SYR", Country: "Syria", Admin1: "Aleppo"},
		EventDate: "2020-05-02", Notes: "An agreement was signed."}, Grade: sitrep.GradeSingle}},
}

// seedQuery stores the fixture: the first three incidents, then (after
// the returned instant) the other three. The report of "attack" carries a
// word its notes do not.
func seedQuery(t *testing.T, db *sqlite.DB) (names map[string]string, between time.Time) {
	t.Helper()
	ctx := context.Background()
	names = map[string]string{}
	save := func(part []int) {
		err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
			for _, i := range part {
				f := queryFixture[i]
				inc := f.inc
				id, err := tx.NewIncident(ctx)
				if err != nil {
					return err
				}
				inc.ID = id
				if f.name == "attack" {
					doc := newDoc("doc-attack", "https://example.org/attack", "Gunmen entered the quarry school and opened fire.")
					docID, _, err := tx.PutDocument(ctx, doc, []sitrep.Event{inc.Event}, nil)
					if err != nil {
						return err
					}
					if err := tx.Attach(ctx, docID, 0, id, false); err != nil {
						return err
					}
					inc.Reports = []string{docID}
				}
				if _, err := tx.Save(ctx, &inc, sitrep.Cause{Kind: "report"}); err != nil {
					return err
				}
				names[f.name] = id
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	save([]int{0, 1, 5})
	time.Sleep(5 * time.Millisecond)
	between = time.Now()
	time.Sleep(5 * time.Millisecond)
	save([]int{2, 3, 4})
	return names, between
}

func list(t *testing.T, db *sqlite.DB, f sitrep.IncidentFilter) []*sitrep.Incident {
	t.Helper()
	var out []*sitrep.Incident
	err := db.Incidents(context.Background(), f, func(inc *sitrep.Incident) bool {
		out = append(out, inc)
		return true
	})
	if err != nil {
		t.Fatalf("Incidents(%+v): %v", f, err)
	}
	return out
}

func TestQueryFilters(t *testing.T) {
	db, _ := openTemp(t)
	names, between := seedQuery(t, db)
	tests := []struct {
		what string
		f    sitrep.IncidentFilter
		want []string
	}{
		{"all", sitrep.IncidentFilter{}, []string{"clash", "strike", "deal", "protest", "attack", "shelling"}},
		{"from", sitrep.IncidentFilter{From: "2020-05-05"}, []string{"protest", "attack", "shelling"}},
		{"from to", sitrep.IncidentFilter{From: "2020-05-02", To: "2020-05-05"}, []string{"strike", "deal", "protest"}},
		{"box", sitrep.IncidentFilter{Box: &sitrep.Box{MinLon: 36, MinLat: 35, MaxLon: 37, MaxLat: 36.5}}, []string{"clash", "strike"}},
		{"box edge is inside", sitrep.IncidentFilter{Box: &sitrep.Box{MinLon: 36.63, MinLat: 35.93, MaxLon: 37, MaxLat: 36}}, []string{"clash"}},
		{"box just misses", sitrep.IncidentFilter{Box: &sitrep.Box{MinLon: 36.6301, MinLat: 35.9, MaxLon: 37, MaxLat: 36}}, []string{}},
		{"world box leaves unplaced out", sitrep.IncidentFilter{Box: &sitrep.Box{MinLon: -180, MinLat: -90, MaxLon: 180, MaxLat: 90}},
			[]string{"clash", "strike", "protest", "attack", "shelling"}},
		{"near 5 km", sitrep.IncidentFilter{NearLat: 35.93, NearLon: 36.63, RadiusKm: 5}, []string{"clash"}},
		{"near 20 km", sitrep.IncidentFilter{NearLat: 35.93, NearLon: 36.63, RadiusKm: 20}, []string{"clash", "strike"}},
		{"near and box", sitrep.IncidentFilter{NearLat: 35.93, NearLon: 36.63, RadiusKm: 20, Box: &sitrep.Box{MinLon: 36.62, MinLat: 35, MaxLon: 37, MaxLat: 36}}, []string{"clash"}},
		{"near 2000 km of Mogadishu", sitrep.IncidentFilter{NearLat: 2, NearLon: 45, RadiusKm: 2000}, []string{"attack"}},
		{"country", sitrep.IncidentFilter{ISO3: "SYR"}, []string{"clash", "strike", "deal"}},
		{"admin1 any case", sitrep.IncidentFilter{Admin1: "idlib"}, []string{"clash", "strike"}},
		{"event type", sitrep.IncidentFilter{EventType: "Battles"}, []string{"clash", "shelling"}},
		{"sub-event type", sitrep.IncidentFilter{SubEventType: "Air/drone strike"}, []string{"strike"}},
		{"actor", sitrep.IncidentFilter{Actor: "SHABAAB"}, []string{"attack"}},
		{"associated actor", sitrep.IncidentFilter{Actor: "teachers"}, []string{"attack"}},
		{"actor substring", sitrep.IncidentFilter{Actor: "military forces"}, []string{"clash", "strike", "shelling"}},
		{"inter", sitrep.IncidentFilter{Inter: []int{7}}, []string{"strike", "attack"}},
		{"inters", sitrep.IncidentFilter{Inter: []int{1, 6}}, []string{"clash", "protest", "shelling"}},
		{"min fatalities", sitrep.IncidentFilter{MinFatalities: 3}, []string{"clash", "strike", "attack"}},
		{"grade", sitrep.IncidentFilter{Grade: sitrep.GradeSingle}, []string{"strike", "deal", "protest"}},
		{"text in notes", sitrep.IncidentFilter{Text: "market"}, []string{"strike"}},
		{"words anded", sitrep.IncidentFilter{Text: "air strike"}, []string{"strike"}},
		{"words anded, one missing", sitrep.IncidentFilter{Text: "air teachers"}, []string{}},
		{"text in a report only", sitrep.IncidentFilter{Text: "quarry"}, []string{"attack"}},
		{"prefix", sitrep.IncidentFilter{Text: "shell*"}, []string{"shelling"}},
		{"syntax is not syntax", sitrep.IncidentFilter{Text: `"market" OR (NEAR `}, []string{}},
		{"updated since", sitrep.IncidentFilter{UpdatedSince: between}, []string{"protest", "attack", "shelling"}},
		{"combined", sitrep.IncidentFilter{ISO3: "SYR", EventType: "Battles", From: "2020-05-01"}, []string{"clash"}},
		{"limit", sitrep.IncidentFilter{ISO3: "SYR", Limit: 2}, []string{"clash", "strike"}},
	}
	for _, tt := range tests {
		got := []string{}
		for _, inc := range list(t, db, tt.f) {
			got = append(got, nameOf(names, inc.ID))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.what, got, tt.want)
		}
	}
}

func nameOf(names map[string]string, id string) string {
	for n, x := range names {
		if x == id {
			return n
		}
	}
	return "?" + id
}

func TestQuerySortAndCursor(t *testing.T) {
	db, _ := openTemp(t)
	seedQuery(t, db)
	key := func(sort string, inc *sitrep.Incident) string {
		switch strings.TrimPrefix(sort, "-") {
		case "event_date":
			return inc.EventDate
		case "updated_at":
			return inc.UpdatedAt.UTC().Format(time.RFC3339Nano)
		case "fatalities":
			return strconv.Itoa(inc.Fatalities)
		}
		return ""
	}
	for _, sort := range []string{"", "event_date", "-event_date", "updated_at", "-updated_at", "fatalities", "-fatalities"} {
		all := list(t, db, sitrep.IncidentFilter{Sort: sort})
		if len(all) != 6 {
			t.Fatalf("sort %q: %d incidents", sort, len(all))
		}
		for i := 1; i < len(all); i++ {
			a, b := all[i-1], all[i]
			var c int
			switch strings.TrimPrefix(sort, "-") {
			case "fatalities":
				c = a.Fatalities - b.Fatalities
			case "":
				c = 0
			default:
				c = strings.Compare(key(sort, a), key(sort, b))
			}
			if strings.HasPrefix(sort, "-") {
				c = -c
			}
			if c > 0 {
				t.Errorf("sort %q: %s before %s", sort, a.ID, b.ID)
			}
		}
		var walked []string
		f := sitrep.IncidentFilter{Sort: sort, Limit: 2}
		for range 5 {
			page := list(t, db, f)
			for _, inc := range page {
				walked = append(walked, inc.ID)
			}
			if len(page) < 2 {
				break
			}
			last := page[len(page)-1]
			f.After, f.AfterKey = last.ID, key(sort, last)
		}
		var want []string
		for _, inc := range all {
			want = append(want, inc.ID)
		}
		if !slices.Equal(walked, want) {
			t.Errorf("sort %q: pages %v, listing %v", sort, walked, want)
		}
	}
	if err := db.Incidents(context.Background(), sitrep.IncidentFilter{Sort: "location"}, func(*sitrep.Incident) bool { return true }); err == nil {
		t.Errorf("unknown sort: no error")
	}
}

func TestCountIncidents(t *testing.T) {
	db, _ := openTemp(t)
	seedQuery(t, db)
	n, err := db.CountIncidents(context.Background())
	if err != nil || n != len(queryFixture) {
		t.Errorf("CountIncidents = %d, %v", n, err)
	}
}

// TestQueryIndexesFollowChanges moves an incident, rewrites its notes
// (twice in one transaction) and deletes another: the notes and the
// place-and-date index, brought up to date when a transaction commits,
// find each incident where it is now and nowhere else.
func TestQueryIndexesFollowChanges(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	place := func(lat, lon float64) sitrep.Place { return sitrep.Place{ISO3: "XYZ", Latitude: lat, Longitude: lon} }
	moving := &sitrep.Incident{Event: sitrep.Event{EventType: "Battles", Place: place(10, 10), EventDate: "2021-01-01",
		Notes: "Gunfire at the bridge."}}
	doomed := &sitrep.Incident{Event: sitrep.Event{EventType: "Riots", Place: place(20, 20), EventDate: "2021-01-01",
		Notes: "Stones thrown at the depot."}}
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		for _, inc := range []*sitrep.Incident{moving, doomed} {
			id, err := tx.NewIncident(ctx)
			if err != nil {
				return err
			}
			inc.ID = id
			if _, err := tx.Save(ctx, inc, sitrep.Cause{Kind: "report"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx sitrep.IncidentTx) error {
		moving.Notes = "Gunfire at the ferry."
		if _, err := tx.Save(ctx, moving, sitrep.Cause{Kind: "correction"}); err != nil {
			return err
		}
		// Notes reach the index as JSON: characters JSON escapes must too.
		moving.Place, moving.EventDate, moving.Notes = place(30, 30), "2021-02-01", "Gunfire at the \"harbour\"\\quay,\n\tété \x01."
		if _, err := tx.Save(ctx, moving, sitrep.Cause{Kind: "correction"}); err != nil {
			return err
		}
		return tx.Delete(ctx, doomed.ID, sitrep.Cause{Kind: "correction"}, "")
	})
	if err != nil {
		t.Fatal(err)
	}
	box := func(lat, lon float64) *sitrep.Box {
		return &sitrep.Box{MinLat: lat - 1, MaxLat: lat + 1, MinLon: lon - 1, MaxLon: lon + 1}
	}
	for _, tc := range []struct {
		name string
		f    sitrep.IncidentFilter
		want []string
	}{
		{"new notes", sitrep.IncidentFilter{Text: "harbour"}, []string{moving.ID}},
		{"old notes", sitrep.IncidentFilter{Text: "bridge"}, nil},
		{"notes in between", sitrep.IncidentFilter{Text: "ferry"}, nil},
		{"new place and date", sitrep.IncidentFilter{Box: box(30, 30), From: "2021-02-01", To: "2021-02-01"}, []string{moving.ID}},
		{"new place, old date", sitrep.IncidentFilter{Box: box(30, 30), From: "2021-01-01", To: "2021-01-01"}, nil},
		{"old place", sitrep.IncidentFilter{Box: box(10, 10)}, nil},
		{"deleted by notes", sitrep.IncidentFilter{Text: "depot"}, nil},
		{"deleted by place", sitrep.IncidentFilter{Box: box(20, 20)}, nil},
	} {
		var got []string
		if err := db.Incidents(ctx, tc.f, func(inc *sitrep.Incident) bool { got = append(got, inc.ID); return true }); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: found %v, want %v", tc.name, got, tc.want)
		}
	}
}

// The API reads thinned pages through IncidentFields, and other pages and
// JSON Lines through IncidentsRaw, only if DB has them with the method
// sets api.FieldStore and api.RawStore name.
var (
	_ api.FieldStore = (*sqlite.DB)(nil)
	_ api.RawStore   = (*sqlite.DB)(nil)
)

// columnFields are the incident fields IncidentFields reads from columns.
var columnFields = []string{"id", "event_type", "sub_event_type", "iso3", "admin1", "event_date",
	"latitude", "longitude", "fatalities", "inter1", "inter2", "grade", "version", "created_at", "updated_at"}

// seedOdd stores an incident whose values have encoding corners: HTML
// characters, U+2028, invalid UTF-8 (the snapshot holds U+FFFD for it, the
// column the bytes), a coordinate written with an exponent.
func seedOdd(t *testing.T, db *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	err := db.Update(ctx, func(tx sitrep.IncidentTx) error {
		id, err := tx.NewIncident(ctx)
		if err != nil {
			return err
		}
		inc := &sitrep.Incident{ID: id, Event: sitrep.Event{EventType: "Riots", SubEventType: `Mob <violence> & "more"`,
			Place:     sitrep.Place{ISO3: "NGA", Admin1: "Kano\u2028State \xff\xfe", Latitude: 12.0001, Longitude: -3.4e-7},
			EventDate: "2020-05-04", Fatalities: 2, Inter1: 5}, Grade: sitrep.GradeSingle}
		_, err = tx.Save(ctx, inc, sitrep.Cause{Kind: "report"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestIncidentFieldsMatchIncidents checks that IncidentFields selects the
// incidents Incidents does, in the same order, with each field's value
// encoding as the decoded incident's field does.
func TestIncidentFieldsMatchIncidents(t *testing.T) {
	db, _ := openTemp(t)
	_, between := seedQuery(t, db)
	seedOdd(t, db)
	for _, f := range queryFilters(between) {
		var want [][]byte
		for _, inc := range list(t, db, f) {
			b, err := json.Marshal(inc)
			if err != nil {
				t.Fatal(err)
			}
			var all map[string]json.RawMessage
			if err := json.Unmarshal(b, &all); err != nil {
				t.Fatal(err)
			}
			want = append(want, fieldsJSON(t, columnFields, func(i int) any { return all[columnFields[i]] }))
		}
		var got [][]byte
		err := db.IncidentFields(context.Background(), f, columnFields, func(values []any) bool {
			got = append(got, fieldsJSON(t, columnFields, func(i int) any { return values[i] }))
			return true
		})
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%+v: %d incidents, Incidents gives %d", f, len(got), len(want))
		}
		for i := range want {
			if !bytes.Equal(got[i], want[i]) {
				t.Errorf("%+v: incident %d:\n%s\nIncidents:\n%s", f, i, got[i], want[i])
			}
		}
	}
}

// fieldsJSON encodes value(i) for each of names as a JSON object.
func fieldsJSON(t *testing.T, names []string, value func(i int) any) []byte {
	t.Helper()
	var b bytes.Buffer
	for i, name := range names {
		v, err := json.Marshal(value(i))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fmt.Fprintf(&b, "%q:%s\n", name, v)
	}
	return b.Bytes()
}

// queryFilters are filters of every kind, sorts, cursors and limits.
func queryFilters(between time.Time) []sitrep.IncidentFilter {
	return []sitrep.IncidentFilter{
		{},
		{From: "2020-05-02", To: "2020-05-05"},
		{Box: &sitrep.Box{MinLon: -10, MinLat: 0, MaxLon: 37, MaxLat: 36.5}},
		{Box: &sitrep.Box{MinLon: -10, MinLat: 0, MaxLon: 37, MaxLat: 36.5}, Sort: "-event_date", Limit: 2},
		{NearLat: 35.93, NearLon: 36.63, RadiusKm: 20},
		{Actor: "civilians", Inter: []int{7}},
		{Text: "quarry"},
		{Text: "market", Sort: "fatalities"},
		{UpdatedSince: between},
		{Sort: "-fatalities", Limit: 3},
		{Sort: "updated_at", After: "2", AfterKey: "2000-01-01T00:00:00Z"},
		{Sort: "event_date", After: "3", AfterKey: "2020-05-03", Limit: 2},
		{After: "2", Limit: 2},
		{ISO3: "SYR", Sort: "-updated_at"},
		{Admin1: "nowhere"},
	}
}

// TestIncidentsRawMatchesIncidents checks that IncidentsRaw selects the
// incidents Incidents does, in the same order, with JSON that decodes to
// each of them.
func TestIncidentsRawMatchesIncidents(t *testing.T) {
	db, _ := openTemp(t)
	_, between := seedQuery(t, db)
	seedOdd(t, db)
	for _, f := range queryFilters(between) {
		var want []string
		for _, inc := range list(t, db, f) {
			b, err := json.Marshal(inc)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, string(b))
		}
		var got []string
		err := db.IncidentsRaw(context.Background(), f, func(id string, raw []byte) bool {
			inc, err := export.DecodeIncident(id, raw)
			if err != nil {
				t.Fatalf("%+v: %v", f, err)
			}
			b, err := json.Marshal(inc)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, string(b))
			return true
		})
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%+v:\n%s\nIncidents:\n%s", f, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	n := 0
	if err := db.IncidentsRaw(context.Background(), sitrep.IncidentFilter{}, func(string, []byte) bool { n++; return n < 2 }); err != nil || n != 2 {
		t.Errorf("fn called %d times after returning false at 2 (%v)", n, err)
	}
	if err := db.IncidentsRaw(context.Background(), sitrep.IncidentFilter{Sort: "location"}, func(string, []byte) bool { return true }); err == nil {
		t.Errorf("unknown sort: no error")
	}
}

func TestIncidentFieldsStopsAndRejects(t *testing.T) {
	db, _ := openTemp(t)
	seedQuery(t, db)
	ctx := context.Background()
	n := 0
	if err := db.IncidentFields(ctx, sitrep.IncidentFilter{}, []string{"id"}, func([]any) bool { n++; return n < 2 }); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("fn called %d times after returning false at 2", n)
	}
	for _, fields := range [][]string{{"notes"}, {"id", "claims"}, {"location"}, {""}} {
		called := false
		err := db.IncidentFields(ctx, sitrep.IncidentFilter{}, fields, func([]any) bool { called = true; return true })
		if !errors.Is(err, errors.ErrUnsupported) || called {
			t.Errorf("fields %q: error %v, fn called %v; want ErrUnsupported before any call", fields, err, called)
		}
	}
	if err := db.IncidentFields(ctx, sitrep.IncidentFilter{Sort: "location"}, []string{"id"}, func([]any) bool { return true }); err == nil {
		t.Errorf("unknown sort: no error")
	}
}

// fastAndFull returns a server over db, which reads pages through
// IncidentFields and IncidentsRaw where it can, and one that reads every
// page from decoded incidents.
func fastAndFull(t *testing.T, db *sqlite.DB) (fast, full *httptest.Server) {
	t.Helper()
	fast = httptest.NewServer(api.New(db, slog.New(slog.DiscardHandler), api.Options{}))
	t.Cleanup(fast.Close)
	// Hiding every method but IncidentStore's leaves the API the full path.
	full = httptest.NewServer(api.New(struct{ sitrep.IncidentStore }{db}, slog.New(slog.DiscardHandler), api.Options{}))
	t.Cleanup(full.Close)
	return fast, full
}

// pageFields are fields= choices: column fields, which the API reads
// through IncidentFields, then others, which it reads through
// IncidentsRaw, "" (whole incidents) first.
var pageFields = []string{
	"id,event_date,latitude,longitude",
	"event_date",
	strings.Join(columnFields, ","),
	"admin1,sub_event_type,fatalities,grade",
	"updated_at,iso3",
	"",
	"notes,id",
	"claims,evidence,event_date",
	"admin1,sub_event_type,notes,latitude,longitude",
	"reports,fatalities_best,version,updated_at",
}

// checkPagesMatch walks listings on fast and full and fails unless each is
// byte for byte the same on both: bodies, cursors, Link headers and ETags,
// for every sort, for fields, and for JSON Lines exports.
func checkPagesMatch(t *testing.T, fast, full *httptest.Server, fields []string) {
	t.Helper()
	queries := []string{"", "limit=2", "limit=1&country=SYR", "bbox=-10,0,37,36.5&from=2020-05-02", "q=quarry", "min_fatalities=100"}
	for _, sort := range []string{"", "event_date", "-event_date", "updated_at", "-updated_at", "fatalities", "-fatalities"} {
		for _, f := range fields {
			for _, q := range queries {
				query := "fields=" + f + "&sort=" + sort + "&" + q
				got, want := walkPages(t, fast.URL, query), walkPages(t, full.URL, query)
				if !slices.Equal(got, want) {
					t.Errorf("%s:\n%s\nfull path:\n%s", query, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
		}
		for _, q := range queries {
			query := "/api/events?format=jsonl&sort=" + sort + "&" + q
			r, got := get(t, fast.URL+query)
			_, want := get(t, full.URL+query)
			if r.StatusCode != http.StatusOK || got != want {
				t.Errorf("%s: %d\n%s\nfull path:\n%s", query, r.StatusCode, got, want)
			}
		}
	}
}

// TestFieldPagesMatchFullPages checks, over HTTP, that pages of GET
// /api/events which the API reads through IncidentFields or IncidentsRaw
// are byte for byte the pages it writes from decoded incidents.
func TestFieldPagesMatchFullPages(t *testing.T) {
	db, _ := openTemp(t)
	seedQuery(t, db)
	seedOdd(t, db)
	fast, full := fastAndFull(t, db)
	checkPagesMatch(t, fast, full, pageFields)
	// A cursor naming no incident of this store is a 422 problem on both
	// paths. (Cursors are base64url of sort, key and id, NUL-separated.)
	bad := base64.RawURLEncoding.EncodeToString([]byte("\x00\x00no-such-id"))
	for _, srv := range []string{fast.URL, full.URL} {
		for _, fields := range []string{"id", "", "notes"} {
			r, body := get(t, srv+"/api/events?fields="+fields+"&cursor="+bad)
			if r.StatusCode != http.StatusUnprocessableEntity || r.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("unknown cursor: %d %s %s", r.StatusCode, r.Header.Get("Content-Type"), body)
			}
		}
	}
}

// TestOldSnapshotsAreDecoded checks that snapshots which are not what
// json.Marshal writes today for the incident they decode to — written by
// older code, whose incidents had other fields, or by another encoder —
// are decoded rather than copied: pages and JSON Lines come out as the
// full path writes them.
func TestOldSnapshotsAreDecoded(t *testing.T) {
	db, path := openTemp(t)
	names, _ := seedQuery(t, db)
	seedOdd(t, db)
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// Each rewrite leaves JSON that decodes, to the incident it was or, as
	// with a field added or dropped since, to another.
	var odd string
	if err := raw.QueryRow(`SELECT max(id) FROM incidents`).Scan(&odd); err != nil {
		t.Fatal(err)
	}
	rewrites := []struct{ id, old, new string }{
		{names["clash"], `"sourced_claims":null,`, ``},                         // a field added since: decoded, it is null
		{names["protest"], `{`, `{"legacy_score":0.5,`},                        // a field dropped since
		{names["deal"], `"grade":"single source"`, `"grade": "single source"`}, // another encoder's spacing
		{names["strike"], `"id":"`, `"id":"0`},                                 // the row's id wins
		{names["shelling"], `"latitude":48`, `"latitude":48.0`},
		{odd, `\u003cviolence\u003e`, `<violence>`}, // HTML unescaped
	}
	for _, r := range rewrites {
		res, err := raw.Exec(`UPDATE incidents SET snapshot = replace(snapshot, ?, ?) WHERE id = ? AND instr(snapshot, ?) > 0`, r.old, r.new, r.id, r.old)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("incident %s: %s not in its snapshot", r.id, r.old)
		}
	}
	fast, full := fastAndFull(t, db)
	checkPagesMatch(t, fast, full, pageFields[5:])
}

func get(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	r, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return r, string(b)
}

// walkPages follows a listing's cursors and returns what each page was:
// status, Link header, ETag and body.
func walkPages(t *testing.T, base, query string) []string {
	t.Helper()
	var out []string
	q := query
	for range 20 {
		r, body := get(t, base+"/api/events?"+q)
		out = append(out, r.Status+"\n"+r.Header.Get("Link")+"\n"+r.Header.Get("ETag")+"\n"+body)
		if r.StatusCode != http.StatusOK {
			return out
		}
		var page api.EventPage
		if err := json.Unmarshal([]byte(body), &page); err != nil {
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
