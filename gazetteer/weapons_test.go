package gazetteer

import "testing"

// TestWeaponNotPlace: "Iron Dome" is a weapon system, not the village of
// ‘En ‘Iron: the place the interception happened over is the place.
func TestWeaponNotPlace(t *testing.T) {
	g := defaultGazetteer(t)
	for _, tp := range g.Find("Two rockets were intercepted by the Iron Dome system over Ashkelon on Tuesday.", nil) {
		if tp.Name == "Iron" || tp.Name == "Iron Dome" {
			t.Errorf("%q read as a place: %+v", tp.Name, tp.Place)
		}
	}
}
