package api

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/sitrep-dev/sitrep"
)

func (s *Server) register() {
	s.registerEvents()
	s.registerDocuments()
	s.registerPoints()
	huma.Register(s.api, huma.Operation{
		OperationID: "list-actors",
		Method:      http.MethodGet,
		Path:        "/api/actors",
		Summary:     "Actors named in the selected incidents, with counts",
		Tags:        []string{"reference"},
	}, s.listActors)
	huma.Register(s.api, huma.Operation{
		OperationID: "search-places",
		Method:      http.MethodGet,
		Path:        "/api/places",
		Summary:     "Search the gazetteer",
		Tags:        []string{"reference"},
		Errors:      []int{http.StatusServiceUnavailable},
	}, s.searchPlaces)
	huma.Register(s.api, huma.Operation{
		OperationID: "get-stats",
		Method:      http.MethodGet,
		Path:        "/api/stats",
		Summary:     "Counts of the selected incidents by type, by day and by admin1",
		Tags:        []string{"reference"},
	}, s.getStats)
}

// ActorCount is one actor of GET /api/actors.
type ActorCount struct {
	Name       string `json:"name"`
	Inter      int    `json:"inter" doc:"the inter code it was most often coded with"`
	Events     int    `json:"events" doc:"incidents naming it as actor or associated actor"`
	Fatalities int    `json:"fatalities"`
}

// Actors is GET /api/actors.
type Actors struct {
	Actors []ActorCount `json:"actors"`
}

type actorsInput struct {
	EventQuery
	Name  string `query:"name" maxLength:"200" doc:"keep actors whose name contains this (case-insensitive)"`
	Limit int    `query:"limit" minimum:"1" maximum:"10000" default:"100"`
}

type actorsOutput struct{ Body *Actors }

func (s *Server) listActors(ctx context.Context, in *actorsInput) (*actorsOutput, error) {
	type tally struct {
		ActorCount
		inters map[int]int
	}
	byName := map[string]*tally{}
	name := strings.ToLower(in.Name)
	add := func(n string, inter, fatalities int) {
		n = strings.TrimSpace(n)
		if n == "" || (name != "" && !strings.Contains(strings.ToLower(n), name)) {
			return
		}
		t := byName[n]
		if t == nil {
			t = &tally{ActorCount: ActorCount{Name: n}, inters: map[int]int{}}
			byName[n] = t
		}
		t.Events++
		t.Fatalities += fatalities
		if inter != 0 {
			t.inters[inter]++
		}
	}
	err := s.incidents(ctx, in.filter, func(inc *sitrep.Incident) bool {
		add(inc.Actor1, inc.Inter1, inc.Fatalities)
		add(inc.Actor2, inc.Inter2, inc.Fatalities)
		for _, a := range splitAssoc(inc.AssocActor1) {
			add(a, inc.Inter1, inc.Fatalities)
		}
		for _, a := range splitAssoc(inc.AssocActor2) {
			add(a, inc.Inter2, inc.Fatalities)
		}
		return true
	})
	if err != nil {
		return nil, s.internal("counting actors", err)
	}
	out := &Actors{Actors: make([]ActorCount, 0, len(byName))}
	for _, t := range byName {
		best := 0
		for inter, n := range t.inters {
			if n > best || (n == best && inter < t.Inter) {
				best, t.Inter = n, inter
			}
		}
		out.Actors = append(out.Actors, t.ActorCount)
	}
	slices.SortFunc(out.Actors, func(a, b ActorCount) int {
		return cmp.Or(b.Events-a.Events, strings.Compare(a.Name, b.Name))
	})
	if len(out.Actors) > in.Limit {
		out.Actors = out.Actors[:in.Limit]
	}
	return &actorsOutput{Body: out}, nil
}

// splitAssoc splits ACLED's associated actors, which are "; "-separated.
func splitAssoc(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

type placesInput struct {
	Q       string `query:"q" required:"true" minLength:"1" maxLength:"200" doc:"a place name"`
	Country string `query:"country" maxLength:"100" doc:"ISO2, ISO3 or name of the country it is believed to be in; ranks, does not filter"`
	Limit   int    `query:"limit" minimum:"1" maximum:"100" default:"10"`
}

// Places is GET /api/places.
type Places struct {
	Places []PlaceHit `json:"places"`
}

type placesOutput struct{ Body *Places }

func (s *Server) searchPlaces(ctx context.Context, in *placesInput) (*placesOutput, error) {
	if s.opt.Places == nil {
		return nil, huma.Error503ServiceUnavailable("this server has no gazetteer")
	}
	hits, err := s.opt.Places(ctx, in.Q, in.Country, in.Limit)
	if err != nil {
		return nil, s.internal("searching places", err)
	}
	if len(hits) > in.Limit {
		hits = hits[:in.Limit]
	}
	if hits == nil {
		hits = []PlaceHit{}
	}
	return &placesOutput{Body: &Places{Places: hits}}, nil
}

// Count is a number of incidents under a key.
type Count struct {
	Key        string `json:"key"`
	Events     int    `json:"events"`
	Fatalities int    `json:"fatalities"`
}

// Admin1Count is a number of incidents in one first-order division.
type Admin1Count struct {
	ISO3       string `json:"iso3"`
	Country    string `json:"country"`
	Admin1     string `json:"admin1"`
	Events     int    `json:"events"`
	Fatalities int    `json:"fatalities"`
}

// Stats is GET /api/stats.
type Stats struct {
	Events      int           `json:"events"`
	Fatalities  int           `json:"fatalities"`
	ByEventType []Count       `json:"by_event_type" doc:"most events first"`
	ByDay       []Count       `json:"by_day" doc:"by event_date, oldest first"`
	ByAdmin1    []Admin1Count `json:"by_admin1" doc:"most events first"`
}

type statsInput struct {
	EventQuery
}

type statsOutput struct{ Body *Stats }

func (s *Server) getStats(ctx context.Context, in *statsInput) (*statsOutput, error) {
	st := &Stats{}
	types, days := map[string]*Count{}, map[string]*Count{}
	type adminKey struct{ iso3, admin1 string }
	admins := map[adminKey]*Admin1Count{}
	bump := func(m map[string]*Count, k string, f int) {
		c := m[k]
		if c == nil {
			c = &Count{Key: k}
			m[k] = c
		}
		c.Events++
		c.Fatalities += f
	}
	err := s.incidents(ctx, in.filter, func(inc *sitrep.Incident) bool {
		st.Events++
		st.Fatalities += inc.Fatalities
		bump(types, inc.EventType, inc.Fatalities)
		bump(days, inc.EventDate, inc.Fatalities)
		k := adminKey{inc.ISO3, inc.Admin1}
		a := admins[k]
		if a == nil {
			a = &Admin1Count{ISO3: inc.ISO3, Country: inc.Country, Admin1: inc.Admin1}
			admins[k] = a
		}
		a.Events++
		a.Fatalities += inc.Fatalities
		return true
	})
	if err != nil {
		return nil, s.internal("counting events", err)
	}
	byEvents := func(a, b Count) int { return cmp.Or(b.Events-a.Events, strings.Compare(a.Key, b.Key)) }
	st.ByEventType = values(types)
	slices.SortFunc(st.ByEventType, byEvents)
	st.ByDay = values(days)
	slices.SortFunc(st.ByDay, func(a, b Count) int { return strings.Compare(a.Key, b.Key) })
	st.ByAdmin1 = make([]Admin1Count, 0, len(admins))
	for _, a := range admins {
		st.ByAdmin1 = append(st.ByAdmin1, *a)
	}
	slices.SortFunc(st.ByAdmin1, func(a, b Admin1Count) int {
		return cmp.Or(b.Events-a.Events, strings.Compare(a.ISO3, b.ISO3), strings.Compare(a.Admin1, b.Admin1))
	})
	return &statsOutput{Body: st}, nil
}

func values(m map[string]*Count) []Count {
	out := make([]Count, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	return out
}
