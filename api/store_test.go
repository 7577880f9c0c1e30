package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// memStore is an IncidentStore held in memory, for handler tests. It
// applies the filter fields the store contract has always had; the API
// applies the rest.
type memStore struct {
	mu        sync.Mutex
	incidents []*sitrep.Incident // in id order
	redirects map[string]string
	versions  map[string][]*sitrep.Incident
	docs      map[string]*sitrep.Document
	docEvents map[string][]sitrep.Event
	deletions []sitrep.Deletion
	fail      error
	// fieldReads counts IncidentFields calls that read incidents.
	fieldReads int
	// rawReads counts IncidentsRaw calls.
	rawReads int
	// stored, when set, turns an incident's JSON into the JSON
	// IncidentsRaw hands over for it, as a store holding JSON that older
	// code wrote would.
	stored func(id string, raw []byte) []byte
}

var _ sitrep.IncidentStore = (*memStore)(nil)

func (m *memStore) PutDocument(context.Context, *sitrep.Document, []sitrep.Event) (string, bool, error) {
	return "", false, nil
}

func (m *memStore) Document(_ context.Context, id string) (*sitrep.Document, []sitrep.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.docs[id]
	if !ok {
		return nil, nil, sitrep.ErrNotFound
	}
	return d, m.docEvents[id], nil
}

func (m *memStore) Events(context.Context, func(string, sitrep.Event) bool) error { return nil }
func (m *memStore) Close() error                                                  { return nil }

func (m *memStore) Update(context.Context, func(sitrep.IncidentTx) error) error { return nil }

func (m *memStore) Documents(_ context.Context, fn func(*sitrep.Document) bool) error { return nil }

// Incidents applies f as the API documents it: Match for selection, then
// sort, cursor and limit.
func (m *memStore) Incidents(_ context.Context, f sitrep.IncidentFilter, fn func(*sitrep.Incident) bool) error {
	m.mu.Lock()
	list := slices.Clone(m.incidents)
	err := m.fail
	m.mu.Unlock()
	if err != nil {
		return err
	}
	var all []*sitrep.Incident
	for _, inc := range list {
		if Match(f, inc) {
			c := *inc
			all = append(all, &c)
		}
	}
	desc := strings.HasPrefix(f.Sort, "-")
	cmp := func(a, b *sitrep.Incident) int {
		var c int
		switch strings.TrimPrefix(f.Sort, "-") {
		case "fatalities":
			c = a.Fatalities - b.Fatalities
		case "":
		default:
			c = strings.Compare(sortKey(f.Sort, a), sortKey(f.Sort, b))
		}
		if c == 0 {
			c = strings.Compare(a.ID, b.ID)
		}
		if desc {
			c = -c
		}
		return c
	}
	slices.SortStableFunc(all, cmp)
	n := 0
	for _, inc := range all {
		if f.After != "" {
			probe := &sitrep.Incident{ID: f.After}
			switch strings.TrimPrefix(f.Sort, "-") {
			case "event_date":
				probe.EventDate = f.AfterKey
			case "updated_at":
				probe.UpdatedAt, _ = time.Parse(time.RFC3339Nano, f.AfterKey)
			case "fatalities":
				probe.Fatalities, _ = strconv.Atoi(f.AfterKey)
			}
			if cmp(inc, probe) <= 0 {
				continue
			}
		}
		n++
		if !fn(inc) || (f.Limit > 0 && n >= f.Limit) {
			break
		}
	}
	return nil
}

func (m *memStore) Incident(_ context.Context, id string) (*sitrep.Incident, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if to, ok := m.redirects[id]; ok {
		id = to
	}
	for _, inc := range m.incidents {
		if inc.ID == id {
			c := *inc
			return &c, nil
		}
	}
	return nil, sitrep.ErrNotFound
}

func (m *memStore) Versions(_ context.Context, id string) ([]sitrep.VersionInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	vs, ok := m.versions[id]
	if !ok {
		return nil, sitrep.ErrNotFound
	}
	var out []sitrep.VersionInfo
	for _, v := range vs {
		out = append(out, sitrep.VersionInfo{N: v.Version, At: v.UpdatedAt, Cause: sitrep.Cause{Kind: "report"}})
	}
	return out, nil
}

func (m *memStore) Version(_ context.Context, id string, n int) (*sitrep.Incident, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, v := range m.versions[id] {
		if v.Version == n {
			c := *v
			return &c, nil
		}
	}
	return nil, sitrep.ErrNotFound
}

func (m *memStore) Deletions(_ context.Context, since time.Time, fn func(sitrep.Deletion) bool) error {
	for _, d := range m.deletions {
		if d.At.Before(since) {
			continue
		}
		if !fn(d) {
			break
		}
	}
	return nil
}

func (m *memStore) set(inc *sitrep.Incident) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, old := range m.incidents {
		if old.ID == inc.ID {
			m.incidents[i] = inc
			return
		}
	}
	m.incidents = append(m.incidents, inc)
}

// Points lists the points of what Incidents selects.
func (m *memStore) Points(ctx context.Context, f sitrep.IncidentFilter, fn func(sitrep.Point) bool) error {
	return m.Incidents(ctx, f, func(inc *sitrep.Incident) bool {
		return fn(sitrep.Point{ID: inc.ID, Latitude: inc.Latitude, Longitude: inc.Longitude,
			EventType: inc.EventType, SubEventType: inc.SubEventType, EventDate: inc.EventDate,
			Fatalities: inc.Fatalities, Admin1: inc.Admin1, ISO3: inc.ISO3, Grade: inc.Grade})
	})
}

// IncidentFields reads fields of what Incidents selects by reflection:
// strings, integers, floats and instants, as a store reading columns would
// give them. Other fields are unsupported, so pages asking for them take
// the full path. fieldReads counts the calls that read.
func (m *memStore) IncidentFields(ctx context.Context, f sitrep.IncidentFilter, fields []string, fn func([]any) bool) error {
	index := make([][]int, len(fields))
	for i, name := range fields {
		sf, ok := incidentField(name)
		if !ok {
			return fmt.Errorf("memStore: field %q: %w", name, errors.ErrUnsupported)
		}
		switch sf.Type.Kind() {
		case reflect.String, reflect.Int, reflect.Float64:
		default:
			if sf.Type != reflect.TypeFor[time.Time]() {
				return fmt.Errorf("memStore: field %q: %w", name, errors.ErrUnsupported)
			}
		}
		index[i] = sf.Index
	}
	m.mu.Lock()
	m.fieldReads++
	m.mu.Unlock()
	values := make([]any, len(fields))
	return m.Incidents(ctx, f, func(inc *sitrep.Incident) bool {
		v := reflect.ValueOf(inc).Elem()
		for i, at := range index {
			switch fv := v.FieldByIndex(at); fv.Kind() {
			case reflect.String:
				values[i] = fv.String()
			case reflect.Int:
				values[i] = fv.Int()
			case reflect.Float64:
				values[i] = fv.Float()
			default:
				values[i] = fv.Interface()
			}
		}
		return fn(values)
	})
}

// IncidentsRaw hands over the JSON of what Incidents selects: json.Marshal
// of each incident, then stored, when set, applied to it.
func (m *memStore) IncidentsRaw(ctx context.Context, f sitrep.IncidentFilter, fn func(id string, raw []byte) bool) error {
	m.mu.Lock()
	m.rawReads++
	stored := m.stored
	m.mu.Unlock()
	var err error
	ierr := m.Incidents(ctx, f, func(inc *sitrep.Incident) bool {
		var raw []byte
		if raw, err = json.Marshal(inc); err != nil {
			return false
		}
		if stored != nil {
			raw = stored(inc.ID, raw)
		}
		return fn(inc.ID, raw)
	})
	if ierr != nil {
		return ierr
	}
	return err
}

// rawReadCount returns rawReads.
func (m *memStore) rawReadCount() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.rawReads
}

// reads returns fieldReads.
func (m *memStore) reads() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.fieldReads
}

// incidentField finds the field of sitrep.Incident with JSON name name.
func incidentField(name string) (reflect.StructField, bool) {
	for _, sf := range reflect.VisibleFields(reflect.TypeFor[sitrep.Incident]()) {
		if json, _, _ := strings.Cut(sf.Tag.Get("json"), ","); json == name && !sf.Anonymous {
			return sf, true
		}
	}
	return reflect.StructField{}, false
}
