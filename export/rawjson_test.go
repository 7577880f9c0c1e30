package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// oddIncidents are incidents whose JSON has every corner IncidentJSON
// handles: HTML characters, invalid UTF-8 (Marshal writes \ufffd for it),
// U+FFFD itself, U+2028, control characters, floats written with an
// exponent and negative zero, omitempty fields set and unset, empty and
// nil slices and maps, raw corrections holding HTML characters, instants
// with nanoseconds and zones.
func oddIncidents() []*sitrep.Incident {
	zone := time.FixedZone("", 5*3600+30*60)
	return append(samples(),
		&sitrep.Incident{
			ID: "10",
			Event: sitrep.Event{
				EventType: "Riots", SubEventType: `Mob <violence> & "more"`, CAMEO: "145", PLOVER: "RIOT",
				Actor1: "tab\there, bell\a, nul\x00, del\x7f", AssocActor1: "bad \xff\xfe bytes", Actor2: "line\u2028sep\u2029", AssocActor2: "replacement \ufffd kept",
				Inter1: 5, Inter2: -3, Interaction: 50,
				Place: sitrep.Place{Location: "Ìkẹjà 😀", Country: "Nigeria", ISO3: "NGA", Admin1: "back\\slash /slash", GeonameID: 2332453,
					Latitude: 1e-7, Longitude: -3.4e-7, Precision: 3},
				EventDate: "2020-05-04", DateEnd: "2020-05-06", TimePrecision: 2,
				Fatalities: 0, FatalitiesLow: intp(0), FatalitiesHigh: intp(-1),
				Claims: []sitrep.Claim{
					{Claimant: "<police>", Kind: sitrep.Killed, CountLow: 1, CountHigh: 2, Span: sitrep.Span{Start: 3, End: 9}, Denied: true},
					{Claimant: "medics", Kind: sitrep.Wounded, Hedged: true},
				},
				Evidence: map[string]sitrep.Span{"location": {Start: 1, End: 2}, "actor1": {Start: 5, End: 7}, "event_type": {}},
				Notes:    "a\r\nb\fc\bd",
			},
			FatalitiesBest: nil, Grade: sitrep.GradeContested, GradeReasons: []string{},
			Sources: 3, Reports: []string{"d<1>", "d&2"},
			SourcedClaims: []sitrep.SourcedClaim{{DocID: "d1", Claim: sitrep.Claim{Claimant: "x", Span: sitrep.Span{Start: 0, End: 1}}, Status: sitrep.ClaimCurrent}},
			Corrections:   map[string]json.RawMessage{"admin1": json.RawMessage(`{"from":"<a>","to":"b & c","n":1.50,"x":[true,null]}`), "date": json.RawMessage(`"\u00e9\/"`)},
			Reviewers:     []string{"ana"},
			Version:       12,
			CreatedAt:     time.Date(2020, 5, 4, 10, 0, 0, 123456789, zone),
			UpdatedAt:     time.Date(2021, 1, 2, 3, 4, 5, 100, time.UTC),
		},
		&sitrep.Incident{ID: "11", Event: sitrep.Event{Place: sitrep.Place{Latitude: negZero(), Longitude: 1e21},
			Claims: []sitrep.Claim{}, Evidence: map[string]sitrep.Span{}}},
		&sitrep.Incident{ID: "12"},
	)
}

func negZero() float64 {
	z := 0.0
	return -z
}

// reencoded returns what the decoding path writes for raw: the incident
// decoded and encoded again, whole (as an Encoder without HTML escaping,
// newline dropped) and field by field (as Marshal).
func reencoded(t *testing.T, id string, raw []byte) (whole []byte, fields map[string]json.RawMessage) {
	t.Helper()
	inc, err := DecodeIncident(id, raw)
	if err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(inc); err != nil {
		t.Fatal(err)
	}
	m, err := json.Marshal(inc)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(m, &fields); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), fields
}

// checkSame fails unless what j writes for the JSON it parsed is what the
// decoding path writes.
func checkSame(t *testing.T, j *IncidentJSON, id string, raw []byte) {
	t.Helper()
	whole, fields := reencoded(t, id, raw)
	if got := j.AppendIncident(nil); !bytes.Equal(got, whole) {
		t.Errorf("incident %s:\n%s\ndecoded and encoded:\n%s", id, got, whole)
	}
	for name := range incidentFieldIndex {
		got, ok := j.AppendField([]byte("x"), name)
		want, wantOK := fields[name]
		if ok != wantOK || ok && string(got[1:]) != string(want) {
			t.Errorf("incident %s field %s: %s (%v), decoded and encoded: %s (%v)", id, name, got[1:], ok, want, wantOK)
		}
	}
}

func TestIncidentJSONWritesWhatDecodingWrites(t *testing.T) {
	if incidentShape == nil {
		t.Fatal("sitrep.Incident has a field IncidentJSON does not know")
	}
	var j IncidentJSON // reused, as callers do
	for _, inc := range oddIncidents() {
		raw, err := json.Marshal(inc)
		if err != nil {
			t.Fatal(err)
		}
		if !j.Parse(inc.ID, raw) {
			t.Errorf("incident %s: Marshal's JSON refused:\n%s", inc.ID, raw)
			continue
		}
		if j.ID() != inc.ID || !bytes.Equal(j.Raw(), raw) {
			t.Errorf("incident %s: ID %q, Raw %s", inc.ID, j.ID(), j.Raw())
		}
		checkSame(t, &j, inc.ID, raw)
	}
}

// TestIncidentJSONRefusesOtherJSON checks that JSON which decodes to an
// incident but is not what Marshal writes for it — as older code or
// another encoder may have stored it — is refused, so that callers decode
// it.
func TestIncidentJSONRefusesOtherJSON(t *testing.T) {
	raw, err := json.Marshal(oddIncidents()[3])
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	edits := []struct{ name, old, new string }{
		{"a field missing", `"sources":3,`, ``},
		{"a field unknown", `"sources":3,`, `"sources":3,"legacy":1,`},
		{"fields reordered", `"grade":"contested","grade_reasons":[]`, `"grade_reasons":[],"grade":"contested"`},
		{"an omitempty field empty", `"cameo":"145"`, `"cameo":""`},
		{"an omitempty slice empty", `"reviewers":["ana"]`, `"reviewers":[]`},
		{"an omitempty bool false", `"denied":true`, `"denied":false`},
		{"an omitempty int zero", `"geonameid":2332453`, `"geonameid":0`},
		{"a key in other case", `"sources":3`, `"Sources":3`},
		{"a space", `"sources":3`, `"sources": 3`},
		{"a float not shortest", `"latitude":1e-7`, `"latitude":1.0e-7`},
		{"a float in another form", `"latitude":1e-7`, `"latitude":0.0000001`},
		{"an integer written -0", `"inter1":5`, `"inter1":-0`},
		{"an instant not as Go writes it", `"updated_at":"2021-01-02T03:04:05.0000001Z"`, `"updated_at":"2021-01-02T03:04:05.000000100Z"`},
		{"an instant null", `"updated_at":"2021-01-02T03:04:05.0000001Z"`, `"updated_at":null`},
		{"an escaped slash", `/slash`, `\/slash`},
		{"a needless escape", `"Riots"`, `"R\u0069ots"`},
		{"an upper-case escape", `Mob \u003cviolence`, `Mob \u003Cviolence`},
		{"an HTML character unescaped", `Mob \u003cviolence`, `Mob <violence`},
		{"U+2028 unescaped", `line\u2028sep`, "line\u2028sep"},
		{"a span of three", `"span":[3,9]`, `"span":[3,9,4]`},
		{"a span null", `"span":[3,9]`, `"span":null`},
		{"map keys out of order", `"actor1":[5,7],"event_type":[0,0]`, `"event_type":[0,0],"actor1":[5,7]`},
		{"a map key escaped", `"actor1":[5,7]`, `"act\u006fr1":[5,7]`},
		{"a raw correction with a space", `"n":1.50`, `"n": 1.50`},
		{"a raw correction with an HTML character", `"b \u0026 c"`, `"b & c"`},
		{"another id", `"id":"10"`, `"id":"010"`},
	}
	var j IncidentJSON
	if !j.Parse("10", raw) {
		t.Fatalf("Marshal's JSON refused:\n%s", raw)
	}
	for _, e := range edits {
		if !strings.Contains(s, e.old) {
			t.Errorf("%s: %s not in %s", e.name, e.old, s)
			continue
		}
		other := []byte(strings.Replace(s, e.old, e.new, 1))
		var inc sitrep.Incident
		if err := json.Unmarshal(other, &inc); err != nil {
			t.Errorf("%s: the edited JSON does not decode: %v", e.name, err)
			continue
		}
		if j.Parse("10", other) {
			t.Errorf("%s: taken as it is:\n%s", e.name, other)
		}
	}
	for _, bad := range []string{"null", "", "{}", `{"id":"10"}`, s + " ", s[:len(s)-1], "[" + s + "]"} {
		if j.Parse("10", []byte(bad)) {
			t.Errorf("%.40q: taken as it is", bad)
		}
	}
}

// FuzzIncidentJSON checks the promise callers rely on: whatever JSON
// decodes to an incident, IncidentJSON either refuses it or writes what
// decoding and encoding again writes.
func FuzzIncidentJSON(f *testing.F) {
	for _, inc := range oddIncidents() {
		raw, err := json.Marshal(inc)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(inc.ID, raw)
	}
	f.Fuzz(func(t *testing.T, id string, raw []byte) {
		var inc sitrep.Incident
		if json.Unmarshal(raw, &inc) != nil {
			return
		}
		var j IncidentJSON
		if j.Parse(id, raw) {
			checkSame(t, &j, id, raw)
			checkSameExports(t, &j, id, raw)
		}
	})
}

func TestJSONLWritesStoredJSONAsIncidents(t *testing.T) {
	var decoded, stored bytes.Buffer
	dw, sw := NewJSONL(&decoded), NewJSONL(&stored)
	var j IncidentJSON
	for _, inc := range oddIncidents() {
		raw, err := json.Marshal(inc)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeIncident(inc.ID, raw)
		if err != nil {
			t.Fatal(err)
		}
		if err := dw.Write(back); err != nil {
			t.Fatal(err)
		}
		if !j.Parse(inc.ID, raw) {
			t.Fatalf("incident %s refused", inc.ID)
		}
		if err := sw.WriteJSON(&j); err != nil {
			t.Fatal(err)
		}
	}
	if err := dw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := sw.Close(); err != nil {
		t.Fatal(err)
	}
	if decoded.String() != stored.String() {
		t.Errorf("from stored JSON:\n%s\ndecoded:\n%s", stored.String(), decoded.String())
	}
}

func TestDecodeIncidentSetsID(t *testing.T) {
	inc, err := DecodeIncident("5", []byte(`{"id":"4","notes":"n"}`))
	if err != nil || inc.ID != "5" || inc.Notes != "n" {
		t.Errorf("%+v, %v", inc, err)
	}
	if _, err := DecodeIncident("5", []byte(`{"id":`)); err == nil {
		t.Error("broken JSON decoded")
	}
}

// BenchmarkIncidentJSON measures Parse and AppendIncident on an incident
// like the query benchmark's, against decoding and encoding it.
func BenchmarkIncidentJSON(b *testing.B) {
	raw, err := json.Marshal(samples()[0])
	if err != nil {
		b.Fatal(err)
	}
	b.Run("parse+append", func(b *testing.B) {
		var j IncidentJSON
		var out []byte
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			if !j.Parse("7", raw) {
				b.Fatal("refused")
			}
			out = j.AppendIncident(out[:0])
		}
	})
	b.Run("decode+encode", func(b *testing.B) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			buf.Reset()
			inc, err := DecodeIncident("7", raw)
			if err != nil {
				b.Fatal(err)
			}
			if err := enc.Encode(inc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestExportsWriteStoredJSONAsIncidents: each export written from stored
// JSON is the one written from the incidents the JSON decodes to.
func TestExportsWriteStoredJSONAsIncidents(t *testing.T) {
	incs := oddIncidents()
	incs = append(incs, &sitrep.Incident{ID: "13",
		Event: sitrep.Event{EventType: "Battles", Inter1: 1, DateEnd: "2022-02-04", Claims: []sitrep.Claim{
			{Outlet: "  Wire \"B\" ", Span: sitrep.Span{Start: 1, End: 2}}, {Outlet: "Ürdün Haber"}, {Outlet: "Wire \"B\""}, {Outlet: " "}}},
		FatalitiesBest: intp(0), Reports: []string{`d"1`, "d2", "d<3>"},
		SourcedClaims: []sitrep.SourcedClaim{
			{DocID: `d"1`, Claim: sitrep.Claim{Claimant: `"outlet":"not one"`, Outlet: "A <wire>"}},
			{DocID: "d2", Claim: sitrep.Claim{Outlet: "Ürdün Haber", Victims: "outlet"}}},
		UpdatedAt: time.Date(2022, 2, 3, 4, 5, 6, 7, time.FixedZone("", -3*3600))})
	for _, format := range []string{"csv", "ucdp", "geojson"} {
		var decoded, stored bytes.Buffer
		dw, _ := NewWriter(&decoded, format)
		sw, _ := NewWriter(&stored, format)
		var j IncidentJSON
		for _, inc := range incs {
			raw, err := json.Marshal(inc)
			if err != nil {
				t.Fatal(err)
			}
			if !j.Parse(inc.ID, raw) {
				t.Fatalf("incident %s: its JSON was refused", inc.ID)
			}
			dec, err := DecodeIncident(inc.ID, raw)
			if err != nil {
				t.Fatal(err)
			}
			if err := errors.Join(dw.Write(dec), sw.(RawWriter).WriteJSON(&j)); err != nil {
				t.Fatal(err)
			}
		}
		if err := errors.Join(dw.Close(), sw.Close()); err != nil {
			t.Fatal(err)
		}
		if decoded.String() != stored.String() {
			t.Errorf("%s from stored JSON differs from %s from incidents:\n%s\nwant\n%s", format, format, stored.String(), decoded.String())
		}
		if !strings.Contains(stored.String(), "A <wire>; Wire ") || !strings.Contains(stored.String(), "Ürdün Haber") {
			t.Errorf("%s: the outlets of incident 13 are not in it:\n%s", format, stored.String())
		}
	}
}

// checkSameExports checks that every export written from j is the one
// written from the incident raw decodes to.
func checkSameExports(t *testing.T, j *IncidentJSON, id string, raw []byte) {
	t.Helper()
	inc, err := DecodeIncident(id, raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"csv", "ucdp", "geojson"} {
		var decoded, stored bytes.Buffer
		dw, _ := NewWriter(&decoded, format)
		sw, _ := NewWriter(&stored, format)
		if err := errors.Join(dw.Write(inc), sw.(RawWriter).WriteJSON(j), dw.Close(), sw.Close()); err != nil {
			t.Fatal(err)
		}
		if decoded.String() != stored.String() {
			t.Errorf("%s: %s from stored JSON\n%s\ndiffers from the incident's\n%s", raw, format, stored.String(), decoded.String())
		}
	}
}
