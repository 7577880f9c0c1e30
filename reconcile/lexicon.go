package reconcile

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed compatible.tsv
var compatibleData string

//go:embed words.tsv
var wordsData string

// typePair is an unordered pair of event types.
type typePair struct{ a, b string }

func pairOf(a, b string) typePair {
	if a > b {
		a, b = b, a
	}
	return typePair{a, b}
}

// Conditions of compatible.tsv.
const (
	condAny         = "any"
	condSameSubtype = "same-subtype"
	condPrecise     = "precise"
)

var (
	compatible  = map[typePair]string{}
	genericWord = map[string]bool{}
	roleWord    = map[string]bool{}
)

func init() {
	for i, line := range dataLines(compatibleData) {
		f := strings.Split(line, "\t")
		if len(f) != 3 || (f[2] != condAny && f[2] != condSameSubtype && f[2] != condPrecise) {
			panic(fmt.Sprintf("reconcile: compatible.tsv entry %d: %q", i+1, line))
		}
		compatible[pairOf(f[0], f[1])] = f[2]
	}
	for i, line := range dataLines(wordsData) {
		f := strings.Split(line, "\t")
		var set map[string]bool
		switch f[0] {
		case "generic":
			set = genericWord
		case "role":
			set = roleWord
		default:
			panic(fmt.Sprintf("reconcile: words.tsv entry %d: unknown list %q", i+1, f[0]))
		}
		for _, w := range f[1:] {
			set[w] = true
		}
	}
}

// dataLines returns the lines of an embedded data file that are neither
// blank nor comments.
func dataLines(data string) []string {
	var out []string
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}
