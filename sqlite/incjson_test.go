package sqlite

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// TestFastJSON fails when appendIncident no longer writes what
// encoding/json writes for an incident with every field set: a field was
// added to sitrep.Incident or its parts. Saves still work (they fall back
// to encoding/json), but slowly until appendIncident writes the field.
func TestFastJSON(t *testing.T) {
	if !fastJSON {
		inc := sampleIncident()
		want, _ := json.Marshal(inc)
		got, _ := appendIncident(nil, inc)
		t.Fatalf("appendIncident disagrees with encoding/json:\n got %s\nwant %s", got, want)
	}
}

// TestAppendIncident compares appendIncident with encoding/json on
// incidents made at random, and on values at the edges of what each
// encoder writes differently.
func TestAppendIncident(t *testing.T) {
	check := func(t *testing.T, inc *sitrep.Incident) {
		t.Helper()
		want, werr := json.Marshal(inc)
		got, ok := appendIncident(nil, inc)
		if werr != nil {
			if ok {
				t.Fatalf("encoding/json fails (%v), appendIncident wrote %s", werr, got)
			}
			if _, err := marshalIncident(inc); err == nil {
				t.Fatalf("marshalIncident hid encoding/json's error %v", werr)
			}
			return
		}
		if ok && string(got) != string(want) {
			t.Fatalf("appendIncident differs from encoding/json:\n got %s\nwant %s", got, want)
		}
		if m, err := marshalIncident(inc); err != nil || string(m) != string(want) {
			t.Fatalf("marshalIncident = %s, %v; want %s", m, err, want)
		}
	}
	t.Run("edges", func(t *testing.T) {
		check(t, &sitrep.Incident{})
		check(t, sampleIncident())
		for _, f := range []float64{0, math.Copysign(0, -1), 1e-6, 9.99e-7, 1e-7, 1e20, 1e21, -1e21, 5e-324,
			math.MaxFloat64, 36.58662, -122.419416, 1.0 / 3, math.NaN(), math.Inf(1), math.Inf(-1)} {
			check(t, &sitrep.Incident{Event: sitrep.Event{Place: sitrep.Place{Latitude: f, Longitude: -f}}})
		}
		var all strings.Builder
		for c := range 256 {
			all.WriteByte(byte(c))
		}
		all.WriteString("\u2028\u2029\ufffd\U0001F600é")
		check(t, &sitrep.Incident{ID: all.String(), Event: sitrep.Event{Notes: all.String()[100:]}})
		for _, when := range []time.Time{
			time.Date(2020, 1, 2, 3, 4, 5, 0, time.FixedZone("", 5*3600+30*60)),
			time.Date(2020, 1, 2, 3, 4, 5, 600, time.FixedZone("", -23*3600-59*60)),
			time.Date(2020, 1, 2, 3, 4, 5, 600, time.FixedZone("", 24*3600)),
			time.Date(2020, 1, 2, 3, 4, 5, 600, time.FixedZone("", 3600+30)),
			time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
			time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		} {
			check(t, &sitrep.Incident{CreatedAt: when, UpdatedAt: when})
		}
		inc := sampleIncident()
		inc.Corrections = map[string]json.RawMessage{"notes": json.RawMessage(`"a <b>"`), "x": nil}
		check(t, inc)
		inc.Corrections = map[string]json.RawMessage{"bad": json.RawMessage(`{`)}
		check(t, inc)
		inc.Corrections, inc.Reviewers, inc.Claims, inc.Evidence = map[string]json.RawMessage{}, []string{}, []sitrep.Claim{}, map[string]sitrep.Span{}
		check(t, inc)
	})
	t.Run("random", func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		for range 2000 {
			check(t, randomIncident(r))
		}
	})
}

// randomIncident returns an incident whose fields are set or left zero at
// random, with strings drawn from characters JSON escapes and others.
func randomIncident(r *rand.Rand) *sitrep.Incident {
	pieces := []string{"", "a", "Aleppo", `"`, `\`, "<", ">", "&", "\n", "\t", "\x00", "\x1f", "\x7f", "é", "Ḩ",
		"\u2028", "\u2029", "\xff", "\xe2\x80", "😀", " ", "/"}
	str := func() string {
		if r.IntN(3) == 0 {
			return ""
		}
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	num := func() int {
		if r.IntN(3) == 0 {
			return 0
		}
		return r.IntN(2000) - 1000
	}
	ptr := func() *int {
		if r.IntN(2) == 0 {
			return nil
		}
		n := num()
		return &n
	}
	strs := func() []string {
		switch r.IntN(3) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		out := make([]string, 1+r.IntN(3))
		for i := range out {
			out[i] = str()
		}
		return out
	}
	claim := func() sitrep.Claim {
		return sitrep.Claim{Claimant: str(), Outlet: str(), Kind: str(), CountLow: num(), CountHigh: num(),
			Qualifier: str(), Victims: str(), Span: sitrep.Span{Start: num(), End: num()},
			Denied: r.IntN(2) == 0, Hedged: r.IntN(2) == 0}
	}
	inc := &sitrep.Incident{
		ID: str(),
		Event: sitrep.Event{
			EventType: str(), SubEventType: str(), CAMEO: str(), PLOVER: str(),
			Actor1: str(), AssocActor1: str(), Inter1: num(), Actor2: str(), AssocActor2: str(), Inter2: num(),
			Interaction: num(),
			Place: sitrep.Place{Location: str(), Country: str(), ISO3: str(), Admin1: str(), Admin2: str(),
				GeonameID: num(), Latitude: (r.Float64() - 0.5) * 180 * float64(r.IntN(2)),
				Longitude: r.NormFloat64() * math.Pow(10, float64(r.IntN(50)-25)), Precision: num(), Named: str()},
			EventDate: str(), DateEnd: str(), TimePrecision: num(),
			Fatalities: num(), FatalitiesLow: ptr(), FatalitiesHigh: ptr(),
			Notes: str(),
		},
		FatalitiesBest: ptr(), Grade: str(), GradeReasons: strs(), Sources: num(), Reports: strs(),
		Reviewers: strs(), Version: num(),
		CreatedAt: time.Unix(r.Int64N(4e9), r.Int64N(1e9)).UTC(),
	}
	if r.IntN(2) == 0 {
		inc.UpdatedAt = time.Unix(r.Int64N(4e9), r.Int64N(1e9)).In(time.FixedZone("", (r.IntN(48)-24)*1800))
	}
	if n := r.IntN(4); n > 0 {
		inc.Claims = make([]sitrep.Claim, n-1)
		for i := range inc.Claims {
			inc.Claims[i] = claim()
		}
		inc.SourcedClaims = make([]sitrep.SourcedClaim, n-1)
		for i := range inc.SourcedClaims {
			inc.SourcedClaims[i] = sitrep.SourcedClaim{DocID: str(), Claim: claim(), Status: str()}
		}
	}
	if n := r.IntN(4); n > 0 {
		inc.Evidence = map[string]sitrep.Span{}
		for range n - 1 {
			inc.Evidence[str()] = sitrep.Span{Start: num(), End: num()}
		}
	}
	if r.IntN(4) == 0 {
		inc.Corrections = map[string]json.RawMessage{str(): json.RawMessage(`{"a": "<" }`)}
	}
	return inc
}

// benchIncident is an incident as ingest saves them.
const benchIncident = `{"id":"70","event_type":"Explosions/Remote violence","sub_event_type":"Remote explosive/landmine/IED","cameo":"18","plover":"ASSAULT","actor1":"Opposition Rebels (Syria)","assoc_actor_1":"","inter1":2,"actor2":"","assoc_actor_2":"","inter2":0,"interaction":20,"location":"I‘zāz","country":"Syria","iso3":"SYR","admin1":"Aleppo","admin2":"","geonameid":172082,"latitude":36.58662,"longitude":37.04628,"geo_precision":1,"event_date":"2016-10-14","time_precision":1,"fatalities":24,"fatalities_low":24,"fatalities_high":99,"claims":[{"claimant":"","outlet":"alaraby","kind":"killed","count_low":24,"count_high":99,"qualifier":"about","victims":"","span":[0,13]},{"claimant":"","outlet":"alaraby","kind":"wounded","count_low":24,"count_high":99,"qualifier":"about","victims":"","span":[769,783]}],"evidence":{"actor1":[5,20],"location":[30,35]},"notes":"On 2016-10-14, Opposition Rebels (Syria) set off an explosive device in I‘zāz (Aleppo); 49 killed.","fatalities_best":29,"grade":"single source","grade_reasons":["1 independent source"],"sources":1,"reports":["fakes:50"],"sourced_claims":[{"doc_id":"fakes:50","claimant":"","outlet":"alaraby","kind":"killed","count_low":24,"count_high":99,"qualifier":"about","victims":"","span":[0,13],"status":"current"},{"doc_id":"fakes:50","claimant":"","outlet":"alaraby","kind":"killed","count_low":20,"count_high":20,"qualifier":"at least","victims":"people","span":[86,116],"status":"superseded"},{"doc_id":"fakes:50","claimant":"","outlet":"alaraby","kind":"wounded","count_low":24,"count_high":99,"qualifier":"about","victims":"","span":[769,783],"status":"current"}],"version":1,"created_at":"2026-11-27T00:35:52.827431145Z","updated_at":"2026-11-27T00:35:52.827431145Z"}`

func BenchmarkMarshalIncident(b *testing.B) {
	var inc *sitrep.Incident
	if err := json.Unmarshal([]byte(benchIncident), &inc); err != nil {
		b.Fatal(err)
	}
	if got, err := marshalIncident(inc); err != nil || string(got) != benchIncident {
		b.Fatalf("marshalIncident = %s, %v", got, err)
	}
	b.Run("encoding/json", func(b *testing.B) {
		for range b.N {
			if _, err := json.Marshal(inc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("appendIncident", func(b *testing.B) {
		for range b.N {
			if _, err := marshalIncident(inc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
