package extract

import (
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// amount is a number phrase: "at least 100", "20 to 30", "dozens of",
// "twenty-three", "a dozen".
type amount struct {
	first, last int // token range of the number itself (qualifier excluded)
	qfirst      int // first token including the qualifier
	low, high   int
	qualifier   string
	vague       bool // a word like "several" or "dozens": no figure was given
	many        bool // for vague amounts: many (ACLED codes 10) or few (3)
}

// numberAt reads a single number at toks[i]: digits, words, hyphenated
// words ("twenty-three"), "a dozen", "two dozen", "1.5". It returns the value
// and the index after it, or -1.
func numberAt(toks []token, i int) (int, int) {
	if i >= len(toks) {
		return 0, -1
	}
	t := toks[i]
	if t.kind == 'd' {
		n, err := strconv.Atoi(strings.ReplaceAll(t.key, ",", ""))
		if err != nil || len(t.key) > 9 {
			return 0, -1
		}
		return n, i + 1
	}
	if t.kind != 'w' {
		return 0, -1
	}
	k := t.key
	if strings.Contains(k, "-") {
		tens, units, _ := strings.Cut(k, "-")
		if !strings.Contains(units, "-") {
			a, ok1 := lex.numbers[tens]
			b, ok2 := lex.numbers[units]
			if ok1 && ok2 && a >= 20 && a%10 == 0 && b < 10 {
				return a + b, i + 1
			}
		}
		return 0, -1
	}
	n, ok := lex.numbers[k]
	if !ok {
		return 0, -1
	}
	j := i + 1
	switch k {
	case "a", "an", "no", "single":
		if j < len(toks) {
			if k == "no" && toks[j].key == "one" {
				return 0, j + 1 // "no one was killed": nobody, not one
			}
			switch toks[j].key {
			case "dozen":
				return 12, j + 1
			case "hundred":
				return 100, j + 1
			case "thousand":
				return 1000, j + 1
			case "couple", "pair":
				if j+1 < len(toks) && toks[j+1].key == "of" {
					return 2, j + 2
				}
			}
		}
		return n, j
	}
	// "two dozen", "three hundred", "twenty five"
	if j < len(toks) {
		switch toks[j].key {
		case "dozen":
			return n * 12, j + 1
		case "hundred":
			return n * 100, j + 1
		case "thousand":
			return n * 1000, j + 1
		}
		if n >= 20 && n < 100 && n%10 == 0 {
			if m, ok := lex.numbers[toks[j].key]; ok && m > 0 && m < 10 {
				return n + m, j + 1
			}
		}
	}
	if (k == "couple" || k == "pair") && j < len(toks) && toks[j].key == "of" {
		return n, j + 1
	}
	return n, j
}

// amountAt reads an amount starting at i (after any qualifier).
func amountAt(toks []token, i int) (amount, bool) {
	if end, vals := lex.vagueT.longest(toks, i, len(toks)); end > 0 {
		v := lex.vague[vals[0]]
		return amount{first: i, last: end, qfirst: i, low: v.Low, high: v.High, vague: true, many: v.Many, qualifier: "about"}, true
	}
	n, j := numberAt(toks, i)
	if j < 0 {
		return amount{}, false
	}
	a := amount{first: i, last: j, qfirst: i, low: n, high: n, qualifier: "exact"}
	// ranges: "20 to 30", "20-30", "20 or 30"
	if j+1 < len(toks) && (toks[j].key == "to" || toks[j].key == "or" || toks[j].key == "-" || toks[j].key == "and" && i > 0 && toks[i-1].key == "between") {
		if m, k := numberAt(toks, j+1); k > 0 && m > n && !isWordA(toks[j+1].key) {
			a.high, a.last = m, k
		}
	}
	// "dozens" after a number word: "several dozen"
	return a, true
}

func isWordA(k string) bool { return k == "a" || k == "an" || k == "no" }

// claimCtx carries what the claim reader needs about a text.
type claimCtx struct {
	text  string
	toks  []token
	sents []sentence
	skip  []bool // tokens that belong to dates
}

// rawClaim is a claim before the document-level passes.
type rawClaim struct {
	sitrep.Claim
	sent      int
	amount    amount
	subset    bool // "including nine children": part of another figure
	coded     bool // an ACLED coding statement ("Unknown fatalities coded as 10")
	split     int  // ACLED divides the toll among this many events
	splitOnly bool // a bare "split between 2 events" marker, no figure
	claimTok  int  // first token of the claim phrase
	claimLast int
	verbFirst bool // the kind verb came before the figure
	toll      bool // a toll gives the figure ("the death toll rose to 18")
	// chain is set for a figure that goes on the list of the one before
	// it, under its verb: the two in "killed the village chief and two
	// of his sons"; the two add up.
	chain bool
	// listed is the token of the figure listed after this one, sharing
	// its verb ("a woman and her two children were killed"); 0 or -1 for
	// none.
	listed int
}

// readClaims finds casualty figures in one sentence.
func readClaims(c *claimCtx, si int) []rawClaim {
	s := c.sents[si]
	toks := c.toks
	var out []rawClaim
	for i := s.first; i < s.last; i++ {
		if c.skip[i] || !mayStartFigure(toks[i]) {
			continue
		}
		// ACLED coding statements: "fatalities coded as 10", "N fatalities",
		// "no fatalities", "neither fatalities nor injuries".
		if rc, ok := codedStatement(c, si, i); ok {
			out = append(out, rc)
			continue
		}
		// "killed the deputy chief": one victim, named by role
		if rc, ok := definiteVictim(c, si, i); ok {
			out = append(out, rc)
			continue
		}
		// qualifier?
		qual := ""
		start := i
		if end, vals := lex.qualT.longest(toks, i, s.last); end > 0 && end < s.last {
			if _, ok := amountAt(toks, end); ok {
				qual = lex.quals[vals[0]]
				i = end
			}
		}
		a, ok := amountAt(toks, i)
		if !ok || a.last > s.last {
			i = start
			continue
		}
		a.qfirst = start
		if qual != "" && !a.vague {
			a.qualifier = qual
		}
		inherit := ""
		joint := a.qfirst - 1 // the "and" or comma before the figure
		if joint > s.first && possessives[toks[joint].key] {
			joint-- // "killed a local chief and his two sons"
		}
		if n := len(out); n > 0 && joint >= s.first && (toks[joint].key == "and" || toks[joint].key == ",") && out[n-1].claimLast == joint && out[n-1].verbFirst {
			inherit = out[n-1].Kind // "killed two soldiers and three civilians"
		}
		rc, ok := claimFor(c, si, a, inherit)
		if ok {
			if n := len(out); n > 0 && out[n-1].listed > 0 && out[n-1].listed == a.qfirst {
				rc.chain = true // the second of "a woman and her two children"
			}
			out = append(out, rc)
		}
		if a.last > i+1 {
			i = a.last - 1
		}
	}
	return out
}

// definiteVictim reads "killed the commander" as one death: a killing verb,
// "the", and a singular person noun within four words.
func definiteVictim(c *claimCtx, si, i int) (rawClaim, bool) {
	toks := c.toks
	s := c.sents[si]
	switch toks[i].key {
	case "killed", "assassinated", "murdered", "executed":
	default:
		return rawClaim{}, false
	}
	if i+2 >= s.last || toks[i+1].key != "the" {
		return rawClaim{}, false
	}
	for k := i + 2; k < s.last && k < i+6; k++ {
		t := toks[k]
		if t.kind != 'w' {
			return rawClaim{}, false
		}
		if lex.words[t.key] == "person" && !strings.HasSuffix(t.key, "s") {
			// the head noun ends the phrase unless another person noun follows
			if k+1 < s.last && lex.words[toks[k+1].key] == "person" {
				continue
			}
			rc := rawClaim{sent: si, claimTok: i, claimLast: k + 1, verbFirst: true}
			rc.Kind, rc.CountLow, rc.CountHigh, rc.Qualifier = sitrep.Killed, 1, 1, "exact"
			rc.Victims = c.text[toks[i+1].start:t.end]
			rc.Span = sitrep.Span{Start: toks[i].start, End: t.end}
			rc.amount = amount{first: i + 1, last: i + 2, qfirst: i + 1, low: 1, high: 1, qualifier: "exact"}
			return rc, true
		}
	}
	return rawClaim{}, false
}

// mayStartFigure is a quick filter: whether a figure, a qualifier or a
// coding statement can start at the token.
func mayStartFigure(t token) bool {
	if t.kind == 'd' {
		return true
	}
	if t.kind != 'w' {
		return false
	}
	return t.is(wFigureStart) || strings.IndexByte(t.key, '-') > 0 // "twenty-three"
}

func codedStatement(c *claimCtx, si, i int) (rawClaim, bool) {
	toks := c.toks
	s := c.sents[si]
	k := toks[i].key
	key := func(j int) string {
		if j < s.first || j >= s.last {
			return ""
		}
		return toks[j].key
	}
	fatal := func(j int) bool {
		w := key(j)
		return strings.HasPrefix(w, "fatalit") || w == "casualties" || w == "deaths"
	}
	mk := func(n, first, last int, coded bool) rawClaim {
		last = min(last, s.last)
		rc := rawClaim{sent: si, coded: coded, claimTok: first, claimLast: last}
		rc.Kind, rc.CountLow, rc.CountHigh, rc.Qualifier = sitrep.Killed, n, n, "exact"
		rc.Span = sitrep.Span{Start: toks[first].start, End: toks[last-1].end}
		return rc
	}
	reported := func(from int) bool {
		for j := from; j < min(from+4, s.last); j++ {
			if strings.HasPrefix(toks[j].key, "report") || toks[j].key == "nor" || toks[j].key == "or" {
				return true
			}
		}
		return false
	}
	switch {
	case k == "coded" && key(i+1) == "as":
		if n, j := numberAt(toks, i+2); j > 0 && j <= s.last {
			for b := s.first; b < i; b++ {
				if strings.HasPrefix(toks[b].key, "fatalit") {
					rc := mk(n, b, j, true)
					rc.split = splitOf(c, si)
					return rc, true
				}
			}
		}
	case (k == "split" || k == "spread") && (key(i+1) == "between" || key(i+1) == "across" || key(i+1) == "among" || key(i+1) == "up"):
		at := i + 2
		if key(i+1) == "up" {
			at++
		}
		n, j := numberAt(toks, at)
		if j < 0 || n < 2 {
			return rawClaim{}, false
		}
		// "(3)": the share of this event, written out
		if key(j+1) == "(" && j+2 < s.last && toks[j+2].kind == 'd' {
			m, _ := strconv.Atoi(toks[j+2].key)
			return mk(m, i, j+3, true), true
		}
		if key(j) == "events" || key(j) == "locations" || key(j) == "days" {
			rc := mk(0, i, j+1, false)
			rc.split, rc.splitOnly = n, true
			return rc, true
		}
	case k == "neither" && fatal(i+1):
		return mk(0, i, i+4, true), true
	case k == "no" && (key(i+1) == "report" || key(i+1) == "reports") && (key(i+2) == "of" || key(i+2) == "on") && fatal(i+3):
		return mk(0, i, i+4, true), true
	case (k == "no" || k == "zero" || k == "without") && fatal(i+1):
		return mk(0, i, i+2, reported(i+2)), true
	case toks[i].kind == 'd' && (key(i+1) == "fatalities" || key(i+1) == "fatality") && key(i-1) != "of":
		n, _ := strconv.Atoi(k)
		rc := mk(n, i, i+2, true)
		return rc, true
	}
	return rawClaim{}, false
}

// splitOf reads "split between 3 events" in a sentence: ACLED divides one
// toll among the events it was reported for.
func splitOf(c *claimCtx, si int) int {
	s := c.sents[si]
	for i := s.first; i+2 < s.last; i++ {
		if k := c.toks[i].key; k == "split" || k == "spread" {
			for j := i + 1; j < min(i+5, s.last); j++ {
				if n, e := numberAt(c.toks, j); e > 0 && n >= 2 && !isWordA(c.toks[j].key) {
					return n
				}
			}
		}
	}
	return 0
}

// claimFor decides whether amount a counts people hurt, and how.
func claimFor(c *claimCtx, si int, a amount, inherit string) (rawClaim, bool) {
	toks := c.toks
	s := c.sents[si]
	if a.first > s.first {
		p := toks[a.first-1].key
		// money, ages, ranks: "$500", "aged 12", "No. 5"
		if p == "$" || p == "€" || p == "£" || p == "aged" || p == "age" || p == "no." {
			return rawClaim{}, false
		}
	}
	for j := a.first; j < a.last; j++ {
		if c.skip[j] {
			return rawClaim{}, false
		}
	}
	// a year is not a count
	if !a.vague && a.low >= 1900 && a.low <= 2100 && toks[a.first].kind == 'd' && len(toks[a.first].key) == 4 {
		return rawClaim{}, false
	}
	// what follows the number: a unit, a person noun or a kind word
	head := -1
	kind := ""
	var kindTok int
	listed := -1       // the figure listed after this one under the same verb
	verbFirst := false // the kind verb comes before the number: "killed two"
	isToll := false
	j := a.last
	if j < s.last && (toks[j].key == "of") && a.vague {
		j++
	}
	if j < s.last && (toks[j].key == "%" || toks[j].key == "percent" || strings.HasPrefix(toks[j].key, "year-old") || strings.HasPrefix(toks[j].key, "-year")) {
		return rawClaim{}, false
	}
	if isWordA(toks[a.first].key) && aToll(toks, j, s.last) {
		return rawClaim{}, false // "a toll of 17": the 17 is the figure
	}
	if isWordA(toks[a.first].key) && a.last+1 < s.last && collective[toks[a.last].key] && toks[a.last+1].key == "of" {
		if _, ok := amountAt(toks, a.last+2); ok {
			return rawClaim{}, false // "a family of five": the five are the figure
		}
	}
	if a.vague && toks[a.first].key == "number" && a.first > s.first && toks[a.first-1].key == "the" {
		return rawClaim{}, false // "the number of dead at 15": a count, not "a number of"
	}
	// "20 dead", "12 killed", "5 injured"
	if end, vals := lex.kindT.longest(toks, j, s.last); end > 0 {
		kind, kindTok = lex.kinds[vals[0]], j
		head = j
	}
	if kind == "" {
		limit := min(j+6, s.last)
		for ; j < limit; j++ {
			t := toks[j]
			if t.kind == 'p' && t.key != "-" && t.key != "'s" && t.key != "/" {
				break
			}
			if t.kind == 'd' {
				break
			}
			w := lex.words[t.key]
			if w == "unit" {
				return rawClaim{}, false
			}
			if w == "person" || (t.key == "of" && j+1 < s.last && toks[j+1].key == "them") {
				head = j
				if t.key == "of" {
					head = j + 1
				}
				// "police officer", "army personnel": the head is the last
				for head+1 < s.last && lex.words[toks[head+1].key] == "person" && !startsKind(toks, head+1, s.last) {
					head++
				}
				break
			}
			if j == a.last && isWordA(toks[a.first].key) {
				continue
			}
			switch t.key {
			case "was", "were", "have", "has", "had", "are", "is", "been", "who", "which", "that":
				if c.text[t.start:t.end] != "IS" { // the group, not the verb
					j = limit
				}
			}
		}
		if head < 0 && isWordA(toks[a.first].key) {
			// "a" and "an" count people only with a person noun, after a
			// kind verb ("shot dead a lieutenant"), or in "a judge of the
			// court was killed"
			if kindBefore(c, s, a) == "" {
				h := passiveHead(toks, s, a.last)
				if h < 0 {
					return rawClaim{}, false
				}
				head = h
			}
		}
		// the kind: a verb just before the number ("killed two soldiers and
		// injured five") wins over one after the head ("were killed")
		if kb := kindBefore(c, s, a); kb != "" {
			kind, kindTok, verbFirst = kb, a.qfirst-1, true
		} else if t := tollBefore(c, s, a); t >= 0 {
			// not verbFirst: "the toll rose to 18, a local official said" lists
			// no more dead after the comma
			kind, kindTok, isToll = sitrep.Killed, t, true
		} else {
			from := a.last
			if head >= 0 {
				from = head + 1
			} else {
				// a name the lexicon does not know: "One Mayi Mayi was killed"
				for n := 0; n < 3 && from < s.last && toks[from].kind == 'w' && !auxiliary[toks[from].key] && lex.words[toks[from].key] == ""; n++ {
					if e, _ := lex.kindT.longest(toks, from, s.last); e > 0 {
						break
					}
					from++
				}
			}
			lim := min(from+7, s.last)
			passive := false
			for k := from; k < lim; k++ {
				if end, vals := lex.kindT.longest(toks, k, s.last); end > 0 {
					// "two militants shot and killed a civilian": the number
					// is the killers, not the dead
					if !passive && end < s.last && takesObject(toks[end]) {
						break
					}
					kind, kindTok = lex.kinds[vals[0]], k
					break
				}
				switch toks[k].key {
				case "was", "were", "been", "are", "is", "be", "got":
					passive = true
				case "and":
					// "one soldier and two fighters were killed": the
					// figures share the verb after the last of them
					// "three policemen and a civilian were killed", "a
					// woman and her two children were killed"
					n := k + 1
					if n+1 < s.last && possessives[toks[n].key] {
						n++
					}
					if next, ok := amountAt(toks, n); ok && !next.vague && (!isWordA(toks[n].key) || n+1 < s.last && lex.words[toks[n+1].key] == "person") {
						listed = n
						e := next.last
						for e < lim && e < s.last && lex.words[toks[e].key] != "person" && toks[e].kind == 'w' {
							e++
						}
						if e < s.last && lex.words[toks[e].key] == "person" {
							k = e
							lim = min(e+7, s.last)
							continue
						}
					}
				case "of":
					// "two members of UPDF were shot dead", "a judge of the
					// provincial court was killed"
					for n := 0; n < 4 && k+1 < lim && toks[k+1].kind == 'w' && !auxiliary[toks[k+1].key]; n++ {
						k++
					}
					continue
				}
				// "17 people, including four children, were killed": an
				// aside between commas stands between them too
				if toks[k].key == "," && k+1 < s.last && asideOpeners[toks[k+1].key] {
					if c := nextComma(toks, k+1, min(k+10, s.last)); c > 0 {
						k = c
						lim = min(c+4, s.last)
						continue
					}
				}
				// only auxiliaries and hedges stand between the people and
				// what happened to them: "were reportedly killed"
				if !auxiliary[toks[k].key] {
					break
				}
			}
		}
	}
	chain := false
	if kind == "" && inherit != "" && head >= 0 {
		kind, kindTok, chain = inherit, -1, true
	}
	if kind == "" {
		return rawClaim{}, false
	}
	if head < 0 && a.low == 0 && !a.vague && toks[a.first].key == "no" {
		head = kindTok
	}
	rc := rawClaim{sent: si, amount: a, verbFirst: verbFirst, toll: isToll, chain: chain, listed: listed}
	rc.Kind, rc.CountLow, rc.CountHigh, rc.Qualifier = kind, a.low, a.high, a.qualifier
	if a.vague {
		rc.CountHigh = a.high
	}
	// victims: number to head, or "among X" / "of X" after a kind noun
	last := a.last
	if head >= 0 {
		last = head + 1
	}
	vFirst := a.last
	if vFirst < last {
		if toks[vFirst].key == "of" {
			vFirst++
		}
		rc.Victims = c.text[toks[vFirst].start:toks[last-1].end]
	}
	if head == kindTok || rc.Victims == "" || lex.words[strings.ToLower(rc.Victims)] == "person" && isKindWord(rc.Victims) {
		// "20 dead among regime forces"
		k := last
		if k < s.last && (toks[k].key == "among" || toks[k].key == "from" || (toks[k].key == "of" && rc.Victims != "")) {
			e := k + 1
			for e < s.last && toks[e].kind != 'p' && toks[e].key != "who" && toks[e].key != "which" && toks[e].key != "in" && toks[e].key != "on" && toks[e].key != "after" && toks[e].key != "during" && toks[e].key != "when" {
				e++
			}
			if e > k+1 {
				rc.Victims = c.text[toks[k+1].start:toks[e-1].end]
				last = e
			}
		}
		if isKindWord(rc.Victims) {
			rc.Victims = ""
		}
	}
	// ", including nine children"
	if last+2 < s.last && toks[last].key == "," && toks[last+1].key == "including" {
		e := last + 2
		for e < s.last && toks[e].kind != 'p' {
			e++
		}
		rc.Victims = c.text[toks[vFirst].start:toks[e-1].end]
		if vFirst >= last {
			rc.Victims = c.text[toks[last+2].start:toks[e-1].end]
		}
	}
	if a.qfirst > s.first && toks[a.qfirst-1].key == "including" {
		rc.subset = true
	}
	first, end := a.qfirst, last
	if kindTok >= 0 && kindTok < first {
		first = kindTok
	}
	if kindTok >= end {
		end = kindTok + 1
	}
	rc.claimTok, rc.claimLast = first, end
	rc.Span = sitrep.Span{Start: toks[first].start, End: toks[end-1].end}
	return rc, true
}

var auxiliary = map[string]bool{
	"was": true, "were": true, "have": true, "has": true, "had": true, "been": true, "being": true,
	"are": true, "is": true, "be": true, "reportedly": true, "also": true, "all": true, "later": true,
	"allegedly": true, "believed": true, "to": true, "confirmed": true, "reported": true, "found": true,
	"left": true, "feared": true, "said": true, "now": true, "either": true, "both": true, "and": true,
	"got": true, "seriously": true, "critically": true, "severely": true, "slightly": true, "fatally": true,
	"so": true, "far": true, "presumed": true, "of": true, "them": true, "whom": true, "who": true,
	"shot": true, "badly": true, "lightly": true, "mortally": true,
}

func isKindWord(s string) bool {
	toks := tokenize(s)
	if len(toks) == 0 {
		return false
	}
	end, _ := lex.kindT.longest(toks, 0, len(toks))
	return end == len(toks)
}

func startsKind(toks []token, i, limit int) bool {
	e, _ := lex.kindT.longest(toks, i, limit)
	return e > 0
}

// passiveHead finds the end of a short noun phrase followed by a passive
// kind verb ("a judge of the court was killed"), returning its last token or -1.
func passiveHead(toks []token, s sentence, from int) int {
	for k := from; k < s.last && k < from+5; k++ {
		t := toks[k]
		if t.kind == 'p' && t.key != "'s" || t.kind == 'd' {
			return -1
		}
		switch t.key {
		case "that", "which", "who", "whom", "whose":
			// "a statement that 10 soldiers were killed": another
			// clause, whose figure is its own
			return -1
		}
		if t.key == "was" || t.key == "were" {
			for j := k + 1; j < s.last && j < k+4; j++ {
				if e, _ := lex.kindT.longest(toks, j, s.last); e > 0 {
					if k > from {
						return k - 1
					}
					return -1
				}
				if !auxiliary[toks[j].key] {
					return -1
				}
			}
			return -1
		}
	}
	return -1
}

// takesObject reports a token that starts the object of an active verb:
// "killed a civilian", "killed two soldiers", "killed the commander".
func takesObject(t token) bool {
	if t.kind == 'd' {
		return true
	}
	switch t.key {
	case "a", "an", "the", "his", "her", "their", "its", "several", "dozens", "scores", "many", "some":
		return true
	}
	if _, ok := lex.numbers[t.key]; ok && t.key != "no" {
		return true
	}
	return lex.words[t.key] == "person"
}

// kindBefore finds a kind verb just before an amount: "killed at least 20",
// "killing five", "wounding two others".
// aToll reports whether the words from j on name a toll — "toll", "death
// toll", "lower toll", "slightly higher death toll" — so that the "a"
// before them counts nothing.
func aToll(toks []token, j, end int) bool {
	for k := j; k < end && k < j+4; k++ {
		if toks[k].key == "toll" {
			return true
		}
		if toks[k].kind != 'w' {
			return false
		}
	}
	return false
}

// verbKind returns what a verb just before a figure says it counts:
// "killed two", "wounded five", "abducted 12"; "" for other words.
func verbKind(key string) string {
	switch key {
	case "killed", "kill", "kills", "killing", "massacred", "executed", "murdered", "lynched", "beheaded":
		return sitrep.Killed
	case "wounded", "wounding", "injured", "injuring":
		return sitrep.Wounded
	case "abducted", "kidnapped", "abducting", "kidnapping":
		return sitrep.Captured
	}
	return ""
}

// possessives may stand between "and" and the figure it joins to the one
// before: "a chief and his two sons".
var possessives = map[string]bool{"his": true, "her": true, "their": true, "its": true}

// asideOpeners open an aside between commas after people counted: ",
// including four children,", ", among them two women,".
var asideOpeners = map[string]bool{"including": true, "among": true, "mostly": true, "most": true, "many": true, "all": true}

// nextComma returns the first comma in tokens [from, to), or -1.
func nextComma(toks []token, from, to int) int {
	for k := from; k < to; k++ {
		if toks[k].key == "," {
			return k
		}
		if toks[k].kind == 'p' && toks[k].key != "-" && toks[k].key != "'s" {
			return -1
		}
	}
	return -1
}

// collective nouns count people by the number after "of": "a family of
// five", "a group of 12 farmers".
var collective = map[string]bool{"family": true, "group": true, "party": true, "convoy": true}

// tollPhraseReach bounds the phrase between a toll and its verb: "the
// death toll from Saturday's attack on a market in the eastern town of
// Beni rose to 42".
const tollPhraseReach = 16

// tollBefore returns the token of "toll" when the number a gives a death
// toll — "put the toll at 12", "the death toll rose to 7", "a toll of 17",
// "the toll stood at 9", "the death toll has climbed to 25" — or -1. Only
// the words that join a toll to its figure may stand between them. A
// casualty toll counts the wounded too, so it is not a count of deaths.
func tollBefore(c *claimCtx, s sentence, a amount) int {
	toks := c.toks
	isToll := func(k int) int {
		if k > s.first && (toks[k-1].key == "casualty" || toks[k-1].key == "injury") {
			return -1
		}
		return k
	}
	verb := false // a verb that gives a toll its figure was passed
	// "the number of dead (rose to / at) 15" is a toll by another name
	numberOf := func(k int) bool {
		switch toks[k].key {
		case "dead", "deaths", "fatalities", "victims":
			return k-2 >= s.first && toks[k-1].key == "of" && toks[k-2].key == "number"
		}
		return false
	}
	for k := a.qfirst - 1; k >= s.first && k >= a.qfirst-5; k-- {
		if numberOf(k) {
			return k
		}
		switch toks[k].key {
		case "toll":
			return isToll(k)
		case "was", "is", "stood", "stands", "rose", "risen", "rises", "climbed", "climbs",
			"reached", "reaches", "jumped", "increased", "hit":
			verb = true
			continue
		case "at", "to", "of", "has", "had", "have", "now", "further", "been":
			continue
		}
		if !verb {
			return -1
		}
		// "the death toll from Sunday's attack on a market has risen
		// to 18": a phrase without figures or clause breaks may stand
		// between the toll and its verb
		for j := k; j >= s.first && j >= k-tollPhraseReach; j-- {
			switch {
			case toks[j].key == "toll":
				return isToll(j)
			case numberOf(j):
				return j
			case toks[j].kind == 'd', toks[j].kind == 'p' && toks[j].key != "'s" && toks[j].key != "-":
				return -1
			}
		}
		return -1
	}
	return -1
}

// claimedKilling reports "the killing" at token k, after a verb that
// claims or announces it: "claimed the killing of 12 soldiers",
// "announced the killing of 30 militants", "claimed responsibility for
// the killing of". After other verbs the killing is often one that came
// before ("protested the killing of two students").
func claimedKilling(toks []token, s sentence, k int) bool {
	if k-2 < s.first || toks[k].key != "killing" || toks[k-1].key != "the" {
		return false
	}
	switch toks[k-2].key {
	case "claimed", "claims", "claiming", "announced", "announces", "announcing", "confirmed", "confirms", "reported", "reports":
		return true
	case "for":
		return k-3 >= s.first && toks[k-3].key == "responsibility"
	}
	return false
}

func kindBefore(c *claimCtx, s sentence, a amount) string {
	toks := c.toks
	for k := a.qfirst - 1; k >= s.first && k >= a.qfirst-3; k-- {
		if verbKind(toks[k].key) == sitrep.Killed {
			return sitrep.Killed
		}
		switch toks[k].key {
		case "dead":
			if k > s.first && toks[k-1].key == "shot" { // "shot dead two men"
				return sitrep.Killed
			}
			return ""
		case "death":
			// "hacked to death a councillor", "beat to death two men"
			if k-1 > s.first && toks[k-1].key == "to" {
				switch toks[k-2].key {
				case "hacked", "stabbed", "beaten", "beat", "burned", "burnt", "clubbed", "stoned", "lynched", "shot", "tortured", "starved", "crushed":
					return sitrep.Killed
				}
			}
			return ""
		case "of":
			if k > s.first && (toks[k-1].key == "bodies" || toks[k-1].key == "corpses" || toks[k-1].key == "lives") {
				return sitrep.Killed // "the bodies of 2 civilians"
			}
			if claimedKilling(toks, s, k-1) {
				return sitrep.Killed // "claimed the killing of 12 soldiers"
			}
			if k-3 >= s.first && collective[toks[k-1].key] && isWordA(toks[k-2].key) {
				return verbKind(toks[k-3].key) // "killing a family of five"
			}
			return ""
		case "wounded", "wounding", "injured", "injuring", "injures", "wounds":
			// "killed and injured several": deaths were reported
			if k-2 >= s.first && toks[k-1].key == "and" {
				switch toks[k-2].key {
				case "killed", "killing", "kill":
					return sitrep.Killed
				}
			}
			return sitrep.Wounded
		case "abducted", "kidnapped", "captured", "arrested", "detained", "abducting", "kidnapping", "capturing", "arresting", "detaining":
			return sitrep.Captured
		case "displaced", "displacing":
			return sitrep.Displaced
		case "the", "another", "some", "also", "reportedly", "at", "least":
			continue
		}
		return ""
	}
	return ""
}
