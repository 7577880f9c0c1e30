package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/export"
)

// RawStore is implemented by incident stores that keep each incident as
// its JSON and can hand that JSON over undecoded. Pages of GET /api/events
// that need more than a FieldStore reads, and JSON Lines exports, are then
// written from it: when the JSON is what encoding/json writes for the
// incident (export.IncidentJSON checks), it is copied rather than decoded
// and encoded again, which is most of what a page costs otherwise.
type RawStore interface {
	// IncidentsRaw calls fn for each incident f selects, in the order
	// Incidents gives them, until fn returns false, with the incident's
	// id and its stored JSON: JSON that json.Unmarshal decodes into the
	// incident Incidents gives, once its ID is set to id. raw is valid
	// only during the call.
	IncidentsRaw(ctx context.Context, f sitrep.IncidentFilter, fn func(id string, raw []byte) bool) error
}

// rawPage writes the events of a page from a RawStore, as fullPage would
// write them, and returns the next cursor. It returns an error wrapping
// errors.ErrUnsupported, having written nothing, when the store is no
// RawStore.
func (s *Server) rawPage(ctx context.Context, buf *bytes.Buffer, in *listInput) (next string, err error) {
	if _, ok := s.store.(RawStore); !ok {
		return "", errors.ErrUnsupported
	}
	f := in.filter
	f.Limit++ // one more than the page tells whether a next page exists
	var (
		start   = buf.Len()
		n       int
		lastInc *sitrep.Incident // the last incident written, if decoded
		last    []byte           // else its stored JSON
		lastID  string
		werr    error
	)
	err = s.incidentsRaw(ctx, f, func(inc *sitrep.Incident, j *export.IncidentJSON) bool {
		if n == in.filter.Limit {
			n++ // the first incident of the next page
			return false
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		n++
		if j == nil {
			lastInc = inc
			werr = encodeThinned(buf, inc, in.fields)
			return werr == nil
		}
		lastInc, last, lastID = nil, append(last[:0], j.Raw()...), j.ID()
		writeJSON(buf, j, in.fields)
		return true
	})
	if err == nil && werr != nil {
		err = fmt.Errorf("encoding events: %w", werr)
	}
	if err == nil && n > in.filter.Limit && lastInc == nil {
		// The cursor needs the sort key: one incident decoded a page.
		lastInc, err = export.DecodeIncident(lastID, last)
	}
	if err != nil {
		buf.Truncate(start)
		return "", err
	}
	if n > in.filter.Limit {
		return cursor{Sort: in.Sort, Key: sortKey(in.Sort, lastInc), ID: lastInc.ID}.String(), nil
	}
	return "", nil
}

// writeJSON writes the incident j holds as encodeThinned writes it
// decoded.
func writeJSON(buf *bytes.Buffer, j *export.IncidentJSON, fields []string) {
	if len(fields) == 0 {
		b := j.AppendIncident(buf.AvailableBuffer())
		buf.Write(append(b, '\n'))
		return
	}
	buf.WriteByte('{')
	n := 0
	for _, name := range fields {
		b := buf.AvailableBuffer()
		if n > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, '"', ':')
		b, ok := j.AppendField(b, name)
		if !ok {
			continue // an omitempty field left out
		}
		buf.Write(b)
		n++
	}
	buf.WriteByte('}')
}

// incidentsRaw calls fn for each incident f selects, in f's order, until
// fn returns false: with its stored JSON in j when the store is a RawStore
// and export.IncidentJSON takes the JSON as it is, else decoded in inc.
// JSON that does not decode is the store's error, as Incidents would
// return it.
func (s *Server) incidentsRaw(ctx context.Context, f filter, fn func(inc *sitrep.Incident, j *export.IncidentJSON) bool) error {
	rs, ok := s.store.(RawStore)
	if !ok {
		return s.incidents(ctx, f, func(inc *sitrep.Incident) bool { return fn(inc, nil) })
	}
	var (
		j    export.IncidentJSON
		derr error
	)
	err := rs.IncidentsRaw(ctx, f, func(id string, raw []byte) bool {
		if j.Parse(id, raw) {
			return fn(nil, &j)
		}
		var inc *sitrep.Incident
		if inc, derr = export.DecodeIncident(id, raw); derr != nil {
			return false
		}
		return fn(inc, nil)
	})
	if err == nil {
		err = derr
	}
	return err
}
