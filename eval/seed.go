package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// The seed figures: checks (checks passed of all checks in expected.json)
// and required_events (required events matched).
const seedSet = "seed"

// expectation is the seed's expected.json.
type expectation struct {
	Input struct {
		Path      string `json:"path"`
		Published string `json:"published"`
		Outlet    string `json:"outlet"`
	} `json:"input"`
	Document struct {
		Title    string `json:"title"`
		Dateline *struct {
			Agency string `json:"agency"`
			Place  string `json:"place"`
		} `json:"dateline"`
		CleanText struct {
			RepeatedCaption string   `json:"repeated_caption_lines_kept_once"`
			LayoutTokens    []string `json:"layout_tokens_removed"`
		} `json:"clean_text"`
	} `json:"document"`
	Events  []expectedEvent `json:"events"`
	MustNot struct {
		ClaimCounts []struct {
			Count int    `json:"count"`
			Why   string `json:"why"`
		} `json:"claim_counts"`
		EventLocationsWithinKm []nearPoint `json:"event_locations_within_km"`
		EventDateBefore        *struct {
			Date string `json:"date"`
		} `json:"event_date_before"`
		MaxEvents *int `json:"max_events"`
	} `json:"must_not"`
}

type nearPoint struct {
	Name      string  `json:"name"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	Km        float64 `json:"km"`
}

type expectedEvent struct {
	Key          string   `json:"key"`
	Required     bool     `json:"required"`
	EventTypeAny []string `json:"event_type_any"`
	SubTypeAny   []string `json:"sub_event_type_any"`
	Actors       []struct {
		Any []string `json:"any"`
	} `json:"actors_must_include"`
	Location *struct {
		GeonameID    int      `json:"geonameid"`
		Latitude     float64  `json:"latitude"`
		Longitude    float64  `json:"longitude"`
		MaxKm        float64  `json:"max_km"`
		Admin1Any    []string `json:"admin1_any"`
		CountryAny   []string `json:"country_any"`
		PrecisionAny []int    `json:"geo_precision_any"`
	} `json:"location"`
	NotWithin   *nearPoint `json:"location_must_not_be_within_km"`
	DateBetween []string   `json:"event_date_between"`
	Fatalities  *struct {
		Low         *int  `json:"low"`
		HighAtLeast *int  `json:"high_at_least"`
		BestBetween []int `json:"best_between"`
	} `json:"fatalities"`
	Claims []expectedClaim `json:"claims_must_include"`
}

type expectedClaim struct {
	Kind         string   `json:"kind"`
	Count        int      `json:"count"`
	QualifierAny []string `json:"qualifier_any"`
	ClaimantAny  []string `json:"claimant_any"`
	VictimsAny   []string `json:"victims_any"`
}

// Seed reads the seed article in dir with sys.ReadText, extracts its events
// and evaluates every check of dir/expected.json (see the seed's README):
// the document's title, dateline and cleaning, each expected event (an
// optional event is reported, never failed) and each must_not rule.
func Seed(dir string, sys System) ([]Figure, []Check, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		return nil, nil, err
	}
	var exp expectation
	if err := json.Unmarshal(raw, &exp); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", filepath.Join(dir, "expected.json"), err)
	}
	if sys.ReadText == nil {
		return nil, nil, errors.New("system has no ReadText")
	}
	name := exp.Input.Path
	if name == "" {
		name = "article.txt"
	}
	path := filepath.Join(dir, name)
	article, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var published time.Time
	if exp.Input.Published != "" {
		if published, err = time.Parse(sitrep.DateLayout, exp.Input.Published); err != nil {
			return nil, nil, fmt.Errorf("%s: input.published: %w", filepath.Join(dir, "expected.json"), err)
		}
	}
	doc, err := readText(sys, name, article, published, exp.Input.Outlet)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	events, err := safeExtract(sys, doc)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	checks := exp.check(doc, events)

	var all, required tally
	for _, c := range checks {
		all.add(c.OK)
	}
	for _, e := range exp.Events {
		if e.Required {
			_, ok := bestMatch(e, events)
			required.add(ok)
		}
	}
	figs := []Figure{
		all.figure(seedSet, "checks"),
		required.figure(seedSet, "required_events"),
		{Set: seedSet, Name: "events", Value: float64(len(events)), N: 1},
	}
	return figs, checks, nil
}

// readText calls sys.ReadText, turning a panic into an error.
func readText(sys System, name string, raw []byte, published time.Time, outlet string) (doc *sitrep.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("read text: panic: %v", r)
		}
	}()
	doc, err = sys.ReadText(name, raw, published, outlet)
	if err == nil && doc == nil {
		err = errors.New("read text: no document")
	}
	return doc, err
}

// check evaluates every check of exp against a document and its events.
func (exp *expectation) check(doc *sitrep.Document, events []sitrep.Event) []Check {
	var checks []Check
	add := func(name string, ok bool, detail string) {
		checks = append(checks, Check{Name: name, OK: ok, Detail: detail})
	}
	d := exp.Document
	if d.Title != "" {
		add("document title", strings.EqualFold(squash(doc.Title), squash(d.Title)), fmt.Sprintf("got %q", doc.Title))
	}
	if d.Dateline != nil {
		ok := doc.Dateline != nil &&
			strings.EqualFold(strings.TrimSpace(doc.Dateline.Agency), d.Dateline.Agency) &&
			strings.EqualFold(strings.TrimSpace(doc.Dateline.Place), d.Dateline.Place)
		detail := "got no dateline"
		if doc.Dateline != nil {
			detail = fmt.Sprintf("got agency %q, place %q", doc.Dateline.Agency, doc.Dateline.Place)
		}
		add("document dateline", ok, detail)
	}
	if c := d.CleanText.RepeatedCaption; c != "" {
		n := strings.Count(squash(doc.Text), squash(c))
		add("clean text: repeated caption kept once", n == 1, fmt.Sprintf("caption appears %d times", n))
	}
	for _, tok := range d.CleanText.LayoutTokens {
		n := 0
		for line := range strings.SplitSeq(doc.Text, "\n") {
			if strings.EqualFold(strings.TrimSpace(line), tok) {
				n++
			}
		}
		add(fmt.Sprintf("clean text: layout token %q removed", tok), n == 0, fmt.Sprintf("%d lines still hold only %q", n, tok))
	}
	for _, e := range exp.Events {
		misses, ok := bestMatch(e, events)
		name := "event " + e.Key
		detail := "matched"
		if !ok {
			detail = "no event matches: " + misses
		}
		if !e.Required {
			name += " (optional)"
			if !ok {
				detail = "optional, not failed: " + detail
			}
			ok = true
		}
		add(name, ok, detail)
	}
	mn := exp.MustNot
	for _, cc := range mn.ClaimCounts {
		var bad []string
		for i, e := range events {
			for _, c := range e.Claims {
				if c.CountLow == cc.Count || c.CountHigh == cc.Count {
					bad = append(bad, fmt.Sprintf("event %d: %s %d-%d", i, c.Kind, c.CountLow, c.CountHigh))
				}
			}
		}
		add(fmt.Sprintf("must not: claim count %d", cc.Count), len(bad) == 0, detailList(bad, cc.Why))
	}
	for _, p := range mn.EventLocationsWithinKm {
		var bad []string
		for i, e := range events {
			if located(e.Place) {
				if km := Haversine(e.Latitude, e.Longitude, p.Latitude, p.Longitude); km <= p.Km {
					bad = append(bad, fmt.Sprintf("event %d at %s, %.0f km", i, e.Location, km))
				}
			}
		}
		add(fmt.Sprintf("must not: event within %g km of %s", p.Km, p.Name), len(bad) == 0, detailList(bad, ""))
	}
	if b := mn.EventDateBefore; b != nil {
		var bad []string
		for i, e := range events {
			if e.EventDate != "" && e.EventDate < b.Date {
				bad = append(bad, fmt.Sprintf("event %d dated %s", i, e.EventDate))
			}
		}
		add("must not: event dated before "+b.Date, len(bad) == 0, detailList(bad, ""))
	}
	if m := mn.MaxEvents; m != nil {
		add(fmt.Sprintf("must not: more than %d events", *m), len(events) <= *m, fmt.Sprintf("%d events", len(events)))
	}
	return checks
}

func detailList(bad []string, why string) string {
	if len(bad) == 0 {
		return "none"
	}
	s := strings.Join(bad, "; ")
	if why != "" {
		s += " (" + why + ")"
	}
	return s
}

// bestMatch reports whether some event matches every field of want; when
// none does, it describes what the closest event missed.
func bestMatch(want expectedEvent, events []sitrep.Event) (string, bool) {
	if len(events) == 0 {
		return "no events", false
	}
	best := -1
	var bestMisses []string
	for i := range events {
		misses := want.misses(&events[i])
		if len(misses) == 0 {
			return "", true
		}
		if best < 0 || len(misses) < len(bestMisses) {
			best, bestMisses = i, misses
		}
	}
	return fmt.Sprintf("closest is event %d, which misses %s", best, strings.Join(bestMisses, ", ")), false
}

// misses lists the fields of want that e does not satisfy.
func (want expectedEvent) misses(e *sitrep.Event) []string {
	var m []string
	miss := func(ok bool, format string, args ...any) {
		if !ok {
			m = append(m, fmt.Sprintf(format, args...))
		}
	}
	if len(want.EventTypeAny) > 0 {
		miss(anyEqualFold(e.EventType, want.EventTypeAny), "event_type (%q)", e.EventType)
	}
	if len(want.SubTypeAny) > 0 {
		miss(anyEqualFold(e.SubEventType, want.SubTypeAny), "sub_event_type (%q)", e.SubEventType)
	}
	actors := strings.ToLower(strings.Join([]string{e.Actor1, e.AssocActor1, e.Actor2, e.AssocActor2}, "\n"))
	for i, g := range want.Actors {
		miss(anyContains(actors, g.Any), "actor group %d %v (actors %q, %q)", i+1, g.Any, e.Actor1, e.Actor2)
	}
	if l := want.Location; l != nil {
		if l.MaxKm > 0 || l.GeonameID != 0 {
			ok := l.GeonameID != 0 && e.GeonameID == l.GeonameID
			if !ok && l.MaxKm > 0 && located(e.Place) {
				ok = Haversine(e.Latitude, e.Longitude, l.Latitude, l.Longitude) <= l.MaxKm
			}
			miss(ok, "location (%q at %.4f,%.4f)", e.Location, e.Latitude, e.Longitude)
		}
		if len(l.Admin1Any) > 0 {
			ok := false
			for _, a := range l.Admin1Any {
				ok = ok || (e.Admin1 != "" && fold(a) == fold(e.Admin1))
			}
			miss(ok, "admin1 (%q)", e.Admin1)
		}
		if len(l.CountryAny) > 0 {
			miss(anyEqualFold(e.Country, l.CountryAny) || anyEqualFold(e.ISO3, l.CountryAny), "country (%q)", e.Country)
		}
		if len(l.PrecisionAny) > 0 {
			ok := false
			for _, p := range l.PrecisionAny {
				ok = ok || e.Precision == p
			}
			miss(ok, "geo_precision (%d)", e.Precision)
		}
	}
	if p := want.NotWithin; p != nil && located(e.Place) {
		km := Haversine(e.Latitude, e.Longitude, p.Latitude, p.Longitude)
		miss(km > p.Km, "location not within %g km (%q is %.0f km away)", p.Km, e.Location, km)
	}
	if len(want.DateBetween) == 2 {
		ok := isDate(e.EventDate) && e.EventDate >= want.DateBetween[0] && e.EventDate <= want.DateBetween[1]
		miss(ok, "event_date (%q)", e.EventDate)
	}
	if f := want.Fatalities; f != nil {
		if f.Low != nil {
			miss(e.FatalitiesLow != nil && *e.FatalitiesLow == *f.Low, "fatalities_low (%s)", intPtr(e.FatalitiesLow))
		}
		if f.HighAtLeast != nil {
			miss(e.FatalitiesHigh != nil && *e.FatalitiesHigh >= *f.HighAtLeast, "fatalities_high (%s)", intPtr(e.FatalitiesHigh))
		}
		if len(f.BestBetween) == 2 {
			miss(e.Fatalities >= f.BestBetween[0] && e.Fatalities <= f.BestBetween[1], "fatalities (%d)", e.Fatalities)
		}
	}
	for _, c := range want.Claims {
		miss(hasClaim(e.Claims, c), "claim %s %d", c.Kind, c.Count)
	}
	return m
}

// hasClaim reports whether some claim matches want on kind and count (low
// or high) and on each substring list given.
func hasClaim(claims []sitrep.Claim, want expectedClaim) bool {
	for _, c := range claims {
		if !strings.EqualFold(c.Kind, want.Kind) || (c.CountLow != want.Count && c.CountHigh != want.Count) {
			continue
		}
		if len(want.QualifierAny) > 0 && !anyContains(strings.ToLower(c.Qualifier), want.QualifierAny) {
			continue
		}
		if len(want.ClaimantAny) > 0 && !anyContains(strings.ToLower(c.Claimant), want.ClaimantAny) {
			continue
		}
		if len(want.VictimsAny) > 0 && !anyContains(strings.ToLower(c.Victims), want.VictimsAny) {
			continue
		}
		return true
	}
	return false
}

func anyEqualFold(s string, list []string) bool {
	if s == "" {
		return false
	}
	for _, x := range list {
		if strings.EqualFold(strings.TrimSpace(s), x) {
			return true
		}
	}
	return false
}

// anyContains reports whether lower (already lower-cased) contains one of
// list, case-insensitively.
func anyContains(lower string, list []string) bool {
	for _, x := range list {
		if x != "" && strings.Contains(lower, strings.ToLower(x)) {
			return true
		}
	}
	return false
}

func isDate(s string) bool {
	_, err := time.Parse(sitrep.DateLayout, s)
	return err == nil
}

func intPtr(p *int) string {
	if p == nil {
		return "unset"
	}
	return fmt.Sprint(*p)
}

// squash collapses runs of white space to one space and trims.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
