package sqlite

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/internal/jsonenc"
)

// Every save encodes the incident to JSON twice over (its content, to
// hash, and the snapshot), and encoding/json spent more on it, through
// reflection and the span's MarshalJSON, than SQLite spent storing the
// row. appendIncident writes the same bytes by hand: the snapshots and
// their hashes must not change, as an unchanged incident is recognised by
// its hash and the API serves snapshots as they are stored.
//
// fastJSON says whether appendIncident may be used. It is set once, by
// comparing it with encoding/json on an incident whose every field is
// set (see sampleIncident): a field added to sitrep.Incident or its parts
// and not to appendIncident turns it off rather than going unsaved.
var fastJSON = func() bool {
	inc := sampleIncident()
	want, err := json.Marshal(inc)
	if err != nil {
		return false
	}
	got, ok := appendIncident(nil, inc)
	return ok && string(got) == string(want)
}()

// marshalIncident returns json.Marshal(inc).
func marshalIncident(inc *sitrep.Incident) ([]byte, error) {
	return appendMarshal(nil, inc)
}

// appendMarshal appends json.Marshal(inc) to b.
func appendMarshal(b []byte, inc *sitrep.Incident) ([]byte, error) {
	if fastJSON {
		if out, ok := appendIncident(b, inc); ok {
			return out, nil
		}
	}
	m, err := json.Marshal(inc) // for its error, or when the types changed
	if err != nil {
		return nil, err
	}
	return append(b, m...), nil
}

// appendIncident appends json.Marshal(inc) to b. It returns false where
// encoding/json would fail (a NaN or infinite coordinate, a time it
// cannot write) or would need to be asked (corrections, kept as raw
// JSON); b is then left to be discarded.
func appendIncident(b []byte, inc *sitrep.Incident) ([]byte, bool) {
	e := &inc.Event
	b = appendKey(b, `{"id":`, inc.ID)
	b = appendKey(b, `,"event_type":`, e.EventType)
	b = appendKey(b, `,"sub_event_type":`, e.SubEventType)
	if e.CAMEO != "" {
		b = appendKey(b, `,"cameo":`, e.CAMEO)
	}
	if e.PLOVER != "" {
		b = appendKey(b, `,"plover":`, e.PLOVER)
	}
	b = appendKey(b, `,"actor1":`, e.Actor1)
	b = appendKey(b, `,"assoc_actor_1":`, e.AssocActor1)
	b = appendInt(b, `,"inter1":`, e.Inter1)
	b = appendKey(b, `,"actor2":`, e.Actor2)
	b = appendKey(b, `,"assoc_actor_2":`, e.AssocActor2)
	b = appendInt(b, `,"inter2":`, e.Inter2)
	b = appendInt(b, `,"interaction":`, e.Interaction)
	b = appendKey(b, `,"location":`, e.Location)
	b = appendKey(b, `,"country":`, e.Country)
	b = appendKey(b, `,"iso3":`, e.ISO3)
	b = appendKey(b, `,"admin1":`, e.Admin1)
	b = appendKey(b, `,"admin2":`, e.Admin2)
	if e.GeonameID != 0 {
		b = appendInt(b, `,"geonameid":`, e.GeonameID)
	}
	var ok bool
	if b, ok = appendFloat(append(b, `,"latitude":`...), e.Latitude); !ok {
		return b, false
	}
	if b, ok = appendFloat(append(b, `,"longitude":`...), e.Longitude); !ok {
		return b, false
	}
	b = appendInt(b, `,"geo_precision":`, e.Precision)
	if e.Named != "" {
		b = appendKey(b, `,"named":`, e.Named)
	}
	b = appendKey(b, `,"event_date":`, e.EventDate)
	if e.DateEnd != "" {
		b = appendKey(b, `,"date_end":`, e.DateEnd)
	}
	b = appendInt(b, `,"time_precision":`, e.TimePrecision)
	b = appendInt(b, `,"fatalities":`, e.Fatalities)
	b = appendIntPtr(append(b, `,"fatalities_low":`...), e.FatalitiesLow)
	b = appendIntPtr(append(b, `,"fatalities_high":`...), e.FatalitiesHigh)
	b = append(b, `,"claims":`...)
	if e.Claims == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range e.Claims {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendClaim(append(b, '{'), &e.Claims[i])
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"evidence":`...)
	if e.Evidence == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		var small [16]string
		keys := small[:0]
		for k := range e.Evidence {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonenc.AppendString(b, k)
			b = appendSpan(append(b, ':'), e.Evidence[k])
		}
		b = append(b, '}')
	}
	b = appendKey(b, `,"notes":`, e.Notes)
	b = appendIntPtr(append(b, `,"fatalities_best":`...), inc.FatalitiesBest)
	b = appendKey(b, `,"grade":`, inc.Grade)
	b = appendStrings(append(b, `,"grade_reasons":`...), inc.GradeReasons)
	b = appendInt(b, `,"sources":`, inc.Sources)
	b = appendStrings(append(b, `,"reports":`...), inc.Reports)
	b = append(b, `,"sourced_claims":`...)
	if inc.SourcedClaims == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range inc.SourcedClaims {
			c := &inc.SourcedClaims[i]
			if i > 0 {
				b = append(b, ',')
			}
			b = appendKey(b, `{"doc_id":`, c.DocID)
			b = appendClaim(append(b, ','), &c.Claim)
			b = appendKey(b, `,"status":`, c.Status)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(inc.Corrections) > 0 {
		m, err := json.Marshal(inc.Corrections)
		if err != nil {
			return b, false
		}
		b = append(append(b, `,"corrections":`...), m...)
	}
	if len(inc.Reviewers) > 0 {
		b = appendStrings(append(b, `,"reviewers":`...), inc.Reviewers)
	}
	return appendBookkeeping(append(b, ','), inc)
}

// appendBookkeeping appends the last fields of inc's JSON, from version
// on, and the closing brace.
func appendBookkeeping(b []byte, inc *sitrep.Incident) ([]byte, bool) {
	b = appendInt(b, `"version":`, inc.Version)
	b, ok := appendTime(append(b, `,"created_at":`...), inc.CreatedAt)
	if !ok {
		return b, false
	}
	if b, ok = appendTime(append(b, `,"updated_at":`...), inc.UpdatedAt); !ok {
		return b, false
	}
	return append(b, '}'), true
}

// appendClaim appends the fields of c, without braces.
func appendClaim(b []byte, c *sitrep.Claim) []byte {
	b = appendKey(b, `"claimant":`, c.Claimant)
	b = appendKey(b, `,"outlet":`, c.Outlet)
	b = appendKey(b, `,"kind":`, c.Kind)
	b = appendInt(b, `,"count_low":`, c.CountLow)
	b = appendInt(b, `,"count_high":`, c.CountHigh)
	b = appendKey(b, `,"qualifier":`, c.Qualifier)
	b = appendKey(b, `,"victims":`, c.Victims)
	b = appendSpan(append(b, `,"span":`...), c.Span)
	if c.Denied {
		b = append(b, `,"denied":true`...)
	}
	if c.Hedged {
		b = append(b, `,"hedged":true`...)
	}
	return b
}

func appendKey(b []byte, key, s string) []byte { return jsonenc.AppendString(append(b, key...), s) }

func appendInt(b []byte, key string, n int) []byte {
	return strconv.AppendInt(append(b, key...), int64(n), 10)
}

func appendIntPtr(b []byte, p *int) []byte {
	if p == nil {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, int64(*p), 10)
}

// appendSpan writes a span as sitrep.Span.MarshalJSON does.
func appendSpan(b []byte, s sitrep.Span) []byte {
	b = strconv.AppendInt(append(b, '['), int64(s.Start), 10)
	b = strconv.AppendInt(append(b, ','), int64(s.End), 10)
	return append(b, ']')
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonenc.AppendString(b, s)
	}
	return append(b, ']')
}

// appendFloat writes f as encoding/json writes a float64; it fails for
// NaN and infinities, which JSON cannot hold.
func appendFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, false
	}
	return jsonenc.AppendFloat(b, f), true
}

// appendTime writes t as time.Time.MarshalJSON does; it fails where that
// does, for years outside [0, 9999] and zone offsets of a day or more.
func appendTime(b []byte, t time.Time) ([]byte, bool) {
	n0 := len(b)
	b = t.AppendFormat(append(b, '"'), time.RFC3339Nano)
	num2 := func(b []byte) byte { return 10*(b[0]-'0') + (b[1] - '0') }
	switch {
	case b[n0+len(`"9999`)] != '-': // a year of four digits
		return b, false
	case b[len(b)-1] != 'Z':
		if c := b[len(b)-len("Z07:00")]; '0' <= c && c <= '9' || num2(b[len(b)-len("07:00"):]) >= 24 {
			return b, false
		}
	}
	return append(b, '"'), true
}

// sampleIncident returns an incident with every field set, at any depth,
// to a value encoding/json writes (no omitted zero): strings that need
// escaping, negative and fractional numbers, and so on.
func sampleIncident() *sitrep.Incident {
	inc := &sitrep.Incident{}
	n := 0
	fillValue(reflect.ValueOf(inc).Elem(), &n)
	return inc
}

// fillValue sets v, and everything inside it, to values that differ from
// field to field; n counts the values given.
func fillValue(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("a\"<b>&\\\n\t\x01é\u2028\xff" + strconv.Itoa(*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(-*n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(-float64(*n) - 0.125)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillValue(v.Elem(), n)
	case reflect.Slice:
		if v.Type() == reflect.TypeFor[json.RawMessage]() {
			v.SetBytes([]byte(`{"a": [1, "<x>"]}`))
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range v.Len() {
			fillValue(v.Index(i), n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for i := range 2 {
			k := reflect.New(v.Type().Key()).Elem()
			fillValue(k, n)
			e := reflect.New(v.Type().Elem()).Elem()
			fillValue(e, n)
			v.SetMapIndex(k, e)
			_ = i
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2024, 2, 29, 23, 59, 58, 123456789+*n, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillValue(v.Field(i), n)
			}
		}
	}
}
