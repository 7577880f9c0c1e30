package api

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/danielgtaylor/huma/v2"

	"github.com/sitrep-dev/sitrep"
)

// EventQuery holds the filters of GET /api/events, /api/actors and
// /api/stats as the query string spells them. Resolve checks and parses
// them into a filter.
type EventQuery struct {
	From          string  `query:"from" doc:"first event date, YYYY-MM-DD, inclusive" example:"2020-05-01"`
	To            string  `query:"to" doc:"last event date, YYYY-MM-DD, inclusive" example:"2020-05-31"`
	BBox          string  `query:"bbox" doc:"bounding box minLon,minLat,maxLon,maxLat (WGS 84 degrees)" example:"35.5,32.3,42.4,37.3"`
	Near          string  `query:"near" doc:"a point lat,lon; needs radius_km" example:"36.2,37.15"`
	RadiusKm      float64 `query:"radius_km" minimum:"0" maximum:"20000" doc:"radius around near, in kilometres"`
	Country       string  `query:"country" doc:"ISO 3166-1 alpha-3 country code" example:"SYR"`
	Admin1        string  `query:"admin1" doc:"first-order administrative division, as stored (case-insensitive)"`
	EventType     string  `query:"event_type" doc:"ACLED event type, exactly" example:"Battles"`
	SubEventType  string  `query:"sub_event_type" doc:"ACLED sub-event type, exactly" example:"Armed clash"`
	Actor         string  `query:"actor" doc:"actor name or alias: a case-insensitive substring of actor1, actor2 or an associated actor"`
	Inter         string  `query:"inter" doc:"comma-separated ACLED inter codes (1-8): actor1's or actor2's code is one of them" example:"1,2"`
	MinFatalities int     `query:"min_fatalities" minimum:"0" doc:"at least this many fatalities (ACLED's conservative figure)"`
	Grade         string  `query:"grade" enum:"single source,corroborated,contested,confirmed" doc:"source grade"`
	Q             string  `query:"q" maxLength:"500" doc:"full-text search over the notes and the reports' text: words, all of which must appear; a trailing * matches a prefix"`
	UpdatedSince  string  `query:"updated_since" doc:"changed at or after this instant, RFC 3339" example:"2020-05-10T00:00:00Z"`

	filter filter
}

// Resolve parses the query into q.filter; huma calls it after binding and
// answers 422 with every error found.
func (q *EventQuery) Resolve(ctx huma.Context) []error {
	var errs []error
	bad := func(loc, msg string, v any) {
		errs = append(errs, &huma.ErrorDetail{Location: "query." + loc, Message: msg, Value: v})
	}
	f := &q.filter
	for _, d := range []struct {
		name string
		v    string
		dst  *string
	}{{"from", q.From, &f.From}, {"to", q.To, &f.To}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse(sitrep.DateLayout, d.v); err != nil {
			bad(d.name, "want a YYYY-MM-DD date", d.v)
			continue
		}
		*d.dst = d.v
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		bad("to", "to is before from", q.To)
	}
	if q.BBox != "" {
		v, err := floats(q.BBox, 4)
		switch {
		case err != nil:
			bad("bbox", "want minLon,minLat,maxLon,maxLat: "+err.Error(), q.BBox)
		case v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90:
			bad("bbox", "longitudes must lie in [-180, 180] and latitudes in [-90, 90]", q.BBox)
		case v[0] > v[2] || v[1] > v[3]:
			bad("bbox", "inverted box: minLon must not exceed maxLon, nor minLat maxLat (boxes across the antimeridian are not supported)", q.BBox)
		default:
			f.Box = &sitrep.Box{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]}
		}
	}
	switch {
	case q.Near != "":
		v, err := floats(q.Near, 2)
		switch {
		case err != nil:
			bad("near", "want lat,lon: "+err.Error(), q.Near)
		case v[0] < -90 || v[0] > 90 || v[1] < -180 || v[1] > 180:
			bad("near", "latitude must lie in [-90, 90] and longitude in [-180, 180]", q.Near)
		case q.RadiusKm <= 0:
			bad("radius_km", "near needs a radius_km above 0", q.RadiusKm)
		default:
			f.NearLat, f.NearLon, f.RadiusKm = v[0], v[1], q.RadiusKm
		}
	case q.RadiusKm != 0:
		bad("radius_km", "radius_km needs near=lat,lon", q.RadiusKm)
	}
	if q.Country != "" {
		c := strings.ToUpper(q.Country)
		if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			bad("country", "want an ISO 3166-1 alpha-3 code such as SYR", q.Country)
		}
		f.ISO3 = c
	}
	if q.Inter != "" {
		for s := range strings.SplitSeq(q.Inter, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 1 || n > 8 {
				bad("inter", "want comma-separated inter codes from 1 to 8", q.Inter)
				break
			}
			if !slices.Contains(f.Inter, n) {
				f.Inter = append(f.Inter, n)
			}
		}
	}
	if q.UpdatedSince != "" {
		t, err := time.Parse(time.RFC3339Nano, q.UpdatedSince)
		if err != nil {
			bad("updated_since", "want an RFC 3339 instant such as 2020-05-10T00:00:00Z", q.UpdatedSince)
		}
		f.UpdatedSince = t
	}
	f.Admin1 = strings.TrimSpace(q.Admin1)
	f.EventType = q.EventType
	f.SubEventType = q.SubEventType
	f.Actor = strings.TrimSpace(q.Actor)
	f.MinFatalities = q.MinFatalities
	f.Grade = q.Grade
	f.Text = strings.TrimSpace(q.Q)
	return errs
}

// floats parses exactly n comma-separated finite numbers.
func floats(s string, n int) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, fmt.Errorf("%d numbers, want %d", len(parts), n)
	}
	out := make([]float64, n)
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%q is not a number", p)
		}
		out[i] = v
	}
	return out, nil
}

// Sorts lists the orders GET /api/events takes; a leading "-" reverses.
var Sorts = []string{"event_date", "-event_date", "updated_at", "-updated_at", "fatalities", "-fatalities"}

// cursor is where a page ends: the sort it was listed in, the last
// incident's sort key and its id. It travels as opaque base64url text.
type cursor struct {
	Sort, Key, ID string
}

func (c cursor) String() string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.Sort + "\x00" + c.Key + "\x00" + c.ID))
}

func parseCursor(s string) (cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, fmt.Errorf("not a cursor this server gave")
	}
	p := strings.Split(string(b), "\x00")
	if len(p) != 3 || p[2] == "" {
		return cursor{}, fmt.Errorf("not a cursor this server gave")
	}
	return cursor{Sort: p[0], Key: p[1], ID: p[2]}, nil
}

// sortKey returns inc's key in order sort, as a cursor carries it.
func sortKey(sort string, inc *sitrep.Incident) string {
	switch strings.TrimPrefix(sort, "-") {
	case "event_date":
		return inc.EventDate
	case "updated_at":
		return inc.UpdatedAt.UTC().Format(time.RFC3339Nano)
	case "fatalities":
		return strconv.Itoa(inc.Fatalities)
	}
	return ""
}

// Match reports whether inc passes f's selection (not its paging): the
// reference semantics of every filter, which a store's query must agree
// with.
func Match(f filter, inc *sitrep.Incident) bool {
	switch {
	case !f.UpdatedSince.IsZero() && inc.UpdatedAt.Before(f.UpdatedSince),
		f.From != "" && inc.EventDate < f.From,
		f.To != "" && inc.EventDate > f.To,
		f.ISO3 != "" && !strings.EqualFold(inc.ISO3, f.ISO3),
		f.Admin1 != "" && !strings.EqualFold(inc.Admin1, f.Admin1),
		f.EventType != "" && inc.EventType != f.EventType,
		f.SubEventType != "" && inc.SubEventType != f.SubEventType,
		f.MinFatalities > 0 && inc.Fatalities < f.MinFatalities,
		f.Grade != "" && inc.Grade != f.Grade:
		return false
	}
	placed := inc.Latitude != 0 || inc.Longitude != 0
	if b := f.Box; b != nil {
		if !placed || inc.Latitude < b.MinLat || inc.Latitude > b.MaxLat || inc.Longitude < b.MinLon || inc.Longitude > b.MaxLon {
			return false
		}
	}
	if f.RadiusKm > 0 {
		if !placed || HaversineKm(f.NearLat, f.NearLon, inc.Latitude, inc.Longitude) > f.RadiusKm {
			return false
		}
	}
	if len(f.Inter) > 0 && !slices.Contains(f.Inter, inc.Inter1) && !slices.Contains(f.Inter, inc.Inter2) {
		return false
	}
	if f.Actor != "" {
		a := strings.ToLower(f.Actor)
		hit := false
		for _, s := range []string{inc.Actor1, inc.Actor2, inc.AssocActor1, inc.AssocActor2} {
			if strings.Contains(strings.ToLower(s), a) {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	if f.Text != "" {
		// The store searches notes and report text with FTS5; here only
		// the notes are at hand, so every word must appear in them.
		notes := strings.ToLower(inc.Notes)
		for _, w := range SearchWords(f.Text) {
			if !strings.Contains(notes, strings.ToLower(strings.TrimSuffix(w, "*"))) {
				return false
			}
		}
	}
	return true
}

// HaversineKm returns the great-circle distance between two points, in
// kilometres, on a sphere of the Earth's mean radius.
func HaversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// SearchWords splits a q parameter into the words a full-text search
// looks for: letters and digits, each kept with a trailing * when it has
// one. Quotes and FTS5 operators are not syntax here, so no q can make a
// malformed query.
func SearchWords(q string) []string {
	var out []string
	for f := range strings.FieldsFuncSeq(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '*'
	}) {
		prefix := strings.HasSuffix(f, "*")
		f = strings.ReplaceAll(f, "*", "")
		if f == "" {
			continue
		}
		if prefix {
			f += "*"
		}
		out = append(out, f)
	}
	return out
}

// Filter checks q as the API does and returns the filter it spells, or an
// error naming every bad parameter. The CLI's export takes the same
// filters through it.
func (q EventQuery) Filter() (sitrep.IncidentFilter, error) {
	errs := q.Resolve(nil)
	if len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
		}
		return sitrep.IncidentFilter{}, errors.New(strings.Join(msgs, "; "))
	}
	return q.filter, nil
}
