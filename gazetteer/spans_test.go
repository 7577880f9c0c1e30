package gazetteer_test

import (
	"github.com/sitrep-dev/sitrep/internal/shared"

	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

var (
	spansOnce sync.Once
	spansGaz  *gazetteer.Gazetteer
	spansErr  error
)

func spansGazetteer(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	spansOnce.Do(func() { spansGaz, spansErr = gazetteer.Default() })
	if spansErr != nil {
		t.Fatalf("Default: %v", spansErr)
	}
	return spansGaz
}

// mentions returns the text of each span.
func mentions(s string, spans []sitrep.Span) map[string]bool {
	m := map[string]bool{}
	for _, sp := range spans {
		m[s[sp.Start:sp.End]] = true
	}
	return m
}

func TestLocationSpans(t *testing.T) {
	g := spansGazetteer(t)
	for _, tt := range []struct {
		text      string
		want, not []string
	}{
		{"Shelling hit the city overnight.", []string{"the city"}, nil},
		{"Fighters withdrew from a besieged town near the river.", []string{"a besieged town", "the river"}, nil},
		{"Jets struck targets in northern Syria on Monday.", []string{"northern Syria", "Syria"}, []string{"Monday"}},
		{"Residents fled toward the Turkish border.", []string{"the Turkish border"}, nil},
		{"Clashes spread across Raqqa province.", []string{"Raqqa province"}, nil},
		{"The minister toured the Middle East last week.", []string{"Middle East"}, nil},
		{"Strikes hit the dam. Engineers inspected Tabqa Dam again.", []string{"the dam", "Tabqa Dam"}, nil},
		{"Aid reached Camp Zulfa and Mount Qarun by road.", []string{"Camp Zulfa", "Mount Qarun"}, nil},
		{"Troops entered the town of Qasr Maarouf at dawn.", []string{"the town of Qasr Maarouf", "Qasr Maarouf"}, nil},
		{"Two ISIL-held buildings were destroyed.", []string{"Two ISIL-held buildings"}, nil},
		{"A meeting took place in Berlin, Germany, on Friday.", []string{"Berlin, Germany", "Berlin", "Germany"}, []string{"Friday"}},
		{"He grew up in Zandaqiya. Zandaqiya is small.", []string{"Zandaqiya"}, nil},
		{"Coordinates: 33°30′21″N 36°16′11″E", []string{"33°30′21″N 36°16′11″E"}, nil},
		{"We sat there for hours. There are many ways.", []string{"there"}, []string{"There"}},
		{"The talks defended its position firmly.", nil, []string{"its position"}},
		{"Secretary Boris Johnson spoke to reporters.", nil, []string{"Johnson"}},
		// a hyphenated "-held" before a place
		{"Troops advanced on rebel-held Saraqib at dawn.", []string{"rebel-held Saraqib", "Saraqib"}, nil},
		// the second of two places joined by a hyphen, before a capitalised word
		{"Veterans of the Iran-Iraq War gathered on Sunday.", []string{"Iran", "Iraq"}, nil},
		// a list after a cue goes on past a name already taken
		{"Shells fell in Sarmin, Binnish and Qurtawiya overnight.", []string{"Sarmin", "Binnish", "Qurtawiya"}, nil},
		{"The raid struck near Sarmin, Syria, Hollis said.", []string{"Sarmin", "Syria"}, []string{"Hollis"}},
		// place words inside a body's name
		{"Officials of the Kurdistan Regional Government met in Erbil.", []string{"Erbil"}, []string{"Kurdistan"}},
		{"The Britain Government sent aid to Amman.", []string{"Amman"}, []string{"Britain"}},
		// an unknown name whose later word hangs on an article
		{"The convoy was hit in Zibad al-Kabira on Friday.", []string{"Zibad al-Kabira"}, []string{"Zibad"}},
		// one sense per text: a surname read as a person stays a person
		{"Sergeant Mary K. Dayton died in Erbil. The minister sent condolences to Dayton's family.", []string{"Erbil"}, []string{"Dayton"}},
		// a place inside a group's "X State of Y" name, and the name it goes on with
		{"Fighters of the Islamic State of Iraq and the Levant fled Mosul.", []string{"Mosul"}, []string{"Iraq", "Levant"}},
		{"Fighters of the Islamic State of Iraq and Syria fled Mosul. Iraq rebuilt it.", []string{"Mosul", "Iraq"}, []string{"Syria"}},
		{"The State of Israel signed the accord.", []string{"Israel"}, nil},
		// a capitalised direction before a name narrows it, it does not
		// start a longer unknown name
		{"Troops fought in the heart of East Mosul on Monday.", []string{"East Mosul", "Mosul"}, nil},
		// a region's name of several words is one mention, not two; a
		// country inside one is still named
		{"Operations in Southwest Asia and the Gulf of Oman went on.", []string{"Southwest Asia", "Gulf of Oman", "Oman"}, []string{"Asia"}},
		// a gate is a place, named or counted
		{"Crowds gathered at the Nusra Gate while the dam opened 12 gates.", []string{"the Nusra Gate", "12 gates"}, nil},
		// bare nouns listed after a place phrase are places too
		{"The blast hit a weapons depot and hospital near the port.", []string{"a weapons depot", "hospital"}, nil},
		{"Shells struck a clinic, school and mosque on Friday.", []string{"a clinic", "school", "mosque"}, nil},
		{"They walked along the river, crossing fields at night.", []string{"the river"}, []string{"crossing"}},
		// a phrase and the place it lies around
		{"Shelling hit villages around Raqqa and an area outside Damascus.",
			[]string{"villages around Raqqa", "an area outside Damascus", "Raqqa", "Damascus"}, nil},
	} {
		got := mentions(tt.text, g.LocationSpans(tt.text))
		for _, w := range tt.want {
			if !got[w] {
				t.Errorf("%q: missing %q; got %v", tt.text, w, got)
			}
		}
		for _, n := range tt.not {
			if got[n] {
				t.Errorf("%q: %q is not a location mention", tt.text, n)
			}
		}
	}
}

func TestLocationSpansWellFormed(t *testing.T) {
	g := spansGazetteer(t)
	for _, s := range []string{"", "the", "in", "Here.", "the city of", "Camp", "US-led", "in Aleppo, Idlib and", "5.5; 3.1234"} {
		prev := sitrep.Span{}
		for i, sp := range g.LocationSpans(s) {
			if !sp.Valid() || sp.End > len(s) {
				t.Errorf("%q: invalid span %v", s, sp)
			}
			if i > 0 && (sp.Start < prev.Start || sp == prev) {
				t.Errorf("%q: spans not sorted and distinct: %v then %v", s, prev, sp)
			}
			prev = sp
		}
	}
}

// reDir returns ../shared/data/re3d beside the module root, skipping when
// it is absent.
func reDir(t testing.TB) string {
	t.Helper()
	re := filepath.Join(shared.Dir(t), "data", "re3d")
	if _, err := os.Stat(re); err != nil {
		t.Skipf("Re3d not found at %s (it sits beside the repository): %v", re, err)
	}
	return re
}

// TestScoreRe3dLocations scores LocationSpans on Re3d's Location spans with
// eval's lenient criterion, logs the figures and guards them with floors a
// point under what was measured.
func TestScoreRe3dLocations(t *testing.T) {
	dir := reDir(t)
	g := spansGazetteer(t)
	sys := eval.System{Spans: func(s string) map[string][]sitrep.Span {
		return map[string][]sitrep.Span{"Location": g.LocationSpans(s)}
	}}
	figs, err := eval.Re3d(dir, sys)
	if err != nil {
		t.Fatal(err)
	}
	floors := map[string]float64{"Location/recall": 84, "Location/precision": 79.5}
	for _, f := range figs {
		floor, ok := floors[f.Name]
		if !ok && f.Name != "Location/recall_exact" && f.Name != "Location/precision_exact" {
			continue
		}
		t.Logf("%s = %.1f%% (n=%d)", f.Name, f.Value, f.N)
		if ok && f.Value < floor {
			t.Errorf("%s = %.1f%%, below the floor of %.1f%%", f.Name, f.Value, floor)
		}
	}
}
