package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/internal/jsonenc"
)

// FieldStore is implemented by incident stores that read some fields of
// the incidents a filter selects without decoding whole incidents. A page
// of GET /api/events thinned by fields= to such fields is then read
// through it: decoding and encoding whole incidents is most of what a page
// costs otherwise.
type FieldStore interface {
	// IncidentFields calls fn with the values of fields (JSON field names
	// of sitrep.Incident) for each incident f selects, in the order
	// Incidents gives them, until fn returns false. Each value equals that
	// field of the incident and is a string, an int64, a float64 or a
	// time.Time; the values slice is reused from call to call. When the store
	// cannot read some field so, it returns an error wrapping
	// errors.ErrUnsupported before calling fn.
	IncidentFields(ctx context.Context, f sitrep.IncidentFilter, fields []string, fn func(values []any) bool) error
}

// fieldPage writes the events of a page thinned to in.fields from a
// FieldStore, as fullPage would write them, and returns the next cursor.
// It returns an error wrapping errors.ErrUnsupported, having written
// nothing, when the store is no FieldStore or cannot read those fields.
func (s *Server) fieldPage(ctx context.Context, buf *bytes.Buffer, in *listInput) (next string, err error) {
	fs, ok := s.store.(FieldStore)
	if !ok || len(in.fields) == 0 {
		return "", errors.ErrUnsupported
	}
	f := in.filter
	f.Limit++ // one more than the page tells whether a next page exists
	// The cursor needs the id and the sort key of the last incident: they
	// are asked for after the fields shown, when not among them.
	ask := slices.Clone(in.fields)
	keys := []string{"id"}
	if k := strings.TrimPrefix(in.Sort, "-"); k != "" {
		keys = append(keys, k)
	}
	keyAt := make([]int, len(keys))
	for i, k := range keys {
		if keyAt[i] = slices.Index(ask, k); keyAt[i] < 0 {
			keyAt[i] = len(ask)
			ask = append(ask, k)
		}
	}
	names := make([][]byte, len(in.fields))
	for i, name := range in.fields {
		names[i] = fmt.Appendf(nil, "%q:", name)
	}
	var (
		start = buf.Len()
		n     int
		last  = make([]any, len(keys)) // the keys of the last incident written
		werr  error
	)
	err = fs.IncidentFields(ctx, f, ask, func(values []any) bool {
		if n == in.filter.Limit {
			n++ // the first incident of the next page
			return false
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		n++
		buf.WriteByte('{')
		for i, v := range values[:len(names)] {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.Write(names[i])
			if werr = appendJSON(buf, v); werr != nil {
				return false
			}
		}
		buf.WriteByte('}')
		for i, at := range keyAt {
			last[i] = values[at]
		}
		return true
	})
	if err == nil {
		err = werr
	}
	if err != nil {
		buf.Truncate(start)
		return "", err
	}
	if n > in.filter.Limit {
		return pageCursor(in.Sort, keys, last)
	}
	return "", nil
}

// pageCursor returns the cursor after the incident whose keys (id and
// sort field) have values: the one fullPage makes from the incident.
func pageCursor(sort string, keys []string, values []any) (string, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:", k)
		if err := appendJSON(&b, values[i]); err != nil {
			return "", err
		}
	}
	b.WriteByte('}')
	var inc sitrep.Incident
	if err := json.Unmarshal(b.Bytes(), &inc); err != nil {
		return "", fmt.Errorf("cursor keys %s: %w", b.Bytes(), err)
	}
	return cursor{Sort: sort, Key: sortKey(sort, &inc), ID: inc.ID}.String(), nil
}

// appendJSON writes v as encoding/json.Marshal writes a field of that
// type, escaping HTML characters as it does; encodeThinned picks fields
// out of such output.
func appendJSON(buf *bytes.Buffer, v any) error {
	var b []byte
	switch v := v.(type) {
	case string:
		b = jsonenc.AppendString(buf.AvailableBuffer(), v)
	case int64:
		b = strconv.AppendInt(buf.AvailableBuffer(), v, 10)
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return fmt.Errorf("json: unsupported value: %v", v)
		}
		b = jsonenc.AppendFloat(buf.AvailableBuffer(), v)
	case time.Time:
		var err error
		if b, err = v.MarshalJSON(); err != nil {
			return err
		}
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			return err
		}
	}
	buf.Write(b)
	return nil
}
