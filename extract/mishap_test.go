package extract

import "testing"

// TestMishapsAreNoEvents: deaths that floods, a stampede, a crash, a fire
// or an illness caused are no one's act, and a report of them alone gives
// no event; told beside an act, or by an armed party, the act stays.
func TestMishapsAreNoEvents(t *testing.T) {
	x := withGazetteer(t)
	none := []string{
		"A stampede at a religious festival in northern India killed at least 20 people on Tuesday, police said.",
		"A bus plunged into a ravine in Nepal on Monday, killing 12 passengers, officials said.",
		"Floods in eastern Afghanistan have killed 30 people and destroyed hundreds of homes, the government said.",
		"A fire at a garment factory in Dhaka killed five workers on Sunday, fire officials said.",
		"An earthquake struck western Nepal overnight, killing at least 150 people.",
		"Three fishermen were killed when their boat capsized off the coast of Somalia.",
		"Two children were killed in a landslide in Rwanda on Saturday.",
		"Cholera has killed 40 people in Borno since August, health officials said.",
	}
	for _, text := range none {
		if evs := x.Events(doc(text, "2024-06-12")); len(evs) > 0 {
			t.Errorf("%q: %d events, the first %s / %s, want none", text, len(evs), evs[0].EventType, evs[0].SubEventType)
		}
	}
	acts := []struct{ text, typ string }{
		{"Soldiers returned the fire, killing two attackers near Kandahar, officials said.", "Battles"},
		{"Police enforcing coronavirus restrictions shot dead a man in Lagos on Monday.", "Violence against civilians"},
		{"Gunmen killed three people at a flood relief camp in Maiduguri on Sunday.", "Violence against civilians"},
		{"Militants attacked an army convoy after the storm, killing five soldiers in Borno.", "Battles"},
		{"Protesters set fire to a police station in Lagos, and two people were killed in the blaze.", "Riots"},
		{"Villagers said the army killed 12 people as floods cut off the area near Maiduguri.", "Violence against civilians"},
	}
	for _, tt := range acts {
		ev := mainEvent(t, x, tt.text, "2024-06-12")
		if ev.EventType != tt.typ {
			t.Errorf("%q: %s / %s, want %s", tt.text, ev.EventType, ev.SubEventType, tt.typ)
		}
		if ev.Fatalities == 0 {
			t.Errorf("%q: no fatalities", tt.text)
		}
	}
	// Told beside an attack, deaths in floods are neither its toll nor an
	// event of their own.
	text := "Militants attacked a village near Maiduguri on Monday, killing five farmers, residents said. Separately, floods killed 20 people in Yobe state on Tuesday, emergency officials said."
	evs := x.Events(doc(text, "2024-06-12"))
	if len(evs) != 1 || evs[0].Fatalities != 5 {
		t.Errorf("%q: %d events, the first with %d fatalities; want one, with 5", text, len(evs), func() int {
			if len(evs) > 0 {
				return evs[0].Fatalities
			}
			return -1
		}())
	}
}
