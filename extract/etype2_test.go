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

// TestEarlierPhrases: a phrase opened by "after", "following" or "who" that
// holds an earlier time tells earlier acts; without one it may tell the
// event itself as a chain.
func TestEarlierPhrases(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text, sub string
	}{
		{"On 3 June 2021, residents banged pots in protest after the riots and looting in the city's jail in the previous week.", "Peaceful protest"},
		{"On 3 June 2021, neighbours marched to demand security after several days of armed clashes between rival gangs in the area.", "Peaceful protest"},
		{"On 3 June 2021, protesters gathered outside the court and demanded the release of students who were arrested in recent demonstrations.", "Peaceful protest"},
		{"On 3 June 2021, traders protested following weeks of attacks on shops by unknown gunmen.", "Peaceful protest"},
		// an operation to rescue or free people tells of their abduction before
		{"On 3 June 2021, gunmen clashed with soldiers during an operation to rescue three engineers who were kidnapped.", "Armed clash"},
		// no earlier time: the chain is the event
		{"On 3 June 2021, a suspected robber was killed by police after exchanging fire with officers near the market.", "Armed clash"},
		{"On 3 June 2021, a trader was shot dead by gunmen after they stormed his house in the village.", "Attack"},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		if ev.SubEventType != c.sub {
			t.Errorf("%q\n got %s (%s | %s), want %s", c.text, ev.SubEventType, ev.Actor1, ev.Actor2, c.sub)
		}
	}
}

// TestMoreTriggers: acts named by words the trigger list lacked.
func TestMoreTriggers(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text, sub string
	}{
		{"On 3 June 2021, government forces pounded and destroyed several houses in the valley.", "Shelling/artillery/missile attack"},
		{"On 3 June 2021, Taliban militants attacked Afghan commandos who were airdropped by helicopters near the district centre.", "Armed clash"},
		{"On 3 June 2021, villagers set alight two suspected thieves near the market. 2 fatalities. [size=dozens]", "Mob violence"},
		{"On 3 June 2021, two men threatened police officers with knives at a checkpoint. [size=2]", "Mob violence"},
		{"On 3 June 2021, the Lions of the Valley ended its affiliation with the northern operations room.", "Change to group/activity"},
		{"On 3 June 2021, 300 families evacuated following fighting between two rival clans near the village.", "Other"},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		if ev.SubEventType != c.sub {
			t.Errorf("%q\n got %s (%s | %s), want %s", c.text, ev.SubEventType, ev.Actor1, ev.Actor2, c.sub)
		}
	}
}

// TestIntentions: a party saying it will do something cooperative agrees;
// saying it will do something coercive, or anything on a condition,
// threatens.
func TestIntentions(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text, plover string
	}{
		{"The northern rebels said on Monday they will release the twelve aid workers they seized in March.", "AGREE"},
		{"The prime minister said he is prepared to lift the ban on the opposition party.", "AGREE"},
		{"The defence ministry said it is ready to contribute 500 troops to a regional force.", "AGREE"},
		{"The governor announced that he will extend the night curfew in the capital by two weeks.", "THREATEN"},
		{"Striking truckers said they would blockade the port from Tuesday to press for higher rates.", "THREATEN"},
		{"The government said it will withdraw its ambassador unless the detained journalists are freed.", "THREATEN"},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		if ev.PLOVER != c.plover {
			t.Errorf("%q\n got %s (%s), want %s", c.text, ev.PLOVER, ev.SubEventType, c.plover)
		}
	}
}

// TestStatements: apologies are diplomatic support (CAMEO 05), and a
// resignation is a retreat even when a threat is told alongside.
func TestStatements(t *testing.T) {
	x := New(nil)
	cases := []struct {
		text, plover string
	}{
		{"The foreign ministry apologized to its neighbour for a patrol boat that entered its waters.", "SUPPORT"},
		{"The interior minister resigned on Friday as protesters threatened to occupy the ministry.", "RETREAT"},
	}
	for _, c := range cases {
		ev := mainEvent(t, x, c.text, "2021-06-04")
		if ev.PLOVER != c.plover {
			t.Errorf("%q\n got %s (%s), want %s", c.text, ev.PLOVER, ev.SubEventType, c.plover)
		}
	}
}
