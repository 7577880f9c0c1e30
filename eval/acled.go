package eval

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// acledSet names the set in figures.
const acledSet = "acled"

// acledColumns are the columns ACLED reads.
var acledColumns = []string{
	"data_id", "event_date", "event_type", "sub_event_type", "interaction",
	"country", "iso3", "latitude", "longitude", "source", "notes",
	"fatalities", "timestamp",
}

// ACLED scores the system on an ACLED export (acled-2020-dev.csv): each
// row's notes are the text, the date of its timestamp the publication date
// and its source the outlet.
//
// ACLED figures. Each is over the rows of the file, scored on the main
// event (the first one returned); a row that yields no event is wrong on
// every field.
//
//   - event_type, sub_event_type: exact match.
//   - country: case-insensitive name match, or ISO3 equality.
//   - within_25km: the event's point lies within 25 km of the gold point.
//   - within_25km_named (informational, with System.Places): the rows where
//     the event's point is within 25 km, or where some capitalised name of
//     one to four words in the note has any reading in the gazetteer within
//     25 km of the gold point. It bounds what better disambiguation alone
//     could reach: the other rows name only places the gazetteer lacks.
//   - event_date: exact YYYY-MM-DD.
//   - interaction: exact match of ACLED's interaction code.
//   - fatalities: exact match, over the rows whose note states a death count
//     (see StatesDeathCount) and does not apply a coding convention.
//   - fatalities_coded_as: exact match, over the rows whose note applies one
//     of ACLED's conventions ("Unknown fatalities coded as 10"): the gold
//     there is a convention, not a reported number.
//   - fatalities_all: exact match over every row, zero tolls included.
//   - events_per_note: mean number of events returned (informational).
//   - kept_apart (with System.Cluster): every row is a distinct event to
//     ACLED, so clustering the notes as reports should merge none that
//     ACLED places more than 25 km apart or on another day. The figure is
//     over the rows stored with an event: those whose incident holds no
//     other row, or only rows of the same day within 25 km.
func ACLED(path string, sys System) ([]Figure, error) {
	t, err := readTable(path, acledColumns...)
	if err != nil {
		return nil, err
	}
	golds := make([]acledRow, len(t.rows))
	docs := make([]*sitrep.Document, len(t.rows))
	for i, row := range t.rows {
		g, err := acledGold(t, row)
		if err != nil {
			return nil, err
		}
		doc := newDocument("acled:"+g.id, path+"#"+g.id, "", g.notes)
		doc.Published = g.published
		doc.Outlet = g.source
		golds[i], docs[i] = g, doc
	}
	all, failed, firstErr := extractEach(sys, docs)
	var eventType, subType, country, near, named, date, interaction, fatal, codedAs, fatalAll tally
	var events int
	for i, g := range golds {
		evs := all[i]
		events += len(evs)
		var e *sitrep.Event
		if len(evs) > 0 {
			e = &evs[0]
		}
		eventType.add(e != nil && e.EventType == g.eventType)
		subType.add(e != nil && e.SubEventType == g.subType)
		country.add(e != nil && sameCountry(e.Place, g.country, g.iso3))
		isNear := e != nil && located(e.Place) && Haversine(e.Latitude, e.Longitude, g.lat, g.lon) <= 25
		near.add(isNear)
		if sys.Places != nil {
			named.add(isNear || namesPlaceNear(sys.Places, g.notes, g.lat, g.lon, 25))
		}
		date.add(e != nil && e.EventDate == g.date)
		interaction.add(e != nil && interactionOf(e) == g.interaction)
		hit := e != nil && e.Fatalities == g.fatalities
		fatalAll.add(hit)
		switch {
		case CodesFatalities(g.notes):
			codedAs.add(hit)
		case StatesDeathCount(g.notes):
			fatal.add(hit)
		}
	}
	figs := []Figure{
		eventType.figure(acledSet, "event_type"),
		subType.figure(acledSet, "sub_event_type"),
		country.figure(acledSet, "country"),
		near.figure(acledSet, "within_25km"),
		date.figure(acledSet, "event_date"),
		interaction.figure(acledSet, "interaction"),
		fatal.figure(acledSet, "fatalities"),
		codedAs.figure(acledSet, "fatalities_coded_as"),
		fatalAll.figure(acledSet, "fatalities_all"),
		mean(acledSet, "events_per_note", events, len(t.rows)),
	}
	if sys.Places != nil {
		figs = append(figs, named.figure(acledSet, "within_25km_named"))
	}
	if sys.Cluster != nil {
		f, err := keptApart(sys, docs, all, golds)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		figs = append(figs, f)
	}
	if failed > 0 {
		figs = append(figs, Figure{Set: acledSet, Name: "system_errors", Value: float64(failed), N: len(t.rows)})
	}
	return figs, firstErr
}

// mean is an informational figure: total/n.
func mean(set, name string, total, n int) Figure {
	v := 0.0
	if n > 0 {
		v = float64(total) / float64(n)
	}
	return Figure{Set: set, Name: name, Value: v, N: n}
}

type acledRow struct {
	id, notes, source        string
	published                time.Time
	eventType, subType, date string
	country, iso3            string
	lat, lon                 float64
	interaction, fatalities  int
}

// acledGold reads one row's gold fields; a malformed field is an error
// naming the row.
func acledGold(t *table, row []string) (acledRow, error) {
	g := acledRow{
		id:        t.get(row, "data_id"),
		notes:     t.get(row, "notes"),
		source:    t.get(row, "source"),
		eventType: t.get(row, "event_type"),
		subType:   t.get(row, "sub_event_type"),
		country:   t.get(row, "country"),
		iso3:      t.get(row, "iso3"),
	}
	bad := func(field string, err error) (acledRow, error) {
		return acledRow{}, fmt.Errorf("%s: row %s: %s: %w", t.path, g.id, field, err)
	}
	d, err := time.Parse("2-Jan-06", t.get(row, "event_date"))
	if err != nil {
		return bad("event_date", err)
	}
	g.date = d.Format(sitrep.DateLayout)
	if g.lat, err = strconv.ParseFloat(t.get(row, "latitude"), 64); err != nil {
		return bad("latitude", err)
	}
	if g.lon, err = strconv.ParseFloat(t.get(row, "longitude"), 64); err != nil {
		return bad("longitude", err)
	}
	if g.interaction, err = strconv.Atoi(t.get(row, "interaction")); err != nil {
		return bad("interaction", err)
	}
	if g.fatalities, err = strconv.Atoi(t.get(row, "fatalities")); err != nil {
		return bad("fatalities", err)
	}
	if ts := t.get(row, "timestamp"); ts != "" {
		sec, err := strconv.ParseInt(ts, 10, 64)
		if err != nil {
			return bad("timestamp", err)
		}
		y, m, day := time.Unix(sec, 0).UTC().Date()
		g.published = time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	}
	return g, nil
}

// sameCountry reports whether p names the gold country, by name
// (case-insensitively) or by ISO3 code.
func sameCountry(p sitrep.Place, country, iso3 string) bool {
	if p.Country != "" && strings.EqualFold(p.Country, country) {
		return true
	}
	return p.ISO3 != "" && strings.EqualFold(p.ISO3, iso3)
}

// interactionOf returns the event's interaction code, deriving it from the
// inter codes when the extractor left the field unset.
func interactionOf(e *sitrep.Event) int {
	if e.Interaction != 0 {
		return e.Interaction
	}
	return sitrep.Interaction(e.Inter1, e.Inter2)
}

// The death-count patterns. They decide which rows the fatalities figure is
// over, from the note alone, never from the gold toll.
var (
	// codedAs finds ACLED's coding conventions: "Unknown fatalities coded as
	// 10", "Fatalities coded as 0 (... reported 1)", "split between 3
	// locations".
	codedAs = regexp.MustCompile(`(?i)fatalit\w*[^.;]*\bcoded as\b`)
	// noteDate strips dates ("9 May 2020") whose numbers are not counts.
	noteDate = regexp.MustCompile(`(?i)\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?\b`)
	// countBefore: a number, then at most six words, then a death word:
	// "3 civilians were killed", "two soldiers died", "12 fatalities".
	countBefore = regexp.MustCompile(`(?i)\b(?:\d+|` + numberWords + `)(?:[\s-]+[\w'/-]+){0,6}?[\s-]+(?:killed|killing|dead|died|die|bodies|corpses|fatalit\w*|deaths?|lives)\b`)
	// countAfter: a killing verb, then the number: "killing 4 people",
	// "killed a soldier".
	countAfter = regexp.MustCompile(`(?i)\b(?:kill(?:ed|ing|s)|shot dead|claim(?:ed|ing) the lives of|bodies of)\s+(?:at least\s+|about\s+|around\s+|some\s+|over\s+|more than\s+)?(?:\d+|` + numberWords + `|a|an)\b`)
	// oneKilled: "a man was killed", "an officer was shot dead".
	oneKilled = regexp.MustCompile(`(?i)\b(?:a|an)\s+(?:[\w'-]+\s+){1,4}?(?:was|were)\s+(?:(?:reportedly|allegedly|later|shot|stabbed|beaten)\s+(?:and\s+)?)*(?:killed|shot dead|shot to death|stabbed to death|beaten to death|found dead)\b`)
)

const numberWords = `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred`

// CodesFatalities reports whether an ACLED note applies one of ACLED's
// fatality coding conventions ("Unknown fatalities coded as 10"): its gold
// toll is then a convention rather than a reported figure.
func CodesFatalities(notes string) bool { return codedAs.MatchString(notes) }

// StatesDeathCount reports whether an ACLED note states how many people
// died: a number (digits or a number word) up to six words before a death
// word ("two soldiers were killed", "0 fatalities", "1 death"), a killing
// verb or "bodies of" followed by a number or "a"/"an" ("killing 3", "killed
// a civilian", "the bodies of 2 men"), or a single
// victim ("a man was shot dead"). Dates are ignored. Vague amounts
// ("dozens", "several") do not count. Notes applying a coding convention are
// told apart by CodesFatalities.
func StatesDeathCount(notes string) bool {
	s := noteDate.ReplaceAllString(notes, "DATE")
	return countBefore.MatchString(s) || countAfter.MatchString(s) || oneKilled.MatchString(s)
}

// namesPlaceNear reports whether a capitalised name of one to four words
// in text has a reading within km of lat, lon.
func namesPlaceNear(places func(string) []sitrep.Place, text string, lat, lon, km float64) bool {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",.;:()[]/\"", r)
	})
	for i, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			continue
		}
		for n := 1; n <= 4 && i+n <= len(words); n++ {
			for _, p := range places(strings.Join(words[i:i+n], " ")) {
				if located(p) && Haversine(p.Latitude, p.Longitude, lat, lon) <= km {
					return true
				}
			}
		}
	}
	return false
}

// keptApart clusters the ACLED notes as reports and scores kept_apart.
func keptApart(sys System, docs []*sitrep.Document, events [][]sitrep.Event, golds []acledRow) (Figure, error) {
	incidents, err := sys.Cluster(context.Background(), docs, events)
	if err != nil {
		return Figure{Set: acledSet, Name: "kept_apart"}, fmt.Errorf("clustering: %w", err)
	}
	rows := map[string][]int{}
	for i, id := range incidents {
		if id != "" {
			rows[id] = append(rows[id], i)
		}
	}
	var apart tally
	for i, id := range incidents {
		if id == "" {
			continue
		}
		ok := true
		for _, j := range rows[id] {
			a, b := golds[i], golds[j]
			if a.date != b.date || Haversine(a.lat, a.lon, b.lat, b.lon) > 25 {
				ok = false
			}
		}
		apart.add(ok)
	}
	return apart.figure(acledSet, "kept_apart"), nil
}
