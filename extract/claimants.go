package extract

import (
	"strings"
)

// attribution is who a sentence says its figures came from.
type attribution struct {
	name        string
	first, last int // token range; first == last when inherited
	monitor     bool
}

var anaphora = map[string]bool{
	"he": true, "she": true, "it": true, "they": true, "the official": true, "the statement": true,
	"the monitor": true, "the source": true, "the spokesman": true, "the spokeswoman": true,
	"the group": true, "the observatory": true, "the ministry": true, "the military": true,
	"the army": true, "the agency": true, "the report": true, "the monitoring group": true,
	"officials": true, "the officials": true, "sources": true, "the sources": true,
}

// attributions finds, for every sentence, the claimant its figures are
// attributed to ("according to X", "X said", ", X told AFP"), resolving
// "the monitor said" and "he said" to the claimant named before.
func attributions(text string, toks []token, sents []sentence, actors []mention) []attribution {
	out := make([]attribution, len(sents))
	var history []attribution
	ai := 0
	var lastMonitor string
	for si, s := range sents {
		for ai < len(actors) && actors[ai].first < s.first {
			if lex.actors[actors[ai].entry].Kind == "monitor" {
				lastMonitor = lex.actors[actors[ai].entry].Name
			}
			ai++
		}
		a, ok := attributionIn(text, toks, s)
		if !ok {
			continue
		}
		low := strings.ToLower(a.name)
		low = strings.TrimPrefix(low, "the britain-based ")
		if m := monitorIn(toks, a.first, a.last); m != "" {
			a.monitor = true
			if isAnaphor(low) || strings.HasPrefix(low, "the ") && !hasCapital(text, toks, a.first+1, a.last) {
				a.name = m
				if lastMonitor != "" {
					a.name = lastMonitor
				}
			}
		} else if isAnaphor(low) {
			if r, ok := resolve(history, low); ok {
				a.name = r.name
				a.monitor = r.monitor
			}
		}
		if a.monitor && !isAnaphor(strings.ToLower(a.name)) {
			lastMonitor = a.name
		}
		out[si] = a
		if !isAnaphor(strings.ToLower(a.name)) {
			history = append(history, a)
		}
	}
	return out
}

// anaphorHeads are the words a source named before must hold for a noun
// anaphor to stand for it: "the army" for "the Malian army", "the
// ministry" for "the health ministry".
var anaphorHeads = map[string][]string{
	"the army":     {"army", "military", "forces", "defence", "defense"},
	"the military": {"army", "military", "forces", "defence", "defense"},
	"the ministry": {"ministry"},
	"the agency":   {"agency"},
	"the group":    {"group", "movement", "front", "organisation", "organization", "brigade"},
}

func isAnaphor(s string) bool {
	if anaphora[s] {
		return true
	}
	// "the official", "the US official", "the head of the group"
	if !strings.Contains(s, "the") {
		return false
	}
	f := strings.Fields(s)
	return len(f) >= 2 && len(f) <= 3 && f[0] == "the" && (f[len(f)-1] == "official" || f[len(f)-1] == "statement" || f[len(f)-1] == "monitor")
}

func hasCapital(text string, toks []token, i, j int) bool {
	for k := i; k < j && k < len(toks); k++ {
		if toks[k].upper {
			return true
		}
	}
	return false
}

func monitorIn(toks []token, i, j int) string {
	for k := i; k < j; k++ {
		end, vals := lex.actorT.longest(toks, k, j)
		if end == 0 {
			continue
		}
		for _, v := range vals {
			for _, e := range lex.aAlias[v].entries {
				if lex.actors[e].Kind == "monitor" {
					return lex.actors[e].Name
				}
			}
		}
	}
	return ""
}

func resolve(history []attribution, anaphor string) (attribution, bool) {
	if want, ok := anaphorHeads[anaphor]; ok {
		// "the army" is the army named before, if one was; else it is
		// named here, not the last source whatever it was
		for k := len(history) - 1; k >= 0; k-- {
			h := strings.ToLower(history[k].name)
			for _, w := range want {
				if strings.Contains(h, w) {
					return history[k], true
				}
			}
		}
		return attribution{}, false
	}
	person := anaphor == "he" || anaphor == "she" || strings.HasSuffix(anaphor, "official") || strings.HasSuffix(anaphor, "spokesman") || strings.HasSuffix(anaphor, "source")
	for k := len(history) - 1; k >= 0; k-- {
		h := strings.ToLower(history[k].name)
		if person == (strings.Contains(h, "official") || strings.Contains(h, "spokes") || strings.Contains(h, "head") || strings.Contains(h, "minister") || strings.Contains(h, "director") || strings.Contains(h, "commander") || history[k].monitor && (anaphor == "he" || anaphor == "she")) {
			return history[k], true
		}
	}
	if len(history) > 0 {
		return history[len(history)-1], true
	}
	return attribution{}, false
}

func isStop(t token) bool {
	if t.kind == 'p' {
		return t.key != "-" && t.key != "'s" && t.key != "'"
	}
	switch t.key {
	case "which", "who", "that", "while", "as", "but", "and", "after", "when":
		return true
	}
	return false
}

// attributionIn finds the claimant phrase of one sentence.
func attributionIn(text string, toks []token, s sentence) (attribution, bool) {
	mk := func(i, j int) (attribution, bool) {
		for i < j && (toks[i].kind == 'p' || toks[i].key == "while" || toks[i].key == "and" || toks[i].key == "but") {
			i++
		}
		if j <= i || j-i > 14 {
			return attribution{}, false
		}
		return attribution{name: text[toks[i].start:toks[j-1].end], first: i, last: j}, true
	}
	// "according to X"
	for i := s.first; i+2 < s.last; i++ {
		if toks[i].key == "according" && toks[i+1].key == "to" {
			j := i + 2
			for j < s.last && !(isStop(toks[j]) && toks[j].key != "and") && j-i < 16 {
				j++
			}
			return mk(i+2, j)
		}
	}
	// "X put the toll at 12", "X gave a death toll of 17": the subject of
	// a verb that gives a toll
	for i := s.first + 1; i+2 < s.last; i++ {
		switch toks[i].key {
		case "put", "puts", "putting", "placed", "places", "gave", "gives", "estimated", "estimates":
		default:
			continue
		}
		// "put the toll", "gave a slightly lower death toll"
		if !aToll(toks, i+1, s.last) {
			continue
		}
		end := i
		if toks[i-1].key == "," {
			// "X, a Britain-based war monitor, put the toll at 12": the
			// subject is before the apposition
			for b := i - 2; b > s.first && b >= i-12; b-- {
				if toks[b].key == "," {
					end = b
					break
				}
			}
		}
		j := end - 1
		for j >= s.first && !isStop(toks[j]) {
			j--
		}
		if a, ok := mk(j+1, end); ok && plausibleClaimant(toks, a.first, a.last) {
			return a, true
		}
	}
	// ", X said" — the last attribution verb that ends a clause
	for i := s.last - 1; i > s.first; i-- {
		if toks[i].class() != "said" {
			continue
		}
		if b := toks[i-1].key; b == "was" || b == "were" || b == "been" || b == "being" || b == "is" || b == "are" || b == "be" {
			// "three air raids were reported on X": a passive tells what
			// happened, not who said so
			continue
		}
		// X runs back to a comma, quote or sentence start
		j := i - 1
		for j >= s.first && !isStop(toks[j]) {
			j--
		}
		// the verb must end the clause or be followed by circumstances,
		// unless it opens the sentence, perhaps after a short opener
		// ("The army said more than 100 ...", "On 3 May, the army said
		// 30 ...")
		opens := j < s.first && i-s.first <= 6 || j >= s.first && toks[j].key == "," && j-s.first <= 6 && i-(j+1) <= 6 && firstComma(toks, s, j)
		if i+1 < s.last && !opens {
			n := toks[i+1]
			if !(n.kind == 'p' || n.key == "on" || n.key == "in" || n.key == "to" || n.key == "late" || n.key == "earlier" || n.key == "afp" || n.key == "reuters" || n.key == "that" || n.key == "told" || n.key == "citing" || n.key == "after" || n.key == "when" || n.key == "yesterday" || n.key == "today" || n.key == "overnight" || weekdays[n.key] != 0 || n.key == "sunday") {
				continue
			}
		}
		if j+1 < i && i-(j+1) <= 12 {
			// a sentence-initial "X said" needs the clause to follow
			a, ok := mk(j+1, i)
			if ok && plausibleClaimant(toks, a.first, a.last) {
				return a, true
			}
		}
	}
	return attribution{}, false
}

// firstComma reports whether the comma at token j is the first of
// sentence s.
func firstComma(toks []token, s sentence, j int) bool {
	for k := s.first; k < j; k++ {
		if toks[k].key == "," {
			return false
		}
	}
	return true
}

// plausibleClaimant rejects phrases that are not sources: "the coalition
// killed at least 100 fighters in retaliation for an attack".
func plausibleClaimant(toks []token, i, j int) bool {
	for k := i; k < j; k++ {
		if toks[k].kind == 'd' {
			return false
		}
		if _, ok := lex.words[toks[k].key]; ok && lex.words[toks[k].key] == "said" {
			return false
		}
	}
	return true
}
