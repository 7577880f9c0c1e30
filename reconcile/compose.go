package reconcile

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// Compose computes an incident's fields from its reports. prev is the
// incident's current state or nil; what people decided (its Corrections and
// Reviewers) is carried over, and corrections win over the reports.
//
// Each field group is taken from the reports as follows, with every
// independent source (see Sources) casting one vote:
//
//   - event and sub event type: the most voted pair; ties go to the
//     earliest report. CAMEO, PLOVER and notes come with it.
//   - actors: the most voted actor1/actor2 pair among reports of that type.
//   - place: the most precise one (lowest geo_precision with coordinates),
//     then the most voted, then the earliest.
//   - date: the most precise time_precision, then the most voted date.
//   - claims and fatalities: see mergeClaims and tolls.
//
// Evidence spans point into one document each, so the incident carries
// none of its own: each report's evidence stays with its document, and
// SourcedClaims name the document of every claim.
func Compose(id string, reports []sitrep.Report, prev *sitrep.Incident) (*sitrep.Incident, error) {
	if len(reports) == 0 {
		return nil, fmt.Errorf("reconcile: incident %s has no reports", id)
	}
	reports = slices.Clone(reports)
	slices.SortStableFunc(reports, func(a, b sitrep.Report) int {
		return cmp.Or(cmp.Compare(a.Seq, b.Seq), cmp.Compare(a.Ord, b.Ord))
	})
	group, sources := Sources(reports)
	inc := &sitrep.Incident{ID: id, Sources: sources, Reports: []string{}}
	for _, r := range reports {
		if !slices.Contains(inc.Reports, r.DocID) {
			inc.Reports = append(inc.Reports, r.DocID)
		}
	}

	// Type, with CAMEO, PLOVER and notes of its first report.
	t := reports[vote(reports, group, nil, func(e *sitrep.Event) string {
		return e.EventType + "\x00" + e.SubEventType
	})].Event
	ev := &inc.Event
	ev.EventType, ev.SubEventType, ev.CAMEO, ev.PLOVER, ev.Notes = t.EventType, t.SubEventType, t.CAMEO, t.PLOVER, t.Notes

	// Actors, among the reports of that type.
	sameType := func(e *sitrep.Event) bool { return e.EventType == t.EventType && e.Actor1 != "" }
	if a := vote(reports, group, sameType, func(e *sitrep.Event) string {
		return e.Actor1 + "\x00" + e.Actor2
	}); a >= 0 && sameType(&reports[a].Event) {
		x := reports[a].Event
		ev.Actor1, ev.AssocActor1, ev.Inter1 = x.Actor1, x.AssocActor1, x.Inter1
		ev.Actor2, ev.AssocActor2, ev.Inter2 = x.Actor2, x.AssocActor2, x.Inter2
		ev.Interaction = sitrep.Interaction(x.Inter1, x.Inter2)
	}

	// Place: the most precise, then the most told.
	best := 99
	for _, r := range reports {
		best = min(best, placeRank(&r.Event))
	}
	p := vote(reports, group, func(e *sitrep.Event) bool { return placeRank(e) == best }, func(e *sitrep.Event) string {
		if e.GeonameID != 0 {
			return fmt.Sprint(e.GeonameID)
		}
		return fold(e.Location) + "\x00" + fold(e.Admin1) + "\x00" + e.ISO3
	})
	ev.Place = reports[p].Event.Place

	// Date: the most precise, then the most told.
	bestTP := 99
	for _, r := range reports {
		if r.Event.EventDate != "" {
			bestTP = min(bestTP, tpRank(r.Event.TimePrecision))
		}
	}
	d := vote(reports, group, func(e *sitrep.Event) bool {
		return e.EventDate != "" && tpRank(e.TimePrecision) == bestTP
	}, func(e *sitrep.Event) string { return e.EventDate + "\x00" + e.DateEnd })
	ev.EventDate, ev.DateEnd, ev.TimePrecision = reports[d].Event.EventDate, reports[d].Event.DateEnd, reports[d].Event.TimePrecision

	inc.SourcedClaims = mergeClaims(reports)
	ev.Claims = []sitrep.Claim{}
	for _, sc := range inc.SourcedClaims {
		if sc.Status == sitrep.ClaimCurrent {
			ev.Claims = append(ev.Claims, sc.Claim)
		}
	}
	ev.Evidence = map[string]sitrep.Span{}
	tolls(inc, reports)
	grade(inc, reports, group)

	if prev != nil {
		inc.Reviewers = slices.Clone(prev.Reviewers)
		if len(prev.Corrections) > 0 {
			inc.Corrections = prev.Corrections
			return applyCorrections(inc)
		}
	}
	return inc, nil
}

// vote returns the index of the report whose key most independent sources
// share, among the reports that pass keep (all when keep is nil; all
// again when none does). Ties go to the earliest report.
func vote(reports []sitrep.Report, group []int, keep func(*sitrep.Event) bool, key func(*sitrep.Event) string) int {
	if len(reports) == 1 {
		// Kept or not, the one report wins; most incidents have one.
		return 0
	}
	type tally struct {
		first  int
		groups map[int]bool
	}
	tallies := map[string]*tally{}
	var order []string
	for i := range reports {
		e := &reports[i].Event
		if keep != nil && !keep(e) {
			continue
		}
		k := key(e)
		t := tallies[k]
		if t == nil {
			t = &tally{first: i, groups: map[int]bool{}}
			tallies[k] = t
			order = append(order, k)
		}
		t.groups[group[i]] = true
	}
	if len(order) == 0 {
		if keep != nil {
			return vote(reports, group, nil, key)
		}
		return 0
	}
	win := tallies[order[0]]
	for _, k := range order[1:] {
		if t := tallies[k]; len(t.groups) > len(win.groups) {
			win = t
		}
	}
	return win.first
}

// placeRank orders places from most to least precise.
func placeRank(e *sitrep.Event) int {
	switch {
	case hasPoint(e) && e.Precision >= 1 && e.Precision <= 3:
		return e.Precision
	case e.Admin1 != "":
		return 4
	case e.Country != "" || e.ISO3 != "":
		return 5
	}
	return 6
}

// tpRank orders time precisions from most to least precise; 0 (unknown)
// last.
func tpRank(p int) int {
	if p <= 0 {
		return 9
	}
	return p
}

// Sources groups reports into independent sources and returns each
// report's group and the number of groups. Two reports are one source when
// one outlet published both, or when their texts are near-duplicates
// (wire copies: Similarity at least WireThreshold).
func Sources(reports []sitrep.Report) (group []int, n int) {
	parent := make([]int, len(reports))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range reports {
		for j := 0; j < i; j++ {
			a, b := &reports[i], &reports[j]
			same := a.DocID == b.DocID ||
				(a.Outlet != "" && fold(a.Outlet) == fold(b.Outlet)) ||
				Similarity(a.Fingerprint, b.Fingerprint) >= WireThreshold
			if same {
				parent[find(i)] = find(j)
			}
		}
	}
	group = make([]int, len(reports))
	ids := map[int]int{}
	for i := range reports {
		r := find(i)
		if _, ok := ids[r]; !ok {
			ids[r] = len(ids)
		}
		group[i] = ids[r]
	}
	return group, len(ids)
}

// claimantKey says who makes a claim: the claimant named in the text, or
// the outlet itself when the figure is given without attribution.
func claimantKey(c *sitrep.Claim, r *sitrep.Report) string {
	if k := claimantName(c.Claimant); k != "" {
		return k
	}
	outlet := c.Outlet
	if outlet == "" {
		outlet = r.Outlet
	}
	if outlet == "" {
		outlet = r.DocID
	}
	return "outlet: " + fold(outlet)
}

// claimantName normalises a claimant phrase: "the Syrian Observatory" and
// "Syrian Observatory" are one claimant.
func claimantName(s string) string {
	f := fold(s)
	for {
		rest, ok := cutArticle(f)
		if !ok {
			return f
		}
		f = rest
	}
}

// cutArticle returns folded name f without its first word when that word
// is an article.
func cutArticle(f string) (string, bool) {
	first, rest, _ := strings.Cut(f, " ")
	switch first {
	case "the", "a", "an":
		return rest, true
	}
	return f, false
}

// mergeClaims lists every claim of every report, oldest report first, and
// marks each. A claim is repeated when an earlier one has the same
// claimant, kind, figure and denial; it supersedes the earlier current
// claims of its claimant and kind when it is later and higher ("the toll
// rose to 7"). A later, lower figure does not supersede: both stay current.
func mergeClaims(reports []sitrep.Report) []sitrep.SourcedClaim {
	out := []sitrep.SourcedClaim{}
	type key struct {
		claimant, kind string
		denied         bool
	}
	current := map[key][]int{} // indexes into out
	for ri := range reports {
		r := &reports[ri]
		for _, c := range r.Event.Claims {
			if c.Outlet == "" {
				c.Outlet = r.Outlet
			}
			k := key{claimantKey(&c, r), c.Kind, c.Denied}
			sc := sitrep.SourcedClaim{DocID: r.DocID, Claim: c, Status: sitrep.ClaimCurrent}
			var keep []int
			for _, i := range current[k] {
				prev := &out[i]
				switch {
				case prev.CountLow == c.CountLow && prev.CountHigh == c.CountHigh:
					sc.Status = sitrep.ClaimRepeated
					keep = append(keep, i)
				case c.CountLow >= prev.CountLow && c.CountHigh >= prev.CountHigh:
					prev.Status = sitrep.ClaimSuperseded
				default:
					keep = append(keep, i)
				}
			}
			if sc.Status == sitrep.ClaimCurrent {
				keep = append(keep, len(out))
			}
			current[k] = keep
			out = append(out, sc)
		}
	}
	return out
}

// tolls sets the death figures from the current, undenied killed claims:
//
//   - FatalitiesLow is the lowest figure of a claim that is not hedged (of
//     any claim when all are), FatalitiesHigh the highest;
//   - FatalitiesBest is the median, over claimants, of each claimant's
//     latest figure (the middle of a range; the lower middle value when
//     their number is even, erring low as ACLED does). Every claimant
//     counts once however many outlets repeat it, so ten papers printing
//     one agency's figure do not outvote a second claimant;
//   - Fatalities, ACLED's conservative figure, is FatalitiesLow.
//
// Reports that give a toll without a claim (ACLED's 3 and 10 for "a few"
// and "many" dead) count only when no report has a killed claim: the
// lowest non-zero of them is then Fatalities and best.
func tolls(inc *sitrep.Incident, reports []sitrep.Report) {
	var (
		low, high, lowHedged = -1, -1, -1
		latest               = map[string]int{}
		order                []string
	)
	for _, sc := range inc.SourcedClaims {
		c := sc.Claim
		if sc.Status != sitrep.ClaimCurrent || c.Kind != sitrep.Killed || c.Denied {
			continue
		}
		if c.Hedged {
			lowHedged = minToll(lowHedged, c.CountLow)
		} else {
			low = minToll(low, c.CountLow)
		}
		high = max(high, c.CountHigh, c.CountLow)
		k := claimantName(c.Claimant)
		if k == "" {
			k = "outlet: " + fold(c.Outlet)
		}
		if _, ok := latest[k]; !ok {
			order = append(order, k)
		}
		latest[k] = (c.CountLow + max(c.CountHigh, c.CountLow)) / 2
	}
	if low < 0 {
		low = lowHedged
	}
	if low >= 0 {
		figures := make([]int, 0, len(order))
		for _, k := range order {
			figures = append(figures, latest[k])
		}
		sort.Ints(figures)
		best := figures[(len(figures)-1)/2]
		inc.FatalitiesLow, inc.FatalitiesHigh, inc.FatalitiesBest = &low, &high, &best
		inc.Fatalities = low
		return
	}
	fallback := 0
	for _, r := range reports {
		if f := r.Event.Fatalities; f > 0 && (fallback == 0 || f < fallback) {
			fallback = f
		}
	}
	if fallback > 0 {
		f := fallback
		inc.Fatalities, inc.FatalitiesBest = f, &f
	}
}

func minToll(cur, v int) int {
	if cur < 0 || v < cur {
		return v
	}
	return cur
}

// correctable lists the fields a reviewer may set, by JSON name.
var correctable = map[string]bool{}

func init() {
	for _, f := range strings.Fields(`event_type sub_event_type cameo plover
		actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction
		location country iso3 admin1 admin2 geonameid latitude longitude geo_precision
		event_date date_end time_precision
		fatalities fatalities_low fatalities_high fatalities_best notes grade`) {
		correctable[f] = true
	}
}

// Correctable reports whether a reviewer may set the field of that JSON
// name.
func Correctable(field string) bool { return correctable[field] }

// applyCorrections returns inc with its Corrections written over its
// fields.
func applyCorrections(inc *sitrep.Incident) (*sitrep.Incident, error) {
	b, err := json.Marshal(inc)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	fields := make([]string, 0, len(inc.Corrections))
	for f, v := range inc.Corrections {
		if !correctable[f] {
			return nil, fmt.Errorf("reconcile: incident %s: field %q cannot be corrected", inc.ID, f)
		}
		m[f] = v
		fields = append(fields, f)
	}
	b, err = json.Marshal(m)
	if err != nil {
		return nil, err
	}
	out := &sitrep.Incident{}
	if err := json.Unmarshal(b, out); err != nil {
		return nil, fmt.Errorf("reconcile: incident %s: correction: %w", inc.ID, err)
	}
	sort.Strings(fields)
	if _, ok := inc.Corrections["grade"]; ok {
		out.GradeReasons = append(out.GradeReasons, "grade set by a reviewer")
	}
	out.GradeReasons = append(out.GradeReasons, "corrected by a reviewer: "+strings.Join(fields, ", "))
	return out, nil
}
