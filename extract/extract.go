// Package extract turns one cleaned report into events coded the ACLED way:
// event and sub-event type (with CAMEO and PLOVER codes), actors with inter
// codes, a place from the gazetteer, a date resolved against publication,
// and every casualty figure as a separate claim. Every field keeps the span
// of text it was read from, so that people can check it.
//
// The vocabulary (taxonomy, triggers, PLOVER cues, actors, countries, number
// words) lives in embedded data files under lexicon/, not in code.
package extract

import (
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// Geocoder finds place names in text and resolves them. *gazetteer.Gazetteer
// implements it.
type Geocoder interface {
	Find(text string, countries []string) []sitrep.Toponym // byte spans; countries: ISO2/ISO3 hints
	Country(code string) (sitrep.Place, bool)
}

// Extractor reads events from documents. It is safe for concurrent use.
type Extractor struct {
	geo Geocoder
	// capitals caches each country's capital as geo reads it (ISO3 to
	// capitalPlace), since every national event of a country asks for it
	capitals sync.Map
}

// capitalPlace is a country's capital as the Geocoder reads it; ok is
// false when it reads no town of that country under the name.
type capitalPlace struct {
	place sitrep.Place
	ok    bool
}

// capital returns the place of the capital of the country iso3 as the
// Geocoder reads its name from lexicon/countries.tsv.
func (x *Extractor) capital(iso3 string) (sitrep.Place, bool) {
	if x.geo == nil || iso3 == "" {
		return sitrep.Place{}, false
	}
	if c, ok := x.capitals.Load(iso3); ok {
		return c.(capitalPlace).place, c.(capitalPlace).ok
	}
	var cp capitalPlace
	if c, ok := lex.countryOf(iso3); ok && c.Capital != "" {
		for _, t := range x.geo.Find(c.Capital, []string{iso3}) {
			if t.Span.Start == 0 && t.Kind == "" && !t.Fallback && t.Relation == "" && t.Place.ISO3 == iso3 {
				cp = capitalPlace{place: t.Place, ok: true}
				break
			}
		}
	}
	x.capitals.Store(iso3, cp)
	return cp.place, cp.ok
}

// New returns an Extractor that places events with geo. geo may be nil:
// events then carry no place.
func New(geo Geocoder) *Extractor { return &Extractor{geo: geo} }

// maxEvents bounds the events read from one document: a report is about
// one incident and perhaps a few related developments, not one per verb.
const maxEvents = 5

// hit is a trigger found in a text.
type hit struct {
	first, last int // tokens
	trig        int // index into lex.triggers
	sent        int
	context     bool // in a phrase telling what led to the event (inContext)
	mishap      bool // harm no one did (see accidental); context too
}

// analysis holds what is read from one document once.
type analysis struct {
	doc       *sitrep.Document
	text      string
	toks      []token
	sents     []sentence
	sentOf    []int
	ref       time.Time
	dates     []dateCue
	bg        []bool // background sentences
	mishap    []bool // sentences telling harm a mishap caused (see accidental)
	weight    []float64
	hits      []hit
	countries []countryMention
	ctx       map[string]bool
	iso3      string // the country the text is mostly about
	actors    []mention
	claims    []rawClaim
	attrib    []attribution
	toponyms  []sitrep.Toponym
	// sentDates, sentActors, sentHits and sentToponyms index dates,
	// actors, hits and toponyms by sentence, once each is final (see
	// bySentence): rules that ask about one sentence read its items
	// rather than every item of the text, which made extraction
	// quadratic in the length of a text.
	sentDates, sentActors, sentHits, sentToponyms sentIndex
	dateline                                      sitrep.Span
	refCue                                        int // token where the publication date was read, or -1
	geo                                           Geocoder
	capital                                       func(iso3 string) (sitrep.Place, bool)
	ploverHits                                    []hit // PLOVER cues; trig indexes lex.plover
	// countryCount weighs the evidence for each country the text is about:
	// names and adjectives, places, actors that belong to one country
	countryCount map[string]int
}

func (x *Extractor) analyse(doc *sitrep.Document) *analysis {
	a := &analysis{doc: doc, text: doc.Text, refCue: -1, geo: x.geo, capital: x.capital}
	a.toks = tokenize(a.text)
	a.sents = splitSentences(a.toks)
	a.sentOf = make([]int, len(a.toks))
	for si, s := range a.sents {
		for i := s.first; i < s.last; i++ {
			a.sentOf[i] = si
		}
	}
	a.ref = doc.Published
	if a.ref.IsZero() && doc.Dateline != nil && doc.Dateline.Date != "" {
		if t, err := time.Parse(sitrep.DateLayout, doc.Dateline.Date); err == nil {
			a.ref = t
		}
	}
	if !a.ref.IsZero() {
		a.ref = time.Date(a.ref.Year(), a.ref.Month(), a.ref.Day(), 0, 0, 0, 0, time.UTC)
	}
	a.dates = findDates(a.toks, a.ref)
	if a.ref.IsZero() {
		// no publication date: a full date at the top of the story
		// ("Wed 05 Apr 2017 ...") is when it was written
		for _, d := range a.dates {
			if d.explicit && d.precision == 1 && !d.date.IsZero() && d.span[0] < len(a.toks) && a.toks[d.span[0]].start < 200 && !a.opensReport(d) {
				a.ref = d.date
				a.dates = findDates(a.toks, a.ref)
				a.refCue = d.span[0] // the story's own date, not the event's
				break
			}
		}
	}
	a.findDateline()
	a.bg = make([]bool, len(a.sents))
	vague := make([]bool, len(a.sents)) // background for a vague past, not an old date
	for _, d := range a.dates {
		if d.background && d.span[0] >= 0 && d.span[0] < len(a.toks) {
			a.bg[a.sentOf[d.span[0]]] = true
			if d.date.IsZero() {
				vague[a.sentOf[d.span[0]]] = true
			}
		}
	}
	all := true
	for _, b := range a.bg {
		all = all && b
	}
	if all {
		// every sentence tells of an old date: that date is the story's own
		// (a late report, or a wrong publication date), not background
		for si := range a.bg {
			a.bg[si] = vague[si]
		}
		if len(a.bg) > 0 && a.bg[0] && allTrue(a.bg) {
			// every sentence tells of a vague past too ("... suspected of
			// blowing up a plane in 1988"): the lead still reports
			// something, and the past is its aside
			a.bg[0] = false
		}
	}
	// a sentence with its own recent date is not background even if it also
	// mentions the past ("On 9 May, ... since 2011")
	for _, d := range a.dates {
		if !d.background && !d.date.IsZero() && d.span[0] >= 0 && d.span[0] < len(a.toks) {
			a.bg[a.sentOf[d.span[0]]] = false
		}
	}
	a.weighSentences()
	a.countries = findCountries(a.text, a.toks)
	a.ctx = map[string]bool{}
	count := map[string]int{}
	// sure is how surely the text names each country it counts (a name
	// or a party names it for sure, a place only as surely as the
	// gazetteer reads it) and firstAt where it first does. Of two
	// countries named as often, the story is about the one named much
	// more surely (a doubtful reading of a small place, "Kelly" as a
	// hamlet abroad, does not outweigh a clear one), else about the one
	// named first.
	const certain = 1e9
	sure := map[string]float64{}
	firstAt := map[string]int{}
	seen := func(c string, score float64, off int) {
		sure[c] = max(sure[c], score)
		if at, ok := firstAt[c]; !ok || off < at {
			firstAt[c] = off
		}
	}
	for _, c := range a.countries {
		a.ctx[c.iso3] = true
		if !a.sponsors(c) {
			count[c.iso3]++
			seen(c.iso3, certain, a.toks[c.first].start)
		}
	}
	if x.geo != nil {
		hints := make([]string, 0, len(count))
		for c := range count {
			hints = append(hints, c)
		}
		sort.Strings(hints)
		a.toponyms = x.geo.Find(a.text, hints)
		// places tell which war a text is about ("regime forces" in Idlib)
		for _, t := range a.toponyms {
			if t.Place.Known() && !a.inDateline(t.Span) && t.Kind != "country" {
				if c, ok := placeCountry(t.Place); ok {
					a.ctx[c] = true
				}
			}
		}
	}
	a.actors = findActors(a.text, a.toks, a.countries, a.ctx)
	if x.geo != nil && len(count) == 0 {
		// a note that names no country but whose parties belong to one
		// ("the LNA", "Taliban militants"): read its places again knowing
		// where to look, since small places need their country in view
		homes := map[string]bool{}
		for _, m := range a.actors {
			if k := m.kind(); m.home != "" && (k == "named" || k == "state" || k == "monitor") {
				homes[m.home] = true
			}
		}
		if len(homes) > 0 {
			hints := make([]string, 0, len(homes))
			for c := range homes {
				hints = append(hints, c)
			}
			sort.Strings(hints)
			a.toponyms = x.geo.Find(a.text, hints)
		}
	}
	a.sentDates = newSentIndex(len(a.sents), len(a.dates), func(i int) int { return a.tokSent(a.dates[i].span[0]) })
	a.sentActors = newSentIndex(len(a.sents), len(a.actors), func(i int) int { return a.tokSent(a.actors[i].first) })
	a.sentToponyms = newSentIndex(len(a.sents), len(a.toponyms), func(i int) int { return a.sentAt(a.toponyms[i].Span.Start) })
	a.findTriggers()
	a.sentHits = newSentIndex(len(a.sents), len(a.hits), func(i int) int { return a.hits[i].sent })
	a.ploverHits = a.findCues(lex.ploverT, lex.plover)
	if in := a.findIntents(); len(in) > 0 {
		a.ploverHits = append(a.ploverHits, in...)
		sort.SliceStable(a.ploverHits, func(i, j int) bool { return a.ploverHits[i].first < a.ploverHits[j].first })
	}
	a.ploverHits = slices.DeleteFunc(a.ploverHits, func(h hit) bool { return a.inDate(h.first) })
	a.readClaims()
	for c := range count {
		count[c] *= 2
	}
	// actors that belong to one country ("Taliban", "NAF", "the LNA") tell
	// which war the text is about when it names no country
	for _, m := range a.actors {
		if k := m.kind(); m.home != "" && (k == "named" || k == "state" || k == "monitor") {
			count[m.home]++
			seen(m.home, certain, a.toks[m.first].start)
		}
	}
	if x.geo != nil {
		for _, t := range a.toponyms {
			if t.Place.Known() && !a.inDateline(t.Span) && !a.notAPlace(t) {
				if c, ok := placeCountry(t.Place); ok {
					count[c]++
					seen(c, t.Score, t.Span.Start)
				}
			}
		}
	}
	a.countryCount = count
	best := 0
	surer := func(c, d string) bool {
		switch {
		case sure[c] > 1.5*sure[d]:
			return true
		case sure[d] > 1.5*sure[c]:
			return false
		case firstAt[c] != firstAt[d]:
			return firstAt[c] < firstAt[d]
		}
		return c < d
	}
	for c, n := range count {
		if n > best || n == best && surer(c, a.iso3) {
			a.iso3, best = c, n
		}
	}
	if x.geo != nil {
		a.capitalPhrases()
	}
	return a
}

// capitalPhrases adds a toponym for each capital a text names by its
// country rather than its name — "the Libyan capital", "Somalia's
// capital", or "the capital" of the country the text is about — unless
// a toponym covers the phrase already ("the capital Tripoli").
func (a *analysis) capitalPhrases() {
	added := false
	add := func(first, last int, iso3 string) {
		if iso3 == "" {
			return
		}
		sp := a.tokSpan(first, last)
		for _, t := range a.toponyms {
			if t.Span.Start < sp.End && sp.Start < t.Span.End && t.Kind != "country" {
				return
			}
		}
		if last < len(a.toks) && a.toks[last].upper && a.toks[last].kind == 'w' {
			return // "the capital Tripoli": the name follows, read as itself
		}
		p, ok := a.capital(iso3)
		if !ok {
			return
		}
		a.toponyms = append(a.toponyms, sitrep.Toponym{Span: sp, Name: a.text[sp.Start:sp.End], Place: p, Score: 1})
		added = true
	}
	for _, c := range a.countries {
		switch {
		case c.first > 0 && a.toks[c.first-1].key == "the" && c.last < len(a.toks) && a.toks[c.last].key == "capital":
			add(c.first-1, c.last+1, c.iso3) // "the Libyan capital"
		case c.last+1 < len(a.toks) && a.toks[c.last].key == "'s" && a.toks[c.last+1].key == "capital":
			add(c.first, c.last+2, c.iso3) // "Somalia's capital"
		}
	}
	for k := 1; k+1 < len(a.toks); k++ {
		if a.toks[k].key == "the" && a.toks[k+1].key == "capital" {
			switch a.toks[k-1].key {
			case "in", "near", "outside", "across", "of", "around", "into", "to":
				add(k, k+2, a.iso3) // "a bomb exploded in the capital"
			}
		}
	}
	if added {
		sort.SliceStable(a.toponyms, func(i, j int) bool { return a.toponyms[i].Span.Start < a.toponyms[j].Span.Start })
		a.sentToponyms = newSentIndex(len(a.sents), len(a.toponyms), func(i int) int { return a.sentAt(a.toponyms[i].Span.Start) })
	}
}

// sponsors reports a country named as the sponsor of a force ("a
// Saudi-led coalition", "Turkish-backed factions"): a party from abroad,
// which says the fighting is elsewhere, not that the text is about it.
func (a *analysis) sponsors(c countryMention) bool {
	if w := a.toks[c.last-1].key; strings.Contains(w, "-") {
		// "Saudi-led" is one word
		return lex.sponsor[w[strings.LastIndexByte(w, '-')+1:]]
	}
	k := c.last
	if k < len(a.toks) && a.toks[k].key == "-" {
		k++
	}
	if k >= len(a.toks) || !lex.sponsor[a.toks[k].key] {
		return false
	}
	// "Turkey backed factions", but not "Turkey backed the plan": there
	// the country acts
	return k+1 >= len(a.toks) || !lex.determiner[a.toks[k+1].key]
}

var agencies = map[string]bool{
	"AFP": true, "Reuters": true, "AP": true, "Xinhua": true, "ANI": true, "IANS": true, "PTI": true,
	"SANA": true, "Anadolu": true, "UPI": true, "dpa": true, "DPA": true, "EFE": true, "TASS": true, "IRNA": true,
}

// opensReport reports a date that opens an event report ("On 9 May 2020,",
// "Around 3 May", "As reported on 2 May"), as opposed to a page's date line.
func (a *analysis) opensReport(d dateCue) bool {
	i := d.span[0]
	if i > 0 {
		switch a.toks[i-1].key {
		case "on", "around", "between", "from", "since", "until":
			return true
		}
	}
	return d.span[1] < len(a.toks) && a.toks[d.span[1]].key == ","
}

// findDateline marks the wire dateline ("AFP, Beirut :") so that its place is
// never taken for the event's.
func (a *analysis) findDateline() {
	if d := a.doc.Dateline; d != nil && d.Span.Valid() {
		a.dateline = d.Span
		return
	}
	for si, s := range a.sents {
		if si > 8 {
			break
		}
		if s.last-s.first > 9 {
			continue
		}
		for i := s.first; i < s.last; i++ {
			t := a.toks[i]
			if agencies[a.text[t.start:t.end]] {
				a.dateline = sitrep.Span{Start: s.start, End: s.end}
				return
			}
		}
	}
	// "BEIRUT -", "BEIRUT A Russian helicopter...": a place in capitals
	// opening the story
	for i := 0; i < len(a.toks) && i < 60; i++ {
		t := a.toks[i]
		w := a.text[t.start:t.end]
		if t.kind != 'w' || len(w) < 4 || strings.ToUpper(w) != w || strings.ToLower(w) == w || agencies[w] || lex.isKnownName(a.toks, i) {
			continue
		}
		if i+1 < len(a.toks) {
			n := a.toks[i+1]
			if n.key == "(" || n.key == "-" || n.key == ":" || n.key == "," || n.upper && strings.ToUpper(a.text[n.start:n.end]) != a.text[n.start:n.end] {
				a.dateline = sitrep.Span{Start: t.start, End: t.end}
				// "MOGADISHU, June 12 (AP) -": the date the story was
				// filed is the dateline's too
				for _, d := range a.dates {
					if n.key == "," && d.span[0] == i+2 && d.span[1] > i+2 {
						a.dateline.End = a.toks[d.span[1]-1].end
					}
				}
				return
			}
		}
	}
	// "BEIRUT (Reuters) -" at the start of a sentence
	for si, s := range a.sents {
		if si > 8 {
			break
		}
		for i := s.first; i+2 < s.last && i < s.first+6; i++ {
			if a.toks[i].key == "(" && agencies[a.text[a.toks[i+1].start:a.toks[i+1].end]] {
				a.dateline = sitrep.Span{Start: s.start, End: a.toks[i+2].end}
				return
			}
		}
	}
}

// notAPlace reports toponyms that are something else here: a weekday, a
// person ("Vladimir Putin"), a government by metonymy ("Washington").
func (a *analysis) notAPlace(t sitrep.Toponym) bool {
	si := a.sentAt(t.Span.Start)
	for _, di := range a.sentDates.around(si) {
		d := a.dates[di]
		if d.span[0] >= 0 && d.span[1] <= len(a.toks) && d.span[1] > d.span[0] {
			// A name inside a date ("May" of "9 May") is no place; a
			// longer name a date reading only nibbles at ("Mar del
			// Plata", read as March) is.
			if t.Span.Start >= a.toks[d.span[0]].start && t.Span.End <= a.toks[d.span[1]-1].end {
				return true
			}
		}
	}
	if t.Kind == "country" {
		if i := a.tokenAt(t.Span.End); i >= 0 && (a.toks[i].key == "dollar" || a.toks[i].key == "dollars") {
			return true // "the US dollar"
		}
	}
	for _, mi := range a.sentActors.around(si) {
		m := a.actors[mi]
		if t.Span.Start < a.toks[m.last-1].end && t.Span.End > a.toks[m.first].start {
			switch m.kind() {
			case "civilians", "protesters", "rioters":
				continue
			case "government":
				// "Damascus" is a city unless it speaks or deals as a
				// government: "tensions between Washington and Damascus",
				// "Damascus said", "Moscow's support"
				if t.Relation != "between" && !a.speaks(m.last) && !a.pairedGovernment(m) {
					continue
				}
			}
			return true
		}
	}
	return false
}

// pairedGovernment reports a government named with another by "and"
// ("between Washington and Damascus"): two capitals as two parties.
func (a *analysis) pairedGovernment(m mention) bool {
	for _, oi := range a.sentActors.around(a.tokSent(m.first)) {
		o := a.actors[oi]
		if o.first == m.first || o.kind() != "government" {
			continue
		}
		if o.first == m.last+1 && a.toks[m.last].key == "and" || m.first == o.last+1 && a.toks[o.last].key == "and" {
			return true
		}
	}
	return false
}

// speaks reports whether the words at i make the name before them an actor:
// a verb of saying or a possessive.
func (a *analysis) speaks(i int) bool {
	if i >= len(a.toks) {
		return false
	}
	k := a.toks[i].key
	switch k {
	case "'s", "has", "have", "accused", "denied", "rejected", "agreed", "wants", "insists", "warned":
		return true
	}
	return lex.words[k] == "said"
}

// tokenAt returns the first token starting at or after byte offset off, or -1.
func (a *analysis) tokenAt(off int) int {
	i := sort.Search(len(a.toks), func(i int) bool { return a.toks[i].start >= off })
	if i < len(a.toks) {
		return i
	}
	return -1
}

func (a *analysis) inDateline(sp sitrep.Span) bool {
	return a.dateline.Valid() && sp.Start < a.dateline.End && sp.End > a.dateline.Start
}

// weighSentences gives each sentence a weight for the main event: the
// headline and lead count most, background nothing.
func (a *analysis) weighSentences() {
	a.weight = make([]float64, len(a.sents))
	lead := 0 // index of the first body sentence
	if a.dateline.Valid() {
		// the sentence the dateline opens, or the one after it when the
		// dateline stands alone
		for si, s := range a.sents {
			if s.end > a.dateline.End {
				lead = si
				break
			}
		}
	}
	for si, s := range a.sents {
		w := 0.3
		switch {
		case si == 0 && si == lead && a.dateline.Valid():
			w = 1.5 // "BAMAKO (Reuters) - ...": no headline, the lead opens
		case si == 0:
			w = 1.2
		case si < lead:
			w = 0.2 // captions and layout between headline and dateline
		case si == lead:
			w = 1.5
		case si == lead+1:
			w = 1.0
		case si == lead+2:
			w = 0.8
		case si <= lead+4:
			w = 0.5
		}
		if s.start >= a.dateline.Start && s.end <= a.dateline.End && a.dateline.Valid() {
			w = 0
		}
		if a.bg[si] {
			w = 0
		}
		a.weight[si] = w
	}
}

func (a *analysis) findTriggers() {
	a.mishap = make([]bool, len(a.sents))
	for si, s := range a.sents {
		mishapEnd := -1 // where the last act a mishap caused ends
		for i := s.first; i < s.last; i++ {
			end, vals := a.triggerAt(i, s)
			if end == 0 || a.inDate(i) {
				continue
			}
			ctx := a.inContext(i, s) || a.inEarlierPhrase(i, s) || a.disruptedObject(i, s) || a.deniedHarm(i, s)
			ctx = ctx || a.targetOfViolence(i, vals) || a.thenPhrase(i, s) || a.armedGathering(i, vals)
			mishap := a.accidental(i, end, s, vals) || mishapEnd >= 0 && a.joinedAct(mishapEnd, i)
			if mishap {
				ctx = true
				a.mishap[si] = true
				mishapEnd = end
			}
			for _, v := range vals {
				if lex.triggers[v].Type == "Air/drone strike" && strings.HasPrefix(a.toks[i].key, "bomb") && !a.aerial(s) {
					// "the bombing of a bus": a bomb, not an aircraft's
					v = bombTrigger()
				}
				a.hits = append(a.hits, hit{first: i, last: end, trig: v, sent: si, context: ctx, mishap: mishap})
			}
			i = end - 1
		}
	}
	// A sentence whose harm a mishap caused, and that tells no act, is no
	// event's: background, as an old date would make it.
	for si, m := range a.mishap {
		if !m {
			continue
		}
		acts := false
		for _, h := range a.hits {
			if h.sent == si && !h.context {
				acts = true
				break
			}
		}
		if !acts {
			a.bg[si] = true
			a.weight[si] = 0
		}
	}
}

// harmWord reports a word at token i that tells people were killed or
// hurt, whoever or whatever did it: "killed", "injured", "burned to
// death".
func (a *analysis) harmWord(i int) bool {
	k := a.toks[i].key
	return strings.HasPrefix(k, "kill") || strings.HasPrefix(k, "injur") || k == "wounded" ||
		(k == "burned" || k == "burnt") && i+1 < len(a.toks) && (a.toks[i+1].key == "to" || a.toks[i+1].key == "alive")
}

// mishapReach bounds how far from a killing its cause may be named, and
// subjectReach how far before another violent word ("an earthquake
// struck").
const (
	mishapReach  = 12
	subjectReach = 3
)

// accidental reports harm told at tokens [i, end) of sentence s that a
// mishap caused: "floods killed 30", "a stampede at the shrine killed
// 20", "killed when their bus plunged into a ravine", "burned to death in
// a house fire", "the virus has killed 200". No one acted: it is no
// violent event. The cause stands before the harm in its phrase (or the
// clause a participle follows: "an earthquake struck, killing 150"), or
// right after it behind "in", "when", "by", "after", "during", "from" or
// "of", with no other act between; an armed party named before the harm
// did it. A violent word right after a mishap ("an earthquake struck")
// tells no act either.
func (a *analysis) accidental(i, end int, s sentence, vals []int) bool {
	violence := false
	for _, v := range vals {
		violence = violence || group(lex.triggers[v].Type) == "violence"
	}
	if !violence {
		return false
	}
	harm := a.harmWord(i)
	reach := subjectReach
	if harm {
		reach = mishapReach
	}
	for _, mi := range a.sentActors.of(a.sentOf[i]) {
		if m := a.actors[mi]; m.first < i && m.first >= i-mishapReach && m.armed() {
			return false // "the army killed 12 as floods cut the road off"
		}
	}
	// ", killing 12": the harm the clause before tells the cause of
	participle := harm && i > s.first && a.toks[i-1].key == ","
	for k := i - 1; k >= s.first && k >= i-reach; k-- {
		if a.phraseEnd(k) {
			if participle && k == i-1 {
				continue
			}
			break
		}
		if a.mishapAt(k, s) || harm && a.illnessBefore(k, i) {
			return true
		}
	}
	if !harm {
		return false
	}
	cued := false
	for k := end; k < s.last && k < end+mishapReach; k++ {
		if a.phraseEnd(k) {
			break
		}
		switch a.toks[k].key {
		case "in", "when", "after", "by", "during", "from", "of":
			if k <= end+1 { // "killed in", "died instantly when"
				cued = true
			}
			continue
		}
		if e, _ := a.triggerAt(k, s); e > 0 {
			break // another act: "killed in an attack after the storm"
		}
		if cued && (a.mishapAt(k, s) || lex.illness[a.toks[k].key] && !a.modifierAt(k+1)) {
			return true
		}
	}
	return false
}

// armedGathering reports a protest word at token i whose subject, just
// before it, is an armed force or group: "militants gathered in a
// forest", "troops massed at the border" tell no protest.
func (a *analysis) armedGathering(i int, vals []int) bool {
	protest := false
	for _, v := range vals {
		protest = protest || lex.triggers[v].Type == "Peaceful protest"
	}
	if !protest {
		return false
	}
	for _, mi := range a.sentActors.of(a.sentOf[i]) {
		if m := a.actors[mi]; m.last <= i && m.last >= i-1 && m.armed() {
			return true
		}
	}
	return false
}

// aerialWords tell that bombs fell from the air.
var aerialWords = map[string]bool{
	"air": true, "aerial": true, "airstrike": true, "airstrikes": true, "jets": true, "jet": true,
	"warplanes": true, "warplane": true, "aircraft": true, "planes": true, "plane": true,
	"helicopter": true, "helicopters": true, "drone": true, "drones": true, "barrel": true,
	"bombers": true, "air force": true, "sorties": true, "raids": true,
}

// aerial reports a sentence that tells of bombing from the air.
func (a *analysis) aerial(s sentence) bool {
	for k := s.first; k < s.last; k++ {
		if aerialWords[a.toks[k].key] {
			return true
		}
	}
	return false
}

// bombTrigger returns the trigger of a bomb set off on the ground, what
// "bombing" means with no aircraft in view.
var bombTrigger = sync.OnceValue(func() int {
	for i, t := range lex.triggers {
		if t.Type == "Remote explosive/landmine/IED" {
			return i
		}
	}
	return -1
})

// thenPhrase reports a trigger at token i that tells what happened next
// to the actor, after the event: "opened fire, killing two, before being
// shot dead by police", "before he was arrested".
//
// Only what the actor underwent counts: "gathered before attacking the
// village" tells the attack itself.
func (a *analysis) thenPhrase(i int, s sentence) bool {
	passive := false
	for k := i - 1; k >= s.first && k >= i-4; k-- {
		switch a.toks[k].key {
		case "before":
			return passive
		case "being", "was", "were":
			passive = true
		case "he", "she", "they", "reportedly":
		default:
			return false
		}
	}
	return false
}

// targetReach is how many words may stand between a violent verb and the
// development it hit ("ambushed an army patrol").
const targetReach = 3

// targetOfViolence reports a development trigger at token i that is what
// a violent act just before it hit: in "militants ambushed a patrol" the
// patrol is the target, and the event the ambush, not a movement of
// forces.
func (a *analysis) targetOfViolence(i int, vals []int) bool {
	strategic := false
	for _, v := range vals {
		strategic = strategic || strings.HasPrefix(group(lex.triggers[v].Type), "strategic:")
	}
	if !strategic || len(a.hits) == 0 {
		return false
	}
	h := a.hits[len(a.hits)-1]
	if h.sent != a.sentOf[i] || h.context || i-h.last > targetReach || group(lex.triggers[h.trig].Type) != "violence" {
		return false
	}
	for k := h.last; k < i; k++ {
		if a.phraseEnd(k) || a.toks[k].key == "and" || a.toks[k].key == "to" {
			return false // "attacked the town and deployed", "fought to establish"
		}
	}
	return true
}

// joinedAct reports a trigger at token i joined by "and" to the act that
// ended at token end, in one phrase: "floods killed 30 people and
// destroyed hundreds of homes" tells two acts of the floods.
func (a *analysis) joinedAct(end, i int) bool {
	if i-end > 6 {
		return false
	}
	and := false
	for k := end; k < i; k++ {
		if a.phraseEnd(k) {
			return false
		}
		and = and || a.toks[k].key == "and"
	}
	return and
}

// mishapAt reports a mishap named at token k: a word or phrase of the
// lexicon not used as a modifier ("flood relief"), or a fire that is no
// gunfire ("a fire at the factory", not "opened fire" or "returned the
// fire").
func (a *analysis) mishapAt(k int, s sentence) bool {
	if a.toks[k].is(wMishap) {
		var buf [64]byte
		for n := 1; n <= 2 && k+n <= s.last; n++ {
			if lex.mishap[string(appendKeys(buf[:0], a.toks[k:k+n]))] {
				return !a.modifierAt(k + n)
			}
		}
	}
	if t := a.toks[k].key; (t == "fire" || t == "fires") && k > s.first {
		switch a.toks[k-1].key {
		case "a", "the", "huge", "massive", "large", "big", "major", "deadly", "devastating", "forest", "factory", "building":
		default:
			return false
		}
		if k-2 >= s.first {
			switch a.toks[k-2].key {
			case "returned", "returning", "opened", "open", "exchanged", "under", "drew", "heavy":
				return false
			}
		}
		return !a.modifierAt(k + 1)
	}
	return false
}

// modifierAt reports a word at token k that makes the mishap or illness
// before it a modifier: "coronavirus restrictions", "flood relief".
func (a *analysis) modifierAt(k int) bool {
	return k < len(a.toks) && lex.aftermath[a.toks[k].key]
}

// illnessBefore reports an illness at token k that is the subject of the
// harm at token i: nothing but an auxiliary between them ("the virus has
// killed", "cholera killed").
func (a *analysis) illnessBefore(k, i int) bool {
	if !lex.illness[a.toks[k].key] {
		return false
	}
	for j := k + 1; j < i; j++ {
		switch a.toks[j].key {
		case "has", "have", "had", "already", "so", "far", "now":
		default:
			return false
		}
	}
	return true
}

// disruptedObject reports a trigger at token i that names what a
// disruption just before it stopped: in "air defences intercepted a rocket
// fired from Lebanon" or "shot down two drones", the rocket and the drones
// were stopped, and the event is the interception, not a strike.
func (a *analysis) disruptedObject(i int, s sentence) bool {
	n := len(a.hits)
	if n == 0 {
		return false
	}
	h := a.hits[n-1]
	if h.sent != a.sentOf[i] || lex.triggers[h.trig].Type != "Disrupted weapons use" || h.last > i || i-h.last > 4 {
		return false
	}
	// "seized weapons and explosives", "shot down two drones": words,
	// numbers and "and" between, no clause break
	for k := h.last; k < i; k++ {
		if a.toks[k].kind == 'p' {
			return false
		}
	}
	return true
}

// deniedHarm reports a trigger at token i that says harm was not done:
// "no one was killed", "nobody was hurt", "without injuring anyone" tell
// no violence.
func (a *analysis) deniedHarm(i int, s sentence) bool {
	for k := i - 1; k >= s.first && k >= i-3; k-- {
		switch a.toks[k].key {
		case "no", "nobody", "none", "not", "n't", "never", "without":
			return true
		case "one", "was", "were", "been", "has", "have", "had", "is", "are", "reported", "immediately", "people", "person", "anyone":
			continue
		}
		return false
	}
	return false
}

// contextReach is how many tokens back a context word ("since", "against",
// "suspected of") governs a trigger.
const contextReach = 6

// inContext reports a trigger at token i that opens a phrase telling what
// led to the event or what it was about: the first trigger after a context
// word ("since the riot", "suspected of kidnapping") or after a grievance
// word that follows a protest ("protested against the killing of"), with
// the triggers joined to it by "and" or "or". Such a trigger tells another
// act, not the event.
func (a *analysis) inContext(i int, s sentence) bool {
	for k := i - 1; k >= s.first && k >= i-contextReach; k-- {
		switch a.toks[k].key {
		case ",", ";", ":", "(", ")", "-":
			return false
		}
		if a.triggerEndsAt(k) && a.toks[k+1].key != "and" && a.toks[k+1].key != "or" {
			return false // the phrase already had its trigger
		}
		class := ""
		var buf [64]byte
		for n := min(4, i-k); n >= 1 && class == ""; n-- {
			// the longest phrase first: "suspected of", not "suspected"
			if n == 1 {
				class = a.toks[k].class()
			} else if a.toks[k].is(wPhrase) {
				class = lex.words[string(appendKeys(buf[:0], a.toks[k:k+n]))]
			}
		}
		switch class {
		case "context":
			return true
		case "grievance":
			return a.protestBefore(k, s)
		}
	}
	return false
}

// earlierReach bounds a phrase that tells what came before the event.
const earlierReach = 15

// inEarlierPhrase reports a trigger at token i in a phrase that tells of an
// earlier time: "after the riots of the previous week", "after several days
// of clashes", "activists who were detained in recent protests". The phrase
// opens with an opener word and runs to the next punctuation; its first
// trigger, and those joined to it by "and" or "or", tell earlier acts. A
// phrase with no earlier time ("killed after exchanging fire") tells the
// event itself as a chain.
func (a *analysis) inEarlierPhrase(i int, s sentence) bool {
	open := -1
	for k := i - 1; k >= s.first && k >= i-earlierReach; k-- {
		if a.phraseEnd(k) {
			return false
		}
		if a.triggerEndsAt(k) && a.toks[k+1].key != "and" && a.toks[k+1].key != "or" {
			return false // the phrase already had its trigger
		}
		if a.toks[k].is(wOpener) {
			open = k
			break
		}
	}
	if open < 0 {
		return false
	}
	for k := open + 1; k < s.last && k <= open+earlierReach && !a.phraseEnd(k); k++ {
		if strings.HasPrefix(a.toks[k].key, "mid-") {
			return true // "in mid-April"
		}
		var buf [64]byte
		for n := 1; n <= 3 && k+n <= s.last; n++ {
			if lex.earlier[string(appendKeys(buf[:0], a.toks[k:k+n]))] {
				return true
			}
		}
		for _, di := range a.sentDates.of(a.sentOf[k]) {
			if d := a.dates[di]; d.background && d.span[0] == k {
				return true
			}
		}
	}
	return false
}

// phraseEnd reports punctuation that closes a phrase.
func (a *analysis) phraseEnd(k int) bool {
	switch a.toks[k].key {
	case ",", ";", ":", "(", ")", ".":
		return true
	}
	return false
}

// triggerEndsAt reports whether a trigger found so far, other than a
// non-trigger ("#none"), ends at token k.
func (a *analysis) triggerEndsAt(k int) bool {
	for j := len(a.hits) - 1; j >= 0 && a.hits[j].last > k-8; j-- {
		if a.hits[j].last == k+1 && lex.triggers[a.hits[j].trig].Type != "#none" {
			return true
		}
	}
	return false
}

// protestBefore reports a protest trigger in sentence s before token k.
func (a *analysis) protestBefore(k int, s sentence) bool {
	for j := len(a.hits) - 1; j >= 0 && a.hits[j].first >= s.first; j-- {
		h := a.hits[j]
		if t := lex.triggers[h.trig].Type; h.last <= k && (t == "Peaceful protest" || t == "Protest with intervention") {
			return true
		}
	}
	return false
}

// appendKeys appends the keys of toks to dst, a space between each: the
// form multi-word entries of the lexicon are kept in. Looking a map up
// with string(appendKeys(buf[:0], ...)) allocates nothing.
func appendKeys(dst []byte, toks []token) []byte {
	for j, t := range toks {
		if j > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, t.key...)
	}
	return dst
}

// intentGap is how many words may stand between an intention's marker and
// its act ("will soon fully release").
const intentGap = 2

// findIntents finds intentions to act: a marker ("will", "is prepared to")
// and, within a few words, an act whose kind gives the PLOVER type ("will
// release" AGREE, "would blockade" THREATEN), or a threat whatever the act
// when a condition follows ("will withdraw unless"). "not" between them
// makes a refusal, which is left to other cues.
func (a *analysis) findIntents() []hit {
	var out []hit
	for si, s := range a.sents {
		for i := s.first; i < s.last; i++ {
			end, _ := lex.intentT.longest(a.toks, i, s.last)
			if end == 0 {
				continue
			}
			for k := end; k < s.last && k <= end+intentGap; k++ {
				key := a.toks[k].key
				if key == "not" || key == "never" || key == "n't" || a.toks[k].kind == 'p' {
					break
				}
				if e, vals := lex.intentActT.longest(a.toks, k, s.last); e > 0 {
					cue := lex.intentActs[vals[0]]
					for j := e; j < s.last; j++ {
						if c, _ := lex.conditionT.longest(a.toks, j, s.last); c > 0 {
							cue = lex.threatCue // "will withdraw ... unless"
							break
						}
					}
					out = append(out, hit{first: i, last: e, trig: cue, sent: si})
					break
				}
			}
			i = end - 1
		}
	}
	return out
}

// findCues finds the cues of a lexicon (PLOVER's) sentence by sentence,
// longest first, like findTriggers.
func (a *analysis) findCues(t *trie, cues []trigger) []hit {
	var out []hit
	for si, s := range a.sents {
		for i := s.first; i < s.last; i++ {
			end, vals := t.longest(a.toks, i, s.last)
			if end == 0 {
				continue
			}
			out = append(out, hit{first: i, last: end, trig: vals[0], sent: si})
			i = end - 1
		}
	}
	return out
}

func (a *analysis) triggerAt(i int, s sentence) (int, []int) {
	bestEnd := 0
	var best []int
	lex.triggerT.match(a.toks, i, s.last, func(end int, vals []int) {
		if end <= bestEnd {
			return
		}
		ok := vals // shared with the lexicon: read only
		if i != s.first {
			n := 0
			for _, v := range vals {
				if !lex.triggers[v].Anchor {
					n++
				}
			}
			if n < len(vals) {
				ok = make([]int, 0, n)
				for _, v := range vals {
					if !lex.triggers[v].Anchor {
						ok = append(ok, v)
					}
				}
			}
		}
		if len(ok) > 0 {
			bestEnd, best = end, ok
		}
	})
	return bestEnd, best
}

func (a *analysis) readClaims() {
	c := &claimCtx{text: a.text, toks: a.toks, sents: a.sents, skip: make([]bool, len(a.toks))}
	for _, d := range a.dates {
		for i := d.span[0]; i < d.span[1] && i < len(a.toks); i++ {
			if i >= 0 {
				c.skip[i] = true
			}
		}
	}
	a.attrib = attributions(a.text, a.toks, a.sents, a.actors)
	for si := range a.sents {
		for _, rc := range readClaims(c, si) {
			rc.Outlet = a.doc.Outlet
			if at := a.attrib[si]; at.name != "" {
				rc.Claimant = at.name
			}
			rc.Hedged, rc.Denied = a.sentenceHedge(si)
			a.claims = append(a.claims, rc)
		}
	}
}

// A denial denies a sentence's figures unless it is of who did the act or
// why ("denied involvement in the attack, which killed 10"): the dead are
// not in question.
func (a *analysis) sentenceHedge(si int) (hedged, denied bool) {
	s := a.sents[si]
	for i := s.first; i < s.last; i++ {
		switch a.toks[i].class() {
		case "hedge":
			hedged = true
		case "deny":
			denied = denied || !a.deniesAuthorship(i, s)
		}
	}
	return
}

// authorshipWords, soon after a denial, make it a denial of who did an
// act or why, not of what the act did.
var authorshipWords = map[string]bool{
	"involvement": true, "involved": true, "responsibility": true, "role": true, "targeting": true,
	"carrying": true, "link": true, "links": true, "blame": true, "accusations": true, "allegations": true,
	"charges": true, "behind": true, "ordering": true, "participation": true,
}

// deniesAuthorship reports a denial at token i of who did an act:
// "denied involvement", "denied any role", "denied targeting civilians".
func (a *analysis) deniesAuthorship(i int, s sentence) bool {
	for k := i + 1; k < s.last && k <= i+3; k++ {
		if authorshipWords[a.toks[k].key] {
			return true
		}
	}
	return false
}

// Events reads the events of doc: the main event first, then at most a few
// separate developments. It never panics: a bug that makes it panic on a
// document is logged, with the document's id, and the document gets no
// events (see recovered).
func (x *Extractor) Events(doc *sitrep.Document) (events []sitrep.Event) {
	defer func() {
		if r := recover(); r != nil {
			id := ""
			if doc != nil {
				id = doc.ID
			}
			recovered(id, r)
			events = nil
		}
	}()
	if doc == nil || strings.TrimSpace(doc.Text) == "" {
		return nil
	}
	a := x.analyse(doc)
	doc.Unresolved = a.unresolved()
	return a.assemble()
}

// recovered reports a panic of the extractor on document id: a bug, which
// must not take a whole ingest down, nor pass unseen. It is logged with
// its stack; with SITREP_STRICT set, as the tests set it, it panics again,
// so that a test over many documents fails on it rather than finding one
// event fewer.
func recovered(id string, r any) {
	if os.Getenv("SITREP_STRICT") != "" {
		panic(fmt.Sprintf("extract: document %q: %v", id, r))
	}
	slog.Error("extraction failed on a bug: the document gets no events", "doc", id, "panic", r, "stack", string(debug.Stack()))
}

// unresolved lists the toponyms the gazetteer could not place, or placed
// only at a unit around them, outside the dateline, once per name and
// place.
func (a *analysis) unresolved() []sitrep.UnresolvedPlace {
	var out []sitrep.UnresolvedPlace
	seen := map[string]bool{}
	for _, t := range a.toponyms {
		if t.Place.Known() && !t.Fallback || !t.Span.Valid() || a.inDateline(t.Span) {
			continue
		}
		u := sitrep.UnresolvedPlace{Name: t.Name, Span: t.Span}
		if t.Place.Known() {
			parts := []string{t.Place.Location}
			for _, p := range []string{t.Place.Admin1, t.Place.Country} {
				if p != "" && p != parts[len(parts)-1] {
					parts = append(parts, p)
				}
			}
			u.Fallback = strings.Join(parts, ", ")
		}
		if k := strings.ToLower(u.Name) + "|" + u.Fallback; !seen[k] {
			seen[k] = true
			out = append(out, u)
		}
	}
	return out
}

// Spans returns mention spans by Re3d entity type: "Temporal", "Quantity",
// "Organisation" and, with a geocoder, "Location". Offsets are bytes. A
// geocoder that also implements LocationSpans(text) []sitrep.Span gives the
// Location spans; otherwise they are the spans of the names it finds.
func (x *Extractor) Spans(text string) (out map[string][]sitrep.Span) {
	out = map[string][]sitrep.Span{}
	defer func() {
		if r := recover(); r != nil {
			recovered("", r)
			out = map[string][]sitrep.Span{} // a bug must not take the caller down
		}
	}()
	toks := tokenize(text)
	taken := make([]bool, len(toks))
	add := func(typ string, first, last int) {
		if first < 0 || last > len(toks) || last <= first {
			return
		}
		out[typ] = append(out[typ], sitrep.Span{Start: toks[first].start, End: toks[last-1].end})
		if typ == "Temporal" {
			for i := first; i < last; i++ {
				taken[i] = true
			}
		}
	}
	// dates: written ones, and relative ones resolved against any day
	for _, d := range findDates(toks, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) {
		first := d.span[0]
		for first+1 < d.span[1] && first >= 0 && (toks[first].key == "on" || toks[first].key == "in") {
			first++ // the preposition is not part of the time
		}
		add("Temporal", first, d.span[1])
	}
	for i := 0; i < len(toks); i++ {
		if taken[i] {
			continue
		}
		t := toks[i]
		switch {
		case yearNumber(t) > 0:
			if i > 0 && toks[i-1].key == "since" {
				add("Temporal", i-1, i+1)
			} else {
				add("Temporal", i, i+1)
			}
		case isYearRange(t.key):
			add("Temporal", i, i+1) // "1980-88"
		case durationUnit[t.key] && strings.HasSuffix(t.key, "s") && i > 0 && (toks[i-1].key == "for" || toks[i-1].key == "recent" || toks[i-1].key == "over" || toks[i-1].key == "coming"):
			add("Temporal", i, i+1) // "for years", "in recent days"
		case isClockTime(toks, i):
			// "10 a.m.", "11am", "14:30"
			if i+1 < len(toks) && (toks[i+1].key == "a.m." || toks[i+1].key == "p.m." || toks[i+1].key == "am" || toks[i+1].key == "pm") {
				add("Temporal", i, i+2)
				i++
			} else {
				add("Temporal", i, i+1)
			}
		case t.upper && months[t.key] != 0 && len(t.key) > 3 && t.key != "march" || t.key == "march" && i > 0 && (toks[i-1].key == "in" || toks[i-1].key == "since"):
			add("Temporal", i, i+1)
		}
	}
	// durations ("three weeks", "the past 24 hours") are Temporal and, with a
	// number, Quantities too
	for i := 0; i < len(toks); i++ {
		if taken[i] {
			continue
		}
		first := i
		if toks[i].key == "past" || toks[i].key == "last" || toks[i].key == "next" {
			first = i
			i++
		}
		if i >= len(toks) {
			break
		}
		am, ok := amountAt(toks, i)
		j := i
		if ok && !am.vague {
			j = am.last
		}
		if j < len(toks) && durationUnit[toks[j].key] && (ok || first < i) {
			if first > 0 && toks[first-1].key == "the" {
				first--
			}
			add("Temporal", first, j+1)
			if ok {
				out["Quantity"] = append(out["Quantity"], sitrep.Span{Start: toks[i].start, End: toks[j].end})
			}
			i = j
			continue
		}
		i = first
	}
	for i := 0; i < len(toks); i++ {
		if taken[i] {
			continue
		}
		t := toks[i]
		if t.kind == 'w' && len(t.key) > 1 && t.key[0] >= '0' && t.key[0] <= '9' {
			// "45km", "300-year-old", "4.7 million"
			if i+1 < len(toks) && measureUnit[toks[i+1].key] {
				add("Quantity", i, i+2)
				i++
			} else {
				add("Quantity", i, i+1)
			}
			continue
		}
		am, ok := amountAt(toks, i)
		if !ok || isWordA(t.key) || am.vague && !am.many || am.vague && am.low == 0 || t.key == "no" || t.key == "single" {
			continue
		}
		if am.vague {
			// "dozens", "hundreds of thousands": the words, not "of"
			last := am.last
			if toks[last-1].key == "of" {
				last--
			}
			if last < len(toks) && toks[last].key == "of" && last+1 < len(toks) && (toks[last+1].key == "thousands" || toks[last+1].key == "millions") {
				last += 2
			}
			add("Quantity", i, last)
			i = last - 1
			continue
		}
		first, last := i, am.last
		// a measure belongs to the quantity: "500 metres", "4.7 million",
		// "300 square miles", "10 per cent"
		if last+1 < len(toks) && (toks[last].key == "square" || toks[last].key == "per" && toks[last+1].key == "cent") {
			last += 2
		} else if last < len(toks) && measureUnit[toks[last].key] {
			last++
		}
		add("Quantity", first, last)
		i = last - 1
	}
	countries := findCountries(text, toks)
	ctx := map[string]bool{}
	for _, c := range countries {
		ctx[c.iso3] = true
	}
	orgTok := make([]bool, len(toks))
	org := func(first, last int) {
		add("Organisation", first, last)
		for i := max(first, 0); i < last; i++ {
			orgTok[i] = true
		}
	}
	// capitalised names that end (or start) with an organisation word, and
	// acronyms: "Ministry of Higher Education", "Syrian Computer Society", "UN"
	for i := 0; i < len(toks); i++ {
		if orgTok[i] || !toks[i].upper || toks[i].kind != 'w' {
			continue
		}
		if toks[i].key == "the" || toks[i].key == "a" {
			continue // the article is not part of the name
		}
		j := i
		for j < len(toks) && (toks[j].upper && toks[j].kind == 'w' || (toks[j].key == "of" || toks[j].key == "for" || toks[j].key == "and" || toks[j].key == "'s") && j+1 < len(toks) && toks[j+1].upper) {
			j++
		}
		last := j
		for last > i && lex.words[toks[last-1].key] != "orghead" {
			last--
		}
		switch {
		case j-i > 1 && lex.orgStart[toks[i].key]:
			org(i, j)
		case last > i && (last-i > 1 || lex.words[toks[i].key] == "orghead"):
			if i > 0 && toks[i-1].key == "the" {
				org(i-1, last)
			} else {
				org(i, last)
			}
		case j-i == 1 && isAcronym(text[toks[i].start:toks[i].end]) && !lex.isKnownName(toks, i):
			org(i, j)
		}
		i = max(i, j-1)
	}
	for _, m := range findActors(text, toks, countries, ctx) {
		switch m.kind() {
		case "civilians", "protesters", "rioters":
			continue
		}
		if m.implied {
			continue
		}
		overlaps := false
		for i := m.first; i < m.last; i++ {
			overlaps = overlaps || orgTok[i]
		}
		if !overlaps {
			add("Organisation", m.first, m.last)
		}
	}
	if ls, ok := x.geo.(interface{ LocationSpans(string) []sitrep.Span }); ok {
		// the gazetteer's own reading of place mentions, beyond the names it resolves
		out["Location"] = append(out["Location"], ls.LocationSpans(text)...)
	} else if x.geo != nil {
		for _, t := range x.geo.Find(text, nil) {
			out["Location"] = append(out["Location"], t.Span)
		}
	}
	return out
}

// isYearRange reports "1980-88" or "1977-1979".
func isYearRange(k string) bool {
	a, b, ok := strings.Cut(k, "-")
	if !ok || len(a) != 4 || (len(b) != 2 && len(b) != 4) {
		return false
	}
	for _, c := range a + b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return a >= "1900" && a <= "2100"
}

// isClockTime reports a time of day at toks[i]: "11am", "14:30", or an hour
// before "a.m."/"p.m.".
func isClockTime(toks []token, i int) bool {
	k := toks[i].key
	if strings.HasSuffix(k, "am") || strings.HasSuffix(k, "pm") {
		h := strings.TrimSuffix(strings.TrimSuffix(k, "am"), "pm")
		return dayNumber(h) > 0 && dayNumber(h) <= 12
	}
	if toks[i].kind == 'd' && dayNumber(k) > 0 && dayNumber(k) <= 12 && i+1 < len(toks) {
		n := toks[i+1].key
		return n == "a.m." || n == "p.m." || n == "am" || n == "pm"
	}
	return false
}

var durationUnit = map[string]bool{
	"minutes": true, "minute": true, "hours": true, "hour": true, "days": true, "day": true,
	"weeks": true, "week": true, "months": true, "month": true, "years": true, "year": true,
	"decades": true, "decade": true,
}

var measureUnit = map[string]bool{
	"metres": true, "meters": true, "metre": true, "meter": true, "km": true, "kms": true,
	"kilometres": true, "kilometers": true, "kilometre": true, "kilometer": true, "miles": true,
	"mile": true, "yards": true, "feet": true, "percent": true, "%": true, "million": true,
	"billion": true, "tonnes": true, "tons": true, "kg": true, "a.m.": true, "p.m.": true,
}

// isAcronym reports an all-capitals word of two to six letters ("UN", "ISIL").
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// placeCountry returns the ISO3 of a resolved place.
func placeCountry(p sitrep.Place) (string, bool) {
	if p.ISO3 != "" {
		if c, ok := lex.countryOf(p.ISO3); ok {
			return c.ISO3, true
		}
		return strings.ToUpper(p.ISO3), true
	}
	if c, ok := lex.countryNamed(p.Country); ok {
		return c.ISO3, true
	}
	return "", false
}

func allTrue(b []bool) bool {
	for _, v := range b {
		if !v {
			return false
		}
	}
	return true
}

// sentIndex lists items (dates, actors, ...) by sentence, in one array:
// the items of sentences lo to hi are items[start[lo]:start[hi+1]], in
// ascending order.
type sentIndex struct{ start, items []int }

// newSentIndex indexes count items among n sentences by the sentence
// sentOf gives each; items of no sentence (-1) are left out.
func newSentIndex(n, count int, sentOf func(i int) int) sentIndex {
	x := sentIndex{start: make([]int, n+2)}
	for i := range count {
		if si := sentOf(i); si >= 0 && si < n {
			x.start[si+2]++
		}
	}
	for si := 2; si < len(x.start); si++ {
		x.start[si] += x.start[si-1]
	}
	// start[si+1] counts the items before sentence si as they are placed
	x.items = make([]int, x.start[n+1])
	for i := range count {
		if si := sentOf(i); si >= 0 && si < n {
			x.items[x.start[si+1]] = i
			x.start[si+1]++
		}
	}
	return x
}

// of returns the items of sentence si.
func (x sentIndex) of(si int) []int { return x.items[x.start[si]:x.start[si+1]] }

// around returns the items of sentence si and of the one before it: an
// item that starts in the sentence before may reach into si (a date or a
// name across a sentence split the tokenizer made). None for si < 0.
func (x sentIndex) around(si int) []int {
	if si < 0 {
		return nil
	}
	return x.items[x.start[max(si-1, 0)]:x.start[si+1]]
}

// inDate reports whether token i is part of a date the text gives: in
// "on 11 March 2024" or "on May 3", the month is not the verb "march" or
// the modal "may".
func (a *analysis) inDate(i int) bool {
	for _, di := range a.sentDates.around(a.tokSent(i)) {
		if d := a.dates[di]; d.span[0] <= i && i < d.span[1] {
			return true
		}
	}
	return false
}

// tokSent returns the sentence of token i, or -1.
func (a *analysis) tokSent(i int) int {
	if i < 0 || i >= len(a.sentOf) {
		return -1
	}
	return a.sentOf[i]
}
