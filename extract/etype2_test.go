package extract

import "testing"

// TestArmedVictims: people hurt who bear arms for a group make the attack
// a battle; people named by a civilian role, or no role, keep it violence
// against civilians.
func TestArmedVictims(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text, sub string
	}{
		{"On 3 June 2021, a tribal militia fighter was shot dead by Islamic State snipers near the river.", "Armed clash"},
		{"On 3 June 2021, one KDP fighter was shot dead by Islamic State snipers near the river.", "Armed clash"},
		{"On 3 June 2021, unknown gunmen shot dead a gang member near the market.", "Armed clash"},
		{"On 3 June 2021, unknown gunmen killed two members of the Lions of the Valley near the market.", "Attack"},
		{"On 3 June 2021, Islamic State militants killed a rapid response force officer near the checkpoint.", "Armed clash"},
		{"On 3 June 2021, gunmen opened fire on a car carrying a local commander, injuring two members of his escort.", "Armed clash"},
		{"On 3 June 2021, gunmen shot and killed a suspected member of a rival gang in the market.", "Armed clash"},
		{"On 3 June 2021, MS-13 members killed an alleged member of Barrio 18 near the school.", "Armed clash"},
		{"On 3 June 2021, gunmen shot and killed a health officer near the clinic.", "Attack"},
		{"On 3 June 2021, gunmen shot and killed a former soldier near his home.", "Attack"},
		{"On 3 June 2021, gunmen shot dead an off-duty policeman near his home.", "Attack"},
		{"On 3 June 2021, gunmen shot dead a police officer who was off duty near his home.", "Attack"},
		{"On 3 June 2021, gunmen killed a member of an opposition party near his home.", "Attack"},
		{"On 3 June 2021, gunmen shot and killed two farmers in their fields.", "Attack"},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		if ev.SubEventType != c.sub {
			t.Errorf("%q\n got %s (%s | %s), want %s", c.text, ev.SubEventType, ev.Actor1, ev.Actor2, c.sub)
		}
	}
}

// TestLookalikeTriggers: words that contain a trigger but tell no act.
func TestLookalikeTriggers(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text, sub string
	}{
		{"On 3 June 2021, firefighters protested outside the town hall against budget cuts.", "Peaceful protest"},
		{"On 3 June 2021, a firefight broke out between soldiers and rebels near the bridge.", "Armed clash"},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		if ev.SubEventType != c.sub {
			t.Errorf("%q\n got %s (%s | %s), want %s", c.text, ev.SubEventType, ev.Actor1, ev.Actor2, c.sub)
		}
	}
}
