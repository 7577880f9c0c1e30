package reconcile

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

func killed(claimant string, low, high int, q string) sitrep.Claim {
	return sitrep.Claim{Claimant: claimant, Kind: sitrep.Killed, CountLow: low, CountHigh: high, Qualifier: q}
}

// report builds a report of document doc from outlet, stored seq-th.
func report(doc, outlet string, seq int64, e sitrep.Event, claims ...sitrep.Claim) sitrep.Report {
	e.Claims = claims
	return sitrep.Report{DocID: doc, Seq: seq, Outlet: outlet, Event: e,
		Published:   time.Date(2019, 5, 8, 0, 0, 0, 0, time.UTC).Add(time.Duration(seq) * time.Hour),
		Fingerprint: Fingerprint("a story told by " + outlet + " as document " + doc)}
}

func statuses(inc *sitrep.Incident) string {
	var s []string
	for _, c := range inc.SourcedClaims {
		s = append(s, c.DocID+":"+c.Status)
	}
	return strings.Join(s, " ")
}

func TestComposeClaims(t *testing.T) {
	strike := ev(explosions, "Air/drone strike", northfield, "2019-05-07", 1)
	tests := []struct {
		name            string
		reports         []sitrep.Report
		low, best, high int
		statuses        string
	}{
		{
			name: "three claimants, three figures",
			reports: []sitrep.Report{
				report("a", "Wire One", 1, strike, killed("", 12, 12, "exact")),
				report("b", "Paper Two", 2, strike, killed("rescuers", 15, 15, "at least")),
				report("c", "Paper Three", 3, strike, killed("the monitor", 20, 20, "exact")),
			},
			low: 12, best: 15, high: 20,
			statuses: "a:current b:current c:current",
		},
		{
			name: "same claimant's same figure told twice counts once",
			reports: []sitrep.Report{
				report("a", "Wire One", 1, strike, killed("the monitor", 9, 9, "exact")),
				report("b", "Paper Two", 2, strike, killed("The Monitor", 9, 9, "exact")),
				report("c", "Paper Three", 3, strike, killed("medics", 11, 11, "exact")),
			},
			low: 9, best: 9, high: 11,
			statuses: "a:current b:repeated c:current",
		},
		{
			name: "the toll rose: a later, higher figure supersedes",
			reports: []sitrep.Report{
				report("a", "Wire One", 1, strike, killed("the ministry", 4, 4, "exact")),
				report("b", "Wire One", 2, strike, killed("the ministry", 7, 7, "exact")),
			},
			low: 7, best: 7, high: 7,
			statuses: "a:superseded b:current",
		},
		{
			name: "a later, lower figure does not supersede",
			reports: []sitrep.Report{
				report("a", "Wire One", 1, strike, killed("the ministry", 7, 7, "exact")),
				report("b", "Paper Two", 2, strike, killed("the ministry", 5, 5, "exact")),
			},
			low: 5, best: 5, high: 7,
			statuses: "a:current b:current",
		},
		{
			name: "a denial counts for nothing in the toll; wounded neither",
			reports: []sitrep.Report{
				report("a", "Wire One", 1, strike, killed("medics", 3, 3, "exact"),
					sitrep.Claim{Claimant: "medics", Kind: sitrep.Wounded, CountLow: 30, CountHigh: 30}),
				report("b", "Paper Two", 2, strike, sitrep.Claim{Claimant: "the army", Kind: sitrep.Killed, CountLow: 40, CountHigh: 40, Denied: true}),
			},
			low: 3, best: 3, high: 3,
			statuses: "a:current a:current b:current",
		},
		{
			name: "a hedged figure widens the range but is not the low",
			reports: []sitrep.Report{
				report("a", "Wire One", 1, strike, killed("officials", 6, 6, "exact")),
				report("b", "Paper Two", 2, strike, sitrep.Claim{Claimant: "residents", Kind: sitrep.Killed, CountLow: 2, CountHigh: 2, Hedged: true}),
			},
			low: 6, best: 2, high: 6,
			statuses: "a:current b:current",
		},
	}
	for _, tt := range tests {
		inc, err := Compose("1", tt.reports, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if inc.FatalitiesLow == nil || inc.FatalitiesBest == nil || inc.FatalitiesHigh == nil {
			t.Fatalf("%s: low/best/high = %v/%v/%v, want all set", tt.name, inc.FatalitiesLow, inc.FatalitiesBest, inc.FatalitiesHigh)
		}
		if *inc.FatalitiesLow != tt.low || *inc.FatalitiesBest != tt.best || *inc.FatalitiesHigh != tt.high || inc.Fatalities != tt.low {
			t.Errorf("%s: fatalities %d, low/best/high %d/%d/%d, want %d, %d/%d/%d", tt.name,
				inc.Fatalities, *inc.FatalitiesLow, *inc.FatalitiesBest, *inc.FatalitiesHigh, tt.low, tt.low, tt.best, tt.high)
		}
		if got := statuses(inc); got != tt.statuses {
			t.Errorf("%s: claim statuses %q, want %q", tt.name, got, tt.statuses)
		}
		current := 0
		for _, sc := range inc.SourcedClaims {
			if sc.Status == sitrep.ClaimCurrent {
				current++
			}
		}
		if len(inc.Claims) != current {
			t.Errorf("%s: %d claims on the event, %d current sourced claims", tt.name, len(inc.Claims), current)
		}
	}
}

func TestComposeWithoutClaims(t *testing.T) {
	e := ev(explosions, "Air/drone strike", northfield, "2019-05-07", 1)
	inc, err := Compose("1", []sitrep.Report{report("a", "Wire One", 1, e)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if inc.FatalitiesLow != nil || inc.FatalitiesHigh != nil || inc.FatalitiesBest != nil || inc.Fatalities != 0 {
		t.Errorf("no toll reported, got fatalities %d low %v best %v high %v", inc.Fatalities, inc.FatalitiesLow, inc.FatalitiesBest, inc.FatalitiesHigh)
	}
	e.Fatalities = 10 // ACLED's code for many dead, no figure
	inc, _ = Compose("1", []sitrep.Report{report("a", "Wire One", 1, e)}, nil)
	if inc.Fatalities != 10 || inc.FatalitiesBest == nil || *inc.FatalitiesBest != 10 {
		t.Errorf("a toll coded without claims was lost: %d, %v", inc.Fatalities, inc.FatalitiesBest)
	}
	if _, err := Compose("1", nil, nil); err == nil {
		t.Error("an incident without reports composed without error")
	}
}

func TestComposeFields(t *testing.T) {
	vague := ev(explosions, "Shelling/artillery/missile attack", idlibOnly, "2019-05-09", 2)
	precise := ev(explosions, "Air/drone strike", northfield, "2019-05-07", 1)
	precise.Actor1, precise.Inter1 = "Military Forces of Syria (2000-)", 1
	reports := []sitrep.Report{
		report("a", "Wire One", 1, vague),
		report("b", "Paper Two", 2, precise),
		report("c", "Paper Three", 3, precise),
	}
	inc, err := Compose("7", reports, nil)
	if err != nil {
		t.Fatal(err)
	}
	if inc.ID != "7" || inc.SubEventType != "Air/drone strike" || inc.Location != "Northfield" || inc.Precision != 1 ||
		inc.EventDate != "2019-05-07" || inc.TimePrecision != 1 || inc.Actor1 != precise.Actor1 || inc.Interaction != 10 {
		t.Errorf("merged fields: %+v", inc.Event)
	}
	if strings.Join(inc.Reports, ",") != "a,b,c" {
		t.Errorf("reports = %v", inc.Reports)
	}
	if len(inc.Evidence) != 0 || inc.Evidence == nil || inc.Claims == nil {
		t.Errorf("evidence %v, claims %v: want both empty, not null", inc.Evidence, inc.Claims)
	}
}

func TestSources(t *testing.T) {
	e := ev(explosions, "Air/drone strike", northfield, "2019-05-07", 1)
	story := "Warplanes struck a busy market in the northern town on Tuesday morning, killing at least fifteen people " +
		"and wounding dozens more, rescuers said, as families fled towards the border after a week of shelling."
	wire := func(doc, outlet string, seq int64, text string) sitrep.Report {
		r := report(doc, outlet, seq, e)
		r.Fingerprint = Fingerprint(text)
		return r
	}
	tests := []struct {
		name    string
		reports []sitrep.Report
		want    int
	}{
		{"three papers print one agency story", []sitrep.Report{
			wire("a", "Paper One", 1, story), wire("b", "Paper Two", 2, "PAPER TWO - "+story), wire("c", "Paper Three", 3, story+" More follows."),
		}, 1},
		{"one outlet's two stories", []sitrep.Report{
			wire("a", "Paper One", 1, story), wire("b", "paper one", 2, "An entirely different account of the raid written later that day."),
		}, 1},
		{"two outlets, own words", []sitrep.Report{
			wire("a", "Paper One", 1, story), wire("b", "Paper Two", 2, "An entirely different account of the raid written later that day."),
		}, 2},
	}
	for _, tt := range tests {
		if _, n := Sources(tt.reports); n != tt.want {
			t.Errorf("%s: %d sources, want %d", tt.name, n, tt.want)
		}
	}
}

func TestGrade(t *testing.T) {
	strike := ev(explosions, "Air/drone strike", northfield, "2019-05-07", 1)
	by := func(a1 string, i1 int) sitrep.Event {
		e := strike
		e.Actor1, e.Inter1, e.Actor2, e.Inter2 = a1, i1, "Civilians (Syria)", 7
		return e
	}
	syria, russia := by("Military Forces of Syria (2000-)", 1), by("Military Forces of Russia (2000-)", 8)
	tests := []struct {
		name    string
		reports []sitrep.Report
		grade   string
		reason  string
	}{
		{"one outlet", []sitrep.Report{report("a", "Wire One", 1, strike, killed("", 3, 3, "exact"))},
			sitrep.GradeSingle, "1 independent source"},
		{"two outlets", []sitrep.Report{report("a", "Wire One", 1, strike), report("b", "Paper Two", 2, strike)},
			sitrep.GradeCorroborated, "2 independent sources"},
		{"one outlet, two named claimants", []sitrep.Report{report("a", "Wire One", 1, strike,
			killed("medics", 3, 3, "exact"), killed("the monitor", 4, 4, "exact"))},
			sitrep.GradeCorroborated, "2 named claimant(s)"},
		{"reports blame different forces", []sitrep.Report{report("a", "Wire One", 1, syria), report("b", "Paper Two", 2, russia)},
			sitrep.GradeContested, "reports blame"},
		{"the blamed party denies it", []sitrep.Report{report("a", "Wire One", 1, russia),
			report("b", "Paper Two", 2, russia, sitrep.Claim{Claimant: "the Russian defence ministry", Kind: sitrep.Killed, Denied: true})},
			sitrep.GradeContested, "denies it"},
		{"the acting party acknowledges it", []sitrep.Report{report("a", "Wire One", 1, syria,
			killed("the Syrian army", 5, 5, "exact"))},
			sitrep.GradeConfirmed, "acknowledges it"},
		{"the acting party claims the act", []sitrep.Report{report("a", "Wire One", 1, syria,
			sitrep.Claim{Claimant: "the Syrian army", Kind: sitrep.Responsibility})},
			sitrep.GradeConfirmed, "acknowledges it"},
		{"a party denies the act, no figure given", []sitrep.Report{report("a", "Wire One", 1, strike,
			killed("medics", 3, 3, "exact"), sitrep.Claim{Claimant: "Russian defence ministry", Kind: sitrep.Responsibility, Denied: true})},
			sitrep.GradeContested, "denies it"},
		{"a monitor named after the country is not the army", []sitrep.Report{report("a", "Wire One", 1, syria,
			killed("the Syrian Observatory for Human Rights", 5, 5, "exact"))},
			sitrep.GradeSingle, "1 named claimant(s)"},
		{"one paper's copies of its own story agree with it", []sitrep.Report{report("a", "Wire One", 1, syria), report("b", "Wire One", 2, russia)},
			sitrep.GradeSingle, "1 independent source"},
	}
	for _, tt := range tests {
		inc, err := Compose("1", tt.reports, nil)
		if err != nil {
			t.Fatal(err)
		}
		if inc.Grade != tt.grade || !strings.Contains(strings.Join(inc.GradeReasons, "|"), tt.reason) {
			t.Errorf("%s: grade %q, reasons %q; want %q with a reason containing %q", tt.name, inc.Grade, inc.GradeReasons, tt.grade, tt.reason)
		}
	}
}

// TestResponsibilityCountsNoOne: a claim of the act, or its denial,
// leaves the tolls to the figures.
func TestResponsibilityCountsNoOne(t *testing.T) {
	e := ev(explosions, "Air/drone strike", northfield, "2019-05-07", 1)
	inc, err := Compose("1", []sitrep.Report{report("a", "Wire One", 1, e, killed("medics", 3, 3, "exact"),
		sitrep.Claim{Claimant: "Russian defence ministry", Kind: sitrep.Responsibility, Denied: true},
		sitrep.Claim{Claimant: "the Syrian army", Kind: sitrep.Responsibility})}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if inc.Fatalities != 3 || inc.FatalitiesLow == nil || *inc.FatalitiesLow != 3 || *inc.FatalitiesHigh != 3 {
		t.Errorf("fatalities %d, low %v, high %v; want 3 from the medics alone", inc.Fatalities, inc.FatalitiesLow, inc.FatalitiesHigh)
	}
}

func TestCorrectionsWin(t *testing.T) {
	e := ev(explosions, "Air/drone strike", northfield, "2019-05-07", 1)
	reports := []sitrep.Report{report("a", "Wire One", 1, e, killed("medics", 3, 3, "exact"))}
	prev := &sitrep.Incident{Reviewers: []string{"Ana"}, Corrections: map[string]json.RawMessage{
		"location": json.RawMessage(`"Eastbrook"`), "fatalities_best": json.RawMessage(`4`), "grade": json.RawMessage(`"confirmed"`),
	}}
	inc, err := Compose("1", reports, prev)
	if err != nil {
		t.Fatal(err)
	}
	if inc.Location != "Eastbrook" || *inc.FatalitiesBest != 4 || inc.Grade != sitrep.GradeConfirmed || inc.Fatalities != 3 {
		t.Errorf("corrected incident: location %q best %d grade %q fatalities %d", inc.Location, *inc.FatalitiesBest, inc.Grade, inc.Fatalities)
	}
	if len(inc.Reviewers) != 1 || len(inc.Corrections) != 3 || !strings.Contains(strings.Join(inc.GradeReasons, "|"), "corrected by a reviewer") {
		t.Errorf("reviewers %v, corrections %v, reasons %v", inc.Reviewers, inc.Corrections, inc.GradeReasons)
	}
	prev.Corrections = map[string]json.RawMessage{"inter1": json.RawMessage(`"one"`)}
	if _, err := Compose("1", reports, prev); err == nil {
		t.Error("a correction of the wrong type was accepted")
	}
	prev.Corrections = map[string]json.RawMessage{"id": json.RawMessage(`"9"`)}
	if _, err := Compose("1", reports, prev); err == nil {
		t.Error("a correction of the id was accepted")
	}
}
