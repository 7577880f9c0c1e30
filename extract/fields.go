package extract

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// choosePlace picks the event's place: the most specific place named where
// the event is told, never the dateline. A place with its units in brackets
// ("X (Beni, North Kivu)") is favoured; a place that only locates another
// ("X district west of Y"), names where people come from ("fighters from
// Y"), is a part of the next one ("Y neighbourhood of X") or is a doubtful
// reading beside well-attested ones is not.
func (a *analysis) choosePlace(d *eventDraft, main bool) (sitrep.Place, sitrep.Span, bool) {
	if len(a.toponyms) == 0 {
		return sitrep.Place{}, sitrep.Span{}, false
	}
	sents := make([]int, 0, len(d.sents))
	for si := range d.sents {
		if si >= 0 && si < len(a.sents) {
			sents = append(sents, si)
		}
	}
	sort.Ints(sents)
	trigSent := map[int]bool{}
	for _, si := range sents {
		for _, hi := range a.sentHits.of(si) {
			if h := a.hits[hi]; d.sents[h.sent] && group(lex.triggers[h.trig].Type) == group(d.typ) || (d.typ == "#violence" || d.typ == "#takeover") && group(lex.triggers[h.trig].Type) == "violence" {
				trigSent[h.sent] = true
			}
		}
	}
	// a place by its gazetteer number, or by its names when it has none
	type placeKey struct {
		id    int
		names string
	}
	mentions := map[placeKey]int{}
	key := func(p sitrep.Place) placeKey {
		if p.GeonameID != 0 {
			return placeKey{id: p.GeonameID}
		}
		return placeKey{names: strings.ToLower(p.Location + "|" + p.Admin1 + "|" + p.Country)}
	}
	var cands []int
	var inDraft []int // the toponyms of the draft's sentences, in order
	for _, si := range sents {
		inDraft = append(inDraft, a.sentToponyms.of(si)...)
	}
	for _, i := range inDraft {
		t := a.toponyms[i]
		if !t.Place.Known() || !t.Span.Valid() {
			continue
		}
		si := a.sentAt(t.Span.Start)
		if si < 0 || !d.sents[si] || a.notAPlace(t) || a.inDateline(t.Span) {
			// where the story was filed is no evidence of where the
			// event was: a last resort (see datelinePlace)
			continue
		}
		mentions[key(t.Place)]++
		cands = append(cands, i)
	}
	ends := map[int]bool{}  // token index just after each candidate
	named := map[int]bool{} // the same, for towns and districts placed by their own name
	local := map[int]bool{} // the same, for towns and districts
	for _, i := range cands {
		if k := a.tokenAt(a.toponyms[i].Span.End); k >= 0 {
			ends[k] = true
			if kind := a.toponyms[i].Kind; kind == "" || kind == "admin2" {
				local[k] = true
			}
			if t := a.toponyms[i]; t.Score > 0 && t.Kind != "admin1" && t.Kind != "country" {
				named[k] = true
			}
		}
	}
	// the first place the anchor sentence names, other than where people
	// came from
	firstInAnchor := -1
	for _, i := range cands {
		if a.sentAt(a.toponyms[i].Span.Start) == d.anchor.sent && (firstInAnchor < 0 || a.toponyms[i].Span.Start < a.toponyms[firstInAnchor].Span.Start) && !a.origin(a.toponyms[i]) {
			firstInAnchor = i
		}
	}
	// the provinces where a lead sentence that tells the event names
	// places: the event is there, and a place in another province named
	// in another sentence tells another incident or an aside
	anchorAdmin1 := map[string]bool{}
	if si := d.anchor.sent; si >= 0 && si < len(a.weight) && a.weight[si] >= 0.8 {
		for _, i := range cands {
			if t := a.toponyms[i]; a.sentAt(t.Span.Start) == si && t.Place.Admin1 != "" && !a.inDateline(t.Span) {
				anchorAdmin1[t.Place.ISO3+"|"+t.Place.Admin1] = true
			}
		}
	}
	// the gazetteer's best certainty among the candidates below a country:
	// a country's name is certain in any text, and a town is no less a
	// place for being named beside one
	top := 0.0
	for _, i := range cands {
		if t := a.toponyms[i]; t.Kind != "country" {
			top = max(top, t.Score)
		}
	}
	best, bs := -1, -1e9
	for _, i := range cands {
		t := a.toponyms[i]
		si := a.sentAt(t.Span.Start)
		s := 0.0
		switch {
		case t.Kind == "" || t.Fallback:
			// a town, or a place the gazetteer does not know placed at
			// the unit around it: the place the text names
			s = 30
		case t.Kind == "admin2" && a.bracketed(t):
			// "the Dunmore (Lakeshire) and Ostby (Ostby, Westmarch)
			// fronts": a district named with its units in brackets is
			// told as the place itself, as a town named so is
			s = 30
		case t.Kind == "admin2":
			s = 20
		case t.Kind == "admin1":
			s = 10
		}
		// "X (Admin2, Admin1)", "Y district, Herat": the names after a place
		// say where it is, they are not the event's place
		if k := a.tokenAt(t.Span.Start); k > 0 {
			p := a.toks[k-1].key
			if p == "(" && local[k-1] {
				// "X district (Y)", "X (Y)" after a town or district:
				// Y says where X is, or is another name of it, and
				// whether either reads as a town says nothing of which
				// the event is at
				s -= 14
			} else if p == "(" || p == "," && ends[k-1] {
				s -= 8
			} else if k > 1 && p == "," && a.toks[k-2].key == ")" {
				s -= 8
			}
		}
		if i == firstInAnchor {
			s += 3
		}
		if a.bracketed(t) {
			s += 3 // "X (Beni, North Kivu)": the place as ACLED notes name it
		}
		describes := a.describesPrevious(t, named)
		if t.Score > 0 && t.Score < 0.4*top {
			s -= 10 // a doubtful reading beside well-attested places
		}
		if a.origin(t) {
			s -= 20
		}
		if a.acrossBorder(t) {
			s -= 12 // "near the border with Chad": the other side
		}
		if a.namesFacility(t) {
			s -= 6
		}
		if a.partOfNext(t) {
			s -= 12
		}
		if a.speaker(t) || a.seat(t) {
			// "Paris condemned the raid", "Damascus's ally", "the White
			// House said": a government speaking or dealing, ranked with
			// a country, below any town
			s -= 30
		}
		if describes {
			// "X district west of Y", "X city in the countryside of Y":
			// Y only says where X is
			s -= 8
		}
		switch t.Relation {
		case "near", "outskirts", "offset", "countryside":
			if !describes {
				s += 2 // "near X", "8 km east of X": phrased as the event's place
			}
		}
		if len(anchorAdmin1) > 0 && si != d.anchor.sent && t.Place.ISO3 != "" && !anchorAdmin1[t.Place.ISO3+"|"+t.Place.Admin1] {
			s -= 15
		}
		if trigSent[si] {
			s += 5
		}
		if si == d.anchor.sent {
			s += 3
		}
		if a.weight[si] >= 0.8 {
			s += 2
		}
		if t.Kind != "country" {
			// a place told again and again is the story's; a country is
			// named throughout any report on it, and says where only
			// when nothing in it is named
			s += 2 * float64(mentions[key(t.Place)]-1)
		}
		s += 0.1 * t.Score

		if a.inAttribution(t.Span, si) && a.attrib[si].first > a.firstHit(si) {
			// "..., police in Amritsar said": where the source that
			// closes the report is, a last resort as the dateline is
			// ("activists in Marbury said aircraft bombed its market"
			// opens on the people where it happened)
			s -= 25
		}
		if c, ok := placeCountry(t.Place); ok && a.iso3 != "" && c != a.iso3 {
			// a place outside the country the story is about
			if a.countryCount[c] <= 1 {
				s -= 15
			} else {
				s -= 5
			}
		}
		s -= float64(t.Span.Start) / float64(len(a.text)+1)
		if s > bs {
			best, bs = i, s
		}
	}
	if best < 0 {
		return sitrep.Place{}, sitrep.Span{}, false
	}
	t := a.toponyms[best]
	p := t.Place
	if t.Fallback {
		p.Named = t.Name // the unit stands in for the place the text names
	}
	return p, t.Span, true
}

// firstHit returns the first token of the first trigger of sentence si,
// or the sentence's end when it has none.
func (a *analysis) firstHit(si int) int {
	first := a.sents[si].last
	for _, hi := range a.sentHits.of(si) {
		first = min(first, a.hits[hi].first)
	}
	return first
}

// acrossBorder reports a place named as the far side of a border: "near
// the border with Chad", "the frontier with Iraq".
func (a *analysis) acrossBorder(t sitrep.Toponym) bool {
	k := a.tokenAt(t.Span.Start)
	if k < 2 {
		return false
	}
	p, w := a.toks[k-2].key, a.toks[k-1].key
	return (p == "border" || p == "borders" || p == "frontier") && w == "with"
}

// inAttribution reports a span within the phrase sentence si attributes
// its figures to: "police in Amritsar said".
func (a *analysis) inAttribution(sp sitrep.Span, si int) bool {
	if si < 0 || si >= len(a.attrib) {
		return false
	}
	at := a.attrib[si]
	if at.last <= at.first {
		return false
	}
	return sp.Start >= a.toks[at.first].start && sp.End <= a.toks[at.last-1].end
}

// bracketed reports a toponym followed by the units that say where it
// is, in brackets: "X (Beni, North Kivu)".
func (a *analysis) bracketed(t sitrep.Toponym) bool {
	k := a.tokenAt(t.Span.End)
	if k < 0 || k+1 >= len(a.toks) || a.toks[k].key != "(" {
		return false
	}
	next := a.toks[k+1].start
	for _, o := range a.toponyms {
		if o.Span.Start == next && o.Place.Known() && o.Kind != "" {
			return true
		}
	}
	return false
}

// describesPrevious reports a toponym that only locates the place named
// just before it: "Y" in "X district west of Y" or in "X city in the
// northern countryside of Y". ends holds the token after each such place.
// "X near Y" and "X neighbourhood of Y" are not such phrases: there Y is
// the place people can find.
func (a *analysis) describesPrevious(t sitrep.Toponym, ends map[int]bool) bool {
	k := a.tokenAt(t.Span.Start)
	direction := false
	// the gazetteer includes "west of" in a relative place's span
	for i := k; i < len(a.toks) && a.toks[i].start < t.Span.End; i++ {
		direction = direction || directionWords[a.toks[i].key]
	}
	for j, n := k-1, 0; j >= 0 && n < 7; j, n = j-1, n+1 {
		if ends[j+1] {
			return direction
		}
		if !locatingWords[a.toks[j].key] {
			return false
		}
		direction = direction || directionWords[a.toks[j].key]
	}
	return false
}

// directionWords say where a place lies in a bigger one.
var directionWords = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true,
	"western": true, "north-eastern": true, "north-western": true, "south-eastern": true, "south-western": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true, "countryside": true,
	"northeast": true, "northwest": true, "southeast": true, "southwest": true,
}

// origin reports a place told as where people come from ("fighters from
// X", "reinforcements from X"), not where the event took place, or listed
// with such a place ("reinforcements from X governorate and Y").
func (a *analysis) origin(t sitrep.Toponym) bool {
	return a.originAt(a.tokenAt(t.Span.Start), 3)
}

// originAt reports whether the place starting at token k is told as an
// origin; depth bounds how many listed places before it are looked at.
func (a *analysis) originAt(k, depth int) bool {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		switch a.toks[j].key {
		case "from":
			return true
		case "the", "town", "city", "village", "of", "area", "district", "province", "governorate":
			continue
		case "and", ",":
			// "from X and Y", "from X, Y": Y is listed with X
			if depth == 0 || j == 0 {
				return false
			}
			si := a.tokSent(j)
			for _, oi := range a.sentToponyms.of(si) {
				o := a.toponyms[oi]
				if e := a.tokenAt(o.Span.End); e >= j-3 && e <= j && o.Span.End <= a.toks[j].start {
					if s := a.tokenAt(o.Span.Start); s >= 0 && a.listedBetween(e, j) {
						return a.originAt(s, depth-1)
					}
				}
			}
			return false
		}
		return false
	}
	return false
}

// listedBetween reports whether only unit words ("governorate",
// "district") stand from token e up to the list word at token j.
func (a *analysis) listedBetween(e, j int) bool {
	for i := e; i < j; i++ {
		switch a.toks[i].key {
		case "town", "city", "village", "area", "district", "province", "governorate", "region", "state", "county":
		default:
			return false
		}
	}
	return true
}

// namesFacility reports a toponym that is the first part of a facility's
// name ("near the Uskhod metro station", "in the Santa Anita prison"):
// a town of that name may lie anywhere, and the place of the facility is
// the town or district the text names with it.
func (a *analysis) namesFacility(t sitrep.Toponym) bool {
	k := a.tokenAt(t.Span.End)
	return k >= 0 && k < len(a.toks) && a.toks[k].start == t.Span.End+1 && lex.facility[a.toks[k].key]
}

// partNouns name a part of a place: "X neighbourhood of Y", "X suburb, Y".
var partNouns = map[string]bool{
	"neighborhood": true, "neighbourhood": true, "locality": true, "suburb": true, "area": true, "quarter": true, "sector": true,
}

// partOfNext reports a toponym that names a part of the place after it
// ("X neighbourhood of Y", "X suburb, Y city"): Y is the place people can
// find.
func (a *analysis) partOfNext(t sitrep.Toponym) bool {
	k := a.tokenAt(t.Span.End)
	if k < 0 || k+2 >= len(a.toks) || !partNouns[a.toks[k].key] {
		return false
	}
	if p := a.toks[k+1].key; p != "of" && p != "," {
		return false
	}
	next := a.toks[k+2]
	if a.toks[k+2].key == "the" && k+3 < len(a.toks) {
		next = a.toks[k+3]
	}
	for _, o := range a.toponyms {
		if o.Span.Start == next.start && o.Place.Known() && o.Kind != "country" {
			return true
		}
	}
	return false
}

// locatingWords may stand between a place and a bigger place that locates it.
var locatingWords = map[string]bool{
	"in": true, "of": true, "the": true, "-": true, "city": true, "town": true, "district": true, "village": true,
	"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true,
	"western": true, "north-eastern": true, "north-western": true, "south-eastern": true, "south-western": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true, "countryside": true,
	"center": true, "centre": true,
}

func (a *analysis) sentAt(off int) int {
	i := sort.Search(len(a.sents), func(i int) bool { return a.sents[i].end > off })
	if i < len(a.sents) && a.sents[i].start <= off {
		return i
	}
	return -1
}

// setDate resolves the event date. Candidates are the dates told where the
// event is told; a calendar day beats a week or a month, the anchor
// sentence beats the rest, and a date that opens the report ("On 9 May
// 2020, ...") beats everything. Without any, the publication date.
func (a *analysis) setDate(ev *sitrep.Event, d *eventDraft) {
	var best *dateCue
	bs := -1e9
	lead := -1
	for si := range a.sents {
		if d.sents[si] && a.weight[si] >= 1.2 && si > 0 || lead < 0 && d.sents[si] && si == 0 {
			lead = si
			if si > 0 {
				break
			}
		}
	}
	for k := range a.dates {
		c := &a.dates[k]
		if c.background || c.date.IsZero() || c.span[0] < 0 || c.span[0] >= len(a.toks) {
			continue
		}
		if !a.ref.IsZero() && c.date.After(a.ref.AddDate(0, 0, 1)) {
			continue
		}
		si := a.sentOf[c.span[0]]
		if !d.sents[si] {
			continue
		}
		s := float64(4 - c.precision)
		if si == d.anchor.sent {
			s += 5 - float64(abs(c.span[0]-d.anchor.first))/100
		}
		if a.weight[si] >= 0.8 {
			s += 2
		}
		if c.span[0] == a.refCue {
			continue // the page's date line: the publication date, used below
		}
		if a.dateline.Valid() && a.inDateline(a.tokSpan(c.span[0], c.span[1])) {
			continue // "MOGADISHU, June 12 (AP) -": when the story was filed, the reference below
		}
		if si == lead && c.span[0]-a.sents[si].first <= 3 && a.opensReport(*c) {
			s += 8
		}
		if a.whenSaid(c) {
			s -= 6 // "residents told AFP on Tuesday": when it was told
		}
		s -= float64(si) / 1000
		if s > bs {
			best, bs = c, s
		}
	}
	var date, end time.Time
	prec := 1
	var span sitrep.Span
	switch {
	case best != nil:
		date, end, prec = best.date, best.end, best.precision
		span = a.tokSpan(best.span[0], best.span[1])
		if a.approximate(best) && prec == 1 {
			prec = 2
		}
	case !a.ref.IsZero():
		date = a.ref
	}
	if date.IsZero() {
		return
	}
	ev.EventDate = date.Format(sitrep.DateLayout)
	if !end.IsZero() && end.After(date) {
		ev.DateEnd = end.Format(sitrep.DateLayout)
	}
	ev.TimePrecision = prec
	if span.Valid() {
		ev.Evidence["event_date"] = span
	}
}

// whenSaid reports a date that tells when something was said rather than
// done: right after a verb of saying and perhaps its listener ("officials
// said on Monday", "residents told AFP on Tuesday").
func (a *analysis) whenSaid(c *dateCue) bool {
	for k := c.span[0] - 1; k >= 0 && k >= c.span[0]-3; k-- {
		t := a.toks[k]
		if t.kind == 'p' {
			return false
		}
		if t.class() == "said" {
			return true
		}
	}
	return false
}

// approximate reports "around 9 May", "as reported on 9 May" or
// "9 May (as reported)".
func (a *analysis) approximate(c *dateCue) bool {
	for k := c.span[0] - 1; k >= 0 && k >= c.span[0]-3; k-- {
		switch a.toks[k].key {
		case "around", "about", "reported", "circa":
			return true
		}
	}
	for k := c.span[1]; k < len(a.toks) && k < c.span[1]+3; k++ {
		if a.toks[k].key == "reported" || a.toks[k].key == "midweek" || a.toks[k].key == "week" {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// setClaims attaches the event's claims and derives its fatality figures.
//
// Death claims are grouped by who died (the actor named in the victims, or
// people at large): figures for one group are alternatives (lowest and
// highest), figures for different groups add up.
// An ACLED coding statement ("Unknown fatalities coded as 10") is the
// conservative figure itself.
func (a *analysis) setClaims(ev *sitrep.Event, d *eventDraft) {
	ev.Claims = []sitrep.Claim{}
	type alt struct{ low, high int }
	groups := map[string]*alt{} // victims group → lowest and highest figure
	var coded []int
	split := 0
	vagueMany, vagueFew := false, false
	var last *alt // the group of the last figure counted
	protest := group(d.typ) == "protest"
	for _, c := range a.claims {
		if !d.sents[c.sent] {
			continue
		}
		if protest && c.Kind == sitrep.Killed && a.grievance(c.Span) {
			continue // "after a boy was killed by a police vehicle": the cause
		}
		if c.split > 0 {
			split = c.split
		}
		if c.splitOnly {
			continue
		}
		if !c.coded {
			i := len(ev.Claims)
			ev.Claims = append(ev.Claims, c.Claim)
			ev.Evidence[fmt.Sprintf("claims[%d]", i)] = c.Span
		}
		if c.Kind != sitrep.Killed || c.Denied {
			continue
		}
		switch {
		case c.coded:
			coded = append(coded, c.CountLow)
		case c.amount.vague:
			if c.amount.many {
				vagueMany = true
			} else {
				vagueFew = true
			}
		case c.CountHigh == 0:
		case c.chain && last != nil:
			// "killed the village chief and two of his sons": listed
			// under one verb, the figures add up
			last.low += c.CountLow
			last.high += c.CountHigh
		case !c.subset:
			g := a.victimGroup(c)
			if f := groups[g]; f == nil {
				groups[g] = &alt{c.CountLow, c.CountHigh}
			} else {
				f.low, f.high = min(f.low, c.CountLow), max(f.high, c.CountHigh)
			}
			last = groups[g]
		}
	}
	if len(groups) > 0 {
		lo, hi, anon, anonLow := 0, 0, 0, 0
		for g, f := range groups {
			if g == "" && len(groups) > 1 {
				anon, anonLow = f.high, f.low // a toll with no victims named overlaps the others
				continue
			}
			lo += f.low
			hi += f.high
		}
		hi = max(hi, anon)
		if anon > 0 {
			// a lower toll, of the same dead by another source: "killed
			// 14 villagers", "police put the toll at seven"
			lo = min(lo, anonLow)
		}
		ev.FatalitiesLow, ev.FatalitiesHigh = &lo, &hi
		ev.Fatalities = lo
	} else if vagueMany {
		ev.Fatalities = 10
	} else if vagueFew {
		ev.Fatalities = 3
	}
	if len(coded) > 0 {
		ev.Fatalities = coded[0]
		if len(groups) == 0 {
			v := coded[0]
			ev.FatalitiesLow, ev.FatalitiesHigh = &v, &v
		}
	}
	if split > 1 {
		ev.Fatalities = (2*ev.Fatalities + split) / (2 * split) // rounded share
	}
}

// grievance reports a figure told in the clause that gives a protest's or
// riot's cause: "after a boy was killed by a police vehicle", "following
// the death of a student", "over the killing of two farmers".
func (a *analysis) grievance(sp sitrep.Span) bool {
	k := a.tokenAt(sp.Start)
	if k < 0 {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-6; j-- {
		switch a.toks[j].key {
		case "after", "following", "over", "against":
			return true
		}
		if a.toks[j].kind == 'p' {
			return false
		}
	}
	return false
}

// victimGroup names who a death claim counts: the actor its victims phrase
// names, "civilians", or "" when it does not say.
func (a *analysis) victimGroup(c rawClaim) string {
	if c.Victims == "" {
		return ""
	}
	// the victims phrase lies inside the claim's tokens
	for _, mi := range a.sentActors.of(c.sent) {
		if m := a.actors[mi]; m.first >= c.claimTok && m.last <= c.claimLast {
			k := m.kind()
			if k == "civilians" || k == "protesters" || k == "rioters" {
				return "people"
			}
			if k == "monitor" {
				continue
			}
			return lex.actors[m.entry].Name + "/" + m.home
		}
	}
	return "people"
}

// notes writes a one-sentence summary of an event, for people.
func notes(ev sitrep.Event, tx taxon, denial string) string {
	var b strings.Builder
	if ev.EventDate != "" {
		b.WriteString("On " + ev.EventDate)
		if ev.DateEnd != "" {
			b.WriteString("–" + ev.DateEnd)
		}
		b.WriteString(", ")
	}
	a1 := ev.Actor1
	if a1 == "" {
		a1 = "unidentified actors"
	}
	if ev.Actor2 != "" && ev.Actor2 == ev.Actor1 && ev.SubEventType != "Armed clash" {
		// both sides alike, as in a fight of crowds: "Rioters fought
		// each other"
		b.WriteString(a1 + " fought each other")
	} else if ev.Actor2 != "" {
		b.WriteString(a1 + " " + tx.Verb + " " + ev.Actor2)
	} else {
		// "carried out air/drone strikes on" needs its object: without
		// one, the preposition goes
		b.WriteString(a1 + " " + withoutObject(tx.Verb))
	}
	if ev.Location != "" {
		rel := " in "
		if ev.Precision == 2 {
			rel = " near "
		}
		b.WriteString(rel + ev.Location)
		if ev.Admin1 != "" && ev.Admin1 != ev.Location {
			b.WriteString(" (" + ev.Admin1 + ")")
		}
	} else if ev.Country != "" {
		b.WriteString(" in " + ev.Country)
	}
	switch {
	case ev.FatalitiesLow != nil && ev.FatalitiesHigh != nil && *ev.FatalitiesHigh > *ev.FatalitiesLow:
		fmt.Fprintf(&b, "; %d–%d killed", *ev.FatalitiesLow, *ev.FatalitiesHigh)
	case ev.Fatalities > 0:
		fmt.Fprintf(&b, "; %d killed", ev.Fatalities)
	}
	b.WriteString(".")
	if denial != "" {
		b.WriteString(" Denied by " + denial + ".")
	}
	return b.String()
}

// withoutObject returns a verb phrase of the taxonomy without the
// preposition that ends it, for an event with no second actor.
func withoutObject(verb string) string {
	if i := strings.LastIndexByte(verb, ' '); i > 0 {
		switch verb[i+1:] {
		case "on", "against", "at", "with", "of", "into", "from", "over", "to", "upon", "towards", "near", "by":
			return verb[:i]
		}
	}
	return verb
}

// denial finds who denied the event's act ("the coalition denied it carried
// out the strikes"), so that the denial stays visible in the notes.
func (a *analysis) denial(d *eventDraft, iso3 string) string {
	for _, c := range a.claims {
		if d.sents[c.sent] && c.Denied {
			if who := a.denier(c.sent, iso3); who != "" {
				return who
			}
			if c.Claimant != "" {
				return c.Claimant
			}
		}
	}
	for si := range a.sents {
		if d.sents[si] {
			if who := a.denier(si, iso3); who != "" {
				return who
			}
		}
	}
	return ""
}

// denier returns the actor just before a denial verb in a sentence.
func (a *analysis) denier(si int, iso3 string) string {
	v, who, ok := a.denialIn(si, false)
	switch {
	case !ok:
		return ""
	case who.first >= 0:
		return actorName(who, iso3).Name
	case v >= 0:
		return a.attrib[si].name
	}
	return ""
}

// denialIn finds the verb of denial of sentence si and the actor named last
// before it (first < 0 for none). With made, a denial foretold or refused
// ("the regime will deny it", "refused to deny") is none.
func (a *analysis) denialIn(si int, made bool) (verb int, who mention, ok bool) {
	s := a.sents[si]
	for i := s.first; i < s.last; i++ {
		if a.toks[i].class() != "deny" {
			continue
		}
		if made && i > s.first {
			switch a.toks[i-1].key {
			case "will", "would", "may", "might", "could", "can", "to":
				continue
			}
		}
		who = mention{first: -1}
		for _, m := range a.actors {
			if m.last <= i && m.first >= s.first && m.kind() != "civilians" {
				who = m
			}
		}
		return i, who, true
	}
	return -1, mention{first: -1}, false
}

// locatedAt reports a toponym after a preposition that places something
// there ("in X", "near the town of X", "in eastern X").
func (a *analysis) locatedAt(k int) bool {
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		key := a.toks[j].key
		if lex.locative[key] {
			return true
		}
		if !lex.placeWord[key] && !directionWords[key] {
			return false
		}
	}
	return false
}

// reacts reports a verb of saying, denying or taking a stand at token j.
func (a *analysis) reacts(j int) bool {
	k := a.toks[j].key
	switch lex.words[k] {
	case "said", "deny":
		return true
	}
	return lex.react[k] || j+1 < len(a.toks) && lex.react[k+" "+a.toks[j+1].key]
}

// speaker reports a place named as the one who speaks or takes a stand,
// a government by metonymy: "Paris condemned", "Washington and Paris say",
// "Turkey has warned". A place after a locative ("activists in X said")
// is where the speakers are, and stays a place.
func (a *analysis) speaker(t sitrep.Toponym) bool {
	k := a.tokenAt(t.Span.Start)
	j := a.tokenAt(t.Span.End)
	if k < 0 || j < 0 || t.Relation != "" || a.locatedAt(k) {
		return false // "near X", "in X": a place
	}
	si := a.tokSent(k)
	if j+1 < len(a.toks) && a.toks[j].key == "and" {
		// "Washington and Paris say": the verb comes after the second
		next := a.toks[j+1].start
		for _, oi := range a.sentToponyms.of(si) {
			if o := a.toponyms[oi]; o.Span.Start == next {
				if e := a.tokenAt(o.Span.End); e >= 0 {
					j = e
				}
				break
			}
		}
	}
	if j < len(a.toks) && a.toks[j].key == "'s" {
		j++
	}
	if j < len(a.toks) && a.tokSent(j) == si && lex.party[a.toks[j].key] {
		return true // "Damascus's ally", "the Moscow envoy"
	}
	for n := 0; n < 2 && j < len(a.toks) && lex.speakerGap[a.toks[j].key]; n++ {
		j++
	}
	return j < len(a.toks) && a.tokSent(j) == si && a.reacts(j)
}

// seat reports a building that stands for a government ("the White House
// said", "a Kremlin spokesman"), unless the text puts something just
// outside or near it.
func (a *analysis) seat(t sitrep.Toponym) bool {
	k := a.tokenAt(t.Span.Start)
	if k < 0 {
		return false
	}
	var name []string
	for i := k; i < len(a.toks) && a.toks[i].start < t.Span.End; i++ {
		if len(name) > 0 || a.toks[i].key != "the" {
			name = append(name, a.toks[i].key)
		}
	}
	if !lex.seat[strings.Join(name, " ")] {
		return false
	}
	j := k - 1
	if j >= 0 && a.toks[j].key == "the" {
		j--
	}
	if j >= 1 && a.toks[j].key == "of" && a.toks[j-1].key == "front" {
		j--
	}
	return j < 0 || !lex.seatNear[a.toks[j].key]
}
