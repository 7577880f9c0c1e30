package extract

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// seedExpect is the part of shared/seed/expected.json this test checks.
type seedExpect struct {
	Events  []seedEvent `json:"events"`
	MustNot struct {
		ClaimCounts []struct {
			Count int `json:"count"`
		} `json:"claim_counts"`
		EventLocationsWithinKm []struct {
			Latitude  float64 `json:"latitude"`
			Longitude float64 `json:"longitude"`
			Km        float64 `json:"km"`
		} `json:"event_locations_within_km"`
		EventDateBefore struct {
			Date string `json:"date"`
		} `json:"event_date_before"`
		MaxEvents int `json:"max_events"`
	} `json:"must_not"`
}

func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

func containsAny(s string, any []string) bool {
	s = strings.ToLower(s)
	for _, a := range any {
		if strings.Contains(s, strings.ToLower(a)) {
			return true
		}
	}
	return len(any) == 0
}

func seedDoc(t *testing.T) (*sitrep.Document, seedExpect) {
	shared := sharedDir(t)
	raw, err := os.ReadFile(filepath.Join(shared, "seed", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var exp seedExpect
	js, err := os.ReadFile(filepath.Join(shared, "seed", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &exp); err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	d := &sitrep.Document{ID: "seed", Text: text, Outlet: "AFP", Published: time.Date(2018, 2, 8, 0, 0, 0, 0, time.UTC)}
	if i := strings.Index(text, "AFP, Beirut :"); i >= 0 {
		d.Dateline = &sitrep.Dateline{Agency: "AFP", Place: "Beirut", Span: sitrep.Span{Start: i, End: i + len("AFP, Beirut :")}}
	}
	return d, exp
}

// TestSeed checks the hand-written expectations for the seed article,
// placing events with the real gazetteer.
func TestSeed(t *testing.T) {
	d, exp := seedDoc(t)
	gaz, err := gazetteer.Default()
	if err != nil {
		t.Skipf("gazetteer unavailable: %v", err)
	}
	checkSeed(t, New(gaz), d, exp)
}

// TestSeedFakeGeocoder checks the same expectations with a geocoder that
// knows only the places involved, so that a gazetteer regression does not
// hide an extraction one (and the other way round).
func TestSeedFakeGeocoder(t *testing.T) {
	d, exp := seedDoc(t)
	checkSeed(t, New(newFakeGeo()), d, exp)
}

func checkSeed(t *testing.T, x *Extractor, d *sitrep.Document, exp seedExpect) {
	t.Helper()
	events := x.Events(d)
	if testing.Verbose() {
		var b strings.Builder
		Explain(&b, d, events)
		t.Log(b.String())
	}
	if len(events) == 0 {
		t.Fatal("no events")
	}
	if n := exp.MustNot.MaxEvents; n > 0 && len(events) > n {
		t.Errorf("%d events, want at most %d", len(events), n)
	}
	for _, want := range exp.Events {
		found := false
		var why []string
		for _, ev := range events {
			if reason := seedMismatch(ev, want); reason != "" {
				why = append(why, reason)
				continue
			}
			found = true
			break
		}
		if want.Required && !found {
			t.Errorf("event %q: no match: %s", want.Key, strings.Join(why, " | "))
		}
	}
	for _, ev := range events {
		for _, c := range ev.Claims {
			for _, bad := range exp.MustNot.ClaimCounts {
				if c.CountLow == bad.Count || c.CountHigh == bad.Count {
					t.Errorf("claim of %d (%s %q): not people", bad.Count, c.Kind, c.Victims)
				}
			}
		}
		for _, bad := range exp.MustNot.EventLocationsWithinKm {
			if ev.Location != "" && km(ev.Latitude, ev.Longitude, bad.Latitude, bad.Longitude) < bad.Km {
				t.Errorf("event %s placed at %s, within %.0f km of the dateline", ev.SubEventType, ev.Location, bad.Km)
			}
		}
		if ev.EventDate != "" && ev.EventDate < exp.MustNot.EventDateBefore.Date {
			t.Errorf("event %s dated %s, before %s", ev.SubEventType, ev.EventDate, exp.MustNot.EventDateBefore.Date)
		}
	}
}

type seedEvent = struct {
	Key               string   `json:"key"`
	Required          bool     `json:"required"`
	EventTypeAny      []string `json:"event_type_any"`
	SubEventTypeAny   []string `json:"sub_event_type_any"`
	ActorsMustInclude []struct {
		Any []string `json:"any"`
	} `json:"actors_must_include"`
	Location *struct {
		GeonameID int     `json:"geonameid"`
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
		MaxKm     float64 `json:"max_km"`
	} `json:"location"`
	EventDateBetween []string `json:"event_date_between"`
	Fatalities       *struct {
		Low         int   `json:"low"`
		HighAtLeast int   `json:"high_at_least"`
		BestBetween []int `json:"best_between"`
	} `json:"fatalities"`
	ClaimsMustInclude []struct {
		Kind         string   `json:"kind"`
		Count        int      `json:"count"`
		QualifierAny []string `json:"qualifier_any"`
		ClaimantAny  []string `json:"claimant_any"`
		VictimsAny   []string `json:"victims_any"`
	} `json:"claims_must_include"`
	LocationMustNotBeWithinKm *struct {
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
		Km        float64 `json:"km"`
	} `json:"location_must_not_be_within_km"`
}

// seedMismatch says why ev does not match want, or "" when it does.
func seedMismatch(ev sitrep.Event, want seedEvent) string {
	in := func(v string, list []string) bool {
		for _, l := range list {
			if strings.EqualFold(v, l) {
				return true
			}
		}
		return len(list) == 0
	}
	if !in(ev.EventType, want.EventTypeAny) || !in(ev.SubEventType, want.SubEventTypeAny) {
		return "type " + ev.EventType + "/" + ev.SubEventType
	}
	actors := strings.Join([]string{ev.Actor1, ev.Actor2, ev.AssocActor1, ev.AssocActor2}, " | ")
	for _, a := range want.ActorsMustInclude {
		if !containsAny(actors, a.Any) {
			return "actors " + actors
		}
	}
	if l := want.Location; l != nil {
		if ev.Location == "" || km(ev.Latitude, ev.Longitude, l.Latitude, l.Longitude) > l.MaxKm {
			return "location " + ev.Location
		}
		if l.GeonameID != 0 && ev.GeonameID != l.GeonameID {
			return "geonameid of " + ev.Location
		}
	}
	if n := want.LocationMustNotBeWithinKm; n != nil && ev.Location != "" && km(ev.Latitude, ev.Longitude, n.Latitude, n.Longitude) < n.Km {
		return "too near: " + ev.Location
	}
	if b := want.EventDateBetween; len(b) == 2 && (ev.EventDate < b[0] || ev.EventDate > b[1]) {
		return "date " + ev.EventDate
	}
	if f := want.Fatalities; f != nil {
		if ev.FatalitiesLow == nil || *ev.FatalitiesLow != f.Low || ev.FatalitiesHigh == nil || *ev.FatalitiesHigh < f.HighAtLeast {
			return "fatalities low/high"
		}
		if len(f.BestBetween) == 2 && (ev.Fatalities < f.BestBetween[0] || ev.Fatalities > f.BestBetween[1]) {
			return "fatalities"
		}
	}
	for _, wc := range want.ClaimsMustInclude {
		ok := false
		for _, c := range ev.Claims {
			if c.Kind == wc.Kind && (c.CountLow == wc.Count || c.CountHigh == wc.Count) &&
				(len(wc.QualifierAny) == 0 || in(c.Qualifier, wc.QualifierAny)) &&
				containsAny(c.Claimant, wc.ClaimantAny) && containsAny(c.Victims, wc.VictimsAny) {
				ok = true
			}
		}
		if !ok {
			return "missing claim " + wc.Kind + " " + itoa(wc.Count)
		}
	}
	return ""
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
