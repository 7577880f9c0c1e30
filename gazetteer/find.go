package gazetteer

import (
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/gazetteer/internal/index"
	"github.com/sitrep-dev/sitrep/text"
)

// maxWords is the longest name, in words, that Find tries.
const maxWords = 6

// connectors may stand lower-case inside a name ("Deir ez-Zor", "Isle of
// Man", "Rio de Janeiro").
var connectors = map[string]bool{
	"de": true, "del": true, "la": true, "le": true, "les": true, "du": true,
	"des": true, "di": true, "da": true, "do": true, "dos": true, "das": true,
	"of": true, "upon": true, "on": true, "sur": true, "am": true, "der": true,
	"den": true, "bin": true, "bint": true, "abu": true, "umm": true, "um": true,
	"wa": true, "y": true, "sidi": true, "ibn": true, "ait": true, "the": true,
}

// suffixes are words that follow a place name without being part of a
// longer name ("Aleppo City", "Idlib Province").
var suffixes = map[string]bool{
	"city": true, "province": true, "governorate": true, "district": true,
	"region": true, "countryside": true, "town": true, "village": true,
	"area": true, "state": true, "county": true, "municipality": true,
	"and": true, "or": true,
}

// match is a window of tokens whose key names something in the gazetteer,
// and what it resolved to.
type match struct {
	i, j     int // first and last token
	postings []uint32
	skeleton bool // matched on the consonant skeleton only
	country  bool // one of the postings is a country

	cue       bool // a locative cue precedes it ("in", "near", "the town of")
	strong    bool // the cue is "the town of", "near" or another relation
	inName    bool // it looks like part of a longer name or a person's name
	nameTail  bool // inName as the word after an unknown capitalised one ("Jaish al-Taifa")
	person    bool // a title precedes it or "said" follows it
	acronym   bool // a short all-capitals word ("RIA", "SDF")
	nextCap   bool // a capitalised word that is not a place follows
	hyphen    bool // part of a hyphenated word ("Bar" in "Bar-Sanguun")
	allCommon bool // every word is a common English word ("So I")
	relation  string
	relStart  int // first token of the whole phrase ("eight kilometers east of")
	relEnd    int // last token of the whole phrase ("province")
	kind      uint8
	offsetKm  float64
	bearing   float64
	other     *match // the second place of "between X and Y"
	sentence  int32
	ownC      int16   // the country this match itself added to the context
	ownW      float64 // and how much

	best    int32
	top     []cand // the best candidates of the first pass
	score   float64
	bestC   cand    // the winning candidate as scored
	second  float64 // the runner-up's score
	secondE int32   // and entity, -1 when none
	near    bool    // proximity was scored
	folded  string  // the name as written, folded
	reason  string
	drop    bool

	// Bracketed units: "X (A2, A1)". A head has quals; each qualifier
	// points back at its head and, when the chain is confirmed (the
	// names lie one in the next, or X has a namesake inside), is pinned to
	// the entity chosen for it.
	quals      []*match
	head       *match
	inside     []int32 // a confirmed head's units, smallest first
	confirmed  bool
	pinned     bool
	forced     int32
	unknown    bool // a head the gazetteer does not know
	org        bool // names a unit, party or firm after a place ("Al Sham Corps")
	weak       bool // a lone common word, stop word or consonant skeleton
	fallback   bool // placed at a unit of its brackets, not at a namesake
	commaUnits bool // its units follow after a comma only: "X, A"
	part       bool // a part of the place after it: "the Soba area of Khartoum"
	lone       bool // accepted with no country in view: scored lower
}

// doc is the state of one Find call.
type doc struct {
	g       *Gazetteer
	s       string
	toks    []text.Token
	sent    []int32 // sentence number per token
	hints   countries
	ctx     weights         // by country: weight of evidence that the text is about it
	demo    weights         // by country: what demonyms added to ctx
	named   weights         // by country: what names added to ctx
	votes   weights         // by country: what confident names added to ctx
	shared  []sharedCountry // countries that ranked ambiguous names, out of ctx since
	admin   unitWeights     // admin unit → weight of evidence that the text is about it
	top     float64         // the largest ctx weight
	textTop float64         // the largest ctx weight less hints
	ms      []*match
	buf     []byte
	points  []point  // places chosen in the first pass, for proximity
	pool    []cand   // backing store for matches' top candidates
	slab    []match  // backing store for matches
	extra   []*match // unknown heads of bracketed units, placed at the unit
	reasons map[reasonKey]string
	covered []bool             // scratch for output
	own     map[string]float64 // scratch for context

	starts    []int32 // tokens a name may start at (see scan)
	demonymAt []int32 // capitalised tokens that may be demonyms
	qualAt    []int32 // tokens a qualifier may follow
	ofAt      []int32 // tokens "of" follows

	// wi holds each token's word classes, looked up once per token
	// rather than once per list and per window that covers it.
	wi []wordInfo

	// Transliteration keys of tokens as the first word of a name (at 2k)
	// and as a later one (at 2k+1), in lbuf.
	loose []looseSpan
	lbuf  []byte
}

// reasonKey identifies an explanation: a name as written resolved to one
// candidate with one runner-up, which repeated mentions share.
type reasonKey struct {
	folded        string
	best, second  int32
	score, runner float64
	lone          bool
}

// cands returns an empty slice with room for n candidates, carved from a
// pool so that each match does not allocate its own.
func (d *doc) cands(n int) []cand {
	if len(d.pool)+n > cap(d.pool) {
		d.pool = make([]cand, 0, max(n, 6*len(d.ms)+n))
	}
	c := d.pool[len(d.pool) : len(d.pool) : len(d.pool)+n]
	d.pool = d.pool[:len(d.pool)+n]
	return c
}

// point is a place chosen for a match, for proximity scoring.
type point struct {
	lat, lon float64
	sentence int32
	i        int32 // m.i
	e        int32
	m        *match
	name     string
}

// cand is a candidate kept after the first pass, with its score without
// proximity.
type cand struct {
	e       int32
	posting uint32
	base    float64
	spelled bool // e's name is spelled as written
}

// Find returns every toponym in text, resolved, in text order. countries
// are ISO2 or ISO3 codes (or names) the caller believes the text is about;
// they weigh in ranking but never force a match. Spans are byte offsets
// into text; relative phrases ("near X", "8 km east of X", "X province")
// are applied to the place and included in the span. A capitalised name
// after a strong cue ("the village of X") that matches nothing is returned
// with an unknown Place.
//
// Demonyms ("Syrian") and country names weigh as context but only country
// names are returned. Names that are also common English words, people's
// names or a small place abroad need a cue or context to count. In a
// text that names no country, a place after a cue ("in X", "near X")
// counts when no namesake competes with it, and a unit in brackets when
// all its namesakes lie in one country; both score lower than they would
// with their country in view.
//
// Find leaves each toponym's Reason empty: the pipeline does not read it,
// and writing it out is a tenth of the work. Explain fills it in.
func (g *Gazetteer) Find(s string, countries []string) []sitrep.Toponym {
	return g.find(s, countries, false)
}

// Explain is Find with each toponym's Reason: the terms of its score and
// the runner-up, for people.
func (g *Gazetteer) Explain(s string, countries []string) []sitrep.Toponym {
	return g.find(s, countries, true)
}

func (g *Gazetteer) find(s string, countries []string, explain bool) []sitrep.Toponym {
	d := g.newDoc(s)
	defer d.release()
	for _, c := range countries {
		if ci, ok := g.countryIndex(c); ok {
			d.hints.add(int16(ci))
		}
	}
	if cap(d.sent) < len(d.toks) {
		d.sent = make([]int32, len(d.toks))
	}
	d.sent = d.sent[:len(d.toks)]
	if cap(d.loose) < 2*len(d.toks) {
		d.loose = make([]looseSpan, 2*len(d.toks))
	}
	d.loose = d.loose[:2*len(d.toks)]
	clear(d.loose)
	d.lbuf = d.lbuf[:0]
	d.scan()
	d.clearWords()
	d.match()
	d.relations()
	d.people()
	d.qualifiers()
	d.context()
	d.resolve()
	return d.output(explain)
}

// roadWords name a route between the places joined by hyphens before
// them: "the Abuja-Kaduna highway".
var roadWords = map[string]bool{
	"highway": true, "road": true, "expressway": true, "motorway": true, "route": true,
	"railway": true, "axis": true, "corridor": true, "freeway": true,
}

// roadPair reports a place ending at token j in a chain of capitalised
// names joined by hyphens that a road word follows: "Abuja-Kaduna
// highway". Each is a place of its own, on the road, not part of one
// hyphenated name ("Bar-Sanguun").
func (d *doc) roadPair(j int) bool {
	k := j + 1
	for k < len(d.toks) && d.toks[k].Joined {
		k++
	}
	if k >= len(d.toks) || !roadWords[d.toks[k].Fold] {
		return false
	}
	first := j
	for first > 0 && d.toks[first].Joined {
		first--
	}
	return k-1 > first // two names at least
}

// scan reads every token once for what later steps look for: it numbers
// sentences and records the tokens a name may start at, the capitalised
// words that may be demonyms, where a qualifier may follow ("X (A)", "X,
// A", "X in A") and where "of" follows a word ("the village of X"), so
// that those steps need not read every token again.
func (d *doc) scan() {
	d.starts, d.demonymAt = d.starts[:0], d.demonymAt[:0]
	d.qualAt, d.ofAt = d.qualAt[:0], d.ofAt[:0]
	toks, g := d.toks, d.g
	n := int32(0)
	for k := range toks {
		t := &toks[k]
		if t.SentStart && k > 0 {
			n++
		}
		d.sent[k] = n
		var next *text.Token
		if k+1 < len(toks) {
			next = &toks[k+1]
		}
		// Every token startOK accepts: capitalised, or a short article
		// before a capitalised word.
		if t.Cap {
			if !t.Num {
				d.starts = append(d.starts, int32(k))
			}
			if g.maybeDemonym(t.Fold) {
				d.demonymAt = append(d.demonymAt, int32(k))
			}
		} else if next != nil && next.Cap && !next.Break && len(t.Fold) <= 3 && !t.Num {
			d.starts = append(d.starts, int32(k))
		}
		if next == nil {
			break
		}
		w := twoLetters(next.Fold)
		gap := next.Start - t.End
		if gap > 1 || gap == 1 && d.s[t.End] != ' ' || w == 'o'|'f'<<8 || w == 'i'|'n'<<8 {
			d.qualAt = append(d.qualAt, int32(k))
		}
		if w == 'o'|'f'<<8 && !next.Break {
			d.ofAt = append(d.ofAt, int32(k))
		}
	}
}

// twoLetters packs a word of two bytes into an integer, and is 0 for
// words of any other length.
func twoLetters(w string) int {
	if len(w) < 2 {
		return 0
	}
	x := int(w[0]) | int(w[1])<<8
	if len(w) != 2 {
		x = 0 // a conditional move: the length is as good as random
	}
	return x
}

// docs keeps the scratch state of finished Find calls for the next ones:
// tokens, matches and candidates are most of what Find allocates.
var docs = sync.Pool{New: func() any {
	return &doc{own: map[string]float64{}}
}}

// newDoc returns a cleared doc for text s.
func (g *Gazetteer) newDoc(s string) *doc {
	d := docs.Get().(*doc)
	d.g, d.s = g, s
	d.toks = text.TokensInto(d.toks, s)
	d.clearCountries()
	d.admin.reset()
	clear(d.reasons)
	d.top, d.textTop, d.shared = 0, 0, nil
	d.ms, d.points, d.extra = d.ms[:0], d.points[:0], d.extra[:0]
	d.pool, d.slab = d.pool[:0], d.slab[:0]
	return d
}

// clearCountries clears the weights by country.
func (d *doc) clearCountries() {
	n := len(d.g.countries)
	d.hints.reset(n)
	d.ctx.reset(n)
	d.demo.reset(n)
	d.named.reset(n)
	d.votes.reset(n)
}

// release returns d to the pool. Nothing Find returns points into it.
func (d *doc) release() {
	d.g, d.s = nil, ""
	clear(d.ms) // drop pointers into old slabs
	docs.Put(d)
}

// clearWords forgets the word classes of the previous text; info looks
// each token up on first use, as most tokens are never asked about.
func (d *doc) clearWords() {
	if cap(d.wi) < len(d.toks) {
		d.wi = make([]wordInfo, len(d.toks))
	}
	d.wi = d.wi[:len(d.toks)]
	clear(d.wi)
}

// looseOf returns the transliteration key of token k as the first word
// of a name or a later one. A token is read by every window that covers
// it, so its keys are kept once computed, in one buffer for the text.
func (d *doc) looseOf(k int, first bool) []byte {
	slot := 2 * k
	if !first {
		slot++
	}
	sp := d.loose[slot]
	if sp.end == 0 {
		f := d.toks[k].Fold
		start := len(d.lbuf)
		d.lbuf = text.AppendLoose(d.lbuf, f, first)
		// end is one past the key's end, so that 0 says "not computed".
		sp = looseSpan{int32(start), int32(len(d.lbuf)) + 1}
		if text.LooseVaries(f) {
			d.loose[slot] = sp
		} else {
			d.loose[2*k], d.loose[2*k+1] = sp, sp // both the same
		}
	}
	return d.lbuf[sp.start : sp.end-1]
}

// looseSpan locates a token's key in doc.lbuf.
type looseSpan struct{ start, end int32 }

func (d *doc) startOK(k int) bool {
	t := &d.toks[k]
	if t.Num {
		return false
	}
	if t.Cap {
		return true
	}
	// Lower-case "al"/"el" start a name ("al-Bab", "el Arish"); other
	// articles only when hyphenated ("as-Suwayda"), as "at", "as" and "an"
	// are English words.
	if len(t.Fold) > 3 || k+1 >= len(d.toks) {
		return false
	}
	if n := &d.toks[k+1]; !n.Cap || n.Break || !text.IsArticle(t.Fold) {
		return false
	}
	return t.Fold == "al" || t.Fold == "el" || d.toks[k+1].Joined
}

func (d *doc) innerOK(k int) bool {
	t := &d.toks[k]
	if t.Break || t.Num {
		return false
	}
	return t.Cap || t.Joined || len(t.Fold) <= 5 && d.is(k, wcConnector|wcArticle)
}

func (d *doc) endOK(k int) bool {
	t := &d.toks[k]
	return (t.Cap || t.Joined && len(t.Fold) > 2) && (len(t.Fold) > 3 || !text.IsArticle(t.Fold))
}

// match finds the longest name at each position, left to right.
func (d *doc) match() {
	g := d.g
	next := 0 // the first token after the last name found
	for _, start := range d.starts {
		i := int(start)
		if i < next || !d.startOK(i) {
			continue
		}
		// The longest window that names something so far.
		var (
			curJ    int
			curPS   []uint32
			curSkel bool
			found   bool
		)
		d.buf = d.buf[:0]
		first := true
		plainTo, plain := i-1, true // tokens i..plainTo hold no common word
		h := uint64(fnvOffset)      // hashBytes(d.buf), word by word
		for j := i; j < len(d.toks) && j < i+maxWords; j++ {
			if j > i && !d.innerOK(j) {
				break
			}
			l := d.looseOf(j, first)
			if len(l) != 0 {
				first = false
			}
			buf := d.buf
			for _, c := range l {
				buf = append(buf, c)
				h = (h ^ uint64(c)) * fnvPrime
			}
			d.buf = buf
			if !d.endOK(j) || len(d.buf) < 3 && !(len(d.buf) == 2 && isAcronym(d.s[d.toks[i].Start:d.toks[j].End])) {
				continue // two letters only for "UK", "US", "J&K"
			}
			if ps := g.keys.get(fixHash(h)); ps != nil {
				curJ, curPS, curSkel, found = j, ps, false, true
				continue
			}
			if len(d.buf) < 4 || j-i >= 3 || found && !curSkel && curJ >= j {
				continue
			}
			// A consonant skeleton only for words that are not common
			// English ("Near Dayr" is not a name).
			for ; plain && plainTo < j; plainTo++ {
				k := plainTo + 1
				plain = !d.common(k) || k == i && i < j && d.is(k, wcPrefix)
			}
			if plain {
				if sh, n := skeletonHash(d.buf); n >= 4 { // four consonants
					if ps := g.keys.get(sh); ps != nil {
						curJ, curPS, curSkel, found = j, ps, true, true
					}
				}
			}
		}
		if !found {
			continue
		}
		if curJ == i && isAcronym(d.s[d.toks[i].Start:d.toks[i].End]) && string(d.looseOf(i, true)) != d.toks[i].Fold {
			// An acronym names a place only as spelled: "USS" (a ship's
			// prefix) is not "US", though the loose key merges the
			// doubled letter.
			continue
		}
		if len(d.slab) == cap(d.slab) {
			// A new chunk, twice as big: earlier pointers stay valid.
			d.slab = make([]match, 0, max(8, len(d.ms)))
		}
		d.slab = append(d.slab, match{i: i, j: curJ, postings: curPS, skeleton: curSkel})
		best := &d.slab[len(d.slab)-1]
		best.allCommon = best.i < best.j
		for k := best.i; k <= best.j && best.allCommon; k++ {
			best.allCommon = d.common(k) || d.is(k, wcArticle)
		}
		for _, p := range best.postings {
			if g.isCountry(p >> index.FlagBits) {
				best.country = true
			}
		}
		best.relStart, best.relEnd, best.sentence = best.i, best.j, d.sent[best.i]
		// A single digit is a numbered part of the place ("Zolote-4"),
		// not the rest of a word.
		if k := best.j + 1; k < len(d.toks) && d.toks[k].Joined && (d.toks[k].Cap || len(d.toks[k].Fold) == 1 && !d.toks[k].Num || d.is(k, wcArticle)) && !d.roadPair(best.j) {
			best.hyphen = true // "Bar-Sanguun", "Pul-e Charkhi"
		}
		if k := best.j + 1; k < len(d.toks) && d.toks[k].Cap && !d.toks[k].Num && !d.toks[k].Joined {
			best.nextCap = !d.toks[k].Break && !d.is(k, wcSuffix)
		}
		if best.i > 0 && d.toks[best.i].Joined && d.toks[best.i-1].Cap && !d.roadPair(best.j) {
			best.hyphen = true
		}
		if span := d.s[d.toks[best.i].Start:d.toks[best.j].End]; best.i == best.j || len(span) <= 5 {
			best.acronym = isAcronym(span)
		}
		best.best, best.forced = -1, -1
		if best.i == best.j {
			best.weak = best.skeleton || d.common(best.i) || d.is(best.i, wcStop)
		}
		d.ms = append(d.ms, best)
		next = best.j + 1
	}
}

// skeletonHash returns hashBytes("#" + text.Skeleton(key)), the key of
// key's consonant skeleton, and the skeleton's length. It hashes the
// skeleton as it finds it, choosing each byte without a branch: whether a
// letter is a vowel is as good as random.
func skeletonHash(key []byte) (uint64, int) {
	h := uint64(fnvOffset)
	h = (h ^ '#') * fnvPrime
	n, prev := 0, -1 // prev is the last consonant kept, -1 before the first
	for _, c := range key {
		keep := uint64(consonant[c])
		if int(c) == prev {
			keep = 0
		}
		mask := -keep
		h = h&^mask | (h^uint64(c))*fnvPrime&mask
		prev ^= (prev ^ int(c)) & int(mask)
		n += int(keep)
	}
	return fixHash(h), n
}

// consonant is 1 for the bytes text.Skeleton keeps, 0 for the vowels and
// semivowels it drops.
var consonant = func() (t [256]uint8) {
	for c := range t {
		t[c] = 1
	}
	for _, c := range "aeiouwy" {
		t[c] = 0
	}
	return t
}()

// namePrefixes are Arabic words that begin many place names and happen to
// be English words too ("Tall Refaat", "Bab al-Hawa"): before another word
// they do not stop the consonant skeleton from being tried.
var namePrefixes = map[string]bool{"tall": true, "tell": true, "bab": true, "bir": true, "ras": true, "wadi": true, "kafr": true}

// isAcronym reports whether a word is an acronym rather than a name:
// "RIA", "SDF", "LoC".
func isAcronym(w string) bool {
	if len(w) > 5 {
		return false
	}
	upper := 0
	for _, r := range w {
		if 'A' <= r && r <= 'Z' {
			upper++
		}
	}
	return upper >= 2
}

// fold returns the folded text of tokens i..j joined by spaces.
func (d *doc) fold(i, j int) string {
	if i == j {
		return d.toks[i].Fold
	}
	parts := make([]string, 0, j-i+1)
	for k := i; k <= j; k++ {
		parts = append(parts, d.toks[k].Fold)
	}
	return strings.Join(parts, " ")
}

// tok returns the folded token k, or "" out of range.
func (d *doc) tok(k int) string {
	if k < 0 || k >= len(d.toks) {
		return ""
	}
	return d.toks[k].Fold
}
