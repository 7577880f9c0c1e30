package reconcile

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// Places used by the tests, with made-up coordinates: Northfield and
// Eastbrook are 5 km apart, Farmouth about 40 km from both.
var (
	northfield = sitrep.Place{Location: "Northfield", Country: "Syria", ISO3: "SYR", Admin1: "Idlib", GeonameID: 101, Latitude: 35.60, Longitude: 36.56, Precision: 1}
	eastbrook  = sitrep.Place{Location: "Eastbrook", Country: "Syria", ISO3: "SYR", Admin1: "Idlib", GeonameID: 102, Latitude: 35.60, Longitude: 36.615, Precision: 1}
	farmouth   = sitrep.Place{Location: "Farmouth", Country: "Syria", ISO3: "SYR", Admin1: "Idlib", GeonameID: 103, Latitude: 35.85, Longitude: 36.30, Precision: 1}
	idlibOnly  = sitrep.Place{Location: "Idlib", Country: "Syria", ISO3: "SYR", Admin1: "Idlib", Latitude: 35.9, Longitude: 36.6, Precision: 3}
	hamaOnly   = sitrep.Place{Location: "Hama", Country: "Syria", ISO3: "SYR", Admin1: "Hama", Latitude: 35.1, Longitude: 36.7, Precision: 3}
	syriaOnly  = sitrep.Place{Country: "Syria", ISO3: "SYR"}
	// Two districts of Idlib, and Northfield placed in the first.
	westDistrict = sitrep.Place{Location: "West District", Country: "Syria", ISO3: "SYR", Admin1: "Idlib", Admin2: "West District", Latitude: 35.7, Longitude: 36.4, Precision: 3}
	eastDistrict = sitrep.Place{Location: "East District", Country: "Syria", ISO3: "SYR", Admin1: "Idlib", Admin2: "East District", Latitude: 35.7, Longitude: 36.9, Precision: 3}
)

func ev(typ, sub string, p sitrep.Place, date string, tp int) sitrep.Event {
	return sitrep.Event{EventType: typ, SubEventType: sub, Place: p, EventDate: date, TimePrecision: tp}
}

const (
	explosions = "Explosions/Remote violence"
	battles    = "Battles"
	strategic  = "Strategic developments"
)

func TestMatch(t *testing.T) {
	strike := ev(explosions, "Air/drone strike", northfield, "2019-05-07", 1)
	withActors := func(e sitrep.Event, a1 string, i1 int, a2 string, i2 int) sitrep.Event {
		e.Actor1, e.Inter1, e.Actor2, e.Inter2 = a1, i1, a2, i2
		return e
	}
	near := func(p sitrep.Place, prec int) sitrep.Place { p.Precision = prec; return p }
	withDistrict := func(e sitrep.Event, admin2 string) sitrep.Event { e.Admin2 = admin2; return e }
	named := func(p sitrep.Place, name string) sitrep.Place { p.Named = name; return p }
	tests := []struct {
		name string
		a, b sitrep.Event
		want bool
	}{
		{"same strike", strike, strike, true},
		{"shelling vs air strike, same town and day", strike, ev(explosions, "Shelling/artillery/missile attack", northfield, "2019-05-07", 1), true},
		{"5 km apart, both precise", strike, ev(explosions, "Air/drone strike", eastbrook, "2019-05-07", 1), true},
		{"40 km apart", strike, ev(explosions, "Air/drone strike", farmouth, "2019-05-07", 1), false},
		{"40 km apart but near (p2 allows 25 km)", strike, ev(explosions, "Air/drone strike", near(farmouth, 2), "2019-05-07", 1), false},
		{"next day", strike, ev(explosions, "Air/drone strike", northfield, "2019-05-08", 1), false},
		{"week precision covers the day", strike, ev(explosions, "Air/drone strike", northfield, "2019-05-09", 2), true},
		{"month precision covers the day", strike, ev(explosions, "Air/drone strike", northfield, "2019-05-15", 3), true},
		{"province only, same admin1", strike, ev(explosions, "Air/drone strike", idlibOnly, "2019-05-07", 1), true},
		{"district only, the town's district", withDistrict(strike, "West District"), ev(explosions, "Air/drone strike", westDistrict, "2019-05-07", 1), true},
		{"district only, another district", withDistrict(strike, "West District"), ev(explosions, "Air/drone strike", eastDistrict, "2019-05-07", 1), false},
		{"two districts", ev(explosions, "Air/drone strike", westDistrict, "2019-05-07", 1), ev(explosions, "Air/drone strike", eastDistrict, "2019-05-07", 1), false},
		{"district and its province", ev(explosions, "Air/drone strike", westDistrict, "2019-05-07", 1), ev(explosions, "Air/drone strike", idlibOnly, "2019-05-07", 1), true},
		{"two villages the gazetteer lacks, in one district", ev(explosions, "Air/drone strike", named(westDistrict, "Kafr Qirmel"), "2019-05-07", 1),
			ev(explosions, "Air/drone strike", named(westDistrict, "Tell Zorbat"), "2019-05-07", 1), false},
		{"one village the gazetteer lacks, spelled two ways", ev(explosions, "Air/drone strike", named(westDistrict, "Zhabichevo"), "2019-05-07", 1),
			ev(explosions, "Air/drone strike", named(westDistrict, "Zhabicheve"), "2019-05-07", 1), true},
		{"a village the gazetteer lacks and the district", ev(explosions, "Air/drone strike", named(westDistrict, "Kafr Qirmel"), "2019-05-07", 1),
			ev(explosions, "Air/drone strike", westDistrict, "2019-05-07", 1), true},
		{"province only, other admin1", strike, ev(explosions, "Air/drone strike", hamaOnly, "2019-05-07", 1), false},
		{"country only never matches", strike, ev(explosions, "Air/drone strike", syriaOnly, "2019-05-07", 1), false},
		{"no date never matches", strike, ev(explosions, "Air/drone strike", northfield, "", 0), false},
		{"battle and strike, same place and day", strike, ev(battles, "Armed clash", northfield, "2019-05-07", 1), true},
		{"battle and strike, province only", strike, ev(battles, "Armed clash", idlibOnly, "2019-05-07", 1), false},
		{"protest and riot", ev("Protests", "Peaceful protest", northfield, "2019-05-07", 1), ev("Riots", "Violent demonstration", northfield, "2019-05-07", 1), true},
		{"protest and strike", strike, ev("Protests", "Peaceful protest", northfield, "2019-05-07", 1), false},
		{"strategic, same sub type", ev(strategic, "Arrests", northfield, "2019-05-07", 1), ev(strategic, "Arrests", northfield, "2019-05-07", 1), true},
		{"strategic, other sub type", ev(strategic, "Arrests", northfield, "2019-05-07", 1), ev(strategic, "Agreement", northfield, "2019-05-07", 1), false},
		{"actors named differently but one side shared",
			withActors(strike, "Military Forces of Syria (2000-)", 1, "Civilians (Syria)", 7),
			withActors(strike, "Military Forces of Russia (2000-)", 8, "Civilians (Syria)", 7), true},
		{"actor name and demonym", withActors(strike, "Military Forces of Syria (2000-)", 1, "Hayat Tahrir al-Sham", 2),
			withActors(strike, "Syrian troops", 1, "Jaish al-Izza", 2), true},
		{"two sides each, nothing shared",
			withActors(ev(battles, "Armed clash", northfield, "2019-05-07", 1), "Islamic State (Syria)", 2, "QSD: Syrian Democratic Forces", 3),
			withActors(ev(battles, "Armed clash", northfield, "2019-05-07", 1), "Military Forces of Turkey (2016-)", 8, "Civilians (Syria)", 7), false},
		{"one side named only", withActors(strike, "Military Forces of Russia (2000-)", 8, "", 0),
			withActors(strike, "Hayat Tahrir al-Sham", 2, "Civilians (Syria)", 7), true},
	}
	for _, tt := range tests {
		_, ab := Match(&tt.a, &tt.b)
		_, ba := Match(&tt.b, &tt.a)
		if ab != tt.want || ba != tt.want {
			t.Errorf("%s: Match = %v, %v (both orders), want %v", tt.name, ab, ba, tt.want)
		}
	}
}

func TestMatchPrefersTheCloserCandidate(t *testing.T) {
	e := ev(explosions, "Air/drone strike", northfield, "2019-05-07", 1)
	same := ev(explosions, "Air/drone strike", northfield, "2019-05-07", 1)
	close := ev(explosions, "Shelling/artillery/missile attack", eastbrook, "2019-05-07", 1)
	province := ev(explosions, "Air/drone strike", idlibOnly, "2019-05-07", 1)
	s1, _ := Match(&e, &same)
	s2, _ := Match(&e, &close)
	s3, _ := Match(&e, &province)
	if !(s1 > s2 && s1 > s3) {
		t.Errorf("scores: same place %v, 5 km away with another sub type %v, province only %v: want the first highest", s1, s2, s3)
	}
}

func TestCandidateQueryCoversMatches(t *testing.T) {
	e := ev(explosions, "Air/drone strike", northfield, "2019-05-07", 1)
	q, ok := CandidateQuery(&e)
	if !ok {
		t.Fatal("a placed, dated event has no candidate query")
	}
	for _, other := range []sitrep.Event{
		ev(explosions, "Air/drone strike", eastbrook, "2019-05-07", 1),
		ev(explosions, "Air/drone strike", northfield, "2019-05-20", 3),
	} {
		if _, ok := Match(&e, &other); !ok {
			t.Fatalf("test setup: %s on %s should match", other.Location, other.EventDate)
		}
		inBox := q.Box != nil && other.Latitude >= q.Box.MinLat && other.Latitude <= q.Box.MaxLat &&
			other.Longitude >= q.Box.MinLon && other.Longitude <= q.Box.MaxLon
		if other.ISO3 != q.ISO3 || other.EventDate < q.From || other.EventDate > q.To || !(inBox || other.Admin1 == q.Admin1) {
			t.Errorf("query %+v misses a match at %s on %s", q, other.Location, other.EventDate)
		}
	}
	unplaced := ev(explosions, "Air/drone strike", syriaOnly, "2019-05-07", 1)
	if _, ok := CandidateQuery(&unplaced); ok {
		t.Error("an event placed only in a country got a candidate query")
	}
}

func TestFingerprint(t *testing.T) {
	story := "Warplanes struck a busy market in the northern town on Tuesday morning, killing at least fifteen people " +
		"and wounding dozens more, rescuers said. The strikes came a day after shelling hit two villages nearby, " +
		"and residents said many families had already fled towards the border in the past week. " +
		"Aid groups said the town's only hospital was overwhelmed and running short of blood and fuel."
	copyEdited := "NORTHERN WIRE - " + story + " Reporting by the wire desk."
	other := "The central bank kept its main rate unchanged on Thursday, saying inflation had eased for a third month " +
		"and the currency had steadied after a volatile spring, while officials promised new support for farmers."
	tests := []struct {
		name string
		a, b string
		wire bool
	}{
		{"identical", story, story, true},
		{"copy with dateline and tagline", story, copyEdited, true},
		{"unrelated", story, other, false},
		{"empty", "", story, false},
	}
	for _, tt := range tests {
		s := Similarity(Fingerprint(tt.a), Fingerprint(tt.b))
		if (s >= WireThreshold) != tt.wire {
			t.Errorf("%s: similarity %.2f, want wire copy = %v", tt.name, s, tt.wire)
		}
	}
}

func TestEmbeddedData(t *testing.T) {
	if len(compatible) == 0 || len(genericWord) == 0 || len(roleWord) == 0 {
		t.Fatal("embedded word lists are empty")
	}
	if compatible[pairOf(battles, explosions)] != condPrecise {
		t.Errorf("battles/explosions condition = %q", compatible[pairOf(battles, explosions)])
	}
}
