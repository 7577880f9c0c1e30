package api

import (
	"context"

	"github.com/sitrep-dev/sitrep"
)

// filter is the full selection of GET /api/events; the store applies it.
type filter = sitrep.IncidentFilter

// incidents calls fn for each incident f selects, in f's order, until fn
// returns false.
func (s *Server) incidents(ctx context.Context, f filter, fn func(*sitrep.Incident) bool) error {
	return s.store.Incidents(ctx, f, fn)
}
