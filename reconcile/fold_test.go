package reconcile

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// foldSpec is fold as first written: the lower-cased text cut into runs
// of letters and digits, joined by single spaces. fold must give the same
// for every input; it only allocates less.
func foldSpec(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// claimantSpec is claimantName as first written.
func claimantSpec(s string) string {
	w := strings.Fields(foldSpec(s))
	for len(w) > 0 && (w[0] == "the" || w[0] == "a" || w[0] == "an") {
		w = w[1:]
	}
	return strings.Join(w, " ")
}

func TestFoldMatchesSpec(t *testing.T) {
	inputs := []string{
		"", " ", "the", "The Syrian Observatory", "  syrian  observatory ", "a an the",
		"Al-Hasakah", "HTS fighters", "İstanbul", "Straße", "Ḥalab", "Homs,Syria", "x1 2y",
		"already folded", "trailing ", " leading", "double  space", "tab\there", "A", "aN oFFICIAL",
		"the\u00a0Observatory", "ministry of defence (MoD)", "\xff\xfebad bytes", "ǅemal", "ΣΟΦΙΑ",
	}
	alphabet := []rune("aZ09 -'.,\t\u00a0İßéΣǅ\u0307th")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	for _, in := range inputs {
		if got, want := fold(in), foldSpec(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
		if got, want := claimantName(in), claimantSpec(in); got != want {
			t.Errorf("claimantName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFoldKeepsFoldedNames: a folded name is its own fold, returned
// without allocating.
func TestFoldKeepsFoldedNames(t *testing.T) {
	name := "syrian observatory for human rights"
	if n := testing.AllocsPerRun(100, func() { _ = fold(name) }); n != 0 {
		t.Errorf("fold of a folded name allocated %v times", n)
	}
	if got := fold(name); got != name {
		t.Errorf("fold(%q) = %q", name, got)
	}
}
