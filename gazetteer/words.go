package gazetteer

import (
	_ "embed"
	"strings"

	"github.com/sitrep-dev/sitrep/text"
)

// wordClass holds, as bits, which of Find's word lists a folded word is
// on. Find asks about the words around every name many times over; one
// lookup per token answers all the lists at once.
type wordClass uint32

const (
	wcCommon      wordClass = 1 << iota // a common English word (the index's list)
	wcStop                              // never counts alone (stopwords.txt)
	wcDemonym                           // "Syrian": wordInfo.demonym says which country
	wcArticle                           // an Arabic article: al, el, as-...
	wcConnector                         // a word inside names: de, bin, umm...
	wcPrefix                            // an Arabic word that begins names: tall, bab...
	wcSuffix                            // follows a name without being part of it
	wcCue                               // a locative cue: in, near, captured...
	wcPlaceNoun                         // "the town of"
	wcSkippable                         // may stand between a cue and a name
	wcTitle                             // comes before a person's name
	wcSpeech                            // follows a person's name: said, told...
	wcOrg                               // ends the name of a unit, party or firm
	wcStreet                            // ends the name of a street
	wcSponsor                           // "-led", "-backed"
	wcUnitWord                          // may follow a unit's name in brackets
	wcPartNoun                          // "the Soba area of Khartoum"
	wcCalendar                          // a day or a month
	wcDirection                         // north, southeast...
	wcMeasure                           // km, miles...
	wcNumber                            // one, twenty, several...
	wcFirstName                         // a given name: "Sarah" (firstnames.txt)
	wcKnown                             // the other classes of this token are known (per-token cache only)
	wcCommonKnown                       // whether it is common is known (per-token cache only)
)

// wordInfo is what the word lists say of one folded word.
type wordInfo struct {
	class   wordClass
	demonym int16 // countries index of a demonym
}

// staticWords are the word lists written in this package, by class.
var staticWords = []struct {
	class wordClass
	words func(func(string))
}{
	{wcConnector, keysOf(connectors)},
	{wcPrefix, keysOf(namePrefixes)},
	{wcSuffix, keysOf(suffixes)},
	{wcCue, keysOf(cues)},
	{wcPlaceNoun, keysOf(placeNouns)},
	{wcSkippable, keysOf(skippable)},
	{wcTitle, keysOf(titles)},
	{wcSpeech, keysOf(speech)},
	{wcOrg, keysOf(orgWords)},
	{wcStreet, keysOf(streetWords)},
	{wcSponsor, keysOf(sponsorWords)},
	{wcUnitWord, keysOf(unitWords)},
	{wcPartNoun, keysOf(partNouns)},
	{wcCalendar, keysOf(calendarWords)},
	{wcDirection, keysOf(directions)},
	{wcMeasure, keysOf(units)},
	{wcNumber, keysOf(numberWords)},
	{wcFirstName, keysOf(firstNames)},
}

//go:embed firstnames.txt
var firstnamesTXT string

// firstNames are the given names of firstnames.txt, folded.
var firstNames = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(firstnamesTXT, "\n") {
		if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
			m[text.Fold(line)] = true
		}
	}
	return m
}()

func keysOf[V any](m map[string]V) func(func(string)) {
	return func(yield func(string)) {
		for k := range m {
			yield(k)
		}
	}
}

// buildWords fills g.words from the stop words, the demonyms and the
// package's own lists. The common words, twenty times as many, stay in
// g.common: few tokens are asked about them.
func (g *Gazetteer) buildWords() {
	var ws wordSet
	for w := range g.stop {
		ws.add(w, wordInfo{class: wcStop})
	}
	clear(g.demonymShapes[:])
	for w, ci := range g.demonyms {
		ws.add(w, wordInfo{class: wcDemonym, demonym: int16(ci)})
		if w != "" {
			g.demonymShapes[w[0]] |= 1 << min(len(w), 63)
		}
	}
	for _, l := range staticWords {
		l.words(func(w string) { ws.add(w, wordInfo{class: l.class}) })
	}
	g.words = newWordTable(ws)
	clear(g.wordShapes[:])
	for w := range ws {
		if w != "" {
			i := shapeOf(w)
			g.wordShapes[i>>6] |= 1 << (i & 63)
		}
	}
	g.noWord = g.lookupWord("")
}

// mayBeListed reports whether folded word f may be in g.words; false is
// sure. Most words are on no list, and a kilobyte of shapes says so for
// most of them without a lookup.
func (g *Gazetteer) mayBeListed(f string) bool {
	if f == "" {
		return true
	}
	i := shapeOf(f)
	return g.wordShapes[i>>6]&(1<<(i&63)) != 0
}

// shapeOf numbers the shape of a word that is not empty: its length (7
// for longer) and the low bits of its first and last bytes.
func shapeOf(w string) int {
	return min(len(w), 7)<<10 | int(w[0]&31)<<5 | int(w[len(w)-1]&31)
}

// maybeDemonym is a quick test that folded word f may be a demonym: one
// that begins with the same letter and is as long. Few capitalised words
// pass it, and only they are looked up.
func (g *Gazetteer) maybeDemonym(f string) bool {
	return f == "" || g.demonymShapes[f[0]]&(1<<min(len(f), 63)) != 0
}

// lookupWord returns what the word lists other than the common words say
// of folded word f.
func (g *Gazetteer) lookupWord(f string) wordInfo {
	var wi wordInfo
	if g.mayBeListed(f) {
		wi, _ = g.words.get(f)
	}
	if len(f) <= 3 && text.IsArticle(f) {
		wi.class |= wcArticle
	}
	return wi
}

// info returns what the word lists other than the common words say of
// token k, looking it up once per token; out of range, what they say of
// "", as d.tok has it.
func (d *doc) info(k int) wordInfo {
	if k < 0 || k >= len(d.toks) {
		return d.g.noWord
	}
	if wi := d.wi[k]; wi.class&wcKnown != 0 {
		return wi
	}
	wi := d.g.lookupWord(d.toks[k].Fold)
	wi.class |= wcKnown | d.wi[k].class&(wcCommon|wcCommonKnown)
	d.wi[k] = wi
	return wi
}

// is reports whether token k is on one of the lists in c, which must not
// include wcCommon (see common).
func (d *doc) is(k int, c wordClass) bool {
	return d.info(k).class&c != 0
}

// common reports whether token k is a common English word, looking it up
// once per token.
func (d *doc) common(k int) bool {
	if k < 0 || k >= len(d.toks) {
		return d.g.isCommon("")
	}
	c := d.wi[k].class
	if c&wcCommonKnown == 0 {
		c |= wcCommonKnown
		if d.g.isCommon(d.toks[k].Fold) {
			c |= wcCommon
		}
		d.wi[k].class = c
	}
	return c&wcCommon != 0
}

// isCommon reports whether folded word f is a common English word.
func (g *Gazetteer) isCommon(f string) bool {
	_, ok := g.common.get(f)
	return ok
}

// wordSet collects words and what the lists say of them.
type wordSet map[string]wordInfo

func (ws *wordSet) add(w string, wi wordInfo) {
	if *ws == nil {
		*ws = wordSet{}
	}
	old := (*ws)[w]
	old.class |= wi.class
	if wi.class&wcDemonym != 0 {
		old.demonym = wi.demonym
	}
	(*ws)[w] = old
}

// wordTable maps words to values exactly, with each word of up to 15
// bytes packed into the slot that holds it: a probe reads one cache line
// and no string. Longer words go to a map.
type wordTable[V any] struct {
	slots []wordSlot[V]
	long  map[string]V
}

type wordSlot[V any] struct {
	key wordKey
	v   V
}

// wordKey is a word of up to 15 bytes packed little-endian into two
// words, with its length in the top byte; the zero key is no word.
type wordKey struct{ w0, w1 uint64 }

// keyOf packs w, or reports false when it is empty or longer than 15
// bytes.
func keyOf(w string) (wordKey, bool) {
	if len(w) == 0 || len(w) > 15 {
		return wordKey{}, false
	}
	if len(w) > 8 {
		return wordKey{load64(w[:8]), packShort(w[8:]) | uint64(len(w))<<56}, true
	}
	return wordKey{packShort(w), uint64(len(w)) << 56}, true
}

// newWordTable builds the table of the words in m.
func newWordTable[V any](m map[string]V) wordTable[V] {
	t := makeWordTable[V](len(m))
	for w, v := range m {
		t.put(w, v)
	}
	return t
}

// makeWordTable returns an empty table with room for n words.
func makeWordTable[V any](n int) wordTable[V] {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return wordTable[V]{slots: make([]wordSlot[V], size)}
}

// put sets w's value; the table must have room (see makeWordTable).
func (t *wordTable[V]) put(w string, v V) {
	k, ok := keyOf(w)
	if !ok {
		if t.long == nil {
			t.long = map[string]V{}
		}
		t.long[w] = v
		return
	}
	i := t.slot(k)
	for t.slots[i].key != k && t.slots[i].key != (wordKey{}) {
		i = (i + 1) & (len(t.slots) - 1)
	}
	t.slots[i] = wordSlot[V]{k, v}
}

// get returns the value of w and whether there is one.
func (t *wordTable[V]) get(w string) (V, bool) {
	k, ok := keyOf(w)
	if !ok {
		v, ok := t.long[w]
		return v, ok
	}
	mask := len(t.slots) - 1
	for i := t.slot(k); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == k {
			return s.v, true
		}
		if s.key == (wordKey{}) {
			var zero V
			return zero, false
		}
	}
}

func (t *wordTable[V]) slot(k wordKey) int {
	h := k.w0*0x9E3779B97F4A7C15 ^ k.w1*0xC2B2AE3D27D4EB4F
	return int(h>>32) & (len(t.slots) - 1)
}

// packShort packs the bytes of a string of at most 8 bytes, little-endian.
// Two overlapping loads cover any length from 2 to 8 with one branch
// less than a byte at a time.
func packShort(s string) uint64 {
	switch n := len(s); {
	case n >= 4:
		return uint64(load32(s)) | uint64(load32(s[n-4:]))<<(8*(n-4))
	case n >= 2:
		return uint64(load16(s)) | uint64(load16(s[n-2:]))<<(8*(n-2))
	case n == 1:
		return uint64(s[0])
	}
	return 0
}

func load16(s string) uint16 {
	_ = s[1]
	return uint16(s[0]) | uint16(s[1])<<8
}

func load32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// weights is a weight per country, kept in a slice indexed by country
// rather than a map: ranking reads it for every candidate.
type weights struct {
	w    []float64
	list []int16 // the countries with a weight, in the order they got it
}

// reset clears ws for a gazetteer of n countries.
func (ws *weights) reset(n int) {
	for _, c := range ws.list {
		ws.w[c] = 0
	}
	ws.list = ws.list[:0]
	if len(ws.w) < n {
		ws.w = make([]float64, n)
	}
}

// add adds v, which is positive, to country c's weight.
func (ws *weights) add(c int16, v float64) {
	if ws.w[c] == 0 {
		ws.list = append(ws.list, c)
	}
	ws.w[c] += v
}

// countries is a set of countries, kept as flags by country.
type countries struct {
	in   []bool
	list []int16
}

func (cs *countries) reset(n int) {
	for _, c := range cs.list {
		cs.in[c] = false
	}
	cs.list = cs.list[:0]
	if len(cs.in) < n {
		cs.in = make([]bool, n)
	}
}

func (cs *countries) add(c int16) {
	if !cs.in[c] {
		cs.in[c] = true
		cs.list = append(cs.list, c)
	}
}

// unitWeights is a weight per admin unit: a small open-addressing table,
// as a text names few units and ranking reads it for every candidate.
type unitWeights struct {
	keys []int32 // -1 for an empty slot
	w    []float64
	n    int
}

// reset empties u.
func (u *unitWeights) reset() {
	if len(u.keys) == 0 {
		u.keys, u.w = make([]int32, 64), make([]float64, 64)
	}
	for i := range u.keys {
		u.keys[i] = -1
	}
	u.n = 0
}

func (u *unitWeights) slot(e int32) int {
	mask := len(u.keys) - 1
	i := int(uint32(e)*0x9E3779B1>>16) & mask
	for u.keys[i] != e && u.keys[i] != -1 {
		i = (i + 1) & mask
	}
	return i
}

// get returns e's weight, 0 when it has none.
func (u *unitWeights) get(e int32) float64 {
	if i := u.slot(e); u.keys[i] == e {
		return u.w[i]
	}
	return 0
}

// add adds v to e's weight.
func (u *unitWeights) add(e int32, v float64) {
	if 2*(u.n+1) > len(u.keys) {
		u.grow()
	}
	i := u.slot(e)
	if u.keys[i] != e {
		u.keys[i], u.w[i] = e, 0
		u.n++
	}
	u.w[i] += v
}

func (u *unitWeights) grow() {
	keys, w := u.keys, u.w
	u.keys, u.w = make([]int32, 2*len(keys)), make([]float64, 2*len(keys))
	for i := range u.keys {
		u.keys[i] = -1
	}
	for i, e := range keys {
		if e != -1 {
			j := u.slot(e)
			u.keys[j], u.w[j] = e, w[i]
		}
	}
}
