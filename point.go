package sitrep

import "context"

// Point is what a map needs of an incident: where, what, when and how
// deadly. A store reads it from indexed columns without decoding the
// incident, so a map of every selected incident costs a fraction of
// listing them.
type Point struct {
	ID           string  `json:"id"`
	Latitude     float64 `json:"latitude"`
	Longitude    float64 `json:"longitude"`
	EventType    string  `json:"event_type"`
	SubEventType string  `json:"sub_event_type"`
	EventDate    string  `json:"event_date"`
	Fatalities   int     `json:"fatalities"`
	Admin1       string  `json:"admin1"`
	ISO3         string  `json:"iso3"`
	Grade        string  `json:"grade"`
}

// PointStore is implemented by incident stores that list the points of
// the incidents a filter selects cheaply. Points selects as Incidents
// does, in the same order, and calls fn for each until fn returns false.
type PointStore interface {
	Points(ctx context.Context, f IncidentFilter, fn func(Point) bool) error
}
