package extract

import "testing"

// TestCrowdSizeTag: a note that gives a crowd's size ("[size=dozens]")
// tells a demonstration or a riot; violence by that crowd is mob violence,
// and two crowds fighting are rioters on both sides.
func TestCrowdSizeTag(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text, sub   string
		interaction int
	}{
		{"On 3 June 2021, villagers beat up a tax collector near the market. [size=dozens]", "Mob violence", 0},
		{"On 3 June 2021, a group of young men attacked two Kenyan soldiers at a checkpoint, injuring them. [size=about 20]", "Mob violence", 15},
		{"On 3 June 2021, residents pelted stones at health workers, injuring two of them. [size=no report]", "Mob violence", 57},
		{"On 3 June 2021, supporters of two rival parties fought one another in the town square. [size=no report]", "Mob violence", 55},
		{"On 3 June 2021, nurses protested outside the health ministry over unpaid wages. [size=hundreds]", "Peaceful protest", 60},
		{"On 3 June 2021, students demonstrated and pelted the police with stones. [size=dozens]", "Violent demonstration", 0},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		if ev.SubEventType != c.sub {
			t.Errorf("%q\n got %s, want %s", c.text, ev.SubEventType, c.sub)
		}
		if c.interaction != 0 && ev.Interaction != c.interaction {
			t.Errorf("%q\n got interaction %d (%s | %s), want %d", c.text, ev.Interaction, ev.Actor1, ev.Actor2, c.interaction)
		}
	}
}
