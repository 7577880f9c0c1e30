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

// TestContextPhrases: a trigger in a phrase telling what led to the event
// or what a protest was about tells another act, not the event.
func TestContextPhrases(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text, sub string
	}{
		{"On 3 June 2021, families of inmates held a protest outside the jail, the first since the prison riot in March.", "Peaceful protest"},
		{"On 3 June 2021, shopkeepers demonstrated over the abduction of a colleague by unknown gunmen.", "Peaceful protest"},
		{"On 3 June 2021, traders marched to the town hall denouncing the looting of their stalls.", "Peaceful protest"},
		{"On 3 June 2021, a man suspected of kidnapping a child was beaten by soldiers at a checkpoint.", "Attack"},
		{"On 3 June 2021, a man accused of looting shops was beaten to death by a mob.", "Mob violence"},
		// the phrase ends at its first trigger
		{"On 3 June 2021, a man suspected of theft was kidnapped by gunmen on the main road.", "Abduction/forced disappearance"},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		if ev.SubEventType != c.sub {
			t.Errorf("%q\n got %s, want %s", c.text, ev.SubEventType, c.sub)
		}
	}
}

func TestInContext(t *testing.T) {
	cases := []struct {
		text, word string
		want       bool
	}{
		{"Residents protested against the killing of a trader.", "killing", true},
		{"Residents protested against the killing and abduction of traders.", "abduction", true},
		{"Gunmen attacked the village against all warnings.", "attacked", false},
		{"Troops fought against the rebels near the border.", "fought", false},
		{"Protesters gathered, and the riot police fired tear gas over their heads.", "tear gas", false},
		{"A man suspected of kidnapping a child was beaten by soldiers.", "kidnapping", true},
		{"A man suspected of kidnapping a child was beaten by soldiers.", "beaten", false},
		{"Clashes resumed in the town, quiet since the ceasefire.", "ceasefire", true},
		{"Clashes resumed in the town, quiet since the ceasefire.", "Clashes", false},
		{"Police detained two men in connection with the bombing of the market.", "bombing", true},
		{"Police detained two men in connection with the bombing of the market.", "Police detained", false},
	}
	for _, c := range cases {
		a := New(nil).analyse(doc(c.text, "2021-06-04"))
		found := false
		for _, h := range a.hits {
			if a.text[a.toks[h.first].start:a.toks[h.last-1].end] != c.word {
				continue
			}
			found = true
			if h.context != c.want {
				t.Errorf("%q: %q in context = %v, want %v", c.text, c.word, h.context, c.want)
			}
		}
		if !found {
			t.Errorf("%q: no trigger %q", c.text, c.word)
		}
	}
}

// TestShotsAndHeavyWeapons: shots and bursts of fire are a battle's only
// when no heavier weapon is named; heavy weapons fired at positions are
// shelling.
func TestShotsAndHeavyWeapons(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text, sub string
	}{
		{"On 3 June 2021, separatist forces fired mortars at army positions near the village, and monitors counted 12 shots.", "Shelling/artillery/missile attack"},
		{"On 3 June 2021, monitors recorded 15 bursts of fire involving heavy machineguns near the village.", "Shelling/artillery/missile attack"},
		{"On 3 June 2021, monitors recorded 9 projectiles and shots near the village.", "Shelling/artillery/missile attack"},
		{"On 3 June 2021, rebels fired heavy and medium weapons at residential areas of the town.", "Shelling/artillery/missile attack"},
		{"On 3 June 2021, army units fired anti-aircraft guns at rebel positions.", "Shelling/artillery/missile attack"},
		{"On 3 June 2021, monitors recorded 20 shots near the village.", "Armed clash"},
		{"On 3 June 2021, monitors recorded 30 bursts of fire involving small arms and heavy machineguns near the village.", "Armed clash"},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		if ev.SubEventType != c.sub {
			t.Errorf("%q\n got %s, want %s", c.text, ev.SubEventType, c.sub)
		}
	}
}

// TestLeadWithPastAside: a report whose only sentence carries a vague past
// in an aside ("arrested in 1998") still reports its lead's act.
func TestLeadWithPastAside(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text, plover string
	}{
		{"The government has offered to release two prisoners who were arrested in 1998, officials said.", "AGREE"},
		{"The foreign minister will visit the neighbouring capital, the first such visit since relations were cut in 1979.", "AGREE"},
		{"Police arrested two men suspected of a bank robbery in 2009.", "COERCE"},
	}
	for _, c := range cases {
		evs := x.Events(doc(c.text, "2021-06-04"))
		if len(evs) == 0 {
			t.Errorf("%q: no event", c.text)
			continue
		}
		if evs[0].PLOVER != c.plover {
			t.Errorf("%q\n got PLOVER %s, want %s", c.text, evs[0].PLOVER, c.plover)
		}
	}
}
