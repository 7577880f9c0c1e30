package gazetteer

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/gazetteer/internal/index"
	"github.com/sitrep-dev/sitrep/text"
)

// Relations, as in sitrep.Toponym.Relation.
const (
	relNear        = "near"
	relOutskirts   = "outskirts"
	relOffset      = "offset"
	relBetween     = "between"
	relCountryside = "countryside"
	relProvince    = "province"
)

// cues are words that, right before a capitalised word, say it is a place.
var cues = map[string]bool{
	"in": true, "near": true, "at": true, "of": true, "outside": true,
	"from": true, "into": true, "to": true, "towards": true, "toward": true,
	"inside": true, "across": true, "through": true, "within": true, "via": true,
	"around": true, "nearby": true, "between": true, "and": true,
	"entered": true, "reached": true, "stormed": true, "captured": true,
	"seized": true, "shelled": true, "bombed": true, "besieged": true,
	"recaptured": true, "retook": true, "struck": true, "targeted": true,
}

// placeNouns before "of" make the strongest cue: "the village of X".
var placeNouns = map[string]bool{
	"town": true, "village": true, "city": true, "area": true, "district": true,
	"neighbourhood": true, "neighborhood": true, "suburb": true, "hamlet": true,
	"towns": true, "villages": true, "cities": true, "township": true,
	"municipality": true, "subdistrict": true, "localities": true, "locality": true,
	"settlement": true, "camp": true, "capital": true, "region": true,
}

// skippable words may stand between a cue and a name: "in the eastern town
// of X", "near rebel-held X".
var skippable = map[string]bool{
	"the": true, "eastern": true, "western": true, "northern": true,
	"southern": true, "central": true, "northeastern": true,
	"northwestern": true, "southeastern": true, "southwestern": true,
	"rebel": true, "held": true, "besieged": true, "nearby": true,
	"provincial": true, "border": true, "strategic": true, "key": true,
	"small": true, "coastal": true, "greater": true, "upper": true, "lower": true,
}

var directions = map[string]float64{
	"north": 0, "northeast": 45, "east": 90, "southeast": 135,
	"south": 180, "southwest": 225, "west": 270, "northwest": 315,
}

var units = map[string]float64{
	"km": 1, "kms": 1, "kilometer": 1, "kilometers": 1, "kilometre": 1,
	"kilometres": 1, "mile": 1.609, "miles": 1.609, "mi": 1.609,
	"meters": 0.001, "metres": 0.001, "m": 0.001,
}

var numberWords = map[string]float64{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
	"twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "few": 3,
	"several": 5,
}

// relations reads the words around each match: cues, relative phrases,
// "X province" and "between X and Y".
func (d *doc) relations() {
	for mi, m := range d.ms {
		if m.drop {
			continue
		}
		k := m.i - 1
		for k >= 0 && d.is(k, wcSkippable) && k > m.i-4 {
			k--
		}
		prev := d.tok(k)
		if d.toks[m.i].Break {
			prev = "" // punctuation between the word and the name
		}
		switch {
		case prev == "of":
			d.relationOf(m, k-1)
		case prev == "near" || prev == "nearby" || prev == "around" || prev == "outside":
			m.cue, m.relation, m.relStart = true, relNear, k
		case prev == "to" && d.tok(k-1) == "close":
			m.cue, m.relation, m.relStart = true, relNear, k-1
		case prev == "rural":
			m.cue, m.relation, m.relStart = true, relCountryside, k
		case mi+1 < len(d.ms) && d.ms[mi+1].i == m.j+1 && d.toks[m.j+1].Joined && d.roadPair(m.j):
			// "the Abuja-Kaduna highway": on the road between them
			o := d.ms[mi+1]
			m.cue, m.relation, m.relStart, m.other = true, relBetween, m.i, o
			m.relEnd = o.j
			o.cue = true
		case prev == "between":
			if mi+1 < len(d.ms) {
				o := d.ms[mi+1]
				if d.tok(m.j+1) == "and" && o.i == m.j+2 {
					m.cue, m.relation, m.relStart, m.other = true, relBetween, k, o
					m.relEnd = o.j
					o.cue = true
				}
			}
		case prev != "" && d.is(k, wcCue):
			m.cue = true
		}
		if m.relation != "" {
			m.strong = true
		}
		d.personLike(m, mi)
		if m.relation == "" || m.relation == relNear && (m.relStart == m.i-1 || d.bearingOf(m)) {
			// "X province", "near X province", and "north of X
			// province": the north of the province, not near its town.
			switch d.tok(m.j + 1) {
			case "province", "governorate", "provinces", "wilayat", "oblast", "state", "region":
				if d.tok(m.j+1) != "region" || d.hasAdmin(m, kindAdmin1) {
					m.relation, m.relEnd, m.kind = relProvince, m.j+1, kindAdmin1
				}
			case "district", "districts", "raion", "county":
				if c := d.tok(m.j + 2); c == "center" || c == "centre" {
					// "Ghoryan district center" is the district's seat,
					// the town: no unit relation.
					m.cue = true
					break
				}
				m.relation, m.relEnd, m.kind = relProvince, m.j+1, kindAdmin2
			case "countryside", "suburbs", "outskirts":
				m.relation, m.relEnd = relCountryside, m.j+1
				if d.tok(m.j+1) == "outskirts" {
					m.relation = relOutskirts
				}
			}
		}
		if m.relation == relCountryside {
			d.countrysideSide(m)
		}
	}
}

// sides are the adjectives that say which part of a place's countryside
// is meant, as bearings from it.
var sides = map[string]float64{
	"northern": 0, "northeastern": 45, "eastern": 90, "southeastern": 135,
	"southern": 180, "southwestern": 225, "western": 270, "northwestern": 315,
}

// countrysideKm is how far from a town the point of "the southern
// countryside of X" is moved: the villages meant lie around that far.
// On ACLED's notes any distance from 15 to 30 km places these events
// equally well; 20 is the middle.
const countrysideKm = 20

// countrysideSide moves the point of "the southern countryside of X" or
// "southern X countryside" off the town X, towards the side named: the
// event is in the villages there, not in the town.
func (d *doc) countrysideSide(m *match) {
	k := m.relStart - 1 // "the southern countryside of X"
	if m.relStart == m.i {
		k = m.i - 1 // "southern X countryside"
	}
	bearing, ok := sides[d.tok(k)]
	if !ok {
		return
	}
	if b2, ok := directions[d.tok(k-1)]; ok && (b2 == 0 || b2 == 180) && d.toks[k].Joined {
		// "north-eastern", "south-western"
		switch {
		case b2 == 0 && bearing == 90, b2 == 180 && bearing == 90:
			bearing = (b2 + bearing) / 2
		case b2 == 0 && bearing == 270:
			bearing = 315
		case b2 == 180 && bearing == 270:
			bearing = 225
		}
	}
	m.offsetKm, m.bearing = countrysideKm, bearing
}

// bearingOf reports whether m's relation is a bare direction ("north of
// X"), not a distance.
func (d *doc) bearingOf(m *match) bool {
	_, ok := directions[d.tok(m.relStart)]
	return ok && m.relation == relNear
}

// orgWords end the names of units, parties and firms that borrow a
// place's name ("the Al Sham Corps", "Kerman Coal Mine Company"), and
// streetWords those of streets ("Murree Road"): neither is the place.
var orgWords = map[string]bool{
	"division": true, "corps": true, "brigade": true, "brigades": true,
	"battalion": true, "regiment": true, "army": true, "front": true,
	"legion": true, "party": true, "movement": true, "company": true,
	"group": true, "committee": true, "alliance": true, "militia": true,
	"union": true, "association": true, "federation": true, "organization": true,
	"organisation": true, "foundation": true, "times": true, "post": true,
	"tribune": true, "radio": true, "channel": true, "club": true,
}

var streetWords = map[string]bool{
	"street": true, "st": true, "avenue": true, "boulevard": true, "road": true, "lane": true,
}

// possessive reports whether m ends in a possessive ("Beirut's"): the name
// then owns what follows ("Beirut's Hamra district", "Aleppo's old
// city") rather than begins a longer name with it.
func (d *doc) possessive(m *match) bool {
	rest := d.s[d.toks[m.j].End:]
	for _, p := range [...]string{"'s", "\u2019s"} {
		if after, ok := strings.CutPrefix(rest, p); ok {
			r, _ := utf8.DecodeRuneInString(after)
			return after == "" || !unicode.IsLetter(r) && !unicode.IsDigit(r) // not "'said"
		}
	}
	return false
}

// partOfName reports whether the words after m make it part of an
// organisation's or a street's name.
func (d *doc) partOfName(m *match) bool {
	if d.possessive(m) {
		return false // "Aleppo's university" is in Aleppo
	}
	k := m.j + 1
	if k < len(d.toks) && !d.toks[k].Break && !d.toks[k].Joined && d.is(k, wcStreet) {
		return true
	}
	for ; k < len(d.toks) && k <= m.j+3; k++ {
		t := d.toks[k]
		if t.Break || !t.Cap || t.Num {
			return false
		}
		if d.is(k, wcOrg) {
			return true
		}
	}
	return false
}

// authorities are the words after a place's name that make the name an
// authority of that place: its governor, mayor, municipality or police.
var authorities = map[string]bool{
	"governor": true, "governorship": true, "mayor": true, "mayoralty": true,
	"municipality": true, "police": true, "prefect": true, "prefecture": true,
}

// authorityAfter reports whether the capitalised word right after m names
// an authority of the place: "Van Governor's Office".
func (d *doc) authorityAfter(m *match) bool {
	k := m.j + 1
	return k < len(d.toks) && d.toks[k].Cap && !d.toks[k].Break && !d.toks[k].Joined && authorities[d.tok(k)]
}

// titles come before people's names, not places'.
var titles = map[string]bool{
	"president": true, "minister": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "gen": true, "general": true, "col": true, "colonel": true,
	"king": true, "prince": true, "sheikh": true, "imam": true, "emir": true,
	"commander": true, "leader": true, "spokesman": true, "envoy": true,
	"lt": true, "maj": true, "capt": true, "sgt": true,
	"ambassador": true, "secretary": true, "senator": true, "sen": true,
	"chancellor": true, "spokeswoman": true, "spokesperson": true,
	"pope": true, "judge": true, "chief": true, "prof": true, "professor": true, "sir": true,
}

// speech are verbs that follow a person's name, not a place's: "Ellwood
// said".
var speech = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "stated": true,
	"explained": true, "noted": true, "wrote": true, "asked": true,
	"announced": true, "insisted": true, "warned": true, "urged": true,
	"argued": true, "claimed": true, "replied": true, "tweeted": true,
}

// personLike sets m.inName when m looks like part of a longer proper name
// ("Bashar al-Assad", "Euphrates Valley") or a person ("Vladimir Putin",
// "President Assad").
func (d *doc) personLike(m *match, mi int) {
	if !m.country && d.partOfName(m) {
		m.inName, m.org = true, true
		return
	}
	if m.strong {
		return
	}
	// "activists in Aleppo said": a locative cue makes the name before
	// the verb a place, the people who speak being named before it ("and
	// Kerry said" is no such cue)
	located := m.cue && m.i > 0 && !d.toks[m.i].Break && d.tok(m.i-1) != "and"
	if d.is(m.i-1, wcTitle) || !located && d.is(m.j+1, wcSpeech) && (m.j+1 >= len(d.toks) || !d.toks[m.j+1].Break) {
		m.inName, m.person = true, true
		return
	}
	if d.afterGivenName(m) {
		m.inName, m.person = true, true // "Sarah Dayton"
		return
	}
	if m.i == m.j && !m.cue && d.is(m.i, wcFirstName) && d.surnameAt(m.i+1) {
		m.inName = true // "Lorraine Walsh"
		return
	}
	if d.info(m.j+1).class&(wcStop|wcSuffix) == wcStop && m.j+1 < len(d.toks) && d.toks[m.j+1].Cap && !d.toks[m.j+1].Break && !d.possessive(m) && !d.authorityAfter(m) {
		m.inName = true // "Vladimir Putin"
		return
	}
	k := m.i - 1
	if k < 0 || d.toks[m.i].Break || !d.toks[k].Cap || d.toks[k].Num || d.is(k, wcSkippable|wcCue|wcDirection) {
		return
	}
	// The previous word is a place of its own ("Idlib Hama"), unless it
	// is itself the middle of a name ("Jaish al-Taifa al-Mansura") and no
	// country.
	if p := d.ms[max(mi-1, 0)]; mi > 0 && p.j == k && !d.weak(p) && (!p.nameTail || p.country) {
		return
	}
	if d.is(k, wcDemonym) {
		return
	}
	m.inName, m.nameTail = true, true
}

// afterGivenName reports whether a given name stands right before m, with
// no locative cue before it: "Sarah Dayton" is a person, "in Sarah" is not
// a given name.
func (d *doc) afterGivenName(m *match) bool {
	k := m.i - 1
	if k < 0 || d.toks[m.i].Break || !d.toks[k].Cap || !d.is(k, wcFirstName) {
		return false
	}
	return k == 0 || d.toks[k].Break || !d.is(k-1, wcCue|wcPlaceNoun)
}

// surnameAt reports whether token k may be a surname after a given name:
// capitalised, straight after it and no word that continues a place's
// name ("Lorraine Region").
func (d *doc) surnameAt(k int) bool {
	if k >= len(d.toks) {
		return false
	}
	t := d.toks[k]
	return t.Cap && !t.Break && !t.Num && !t.Joined && !d.is(k, wcSuffix|wcDirection|wcDemonym|wcCue|wcCalendar|wcOrg|wcStreet)
}

// people marks every lone mention of a word that the text elsewhere uses
// as part of a person's name ("Peter Ellwood ... Ellwood visited Baghdad").
func (d *doc) people() {
	names := map[string]bool{}
	for _, m := range d.ms {
		if m.person && m.i == m.j {
			names[d.toks[m.i].Fold] = true
		}
	}
	if len(names) == 0 {
		return
	}
	for _, m := range d.ms {
		if m.i == m.j && !m.strong && !m.country && names[d.toks[m.i].Fold] {
			m.inName, m.person = true, true
		}
	}
}

// relationOf handles "... of X" where k is the word before "of".
func (d *doc) relationOf(m *match, k int) {
	w := d.tok(k)
	m.cue = true
	if d.is(k, wcPlaceNoun) {
		m.strong = true
	}
	switch {
	case w == "outskirts" || w == "outskirt" || w == "suburbs" || w == "edge" || w == "edges" || w == "periphery" || w == "entrance":
		m.relation, m.relStart = relOutskirts, k
	case w == "countryside":
		m.relation, m.relStart = relCountryside, k
	case w == "vicinity":
		m.relation, m.relStart = relNear, k
	case w == "province" || w == "governorate" || w == "provinces":
		m.relation, m.relStart, m.kind = relProvince, k, kindAdmin1
	case w == "district":
		if d.hasAdmin(m, kindAdmin2) {
			m.relation, m.relStart, m.kind = relProvince, k, kindAdmin2
		}
	default:
		if bearing, ok := directions[w]; ok {
			start := k
			if b2, ok := directions[d.tok(k-1)]; ok && (b2 == 0 || b2 == 180) && bearing != b2 {
				// "north-east", "north east"
				bearing = (b2 + bearing) / 2
				if b2 == 0 && bearing == 135 {
					bearing = 315
				}
				start = k - 1
			}
			m.relation, m.relStart = relNear, start
			if d.tok(start-1) == "the" && d.hasAdmin(m, kindAdmin1) {
				// "the north of Veracruz" is the north of the state, not
				// a point north of its city.
				m.relation, m.kind = relProvince, kindAdmin1
				return
			}
			if f, ok := units[d.tok(start-1)]; ok {
				if n, ok := d.number(start - 2); ok {
					m.relation, m.relStart = relOffset, start-2
					m.offsetKm, m.bearing = n*f, bearing
				}
			} else if n, f, ok := d.numberUnit(start - 1); ok {
				// "8km east of X"
				m.relation, m.relStart = relOffset, start-1
				m.offsetKm, m.bearing = n*f, bearing
			}
		}
	}
}

// number reads token k as a number ("8", "3.5", "eight").
func (d *doc) number(k int) (float64, bool) {
	if k < 0 || k >= len(d.toks) {
		return 0, false
	}
	t := d.toks[k]
	if t.Num {
		v, err := strconv.ParseFloat(strings.ReplaceAll(t.Fold, ",", ""), 64)
		return v, err == nil
	}
	v, ok := numberWords[t.Fold]
	return v, ok
}

// numberUnit reads token k as a number glued to its unit ("8km").
func (d *doc) numberUnit(k int) (n, factor float64, ok bool) {
	if k < 0 || k >= len(d.toks) || !d.toks[k].Num {
		return 0, 0, false
	}
	f := d.toks[k].Fold
	i := strings.IndexFunc(f, func(r rune) bool { return r >= 'a' && r <= 'z' })
	if i <= 0 {
		return 0, 0, false
	}
	factor, ok = units[f[i:]]
	if !ok {
		return 0, 0, false
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(f[:i], ",", ""), 64)
	return n, factor, err == nil
}

// hasAdmin reports whether one of m's candidates is an admin unit of kind.
func (d *doc) hasAdmin(m *match, kind uint8) bool {
	for _, p := range m.postings {
		if d.g.entities[p>>index.FlagBits].kind == kind {
			return true
		}
	}
	return false
}

// context weighs what the text is about: the caller's hint countries,
// countries named or implied by demonyms, and countries and provinces of
// names that can only be in one country.
func (d *doc) context() {
	g := d.g
	for _, c := range d.hints.list {
		d.ctx.add(c, hintWeight)
	}
	demo, named := &d.demo, &d.named
	for _, k32 := range d.demonymAt {
		k := int(k32)
		if wi := d.info(k); wi.class&wcDemonym != 0 && demo.w[wi.demonym] < 3 {
			ci := wi.demonym
			w := 1.0
			if d.sponsor(k) {
				w = 0.25
			}
			demo.add(ci, w)
			d.ctx.add(ci, w)
		}
	}
	own := d.own // folded name → what it added
	clear(own)
	for _, m := range d.ms {
		if m.pinned {
			// A unit in confirmed brackets: the text says where it is.
			e := &g.entities[m.forced]
			if e.country >= 0 && named.w[e.country] < 8 {
				named.add(e.country, 2)
				d.ctx.add(e.country, 2)
			}
			for _, a := range [3]int32{m.forced, e.admin1, e.admin2} {
				if a >= 0 && g.entities[a].kind != kindPlace && g.entities[a].kind != kindCountry {
					d.admin.add(a, 1)
				}
			}
			continue
		}
		if m.drop || m.skeleton {
			continue
		}
		if m.country {
			if f := d.tok(m.j + 1); f == "dollar" || f == "dollars" {
				continue // "the US dollar" is about money, not the US
			}
			w := 2.0
			if d.sponsor(m.j) {
				w = 0.5
			}
			for _, p := range m.postings {
				e := &g.entities[p>>index.FlagBits]
				if e.kind == kindCountry && named.w[e.country] < 6 {
					named.add(e.country, w)
					d.ctx.add(e.country, w)
				}
			}
			continue
		}
		if d.weak(m) {
			continue
		}
		one, c, primary := true, int16(-1), false
		for _, p := range m.postings {
			e := &g.entities[p>>index.FlagBits]
			primary = primary || p&index.Primary != 0
			if c == -1 {
				c = e.country
			} else if e.country != c {
				one = false
				break
			}
		}
		// A name known only as another language's name for a place abroad
		// ("Al Jilwah" for a Polish village) is no evidence of what the
		// text is about: only main names count.
		if one && c >= 0 && primary {
			// A name counts once however often it is repeated, and every
			// mention of it is no context for itself.
			if m.folded == "" {
				m.folded = d.fold(m.i, m.j)
			}
			key := m.folded
			if _, done := own[key]; !done && named.w[c] < 8 {
				named.add(c, 1)
				d.ctx.add(c, 1)
				own[key] = 1
			}
			m.ownC, m.ownW = c, own[key]
		}
		for _, p := range m.postings {
			e := &g.entities[p>>index.FlagBits]
			if e.kind == kindAdmin1 || e.kind == kindAdmin2 {
				w := 0.5
				if m.relation == relProvince {
					w = 1
				}
				d.admin.add(int32(p>>index.FlagBits), w)
			}
		}
	}
	d.setTop()
}

// sponsorWords follow a country or demonym that describes an actor's
// backer or base rather than where things happen: "Saudi-led",
// "Iranian-backed", "Britain-based".
var sponsorWords = map[string]bool{
	"led": true, "backed": true, "based": true, "funded": true, "supported": true,
	"sponsored": true, "allied": true, "born": true, "trained": true, "made": true,
}

// sponsor reports whether token k is joined to a sponsor word.
func (d *doc) sponsor(k int) bool {
	return k+1 < len(d.toks) && d.toks[k+1].Joined && d.is(k+1, wcSponsor)
}

// setTop records the largest context weight, with and without the
// caller's hints.
func (d *doc) setTop() {
	d.top, d.textTop = 0, 0
	for _, c := range d.ctx.list {
		w := d.ctx.w[c]
		d.top = math.Max(d.top, w)
		d.textTop = math.Max(d.textTop, d.textWeight(c, w))
	}
}

// textWeight is a country's context weight w less the caller's hint: what
// the text itself says.
func (d *doc) textWeight(c int16, w float64) float64 {
	if c >= 0 && d.hints.in[c] {
		return w - hintWeight
	}
	return w
}

// hintWeight is what a caller's hint country adds to the context.
const hintWeight = 2

// weak reports whether m is a lone common word or stop word, which gives
// no context by itself.
func (d *doc) weak(m *match) bool { return m.weak }

// resolve picks each match's best candidate, then re-ranks with the
// distances between the places chosen, then drops what lacks evidence.
func (d *doc) resolve() {
	for _, m := range d.ms {
		if !m.drop && d.doomed(m) {
			m.drop = true
		}
		if !m.drop {
			d.pick(m, false)
		}
	}
	shared := d.sharedCountries()
	// Each confident name votes for its country, so that a note about
	// Yemeni villages ranks the Yemeni reading of the next name first.
	votes := &d.votes
	voted := map[string]int16{} // folded name → the country it voted for
	for _, m := range d.ms {
		if m.drop || m.best < 0 || m.country || d.weak(m) || m.acronym || m.inName && !m.org || m.ownW > 0 {
			continue
		}
		if m.bestC.posting&index.Primary == 0 && !d.spelledAs(m.best, m.folded) {
			continue // another language's name for a place abroad
		}
		e := &d.g.entities[m.best]
		if e.country < 0 {
			continue
		}
		if m.i == m.j && e.kind == kindPlace && e.pop < 20000 && !m.cue {
			continue
		}
		key := m.folded
		if c, done := voted[key]; done {
			if c == e.country {
				m.ownC, m.ownW = c, 0.5
			}
			continue
		}
		if votes.w[e.country] >= 2 {
			continue
		}
		voted[key] = e.country
		votes.add(e.country, 0.5)
		d.ctx.add(e.country, 0.5)
		m.ownC, m.ownW = e.country, 0.5
	}
	d.setTop()
	for _, m := range d.ms {
		if m.drop || m.best < 0 || m.country {
			continue
		}
		if e := &d.g.entities[m.best]; e.kind == kindPlace {
			d.points = append(d.points, point{lat: float64(e.lat), lon: float64(e.lon),
				sentence: m.sentence, i: int32(m.i), e: m.best, m: m, name: e.name})
		}
	}
	for _, m := range d.ms {
		if !m.drop && len(m.top) > 0 {
			d.pick(m, true)
		}
	}
	for _, m := range d.ms {
		if m.relation != relBetween || m.other == nil || m.best < 0 || m.other.best < 0 {
			continue
		}
		a, b := &d.g.entities[m.best], &d.g.entities[m.other.best]
		if a.kind == kindPlace && b.kind == kindPlace && distanceKm(float64(a.lat), float64(a.lon), float64(b.lat), float64(b.lon)) <= 300 {
			m.other.drop = true
		} else if d.roadPair(m.j) {
			// "the Kabul-Kandahar highway", too long for its middle to
			// say where: on the road out of the first
			m.relation, m.relStart, m.relEnd, m.other = relNear, m.i, m.j, nil
		} else {
			// "tensions between Washington and Damascus": not a place.
			m.relation, m.relStart, m.relEnd, m.other = "", m.i, m.j, nil
		}
	}
	// The shared countries ranked the readings; whether a name is a
	// place at all is for what the text itself says.
	for _, sc := range shared {
		d.ctx.add(sc.c, -sc.w)
	}
	d.shared = shared
	d.setTop()
	for _, m := range d.ms {
		if !m.drop {
			m.drop = !d.accept(m)
		}
	}
	for _, m := range d.ms {
		if !m.drop && d.farLoose(m) {
			m.drop = true
		}
	}
	d.nearAnchors()
	for _, m := range d.ms {
		d.sameCountry(m)
	}
	for _, m := range d.ms {
		d.placeAtUnits(m)
	}
	for _, m := range d.extra {
		d.placeAtUnits(m)
	}
}

// sharedMargin is how far below a name's best reading another reading
// may score and still be one the text may mean.
const sharedMargin = 2

// sharedCountries adds to the context the countries that two or more
// ambiguous names of the text can both be in. "Tripoli" alone is the
// Libyan capital; with "Aley", a small town whose best reading is abroad
// but which has a Lebanese namesake too, both are read in Lebanon: the
// one country that accounts for both names. Each name counts once, for
// each country among its plausible readings (those within sharedMargin
// of its best, and spelled as written or a main name), and only names
// with plausible readings in two countries or more take part: a name that
// can only be in one country is context already. The shared countries
// rank readings only: they are taken out of the context again before
// accept, which asks whether the text says enough for a name to be a
// place at all. The weight, half a point per name, is what a confident name's
// vote adds, so that the country shared by two names outweighs the vote
// of either for a country of its own.
func (d *doc) sharedCountries() []sharedCountry {
	type pair struct {
		c    int16
		name string
	}
	var pairs []pair
	var out []sharedCountry
	g := d.g
	for _, m := range d.ms {
		if m.drop || m.best < 0 || m.country || d.weak(m) || m.acronym || m.skeleton || m.inName || m.pinned || len(m.top) < 2 {
			continue
		}
		best, first := m.top[0].base, g.entities[m.top[0].e].country
		ambiguous := false
		for _, c := range m.top[1:] {
			if best-c.base > sharedMargin {
				break
			}
			ambiguous = ambiguous || g.entities[c.e].country != first
		}
		if !ambiguous {
			continue
		}
	next:
		for _, c := range m.top {
			if best-c.base > sharedMargin {
				break
			}
			cc := g.entities[c.e].country
			if cc < 0 || !c.spelled && c.posting&index.Primary == 0 {
				continue // another language's name for a place abroad
			}
			for _, p := range pairs {
				if p.c == cc && p.name == m.folded {
					continue next
				}
			}
			pairs = append(pairs, pair{cc, m.folded})
		}
	}
	for i, p := range pairs {
		n := 0
		for k, o := range pairs {
			if o.c != p.c {
				continue
			}
			if k < i {
				n = 0 // counted at its first pair
				break
			}
			n++
		}
		if n >= 2 {
			w := 0.5 * float64(min(n, 4))
			d.ctx.add(p.c, w)
			out = append(out, sharedCountry{p.c, w})
		}
	}
	return out
}

// sharedCountry is a country sharedCountries added to the context, and
// its weight.
type sharedCountry struct {
	c int16
	w float64
}

// nearMaxKm is how far a place may lie from the place the text says it
// is near before the reading is taken for a namesake elsewhere.
const nearMaxKm = 75

// nearAnchors drops a town read as a namesake far from the place the text
// puts it near: in "Hamirpur village near Rapar town" or "Ugah, near
// Lafia" the gazetteer may know only a Hamirpur or an Uga hundreds of
// kilometres away, while the village itself is too small to be listed.
// The event is then near the anchor, which the text locates.
func (d *doc) nearAnchors() {
	for mi, m := range d.ms {
		if m.drop || m.best < 0 || m.pinned || m.confirmed || mi+1 >= len(d.ms) {
			continue
		}
		o := d.ms[mi+1]
		if o.drop || o.best < 0 || o.relation != relNear || !d.justBefore(m, o.relStart) {
			continue
		}
		a, b := &d.g.entities[m.best], &d.g.entities[o.best]
		if a.kind != kindPlace || b.kind != kindPlace {
			continue
		}
		if distanceKm(float64(a.lat), float64(a.lon), float64(b.lat), float64(b.lon)) > nearMaxKm {
			m.drop = true
		}
	}
}

// justBefore reports whether m ends right before token k, but for a
// comma or a place noun ("X, near Y", "X village near Y").
func (d *doc) justBefore(m *match, k int) bool {
	j := m.j + 1
	if j < k && placeNouns[d.tok(j)] && !d.toks[j].Break {
		j++
	}
	return j == k
}

// sameCountry drops the names in m's brackets that the last one puts in
// another country: in "Savar city (Savar, Dhaka)" the gazetteer may know
// only a Savar abroad, but the brackets say it is a district near Dhaka.
func (d *doc) sameCountry(m *match) {
	if len(m.quals) < 2 || m.confirmed {
		return
	}
	last := m.quals[len(m.quals)-1]
	if last.drop || last.best < 0 {
		return
	}
	c := d.g.entities[last.best].country
	for _, q := range m.quals[:len(m.quals)-1] {
		if !q.drop && q.best >= 0 && d.g.entities[q.best].country != c {
			q.drop = true
		}
	}
}

// pick scores m's candidates and keeps the best, with its reason. The
// first pass scores every candidate and keeps the best few; the second
// (near) pass adds proximity to the places chosen for other names.
func (d *doc) pick(m *match, near bool) {
	g := d.g
	if m.folded == "" {
		m.folded = d.fold(m.i, m.j)
	}
	folded := m.folded
	if !near {
		m.top = d.cands(6)
		for _, p := range m.postings {
			e := int32(p >> index.FlagBits)
			if m.pinned {
				if e != m.forced {
					continue // the brackets chose
				}
			} else if m.country && g.entities[e].kind != kindCountry {
				continue // country names never resolve to towns
			}
			spelled := d.spelledAs(e, folded)
			s := d.scoreOf(m, e, p, spelled, false, nil)
			m.top = insertTop(m.top, cand{e: e, posting: p, base: s, spelled: spelled}, 6)
		}
	}
	if len(m.top) == 0 {
		m.best = -1
		return
	}
	if near {
		// The other names have voted for their countries since: score
		// the kept candidates again with what the text is now about.
		for i := range m.top {
			c := &m.top[i]
			c.base = d.scoreOf(m, c.e, c.posting, c.spelled, false, nil)
		}
		for i := 1; i < len(m.top); i++ { // a few candidates: insertion sort
			for j := i; j > 0 && m.top[j].base > m.top[j-1].base; j-- {
				m.top[j], m.top[j-1] = m.top[j-1], m.top[j]
			}
		}
	}
	best, second := -math.MaxFloat64, -math.MaxFloat64
	var bestC cand
	var secondE int32 = -1
	// Proximity adds at most 1.5: a lead larger than that cannot change.
	decided := len(m.top) == 1 || len(m.top) > 1 && m.top[0].base-m.top[1].base > 1.5
	for _, c := range m.top {
		s := c.base
		if near && !decided {
			if v, _ := d.proximity(m, c.e); v > 0 {
				s += v
			}
		}
		if s > best {
			if best > -math.MaxFloat64 {
				second, secondE = best, bestC.e
			}
			best, bestC = s, c
		} else if near && math.Abs(s-best) < 1e-9 && d.nearerCentre(m, c.e, bestC.e) {
			// Namesakes that nothing else tells apart (two villages of
			// no recorded population in the province of "X, Province"):
			// the one nearer where the unit's people live.
			second, secondE = best, bestC.e
			bestC = c
		} else if s > second {
			second, secondE = s, c.e
		}
	}
	e := bestC.e
	if m.kind == 0 && !m.pinned && g.entities[e].kind != kindPlace && g.entities[e].kind != kindCountry {
		// A bare name of a unit and of its seat means the town: "Idlib"
		// alone is the city, "Idlib province" the governorate.
		for _, c := range m.top {
			if ce := &g.entities[c.e]; ce.kind == kindPlace && (ce.admin1 == e || ce.admin2 == e ||
				g.entities[e].kind == kindAdmin2 && ce.admin2 < 0 && ce.admin1 == g.entities[e].admin1) {
				bestC, best = c, c.base
				e = c.e
				break
			}
		}
	}
	if m.kind == 0 && !m.pinned && near && g.entities[e].kind == kindPlace && g.size(&g.entities[e]) < villageSize {
		// A village in one district that shares its name with another
		// district of the same province: the district is the place
		// people know by that name ("a rally in X, Province" where X is
		// a city district and also a hamlet on the province's edge).
		en := &g.entities[e]
		for _, c := range m.top {
			if ce := &g.entities[c.e]; ce.kind == kindAdmin2 && c.e != en.admin2 && en.admin1 >= 0 && ce.admin1 == en.admin1 && c.spelled && best-c.base <= villageMargin {
				second, secondE = best, e
				bestC, best = c, c.base
				e = c.e
				break
			}
		}
	}
	if m.kind != 0 && g.entities[e].kind != m.kind {
		// "Deir Ezzor province" named the city: use its province.
		if m.kind == kindAdmin1 && g.entities[e].admin1 >= 0 {
			e = g.entities[e].admin1
		} else if m.kind == kindAdmin2 && g.entities[e].admin2 >= 0 {
			e = g.entities[e].admin2
		}
	}
	m.best, m.score = e, best
	m.bestC, m.secondE, m.second, m.near = bestC, secondE, second, near
}

// villageSize is the population below which a place is a village, smaller
// than any district seat (see seatSize), and villageMargin how far below
// such a village a district of its name may score and still be preferred:
// a district without places of its own to locate it loses a point.
const (
	villageSize   = 5000
	villageMargin = 1.5
)

// nearerCentre reports whether place a lies nearer than place b to the
// centre of the smallest unit in m's brackets that holds them both. A
// unit's centre is the population-weighted mean of its places.
func (d *doc) nearerCentre(m *match, a, b int32) bool {
	if len(m.quals) == 0 {
		return false
	}
	g := d.g
	ea, eb := &g.entities[a], &g.entities[b]
	if ea.kind != kindPlace || eb.kind != kindPlace {
		return false
	}
	for _, u := range d.units(m) {
		eu := &g.entities[u]
		if (eu.kind != kindAdmin1 && eu.kind != kindAdmin2) || eu.noCentre || !g.inside(a, u) || !g.inside(b, u) {
			continue
		}
		da := distanceKm(float64(ea.lat), float64(ea.lon), float64(eu.lat), float64(eu.lon))
		db := distanceKm(float64(eb.lat), float64(eb.lon), float64(eu.lat), float64(eu.lon))
		return da < db
	}
	return false
}

// explain writes m.reason: the score terms of the chosen candidate and the
// runner-up. It runs only for the matches Find returns.
func (d *doc) explain(m *match) {
	key := reasonKey{folded: m.folded, best: m.best, second: m.secondE, score: m.score, runner: m.second, lone: m.lone}
	if r, ok := d.reasons[key]; ok && !m.fallback && m.relation == "" && len(m.quals) == 0 {
		m.reason = r
		return
	}
	defer func() {
		if !m.fallback && m.relation == "" && len(m.quals) == 0 {
			if d.reasons == nil {
				d.reasons = map[reasonKey]string{}
			}
			d.reasons[key] = m.reason
		}
	}()
	var b strings.Builder
	if m.fallback {
		b.WriteString("no namesake inside the units named after it; placed at ")
		d.g.describe(&b, m.best)
		m.reason = b.String()
		return
	}
	d.score(m, m.best, m.bestC.posting, m.folded, m.near, &b)
	if c := d.g.entities[m.best].country; c >= 0 {
		for _, sc := range d.shared {
			if sc.c == c {
				b.WriteString("; ranked with +")
				b.WriteString(strconv.FormatFloat(sc.w, 'f', 1, 64))
				b.WriteString(" context for ")
				b.WriteString(d.g.countries[c].name)
				b.WriteString(", where other ambiguous names of the text can be too")
			}
		}
	}
	if m.secondE >= 0 && m.secondE != m.best {
		b.WriteString("; ")
		b.WriteString(strconv.Itoa(len(m.postings)))
		b.WriteString(" candidates, runner-up ")
		d.g.describe(&b, m.secondE)
		b.WriteString(" ")
		b.WriteString(strconv.FormatFloat(m.second, 'f', 1, 64))
	}
	if m.lone {
		// After the runner-up, whose score is on the same scale as the
		// terms: the discount applies to whatever is chosen.
		b.WriteString("; then -")
		b.WriteString(strconv.FormatFloat(loneDiscount(m), 'f', 1, 64))
		b.WriteString(" as nothing else in the text says which country")
	}
	m.reason = b.String()
}

// sameStart is a cheap test that name may fold to folded: their first
// ASCII letters agree (non-ASCII first letters always pass).
func sameStart(name, folded string) bool {
	if name == "" || folded == "" {
		return false
	}
	c := name[0]
	if c >= 0x80 {
		return true
	}
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c == folded[0]
}

// spelledAs reports whether entity e's name folds to folded.
func (d *doc) spelledAs(e int32, folded string) bool {
	name := d.g.entities[e].name
	return sameStart(name, folded) && text.FoldEqual(name, folded)
}

// insertTop inserts c into top, kept sorted by base score and at most n
// long.
func insertTop(top []cand, c cand, n int) []cand {
	i := len(top)
	for i > 0 && top[i-1].base < c.base {
		i--
	}
	if i >= n {
		return top
	}
	if len(top) < n {
		top = append(top, cand{})
	}
	copy(top[i+1:], top[i:])
	top[i] = c
	return top
}

// score weighs candidate e for match m. With why not nil it also writes
// the terms, for people; ranking passes nil and allocates nothing.
func (d *doc) score(m *match, e int32, posting uint32, folded string, near bool, why *strings.Builder) float64 {
	return d.scoreOf(m, e, posting, d.spelledAs(e, folded), near, why)
}

// scoreOf is score with whether e's name is spelled as written already
// known: ranking scores its best candidates twice, and comparing the
// spellings is a good part of the work.
func (d *doc) scoreOf(m *match, e int32, posting uint32, spelled, near bool, why *strings.Builder) float64 {
	g := d.g
	en := &g.entities[e]
	sc := scoreSum{why: why}
	if why != nil {
		g.describe(why, e)
	}
	sc.term(g.prior(en), g.features[en.feature], "")
	if en.kind != kindCountry {
		detail := ""
		if why != nil {
			detail = strconv.Itoa(int(en.pop))
		}
		sc.term(float64(en.popScore), "population ", detail)
	}
	if en.country >= 0 {
		w := d.ctx.w[en.country]
		if m.ownC == en.country {
			w -= m.ownW // a name is no context for itself
		}
		if w > 0.01 && d.top > 0 {
			// Relative to the country the text is most about: a passing
			// "Britain-based" does not pull Washington to England.
			sc.term(1+3.5*w/d.top, "text is about ", g.countries[en.country].name)
		}
	}
	if d.admin.n > 0 {
		for _, a := range [2]int32{en.admin1, en.admin2} {
			if a >= 0 && a != e {
				if w := d.admin.get(a); w > 0 && !d.names(m, a) {
					// A province the text names outweighs the size of
					// a namesake elsewhere short of a city of a million.
					sc.term(3+0.5*math.Min(w, 2), "in a unit named in the text: ", g.entities[a].name)
				}
			}
		}
	}
	if m.kind != 0 && en.kind == m.kind {
		unit := d.tok(m.relEnd)
		if m.relEnd == m.j {
			unit = d.tok(m.relStart)
		}
		sc.term(4, "names a unit of this kind: ", unit)
	}
	if len(m.quals) > 0 && d.insideAny(m, e) {
		sc.term(6, "inside the units in brackets", "")
	}
	if m.relation == relCountryside && en.kind == kindPlace {
		sc.term(1, "countryside is around a town", "")
	}
	if posting&index.Primary != 0 {
		sc.term(0.4, "main name", "")
	}
	if spelled {
		sc.term(0.6, "spelled as written", "")
	}
	if m.skeleton {
		sc.term(-1.5, "consonants only", "")
	}
	if en.user {
		sc.term(1, "added by the caller", "")
	}
	if en.noCentre {
		sc.term(-1, "no places of its own to locate it", "")
	}
	if near {
		if v, other := d.proximity(m, e); v > 0 {
			sc.term(v, "near ", other)
		}
	}
	return sc.s
}

// scoreSum adds up the terms of a score and, with why not nil, writes
// them out for people.
type scoreSum struct {
	s   float64
	why *strings.Builder
}

func (sc *scoreSum) term(v float64, label, detail string) {
	sc.s += v
	if sc.why != nil {
		sc.write(v, label, detail)
	}
}

func (sc *scoreSum) write(v float64, label, detail string) {
	sc.why.WriteString("; ")
	if v >= 0 {
		sc.why.WriteByte('+')
	}
	sc.why.WriteString(strconv.FormatFloat(v, 'f', 1, 64))
	sc.why.WriteByte(' ')
	sc.why.WriteString(label)
	sc.why.WriteString(detail)
}

// names reports whether entity e is one of m's own candidates, which
// cannot count as context for m.
func (d *doc) names(m *match, e int32) bool {
	for _, p := range m.postings {
		if int32(p>>index.FlagBits) == e {
			return true
		}
	}
	return false
}

// prior is featurePrior of e, with the priors of places' feature codes
// looked up in a table rather than a switch on the code.
func (g *Gazetteer) prior(e *entity) float64 {
	if e.kind != kindPlace || int(e.feature) >= len(g.placePriors) {
		return featurePrior(e.kind, g.features[e.feature])
	}
	return g.placePriors[e.feature]
}

// setPriors computes the prior of every feature code for places.
func (g *Gazetteer) setPriors() {
	g.placePriors = g.placePriors[:0]
	for _, code := range g.features {
		g.placePriors = append(g.placePriors, featurePrior(kindPlace, code))
	}
}

func featurePrior(kind uint8, code string) float64 {
	switch kind {
	case kindCountry:
		return 10
	case kindAdmin1:
		return 1.2
	case kindAdmin2:
		return 0.6
	}
	switch code {
	case "PPLC", "PPLG": // a capital, or the seat of government ("La Paz")
		return 3
	case "PPLA":
		return 2.2
	case "PPLA2":
		return 1.6
	case "PPLA3", "PPLA4", "PPLA5":
		return 1.1
	case "PPL", "PPLL", "PPLF", "PPLS", "STLMT":
		return 0.9
	case "PPLX":
		return 0.3
	case "PPLH", "PPLQ", "PPLW", "PPLCH":
		return 0
	}
	return 0.6
}

// proximity rewards a candidate close to the places chosen for the other
// names of the same sentence, and a little for the rest of the text.
func (d *doc) proximity(m *match, e int32) (float64, string) {
	en := &d.g.entities[e]
	lat, lon := float64(en.lat), float64(en.lon)
	cos := math.Cos(lat * math.Pi / 180)
	bestV, bestName := 0.0, ""
	// Points are in text order: look at the nearest 16 on each side within
	// five sentences (texts without full stops have one long sentence).
	at, n := 0, len(d.points) // the first point at or after m, by binary search
	for at < n {
		if h := int(uint(at+n) >> 1); d.points[h].i < int32(m.i) {
			at = h + 1
		} else {
			n = h
		}
	}
	lo, hi := max(0, at-16), min(len(d.points), at+16)
	for k := lo; k < hi; k++ {
		o := &d.points[k]
		if o.sentence > m.sentence+5 || o.sentence < m.sentence-5 || o.m == m || o.e == e {
			continue
		}
		// An equirectangular distance is plenty at these scales.
		dy, dx := (o.lat-lat)*111.2, (o.lon-lon)*111.2*cos
		km2 := dx*dx + dy*dy
		v := 0.0
		switch {
		case km2 < 30*30:
			v = 1.5
		case km2 < 100*100:
			v = 1
		case km2 < 250*250:
			v = 0.4
		}
		if o.sentence != m.sentence {
			v /= 2
		}
		if v > bestV {
			bestV, bestName = v, o.name
		}
	}
	return bestV, bestName
}

// doomed reports whether accept will reject m whatever its candidates, so
// that ranking can skip it: the rules of accept that do not look at the
// place.
func (d *doc) doomed(m *match) bool {
	if m.country {
		return false
	}
	single := m.i == m.j
	wc := d.info(m.i).class
	switch {
	case m.acronym && m.head == nil, m.inName && !m.strong && !m.org, m.hyphen, single && wc&wcDemonym != 0:
		return true
	case single && wc&wcStop != 0:
		return (!m.strong || m.nextCap) && !d.authorityAfter(m)
	}
	return false
}

// accept decides whether a resolved match has enough evidence to be a
// place. Stop words and demonyms need a strong cue ("the town of X", "near
// X"); common English words need a cue or the country the text is about;
// a small place needs a cue, its country in context, or a bigger name.
func (d *doc) accept(m *match) bool {
	g := d.g
	if m.best < 0 {
		return false
	}
	e := &g.entities[m.best]
	single := m.i == m.j
	wc := d.info(m.i).class
	w := 0.0
	if e.country >= 0 {
		w = d.ctx.w[e.country]
		if m.ownC == e.country {
			w -= m.ownW // a name is no context for itself
		}
	}
	inCtx := w > 0.01
	dominant := inCtx && d.ctx.w[e.country] >= d.top
	switch {
	case m.pinned, m.fallback:
		return true
	case m.org:
		return false // it voted for its country, but names a unit or a firm
	case e.kind == kindCountry && (d.tok(m.j+1) == "dollar" || d.tok(m.j+1) == "dollars"):
		return false // "the US dollar" is money, not a place
	case len(m.quals) > 0 && d.insideAny(m, m.best):
		return true
	case m.acronym:
		// "(Erode, TN)": a state's abbreviation in brackets after a place
		return e.kind == kindCountry || m.head != nil && e.kind == kindAdmin1
	case e.kind == kindCountry:
		return true
	case m.inName:
		return m.strong
	case m.hyphen:
		return false
	case single && wc&wcDemonym != 0:
		return false // "Syrian" is context, not a place
	case d.textTop >= 3 && d.textWeight(e.country, w) < d.textTop/2 && g.size(e) < 300000 && !(m.strong && w > 0.01) &&
		!(m.cue && (g.features[e.feature] == "PPLA" || g.features[e.feature] == "PPLC")):
		// A small place in a country the text mentions little or not at
		// all, while it is plainly about another: "al-Fouaa" in a story on
		// Syria is not the French village of that name, nor "Baath" the
		// English town because the monitor is "Britain-based". A capital
		// or a province's seat after "in" or "at" stays: the country
		// words of a report on foreign forces ("Turkish forces ... in
		// al-Hasakeh countryside") are about who acts, not where.
		return false
	case d.authorityAfter(m) && e.kind != kindCountry:
		// "Van Governor's Office", "Hakkari Police": the authority of
		// a place is named after it, and acts there.
		return true
	case single && wc&wcStop != 0:
		return m.strong && !m.nextCap
	case m.nextCap && !d.adjacent(m) && e.kind == kindPlace && g.size(e) < 100000:
		return m.strong
	case single && d.common(m.i), m.allCommon:
		return m.strong || m.cue && inCtx || dominant && !d.toks[m.i].SentStart
	case m.skeleton:
		return inCtx || m.strong
	case inCtx || m.strong:
		return true
	case m.head != nil && !m.cue && d.oneCountry(m) >= 0 && (d.hasAdmin(m, kindAdmin1) || d.hasAdmin(m, kindAdmin2)):
		// A unit in brackets after a place, "(Logobou, Tapoa)", whose
		// every namesake lies in one country: the brackets place it.
		m.lone = true
		return true
	case single && m.bestC.posting&index.Primary == 0 && e.kind == kindPlace && g.size(e) < 100000:
		// Only an alternate name, often another language's, of a place
		// abroad: too weak without context.
		return false
	case e.kind == kindAdmin1:
		return true
	case e.kind == kindAdmin2 && single && !m.cue:
		return false // "Carter" (County): a bare word is rarely a district
	case m.cue:
		// With no country in view, as in a short note, a place after "in"
		// or "at" is the best reading there is.
		if g.size(e) >= 15000 || !single && g.size(e) >= 1000 || e.kind != kindPlace {
			return true
		}
		if d.otherTop(m) >= 1 {
			return false
		}
		if g.size(e) >= 1000 && m.bestC.posting&index.Primary != 0 {
			m.lone = true // nothing but its own name vouches for it
			return true
		}
		// A place the gazetteer knows by this name only once in the
		// world: "in Kucove" in a note that names no country.
		m.lone = d.unique(m)
		return m.lone
	case !single:
		return g.size(e) >= 1000 || e.kind != kindPlace
	}
	return g.size(e) >= 20000
}

// seatSize is the population an administrative seat is taken to have at
// least: GeoNames gives many district and sub-district seats a population
// of 0, which says the figure is missing, not that nobody lives there.
var seatSize = map[string]uint32{"PPLC": 100000, "PPLA": 20000, "PPLA2": 5000, "PPLA3": 1000}

// size is e's population for deciding whether a name is worth accepting:
// its own, or its seat's floor when that is larger.
func (g *Gazetteer) size(e *entity) uint32 {
	if f := seatSize[g.features[e.feature]]; f > e.pop {
		return f
	}
	return e.pop
}

// loneDiscount is what a match accepted with no country in view loses
// from its score, so that it ranks below country-confirmed places.
func loneDiscount(m *match) float64 {
	if m.lone {
		return 3
	}
	return 0
}

// otherTop is the largest context weight the text gives a country, less
// the hints and less what m itself added: whether anything but m says
// where the text is.
func (d *doc) otherTop(m *match) float64 {
	top := 0.0
	for _, c := range d.ctx.list {
		w := d.textWeight(c, d.ctx.w[c])
		if c == m.ownC {
			w -= m.ownW
		}
		top = math.Max(top, w)
	}
	return top
}

// farLoose reports whether m reads a place only through another of its
// names (neither the main nor the ASCII name, nor a near spelling of it),
// in a country the text does not otherwise point at, while the text names
// a place, as written, that can only be in another country: "Quriyeh
// desert in Deir-ez-Zor countryside" is not a Chinese city whose local
// name folds alike.
func (d *doc) farLoose(m *match) bool {
	if m.best < 0 || m.pinned || m.fallback || m.country || m.bestC.spelled || m.bestC.posting&index.Primary != 0 {
		return false
	}
	e := &d.g.entities[m.best]
	if e.kind == kindCountry || e.country < 0 || d.g.size(e) >= 1000000 {
		return false
	}
	w := d.ctx.w[e.country]
	if m.ownC == e.country {
		w -= m.ownW
	}
	return w <= 0.01 && !d.closeSpelling(m) && d.placedElsewhere(m, e.country)
}

// closeSpelling reports whether the name as written is at most a letter
// or two from the main name of m's reading ("Idleb" for Idlib,
// "Nabatiye" for Nabatieh), rather than another name altogether.
func (d *doc) closeSpelling(m *match) bool {
	a, b := m.folded, text.Fold(d.g.entities[m.best].name)
	return editDistance(a, b) <= max(2, min(len(a), len(b))/4)
}

// editDistance is the Levenshtein distance between a and b in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// placedElsewhere reports whether the text names, spelled as written, a
// place that can only be in one country other than c: a town or unit whose
// every namesake lies in that country. Demonyms and country names do not
// count: "Russian forces patrolled near Idleb" is still about Syria.
func (d *doc) placedElsewhere(m *match, c int16) bool {
	for _, o := range d.ms {
		if o == m || o.drop || o.country || o.best < 0 || o.ownW <= 0 || o.ownC == c || !o.bestC.spelled && o.bestC.posting&index.Primary == 0 {
			continue
		}
		if o.folded == m.folded {
			continue
		}
		return true
	}
	return false
}

// unique reports whether m's name has one candidate place in the whole
// gazetteer, spelled as written, so that no namesake competes with it.
func (d *doc) unique(m *match) bool {
	if m.skeleton || m.weak || m.allCommon || m.best < 0 {
		return false
	}
	for _, p := range m.postings {
		if e := int32(p >> index.FlagBits); e != m.best && !d.g.inside(m.best, e) {
			return false // a namesake elsewhere, not the unit it is the seat of
		}
	}
	return d.spelledAs(m.best, m.folded)
}

// oneCountry returns the country every candidate of m lies in, or -1
// when they lie in several or none.
func (d *doc) oneCountry(m *match) int16 {
	c := int16(-1)
	for _, p := range m.postings {
		e := &d.g.entities[p>>index.FlagBits]
		switch {
		case e.country < 0:
			return -1
		case c == -1:
			c = e.country
		case e.country != c:
			return -1
		}
	}
	return c
}

// adjacent reports whether another match touches m ("Aleppo-Damascus",
// "Homs Hama"), so that a capitalised or hyphenated neighbour is a place.
func (d *doc) adjacent(m *match) bool {
	for _, o := range d.ms {
		if o != m && (o.i == m.j+1 || o.j == m.i-1) {
			return true
		}
	}
	return false
}

// describe writes an entity for a reason: "Khushām (PPLA3, Deir ez-Zor,
// Syria)".
func (g *Gazetteer) describe(b *strings.Builder, e int32) {
	en := &g.entities[e]
	b.WriteString(en.name)
	b.WriteString(" (")
	b.WriteString(g.features[en.feature])
	if en.admin1 >= 0 && en.admin1 != e {
		b.WriteString(", ")
		b.WriteString(g.entities[en.admin1].name)
	}
	if en.country >= 0 && en.kind != kindCountry {
		b.WriteString(", ")
		b.WriteString(g.countries[en.country].name)
	}
	b.WriteString(")")
}

// output turns the accepted matches into toponyms, adds unknown places
// after strong cues, and returns them in text order; with explain, each
// with its reason.
func (d *doc) output(explain bool) []sitrep.Toponym {
	if cap(d.covered) < len(d.toks) {
		d.covered = make([]bool, len(d.toks))
	}
	covered := d.covered[:len(d.toks)]
	clear(covered)
	for _, m := range d.ms {
		if m.drop && m.relation != relBetween {
			continue
		}
		for k := m.i; k <= m.j; k++ {
			covered[k] = true
		}
	}
	for _, m := range d.extra {
		if m.best < 0 {
			continue
		}
		for k := m.i; k <= m.j; k++ {
			covered[k] = true
		}
	}
	unknown := d.unknowns(covered)
	// The result, sized exactly: toponyms are large.
	n := len(unknown)
	for _, m := range d.ms {
		if !m.drop {
			n++
		}
	}
	for _, m := range d.extra {
		if m.best >= 0 {
			n++
		}
	}
	out := make([]sitrep.Toponym, 0, n)
	for _, m := range d.ms {
		if m.drop {
			continue
		}
		if explain {
			d.explain(m)
		}
		out = append(out, d.toponym(m))
	}
	for _, m := range d.extra {
		if m.best >= 0 {
			if explain {
				d.explain(m)
			}
			out = append(out, d.toponym(m))
		}
	}
	out = append(out, unknown...)
	// Matches come in text order; only the brackets' unknown heads and
	// the unknown names may need sorting in.
	for i := 1; i < len(out); i++ {
		if out[i].Span.Start < out[i-1].Span.Start {
			sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
			break
		}
	}
	return out
}

func (d *doc) toponym(m *match) sitrep.Toponym {
	g := d.g
	en := &g.entities[m.best]
	precision := 1
	kind := ""
	switch en.kind {
	case kindCountry:
		precision, kind = 3, "country"
	case kindAdmin1:
		precision, kind = 3, "admin1"
	case kindAdmin2:
		precision, kind = 3, "admin2"
	}
	if m.fallback && en.kind != kindAdmin1 {
		precision = 2 // somewhere in the district, or near the town
	}
	p := g.place(m.best, precision)
	if en.kind == kindPlace && !m.fallback {
		switch m.relation {
		case relNear, relOffset, relBetween, relCountryside:
			p.Precision = 2
		}
	}
	if (m.relation == relOffset || m.relation == relCountryside && en.kind == kindPlace) && m.offsetKm > 0 {
		p.Latitude, p.Longitude = offset(p.Latitude, p.Longitude, m.offsetKm, m.bearing)
		p.Latitude, p.Longitude = round5(p.Latitude), round5(p.Longitude)
		if p.Precision < 2 {
			p.Precision = 2
		}
	}
	name := d.s[d.toks[m.i].Start:d.toks[m.j].End]
	if m.relation == relBetween && m.other != nil && m.other.best >= 0 {
		o := g.place(m.other.best, 2)
		p.Latitude = round5((p.Latitude + o.Latitude) / 2)
		p.Longitude = round5((p.Longitude + o.Longitude) / 2)
		p.Precision = 2
		name = d.s[d.toks[m.i].Start:d.toks[m.other.j].End]
	}
	return sitrep.Toponym{
		Fallback: m.fallback,
		Span:     sitrep.Span{Start: d.toks[m.relStart].Start, End: d.toks[m.relEnd].End},
		Name:     name,
		Place:    p,
		Kind:     kind,
		Relation: m.relation,
		Score:    math.Round((m.score-loneDiscount(m))*100) / 100,
		Reason:   m.reason,
	}
}

// unknowns returns capitalised names after "the village of", "the town
// of" and the like that the gazetteer does not know.
func (d *doc) unknowns(covered []bool) []sitrep.Toponym {
	var out []sitrep.Toponym
	next := 0 // the first token not yet in a name
	for _, k32 := range d.ofAt {
		k := int(k32)
		if k < next || k+2 >= len(d.toks) || !d.is(k, wcPlaceNoun) {
			continue
		}
		i := k + 2
		if covered[i] || !d.toks[i].Cap || d.toks[i].Break || d.is(i, wcStop) || d.toks[i].Num {
			continue
		}
		j := i
		for j+1 < len(d.toks) && j+1-i < maxWords && !covered[j+1] && d.innerOK(j+1) && !d.is(j+1, wcCalendar) {
			j++
		}
		for j > i && !d.endOK(j) {
			j--
		}
		out = append(out, sitrep.Toponym{
			Span:   sitrep.Span{Start: d.toks[i].Start, End: d.toks[j].End},
			Name:   d.s[d.toks[i].Start:d.toks[j].End],
			Reason: fmt.Sprintf("after %q but not in the gazetteer", d.toks[k].Fold+" of"),
		})
		next = j + 1
	}
	return out
}

// calendarWords end an unknown name: "the village of X on Tuesday".
var calendarWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "may": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true,
}

// distanceKm is the great-circle distance between two points.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// offset moves a point km kilometres along bearing (degrees from north).
func offset(lat, lon, km, bearing float64) (float64, float64) {
	const r = 6371.0
	d := km / r
	b := bearing * math.Pi / 180
	p1, l1 := lat*math.Pi/180, lon*math.Pi/180
	p2 := math.Asin(math.Sin(p1)*math.Cos(d) + math.Cos(p1)*math.Sin(d)*math.Cos(b))
	l2 := l1 + math.Atan2(math.Sin(b)*math.Sin(d)*math.Cos(p1), math.Cos(d)-math.Sin(p1)*math.Sin(p2))
	return p2 * 180 / math.Pi, math.Mod(l2*180/math.Pi+540, 360) - 180
}
