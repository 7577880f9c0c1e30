package api

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/VictoriaMetrics/metrics"
)

// Process-wide counters: documents are ingested by the CLI and by POST
// /api/documents alike, and both count here.
var (
	process           = metrics.NewSet()
	docsIngested      = process.NewCounter(`sitrep_documents_ingested_total`)
	docsDuplicate     = process.NewCounter(`sitrep_documents_duplicate_total`)
	eventsExtracted   = process.NewCounter(`sitrep_events_extracted_total`)
	extractionSeconds = process.NewPrometheusHistogramExt(`sitrep_extraction_duration_seconds`,
		[]float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10})
)

// ObserveIngest counts one ingested document: whether it was new, how many
// events were extracted from it and how long extraction took. The CLI's
// ingest path and Options.Ingest call it, so /metrics counts both.
func ObserveIngest(created bool, events int, extraction time.Duration) {
	if created {
		docsIngested.Inc()
	} else {
		docsDuplicate.Inc()
	}
	eventsExtracted.Add(events)
	if extraction > 0 {
		extractionSeconds.Update(extraction.Seconds())
	}
}

// IncidentCounter is implemented by stores that count incidents cheaply;
// /metrics then reports sitrep_incidents.
type IncidentCounter interface {
	CountIncidents(ctx context.Context) (int, error)
}

var latencyBounds = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

func (s *Server) routeLatency(route string) *metrics.PrometheusHistogram {
	return s.metrics.GetOrCreatePrometheusHistogramExt(fmt.Sprintf(`sitrep_http_request_duration_seconds{route=%q}`, route), latencyBounds)
}

// serveMetrics writes every metric in the Prometheus text format.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	if c, ok := s.store.(IncidentCounter); ok {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		n, err := c.CountIncidents(ctx)
		cancel()
		if err == nil {
			metrics.WriteGaugeUint64(w, "sitrep_incidents", uint64(n))
		} else {
			s.log.Warn("metrics: counting incidents", "err", err)
		}
	}
	process.WritePrometheus(w)
	s.metrics.WritePrometheus(w)
	metrics.WriteProcessMetrics(w)
}
