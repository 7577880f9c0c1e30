package extract

import (
	"strings"
	"testing"
)

// TestPassiveReportNotSource: "X attacks were reported on Y" tells what
// happened; the words before the passive verb are the event's parties, not
// the source of its figures.
func TestPassiveReportNotSource(t *testing.T) {
	x := New(nil)
	for _, text := range []string{
		"On 4 May 2021, two Taliban rocket attacks were reported on a checkpoint in Kandahar.",
		"On 4 May 2021, an al Shabaab mortar attack was reported on the airport in Mogadishu.",
	} {
		ev := mainEvent(t, x, text, "2021-05-05")
		if ev.Actor1 == "" || ev.Inter1 != 2 {
			t.Errorf("%q\n got actor1 %q (%d), want the armed group", text, ev.Actor1, ev.Inter1)
		}
	}
	// an active "reported" still names a source
	ev := mainEvent(t, x, "On 4 May 2021, two soldiers were killed in a blast near Kandahar, the Taliban reported.", "2021-05-05")
	if strings.Contains(ev.Actor1, "Taliban") || strings.Contains(ev.Actor2, "Taliban") {
		t.Errorf("the source became a party: %q / %q", ev.Actor1, ev.Actor2)
	}
}

// TestProtestIntervention: forces that detain, block or remove
// demonstrators intervene in the protest, and are its second actor.
func TestProtestIntervention(t *testing.T) {
	x := New(nil)
	for _, text := range []string{
		"On 2 May 2021, about 50 traders protested outside the town hall in Lahore. Several protesters were briefly detained.",
		"On 2 May 2021, students demonstrated near the university in Lahore, Pakistan. Security forces arrested students who did not carry an ID.",
		"On 2 May 2021, nurses demonstrated outside the hospital in Lahore and were peacefully removed by the police.",
		"On 2 May 2021, police blocked a march of farmers in Lahore who demanded better prices.",
	} {
		ev := mainEvent(t, x, text, "2021-05-03")
		if ev.SubEventType != "Protest with intervention" || ev.Inter2 != 1 {
			t.Errorf("%q\n got %s (%s | %s %d), want Protest with intervention by state forces", text, ev.SubEventType, ev.Actor1, ev.Actor2, ev.Inter2)
		}
	}
}

// TestUnknownShelling: shells, rockets or explosions whose side the text does
// not tell are an unidentified armed group's; an air strike is left without
// a guessed actor.
func TestUnknownShelling(t *testing.T) {
	x := New(nil)
	for _, text := range []string{
		"On 4 May 2021, heavy artillery fire by an unknown party was reported in a suburb of Aleppo, Syria. No casualties reported.",
		"On 4 May 2021, two mortar shells landed near the market of a village in Syria, wounding a child.",
	} {
		ev := mainEvent(t, x, text, "2021-05-05")
		if ev.EventType != "Explosions/Remote violence" || !strings.HasPrefix(ev.Actor1, "Unidentified Armed Group") {
			t.Errorf("%q\n got %s / %q, want an unidentified armed group's remote violence", text, ev.SubEventType, ev.Actor1)
		}
	}
	ev := mainEvent(t, x, "On 4 May 2021, air strikes hit a village in Syria, wounding a child.", "2021-05-05")
	if strings.HasPrefix(ev.Actor1, "Unidentified Armed Group") {
		t.Errorf("an air strike was given to %q", ev.Actor1)
	}
}

// TestStateForceNames: a single gendarme, auxiliary forces and special
// security forces are state forces.
func TestStateForceNames(t *testing.T) {
	x := New(nil)
	for _, text := range []string{
		"On 9 May 2021, a gendarme shot and killed a taxi driver in a town of Cameroon after a dispute.",
		"On 9 May 2021, an auxiliary force officer assaulted two journalists at a market in Morocco.",
		"On 9 May 2021, special security forces opened fire on a car at a checkpoint in Yemen, killing a teacher.",
	} {
		ev := mainEvent(t, x, text, "2021-05-10")
		if ev.Inter1 != 1 || ev.Inter2 != 7 {
			t.Errorf("%q\n got %q (%d) / %q (%d), want state forces against civilians", text, ev.Actor1, ev.Inter1, ev.Actor2, ev.Inter2)
		}
	}
}

// TestArmedSubjectWithModifier: an armed subject whose own modifier holds a
// link word ("soldiers from Battalion 5") still did the act told between it
// and the civilians after it.
func TestArmedSubjectWithModifier(t *testing.T) {
	x := New(nil)
	text := "On 3 May 2021, Myanmar soldiers from Battalion 12 attacked a school teacher with a grenade in a village of Myanmar."
	ev := mainEvent(t, x, text, "2021-05-04")
	if ev.Inter1 != 1 || ev.Inter2 != 7 {
		t.Errorf("%q\n got %q (%d) / %q (%d), want the soldiers against a civilian", text, ev.Actor1, ev.Inter1, ev.Actor2, ev.Inter2)
	}
}

// TestClashVictimsNotSides: people named only as the dead of a clash told in
// another sentence are not a crowd that fought; rival cartels are gangs.
func TestClashVictimsNotSides(t *testing.T) {
	x := New(nil)
	for _, text := range []string{
		"On 4 May 2021, heavy clashes were reported near a ranch in Mexico. Two people died.",
		"On 4 May 2021, an armed clash between two rival cartels was reported near a ranch in Mexico. One person died.",
	} {
		ev := mainEvent(t, x, text, "2021-05-05")
		if ev.SubEventType != "Armed clash" || ev.Inter1 == 5 || ev.Inter1 == 7 {
			t.Errorf("%q\n got %s (%q %d / %q %d), want an armed clash", text, ev.SubEventType, ev.Actor1, ev.Inter1, ev.Actor2, ev.Inter2)
		}
	}
	ev := mainEvent(t, x, "On 4 May 2021, an armed clash between two rival cartels was reported near a ranch in Mexico.", "2021-05-05")
	if !strings.Contains(ev.Actor1, "Gang") || !strings.Contains(ev.Actor2, "Gang") {
		t.Errorf("rival cartels: got %q %d / %q %d, want two gangs", ev.Actor1, ev.Inter1, ev.Actor2, ev.Inter2)
	}
}

// TestPassiveArrests: people who "were arrested" are the arrested, not a
// group that abducts; the force that arrested them is the state's named
// nearby or, unnamed, the police. "Detainees" tells no arrest.
func TestPassiveArrests(t *testing.T) {
	x := New(nil)
	for _, text := range []string{
		"On 3 May 2021, federal police seized two tons of cannabis from a truck on a highway in Brazil. Three people were arrested.",
		"On 3 May 2021, four people were arrested in a raid on a printing house in Brazil.",
	} {
		ev := mainEvent(t, x, text, "2021-05-04")
		if ev.SubEventType == "Abduction/forced disappearance" || ev.Inter1 != 1 {
			t.Errorf("%q\n got %s (%q %d / %q %d), want an arrest by state forces", text, ev.SubEventType, ev.Actor1, ev.Inter1, ev.Actor2, ev.Inter2)
		}
	}
	text := "On 3 May 2021, a court in Brazil opened a hearing into the treatment of detainees."
	if evs := x.Events(doc(text, "2021-05-04")); len(evs) > 0 && (evs[0].SubEventType == "Arrests" || evs[0].SubEventType == "Abduction/forced disappearance") {
		t.Errorf("%q: got %s", text, evs[0].SubEventType)
	}
}

// TestBattleSideFromEarlierSentence: when the sentence that anchors a battle
// names one side, the other is the armed actor an earlier sentence names.
func TestBattleSideFromEarlierSentence(t *testing.T) {
	x := New(nil)
	text := "On 1 May 2021, soldiers met al Shabaab fighters near a village in Somalia. After a brief exchange of small arms fire, the soldiers retreated."
	ev := mainEvent(t, x, text, "2021-05-02")
	if ev.SubEventType != "Armed clash" || !strings.Contains(ev.Actor1+ev.Actor2, "Shabaab") || ev.Interaction != 12 {
		t.Errorf("%q\n got %s (%q %d / %q %d), want the soldiers against al Shabaab", text, ev.SubEventType, ev.Actor1, ev.Inter1, ev.Actor2, ev.Inter2)
	}
}

// TestBattleSideInAnchorSentence: a battle anchored on a later word of its
// sentence ("amid regime shelling") still has the other side the sentence
// names.
func TestBattleSideInAnchorSentence(t *testing.T) {
	x := New(nil)
	text := "On 9 May 2021, clashes took place between regime forces against Islamist factions on a front in Syria, amid heavy regime shelling on the area."
	ev := mainEvent(t, x, text, "2021-05-10")
	if ev.SubEventType != "Armed clash" || ev.Interaction != 12 {
		t.Errorf("%q\n got %s (%q %d / %q %d), want the regime against the rebels", text, ev.SubEventType, ev.Actor1, ev.Inter1, ev.Actor2, ev.Inter2)
	}
}

// TestNamedInBrackets: a generic armed actor followed by a name in brackets
// is that named group.
func TestNamedInBrackets(t *testing.T) {
	x := New(nil)
	text := "On 7 May 2021, two soldiers were killed by militants (suspected TTP) in an attack on a check post in Pakistan."
	ev := mainEvent(t, x, text, "2021-05-08")
	if !strings.Contains(ev.Actor1+ev.Actor2, "TTP") || ev.Interaction != 12 {
		t.Errorf("%q\n got %q %d / %q %d, want TTP against the military", text, ev.Actor1, ev.Inter1, ev.Actor2, ev.Inter2)
	}
}
