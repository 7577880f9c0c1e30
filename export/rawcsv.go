package export

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ACLED CSV from stored JSON. A row needs a score of the incident's
// fields, each read where Parse found it; decoding the whole incident,
// claims, evidence and all, was most of what exporting cost (BenchmarkExportAllCSV
// in package sqlite).

var _ RawWriter = (*ACLED)(nil)

// WriteJSON writes one incident as one row from its stored JSON: the row
// Write writes for the incident it decodes to.
func (a *ACLED) WriteJSON(j *IncidentJSON) error {
	if err := a.writeHeader(); err != nil {
		return err
	}
	r := a.row
	clear(r)
	r[2] = j.ID()
	r[4] = j.str("event_date")
	r[5] = year(r[4])
	r[6] = nonZero(j.number("time_precision"))
	r[7] = j.str("event_type")
	r[8] = j.str("sub_event_type")
	r[9] = j.str("actor1")
	r[10] = j.str("assoc_actor_1")
	r[11] = j.number("inter1")
	r[12] = j.str("actor2")
	r[13] = j.str("assoc_actor_2")
	r[14] = j.number("inter2")
	r[15] = j.number("interaction")
	r[17] = j.str("country")
	r[18] = j.str("admin1")
	r[19] = j.str("admin2")
	r[21] = j.str("location")
	lat, _ := strconv.ParseFloat(j.number("latitude"), 64)
	lon, _ := strconv.ParseFloat(j.number("longitude"), 64)
	if lat != 0 || lon != 0 {
		r[22] = strconv.FormatFloat(lat, 'f', 4, 64)
		r[23] = strconv.FormatFloat(lon, 'f', 4, 64)
	}
	r[24] = nonZero(j.number("geo_precision"))
	r[25] = strings.Join(j.outlets(), "; ")
	r[27] = j.str("notes")
	r[28] = j.number("fatalities")
	if t, err := time.Parse(time.RFC3339Nano, j.str("updated_at")); err == nil && !t.IsZero() {
		r[29] = strconv.FormatInt(t.Unix(), 10)
	}
	r[30] = j.str("iso3")
	return a.w.Write(r)
}

// nonZero is itoaOrEmpty for a number as JSON writes it.
func nonZero(n string) string {
	if n == "0" {
		return ""
	}
	return n
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

// number returns the number field name as Marshal wrote it (which
// strconv.Itoa writes for an int), "0" when it is left out.
func (j *IncidentJSON) number(name string) string {
	v := j.value(name)
	if v == nil {
		return "0"
	}
	return string(v)
}

// jsonString decodes a JSON string as Marshal writes it ("" for nil).
// Without a backslash its bytes between the quotes are the string's.
func jsonString(v []byte) string {
	if len(v) < 2 {
		return ""
	}
	if bytes.IndexByte(v, '\\') < 0 {
		return string(v[1 : len(v)-1])
	}
	var s string
	_ = json.Unmarshal(v, &s) // Parse checked it
	return s
}

// outlets is the outlets function of export.go over stored JSON: the
// outlets of the sourced claims and of the claims, trimmed, sorted,
// without repeats.
func (j *IncidentJSON) outlets() []string {
	var out []string
	for _, name := range []string{"sourced_claims", "claims"} {
		eachMember(j.value(name), "outlet", func(v []byte) {
			if o := strings.TrimSpace(jsonString(v)); o != "" && !slices.Contains(out, o) {
				out = append(out, o)
			}
		})
	}
	slices.Sort(out)
	return out
}

// eachMember calls fn with the value of member key of each object in the
// JSON array arr, written as Marshal writes it (no spaces), when the value
// is a string.
func eachMember(arr []byte, key string, fn func(v []byte)) {
	depth := 0
	for i := 0; i < len(arr); i++ {
		switch arr[i] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		case '"':
			end := stringEnd(arr, i)
			// At depth 2, inside an element, a string after { or , is a
			// member's name.
			if depth == 2 && (arr[i-1] == '{' || arr[i-1] == ',') && string(arr[i+1:end]) == key &&
				end+2 < len(arr) && arr[end+1] == ':' && arr[end+2] == '"' {
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
