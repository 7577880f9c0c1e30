package extract

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestResponsibilityClaims: a group's claim of an attack and a party's
// denial of a strike are claims of kind responsibility, with the claimant
// and the span that says so, and they count no one.
func TestResponsibilityClaims(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct {
		text, claimant string
		denied         bool
	}{
		{"A car bomb exploded at a police checkpoint in Baidoa on Saturday, killing four officers. Al Shabaab claimed responsibility for the attack.", "Al Shabaab", false},
		{"Air strikes hit a market in Saraqib in Idlib province on Monday, killing six civilians. The Russian defence ministry denied that its aircraft had flown over the area.", "Russian defence ministry", true},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2024-05-06")
		var got []sitrep.Claim
		killed := 0
		for _, c := range ev.Claims {
			if c.Kind == sitrep.Responsibility {
				got = append(got, c)
			} else if c.Kind == sitrep.Killed {
				killed = max(killed, c.CountHigh)
			}
		}
		if len(got) != 1 {
			t.Errorf("%q: responsibility claims %+v, want one", tt.text, got)
			continue
		}
		c := got[0]
		if c.Claimant != tt.claimant || c.Denied != tt.denied || c.CountLow != 0 || c.CountHigh != 0 {
			t.Errorf("%q: %+v, want %q denied=%v", tt.text, c, tt.claimant, tt.denied)
		}
		if c.Span.End <= c.Span.Start || tt.text[c.Span.Start:c.Span.End] == "" {
			t.Errorf("%q: claim without a span", tt.text)
		}
		if ev.Fatalities != killed {
			t.Errorf("%q: fatalities %d, want %d from the figures alone", tt.text, ev.Fatalities, killed)
		}
	}
}
