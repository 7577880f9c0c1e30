package main

import (
	"bufio"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/api"
	exports "github.com/sitrep-dev/sitrep/export"
)

func init() {
	register(command{name: "export", summary: "print stored incidents as CSV, UCDP-style CSV, GeoJSON or JSON Lines", run: runExport})
}

const exportAbout = `
Prints the stored incidents the filters select, streamed to standard output
(memory use does not grow with the database), in one of these formats:

  jsonl    one JSON object a line: the extraction contract's event fields
           plus id, grade, grade_reasons, sources, reports, sourced_claims,
           fatalities_best, version, created_at and updated_at
  csv      ACLED's columns in ACLED's order, dates as YYYY-MM-DD
  ucdp     UCDP GED-style columns with low, best and high death estimates
  geojson  an RFC 7946 FeatureCollection of points

The filters are those of GET /api/events.`

func runExport(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "export", "[--db PATH] [--format csv|ucdp|geojson|jsonl] [filters]", exportAbout)
	db := dbFlag(fs)
	format := fs.String("format", "jsonl", "output `FORMAT`: "+strings.Join(exports.Formats, ", "))
	var q api.EventQuery
	fs.StringVar(&q.From, "from", "", "first event date `YYYY-MM-DD`")
	fs.StringVar(&q.To, "to", "", "last event date `YYYY-MM-DD`")
	fs.StringVar(&q.BBox, "bbox", "", "bounding box `minLon,minLat,maxLon,maxLat`")
	fs.StringVar(&q.Near, "near", "", "a point `lat,lon`; needs --radius-km")
	fs.Float64Var(&q.RadiusKm, "radius-km", 0, "radius around --near, in `km`")
	fs.StringVar(&q.Country, "country", "", "ISO 3166-1 alpha-3 `code`")
	fs.StringVar(&q.Admin1, "admin1", "", "first-order division `NAME`")
	fs.StringVar(&q.EventType, "event-type", "", "ACLED event `TYPE`")
	fs.StringVar(&q.SubEventType, "sub-event-type", "", "ACLED sub-event `TYPE`")
	fs.StringVar(&q.Actor, "actor", "", "actor name or alias `SUBSTRING`")
	fs.StringVar(&q.Inter, "inter", "", "inter `CODES`, comma-separated")
	fs.IntVar(&q.MinFatalities, "min-fatalities", 0, "at least `N` fatalities")
	fs.StringVar(&q.Grade, "grade", "", "source `GRADE`")
	fs.StringVar(&q.Q, "q", "", "full-text search `WORDS`")
	fs.StringVar(&q.UpdatedSince, "updated-since", "", "changed at or after this RFC 3339 `INSTANT`")
	sort := fs.String("sort", "", "`ORDER`: "+strings.Join(api.Sorts, ", ")+" (default: oldest incident first)")
	limit := fs.Int("limit", 0, "at most `N` incidents (0: all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: export takes no arguments", errUsage)
	}
	if !slices.Contains(exports.Formats, *format) {
		return fmt.Errorf("%w: --format %q: want one of %s", errUsage, *format, strings.Join(exports.Formats, ", "))
	}
	if *sort != "" && !slices.Contains(api.Sorts, *sort) {
		return fmt.Errorf("%w: --sort %q: want one of %s", errUsage, *sort, strings.Join(api.Sorts, ", "))
	}
	if *limit < 0 {
		return fmt.Errorf("%w: --limit must not be negative", errUsage)
	}
	if q.MinFatalities < 0 {
		return fmt.Errorf("%w: --min-fatalities must not be negative", errUsage)
	}
	if q.Grade != "" && !slices.Contains([]string{sitrep.GradeSingle, sitrep.GradeCorroborated, sitrep.GradeContested, sitrep.GradeConfirmed}, q.Grade) {
		return fmt.Errorf("%w: --grade %q is not a grade", errUsage, q.Grade)
	}
	f, err := q.Filter()
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	f.Sort, f.Limit = *sort, *limit
	store, err := openIncidentStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	ew, err := exports.NewWriter(w, *format)
	if err != nil {
		return err
	}
	var writeErr error
	rs, raw := store.(api.RawStore)
	rw, rawOK := ew.(exports.RawWriter)
	if raw && rawOK {
		// Written from the stored JSON, as the API exports: decoding every
		// incident was most of what an export cost.
		var j exports.IncidentJSON
		err = rs.IncidentsRaw(ctx, f, func(id string, stored []byte) bool {
			if j.Parse(id, stored) {
				writeErr = rw.WriteJSON(&j)
			} else {
				var inc *sitrep.Incident
				if inc, writeErr = exports.DecodeIncident(id, stored); writeErr == nil {
					writeErr = ew.Write(inc)
				}
			}
			return writeErr == nil
		})
	} else {
		err = store.Incidents(ctx, f, func(inc *sitrep.Incident) bool {
			writeErr = ew.Write(inc)
			return writeErr == nil
		})
	}
	if err == nil {
		err = writeErr
	}
	if err == nil {
		err = ew.Close()
	}
	if err == nil {
		err = w.Flush()
	}
	return err
}

// openIncidentStore opens the store named by --db as one that keeps
// incidents.
func openIncidentStore(ctx context.Context, db string) (sitrep.IncidentStore, error) {
	store, err := openStore(ctx, db)
	if err != nil {
		return nil, err
	}
	is, ok := store.(sitrep.IncidentStore)
	if !ok {
		store.Close()
		return nil, fmt.Errorf("--db %s: this store does not keep incidents", db)
	}
	return is, nil
}
