package gazetteer

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestFindQualified checks that the units written after a place ("X (A2,
// A1)", "X, A1", "X in A1") choose among its namesakes, and place it at the
// unit when the gazetteer does not know it. Villages named Qwertabad and
// Zorblin are invented, so that they cannot be found.
func TestFindQualified(t *testing.T) {
	tests := []struct {
		text, name    string
		iso3, admin1  string
		kind          string
		precision     int // 0: any
		admin2Contain string
	}{
		// Brackets: a district inside a province, the place unknown.
		{text: "Militants attacked the village of Zorblin (Djugu, Ituri) on Monday.",
			name: "Zorblin", iso3: "COD", admin1: "Ituri", kind: "admin2", precision: 2, admin2Contain: "Djugu"},
		// Brackets choose the namesake inside them, with a state written
		// as its abbreviation.
		{text: "Dozens protested in Erode city (Erode, TN) against the closure.",
			name: "Erode", iso3: "IND", admin1: "Tamil Nadu", precision: 1},
		{text: "Troops exchanged fire in Qwertabad sector area (Poonch district, J&K).",
			name: "Qwertabad", iso3: "IND", admin1: "Jammu and Kashmir", precision: 2},
		// A province alone in brackets.
		{text: "Gunmen killed a farmer in Zorblin (Kandahar) at dawn.",
			name: "Zorblin", iso3: "AFG", admin1: "Kandahar", kind: "admin1", precision: 3},
		// "X, A1": the namesake in the province, not the bigger one.
		{text: "Students demonstrated in Kadikoy, Istanbul, against the exam dates.",
			name: "Kadikoy", iso3: "TUR", admin1: "Istanbul"},
		// Two place nouns between the name and its province.
		{text: "Students demonstrated in Kadikoy town centre, Istanbul, against the exam dates.",
			name: "Kadikoy", iso3: "TUR", admin1: "Istanbul"},
		{text: "Rebels shelled positions near Zorblin, Donetsk, overnight.",
			name: "Zorblin", iso3: "UKR", admin1: "Donetsk", precision: 3},
		// The sentence goes on after the province: "X, A1 in memory of".
		{text: "Students demonstrated in Kadikoy town centre, Istanbul in memory of a teacher.",
			name: "Kadikoy", iso3: "TUR", admin1: "Istanbul"},
		{text: "Rebels shelled positions near Zorblin, Donetsk on Monday night.",
			name: "Zorblin", iso3: "UKR", admin1: "Donetsk", precision: 3},
		// A territory named like the place is not the place that the
		// brackets put in another territory: Oicha the town is in Beni
		// territory (the gazetteer lacks it), not the Oicha territory.
		{text: "Gunmen raided a clinic in Oicha (Beni, North Kivu) overnight.",
			name: "Oicha", iso3: "COD", admin1: "North Kivu", kind: "admin2", admin2Contain: "Beni"},
		// A state written as it is named is the state, not a village
		// elsewhere that reaches it by an alternate name, however well
		// that village sits beside a namesake of the place.
		{text: "Two men were shot in Progreso, Nuevo Leon on Sunday.",
			name: "Progreso", iso3: "MEX", admin1: "Nuevo León", precision: 3},
		{text: "Two men were shot in Venustiano Carranza, Nuevo Leon on Sunday.",
			name: "Venustiano Carranza", iso3: "MEX", admin1: "Nuevo León", precision: 3},
		// A town of the province that lies in another district, far from
		// the one the brackets name, is not the place they locate.
		{text: "Residents protested in Ankleshwar village (Surat, Gujarat) on Monday.",
			name: "Ankleshwar", iso3: "IND", admin1: "Gujarat", kind: "admin2", admin2Contain: "Sūrat"},
		// "X village of Y district": X lies in Y, so a namesake of X far
		// away is not it.
		{text: "Taliban militants attacked a check post in Zorblin village of Imam Sahib district, Kunduz, on Monday.",
			name: "Zorblin", iso3: "AFG", admin1: "Kunduz", kind: "admin2", precision: 2},
		{text: "Taliban militants attacked a check post in Panjab village of Imam Sahib district, Kunduz, on Monday.",
			name: "Panjab", iso3: "AFG", admin1: "Kunduz", kind: "admin2", precision: 2},
		// "X in A1".
		{text: "Fighters infiltrated into Ras al Ain in al-Hasakeh at night.",
			name: "Ras al Ain", iso3: "SYR", admin1: "Al-Hasakah", precision: 1},
		// "the X area of Y": X is a part of the city Y, wherever else
		// towns called X may be.
		{text: "Police dispersed a sit-in in the Soba area of Khartoum on Friday.",
			name: "Soba", iso3: "SDN", admin1: "Khartoum", kind: "", precision: 2},
		{text: "Shots were heard in the Zorblin district of Khartoum overnight.",
			name: "Zorblin", iso3: "SDN", admin1: "Khartoum", precision: 2},
		// The last bracketed name sets the country: the Savar of
		// "(Savar, Dhaka)" is the Bangladeshi one, not the Swedish.
		{text: "Workers blocked a highway in Savar city (Savar, Dhaka) demanding wages.",
			name: "Savar", iso3: "BGD", admin1: "Dhaka Division"},
	}
	g := defaultGazetteer(t)
	for _, tt := range tests {
		tp, ok := first(g.Find(tt.text, nil), tt.name)
		if !ok {
			t.Errorf("%q: no toponym %q", tt.text, tt.name)
			continue
		}
		p := tp.Place
		if p.ISO3 != tt.iso3 || p.Admin1 != tt.admin1 {
			t.Errorf("%q: %s in %s, %s; want %s, %s (%s)", tt.text, tt.name, p.Admin1, p.ISO3, tt.admin1, tt.iso3, tp.Reason)
		}
		if tt.kind != "" && tp.Kind != tt.kind {
			t.Errorf("%q: %s kind %q, want %q", tt.text, tt.name, tp.Kind, tt.kind)
		}
		if tt.precision != 0 && p.Precision != tt.precision {
			t.Errorf("%q: %s precision %d, want %d", tt.text, tt.name, p.Precision, tt.precision)
		}
		// Invented names, and names not found where the text puts them,
		// are placed at a unit around them: Fallback says so.
		if want := strings.HasPrefix(tt.name, "Zorblin") || strings.HasPrefix(tt.name, "Qwertabad") || tt.name == "Soba" || tt.name == "Oicha" ||
			tt.name == "Progreso" || tt.name == "Panjab" || tt.name == "Venustiano Carranza" || tt.name == "Ankleshwar"; tp.Fallback != want {
			t.Errorf("%q: %s Fallback %v, want %v (%s)", tt.text, tt.name, tp.Fallback, want, tp.Reason)
		}
		if tt.admin2Contain != "" && !strings.Contains(p.Admin2, tt.admin2Contain) {
			t.Errorf("%q: %s admin2 %q, want it to name %q", tt.text, tt.name, p.Admin2, tt.admin2Contain)
		}
	}
}

// TestFindListsAreNotQualifiers checks that a comma between two towns of
// different provinces does not move either.
func TestFindListsAreNotQualifiers(t *testing.T) {
	g := defaultGazetteer(t)
	for _, text := range []string{
		"Air strikes hit Aleppo, Idlib and Hama on Sunday.",
		"Air strikes hit Aleppo, Idlib or Hama on Sunday.",
		"Air strikes hit Aleppo, Idlib as well as Hama on Sunday.",
	} {
		tps := g.Find(text, nil)
		for _, name := range []string{"Aleppo", "Idlib"} {
			tp, ok := first(tps, name)
			if !ok {
				t.Fatalf("%q: no toponym %q in %+v", text, name, tps)
			}
			if tp.Kind != "" || tp.Place.Admin1 != name || tp.Place.Precision != 1 {
				t.Errorf("%q: %s: %+v (kind %q), want the city itself", text, name, tp.Place, tp.Kind)
			}
		}
	}
}

// TestFindNotThePlace checks names that borrow a place's name without
// being it, and money that names no country.
func TestFindNotThePlace(t *testing.T) {
	tests := []struct {
		text, name string
		notISO3    string // "": the name must not be returned at all
	}{
		{"Fighters of the Al Sham Corps clashed with gunmen near Sarmin.", "Al Sham", ""},
		{"Miners of the Kerman Coal Mine Company held a protest in the town.", "Kerman", ""},
		{"Journalists gathered on Murree Road to demand his release.", "Murree", ""},
		// "the US dollar" does not make Sidon American.
		{"Protesters in Sidon denounced the rise of the US dollar.", "Sidon", "USA"},
	}
	g := defaultGazetteer(t)
	for _, tt := range tests {
		tp, ok := first(g.Find(tt.text, nil), tt.name)
		switch {
		case tt.notISO3 == "" && ok:
			t.Errorf("%q: %q returned as a place: %+v", tt.text, tt.name, tp.Place)
		case tt.notISO3 != "" && (!ok || tp.Place.ISO3 == tt.notISO3):
			t.Errorf("%q: %q resolved to %+v (%s)", tt.text, tt.name, tp.Place, tp.Reason)
		}
	}
}

// TestFindRescoresWithVotes checks that the second pass ranks with what
// the other names of the text say: Tripoli beside Sidon is Lebanon's.
func TestFindRescoresWithVotes(t *testing.T) {
	g := defaultGazetteer(t)
	tp, ok := first(g.Find("Rioters blocked roads in Sidon. Later they clashed with soldiers in Tripoli.", nil), "Tripoli")
	if !ok || tp.Place.ISO3 != "LBN" {
		t.Errorf("Tripoli beside Sidon: %+v (%s), want Lebanon", tp.Place, tp.Reason)
	}
}

var _ = sitrep.Toponym{}

// TestFindNearAnchor checks "X near Y": a reading of X far from the place
// Y the text puts it near is a namesake elsewhere and is dropped, so that
// the event is near Y; a reading close to Y stays.
func TestFindNearAnchor(t *testing.T) {
	tests := []struct {
		text, name string
		kept       bool
		anchor     string // the place X is near, which must be kept
	}{
		// Kalpi is a town of Uttar Pradesh, 900 km from Bhuj: the
		// village near Bhuj is another, unlisted Kalpi.
		{"Two men were stabbed in Kalpi village near Bhuj (Kachchh, Gujarat) on Friday.", "Kalpi", false, "Bhuj"},
		{"Gunmen abducted a trader in Kalpi, near Bhuj, late on Monday.", "Kalpi", false, "Bhuj"},
		// Saraqib lies a few kilometres from Idlib: both stay.
		{"Shells fell on Saraqib near Idlib on Sunday.", "Saraqib", true, "Idlib"},
	}
	g := defaultGazetteer(t)
	for _, tt := range tests {
		tps := g.Find(tt.text, nil)
		tp, ok := first(tps, tt.name)
		if ok != tt.kept {
			t.Errorf("%q: %s returned %v, want %v (%+v, %s)", tt.text, tt.name, ok, tt.kept, tp.Place, tp.Reason)
		}
		if a, ok := first(tps, tt.anchor); !ok || a.Relation != "near" {
			t.Errorf("%q: anchor %s: %+v (relation %q), want it near", tt.text, tt.anchor, a.Place, a.Relation)
		}
	}
}

// TestFindCommaAfterName checks that a comma and a province after a word
// that is no place by itself ("the Teachers' Union, Punjab") do not turn
// the word into a place placed at the province, while a cue before it
// ("in Zorblin, Donetsk") still does.
func TestFindCommaAfterName(t *testing.T) {
	g := defaultGazetteer(t)
	text := "Members of the Teachers' Union, Punjab, held a sit-in at Amritsar on Monday."
	if tp, ok := first(g.Find(text, nil), "Union"); ok {
		t.Errorf("%q: Union returned as a place: %+v (%s)", text, tp.Place, tp.Reason)
	}
	text = "Members of the union held a sit-in in Zorblin, Punjab, on Monday."
	if tp, ok := first(g.Find(text, nil), "Zorblin"); !ok || !tp.Fallback || tp.Place.Admin1 != "Punjab" {
		t.Errorf("%q: Zorblin %+v (fallback %v), want Punjab", text, tp.Place, tp.Fallback)
	}
}

// TestFindDirectionOfProvince checks that "north of X province" names a
// part of the province, not a place near its town, while "north of X"
// stays near the town.
func TestFindDirectionOfProvince(t *testing.T) {
	tests := []struct {
		text, name, kind, relation string
	}{
		{"Artillery hit a checkpoint west of Tal Tamr, north of Hama province, at dawn.", "Hama", "admin1", "province"},
		{"Artillery hit a checkpoint in the countryside north of Hama governorate.", "Hama", "admin1", "province"},
		{"Artillery hit a checkpoint north of Hama at dawn.", "Hama", "", "near"},
	}
	g := defaultGazetteer(t)
	for _, tt := range tests {
		tp, ok := first(g.Find(tt.text, nil), tt.name)
		if !ok || tp.Kind != tt.kind || tp.Relation != tt.relation {
			t.Errorf("%q: %s kind %q relation %q (found %v), want %q %q", tt.text, tt.name, tp.Kind, tp.Relation, ok, tt.kind, tt.relation)
		}
	}
}

// TestFindQualifierCalledTown checks that a bracketed name is read as the
// town when the text calls it one: "(Afrin city, Aleppo)" is the city, not
// the district of the same name.
func TestFindQualifierCalledTown(t *testing.T) {
	tests := []struct {
		text, kind string
	}{
		{"Rival factions clashed in Zorblin neighbourhood (Afrin city, Aleppo) on Monday.", ""},
		{"Rival factions clashed in Zorblin village (Afrin district, Aleppo) on Monday.", "admin2"},
	}
	g := defaultGazetteer(t)
	for _, tt := range tests {
		tp, ok := first(g.Find(tt.text, nil), "Zorblin")
		if !ok || !tp.Fallback || tp.Kind != tt.kind || tp.Place.Admin1 != "Aleppo" {
			t.Errorf("%q: Zorblin %+v kind %q (found %v), want a fallback of kind %q in Aleppo", tt.text, tp.Place, tp.Kind, ok, tt.kind)
		}
	}
}

// TestFindCountrysideSide checks that "the southern countryside of X" and
// "southern X countryside" are placed off the town towards the side named,
// and that a countryside with no side stays at the town.
func TestFindCountrysideSide(t *testing.T) {
	g := defaultGazetteer(t)
	town, ok := first(g.Find("Shells fell on Idlib on Monday.", nil), "Idlib")
	if !ok {
		t.Fatal("Idlib not found")
	}
	lat0, lon0 := town.Place.Latitude, town.Place.Longitude
	tests := []struct {
		text       string
		dLat, dLon int // the sign of the move: -1, 0 or +1
	}{
		{"Shells fell on villages in the southern countryside of Idlib on Monday.", -1, 0},
		{"Shells fell on villages in northern Idlib countryside on Monday.", +1, 0},
		{"Shells fell on villages in the eastern countryside of Idlib on Monday.", 0, +1},
		{"Shells fell on villages in the south-western countryside of Idlib on Monday.", -1, -1},
		{"Shells fell on villages in the countryside of Idlib on Monday.", 0, 0},
	}
	sign := func(v float64) int {
		switch {
		case v > 0.01:
			return 1
		case v < -0.01:
			return -1
		}
		return 0
	}
	for _, tt := range tests {
		tp, ok := first(g.Find(tt.text, nil), "Idlib")
		if !ok || tp.Relation != "countryside" {
			t.Errorf("%q: Idlib %+v relation %q (found %v), want the countryside", tt.text, tp.Place, tp.Relation, ok)
			continue
		}
		p := tp.Place
		if sign(p.Latitude-lat0) != tt.dLat || sign(p.Longitude-lon0) != tt.dLon {
			t.Errorf("%q: point %.3f,%.3f from the town's %.3f,%.3f, want a move of %d,%d", tt.text, p.Latitude, p.Longitude, lat0, lon0, tt.dLat, tt.dLon)
		}
		if km := distanceKm(lat0, lon0, p.Latitude, p.Longitude); tt.dLat != 0 || tt.dLon != 0 {
			if km < 10 || km > 30 {
				t.Errorf("%q: moved %.1f km, want about %v", tt.text, km, countrysideKm)
			}
		}
	}
}

// TestGapShape checks gapShape against the strings functions it stands
// for, on every short gap of the characters that matter.
func TestGapShape(t *testing.T) {
	parts := []string{"", " ", "\t", "\n", "(", ")", ",", ".", ";", ":", "-", "\"", "\u00a0", "\u2019", "x"}
	var gaps []string
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				gaps = append(gaps, a+b+c)
			}
		}
	}
	for _, g := range gaps {
		open, stop, blank, comma := gapShape(g)
		trimmed := strings.TrimSpace(g)
		want := [4]bool{strings.Contains(g, "("), strings.ContainsAny(g, ").,;"), trimmed == "", trimmed == ","}
		if got := [4]bool{open, stop, blank, comma}; got != want {
			t.Errorf("gapShape(%q) = %v, want %v", g, got, want)
		}
	}
}
