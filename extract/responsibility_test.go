package extract

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// TestClaimedResponsibility: an armed group that claims an attack is its
// actor1, and the force read as acting in the text of the attack — its
// target — becomes actor2. A claim that is negated or denied changes
// nothing.
func TestClaimedResponsibility(t *testing.T) {
	x := withGazetteer(t)
	lead := "A car bomb exploded at a police checkpoint in Baidoa on Saturday, killing four officers. "
	tests := []struct {
		claim, actor1, actor2 string
	}{
		{"Al Shabaab claimed responsibility for the attack.", "Al Shabaab", "Police Forces of Somalia"},
		{"Al Shabaab said in a statement on its radio station that it had carried out the attack.", "Al Shabaab", "Police Forces of Somalia"},
		{"Responsibility was claimed by Al Shabaab.", "Al Shabaab", "Police Forces of Somalia"},
		{"Al Shabaab claimed the attack.", "Al Shabaab", "Police Forces of Somalia"},
		{"No group has claimed responsibility.", "", ""},
		{"Al Shabaab denied it carried out the attack.", "", ""},
	}
	base := mainEvent(t, x, lead, "2024-05-05")
	for _, tt := range tests {
		ev := mainEvent(t, x, lead+tt.claim, "2024-05-05")
		want1, want2 := tt.actor1, tt.actor2
		if want1 == "" {
			// unchanged from the report without the sentence
			want1, want2 = base.Actor1, base.Actor2
		}
		if ev.Actor1 != want1 || !hasPrefix(ev.Actor2, want2) {
			t.Errorf("%q: actor1 %q, actor2 %q; want %q, %q", tt.claim, ev.Actor1, ev.Actor2, want1, want2)
		}
	}
	if base.Actor1 == "Al Shabaab" {
		t.Errorf("without a claim the attack is already Al Shabaab's: the test tells nothing")
	}
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// TestInterceptions: what air defences intercept or shoot down was
// stopped: the event is the disruption of the weapons, by the forces that
// stopped them, of the forces that fired them — "its air defences" being
// the forces of the country that speaks.
func TestInterceptions(t *testing.T) {
	x := withGazetteer(t)
	for _, text := range []string{
		"Ukrainian air defences shot down 12 Russian drones over the Odesa region overnight.",
		"Ukraine said its air defences shot down 12 Russian drones overnight over the Odesa region.",
	} {
		ev := mainEvent(t, x, text, "2024-06-12")
		if ev.SubEventType != "Disrupted weapons use" || !hasPrefix(ev.Actor1, "Military Forces of Ukraine") || !hasPrefix(ev.Actor2, "Military Forces of Russia") {
			t.Errorf("%q: %s, %q / %q", text, ev.SubEventType, ev.Actor1, ev.Actor2)
		}
	}
	ev := mainEvent(t, x, "Israeli air defences intercepted a rocket fired from Lebanon on Tuesday.", "2024-06-12")
	if ev.SubEventType != "Disrupted weapons use" {
		t.Errorf("interception read as %s", ev.SubEventType)
	}
}

// TestSaidItStruck: a force that says it struck acknowledges the strike.
func TestSaidItStruck(t *testing.T) {
	x := withGazetteer(t)
	ev := mainEvent(t, x, "An air strike on a house in Rafah killed nine people, medics said. The Israeli military said it struck a militant commander.", "2024-06-12")
	found := false
	for _, c := range ev.Claims {
		found = found || c.Kind == "responsibility" && !c.Denied && c.Claimant == "Israeli military"
	}
	if !found || !hasPrefix(ev.Actor1, "Military Forces of Israel") {
		t.Errorf("actor1 %q, claims %+v: want the military's acknowledgement", ev.Actor1, ev.Claims)
	}
}

// TestSeizedExplosives: explosives seized are not a bombing, and a force
// that says it did the act did it though it is also the source.
func TestSeizedExplosives(t *testing.T) {
	x := withGazetteer(t)
	ev := mainEvent(t, x, "The Iraqi army said on Monday it had destroyed an IS hideout near Kirkuk and seized weapons and explosives.", "2024-06-12")
	if ev.EventType != "Strategic developments" || !hasPrefix(ev.Actor1, "Military Forces of Iraq") || !hasPrefix(ev.Actor2, "Islamic State") {
		t.Errorf("%s / %s, %q / %q", ev.EventType, ev.SubEventType, ev.Actor1, ev.Actor2)
	}
}

// TestClaimedActs: a group claims an act in more words than "claimed
// responsibility": "claimed an attack", "claimed a drone attack",
// "claimed to have killed". "Claimed that the attack ..." is a statement
// about an act, not a claim of it.
func TestClaimedActs(t *testing.T) {
	x := withGazetteer(t)
	claims := []struct{ text, claimant string }{
		{"The Houthis claimed an attack on a ship off Hodeidah on Wednesday.", "Houthis"},
		{"Houthi rebels claimed a drone attack on a tanker off Hodeidah on Wednesday.", "Houthi rebels"},
		{"Al-Shabaab militants claimed to have killed two soldiers near Kismayo on Monday.", "Al-Shabaab militants"},
	}
	for _, tt := range claims {
		ev := mainEvent(t, x, tt.text, "2024-06-13")
		c, ok := findClaim(ev, sitrep.Responsibility, 0)
		if !ok || c.Claimant != tt.claimant {
			t.Errorf("%q: responsibility claim %+v (found %v), want one by %q", tt.text, c, ok, tt.claimant)
		}
		if ev.Inter1 == 0 || ev.Inter1 == 3 && strings.HasPrefix(ev.Actor1, "Unidentified") {
			t.Errorf("%q: actor1 %q, want the claimant", tt.text, ev.Actor1)
		}
	}
	text := "The army claimed that the attack on Hodeidah killed two soldiers on Wednesday."
	if c, ok := findClaim(mainEvent(t, x, text, "2024-06-13"), sitrep.Responsibility, 0); ok {
		t.Errorf("%q: responsibility claim %+v", text, c)
	}
}

// TestSaidItRecaptured: "the army said it had recaptured X from Y" is
// the army's act, as "said it struck" is; Y is the side that lost.
func TestSaidItRecaptured(t *testing.T) {
	x := withGazetteer(t)
	text := "Sudan's army said on Monday it had recaptured the strategic town of Sinja from the Rapid Support Forces after days of fighting."
	ev := mainEvent(t, x, text, "2024-06-17")
	if ev.Actor1 != "Military Forces of Sudan (2019-)" || !strings.Contains(ev.Actor2, "Rapid Support Forces") {
		t.Errorf("%q: %q against %q", text, ev.Actor1, ev.Actor2)
	}
}

// TestDeniedInvolvement: a party named only as denying the act ("the
// Taliban denied involvement in the attack") is not its actor when no one
// claims it, and its denial does not deny the dead.
func TestDeniedInvolvement(t *testing.T) {
	x := withGazetteer(t)
	text := "The Taliban denied involvement in the attack on a mosque in Kabul on Friday, which killed 10 worshippers."
	ev := mainEvent(t, x, text, "2024-06-15")
	if ev.Actor1 != "Unidentified Armed Group (Afghanistan)" {
		t.Errorf("%q: actor1 %q, want an unidentified group", text, ev.Actor1)
	}
	if ev.Fatalities != 10 {
		t.Errorf("%q: %d fatalities, want 10 (claims %+v)", text, ev.Fatalities, ev.Claims)
	}
	if c, ok := findClaim(ev, sitrep.Responsibility, 0); !ok || !c.Denied || c.Claimant != "Taliban" {
		t.Errorf("%q: responsibility %+v (found %v), want the Taliban's denial", text, c, ok)
	}
}

// TestBombingOnTheGround: "the bombing of a bus" with no aircraft in view
// is a bomb set off on the ground; with jets or helicopters, an air strike.
func TestBombingOnTheGround(t *testing.T) {
	x := withGazetteer(t)
	tests := []struct{ text, sub string }{
		{"Nobody has claimed the bombing of a bus in Quetta on Monday that killed six passengers, police said.", "Remote explosive/landmine/IED"},
		{"Government helicopters bombed a market in Idlib on Monday, killing six civilians.", "Air/drone strike"},
	}
	for _, tt := range tests {
		if ev := mainEvent(t, x, tt.text, "2024-06-11"); ev.SubEventType != tt.sub {
			t.Errorf("%q: %s, want %s", tt.text, ev.SubEventType, tt.sub)
		}
	}
}

// TestSaidItDefused: "the army said it defused a bomb" is the army's act.
func TestSaidItDefused(t *testing.T) {
	x := withGazetteer(t)
	text := "The army said it defused an improvised explosive device planted on a road near Mosul on Monday."
	if ev := mainEvent(t, x, text, "2024-06-11"); ev.Actor1 != "Military Forces of Iraq (2018-)" {
		t.Errorf("%q: actor1 %q", text, ev.Actor1)
	}
}
