// Package export writes incidents in the formats analysts' tools read:
// ACLED-compatible CSV, UCDP-style CSV, GeoJSON and JSON Lines.
//
// Every writer streams: it writes each incident as it is handed one and
// keeps nothing but a buffer, so exporting a million incidents takes the
// same memory as exporting ten. The HTTP API and the CLI share these
// writers, so both export the same bytes.
package export

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// Formats lists the export formats by the name the API and CLI take.
var Formats = []string{"csv", "ucdp", "geojson", "jsonl"}

// A Writer writes incidents one at a time. Close writes what the format
// needs at its end (a GeoJSON FeatureCollection's closing brackets) and
// flushes; it does not close the underlying io.Writer.
type Writer interface {
	Write(inc *sitrep.Incident) error
	Close() error
}

// NewWriter returns a writer of format (one of Formats) to w.
func NewWriter(w io.Writer, format string) (Writer, error) {
	switch format {
	case "csv", "acled":
		return NewACLED(w), nil
	case "ucdp":
		return NewUCDP(w), nil
	case "geojson":
		return NewGeoJSON(w), nil
	case "jsonl":
		return NewJSONL(w), nil
	}
	return nil, fmt.Errorf("unknown export format %q: want one of %s", format, strings.Join(Formats, ", "))
}

// ContentType returns the media type of format, for HTTP responses.
func ContentType(format string) string {
	switch format {
	case "csv", "acled", "ucdp":
		return "text/csv; charset=utf-8"
	case "geojson":
		return "application/geo+json"
	case "jsonl":
		return "application/x-ndjson"
	}
	return "application/octet-stream"
}

// Extension returns the usual file name extension of format.
func Extension(format string) string {
	switch format {
	case "csv", "acled", "ucdp":
		return ".csv"
	case "geojson":
		return ".geojson"
	case "jsonl":
		return ".jsonl"
	}
	return ""
}

// placed reports whether inc has a position. (0, 0) is how an unplaced
// event reads; no conflict event happens in the Gulf of Guinea's null
// island.
func placed(inc *sitrep.Incident) bool {
	return inc.Latitude != 0 || inc.Longitude != 0
}

// coord formats a latitude or longitude to ACLED's four decimals (about
// 11 m), or "" for an unplaced incident.
func coord(inc *sitrep.Incident, v float64) string {
	if !placed(inc) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

// itoaOrEmpty writes 0 as "": ACLED leaves unknown codes empty.
func itoaOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// year returns the year of a YYYY-MM-DD date, or "".
func year(date string) string {
	if len(date) >= 4 {
		return date[:4]
	}
	return ""
}

// outlets returns the outlets behind inc's claims, sorted, without repeats.
// An incident keeps the ids of its reports, not their outlets; the claims
// name the outlet that printed them.
func outlets(inc *sitrep.Incident) []string {
	seen := map[string]bool{}
	var out []string
	add := func(o string) {
		if o = strings.TrimSpace(o); o != "" && !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	for _, c := range inc.SourcedClaims {
		add(c.Outlet)
	}
	for _, c := range inc.Claims {
		add(c.Outlet)
	}
	sort.Strings(out)
	return out
}

// estimates returns UCDP's low, best and high death estimates for inc,
// ordered so that low ≤ best ≤ high.
func estimates(inc *sitrep.Incident) (low, best, high int) {
	best = inc.Fatalities
	if inc.FatalitiesBest != nil {
		best = *inc.FatalitiesBest
	}
	low, high = inc.Fatalities, best
	if inc.FatalitiesLow != nil {
		low = *inc.FatalitiesLow
	}
	if inc.FatalitiesHigh != nil {
		high = *inc.FatalitiesHigh
	}
	low = min(low, best)
	high = max(high, best)
	return low, best, high
}
