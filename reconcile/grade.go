package reconcile

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// grade sets the incident's grade and the reasons for it, in the spirit of
// Airwars' grades:
//
//   - contested: a claimant denies the act, or reports blame different
//     armed actors for it (actor1 of one report appears nowhere among the
//     actors of another);
//   - confirmed: the acting party (actor1, when armed) is itself a
//     claimant, and nobody denies it;
//   - corroborated: two or more independent sources, or two or more named
//     claimants;
//   - single source: anything else.
//
// A denial outranks an acknowledgement, which outranks a disagreement about
// the actor. Every reason found is listed, whichever grade wins.
func grade(inc *sitrep.Incident, reports []sitrep.Report, group []int) {
	var denied, acknowledged, disputed []string
	claimants := map[string]bool{}
	for _, sc := range inc.SourcedClaims {
		name := claimantName(sc.Claimant)
		switch {
		case sc.Denied:
			denied = appendNew(denied, fmt.Sprintf("%s denies it (%s)", nameOr(sc.Claimant, sc.Outlet), sc.DocID))
		case sc.Status == sitrep.ClaimSuperseded:
		case name != "":
			claimants[name] = true
			if armed(inc.Inter1) && speaksFor(sc.Claimant, inc.Actor1, inc.Inter1) {
				acknowledged = appendNew(acknowledged, fmt.Sprintf("%s, for the acting party, acknowledges it (%s)", sc.Claimant, sc.DocID))
			}
		}
	}
	// Blame: armed actor1 values of reports from different sources that do
	// not appear among each other's actors.
	for i := range reports {
		a := &reports[i].Event
		if !armed(a.Inter1) || a.Actor1 == "" {
			continue
		}
		for j := 0; j < i; j++ {
			b := &reports[j].Event
			if group[i] == group[j] || !armed(b.Inter1) || b.Actor1 == "" {
				continue
			}
			if !involves(b, a.Actor1) && !involves(a, b.Actor1) {
				disputed = appendNew(disputed, fmt.Sprintf("reports blame %s (%s) and %s (%s)",
					b.Actor1, reports[j].DocID, a.Actor1, reports[i].DocID))
			}
		}
	}

	reasons := []string{}
	if inc.Sources == 1 {
		reasons = append(reasons, "1 independent source")
	} else {
		reasons = append(reasons, fmt.Sprintf("%d independent sources", inc.Sources))
	}
	if n := len(claimants); n > 0 {
		names := make([]string, 0, n)
		for c := range claimants {
			names = append(names, c)
		}
		slices.Sort(names)
		reasons = append(reasons, fmt.Sprintf("%d named claimant(s): %s", n, strings.Join(names, "; ")))
	}
	reasons = append(reasons, denied...)
	reasons = append(reasons, acknowledged...)
	reasons = append(reasons, disputed...)
	inc.GradeReasons = reasons

	switch {
	case len(denied) > 0:
		inc.Grade = sitrep.GradeContested
	case len(acknowledged) > 0:
		inc.Grade = sitrep.GradeConfirmed
	case len(disputed) > 0:
		inc.Grade = sitrep.GradeContested
	case inc.Sources >= 2 || len(claimants) >= 2:
		inc.Grade = sitrep.GradeCorroborated
	default:
		inc.Grade = sitrep.GradeSingle
	}
}

// armed reports whether an inter code is an organised armed actor (state
// forces, rebels, militias, external forces), which can act, deny and be
// blamed.
func armed(inter int) bool {
	switch inter {
	case 1, 2, 3, 4, 8:
		return true
	}
	return false
}

// involves reports whether e names actor among its actors.
func involves(e *sitrep.Event, actor string) bool {
	for _, x := range []string{e.Actor1, e.Actor2, e.AssocActor1, e.AssocActor2} {
		if x != "" && sameActor(x, actor) {
			return true
		}
	}
	return false
}

// speaksFor reports whether claimant is the actor's own voice. For state
// and external forces (inter 1, 8) the claimant must name the country and
// a state role ("the Russian defence ministry" for "Military Forces of
// Russia (2000-)"), so that a monitor named after the country is not taken
// for its army; for other groups a distinctive word of the name suffices.
func speaksFor(claimant, actor string, inter int) bool {
	cw := words(claimant)
	named := false
	actorWords := distinctive(actor)
	for _, w := range cw {
		for _, a := range actorWords {
			named = named || prefixWord(w, a)
		}
	}
	if !named {
		return false
	}
	if inter != 1 && inter != 8 {
		return true
	}
	return slices.ContainsFunc(cw, func(w string) bool { return roleWord[w] })
}

func nameOr(name, fallback string) string {
	if name != "" {
		return name
	}
	return fallback
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
