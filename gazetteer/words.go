package gazetteer

import "github.com/sitrep-dev/sitrep/text"

// wordClass holds, as bits, which of Find's word lists a folded word is
// on. Find asks about the words around every name many times over; one
// lookup per token answers all the lists at once.
type wordClass uint32

const (
	wcCommon    wordClass = 1 << iota // a common English word (the index's list)
	wcStop                            // never counts alone (stopwords.txt)
	wcDemonym                         // "Syrian": wordInfo.demonym says which country
	wcArticle                         // an Arabic article: al, el, as-...
	wcConnector                       // a word inside names: de, bin, umm...
	wcPrefix                          // an Arabic word that begins names: tall, bab...
	wcSuffix                          // follows a name without being part of it
	wcCue                             // a locative cue: in, near, captured...
	wcPlaceNoun                       // "the town of"
	wcSkippable                       // may stand between a cue and a name
	wcTitle                           // comes before a person's name
	wcSpeech                          // follows a person's name: said, told...
	wcOrg                             // ends the name of a unit, party or firm
	wcStreet                          // ends the name of a street
	wcSponsor                         // "-led", "-backed"
	wcUnitWord                        // may follow a unit's name in brackets
	wcPartNoun                        // "the Soba area of Khartoum"
	wcCalendar                        // a day or a month
	wcDirection                       // north, southeast...
	wcMeasure                         // km, miles...
	wcNumber                          // one, twenty, several...
	wcKnown                           // the class of this token is known (per-token cache only)
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
}

func keysOf[V any](m map[string]V) func(func(string)) {
	return func(yield func(string)) {
		for k := range m {
			yield(k)
		}
	}
}

// buildWords fills g.words from the common words, the stop words, the
// demonyms and the package's own lists.
func (g *Gazetteer) buildWords(common []string) {
	g.words = make(map[string]wordInfo, len(common)+len(g.stop)+len(g.demonyms)+512)
	add := func(w string, c wordClass) {
		wi := g.words[w]
		wi.class |= c
		g.words[w] = wi
	}
	for _, w := range common {
		add(w, wcCommon)
	}
	for w := range g.stop {
		add(w, wcStop)
	}
	for w, ci := range g.demonyms {
		wi := g.words[w]
		wi.class |= wcDemonym
		wi.demonym = int16(ci)
		g.words[w] = wi
	}
	for _, l := range staticWords {
		l.words(func(w string) { add(w, l.class) })
	}
	g.noWord = g.lookupWord("")
}

// lookupWord returns what the word lists say of folded word f.
func (g *Gazetteer) lookupWord(f string) wordInfo {
	wi := g.words[f]
	if len(f) <= 3 && text.IsArticle(f) {
		wi.class |= wcArticle
	}
	return wi
}

// info returns what the word lists say of token k, looking it up once per
// token; out of range, what they say of "", as d.tok has it.
func (d *doc) info(k int) wordInfo {
	if k < 0 || k >= len(d.toks) {
		return d.g.noWord
	}
	if wi := d.wi[k]; wi.class&wcKnown != 0 {
		return wi
	}
	wi := d.g.lookupWord(d.toks[k].Fold)
	wi.class |= wcKnown
	d.wi[k] = wi
	return wi
}

// is reports whether token k is on one of the lists in c.
func (d *doc) is(k int, c wordClass) bool {
	return d.info(k).class&c != 0
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
