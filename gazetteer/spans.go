package gazetteer

import (
	_ "embed"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/text"
)

//go:embed locnouns.txt
var locnounsData string

// locWords are the word lists of locnouns.txt, by section.
type locWords struct {
	head, weak, prefix, direction, det, modifier, single, cue, strongCue, notPlace, existential, modOnly map[string]bool
	pair                                                                                                 map[string]bool // "front line"
	regions                                                                                              [][]string      // folded words
}

var (
	locOnce  sync.Once
	locLists *locWords
)

// locationWords parses locnouns.txt once.
func locationWords() *locWords {
	locOnce.Do(func() {
		w := &locWords{}
		sets := map[string]*map[string]bool{
			"head": &w.head, "weak": &w.weak, "prefix": &w.prefix, "direction": &w.direction,
			"det": &w.det, "modifier": &w.modifier, "single": &w.single, "cue": &w.cue,
			"notplace": &w.notPlace, "pair": &w.pair, "strongcue": &w.strongCue, "existential": &w.existential, "modonly": &w.modOnly,
		}
		for _, m := range sets {
			*m = map[string]bool{}
		}
		section := ""
		for _, line := range strings.Split(locnounsData, "\n") {
			line = strings.TrimSpace(line)
			switch {
			case line == "" || strings.HasPrefix(line, "#"):
				continue
			case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
				section = line[1 : len(line)-1]
				continue
			}
			switch section {
			case "region":
				w.regions = append(w.regions, strings.Fields(line))
			case "pair":
				w.pair[strings.Join(strings.Fields(line), " ")] = true
			default:
				if m, ok := sets[section]; ok {
					for _, f := range strings.Fields(line) {
						(*m)[f] = true
					}
				}
			}
		}
		// Longest regions first, so that "north arabian sea" wins over
		// "arabian sea".
		sort.SliceStable(w.regions, func(i, j int) bool { return len(w.regions[i]) > len(w.regions[j]) })
		locLists = w
	})
	return locLists
}

// singular returns the listed singular of a folded noun and whether the
// word was plural; "" when neither form is a head.
func (w *locWords) singular(f string) (string, bool) {
	if w.head[f] {
		return f, false
	}
	switch {
	case strings.HasSuffix(f, "ies") && w.head[f[:len(f)-3]+"y"]:
		return f[:len(f)-3] + "y", true
	case strings.HasSuffix(f, "es") && w.head[f[:len(f)-2]]:
		return f[:len(f)-2], true
	case strings.HasSuffix(f, "s") && w.head[f[:len(f)-1]]:
		return f[:len(f)-1], true
	}
	return "", false
}

// countWords count things before a plural head ("two bridges").
var countWords = map[string]bool{
	"two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "dozens": true,
	"several": true, "many": true, "multiple": true, "numerous": true,
}

// spanDoc is the state of one LocationSpans call.
type spanDoc struct {
	g    *Gazetteer
	w    *locWords
	s    string
	toks []text.Token
	loc  []int // per token: index+1 of the last token of the place name starting here, 0 if none
	in   []bool
	wide []bool // per token: inside a country's or region's name
	out  []sitrep.Span
	// person holds the folded one-word names read as a person's name
	// somewhere in the text ("Scott C. Dayton"): one sense per text, so
	// no other mention of them is a place ("condolences to Dayton").
	person map[string]bool
	// inner holds the spans of names inside a longer proper name that
	// is a place itself ("Asia" in "Southwest Asia"): not mentions apart.
	inner map[sitrep.Span]bool
}

// LocationSpans returns the byte spans of every location mention in text:
// toponyms Find resolves or not, and descriptive mentions such as "the
// city", "eastern Syria", "the Turkish border", "Raqqa province". Nested
// mentions are each returned ("the city of Mosul" and "Mosul"), as
// annotated corpora count both. Spans are sorted and distinct.
//
// Find answers where things happened and so drops names it cannot place;
// LocationSpans answers where the text speaks of a place, so it keeps
// names of places abroad, regions gazetteers of towns lack ("the Middle
// East"), facilities ("Tabqa Dam", "the hospital") and descriptions.
func (g *Gazetteer) LocationSpans(s string) []sitrep.Span {
	d := &spanDoc{g: g, w: locationWords(), s: s, toks: text.Tokens(s)}
	d.loc = make([]int, len(d.toks))
	d.in = make([]bool, len(d.toks))
	d.wide = make([]bool, len(d.toks))
	d.toponyms()
	d.regions()
	d.cued()
	d.again()
	d.prefixed()
	d.directions()
	d.descriptions()
	d.pairs()
	d.deictic()
	for _, loc := range coordinates.FindAllStringIndex(s, -1) {
		d.out = append(d.out, sitrep.Span{Start: loc[0], End: loc[1]})
	}
	sort.Slice(d.out, func(i, j int) bool {
		if d.out[i].Start != d.out[j].Start {
			return d.out[i].Start < d.out[j].Start
		}
		return d.out[i].End < d.out[j].End
	})
	out := d.out[:0]
	for i, sp := range d.out {
		if (i == 0 || sp != d.out[i-1]) && !d.inner[sp] {
			out = append(out, sp)
		}
	}
	return out
}

// coordinates matches a latitude and longitude: "33°30′21″N 36°16′11″E",
// "33.78°N 44.5°E", "33.505716; 36.269635".
var coordinates = regexp.MustCompile(
	`\d{1,3}(?:\.\d+)?°(?:\s?\d{1,2}(?:\.\d+)?[′'])?(?:\s?\d{1,2}(?:\.\d+)?[″"])?\s?[NS],?\s?` +
		`\d{1,3}(?:\.\d+)?°(?:\s?\d{1,2}(?:\.\d+)?[′'])?(?:\s?\d{1,2}(?:\.\d+)?[″"])?\s?[EW]\b` +
		`|-?\b\d{1,2}\.\d{3,}[;,]\s?-?\d{1,3}\.\d{3,}\b`)

// deictic adds "here" and the "there" of a place ("he sits there"), not
// the "there" that opens a clause ("there are", "were there any").
func (d *spanDoc) deictic() {
	for k, t := range d.toks {
		switch t.Fold {
		case "here":
			d.add(k, k)
		case "there":
			if k+1 < len(d.toks) && !d.toks[k+1].Break && d.w.existential[d.toks[k+1].Fold] {
				continue
			}
			if k > 0 && !t.Break && d.w.existential[d.toks[k-1].Fold] && (k+1 >= len(d.toks) || !d.toks[k+1].Break) {
				continue // "were there any"
			}
			if k+1 < len(d.toks) && d.s[t.End:min(len(d.s), t.End+2)] == "'s" || d.s[t.End:min(len(d.s), t.End+4)] == "\u2019s" {
				continue
			}
			d.add(k, k)
		}
	}
}

// add records tokens i..j (inclusive) as a mention.
func (d *spanDoc) add(i, j int) {
	if i < 0 || j >= len(d.toks) || i > j {
		return
	}
	d.out = append(d.out, sitrep.Span{Start: d.toks[i].Start, End: d.toks[j].End})
}

// mark records tokens i..j as a place name, for the rules that build on
// names ("northern Iraq", "Palmyra, Syria").
func (d *spanDoc) mark(i, j int) {
	if d.loc[i] < j+1 {
		d.loc[i] = j + 1
	}
	for k := i; k <= j; k++ {
		d.in[k] = true
	}
}

// tokenAt returns the index of the token starting at byte b, or -1.
func (d *spanDoc) tokenAt(b int) int {
	k := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].Start >= b })
	if k < len(d.toks) && d.toks[k].Start == b {
		return k
	}
	return -1
}

// tokenEnding returns the index of the token ending at byte b, or -1.
func (d *spanDoc) tokenEnding(b int) int {
	k := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].End >= b })
	if k < len(d.toks) && d.toks[k].End == b {
		return k
	}
	return -1
}

// locationWord reports whether the folded word describes or names a place
// rather than a person: a head, direction, demonym or prefix.
func (d *spanDoc) locationWord(k int) bool {
	f := d.toks[k].Fold
	if h, _ := d.w.singular(f); h != "" {
		return true
	}
	_, demonym := d.g.demonyms[f]
	return d.w.direction[f] || d.w.prefix[f] || d.w.det[f] || demonym || d.w.modifier[f] || f == "of" || f == "and"
}

// toponyms adds the names Find returns, less those that read as part of a
// person's or an organisation's name.
func (d *spanDoc) toponyms() {
	type name struct {
		i, j int
		wide bool
	}
	var names []name
	person := map[string]bool{}
	d.person = person
	tps := d.g.Find(d.s, nil)
	ends := make(map[int]bool, len(tps)) // byte offsets where a found name ends
	for _, tp := range tps {
		ends[tp.Span.End] = true
	}
	for _, tp := range tps {
		off := strings.LastIndex(d.s[tp.Span.Start:tp.Span.End], tp.Name)
		if off < 0 {
			continue
		}
		i := d.tokenAt(tp.Span.Start + off)
		j := d.tokenEnding(tp.Span.Start + off + len(tp.Name))
		if i < 0 || j < i {
			continue
		}
		if i == j && d.personName(i) {
			person[d.toks[i].Fold] = true
			continue
		}
		// The second of two places joined by a hyphen ("the Iran-Iraq
		// War", "a UK-France summit") is a place, whatever follows.
		pair := d.toks[i].Joined && i > 0 && ends[d.toks[i-1].End]
		if i == j && !pair && d.inOrgName(i) {
			continue
		}
		if d.stateOf(i) {
			continue
		}
		j = d.led(j)
		names = append(names, name{i, j, tp.Kind == "country"})
	}
	for _, n := range names {
		if n.i == n.j && person[d.toks[n.i].Fold] {
			continue
		}
		d.add(n.i, n.j)
		d.mark(n.i, n.j)
		if n.wide {
			for k := n.i; k <= n.j; k++ {
				d.wide[k] = true
			}
		}
	}
}

// led extends a name ending at token j over a hyphenated "-led" or
// "-based" ("US-led", "Damascus-based"), as Re3d's annotators did.
func (d *spanDoc) led(j int) int {
	if j+1 >= len(d.toks) || d.toks[j+1].Fold != "led" && d.toks[j+1].Fold != "based" {
		return j
	}
	if gap := d.s[d.toks[j].End:d.toks[j+1].Start]; gap == "-" || gap == ".-" {
		return j + 1
	}
	return j
}

// personName reports whether the one-word name at k follows a first name
// or an initial ("Boris Johnson", "Scott C. Dayton").
func (d *spanDoc) personName(k int) bool {
	if k == 0 {
		return false
	}
	t, p := d.toks[k], d.toks[k-1]
	if !p.Cap || p.Num || t.Joined || d.locationWord(k-1) {
		return false
	}
	if t.Break {
		// Only the full stop of an initial may stand between.
		return len(p.Fold) == 1 && d.s[p.End:t.Start] == ". "
	}
	if p.SentStart && (k-1 == 0 || d.toks[k-1].Break) {
		return false
	}
	return d.s[p.End:t.Start] == " "
}

// inOrgName reports whether the one-word name at k is followed by a
// capitalised word that continues a longer proper name ("Syria Recovery
// Trust Fund", "Air Force", "Kurdistan Regional Government").
func (d *spanDoc) inOrgName(k int) bool {
	if k+1 >= len(d.toks) {
		return false
	}
	n := d.toks[k+1]
	if !n.Cap || n.Break || n.Joined || n.SentStart || d.s[d.toks[k].End:n.Start] != " " {
		return false
	}
	if !d.locationWord(k + 1) {
		return true
	}
	// Place words may stand inside a body's name when a word for a body
	// ends it: "Kurdistan Regional Government", "Westminster
	// International University".
	for m := k + 1; m < len(d.toks) && m <= k+3; m++ {
		if t := d.toks[m]; !t.Cap || t.Break || t.Joined {
			return false
		}
		if bodyWords[d.toks[m].Fold] {
			return true
		}
	}
	return false
}

// stateOf reports whether the name at k ends a group's name of the form
// "Islamic State of Iraq": a capitalised word, "State of", the name; or
// goes on one ("... of Iraq and the Levant", "... of Iraq and Syria").
// "the State of Israel" names the country, not a group: a determiner
// before "State" keeps the place.
func (d *spanDoc) stateOf(k int) bool {
	if k >= 2 && (d.toks[k-1].Fold == "and" || d.toks[k-1].Fold == "the") && !d.toks[k].Break {
		// "and the Levant", "and Syria": go back to the first name.
		p := k - 1
		if d.toks[p].Fold == "the" && p > 0 && !d.toks[p].Break {
			p--
		}
		if d.toks[p].Fold != "and" || d.toks[p].Break || p == 0 {
			return false
		}
		return d.toks[p-1].Cap && d.stateOf(p-1)
	}
	if k < 3 || d.toks[k].Break || d.toks[k-1].Break || d.toks[k-2].Break || d.toks[k-1].Fold != "of" {
		return false
	}
	st, before := d.toks[k-2], d.toks[k-3]
	return st.Fold == "state" && st.Cap && before.Cap && !before.Num && !d.w.det[before.Fold] &&
		d.s[before.End:st.Start] == " "
}

// bodyWords end the names of governments and institutions.
var bodyWords = map[string]bool{
	"government": true, "university": true, "council": true, "ministry": true,
	"authority": true, "assembly": true, "parliament": true, "administration": true,
	"command": true, "institute": true, "academy": true,
}

// regions adds names of regions from the word list ("the Middle East",
// "Central Asia").
func (d *spanDoc) regions() {
	for k := 0; k < len(d.toks); k++ {
		if !d.toks[k].Cap {
			continue
		}
		for _, r := range d.w.regions {
			j, ok := d.words(k, r)
			if !ok {
				continue
			}
			if len(r) == 1 && d.w.single[r[0]] && (k == 0 || d.toks[k-1].Fold != "the") {
				continue
			}
			if j+1 < len(d.toks) && d.toks[j+1].Joined || k == j && d.inOrgName(k) {
				continue // "Middle East-based", "Kurdistan Regional Government"
			}
			if j > k {
				// "Southwest Asia" is one name: "Asia" is no mention apart.
				// A country inside still is ("the Gulf of Oman").
				if d.inner == nil {
					d.inner = map[sitrep.Span]bool{}
				}
				for _, sp := range d.out {
					if n := d.tokenAt(sp.Start); n >= 0 && d.wide[n] {
						continue
					}
					if sp.Start >= d.toks[k].Start && sp.End <= d.toks[j].End && (sp.Start > d.toks[k].Start || sp.End < d.toks[j].End) {
						d.inner[sp] = true
					}
				}
			}
			d.add(k, j)
			d.mark(k, j)
			for n := k; n <= j; n++ {
				d.wide[n] = true
			}
			k = j
			break
		}
	}
}

// words reports whether the folded words ws stand at k, capitalised
// except for "of", and returns the last token.
func (d *spanDoc) words(k int, ws []string) (int, bool) {
	if k+len(ws) > len(d.toks) {
		return 0, false
	}
	for n, w := range ws {
		t := d.toks[k+n]
		if t.Fold != w || n > 0 && t.Break || n == 0 && !t.Cap {
			return 0, false
		}
	}
	return k + len(ws) - 1, true
}

// capName returns the last token of the capitalised name starting at k,
// or -1 when none starts there. Connectors and articles may stand inside
// ("Salah ad Din", "Deir ez-Zor").
func (d *spanDoc) capName(k int) int {
	if k >= len(d.toks) || !d.toks[k].Cap || d.toks[k].Num {
		return -1
	}
	j := k
	for n := k + 1; n < len(d.toks) && n-k < maxWords; n++ {
		t := d.toks[n]
		if t.Break || t.Num {
			break
		}
		if t.Cap || t.Joined {
			j = n
			continue
		}
		if (text.IsArticle(t.Fold) || t.Fold == "al" || t.Fold == "el" || t.Fold == "de") && n+1 < len(d.toks) && d.toks[n+1].Cap && !d.toks[n+1].Break {
			continue
		}
		break
	}
	return j
}

// cued adds capitalised names after a locative preposition ("in Geneva",
// "near Sarmada") that the gazetteer knows, though Find wanted more
// evidence, and the names listed with them ("in Qamenas, Sarmin and
// Talamenes").
func (d *spanDoc) cued() {
	for k := 0; k+1 < len(d.toks); k++ {
		if !d.w.cue[d.toks[k].Fold] {
			continue
		}
		for n := k + 1; n < len(d.toks); {
			t := d.toks[n]
			if d.in[n] && d.loc[n] > 0 {
				// A name already taken inside the list: go on past it
				// ("in Qamenas, Sarmin and Talamenes").
				// Past a comma the next name must itself be followed by
				// the list ("Sarmada, Syria, Cook said" is no list).
				j := d.loc[n] - 1
				nx := d.listGoesOn(j)
				if nx == 0 || d.toks[j+1].Fold != "and" && d.listGoesOn(d.capName(nx)) == 0 {
					break
				}
				n = nx
				continue
			}
			if !t.Cap || t.SentStart || d.in[n] || d.w.notPlace[t.Fold] || d.locationWord(n) || d.person[t.Fold] {
				break
			}
			j := d.capName(n)
			if j < 0 {
				break
			}
			name := d.s[t.Start:d.toks[j].End]
			cands := d.g.Lookup(name, "")
			if len(cands) == 0 && j > n && d.toks[n+1].Cap {
				// "In Turkey Minister Ellwood met": try the first word.
				j, name = n, d.s[t.Start:t.End]
				cands = d.g.Lookup(name, "")
			}
			country := len(cands) > 0 && cands[0].Kind == "country"
			if j+1 < len(d.toks) && d.toks[j+1].Cap && !d.toks[j+1].Break && !country && !d.w.notPlace[d.toks[j+1].Fold] {
				break // part of a longer name: "in Geneva Convention"
			}
			// An unknown name of several words may follow a strong cue only
			// when its later words hang on an article ("in Urem al-Kubra").
			if len(cands) == 0 && (!d.w.strongCue[d.toks[k].Fold] || j > n && d.toks[n+1].Cap || isAcronym(name) || d.g.stop[t.Fold]) {
				break
			}
			d.add(n, j)
			d.mark(n, j)
			if n = d.listGoesOn(j); n == 0 {
				break
			}
		}
	}
}

// listGoesOn returns the token after ", " or "and" that goes on from a
// name ending at j ("in X, Y and Z"), or 0 when the list ends there.
func (d *spanDoc) listGoesOn(j int) int {
	if j < 0 {
		return 0
	}
	if j+2 < len(d.toks) && d.toks[j+1].Fold == "and" && !d.toks[j+1].Break {
		return j + 2
	}
	if j+1 < len(d.toks) && d.toks[j+1].Break && d.s[d.toks[j].End:d.toks[j+1].Start] == ", " {
		return j + 1
	}
	return 0
}

// again adds the other mentions of a name already taken for a place, one
// sense per text: once "in Dabiq" is a place, so is "Dabiq held symbolic
// importance".
func (d *spanDoc) again() {
	names := map[string]bool{}
	for k := range d.toks {
		if d.loc[k] > 0 && d.toks[k].Cap {
			names[d.s[d.toks[k].Start:d.toks[d.loc[k]-1].End]] = true
		}
	}
	for k := 0; k < len(d.toks); k++ {
		if d.in[k] || !d.toks[k].Cap || k > 0 && d.toks[k].Joined {
			continue
		}
		j := d.capName(k)
		for ; j >= k; j-- {
			if names[d.s[d.toks[k].Start:d.toks[j].End]] {
				break
			}
		}
		if j < k || j+1 < len(d.toks) && (d.toks[j+1].Joined || d.toks[j+1].Cap && !d.toks[j+1].Break) || d.stateOf(k) {
			continue
		}
		d.add(k, j)
		d.mark(k, j)
		k = j
	}
}

// prefixed adds names opened by a place word ("Camp Hurriya", "Mount
// Sinjar", "Gulf of Aden", "Lakes Habbaniyah and Tharthar").
func (d *spanDoc) prefixed() {
	for k := 0; k+1 < len(d.toks); k++ {
		t := d.toks[k]
		if !t.Cap || !d.w.prefix[t.Fold] {
			continue
		}
		n := k + 1
		if d.toks[n].Fold == "of" && !d.toks[n].Break && n+1 < len(d.toks) {
			n++
		}
		if d.toks[n].Break {
			continue
		}
		j := d.capName(n)
		if j < 0 {
			continue
		}
		if j+2 < len(d.toks) && d.toks[j+1].Fold == "and" && !d.toks[j+1].Break && !d.toks[j+2].Break {
			if j2 := d.capName(j + 2); j2 >= 0 && strings.HasSuffix(t.Fold, "s") {
				j = j2
			}
		}
		d.add(k, j)
		d.add(n, j)
		d.mark(k, j)
		k = j
	}
}

// directions adds a place narrowed by a direction ("northern Iraq",
// "East Mosul").
func (d *spanDoc) directions() {
	for k := 0; k+1 < len(d.toks); k++ {
		if !d.w.direction[d.toks[k].Fold] || d.toks[k+1].Break || d.loc[k+1] == 0 {
			continue
		}
		if d.toks[k].Fold == "central" || d.toks[k].Fold == "upper" || d.toks[k].Fold == "lower" || d.toks[k].Fold == "greater" {
			if !d.toks[k].Cap {
				continue
			}
		}
		j := d.loc[k+1] - 1
		d.add(k, j)
		d.mark(k, j)
	}
	// "insurgent-held Karabilah", "rebel-run Douma", "Kurdish-speaking Iraq".
	for k := 1; k+1 < len(d.toks); k++ {
		t := d.toks[k]
		if !t.Joined || d.toks[k+1].Break || d.loc[k+1] == 0 || d.s[t.End:d.toks[k+1].Start] != " " ||
			!strings.HasSuffix(t.Fold, "ed") && !strings.HasSuffix(t.Fold, "ing") && t.Fold != "held" && t.Fold != "run" {
			continue
		}
		d.add(k-1, d.loc[k+1]-1)
	}
}

// pairs adds "town, country" ("Palmyra, Syria", "Fort Campbell, Kentucky").
func (d *spanDoc) pairs() {
	for k := 0; k < len(d.toks); k++ {
		if d.loc[k] == 0 {
			continue
		}
		j := d.loc[k] - 1
		n := j + 1
		if d.wide[k] || n >= len(d.toks) || d.loc[n] == 0 || d.s[d.toks[j].End:d.toks[n].Start] != ", " {
			continue
		}
		// Not a list: "Palmyra, Syria" but not "France, Jordan, Qatar".
		e := d.loc[n] - 1
		if e+1 < len(d.toks) && (d.loc[e+1] > 0 || d.toks[e+1].Fold == "and") {
			continue
		}
		d.add(k, e)
	}
}

// descriptions adds noun phrases headed by a place noun: "the city",
// "a besieged town", "ISIL-held buildings", "the Syrian town of Dabiq",
// "Raqqa province", "Tabqa Dam".
func (d *spanDoc) descriptions() {
	w := d.w
	last := -1 // the head of the last phrase taken
	for k := 0; k < len(d.toks); k++ {
		t := d.toks[k]
		head, plural := w.singular(t.Fold)
		start := k
		if k > 0 && !t.Break && w.pair[d.toks[k-1].Fold+" "+strings.TrimSuffix(t.Fold, "s")] {
			head, plural, start = t.Fold, strings.HasSuffix(t.Fold, "s"), k-1
		}
		if head == "" {
			continue
		}
		// A later head takes over ("the city centre", "the airport compound").
		if k+1 < len(d.toks) && !d.toks[k+1].Break && !plural {
			if h, _ := w.singular(d.toks[k+1].Fold); h != "" {
				continue
			}
			if w.pair[t.Fold+" "+strings.TrimSuffix(d.toks[k+1].Fold, "s")] {
				continue
			}
		}
		// A capitalised head followed by a capitalised word is inside a
		// longer name ("Home Office").
		if t.Cap && k+1 < len(d.toks) && d.toks[k+1].Cap && !d.toks[k+1].Break && !t.SentStart {
			continue
		}
		i := start
		var det, mod, capMod, num bool
	left:
		for i > 0 && start-i < 6 {
			cur, p := d.toks[i], d.toks[i-1]
			gap := d.s[p.End:cur.Start]
			switch {
			case cur.Joined || p.Joined:
				i--
				mod = true
				continue
			case cur.Break && !cur.Joined:
				break left
			case gap == "'s " || gap == "\u2019s ":
				// A possessive opens the phrase ("ISIL's self-proclaimed capital").
				i--
				det = true
				break left
			case gap != " ":
				break left
			}
			switch {
			case w.det[p.Fold] && !p.Cap || w.det[p.Fold] && p.SentStart:
				i--
				det = true
				break left
			case p.Num || countWords[p.Fold]:
				i--
				num = true
			case p.Cap && !w.det[p.Fold]:
				i--
				capMod = true
			case w.modifier[p.Fold] || w.direction[p.Fold]:
				i--
				mod = true
			default:
				if h, _ := w.singular(p.Fold); h != "" && !w.weak[h] {
					i--
					mod = true
					continue
				}
				break left
			}
		}
		// The head itself may be capitalised ("Tabqa Dam") or stand first.
		headCap := t.Cap && !t.SentStart
		ok := det && !w.modOnly[head] || capMod || mod && (!w.weak[head] || w.modOnly[head]) ||
			plural && (num || !w.weak[head]) || headCap && start > i || i == k && d.listedWith(last, k)
		if !ok {
			continue
		}
		last = k
		// Drop leading numbers and number words: "two bridges" is kept
		// whole, but "2,000 buildings" reads as a quantity first.
		j := k
		// "the city of Mosul": the name is a mention of its own too.
		if !plural && !w.weak[head] && k+2 < len(d.toks) && d.toks[k+1].Fold == "of" && !d.toks[k+1].Break && !d.toks[k+2].Break {
			if e := d.capName(k + 2); e >= 0 {
				d.add(i, k)
				if d.loc[k+2] > 0 {
					e = max(e, d.loc[k+2]-1)
				}
				d.add(k+2, e)
				d.mark(k+2, e)
				j = e
			}
		}
		d.add(i, j)
		if j == k {
			if e := d.placeAfter(k); e > k {
				// "villages around Raqqa", "an area outside Damascus":
				// the phrase and the place it lies around.
				d.add(i, e)
			}
		}
	}
}

// placeAfter returns the last token of a place name that a preposition
// of place after token k puts the phrase ending at k around ("villages
// around Raqqa", "an area outside Damascus"), or -1. "in" is left out:
// "hospitals in Syria" is as often two mentions as one.
func (d *spanDoc) placeAfter(k int) int {
	n := k + 1
	if n+1 >= len(d.toks) || d.toks[n].Break || d.toks[n+1].Break {
		return -1
	}
	switch d.toks[n].Fold {
	case "around", "outside", "surrounding", "near":
	default:
		return -1
	}
	n++
	if d.toks[n].Fold == "the" && n+1 < len(d.toks) && !d.toks[n+1].Break {
		n++
	}
	if d.loc[n] == 0 || !d.toks[n].Cap {
		return -1
	}
	return d.loc[n] - 1
}

// listedWith reports whether the bare noun at k is listed after the place
// phrase whose head is at last: "a petrol station and restaurant", "an
// assembly hall, library, restaurant and baths".
func (d *spanDoc) listedWith(last, k int) bool {
	if last < 0 || d.toks[k].Cap || d.toks[k].Joined {
		return false
	}
	switch {
	case last == k-1:
		// After a comma the list must go on: "the river, crossing the
		// plain" is no list.
		return d.toks[k].Break && d.s[d.toks[last].End:d.toks[k].Start] == ", " && d.listGoesOn(k) > 0
	case last == k-2:
		c := d.toks[k-1]
		return (c.Fold == "and" || c.Fold == "or") && !c.Break && !d.toks[k].Break
	}
	return false
}
