package api

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"github.com/sitrep-dev/sitrep"
)

// pointColumns names the columns of GET /api/points, in row order.
var pointColumns = []string{"id", "latitude", "longitude", "event_type", "sub_event_type", "event_date", "fatalities", "admin1", "iso3", "grade"}

// Points is GET /api/points: one row per selected incident, its values in
// the order Columns names them. Rows rather than objects keep a map of
// tens of thousands of incidents to a few hundred kilobytes.
type Points struct {
	Columns []string `json:"columns" doc:"the names of the values of each row: id, latitude, longitude, event_type, sub_event_type, event_date, fatalities, admin1, iso3, grade"`
	Rows    [][]any  `json:"rows" doc:"one array per incident, in the order of columns"`
}

type pointsInput struct {
	EventQuery
	Limit int `query:"limit" minimum:"1" maximum:"1000000000" doc:"at most this many points; default: every selected incident"`
}

func (s *Server) registerPoints() {
	schema := s.api.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[Points](), true, "Points")
	huma.Register(s.api, huma.Operation{
		OperationID: "list-points",
		Method:      http.MethodGet,
		Path:        "/api/points",
		Summary:     "Map points of the selected incidents",
		Description: "Where, what, when and how deadly for every incident the filters select, " +
			"in one compact response: what a map needs, at a fraction of the cost of /api/events.",
		Tags: []string{"events"},
		Responses: map[string]*huma.Response{
			"200": {Description: "The points", Content: map[string]*huma.MediaType{"application/json": {Schema: schema}}},
		},
		Errors: []int{http.StatusUnprocessableEntity, http.StatusNotImplemented},
	}, s.listPoints)
}

// listPoints streams the points of the selected incidents. As with
// exports, a store failure before the first row is a 500 problem and one
// after it cuts the connection.
func (s *Server) listPoints(ctx context.Context, in *pointsInput) (*huma.StreamResponse, error) {
	ps, ok := s.store.(sitrep.PointStore)
	if !ok {
		return nil, huma.NewError(http.StatusNotImplemented, "this store does not list points; use /api/events")
	}
	f := in.filter
	f.Limit = in.Limit
	return &huma.StreamResponse{Body: func(hc huma.Context) {
		var w *bufio.Writer
		start := func() {
			hc.SetHeader("Content-Type", "application/json")
			hc.SetStatus(http.StatusOK)
			w = bufio.NewWriterSize(hc.BodyWriter(), 32<<10)
			w.WriteString(`{"columns":`)
			b, _ := json.Marshal(pointColumns)
			w.Write(b)
			w.WriteString(`,"rows":[`)
		}
		n := 0
		var num []byte
		err := ps.Points(hc.Context(), f, func(p sitrep.Point) bool {
			if w == nil {
				start()
			}
			if n > 0 {
				w.WriteByte(',')
			}
			n++
			w.WriteByte('[')
			writeString(w, p.ID)
			for _, v := range []float64{p.Latitude, p.Longitude} {
				w.WriteByte(',')
				num = strconv.AppendFloat(num[:0], v, 'f', -1, 64)
				w.Write(num)
			}
			for _, v := range []string{p.EventType, p.SubEventType, p.EventDate} {
				w.WriteByte(',')
				writeString(w, v)
			}
			w.WriteByte(',')
			num = strconv.AppendInt(num[:0], int64(p.Fatalities), 10)
			w.Write(num)
			for _, v := range []string{p.Admin1, p.ISO3, p.Grade} {
				w.WriteByte(',')
				writeString(w, v)
			}
			w.WriteByte(']')
			return true
		})
		switch {
		case err != nil && w == nil:
			s.log.Error("listing points", "err", err)
			hc.SetHeader("Content-Type", "application/problem+json")
			hc.SetStatus(http.StatusInternalServerError)
			_ = json.NewEncoder(hc.BodyWriter()).Encode(&huma.ErrorModel{Status: 500, Title: "Internal Server Error", Detail: "listing points failed; see the server log"})
			return
		case err != nil:
			s.log.Error("points cut short", "err", err)
			panic(http.ErrAbortHandler)
		}
		if w == nil {
			start()
		}
		w.WriteString("]}\n")
		if err := w.Flush(); err != nil {
			s.log.Debug("points not delivered", "err", err)
		}
	}}, nil
}

// writeString writes v as a JSON string.
func writeString(w *bufio.Writer, v string) {
	b, err := json.Marshal(v)
	if err != nil {
		w.WriteString(`""`)
		return
	}
	w.Write(b)
}
