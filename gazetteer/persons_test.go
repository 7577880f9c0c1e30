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
