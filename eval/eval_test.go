package eval

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func TestHaversine(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want, tol              float64
	}{
		{"same point", 35.3, 40.3, 35.3, 40.3, 0, 1e-9},
		{"one degree of latitude", 10, 20, 11, 20, 111.19, 0.1},
		{"one degree of longitude at the equator", 0, 20, 0, 21, 111.19, 0.1},
		{"one degree of longitude at 60 north is half", 60, 20, 60, 21, 55.6, 0.2},
		{"antipodes", 0, 0, 0, 180, math.Pi * earthRadiusKm, 0.01},
		{"symmetric across the date line", 0, 179.5, 0, -179.5, 111.19, 0.1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Haversine(tt.lat1, tt.lon1, tt.lat2, tt.lon2)
			if math.Abs(got-tt.want) > tt.tol {
				t.Errorf("Haversine = %.3f km, want %.3f ± %.3f", got, tt.want, tt.tol)
			}
			if back := Haversine(tt.lat2, tt.lon2, tt.lat1, tt.lon1); math.Abs(back-got) > 1e-9 {
				t.Errorf("not symmetric: %.6f vs %.6f", got, back)
			}
		})
	}
}

func TestGovernorate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"deir ezzor", "Deir ez-Zor"},
		{"Dayr az Zawr Governorate", "Deir ez-Zor"},
		{"Deir-ez-Zor", "Deir ez-Zor"},
		{"hasakeh", "Al-Hasakah"},
		{"Al-Hasakah", "Al-Hasakah"},
		{"raqqa", "Ar-Raqqah"},
		{"lattakia", "Latakia"},
		{"Idleb", "Idlib"},
		{"Dar'a", "Daraa"},
		{"damascus", "Dimashq"},
		{"Damascus countryside", "Rif-dimashq"},
		{"rif dimashq", "Rif-dimashq"},
		{"Rif-dimashq", "Rif-dimashq"},
		{"sweida", "As-Suwayda"},
		{"As-Suwayda", "As-Suwayda"},
		{"Tartous", "Tartus"},
		{"quneitra", "Quneitra"},
		{"HAMA province", "Hama"},
		{"Ḥimṣ", "Homs"}, // marks are folded away before lookup
		{"Beirut", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Governorate(tt.in); got != tt.want {
			t.Errorf("Governorate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGovernorateTableCoversFourteen(t *testing.T) {
	canon := map[string]bool{}
	for _, g := range governorates {
		canon[g] = true
	}
	if len(canon) != 14 {
		t.Errorf("governorates.txt names %d governorates, want Syria's 14: %v", len(canon), canon)
	}
}

func TestSameGovernorate(t *testing.T) {
	tests := []struct {
		admin1, gold string
		want         bool
	}{
		{"Deir ez-Zor", "deir ezzor", true},
		{"Aleppo", "idlib", false},
		{"Rif-dimashq", "damascus", true}, // FA-KES has no label for the countryside
		{"Dimashq", "rif dimashq", false},
		{"", "aleppo", false},
		{"Nowhere", "nowhere", false},
	}
	for _, tt := range tests {
		if got := sameGovernorate(tt.admin1, tt.gold); got != tt.want {
			t.Errorf("sameGovernorate(%q, %q) = %v, want %v", tt.admin1, tt.gold, got, tt.want)
		}
	}
}

func TestStatesDeathCount(t *testing.T) {
	tests := []struct {
		note  string
		count bool // StatesDeathCount
		coded bool // CodesFatalities
	}{
		{"Gunmen raided a market in the town and three traders were killed.", true, false},
		{"The clash between the two militias left 12 fatalities on both sides.", true, false},
		{"Soldiers opened fire on the crowd, killing 4 protesters.", true, false},
		{"A farmer was shot dead near his field by unknown men.", true, false},
		{"Militants killed a village chief at his home.", true, false},
		{"Police said the raid caused 0 fatalities.", true, false},
		{"A brawl at the fair ended in 1 death.", true, false},
		{"Herders found the bodies of 2 hunters near the ridge.", true, false},
		{"Two bands/groups of raiders were reportedly killed.", true, false},
		{"On 4 May 2020 militants killed civilians in the village.", false, false},
		{"Dozens of fighters were reportedly killed in the fighting.", false, false},
		{"Protesters blocked the main road for two hours.", false, false},
		{"Several people were injured when the crowd was dispersed.", false, false},
		{"Rebels (coded as Northern Front) attacked a police post.", false, false},
		{"Fighting went on all day. Unknown fatalities coded as 10.", false, true},
		{"Heavy shelling hit the area. Several fatalities coded as 3 and spread between two locations.", false, true},
	}
	for _, tt := range tests {
		if got := StatesDeathCount(tt.note); got != tt.count {
			t.Errorf("StatesDeathCount(%q) = %v, want %v", tt.note, got, tt.count)
		}
		if got := CodesFatalities(tt.note); got != tt.coded {
			t.Errorf("CodesFatalities(%q) = %v, want %v", tt.note, got, tt.coded)
		}
	}
}

func TestSpansMatch(t *testing.T) {
	text := []rune("Troops entered the old town west of Damascus's airport.")
	span := func(sub string) runeSpan {
		i := strings.Index(string(text), sub)
		if i < 0 {
			t.Fatalf("%q not in text", sub)
		}
		start := len([]rune(string(text)[:i]))
		return runeSpan{start, start + len([]rune(sub))}
	}
	tests := []struct {
		a, b string
		want bool
	}{
		{"the old town", "old town", true},               // leading determiner
		{"Damascus's", "Damascus", true},                 // possessive
		{"Damascus", "west of Damascus", true},           // 8 of 16: Jaccard 0.5
		{"town", "the old town west of Damascus", false}, // too small a share
		{"Troops", "Damascus", false},                    // disjoint
		{"old town", "old town", true},
	}
	for _, tt := range tests {
		if got := spansMatch(text, span(tt.a), span(tt.b)); got != tt.want {
			t.Errorf("spansMatch(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := spansMatch(text, span(tt.b), span(tt.a)); got != tt.want {
			t.Errorf("spansMatch(%q, %q) = %v, want %v (reversed)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestByteToRune(t *testing.T) {
	text := "aé€b" // 1, 2, 3 and 1 bytes
	got := byteToRune(text)
	want := []int{0, 1, -1, 2, -1, -1, 3, 4}
	if len(got) != len(want) {
		t.Fatalf("len = %d, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("byteToRune[%d] = %d, want %d", i, got[i], want[i])
		}
	}
}

func TestPrint(t *testing.T) {
	var buf bytes.Buffer
	Print(&buf, []Figure{
		{Set: "re3d", Name: "Location/recall", Value: 90, N: 10, Target: 85},
		{Set: "re3d", Name: "Temporal/recall", Value: 50, N: 4, Target: 80},
		{Set: "acled", Name: "event_type", Value: 12.345, N: 7},
	})
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines, want header and 3 rows:\n%s", len(lines), buf.String())
	}
	for i, want := range [][]string{
		{"set", "figure", "value", "n", "target", "status"},
		{"re3d", "Location/recall", "90.0", "10", "85.0", "ok"},
		{"re3d", "Temporal/recall", "50.0", "4", "80.0", "below"},
		{"acled", "event_type", "12.3", "7", "-", "-"},
	} {
		if got := strings.Fields(lines[i]); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("line %d = %q, want fields %q", i, lines[i], want)
		}
	}
	// Aligned: every line is equally long.
	for _, l := range lines[1:] {
		if len(l) != len(lines[0]) {
			t.Errorf("line %q is %d wide, header %d", l, len(l), len(lines[0]))
		}
	}
}

func TestFloorsCheck(t *testing.T) {
	floors := Floors{"acled/event_type": 60, "re3d/Location/recall": 85, "seed/checks": 50}
	figs := []Figure{
		{Set: "acled", Name: "event_type", Value: 59.5}, // within one point
		{Set: "re3d", Name: "Location/recall", Value: 83.9},
		{Set: "fakes", Name: "admin1", Value: 1}, // no floor
	}
	got := floors.Check(figs, 1)
	if len(got) != 2 {
		t.Fatalf("Check = %q, want 2 messages", got)
	}
	if !strings.HasPrefix(got[0], "re3d/Location/recall:") {
		t.Errorf("first message %q, want the Location recall drop", got[0])
	}
	if !strings.HasPrefix(got[1], "seed/checks:") || !strings.Contains(got[1], "not computed") {
		t.Errorf("second message %q, want seed/checks not computed", got[1])
	}
	if got := floors.Check([]Figure{{Set: "acled", Name: "event_type", Value: 70}, {Set: "re3d", Name: "Location/recall", Value: 85}, {Set: "seed", Name: "checks", Value: 50}}, 1); got != nil {
		t.Errorf("Check on figures at or above floors = %q, want nil", got)
	}
}

func TestLoadFloors(t *testing.T) {
	f, err := LoadFloors("floors.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(f) == 0 {
		t.Fatal("floors.json holds no floors")
	}
	for key := range f {
		if !strings.Contains(key, "/") {
			t.Errorf("floor key %q is not set/figure", key)
		}
	}
	embedded, err := DefaultFloors()
	if err != nil {
		t.Fatal(err)
	}
	if len(embedded) != len(f) {
		t.Errorf("DefaultFloors has %d floors, floors.json %d", len(embedded), len(f))
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"acled/event_type": "high"}`), 0o644)
	if _, err := LoadFloors(bad); err == nil || !strings.Contains(err.Error(), "bad.json") {
		t.Errorf("LoadFloors(bad) error = %v, want one naming the file", err)
	}
}

func TestRunReportsMissingSets(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "data", "plover"), 0o755)
	os.WriteFile(filepath.Join(dir, PLOVERPath), []byte(`[{"id":"x","event":"PROTEST","text":"Students marched through the capital."}]`), 0o644)
	sys := System{Extract: func(*sitrep.Document) []sitrep.Event { return []sitrep.Event{{PLOVER: "PROTEST"}} }}
	figs, err := Run(context.Background(), dir, sys)
	if err == nil {
		t.Fatal("Run with four sets missing: no error")
	}
	for _, set := range []string{"acled", "fakes", "re3d", "seed"} {
		if !strings.Contains(err.Error(), set+": set missing") {
			t.Errorf("error %q does not name missing set %s", err, set)
		}
	}
	if strings.Contains(err.Error(), "plover") {
		t.Errorf("error %q names plover, which is present", err)
	}
	got := figureMap(figs)
	if f, ok := got["plover/event_type"]; !ok || f.Value != 100 || f.N != 1 {
		t.Errorf("plover/event_type = %+v, want 100%% of 1", f)
	}
}

func TestExtractRecoversPanic(t *testing.T) {
	sys := System{Extract: func(*sitrep.Document) []sitrep.Event { panic("boom") }}
	_, err := safeExtract(sys, &sitrep.Document{ID: "doc-7"})
	if err == nil || !strings.Contains(err.Error(), "doc-7") {
		t.Errorf("extract error = %v, want one naming doc-7", err)
	}
}

func figureMap(figs []Figure) map[string]Figure {
	m := make(map[string]Figure, len(figs))
	for _, f := range figs {
		m[f.Key()] = f
	}
	return m
}

// TestNamesPlaceNear checks the bound behind within_25km_named: a
// capitalised name with some reading near the gold point counts, a
// lower-case word or a reading far away does not.
func TestNamesPlaceNear(t *testing.T) {
	places := func(name string) []sitrep.Place {
		switch name {
		case "Qirmel":
			return []sitrep.Place{{Location: "Qirmel", Country: "X", Latitude: 10, Longitude: 10}, {Location: "Qirmel", Country: "Y", Latitude: 10.1, Longitude: 20}}
		case "Upper Dorn":
			return []sitrep.Place{{Location: "Upper Dorn", Country: "X", Latitude: 30, Longitude: 30}}
		case "market":
			return []sitrep.Place{{Location: "Market", Country: "X", Latitude: 30, Longitude: 30}}
		}
		return nil
	}
	tests := []struct {
		text     string
		lat, lon float64
		want     bool
	}{
		{"Gunmen raided Qirmel (Dorn district) at night.", 10.1, 20.05, true}, // the second reading
		{"Gunmen raided Qirmel at night.", 40, 40, false},
		{"A blast hit Upper Dorn, police said.", 30.1, 30.1, true}, // two words
		{"A blast hit the market, police said.", 30, 30, false},    // not a name
	}
	for _, tt := range tests {
		if got := namesPlaceNear(places, tt.text, tt.lat, tt.lon, 25); got != tt.want {
			t.Errorf("namesPlaceNear(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
