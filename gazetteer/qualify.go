package gazetteer

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/gazetteer/internal/index"
)

// Reporting places a small place by the units around it: "Bese (Djugu,
// Ituri)", "Tal Abyad (Raqqa)", "Kibanda village (Idjwi, South Kivu)".
// ACLED writes every note this way and much news does too. The bracketed
// names are read together: a district that lies in the province named
// after it is far likelier than two unrelated namesakes, and the place
// before the brackets is then looked for inside them. When the place is
// not in the gazetteer, or none of its namesakes lies there, the event
// still has the unit: the district's centre with precision 2, the
// province's with precision 3.

// maxQualifiers is the most names read inside one pair of brackets.
const maxQualifiers = 3

// maxChainCands bounds the candidates tried per bracketed name.
const maxChainCands = 400

// unitWords may follow a unit's name inside brackets: "(Rafi LGA, Niger)",
// "(Rajouri district, J&K)".
var unitWords = map[string]bool{
	"district": true, "province": true, "governorate": true, "state": true,
	"region": true, "county": true, "lga": true, "upazila": true, "tehsil": true,
	"department": true, "municipality": true, "prefecture": true, "division": true,
	"territory": true, "commune": true, "subdistrict": true, "sub": true,
	"city": true, "town": true, "area": true, "zone": true, "woreda": true,
	"circle": true, "block": true, "mandal": true, "taluk": true, "sector": true,
	"center": true, "centre": true,
}

// partNouns name a part of a place: "the Soba area of Khartoum", "the
// Mabasele district of Oicha". Unlike "the town of X", the name before
// them is the part and the name after "of" the whole.
var partNouns = map[string]bool{
	"area": true, "district": true, "neighbourhood": true, "neighborhood": true,
	"suburb": true, "sector": true,
}

// listWords go on a list of names: after "X, A and" A is one of a list
// ("Aleppo, Idlib and Hama"), not the unit that locates X, whereas "in X,
// A on Monday" reads A as X's unit.
var listWords = map[string]bool{"and": true, "or": true, "&": true, "as": true, "nor": true}

// gap returns the text between tokens k and k+1, or after the last.
func (d *doc) gap(k int) string {
	switch {
	case k < 0 || k >= len(d.toks):
		return ""
	case k+1 == len(d.toks):
		return d.s[d.toks[k].End:] // after the last token
	}
	return d.s[d.toks[k].End:d.toks[k+1].Start]
}

// qualifiers finds "X (A, B)", "X, A" and "X in A" and resolves the
// names after X together. Brackets are how ACLED and many outlets locate
// a place; a comma or "in" is weaker, as lists and sentences use them too,
// so there the names count only when X has a namesake inside them or X is
// unknown and they name a unit.
func (d *doc) qualifiers() {
	if len(d.ms) == 0 {
		return
	}
	next := 0 // the first token not yet read as a bracket's content
	for _, k32 := range d.qualAt {
		k := int(k32)
		if k < next {
			continue
		}
		form := d.qualifierForm(k)
		if form == 0 {
			continue
		}
		if !d.toks[k].Cap && !d.is(k, wcUnitWord|wcPlaceNoun) {
			continue
		}
		items, n, ok := d.qualifierItems(k, form)
		if !ok || len(items) == 0 {
			continue
		}
		if form == 'o' && !d.is(k, wcPartNoun) && !d.is(items[len(items)-1].j+1, wcUnitWord) {
			// "X village of Y district", but not "X town of Y", where Y
			// may be a group or a person
			continue
		}
		head := d.matchEnding(k)
		// "Erode city (Erode, TN)", "Kadikoy town center, Istanbul": the
		// name before one or two place nouns.
		for back := k; head == nil && back > 0 && k-back < 2 && d.is(back, wcUnitWord|wcPlaceNoun) && !d.toks[back].Break; back-- {
			head = d.matchEnding(back - 1)
		}
		if head == nil {
			head = d.unknownHead(k)
			if head != nil && form != '(' && !d.cued(head.i) {
				head = nil // "Sunday, Aleppo": only "in X, A" for an unknown X
			}
		}
		if head == nil || head.country || head.head != nil && form != '(' {
			continue
		}
		head.part = form == 'o'
		// a part of a whole is read like brackets; "X village of Y
		// district" like a comma, needing X inside Y or Y a unit
		d.chain(head, items, form == '(' || form == 'o' && d.is(k, wcPartNoun))
		// "X, A" with nothing but the comma between: weaker than
		// "X district, A" or "X (A)".
		head.commaUnits = form == ',' && head.j == k
		if form == '(' {
			next = n + 1
		}
	}
}

// qualifierForm returns which form of qualifier may follow token k: '('
// for brackets, ',' for a comma, 'i' for "in", 'o' for "area of" or
// "village of", or 0. It is 0 wherever scan did not record k in qualAt.
func (d *doc) qualifierForm(k int) byte {
	g := d.gap(k)
	open, stop, blank, comma := gapShape(g)
	switch {
	case open && !stop:
		return '('
	case comma:
		return ','
	case d.toks[k+1].Fold == "in" && !d.toks[k+1].Break && blank && k+2 < len(d.toks) && !d.toks[k+2].Break:
		return 'i'
	case d.toks[k+1].Fold == "of" && d.is(k, wcPartNoun|wcPlaceNoun) && k > 0 && d.toks[k-1].Cap &&
		blank && k+2 < len(d.toks) && !d.toks[k+1].Break && !d.toks[k+2].Break:
		// "the Soba area of Khartoum": Soba lies in Khartoum; "Zorblin
		// village of Imam Sahib district": Zorblin lies in the district
		return 'o'
	}
	return 0
}

// gapShape reads the text between two tokens: whether it holds "(",
// whether it holds one of ").,;", whether it is blank (strings.TrimSpace
// leaves nothing) and whether it is a comma and blanks (TrimSpace leaves
// ","). Gaps are a byte or two, read in one pass; one with a byte that is
// not ASCII is left to the strings package, whose idea of a space is
// Unicode's.
func gapShape(g string) (open, stop, blank, comma bool) {
	commas, other := 0, false
	for i := 0; i < len(g); i++ {
		switch g[i] {
		case '\t', '\n', '\v', '\f', '\r', ' ':
		case '(':
			open, other = true, true
		case ',':
			stop = true
			commas++
		case ')', '.', ';':
			stop, other = true, true
		default:
			if g[i] >= utf8.RuneSelf {
				t := strings.TrimSpace(g)
				return strings.Contains(g, "("), strings.ContainsAny(g, ").,;"), t == "", t == ","
			}
			other = true
		}
	}
	return open, stop, commas == 0 && !other, commas == 1 && !other
}

// qualifierItems reads the names after token k: up to the closing bracket
// for form '(', the names that end a clause for ',', the one name after
// "in" for 'i'. It returns them, the last token read and whether the form
// was complete.
func (d *doc) qualifierItems(k int, form byte) ([]*match, int, bool) {
	var items []*match
	n := k + 1
	if form == 'i' || form == 'o' {
		n = k + 2
	}
	for start := n; n < len(d.toks) && n-start < 3*maxWords; n++ {
		if n > start && strings.ContainsAny(d.gap(n-1), "(.;:") {
			return items, n, false
		}
		if n > start && strings.Contains(d.gap(n-1), ",") {
			if form == 'i' || form == 'o' {
				return items, n, false
			}
			start = n
		}
		q := d.matchAt(n)
		if n == start && len(items) < maxQualifiers {
			if q == nil && form != '(' {
				return items, n, false // "X, a town" is no qualifier
			}
			if q != nil {
				items = append(items, q)
				n = q.j
			}
		}
		if form == '(' {
			if strings.Contains(d.gap(n), ")") {
				return items, n, true
			}
			continue
		}
		// ',' and 'i': the name, perhaps a unit word, then the clause ends.
		end := n
		if d.is(end+1, wcUnitWord) {
			end++
		}
		g := d.gap(end)
		if end+1 >= len(d.toks) || strings.ContainsAny(g, ".;:()") || d.toks[end+1].SentStart {
			return items, end, true
		}
		if strings.Contains(g, ",") && form == ',' && len(items) < maxQualifiers && d.matchAt(end+1) != nil {
			n = end
			continue
		}
		return items, end, strings.Contains(g, ",") || !d.toks[end+1].Cap && (form == 'i' || form == 'o' || !listWords[d.tok(end+1)])
	}
	return items, n, false
}

// matchAt returns the match that starts at token i, or nil. Matches are
// in text order and do not overlap.
func (d *doc) matchAt(i int) *match {
	n := sort.Search(len(d.ms), func(x int) bool { return d.ms[x].i >= i })
	if n < len(d.ms) && d.ms[n].i == i {
		return d.ms[n]
	}
	return nil
}

// matchEnding returns the match whose last token is j, or nil.
func (d *doc) matchEnding(j int) *match {
	n := sort.Search(len(d.ms), func(x int) bool { return d.ms[x].j >= j })
	if n < len(d.ms) && d.ms[n].j == j {
		return d.ms[n]
	}
	return nil
}

// cued reports whether token i follows a locative word ("in", "near",
// "at", "of").
func (d *doc) cued(i int) bool {
	k := i - 1
	for k >= 0 && d.is(k, wcSkippable) && k > i-4 {
		k--
	}
	return k >= 0 && d.is(k, wcCue) && !d.toks[i].Break
}

// unknownHead returns a match without candidates for the capitalised
// words that end at token k, or nil when they are not a name.
func (d *doc) unknownHead(k int) *match {
	// "Bhannara town (...)", "Mankote sector area (...)": the name before
	// the place nouns.
	for n := 0; n < 2 && k > 0 && !d.toks[k].Break && d.is(k, wcUnitWord|wcPlaceNoun); n++ {
		k--
	}
	if !d.toks[k].Cap || d.toks[k].Num {
		return nil
	}
	if d.toks[k].Num || d.is(k, wcStop) && !d.toks[k].Joined || d.is(k, wcOrg) {
		return nil
	}
	i := k
	for i > 0 && k-i+1 < maxWords && !d.toks[i].Break && d.innerOK(i-1) && !d.toks[i-1].Num && (d.toks[i-1].Cap || d.toks[i].Joined) {
		i--
	}
	if d.toks[i].SentStart && i == k {
		return nil
	}
	return &match{i: i, j: k, relStart: i, relEnd: k, best: -1, sentence: d.sent[i], unknown: true}
}

// inside reports whether entity a lies in entity b: in its unit, or in the
// same smallest unit as the place b.
func (g *Gazetteer) inside(a, b int32) bool {
	if a == b {
		return false
	}
	ea, eb := &g.entities[a], &g.entities[b]
	switch eb.kind {
	case kindCountry:
		return ea.country == eb.country
	case kindAdmin1:
		return ea.admin1 == b
	case kindAdmin2:
		return ea.admin2 == b
	}
	if eb.admin2 >= 0 {
		return ea.admin2 == eb.admin2
	}
	return eb.admin1 >= 0 && ea.admin1 == eb.admin1
}

// calledAs returns what token k calls the name before it: kindPlace for
// "city" or "town" ("in Afrin city"), kindAdmin2 for a unit word ("Afrin
// district"), -1 for anything else.
func (d *doc) calledAs(k int) int {
	if k >= len(d.toks) || d.toks[k].Break {
		return -1
	}
	switch d.tok(k) {
	case "city", "town":
		return int(kindPlace)
	case "district", "province", "governorate", "county", "region", "state", "subdistrict":
		return int(kindAdmin2)
	}
	return -1
}

// chainPrior is how likely an entity is as a bracketed name: units first,
// but towns first for the whole that a part names ("the Soba area of
// Khartoum" is in the city) and for a name the text calls a town ("in
// Afrin city").
func chainPrior(e *entity, last, part bool) float64 {
	s := 0.15 * float64(e.popScore)
	if part && e.kind == kindPlace {
		s += 1.5
	}
	switch e.kind {
	case kindAdmin1:
		s += 1.2
		if last {
			s += 0.5
		}
	case kindAdmin2:
		s += 1.2
	case kindCountry:
		s += 0.5
	default:
		s += 0.6
	}
	return s
}

// chain chooses one entity per bracketed name so that each lies in the
// next and the head has a namesake inside them, and records the choice.
// It is a small dynamic programme from the last name back: the best
// reading of each name given the best reading of the names after it.
func (d *doc) chain(head *match, items []*match, brackets bool) {
	g := d.g
	cands := make([][]int32, len(items))
	for n, q := range items {
		if q.folded == "" {
			q.folded = d.fold(q.i, q.j)
		}
		// A town whose own name is written here ("Caracas") is what the
		// name says; a town that only an alternate or transliterated name
		// of another reaches ("Bahía de Caráquez") does not get to
		// confirm the chain beside it.
		exact := false
		for _, p := range q.postings {
			if p&index.Primary != 0 && d.spelledAs(int32(p>>index.FlagBits), q.folded) {
				exact = true
				break
			}
		}
		for _, p := range q.postings {
			if len(cands[n]) == maxChainCands {
				break
			}
			e := int32(p >> index.FlagBits)
			if exact && g.entities[e].kind == kindPlace && p&index.Primary == 0 && !d.spelledAs(e, q.folded) {
				continue
			}
			cands[n] = append(cands[n], e)
		}
		if len(cands[n]) == 0 {
			return
		}
	}
	var headC []int32
	for _, p := range head.postings {
		if e := int32(p >> index.FlagBits); g.entities[e].kind != kindCountry {
			headC = append(headC, e)
		}
	}
	type step struct {
		s     float64
		next  int // index into the next item's candidates, -1 at the end
		links int
	}
	steps := make([][]step, len(items))
	for n := len(items) - 1; n >= 0; n-- {
		steps[n] = make([]step, len(cands[n]))
		for ci, c := range cands[n] {
			calls := d.calledAs(items[n].j + 1)
			st := step{s: chainPrior(&g.entities[c], n == len(items)-1, calls == int(kindPlace) || head.part && calls < 0), next: -1}
			for _, h := range headC {
				if g.inside(h, c) {
					st.s += 4
					st.links++
					break
				}
			}
			if n+1 < len(items) {
				bs, bi, bl := -1e9, -1, 0
				for ni, nc := range cands[n+1] {
					v, l := steps[n+1][ni].s, steps[n+1][ni].links
					if g.inside(c, nc) {
						v += 5
						l++
					}
					if v > bs {
						bs, bi, bl = v, ni, l
					}
				}
				st.s += bs
				st.next = bi
				st.links += bl
			}
			steps[n][ci] = st
		}
	}
	bi := 0
	for ci := range steps[0] {
		if steps[0][ci].s > steps[0][bi].s {
			bi = ci
		}
	}
	confirmed := steps[0][bi].links > 0
	best := make([]int32, len(items))
	for n, ci := 0, bi; n < len(items); n++ {
		best[n] = cands[n][ci]
		ci = steps[n][ci].next
	}
	if !brackets && !confirmed {
		// After a comma or "in", names that do not nest are a list or a
		// sentence, unless they name a unit: then they may still place
		// an unknown name, or overrule a namesake abroad (placeAtUnits).
		if g.entities[best[0]].kind == kindPlace {
			return
		}
	}
	head.quals, head.inside, head.confirmed = items, best, confirmed
	for n, q := range items {
		q.head = head
		if confirmed {
			q.forced, q.pinned = best[n], true
		}
	}
	if head.unknown {
		d.extra = append(d.extra, head)
	}
}

// units returns the entities m's brackets name: the confirmed chain, or
// else what each bracketed name resolved to on its own.
func (d *doc) units(m *match) []int32 {
	if m.confirmed || len(m.quals) == 0 {
		return m.inside
	}
	// Unconfirmed: what each name resolved to, or the unit the chain
	// preferred for it in the same country ("Al Hudaydah" the province
	// rather than the city).
	var out []int32
	for n, q := range m.quals {
		if q.best >= 0 && !q.drop {
			u := q.best
			if c := m.inside[n]; d.g.entities[c].country == d.g.entities[u].country && d.g.entities[c].kind != kindPlace {
				u = c
			}
			out = append(out, u)
		}
	}
	return out
}

// insideAny reports whether e lies in one of the units m's brackets name.
//
// A unit the brackets name beside one of its own kind is not in them:
// "Oicha (Beni, North Kivu)" puts Oicha in the territory of Beni, so the
// territory called Oicha is not the place meant.
func (d *doc) insideAny(m *match, e int32) bool {
	units := d.units(m)
	if k := d.g.entities[e].kind; k == kindAdmin1 || k == kindAdmin2 {
		for _, u := range units {
			if u != e && d.g.entities[u].kind == k {
				return false
			}
		}
	}
	for _, u := range units {
		if d.g.inside(e, u) {
			return true
		}
	}
	return false
}

// outsideDistrictKm is how far a town may lie from the centre of the
// district its brackets name, outside that district, before the district
// is the better guess.
const outsideDistrictKm = 40

// outsideDistrict reports a town that lies in the province of "X
// (District, Province)" but in another district, far from the one named:
// a namesake, or another place the gazetteer reaches by an alternate name,
// rather than X.
func (d *doc) outsideDistrict(m *match, e int32) bool {
	units := d.units(m)
	if len(units) < 2 || d.g.entities[e].kind != kindPlace || d.g.entities[units[0]].kind != kindAdmin2 || d.g.inside(e, units[0]) {
		return false
	}
	a, b := &d.g.entities[e], &d.g.entities[units[0]]
	return distanceKm(float64(a.lat), float64(a.lon), float64(b.lat), float64(b.lon)) > outsideDistrictKm
}

// placeAtUnits places a head that has no namesake inside its brackets at
// the smallest unit they name.
func (d *doc) placeAtUnits(m *match) {
	if len(m.quals) == 0 || m.best >= 0 && !m.drop && d.insideAny(m, m.best) && !d.outsideDistrict(m, m.best) {
		return
	}
	if m.drop && m.commaUnits && !m.cue {
		// A name that did not read as a place on its own, before a
		// comma that nothing marks as a place ("the Employees' Union,
		// Punjab"): a list or a body's name, not a place the units
		// locate. Brackets, "X in A", "X district, A" and a cue ("in X,
		// A") still do.
		return
	}
	units := d.units(m)
	if m.best >= 0 && !m.drop && !m.confirmed {
		// Unconfirmed brackets overrule a name when they put it in
		// another country, or in a unit of its country far from the
		// namesake chosen: "Pisky, Donetsk" when the gazetteer knows
		// only the Pisky of another province.
		if d.lowerUnitAsProvince(m) {
			return
		}
		c := d.g.entities[m.best].country
		for _, u := range units {
			if !m.part && d.g.entities[u].country == c && (d.g.entities[u].kind == kindPlace || !d.far(m.best, u)) {
				return
			}
		}
	}
	for _, u := range units {
		if d.g.entities[u].kind != kindCountry {
			m.best, m.fallback, m.drop = u, true, false
			m.score = 0
			for _, q := range m.quals {
				m.lone = m.lone || q.lone // only the brackets' own namesakes place it
			}
			return
		}
	}
}

// lowerUnitWords follow the name of a unit below a province: "Libertador
// municipality", "Rafi LGA". "District" and "county" are not among them:
// some countries' provinces are called so.
var lowerUnitWords = map[string]bool{
	"municipality": true, "lga": true, "upazila": true, "tehsil": true, "raion": true,
	"commune": true, "subdistrict": true, "mandal": true, "taluk": true, "woreda": true,
}

// lowerUnitAsProvince reports whether one of m's unconfirmed qualifiers
// resolved to a province although the text calls it a lower unit ("X,
// Y municipality" read as the province Y): the province is
// another unit of that name, and says nothing of where X is.
func (d *doc) lowerUnitAsProvince(m *match) bool {
	for _, q := range m.quals {
		if q.best >= 0 && !q.drop && d.g.entities[q.best].kind == kindAdmin1 && lowerUnitWords[d.tok(q.j+1)] {
			return true
		}
	}
	return false
}

// farFromUnitKm is how far a namesake may lie from the centre of a unit
// of its country named after it before the unit is the better guess: a
// place near a border may sit in the neighbouring unit in GeoNames.
const farFromUnitKm = 150

// far reports whether place e lies far from unit u's centre.
func (d *doc) far(e, u int32) bool {
	a, b := &d.g.entities[e], &d.g.entities[u]
	if b.kind != kindAdmin1 && b.kind != kindAdmin2 {
		return false
	}
	return distanceKm(float64(a.lat), float64(a.lon), float64(b.lat), float64(b.lon)) > farFromUnitKm
}
