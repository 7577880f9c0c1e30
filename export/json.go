package export

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// JSONL writes JSON Lines: one incident per line, in the API's JSON form.
type JSONL struct {
	b   *bufio.Writer
	enc *json.Encoder
}

// A RawWriter also writes incidents from their stored JSON, which it
// copies where Write would encode the decoded incident.
type RawWriter interface {
	Writer
	// WriteJSON writes the incident stored holds, whose JSON
	// stored.Parse accepted, as Write writes it decoded.
	WriteJSON(stored *IncidentJSON) error
}

var _ RawWriter = (*JSONL)(nil)

// NewJSONL returns a JSON Lines writer to w.
func NewJSONL(w io.Writer) *JSONL {
	b := bufio.NewWriter(w)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	return &JSONL{b: b, enc: enc}
}

// Write writes one incident as one line.
func (j *JSONL) Write(inc *sitrep.Incident) error { return j.enc.Encode(inc) }

// WriteJSON writes one incident as one line from its stored JSON.
func (j *JSONL) WriteJSON(stored *IncidentJSON) error {
	b := append(stored.AppendIncident(j.b.AvailableBuffer()), '\n')
	_, err := j.b.Write(b)
	return err
}

// Close flushes.
func (j *JSONL) Close() error { return j.b.Flush() }

// GeoJSON writes an RFC 7946 FeatureCollection: one Point feature per
// incident, coordinates in [longitude, latitude] order, WGS 84. Properties
// are flat (ACLED's field names, plus sitrep's grade, sources and
// estimates) because QGIS and most GIS tools map flat properties to
// attribute columns and drop nested ones. An unplaced incident gets a null
// geometry, which RFC 7946 allows.
type GeoJSON struct {
	b     *bufio.Writer
	enc   *json.Encoder
	count int
	err   error
	lean  sitrep.Incident // WriteJSON's incident, reused
}

// NewGeoJSON returns a GeoJSON writer to w.
func NewGeoJSON(w io.Writer) *GeoJSON {
	b := bufio.NewWriter(w)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	return &GeoJSON{b: b, enc: enc}
}

// Feature is one incident as a GeoJSON feature.
type Feature struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Geometry   *Point          `json:"geometry"`
	Properties FeatureProperty `json:"properties"`
}

// Point is a GeoJSON point: [longitude, latitude].
type Point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// FeatureProperty holds a feature's attributes.
type FeatureProperty struct {
	ID             string `json:"id"`
	EventDate      string `json:"event_date"`
	DateEnd        string `json:"date_end,omitempty"`
	TimePrecision  int    `json:"time_precision"`
	EventType      string `json:"event_type"`
	SubEventType   string `json:"sub_event_type"`
	Actor1         string `json:"actor1"`
	AssocActor1    string `json:"assoc_actor_1"`
	Inter1         int    `json:"inter1"`
	Actor2         string `json:"actor2"`
	AssocActor2    string `json:"assoc_actor_2"`
	Inter2         int    `json:"inter2"`
	Interaction    int    `json:"interaction"`
	Country        string `json:"country"`
	ISO3           string `json:"iso3"`
	Admin1         string `json:"admin1"`
	Admin2         string `json:"admin2"`
	Location       string `json:"location"`
	GeonameID      int    `json:"geonameid,omitempty"`
	GeoPrecision   int    `json:"geo_precision"`
	Fatalities     int    `json:"fatalities"`
	FatalitiesLow  int    `json:"fatalities_low"`
	FatalitiesBest int    `json:"fatalities_best"`
	FatalitiesHigh int    `json:"fatalities_high"`
	Grade          string `json:"grade"`
	Sources        int    `json:"sources"`
	Source         string `json:"source"`
	Notes          string `json:"notes"`
	Version        int    `json:"version"`
	UpdatedAt      string `json:"updated_at,omitempty"`
}

// NewFeature returns inc as a GeoJSON feature.
func NewFeature(inc *sitrep.Incident) Feature {
	low, best, high := estimates(inc)
	f := Feature{Type: "Feature", ID: inc.ID, Properties: FeatureProperty{
		ID: inc.ID, EventDate: inc.EventDate, DateEnd: inc.DateEnd, TimePrecision: inc.TimePrecision,
		EventType: inc.EventType, SubEventType: inc.SubEventType,
		Actor1: inc.Actor1, AssocActor1: inc.AssocActor1, Inter1: inc.Inter1,
		Actor2: inc.Actor2, AssocActor2: inc.AssocActor2, Inter2: inc.Inter2, Interaction: inc.Interaction,
		Country: inc.Country, ISO3: inc.ISO3, Admin1: inc.Admin1, Admin2: inc.Admin2,
		Location: inc.Location, GeonameID: inc.GeonameID, GeoPrecision: inc.Precision,
		Fatalities: inc.Fatalities, FatalitiesLow: low, FatalitiesBest: best, FatalitiesHigh: high,
		Grade: inc.Grade, Sources: inc.Sources, Source: strings.Join(outlets(inc), "; "),
		Notes: inc.Notes, Version: inc.Version,
	}}
	if !inc.UpdatedAt.IsZero() {
		f.Properties.UpdatedAt = inc.UpdatedAt.UTC().Format(time.RFC3339)
	}
	if placed(inc) {
		f.Geometry = &Point{Type: "Point", Coordinates: [2]float64{inc.Longitude, inc.Latitude}}
	}
	return f
}

const geojsonHead = `{"type":"FeatureCollection","features":[`

// Write writes one feature.
func (g *GeoJSON) Write(inc *sitrep.Incident) error {
	if g.err != nil {
		return g.err
	}
	if g.count == 0 {
		_, g.err = g.b.WriteString(geojsonHead + "\n")
	} else {
		_, g.err = g.b.WriteString(",\n")
	}
	if g.err == nil {
		g.err = g.enc.Encode(NewFeature(inc))
	}
	g.count++
	return g.err
}

// Close closes the collection and flushes.
func (g *GeoJSON) Close() error {
	if g.err != nil {
		return g.err
	}
	if g.count == 0 {
		_, g.err = g.b.WriteString(geojsonHead)
	}
	if g.err == nil {
		_, g.err = g.b.WriteString("]}\n")
	}
	if g.err == nil {
		g.err = g.b.Flush()
	}
	return g.err
}
