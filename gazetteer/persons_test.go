package gazetteer

import "testing"

// TestFindPersonNames checks that a capitalised word right after a given
// name or a title, and a given name right before a surname, are read as
// a person rather than a place, unless a locative cue comes first.
func TestFindPersonNames(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		text, name string
		place      bool // whether name should be found as a place
	}{
		{"Sarah Dayton spoke to reporters about the aid convoy.", "Dayton", false},
		{"Lorraine Walsh said the convoy reached the camp.", "Lorraine", false},
		{"Aid was discussed when the ambassador Dayton met the delegation.", "Dayton", false},
		{"Aid was discussed when the senator Dayton met the delegation.", "Dayton", false},
		{"Aid was discussed when the UN chief Dayton met the delegation.", "Dayton", false},
		// a cue before the given name keeps the place reading
		{"The convoy drove on to the town of Dayton in Ohio.", "Dayton", true},
	}
	for _, tt := range tests {
		_, found := first(g.Find(tt.text, nil), tt.name)
		if found != tt.place {
			t.Errorf("Find(%q): %s found = %v, want %v", tt.text, tt.name, found, tt.place)
		}
	}
}

// TestFindPossessive checks that a place ending in a possessive owns the
// capitalised words after it instead of beginning a longer name with
// them: "Beirut's Wadi Abu Jameel area" is in Beirut, where "Wadi" after
// a name would otherwise read as the rest of a person's or place's name.
func TestFindPossessive(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		text, name string
		place      bool
	}{
		{"Workers demonstrated in Beirut's Wadi Abu Jameel area on Friday.", "Beirut", true},
		{"Workers demonstrated in Beirut\u2019s Wadi Abu Jameel area on Friday.", "Beirut", true},
		{"Workers gathered near Aleppo's University Hospital to ask for their wages.", "Aleppo", true},
	}
	for _, tt := range tests {
		_, found := first(g.Find(tt.text, nil), tt.name)
		if found != tt.place {
			t.Errorf("Find(%q): %s found = %v, want %v", tt.text, tt.name, found, tt.place)
		}
	}
}
