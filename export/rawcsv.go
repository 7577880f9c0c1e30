package export

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// Exports from stored JSON. The CSV and GeoJSON writers read a score of an
// incident's fields; decoding the whole incident, claims, evidence and
// all, was most of what exporting cost (BenchmarkExportAllCSV in package
// sqlite). They are written instead from a lean incident: the fields they
// read, each taken from where Parse found it.

var (
	_ RawWriter = (*ACLED)(nil)
	_ RawWriter = (*UCDP)(nil)
	_ RawWriter = (*GeoJSON)(nil)
)

// WriteJSON writes one incident as one row from its stored JSON: the row
// Write writes for the incident it decodes to.
func (a *ACLED) WriteJSON(j *IncidentJSON) error { return a.Write(j.lean(&a.lean)) }

// WriteJSON writes one incident as one row from its stored JSON: the row
// Write writes for the incident it decodes to.
func (u *UCDP) WriteJSON(j *IncidentJSON) error { return u.Write(j.lean(&u.lean)) }

// WriteJSON writes one feature from its stored JSON: the feature Write
// writes for the incident it decodes to.
func (g *GeoJSON) WriteJSON(j *IncidentJSON) error { return g.Write(j.lean(&g.lean)) }

// lean fills inc, reusing its slices, with the fields of the incident that
// the CSV and GeoJSON writers read, and returns it. Claims and sourced
// claims keep only their outlets.
func (j *IncidentJSON) lean(inc *sitrep.Incident) *sitrep.Incident {
	claims, sourced, reports := inc.Claims[:0], inc.SourcedClaims[:0], inc.Reports[:0]
	*inc = sitrep.Incident{ID: j.ID()}
	e := &inc.Event
	e.EventType, e.SubEventType = j.str("event_type"), j.str("sub_event_type")
	e.Actor1, e.AssocActor1, e.Inter1 = j.str("actor1"), j.str("assoc_actor_1"), j.integer("inter1")
	e.Actor2, e.AssocActor2, e.Inter2 = j.str("actor2"), j.str("assoc_actor_2"), j.integer("inter2")
	e.Interaction = j.integer("interaction")
	e.Location, e.Country, e.ISO3 = j.str("location"), j.str("country"), j.str("iso3")
	e.Admin1, e.Admin2, e.GeonameID = j.str("admin1"), j.str("admin2"), j.integer("geonameid")
	e.Latitude, e.Longitude, e.Precision = j.float("latitude"), j.float("longitude"), j.integer("geo_precision")
	e.EventDate, e.DateEnd, e.TimePrecision = j.str("event_date"), j.str("date_end"), j.integer("time_precision")
	e.Fatalities = j.integer("fatalities")
	e.FatalitiesLow, e.FatalitiesHigh = j.intPointer("fatalities_low"), j.intPointer("fatalities_high")
	e.Notes = j.str("notes")
	inc.FatalitiesBest = j.intPointer("fatalities_best")
	inc.Grade, inc.Sources, inc.Version = j.str("grade"), j.integer("sources"), j.integer("version")
	eachElement(j.value("reports"), 1, "", func(v []byte) { reports = append(reports, jsonString(v)) })
	eachElement(j.value("claims"), 2, "outlet", func(v []byte) {
		claims = append(claims, sitrep.Claim{Outlet: jsonString(v)})
	})
	eachElement(j.value("sourced_claims"), 2, "outlet", func(v []byte) {
		sourced = append(sourced, sitrep.SourcedClaim{Claim: sitrep.Claim{Outlet: jsonString(v)}})
	})
	inc.Claims, inc.SourcedClaims, inc.Reports = claims, sourced, reports
	if v := j.value("updated_at"); v != nil {
		inc.UpdatedAt, _ = time.Parse(time.RFC3339Nano, jsonString(v))
	}
	return inc
}

// value returns the JSON of the incident's field name, or nil when Marshal
// left it out.
func (j *IncidentJSON) value(name string) []byte {
	i, ok := incidentFieldIndex[name]
	if !ok || j.spans[i].start < 0 {
		return nil
	}
	return j.raw[j.spans[i].start:j.spans[i].end]
}

// str returns the string field name, "" when it is left out.
func (j *IncidentJSON) str(name string) string { return jsonString(j.value(name)) }

// integer returns the int field name, 0 when it is left out.
func (j *IncidentJSON) integer(name string) int {
	n, _ := strconv.Atoi(string(j.value(name)))
	return n
}

// float returns the float64 field name, 0 when it is left out.
func (j *IncidentJSON) float(name string) float64 {
	f, _ := strconv.ParseFloat(string(j.value(name)), 64)
	return f
}

// intPointer returns the *int field name: nil for null or left out.
func (j *IncidentJSON) intPointer(name string) *int {
	v := j.value(name)
	if v == nil || string(v) == "null" {
		return nil
	}
	n, _ := strconv.Atoi(string(v))
	return &n
}

// jsonString decodes a JSON string as Marshal writes it ("" for nil or
// anything else). Without a backslash its bytes between the quotes are
// the string's.
func jsonString(v []byte) string {
	if len(v) < 2 || v[0] != '"' {
		return ""
	}
	if bytes.IndexByte(v, '\\') < 0 {
		return string(v[1 : len(v)-1])
	}
	var s string
	_ = json.Unmarshal(v, &s) // Parse checked it
	return s
}

// eachElement calls fn for the string values in the JSON array arr, which
// is written as Marshal writes it (no spaces): with depth 1, each element
// that is a string; with depth 2, the member key of each element that is
// an object, when its value is a string.
func eachElement(arr []byte, depth int, key string, fn func(v []byte)) {
	d := 0
	for i := 0; i < len(arr); i++ {
		switch arr[i] {
		case '[', '{':
			d++
		case ']', '}':
			d--
		case '"':
			end := stringEnd(arr, i)
			switch {
			case d == 1 && depth == 1:
				fn(arr[i : end+1])
			case d == 2 && depth == 2 && (arr[i-1] == '{' || arr[i-1] == ',') && string(arr[i+1:end]) == key &&
				end+2 < len(arr) && arr[end+1] == ':' && arr[end+2] == '"':
				// a member named key, whose value is a string
				vEnd := stringEnd(arr, end+2)
				fn(arr[end+2 : vEnd+1])
				end = vEnd
			}
			i = end
		}
	}
}

// stringEnd returns the index of the quote closing the JSON string that
// opens at b[i], or len(b)-1 when it is not closed.
func stringEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(b) - 1
}
