package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/sitrep-dev/sitrep"
)

func intp(n int) *int { return &n }

// samples are incidents written for these tests, with the awkward cases:
// quotes, commas and newlines in text, an unplaced incident, a southern
// and western point, and estimates given out of order.
func samples() []*sitrep.Incident {
	return []*sitrep.Incident{
		{
			ID: "7",
			Event: sitrep.Event{
				EventType: "Battles", SubEventType: "Armed clash",
				Actor1: "Military Forces of Syria (2000-)", Inter1: 1, Actor2: "Rebels, \"northern\" group", Inter2: 2, Interaction: 12,
				Place:     sitrep.Place{Location: "Hill 5", Country: "Syria", ISO3: "SYR", Admin1: "Idlib", Admin2: "Ariha", Latitude: 35.8123456, Longitude: 36.61, Precision: 2},
				EventDate: "2020-05-03", TimePrecision: 1, Fatalities: 4, FatalitiesLow: intp(4), FatalitiesHigh: intp(9),
				Notes:  "Line one, with a comma.\nLine two with \"quotes\".",
				Claims: []sitrep.Claim{{Outlet: "Outlet B", Kind: sitrep.Killed, CountLow: 4, CountHigh: 4}},
			},
			FatalitiesBest: intp(6), Grade: sitrep.GradeCorroborated, Sources: 2, Reports: []string{"d1", "d2"},
			SourcedClaims: []sitrep.SourcedClaim{{DocID: "d1", Claim: sitrep.Claim{Outlet: "Outlet A"}}, {DocID: "d2", Claim: sitrep.Claim{Outlet: "Outlet B"}}},
			Version:       3, UpdatedAt: time.Date(2020, 5, 4, 10, 0, 0, 0, time.UTC),
		},
		{
			ID:    "8",
			Event: sitrep.Event{EventType: "Strategic developments", SubEventType: "Agreement", Place: sitrep.Place{Country: "Syria", ISO3: "SYR"}, EventDate: "2020-05-02", TimePrecision: 3},
			Grade: sitrep.GradeSingle, Sources: 1, Reports: []string{"d3"},
		},
		{
			ID: "9",
			Event: sitrep.Event{EventType: "Violence against civilians", SubEventType: "Attack", Actor1: "Unidentified Armed Group (Peru)", Inter1: 3, Actor2: "Civilians (Peru)", Inter2: 7,
				Place:     sitrep.Place{Location: "Sur", Country: "Peru", ISO3: "PER", Latitude: -12.5, Longitude: -76.25, Precision: 1},
				EventDate: "2020-05-09", Fatalities: 2, FatalitiesLow: intp(5), FatalitiesHigh: intp(1)},
			Grade: sitrep.GradeSingle, Sources: 1,
		},
	}
}

func write(t *testing.T, format string, incs []*sitrep.Incident) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, format)
	if err != nil {
		t.Fatal(err)
	}
	for _, inc := range incs {
		if err := w.Write(inc); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	return rows
}

// column returns the value of column name in row.
func column(header, row []string, name string) string {
	i := slices.Index(header, name)
	if i < 0 {
		return "<no column " + name + ">"
	}
	return row[i]
}

// repoShared finds ../shared beside the module root.
func repoShared(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test directory")
		}
		dir = parent
	}
}

func TestACLEDHeaderIsACLEDs(t *testing.T) {
	path := filepath.Join(repoShared(t), "data", "acled", "acled-2020-dev.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("ACLED reference file absent (%v); the header cannot be checked", err)
	}
	defer f.Close()
	header, err := csv.NewReader(bufio.NewReader(f)).Read()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ACLEDHeader, header) {
		t.Errorf("header differs from ACLED's:\n got %v\nwant %v", ACLEDHeader, header)
	}
}

func TestACLEDRows(t *testing.T) {
	rows := readCSV(t, write(t, "csv", samples()))
	if len(rows) != 4 || !slices.Equal(rows[0], ACLEDHeader) {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	h, r := rows[0], rows[1]
	for name, want := range map[string]string{
		"event_id_cnty": "7", "event_date": "2020-05-03", "year": "2020", "time_precision": "1",
		"actor2": "Rebels, \"northern\" group", "inter1": "1", "interaction": "12",
		"admin2": "Ariha", "location": "Hill 5", "latitude": "35.8123", "longitude": "36.6100",
		"geo_precision": "2", "source": "Outlet A; Outlet B", "notes": samples()[0].Notes,
		"fatalities": "4", "iso3": "SYR", "timestamp": strconv.FormatInt(samples()[0].UpdatedAt.Unix(), 10),
		"data_id": "", "region": "",
	} {
		if got := column(h, r, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	// The unplaced incident has empty coordinates, not 0,0.
	if lat := column(h, rows[2], "latitude"); lat != "" {
		t.Errorf("unplaced latitude %q", lat)
	}
}

func TestUCDPEstimatesAreOrdered(t *testing.T) {
	rows := readCSV(t, write(t, "ucdp", samples()))
	if !slices.Equal(rows[0], UCDPHeader) || len(rows) != 4 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	h := rows[0]
	for _, r := range rows[1:] {
		low, _ := strconv.Atoi(column(h, r, "low"))
		best, _ := strconv.Atoi(column(h, r, "best"))
		high, _ := strconv.Atoi(column(h, r, "high"))
		if low > best || best > high {
			t.Errorf("id %s: low %d best %d high %d", column(h, r, "id"), low, best, high)
		}
	}
	r := rows[1]
	for name, want := range map[string]string{
		"best": "6", "low": "4", "high": "9", "type_of_violence": "1", "where_prec": "2",
		"geom_wkt": "POINT (36.6100 35.8123)", "date_start": "2020-05-03", "date_end": "2020-05-03",
		"source_article": "d1; d2", "number_of_sources": "2",
	} {
		if got := column(h, r, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if v := column(h, rows[3], "type_of_violence"); v != "3" {
		t.Errorf("violence against civilians: type %q, want 3 (one-sided)", v)
	}
	if v := column(h, rows[2], "type_of_violence"); v != "" {
		t.Errorf("strategic development: type %q, want empty", v)
	}
}

func TestGeoJSONRoundTripsThroughOrb(t *testing.T) {
	b := write(t, "geojson", samples())
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatalf("orb rejects the collection: %v\n%s", err, b)
	}
	if len(fc.Features) != 3 {
		t.Fatalf("%d features", len(fc.Features))
	}
	p, ok := fc.Features[0].Geometry.(orb.Point)
	if !ok || p.Lon() != 36.61 || p.Lat() != 35.8123456 {
		t.Errorf("first point %v, want lon 36.61 lat 35.8123456", fc.Features[0].Geometry)
	}
	if p, ok := fc.Features[2].Geometry.(orb.Point); !ok || p.Lon() != -76.25 || p.Lat() != -12.5 {
		t.Errorf("southern western point %v", fc.Features[2].Geometry)
	}
	if fc.Features[1].Geometry != nil {
		t.Errorf("unplaced incident has geometry %v", fc.Features[1].Geometry)
	}
	if fc.Features[0].Properties["grade"] != sitrep.GradeCorroborated || fc.Features[0].ID != "7" {
		t.Errorf("properties %v, id %v", fc.Features[0].Properties, fc.Features[0].ID)
	}
	// orb writes it back, and reads its own output the same way.
	again, err := fc.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	fc2, err := geojson.UnmarshalFeatureCollection(again)
	if err != nil || len(fc2.Features) != 3 {
		t.Errorf("second round: %v", err)
	}
}

func TestEmptyExportsAreValid(t *testing.T) {
	if rows := readCSV(t, write(t, "csv", nil)); len(rows) != 1 || !slices.Equal(rows[0], ACLEDHeader) {
		t.Errorf("empty ACLED CSV: %v", rows)
	}
	if rows := readCSV(t, write(t, "ucdp", nil)); len(rows) != 1 {
		t.Errorf("empty UCDP CSV: %v", rows)
	}
	fc, err := geojson.UnmarshalFeatureCollection(write(t, "geojson", nil))
	if err != nil || len(fc.Features) != 0 {
		t.Errorf("empty GeoJSON: %v", err)
	}
	if b := write(t, "jsonl", nil); len(b) != 0 {
		t.Errorf("empty JSON Lines: %q", b)
	}
}

func TestJSONLines(t *testing.T) {
	b := write(t, "jsonl", samples())
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		var inc sitrep.Incident
		if err := json.Unmarshal([]byte(l), &inc); err != nil || inc.ID != samples()[i].ID {
			t.Errorf("line %d: %v, id %q", i, err, inc.ID)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := NewWriter(&bytes.Buffer{}, "xlsx"); err == nil || !strings.Contains(err.Error(), "xlsx") {
		t.Errorf("err = %v", err)
	}
}
