package extract

import "testing"

// TestAnchorIsTheActReported: the main event is anchored in the sentence
// that tells the act the report is about, not in one that tells an act
// added to it ("also") or mourns someone who died before, even when that
// sentence names more people.
func TestAnchorIsTheActReported(t *testing.T) {
	x := withGazetteer(t)
	// location is the place name as the text writes it
	tests := []struct{ text, location string }{
		// "also": a further act of the same people, elsewhere
		{"On 3 March 2024, residents protested in Hama against power cuts. Protesters also rallied with students and teachers in Homs.",
			"Hama"},
		// a man who died earlier is no party to the protest
		{"On 3 March 2024, protesters gathered in Hama against power cuts. They lit candles for a Syrian man and a woman who died in protests in Homs.",
			"Hama"},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2024-03-05")
		sp := ev.Evidence["location"]
		if !sp.Valid() || tt.text[sp.Start:sp.End] != tt.location {
			t.Errorf("%q: located in %q from %v (anchor %v), want %q", tt.text, ev.Location, sp, ev.Evidence["event_type"], tt.location)
		}
	}
}
