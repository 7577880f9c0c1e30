package extract

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestTolls: a death toll is a claim of deaths, however the toll is given,
// with the source that gave it; "a toll" counts no one, and a casualty
// toll, which counts the wounded too, is not a count of deaths.
func TestTolls(t *testing.T) {
	x := New(nil)
	lead := "Shelling killed four civilians in the town on Tuesday, residents said. "
	tests := []struct {
		text      string
		count     int // 0: no claim beyond the lead's
		claimant  string
		qualifier string
	}{
		{"The death toll rose to 7 on Wednesday.", 7, "", "exact"},
		{"The toll stood at 9 on Wednesday.", 9, "", "exact"},
		{"The death toll has climbed to 25.", 25, "", "exact"},
		{"The Civil Defence put the toll at 12.", 12, "The Civil Defence", "exact"},
		{"The Civil Defence, the rescue service of the area, put the death toll at 15.", 15, "The Civil Defence", "exact"},
		{"The hospital gave a slightly lower toll of 11.", 11, "The hospital", "exact"},
		{"A doctor put the death toll at at least 30.", 30, "A doctor", "at least"},
		{"The death toll from Sunday's attack on the market has risen to 18, a local official said.", 18, "a local official", "exact"},
		{"The casualty toll rose to 40.", 0, "", ""},
		{"The number of people in the camp has risen to 12,000.", 0, "", ""},
		{"A toll road was closed for 2 hours.", 0, "", ""},
		{"The state agency did not give a death toll.", 0, "", ""},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, lead+tt.text, "2021-06-09")
		var extra []sitrep.Claim
		for _, c := range ev.Claims {
			if !(c.CountLow == 4 && c.CountHigh == 4) {
				extra = append(extra, c)
			}
		}
		if tt.count == 0 {
			if len(extra) != 0 {
				t.Errorf("%q: claims %+v, want none", tt.text, extra)
			}
			continue
		}
		if len(extra) != 1 {
			t.Errorf("%q: claims %+v, want one of %d", tt.text, extra, tt.count)
			continue
		}
		c := extra[0]
		if c.Kind != sitrep.Killed || c.CountLow != tt.count || c.CountHigh != tt.count || c.Qualifier != tt.qualifier || c.Claimant != tt.claimant {
			t.Errorf("%q: %s %d–%d (%s) by %q, want killed %d (%s) by %q", tt.text, c.Kind, c.CountLow, c.CountHigh, c.Qualifier, c.Claimant, tt.count, tt.qualifier, tt.claimant)
		}
	}
}

// TestToDeath: "hacked to death a councillor" is a death.
func TestToDeath(t *testing.T) {
	ev := mainEvent(t, New(nil), "Unknown attackers hacked to death a ruling party councillor in the town on Wednesday, a local official said.", "2024-06-12")
	if ev.Fatalities != 1 {
		t.Errorf("fatalities %d, want 1 (claims %+v)", ev.Fatalities, ev.Claims)
	}
}

// TestClaimantAfterOpener: "X said" that opens a sentence after a short
// opener ("On 3 May 2020, the army said 30 ...") names who gives the
// figures of the clause it introduces.
func TestClaimantAfterOpener(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct {
		text, claimant string
		killed         int
	}{
		{"On 3 May 2020, the army said 30 militants were killed in air strikes near Baidoa.", "the army", 30},
		{"On 3 May 2020, al-Shabaab said its fighters killed 12 soldiers in an ambush near Baidoa.", "al-Shabaab", 12},
		{"Later, the ministry said four civilians died in the shelling of Kharkiv.", "the ministry", 4},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2020-05-05")
		c, ok := findClaim(ev, "killed", tt.killed)
		if !ok {
			t.Errorf("%q: no claim of %d killed in %+v", tt.text, tt.killed, ev.Claims)
			continue
		}
		if c.Claimant != tt.claimant {
			t.Errorf("%q: %d killed claimed by %q, want %q", tt.text, tt.killed, c.Claimant, tt.claimant)
		}
	}
}

// TestClaimedKilling: "claimed the killing of 12 soldiers" is a figure of
// the dead, given by the claimant; "protested the killing of two" tells
// of deaths before the protest, and is none of its figures.
func TestClaimedKilling(t *testing.T) {
	x := withGazetteer(t)
	ev := mainEvent(t, x, "On 3 May 2020, Islamic State claimed the killing of 12 soldiers in an ambush near Diffa.", "2020-05-05")
	if c, ok := findClaim(ev, "killed", 12); !ok || c.Claimant != "Islamic State" {
		t.Errorf("claimed killing: claims %+v, want 12 killed claimed by Islamic State", ev.Claims)
	}
	ev = mainEvent(t, x, "On 3 May 2020, students protested in Lagos against the killing of two classmates.", "2020-05-05")
	if c, ok := findClaim(ev, "killed", 2); ok {
		t.Errorf("protest against a killing: claim %+v of its dead", c)
	}
}

// TestLowerTollOfAnotherSource: a toll that names no victims, lower than
// the named dead, is another source's count of the same dead: it is the
// low figure, and ACLED's conservative fatalities; a toll that sums the
// named dead changes nothing.
func TestLowerTollOfAnotherSource(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct {
		text            string
		low, high, best int
	}{
		{"Gunmen killed 14 villagers in a raid on a village in Zamfara state, residents said. Police confirmed the attack but put the toll at seven.", 7, 14, 7},
		{"Gunmen killed three soldiers and two civilians near Maiduguri on Monday. The toll rose to five, police said.", 5, 5, 5},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2024-06-12")
		if ev.FatalitiesLow == nil || ev.FatalitiesHigh == nil || *ev.FatalitiesLow != tt.low || *ev.FatalitiesHigh != tt.high || ev.Fatalities != tt.best {
			t.Errorf("%q: fatalities %d (low %v, high %v), want %d (%d–%d)", tt.text, ev.Fatalities, ev.FatalitiesLow, ev.FatalitiesHigh, tt.best, tt.low, tt.high)
		}
	}
}

// TestStatementIsNoVictim: "in a statement that 10 soldiers were killed"
// counts 10 soldiers, not one statement; and "the army" that says so is
// the army, not the sources the report quoted before.
func TestStatementIsNoVictim(t *testing.T) {
	x := withGazetteer(t)
	text := "Jihadist fighters killed at least 30 soldiers in an attack on a camp in central Mali on Friday, two security sources said. The army said in a statement that 10 soldiers were killed."
	ev := mainEvent(t, x, text, "2024-06-15")
	if c, ok := findClaim(ev, "killed", 1); ok {
		t.Errorf("a claim of one killed: %+v", c)
	}
	c, ok := findClaim(ev, "killed", 10)
	if !ok || c.Claimant != "The army" {
		t.Errorf("claim of 10 killed %+v (found %v), want one by The army", c, ok)
	}
	if ev.FatalitiesLow == nil || *ev.FatalitiesLow != 10 || ev.FatalitiesHigh == nil || *ev.FatalitiesHigh != 30 {
		t.Errorf("fatalities %d, low %v, high %v; want 10 to 30", ev.Fatalities, ev.FatalitiesLow, ev.FatalitiesHigh)
	}
}

// TestLynchedAndBeheaded: lynching and beheading are killings, counted as
// the dead whether the verb comes before the figure or after it.
func TestLynchedAndBeheaded(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct {
		text string
		dead int
	}{
		{"A mob lynched a man accused of stealing a motorcycle in the village of Kibuye on Sunday.", 1},
		{"Two men were lynched by a mob in Kibuye on Sunday.", 2},
		{"Militants beheaded two farmers near Palma on Sunday.", 2},
	}
	for _, tt := range tests {
		if ev := mainEvent(t, x, tt.text, "2024-06-17"); ev.Fatalities != tt.dead {
			t.Errorf("%q: %d fatalities, want %d", tt.text, ev.Fatalities, tt.dead)
		}
	}
}

// TestTollAfterLongPhrase: a toll's verb may come after a long phrase
// telling which attack it counts: "the death toll from Saturday's attack
// on a market in the eastern town of Beni rose to 42".
func TestTollAfterLongPhrase(t *testing.T) {
	x := withGazetteer(t)
	text := "The death toll from Saturday's attack on a market in the eastern town of Beni rose to 42, a local official said on Monday."
	if ev := mainEvent(t, x, text, "2024-06-17"); ev.Fatalities != 42 {
		t.Errorf("%q: %d fatalities, want 42", text, ev.Fatalities)
	}
}

// TestNumberOfDead: "the number of dead" is a toll ("putting the number
// of dead at 15"), not "a number of" people (two to nine).
func TestNumberOfDead(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct {
		text string
		dead int
	}{
		{"Gunmen killed 11 people in a village in Katsina state on Monday, police said. Residents said the toll could be higher, putting the number of dead at 15.", 15},
		{"The number of dead rose to 30 on Tuesday after the bombing of a market in Kabul.", 30},
	}
	for _, tt := range tests {
		ev := mainEvent(t, x, tt.text, "2024-06-11")
		if _, ok := findClaim(ev, "killed", tt.dead); !ok {
			t.Errorf("%q: no claim of %d dead in %+v", tt.text, tt.dead, ev.Claims)
		}
		for _, c := range ev.Claims {
			if c.Kind == "killed" && c.CountHigh == 9 {
				t.Errorf("%q: %+v read 'the number of' as a few", tt.text, c)
			}
		}
	}
}

// TestCollectiveCount: "a family of five" counts five, "a group of 12
// farmers" twelve, not one family or group.
func TestCollectiveCount(t *testing.T) {
	x := withGazetteer(t)
	ev := mainEvent(t, x, "An air strike hit a house in Kafr Nabl in southern Idlib on Monday, killing a family of five.", "2024-06-14")
	if ev.Fatalities != 5 {
		t.Errorf("a family of five: %d fatalities, claims %+v", ev.Fatalities, ev.Claims)
	}
	ev = mainEvent(t, x, "Gunmen abducted a group of 12 farmers near Maiduguri on Monday.", "2024-06-14")
	if _, ok := findClaim(ev, "captured", 12); !ok {
		t.Errorf("a group of 12 farmers: claims %+v", ev.Claims)
	}
	if c, ok := findClaim(ev, "captured", 1); ok {
		t.Errorf("a group counted as one: %+v", c)
	}
}

// TestCountWithAside: "at least 17 people, including four children, were
// killed": the aside between commas leaves the 17 their verb, and the
// people counted are the strikes' target.
func TestCountWithAside(t *testing.T) {
	x := withGazetteer(t)
	text := "At least 17 people, including four children, were killed in regime air strikes on the town of Maarat al-Numan in Idlib province on Sunday."
	ev := mainEvent(t, x, text, "2019-07-22")
	if ev.Fatalities != 17 {
		t.Errorf("%q: %d fatalities, want 17", text, ev.Fatalities)
	}
	if ev.Actor2 != "Civilians (Syria)" || ev.Interaction != 17 {
		t.Errorf("%q: actor2 %q (%d), want Civilians (Syria), 17", text, ev.Actor2, ev.Interaction)
	}
}

// TestToDeathPassive: "stabbed to death", "hacked to death" and kin count the
// dead in the passive as in the active.
func TestToDeathPassive(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct {
		text string
		dead int
	}{
		{"A police officer was stabbed to death outside a station in Hamburg on Friday.", 1},
		{"Two farmers were hacked to death near Jos on Friday.", 2},
	}
	for _, tt := range tests {
		if ev := mainEvent(t, x, tt.text, "2024-06-17"); ev.Fatalities != tt.dead {
			t.Errorf("%q: %d fatalities, want %d", tt.text, ev.Fatalities, tt.dead)
		}
	}
}

// TestChainWithPossessive: "killed a local chief and his two sons" counts
// three dead, as "killed the chief and two of his sons" does.
func TestChainWithPossessive(t *testing.T) {
	x := withGazetteer(t)
	text := "Unidentified assailants killed a local chief and his two sons in a village near Tillaberi on Friday."
	if ev := mainEvent(t, x, text, "2024-06-16"); ev.Fatalities != 3 {
		t.Errorf("%q: %d fatalities, want 3 (claims %+v)", text, ev.Fatalities, ev.Claims)
	}
}
