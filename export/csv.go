package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// ACLEDHeader is ACLED's export header, column for column and in order, so
// that scripts written for ACLED files (and the acledR package) read
// sitrep's. Columns sitrep has no value for are written empty:
//
//   - data_id, iso, event_id_no_cnty, region, admin3, source_scale: ACLED's
//     own numbering and classifications, which sitrep does not assign;
//   - event_id_cnty holds the sitrep incident id, so rows can be traced
//     back through the API;
//   - source lists the outlets of the incident's claims, "; "-separated as
//     ACLED does;
//   - timestamp is when the incident last changed, in Unix seconds.
//
// event_date is written as ISO 8601 (2020-05-09), the form ACLED's API
// returns and acledR parses with as.Date. Spreadsheet-saved ACLED files
// show "9-May-20" or "09 May 2020"; those are how a spreadsheet displays
// the date, and would not sort or parse without a format string.
var ACLEDHeader = []string{
	"data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
	"time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
	"inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "region",
	"country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
	"geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp",
	"iso3",
}

// ACLED writes ACLED-compatible CSV.
type ACLED struct {
	w      *csv.Writer
	row    []string
	header bool
	lean   sitrep.Incident // WriteJSON's incident, reused
}

// NewACLED returns a writer of ACLED-compatible CSV to w. The header is
// written even when no incident is.
func NewACLED(w io.Writer) *ACLED {
	return &ACLED{w: csv.NewWriter(w), row: make([]string, len(ACLEDHeader))}
}

func (a *ACLED) writeHeader() error {
	if a.header {
		return nil
	}
	a.header = true
	return a.w.Write(ACLEDHeader)
}

// Write writes one incident as one row.
func (a *ACLED) Write(inc *sitrep.Incident) error {
	if err := a.writeHeader(); err != nil {
		return err
	}
	r := a.row
	clear(r)
	r[2] = inc.ID
	r[4] = inc.EventDate
	r[5] = year(inc.EventDate)
	r[6] = itoaOrEmpty(inc.TimePrecision)
	r[7] = inc.EventType
	r[8] = inc.SubEventType
	r[9] = inc.Actor1
	r[10] = inc.AssocActor1
	r[11] = strconv.Itoa(inc.Inter1)
	r[12] = inc.Actor2
	r[13] = inc.AssocActor2
	r[14] = strconv.Itoa(inc.Inter2)
	r[15] = strconv.Itoa(inc.Interaction)
	r[17] = inc.Country
	r[18] = inc.Admin1
	r[19] = inc.Admin2
	r[21] = inc.Location
	r[22] = coord(inc, inc.Latitude)
	r[23] = coord(inc, inc.Longitude)
	r[24] = itoaOrEmpty(inc.Precision)
	r[25] = strings.Join(outlets(inc), "; ")
	r[27] = inc.Notes
	r[28] = strconv.Itoa(inc.Fatalities)
	if !inc.UpdatedAt.IsZero() {
		r[29] = strconv.FormatInt(inc.UpdatedAt.Unix(), 10)
	}
	r[30] = inc.ISO3
	return a.w.Write(r)
}

// Close writes the header if no row was written, and flushes.
func (a *ACLED) Close() error {
	if err := a.writeHeader(); err != nil {
		return err
	}
	a.w.Flush()
	return a.w.Error()
}

// UCDPHeader is the UCDP-style header: a subset of the UCDP Georeferenced
// Event Dataset's columns, under GED's names and in GED's order, then
// sitrep's own columns. Conflict and dyad ids, Gleditsch–Ward numbers and
// PRIO-GRID cells are UCDP's own registers and are left out.
//
//   - type_of_violence: 1 state-based (a state force on one side of a battle
//     or remote violence), 2 non-state (no state force), 3 one-sided
//     (violence against civilians); empty for protests, riots and strategic
//     developments, which GED does not record;
//   - where_prec: GED's precision from ACLED's geo_precision: 1→1 (the
//     place itself), 2→2 (near it, within about 25 km), 3→4 (only the
//     first-order region);
//   - date_prec: 1 the day; 3 the week; 4 the month (from time_precision);
//   - low, best, high: the lowest credible, best and highest death tolls,
//     low ≤ best ≤ high;
//   - source_office lists the outlets, "; "-separated; source_article the
//     ids of the reporting documents.
var UCDPHeader = []string{
	"id", "year", "type_of_violence", "side_a", "side_b", "number_of_sources",
	"source_article", "source_office", "where_prec", "where_coordinates",
	"adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "country",
	"date_prec", "date_start", "date_end", "best", "high", "low",
	// sitrep's columns
	"iso3", "event_type", "sub_event_type", "grade",
}

// UCDP writes UCDP-style CSV.
type UCDP struct {
	w      *csv.Writer
	row    []string
	header bool
	lean   sitrep.Incident // WriteJSON's incident, reused
}

// NewUCDP returns a writer of UCDP-style CSV to w.
func NewUCDP(w io.Writer) *UCDP {
	return &UCDP{w: csv.NewWriter(w), row: make([]string, len(UCDPHeader))}
}

func (u *UCDP) writeHeader() error {
	if u.header {
		return nil
	}
	u.header = true
	return u.w.Write(UCDPHeader)
}

// Write writes one incident as one row.
func (u *UCDP) Write(inc *sitrep.Incident) error {
	if err := u.writeHeader(); err != nil {
		return err
	}
	r := u.row
	clear(r)
	low, best, high := estimates(inc)
	r[0] = inc.ID
	r[1] = year(inc.EventDate)
	r[2] = violenceType(inc)
	r[3] = inc.Actor1
	r[4] = inc.Actor2
	r[5] = strconv.Itoa(inc.Sources)
	r[6] = strings.Join(inc.Reports, "; ")
	r[7] = strings.Join(outlets(inc), "; ")
	r[8] = whereprec(inc.Precision)
	r[9] = inc.Location
	r[10] = inc.Admin1
	r[11] = inc.Admin2
	r[12] = coord(inc, inc.Latitude)
	r[13] = coord(inc, inc.Longitude)
	if placed(inc) {
		r[14] = "POINT (" + r[13] + " " + r[12] + ")"
	}
	r[15] = inc.Country
	r[16] = dateprec(inc.TimePrecision)
	r[17] = inc.EventDate
	r[18] = inc.DateEnd
	if r[18] == "" {
		r[18] = inc.EventDate
	}
	r[19] = strconv.Itoa(best)
	r[20] = strconv.Itoa(high)
	r[21] = strconv.Itoa(low)
	r[22] = inc.ISO3
	r[23] = inc.EventType
	r[24] = inc.SubEventType
	r[25] = inc.Grade
	return u.w.Write(r)
}

// Close writes the header if no row was written, and flushes.
func (u *UCDP) Close() error {
	if err := u.writeHeader(); err != nil {
		return err
	}
	u.w.Flush()
	return u.w.Error()
}

// violenceType maps ACLED's types to UCDP's type_of_violence. Inter code 1
// is a state force in ACLED's coding.
func violenceType(inc *sitrep.Incident) string {
	switch inc.EventType {
	case "Violence against civilians":
		return "3"
	case "Battles", "Explosions/Remote violence":
		if inc.Inter1 == 1 || inc.Inter2 == 1 {
			return "1"
		}
		return "2"
	}
	return ""
}

func whereprec(geoPrecision int) string {
	switch geoPrecision {
	case 1:
		return "1"
	case 2:
		return "2"
	case 3:
		return "4"
	}
	return ""
}

func dateprec(timePrecision int) string {
	switch timePrecision {
	case 1:
		return "1"
	case 2:
		return "3"
	case 3:
		return "4"
	}
	return ""
}
