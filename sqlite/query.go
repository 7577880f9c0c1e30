package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// queryIncidents calls fn for each live incident f selects, in f's order,
// until fn returns false. Every filter is applied in SQL, so Limit and the
// cursor count only selected incidents:
//
//   - Box goes through incidents_spacetime (place and date), then the
//     exact coordinates (the R*Tree keeps 32-bit floats);
//   - RadiusKm prefilters with the box around the circle, then measures
//     the great-circle distance;
//   - Text searches incidents_fts (notes) and documents_fts (the text of
//     the reports), words ANDed;
//   - sorts page by (key, id), so a cursor stays put while incidents are
//     added.
func (db *DB) queryIncidents(ctx context.Context, f sitrep.IncidentFilter, fn func(*sitrep.Incident) bool) error {
	query, args, err := incidentQuery(f)
	if err != nil {
		return fmt.Errorf("sqlite: incidents: %w", err)
	}
	return db.eachRow(ctx, "incidents", query, args, func(rows *sql.Rows) (bool, error) {
		inc, err := scanIncident(rows)
		if err != nil {
			return false, err
		}
		return fn(inc), nil
	})
}

// eachRow runs query on the read connections and calls row for each
// result until row returns false or an error. Errors name what was read.
func (db *DB) eachRow(ctx context.Context, what, query string, args []any, row func(*sql.Rows) (bool, error)) error {
	rows, err := db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("sqlite: %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		more, err := row(rows)
		if err != nil {
			return fmt.Errorf("sqlite: %s: %w", what, err)
		}
		if !more {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: %s: %w", what, err)
	}
	return nil
}

// IncidentsRaw calls fn with the id and the stored JSON of each live
// incident f selects, in f's order, until fn returns false. It selects as
// Incidents does; the JSON is the snapshot Incidents decodes (json.Marshal
// of the incident as saved), and decodes, once its ID is set to id, into
// the incident Incidents gives. raw is valid only during the call. Package
// api writes pages and JSON Lines from it without decoding what it can
// copy.
func (db *DB) IncidentsRaw(ctx context.Context, f sitrep.IncidentFilter, fn func(id string, raw []byte) bool) error {
	query, args, err := incidentQuery(f)
	if err != nil {
		return fmt.Errorf("sqlite: incidents: %w", err)
	}
	var (
		key      int64
		snapshot sql.RawBytes
	)
	return db.eachRow(ctx, "incidents", query, args, func(rows *sql.Rows) (bool, error) {
		if err := rows.Scan(&key, &snapshot); err != nil {
			return false, err
		}
		raw := []byte(snapshot)
		if snapshot == nil {
			raw = []byte("null") // no snapshot: scanIncident decodes nothing
		}
		return fn(incidentID(key), raw), nil
	})
}

var _ sitrep.PointStore = (*DB)(nil)

// Points calls fn for the point of each live incident f selects, in f's
// order, until fn returns false. It selects as Incidents does but reads
// only plain columns: no snapshot is decoded.
func (db *DB) Points(ctx context.Context, f sitrep.IncidentFilter, fn func(sitrep.Point) bool) error {
	query, args, err := selectIncidents(pointColumns, f)
	if err != nil {
		return fmt.Errorf("sqlite: points: %w", err)
	}
	return db.eachRow(ctx, "points", query, args, func(rows *sql.Rows) (bool, error) {
		var (
			p   sitrep.Point
			key int64
		)
		if err := rows.Scan(&key, &p.Latitude, &p.Longitude, &p.EventType, &p.SubEventType, &p.EventDate, &p.Fatalities, &p.Admin1, &p.ISO3, &p.Grade); err != nil {
			return false, err
		}
		p.ID = incidentID(key)
		return fn(p), nil
	})
}

// fieldColumns maps the JSON names of the incident fields that a column of
// incidents copies to that column. Save writes the columns and the
// snapshot from the same incident (migration 00007), so a column's value
// is the field's.
var fieldColumns = map[string]string{
	"id":             "i.id",
	"event_type":     "i.event_type",
	"sub_event_type": "i.sub_event_type",
	"iso3":           "i.iso3",
	"admin1":         "i.admin1",
	"event_date":     "i.event_date",
	"latitude":       "i.latitude",
	"longitude":      "i.longitude",
	"fatalities":     "i.fatalities",
	"inter1":         "i.inter1",
	"inter2":         "i.inter2",
	"grade":          "i.grade",
	"version":        "i.version",
	"created_at":     "i.created_at",
	"updated_at":     "i.updated_at",
}

// IncidentFields calls fn with the values of fields (JSON field names of
// sitrep.Incident) for each live incident f selects, in f's order, until
// fn returns false. It selects as Incidents does but reads only the
// columns asked for: no snapshot is decoded, which is most of what a page
// of incidents costs. Values are string, int64, float64 or time.Time (id
// is a string, as Incident.ID); the values slice is reused from row to
// row. Package api reads pages thinned by fields= through it.
//
// Fields no column holds make an error wrapping errors.ErrUnsupported,
// returned before anything is read.
func (db *DB) IncidentFields(ctx context.Context, f sitrep.IncidentFilter, fields []string, fn func(values []any) bool) error {
	cols := make([]string, len(fields))
	for i, name := range fields {
		col, ok := fieldColumns[name]
		if !ok {
			return fmt.Errorf("sqlite: incident field %q is not a column: %w", name, errors.ErrUnsupported)
		}
		cols[i] = col
	}
	query, args, err := selectIncidents(strings.Join(cols, ", "), f)
	if err != nil {
		return fmt.Errorf("sqlite: incident fields: %w", err)
	}
	dest := make([]any, len(fields))
	for i := range dest {
		dest[i] = new(any)
	}
	values := make([]any, len(fields))
	return db.eachRow(ctx, "incident fields", query, args, func(rows *sql.Rows) (bool, error) {
		if err := rows.Scan(dest...); err != nil {
			return false, err
		}
		for i, name := range fields {
			var err error
			if values[i], err = fieldValue(name, *dest[i].(*any)); err != nil {
				return false, err
			}
		}
		return fn(values), nil
	})
}

// fieldValue turns the value of field's column into the field's value.
// The columns are STRICT: text is a string, integers int64, reals float64.
func fieldValue(field string, v any) (any, error) {
	switch field {
	case "latitude", "longitude":
		if n, ok := v.(int64); ok { // not from a STRICT REAL column, but cheap to allow
			return float64(n), nil
		}
	case "id":
		key, ok := v.(int64)
		if !ok {
			return nil, fmt.Errorf("id %v is not an integer", v)
		}
		return incidentID(key), nil
	case "created_at", "updated_at":
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%s %v is not text", field, v)
		}
		return parseStamp(s)
	}
	if s, ok := v.(string); ok && !utf8.ValidString(s) {
		// The snapshot has U+FFFD for each bad byte: encoding/json wrote
		// it so.
		return string([]rune(s)), nil
	}
	return v, nil
}

// CountIncidents returns the number of live incidents.
func (db *DB) CountIncidents(ctx context.Context) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM incidents WHERE state = 'live'`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: counting incidents: %w", err)
	}
	return n, nil
}

// rtreeSlack widens boxes queried through the R*Tree, whose 32-bit floats
// may round a coordinate outward or inward by up to about 1e-5 degrees.
const rtreeSlack = 1e-4

// kmPerDegree is the length of one degree of latitude on the mean sphere.
const kmPerDegree = 6371.0088 * math.Pi / 180

// incidentQuery builds the SELECT of ids and snapshots for f. What f
// selects, and in which order, is found from ids and sort keys alone, and
// only then are the snapshots of the selected incidents read: SQLite
// otherwise sorts whole snapshots, about a kilobyte each, whenever the
// R*Tree or another index than the order's drives the query, and reads
// snapshots of incidents past the limit.
func incidentQuery(f sitrep.IncidentFilter) (string, []any, error) {
	key, desc, err := sortColumn(f.Sort)
	if err != nil {
		return "", nil, err
	}
	cols, order := "i.id AS sel_id", "s.sel_id"
	if key != "i.id" {
		cols += ", " + key + " AS sel_key"
		order = "s.sel_key, s.sel_id"
		if desc {
			order = "s.sel_key DESC, s.sel_id DESC"
		}
	}
	sel, args, err := selectIncidents(cols, f)
	if err != nil {
		return "", nil, err
	}
	// The outer ORDER BY is the inner one, which SQLite sees: it reads the
	// selection in its order rather than sorting again.
	return "SELECT i.id, i.snapshot FROM (" + sel + ") s CROSS JOIN incidents i ON i.id = s.sel_id ORDER BY " + order, args, nil
}

// pointColumns are the columns of a sitrep.Point, in scanPoint's order.
const pointColumns = "i.id, i.latitude, i.longitude, i.event_type, i.sub_event_type, i.event_date, i.fatalities, i.admin1, i.iso3, i.grade"

// selectIncidents builds SELECT cols for the live incidents f selects, in
// f's order; i names the incidents table.
func selectIncidents(cols string, f sitrep.IncidentFilter) (string, []any, error) {
	var (
		where = []string{"i.state = 'live'"}
		args  []any
		from  = "incidents i"
	)
	add := func(cond string, a ...any) {
		where = append(where, cond)
		args = append(args, a...)
	}
	if !f.UpdatedSince.IsZero() {
		add("i.updated_at >= ?", stamp(f.UpdatedSince))
	}
	if f.From != "" {
		add("i.event_date >= ?", f.From)
	}
	if f.To != "" {
		add("i.event_date <= ?", f.To)
	}
	if f.ISO3 != "" {
		add("i.iso3 = ?", f.ISO3)
	}
	if f.EventType != "" {
		add("i.event_type = ?", f.EventType)
	}
	if f.SubEventType != "" {
		add("i.sub_event_type = ?", f.SubEventType)
	}
	if f.Admin1 != "" {
		add("i.admin1 = ? COLLATE NOCASE", f.Admin1)
	}
	if f.Grade != "" {
		add("i.grade = ?", f.Grade)
	}
	if f.MinFatalities > 0 {
		add("i.fatalities >= ?", f.MinFatalities)
	}
	if len(f.Inter) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?,", len(f.Inter)), ",")
		cond := "(i.inter1 IN (" + marks + ") OR i.inter2 IN (" + marks + "))"
		for range 2 {
			for _, n := range f.Inter {
				args = append(args, n)
			}
		}
		where = append(where, cond)
	}
	if f.Actor != "" {
		add("instr(i.actors, ?) > 0", strings.ToLower(f.Actor))
	}

	// Space: the R*Tree drives the query when a box or circle is given.
	var box *sitrep.Box
	if f.Box != nil {
		b := *f.Box
		if b.MinLat > b.MaxLat || b.MinLon > b.MaxLon {
			return "", nil, fmt.Errorf("inverted box %+v", b)
		}
		box = &b
		add("i.latitude BETWEEN ? AND ? AND i.longitude BETWEEN ? AND ?", b.MinLat, b.MaxLat, b.MinLon, b.MaxLon)
	}
	if f.RadiusKm > 0 {
		around := circleBox(f.NearLat, f.NearLon, f.RadiusKm)
		if box != nil {
			box = &sitrep.Box{MinLat: max(box.MinLat, around.MinLat), MaxLat: min(box.MaxLat, around.MaxLat),
				MinLon: max(box.MinLon, around.MinLon), MaxLon: min(box.MaxLon, around.MaxLon)}
		} else {
			box = &around
		}
		add(`2 * 6371.0088 * asin(min(1, sqrt(
			pow(sin(radians(i.latitude - ?) / 2), 2) +
			cos(radians(?)) * cos(radians(i.latitude)) * pow(sin(radians(i.longitude - ?) / 2), 2)))) <= ?`,
			f.NearLat, f.NearLat, f.NearLon, f.RadiusKm)
	}
	if box != nil {
		// (0, 0) is how an unplaced incident reads; the R*Tree holds only
		// placed ones, and the exact test above keeps (0, 0) out only when
		// the box excludes it, so say it.
		add("NOT (i.latitude = 0 AND i.longitude = 0)")
		// incidents_spacetime narrows by date too (Julian days, widened
		// by one for its 32-bit floats; the exact test is on event_date).
		minDay, maxDay := -1e9, 1e9
		if d, err := time.Parse(sitrep.DateLayout, f.From); err == nil {
			minDay = julianDay(d) - 1
		}
		if d, err := time.Parse(sitrep.DateLayout, f.To); err == nil {
			maxDay = julianDay(d) + 1
		}
		from = `(SELECT id AS rid FROM incidents_spacetime
			WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ? AND max_day >= ? AND min_day <= ?) r
			CROSS JOIN incidents i ON i.id = r.rid`
		args = append([]any{box.MinLat - rtreeSlack, box.MaxLat + rtreeSlack, box.MinLon - rtreeSlack, box.MaxLon + rtreeSlack, minDay, maxDay}, args...)
	}

	if words := searchWords(f.Text); len(words) > 0 {
		match := ftsQuery(words)
		add(`i.id IN (
			SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?
			UNION
			SELECT e.incident FROM documents_fts
				JOIN documents d ON d.seq = documents_fts.rowid
				JOIN events e ON e.doc_id = d.id
			WHERE documents_fts MATCH ? AND e.incident IS NOT NULL)`, match, match)
	}

	order, err := pageOrder(f, add)
	if err != nil {
		return "", nil, err
	}
	q := "SELECT " + cols + " FROM " + from + " WHERE " + strings.Join(where, " AND ") + " ORDER BY " + order
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	return q, args, nil
}

// pageOrder adds the cursor condition of f and returns the ORDER BY
// clause.
func pageOrder(f sitrep.IncidentFilter, add func(string, ...any)) (string, error) {
	var after int64
	if f.After != "" {
		var err error
		if after, err = incidentKey(f.After); err != nil {
			return "", fmt.Errorf("cursor: %w", err)
		}
	}
	col, desc, err := sortColumn(f.Sort)
	if err != nil {
		return "", err
	}
	var key any
	switch col {
	case "i.id":
		if f.After != "" {
			add("i.id > ?", after)
		}
		return "i.id", nil
	case "i.event_date":
		key = f.AfterKey
	case "i.updated_at":
		if f.After != "" {
			t, err := time.Parse(time.RFC3339Nano, f.AfterKey)
			if err != nil {
				return "", fmt.Errorf("cursor: updated_at key %q: %w", f.AfterKey, err)
			}
			key = stamp(t)
		}
	case "i.fatalities":
		if f.After != "" {
			n, err := strconv.Atoi(f.AfterKey)
			if err != nil {
				return "", fmt.Errorf("cursor: fatalities key %q: %w", f.AfterKey, err)
			}
			key = n
		}
	}
	dir, cmp := "", ">"
	if desc {
		dir, cmp = " DESC", "<"
	}
	if f.After != "" {
		add("("+col+", i.id) "+cmp+" (?, ?)", key, after)
	}
	return col + dir + ", i.id" + dir, nil
}

// sortColumn returns the column incidents are sorted by for sort, and
// whether in descending order; ties go by id in the same direction.
func sortColumn(sort string) (col string, desc bool, err error) {
	desc = strings.HasPrefix(sort, "-")
	switch strings.TrimPrefix(sort, "-") {
	case "":
		if !desc {
			return "i.id", false, nil
		}
	case "event_date":
		return "i.event_date", desc, nil
	case "updated_at":
		return "i.updated_at", desc, nil
	case "fatalities":
		return "i.fatalities", desc, nil
	}
	return "", false, fmt.Errorf("unknown sort %q", sort)
}

// julianDay returns the Julian day number of midnight UTC starting d, as
// SQLite's julianday computes it.
func julianDay(d time.Time) float64 {
	return float64(d.Unix())/86400 + 2440587.5
}

// circleBox returns a box holding the circle of radius km around a point.
// Near a pole or across the antimeridian it spans every longitude.
func circleBox(lat, lon, km float64) sitrep.Box {
	dlat := km / kmPerDegree
	b := sitrep.Box{MinLat: max(-90, lat-dlat), MaxLat: min(90, lat+dlat), MinLon: -180, MaxLon: 180}
	if c := math.Cos(lat * math.Pi / 180); b.MinLat > -90 && b.MaxLat < 90 && c > 1e-6 {
		dlon := dlat / min(math.Cos(b.MinLat*math.Pi/180), math.Cos(b.MaxLat*math.Pi/180))
		if lon-dlon >= -180 && lon+dlon <= 180 {
			b.MinLon, b.MaxLon = lon-dlon, lon+dlon
		}
	}
	return b
}

// searchWords splits a search into words: letters and digits, with a
// trailing * kept for prefix search. Nothing else is syntax, so no input
// makes a malformed FTS5 query.
func searchWords(q string) []string {
	var out []string
	for w := range strings.FieldsFuncSeq(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '*'
	}) {
		prefix := strings.HasSuffix(w, "*")
		w = strings.ReplaceAll(w, "*", "")
		if w == "" {
			continue
		}
		if prefix {
			w += "*"
		}
		out = append(out, w)
	}
	return out
}

// ftsQuery quotes each word as an FTS5 string, ANDed.
func ftsQuery(words []string) string {
	parts := make([]string, len(words))
	for i, w := range words {
		if strings.HasSuffix(w, "*") {
			parts[i] = `"` + strings.TrimSuffix(w, "*") + `"*`
		} else {
			parts[i] = `"` + w + `"`
		}
	}
	return strings.Join(parts, " AND ")
}
