package extract

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// eventDraft is an event being assembled: its decided type, the trigger it
// rests on and the sentences that tell it.
type eventDraft struct {
	typ    string
	anchor hit
	sents  map[int]bool // sentences whose claims, places and dates belong to the event
	// claimer is the actor that claims the act, once claimRead (see
	// claimedBy); claimed says there is one.
	claimer            mention
	claimed, claimRead bool
}

// assemble turns the mentions of one document into events: the main event
// from the weighted triggers of the headline and lead, then an agreement
// told alongside it, then other incidents the report adds (separate.go),
// then background acts in a vague past, each with its own sentences so that
// none borrows another's place, date or figures.
func (a *analysis) assemble() []sitrep.Event {
	secondary := make([]bool, len(a.sents))
	for si := range a.sents {
		if a.isAgreementSentence(si) {
			secondary[si] = true
		}
	}
	// a sentence opened by "Separately," or "Elsewhere," tells another
	// incident: it decides the main event only when nothing else does
	sep := make([]bool, len(a.sents))
	for si := range a.sents {
		sep[si] = a.weight[si] < 1.2 && (a.separatorAt(si) || a.reactionAt(si))
	}
	scores := map[string]float64{}
	for _, h := range a.hits {
		if secondary[h.sent] || sep[h.sent] {
			continue
		}
		scores[lex.triggers[h.trig].Type] += lex.triggers[h.trig].Weight * a.weight[h.sent] * h.factor()
	}
	typ := decide(scores)
	if typ == "" {
		for _, h := range a.hits {
			if !secondary[h.sent] && sep[h.sent] {
				scores[lex.triggers[h.trig].Type] += lex.triggers[h.trig].Weight * a.weight[h.sent]
			}
		}
		typ = decide(scores)
	}
	var out, splits []sitrep.Event
	if typ == "" && a.hasKilled(secondary) {
		typ = "#violence"
	}
	if typ == "" && len(a.hits) > 0 && !allSecondary(secondary) {
		// only weak or background cues: take the strongest anyway
		for _, h := range a.hits {
			if !secondary[h.sent] && !a.bg[h.sent] {
				scores[lex.triggers[h.trig].Type] += lex.triggers[h.trig].Weight
			}
		}
		typ = decide(scores)
	}
	var ploverAnchor *hit
	if typ == "" && !allSecondary(secondary) {
		// no violence, protest or development ACLED types: a statement,
		// demand, threat or meeting, recorded under its PLOVER type
		if h, ok := a.strongestPLOVER(secondary); ok {
			typ, ploverAnchor = lex.ploverTo[lex.plover[h.trig].Type], &h
		}
	}
	if typ != "" {
		d := &eventDraft{typ: typ, sents: map[int]bool{}}
		for si := range a.sents {
			if !secondary[si] && !a.bg[si] {
				d.sents[si] = true
			}
		}
		d.anchor = a.anchorFor(typ, d.sents)
		if sep[d.anchor.sent] {
			lead := map[int]bool{}
			for si := range d.sents {
				if !sep[si] {
					lead[si] = true
				}
			}
			if h := a.anchorFor(typ, lead); h.trig >= 0 && lead[h.sent] {
				d.anchor = h
			}
		}
		if ploverAnchor != nil {
			d.anchor = *ploverAnchor
			d.anchor.trig = -1
		}
		mainEv := a.build(d, true)
		if ploverAnchor == nil {
			if splits = a.separateIncidents(d, mainEv, maxEvents-1); len(splits) > 0 {
				mainEv = a.build(d, true) // without the other incidents' sentences
			}
		}
		out = append(out, mainEv)
	}
	// agreements reported alongside: their own event, own place and date
	best, bestScore := -1, -1
	for si := range a.sents {
		if !secondary[si] || a.bg[si] {
			continue
		}
		if !a.agreementConcluded(si) {
			continue
		}
		n := 0
		seen := map[string]bool{}
		for _, m := range a.actors {
			k := m.kind()
			if a.sentOf[m.first] != si || k == "monitor" || k == "civilians" || k == "protesters" || k == "rioters" || k == "generic" && m.home == "" {
				continue
			}
			if name := actorName(m, a.iso3).Name; !seen[name] {
				seen[name] = true
				n++
			}
		}
		if n > bestScore {
			best, bestScore = si, n
		}
	}
	if best >= 0 && typ == "" {
		// the story is about the agreement itself
		d := &eventDraft{typ: "Agreement", sents: map[int]bool{}}
		for si := range a.sents {
			if !a.bg[si] {
				d.sents[si] = true
			}
		}
		d.anchor = a.anchorFor("Agreement", map[int]bool{best: true})
		out = []sitrep.Event{a.build(d, true)}
		return append(out, a.backgroundEvents(secondary, maxEvents-len(out))...)
	}
	if best >= 0 && bestScore >= 2 && typ != "Agreement" && len(out) < maxEvents {
		d := &eventDraft{typ: "Agreement", sents: map[int]bool{best: true}}
		d.anchor = a.anchorFor("Agreement", d.sents)
		out = append(out, a.build(d, false))
	}
	// other incidents told in the same report, then background
	out = append(out, splits[:min(len(splits), maxEvents-len(out))]...)
	if len(out) == 0 {
		// nothing but talk of agreements that were not made ("rejected a
		// ceasefire proposal"): the act itself, under its PLOVER type
		if h, ok := a.strongestPLOVER(make([]bool, len(a.sents))); ok {
			d := &eventDraft{typ: lex.ploverTo[lex.plover[h.trig].Type], sents: map[int]bool{}, anchor: h}
			d.anchor.trig = -1
			for si := range a.sents {
				if !a.bg[si] {
					d.sents[si] = true
				}
			}
			out = append(out, a.build(d, true))
		}
	}
	return append(out, a.backgroundEvents(secondary, maxEvents-len(out))...)
}

// strongestPLOVER returns the strongest PLOVER cue of the lead.
func (a *analysis) strongestPLOVER(secondary []bool) (hit, bool) {
	var best hit
	bs := 0.0
	for _, h := range a.ploverHits {
		if secondary[h.sent] || a.bg[h.sent] {
			continue
		}
		s := lex.plover[h.trig].Weight * a.weight[h.sent]
		if s > bs {
			best, bs = h, s
		}
	}
	return best, bs >= 2
}

// ploverFor picks the PLOVER type of an event: the act its anchor sentence
// reports ("threatened", "demanded", "agreed"), weighed against the type's
// usual PLOVER code.
func (a *analysis) ploverFor(d *eventDraft, prior string) string {
	score := map[string]float64{}
	if prior != "" && d.anchor.trig >= 0 {
		score[prior] += 2 // the act the ACLED triggers found
	}
	first := true
	for _, h := range a.ploverHits {
		c := lex.plover[h.trig]
		switch {
		case h.sent == d.anchor.sent:
			score[c.Type] += c.Weight
			if first {
				score[c.Type]++ // the main verb tends to come first
				first = false
			}
		case d.sents[h.sent] && a.weight[h.sent] >= 0.8:
			score[c.Type] += 0.3 * c.Weight
		}
	}
	best, bs := prior, score[prior]
	for t, v := range score {
		if v > bs || v == bs && t < best && t != prior {
			best, bs = t, v
		}
	}
	if violent := func(p string) bool { return p == "FIGHT" || p == "ASSAULT" }; violent(prior) && violent(best) && d.anchor.trig >= 0 {
		// between fighting and assault the ACLED type has already decided
		return prior
	}
	return best
}

// agreementConcluded reports whether a sentence tells of an agreement made
// ("agreed", "signed", "reached a deal"), not one discussed, proposed or
// broken, which stories mention as background.
func (a *analysis) agreementConcluded(si int) bool {
	s := a.sents[si]
	made := false
	for i := s.first; i < s.last; i++ {
		switch a.toks[i].key {
		case "agreed", "signed", "reached", "struck", "sealed", "concluded", "brokered":
			made = true
		case "would", "will", "could", "may", "might", "proposed", "collapsed", "violated", "violation", "violations", "breach", "despite", "not", "failed", "if":
			return false
		}
	}
	return made
}

func allSecondary(s []bool) bool {
	for _, b := range s {
		if !b {
			return false
		}
	}
	return true
}

func (a *analysis) hasKilled(secondary []bool) bool {
	for _, c := range a.claims {
		if c.Kind == sitrep.Killed && c.CountLow > 0 && !secondary[c.sent] && !a.bg[c.sent] && !c.coded {
			return true
		}
	}
	return false
}

// anchorFor picks the trigger the decided type rests on: the strongest
// related trigger, the earliest among equals.
func (a *analysis) anchorFor(typ string, sents map[int]bool) hit {
	g := group(typ)
	if typ == "#violence" || typ == "#takeover" {
		g = "violence"
	}
	best := hit{first: -1}
	bs := -1.0
	for _, h := range a.hits {
		if !sents[h.sent] {
			continue
		}
		tr := lex.triggers[h.trig]
		if tr.Type == "#crowd" {
			continue // a crowd's size tells no act
		}
		if group(tr.Type) != g && !(typ == "Mob violence" && group(tr.Type) == "violence") {
			continue
		}
		s := tr.Weight * (a.weight[h.sent] + 0.01) * h.factor()
		if tr.Type == typ {
			s *= 1.2
		}
		// a sentence that names the parties tells the event best
		s += float64(min(a.actorsIn(h.sent, g == "violence"), 2))
		if a.alsoBefore(h) {
			// "Protesters also lit candles": another act, told after
			// the one the report is about
			s /= 2
		}
		if s > bs {
			best, bs = h, s
		}
	}
	if best.first < 0 {
		for _, h := range a.hits {
			if sents[h.sent] {
				return h
			}
		}
		for si := range a.sents {
			if sents[si] {
				s := a.sents[si]
				return hit{first: s.first, last: s.first + 1, trig: -1, sent: si}
			}
		}
		return hit{first: 0, last: min(1, len(a.toks)), trig: -1}
	}
	return best
}

// alsoReach is how many words before a trigger "also" may stand and mark
// it as an act added to one told before ("Police also arrested").
const alsoReach = 3

// alsoBefore reports "also" just before trigger h, in its sentence, or
// right after it when the trigger names the people who act ("Protesters
// also gathered").
func (a *analysis) alsoBefore(h hit) bool {
	first := max(a.sents[h.sent].first, h.first-alsoReach)
	for k := h.first - 1; k >= first; k-- {
		if a.toks[k].key == "also" {
			return true
		}
	}
	return h.last < a.sents[h.sent].last && a.toks[h.last].key == "also"
}

// actorsIn counts the parties (not sources) named in a sentence.
// Civilians are parties to violence, as its targets; to a protest or a
// development they are not ("to honour a man who died").
func (a *analysis) actorsIn(si int, violence bool) int {
	n := 0
	for _, mi := range a.sentActors.of(si) {
		if k := a.actors[mi].kind(); k != "monitor" && k != "government" && (violence || k != "civilians") {
			n++
		}
	}
	return n
}

func (a *analysis) tokSpan(first, last int) sitrep.Span {
	if first < 0 || last <= first || last > len(a.toks) {
		return sitrep.Span{}
	}
	return sitrep.Span{Start: a.toks[first].start, End: a.toks[last-1].end}
}

// build fills an event from a draft.
// datelinePlace reads the place of the story's dateline, in the country
// the story is about when it is known, at precision 3: the story was filed
// there, which says the event was near only when nothing else does.
func (a *analysis) datelinePlace() (sitrep.Place, sitrep.Span, bool) {
	if a.geo == nil || !a.dateline.Valid() {
		return sitrep.Place{}, sitrep.Span{}, false
	}
	line := a.text[a.dateline.Start:a.dateline.End]
	name := ""
	if d := a.doc.Dateline; d != nil && d.Place != "" {
		name = d.Place
	} else {
		// "KABUL (Reuters) -", "MOGADISHU, June 12": the words before
		// the first mark
		name = strings.TrimSpace(strings.FieldsFunc(line, func(r rune) bool {
			return r == ',' || r == '(' || r == '-' || r == ':' || r == '\u2013' || r == '\u2014'
		})[0])
		name = titleCase(name)
	}
	i := strings.Index(strings.ToLower(line), strings.ToLower(name))
	if name == "" || i < 0 {
		return sitrep.Place{}, sitrep.Span{}, false
	}
	span := sitrep.Span{Start: a.dateline.Start + i, End: a.dateline.Start + i + len(name)}
	var hints []string
	if a.iso3 != "" {
		hints = []string{a.iso3}
	}
	for _, t := range a.geo.Find(name, hints) {
		c, ok := placeCountry(t.Place)
		if !t.Place.Known() || t.Kind == "country" || !ok || a.iso3 != "" && c != a.iso3 {
			continue
		}
		p := t.Place
		p.Precision = 3
		return p, span, true
	}
	return sitrep.Place{}, sitrep.Span{}, false
}

// deniedRoles takes out of actor1 a party the event's sentence reads as
// the actor only because it is named denying the act ("the Taliban denied
// involvement in the attack"), when no one claims it: the text says who
// did not do it, not who did; the denial stays among the claims.
func (a *analysis) deniedRoles(d *eventDraft, r roleSet) roleSet {
	if _, claimed := a.claimedBy(d); claimed || !r.s1.Valid() {
		return r
	}
	si := d.anchor.sent
	i, who, ok := a.denialIn(si, true)
	if !ok || who.first < 0 || !a.deniesAuthorship(i, a.sents[si]) {
		return r
	}
	if a.tokSpan(who.first, who.last) == r.s1 {
		r.a1, r.s1, r.a1kind = sitrep.Actor{}, sitrep.Span{}, ""
	}
	return r
}

// protestersActViolently reports a violent act in the anchor sentence of a
// protest whose subject is the protesters themselves, with no armed party
// between them and it: "protesters stormed the parliament building".
func (a *analysis) protestersActViolently(d *eventDraft) bool {
	for _, hi := range a.sentHits.of(d.anchor.sent) {
		h := a.hits[hi]
		if h.context || group(lex.triggers[h.trig].Type) != "violence" {
			continue
		}
		var subject mention
		found := false
		for _, mi := range a.sentActors.of(h.sent) {
			if m := a.actors[mi]; m.last <= h.first {
				subject, found = m, true
			}
		}
		if found && (subject.kind() == "protesters" || subject.kind() == "rioters") && h.first-subject.last <= 2 {
			return true
		}
	}
	return false
}

// crowdNouns name people who act together as a crowd.
var crowdNouns = map[string]bool{
	"villagers": true, "residents": true, "locals": true, "youths": true, "youth": true,
	"mob": true, "crowd": true, "crowds": true, "people": true, "students": true, "workers": true,
}

// crowdActs reports that the mention at span sp, a crowd, is the subject of
// the event's verb, right before it in the active voice: "villagers
// attacked a police station", not "villagers were attacked".
func (a *analysis) crowdActs(d *eventDraft, sp sitrep.Span) bool {
	k := a.tokenAt(sp.End)
	if k <= 0 || !crowdNouns[a.toks[k-1].key] || d.anchor.first < k || d.anchor.first > k+1 {
		return false
	}
	for j := k; j < d.anchor.first; j++ {
		switch a.toks[j].key {
		case "was", "were", "been", "being", "are", "is":
			return false
		}
	}
	return true
}

// crowdClash reports a clash whose only parties are crowds — supporters,
// protesters, villagers, youths — with no armed force or group among
// them, and returns the first of them: a fight of crowds is ACLED's mob
// violence, not an armed clash.
func (a *analysis) crowdClash(d *eventDraft) (mention, bool) {
	if d.anchor.trig < 0 || lex.triggers[d.anchor.trig].Type != "Armed clash" {
		return mention{}, false
	}
	for k := d.anchor.first; k < d.anchor.last; k++ {
		switch key := a.toks[k].key; {
		case strings.HasPrefix(key, "shoot"), strings.HasPrefix(key, "gun"), strings.HasPrefix(key, "fire"), key == "exchange":
			return mention{}, false // "a shoot-out", "a gunfight": arms
		}
	}
	var first mention
	crowd := false
	for _, mi := range a.sentActors.of(d.anchor.sent) {
		m := a.actors[mi]
		switch m.kind() {
		case "protesters", "rioters":
			if !crowd {
				first = m
			}
			crowd = true
		case "civilians", "monitor", "government":
		default:
			return mention{}, false // an armed party
		}
	}
	return first, crowd
}

// titleCase writes a dateline's capitals as a name: "NEW DELHI" → "New
// Delhi".
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

func (a *analysis) build(d *eventDraft, main bool) sitrep.Event {
	ev := sitrep.Event{Evidence: map[string]sitrep.Span{}}
	if d.anchor.first >= 0 && d.anchor.last > d.anchor.first {
		sp := a.tokSpan(d.anchor.first, d.anchor.last)
		ev.Evidence["event_type"] = sp
		ev.Evidence["sub_event_type"] = sp
	}
	// place first: generic actors are named after the event's country
	place, placeSpan, ok := a.choosePlace(d, main)
	if !ok && main {
		// no place where the event is told: a place named elsewhere in
		// the report says more than the country it is about
		all := &eventDraft{typ: d.typ, anchor: d.anchor, sents: map[int]bool{}}
		for si := range a.sents {
			all.sents[si] = true
		}
		place, placeSpan, ok = a.choosePlace(all, main)
	}
	if !ok && main {
		// no place named but the one the story was filed from
		// ("KABUL (Reuters) - A bomb exploded in a crowded market"): a
		// last resort, in the country the story is about, coarse
		place, placeSpan, ok = a.datelinePlace()
	}
	iso3 := a.iso3
	if !ok && main && a.geo != nil && a.iso3 != "" {
		// no place named where the event is told: the country it is about
		if p, found := a.geo.Country(a.iso3); found && p.Known() {
			place, ok = p, true
			if p.Precision == 0 {
				place.Precision = 3
			}
			for _, c := range a.countries {
				if c.iso3 == a.iso3 {
					placeSpan = a.tokSpan(c.first, c.last)
					break
				}
			}
		}
	}
	if ok && place.Admin1 == "" && (place.Location == "" || place.Location == place.Country) {
		// told of the whole country, or of a place known only by its
		// country: ACLED puts the point at the capital, not at a centre
		// that may lie in a desert. The place stays the country, coarse
		// (precision 3, no admin1): only its point moves.
		if c, found := placeCountry(place); found {
			if p, found := a.capital(c); found {
				place.Latitude, place.Longitude = p.Latitude, p.Longitude
				place.Precision = 3
			}
		}
	}
	if ok {
		ev.Place = place
		if placeSpan.Valid() {
			ev.Evidence["location"] = placeSpan
		}
		if c, ok := placeCountry(place); ok {
			iso3 = c
		}
		if ev.Place.ISO3 == "" {
			if c, ok := lex.countryOf(iso3); ok {
				ev.Place.ISO3 = c.ISO3
			}
		}
	}
	typ := d.typ
	roleISO := iso3
	if typ == "Agreement" && !main {
		roleISO = a.iso3
	}
	r := a.roles(d, roleISO)
	if g := group(typ); g == "violence" {
		if x, y, ok := a.communalClash(d); ok {
			militia := actorName(mention{entry: lex.communalUnknown}, roleISO)
			typ = "Armed clash"
			r.a1, r.s1, r.a1kind = militia, a.tokSpan(x.first, x.last), "generic"
			r.a2, r.s2, r.a2kind, r.a2armed, r.a2civ = militia, a.tokSpan(y.first, y.last), "generic", true, false
		} else if m, ok := a.crowdClash(d); ok {
			// "supporters of rival parties clashed with sticks and
			// stones": a fight of crowds, not of armed groups
			rioters := actorName(mention{entry: lex.rioters}, roleISO)
			typ = "Mob violence"
			r.a1, r.s1, r.a1kind = rioters, a.tokSpan(m.first, m.last), "rioters"
			r.a2, r.s2, r.a2kind, r.a2armed, r.a2civ = rioters, sitrep.Span{}, "rioters", false, false
			r.assoc1, r.assoc2 = "", ""
		} else {
			r = a.countedTargets(d, typ, r)
		}
		r = a.claimRoles(d, r, roleISO)
		r = a.deniedRoles(d, r)
	} else if strings.HasPrefix(g, "strategic:") {
		// "the army said it had destroyed an IS hideout": the force that
		// says it did the act did it, though it is also the source
		r = a.claimRoles(d, r, roleISO)
	}
	if r.a1kind == "civilians" && r.a2armed && a.crowdActs(d, r.s1) && group(typ) == "violence" {
		// "villagers attacked a police station": a crowd, not an armed
		// group, attacked the armed side
		typ = "Mob violence"
		r.a1, r.a1kind = actorName(mention{entry: lex.rioters}, roleISO), "rioters"
	}
	if r.a1kind == "civilians" && r.a2armed {
		// civilians are acted on: "a man was shot by armed men"
		r.a1, r.a2, r.s1, r.s2, r.a1kind, r.a2kind = r.a2, r.a1, r.s2, r.s1, r.a2kind, r.a1kind
		r.a2armed, r.a2civ = false, true
	}
	// resolve types that depend on who was hit or who acted
	switch typ {
	case "#violence", "Attack":
		if (r.a1kind == "civilians" || r.a1kind == "rioters") && r.a2.Name != "" && !r.a2armed {
			typ = "Mob violence" // a crowd, not an armed group, hurt people
		} else if r.a2kind == "protesters" && (r.a1kind == "police" || r.a1kind == "military" || r.a1kind == "state") {
			// "police attacked protesters": the state broke up a protest,
			// with lethal force when it killed
			typ = "Protest with intervention"
			for _, c := range a.claims {
				if d.sents[c.sent] && c.Kind == sitrep.Killed && c.CountHigh > 0 && !c.Denied && !c.coded {
					typ = "Excessive force against protesters"
					break
				}
			}
		} else if r.a2.Name != "" && r.a2armed && !r.a2civ {
			typ = "Armed clash"
		} else if v, ok := a.armedVictim(d.anchor.sent); ok {
			// the people hurt bore arms: an attack on an armed side is a
			// battle, whoever else was hit
			typ = "Armed clash"
			if v.last > v.first {
				vs := a.tokSpan(v.first, v.last)
				if r.s1 == vs {
					// "killed a police officer": the mention read as the
					// subject is the victim
					r.a1, r.s1, r.a1kind = r.a2, r.s2, r.a2kind
				}
				r.a2, r.s2, r.a2kind, r.a2armed, r.a2civ = actorName(v, iso3), vs, v.kind(), true, false
			}
		} else if typ == "#violence" {
			typ = "Attack"
		}
	case "Abduction/forced disappearance":
		// people abducted and killed: ACLED codes the killing
		for _, c := range a.claims {
			if c.sent == d.anchor.sent && c.Kind == sitrep.Killed && c.CountHigh > 0 && !c.coded {
				typ = "Attack"
			}
		}
	case "Arrests":
		if r.a1kind == "civilians" || r.a1kind == "protesters" {
			// "three people were arrested": those named are the arrested;
			// the arresting force is the state's named in the event's
			// sentences, or by ACLED's convention the police
			r.a2, r.s2, r.a2kind = r.a1, r.s1, r.a1kind
			r.a1, r.s1, r.a1kind = sitrep.Actor{}, sitrep.Span{}, ""
			for _, m := range a.actors {
				if k := m.kind(); d.sents[a.sentOf[m.first]] && (k == "police" || k == "military" || k == "state") {
					r.a1, r.s1, r.a1kind = actorName(m, iso3), a.tokSpan(m.first, m.last), k
					break
				}
			}
			if r.a1.Name == "" {
				for i, e := range lex.actors {
					if e.Kind == "police" && strings.Contains(e.Name, "{country}") {
						r.a1, r.a1kind = actorName(mention{entry: i}, iso3), "police"
						break
					}
				}
			}
		}
		// a non-state group "arresting" people abducts them
		if r.a1.Name != "" && r.a1.Inter != 1 && r.a1.Inter != 8 {
			typ = "Abduction/forced disappearance"
		}
	case "Protest with intervention":
		// protesters killed by the force that broke them up: ACLED's
		// excessive force, whatever the weapon ("died after being hit by
		// tear gas canisters")
		for _, c := range a.claims {
			if d.sents[c.sent] && c.Kind == sitrep.Killed && c.CountHigh > 0 && !c.Denied && !c.coded {
				typ = "Excessive force against protesters"
				break
			}
		}
	case "Peaceful protest":
		if a.protestersActViolently(d) {
			// "protesters stormed the parliament and set it on fire"
			typ = "Violent demonstration"
		}
	case "Violent demonstration":
		// "armed men set fire to 30 houses": an armed group burning or
		// wrecking property, with no crowd, is ACLED's property
		// destruction, not a riot
		if r.a1.Name != "" && isArmedKind(r.a1kind) && r.a1kind != "police" && r.a1kind != "military" {
			typ = "Looting/property destruction"
		}
	case "#takeover":
		if r.a1.Inter == 1 || r.a1.Inter == 8 {
			typ = "Government regains territory"
		} else {
			typ = "Non-state actor overtakes territory"
		}
	}
	if typ == "Armed clash" && (r.a1kind == "civilians" || r.a1kind == "rioters" || r.a1kind == "protesters") && (r.a1kind != "civilians" || !r.s1.Valid() || a.sentAt(r.s1.Start) == d.anchor.sent) {
		// a crowd, not an armed group, fought; but people named only in
		// another sentence ("a clash between cartels was reported. 1
		// person died") are its victims, not its sides
		typ = "Mob violence"
	}
	if typ == "Armed clash" && r.a1.Name != "" && r.a2.Name == "" {
		// the roles read one side ("after an exchange of fire, govt
		// forces retreated"; "clashes between regime forces against
		// Islamist factions, amid regime shelling"): the other is an armed
		// actor, not an ally, that the anchor sentence or an earlier one
		// of the event names
		for _, m := range a.actors {
			s := a.sentOf[m.first]
			if s > d.anchor.sent || !d.sents[s] || a.weight[s] < 0.8 || !m.armed() || a.civilRole(m) {
				continue
			}
			if ac := actorName(m, iso3); ac.Name != r.a1.Name && !(ac.Inter == 1 && r.a1.Inter == 1) && !strings.Contains(r.assoc1, ac.Name) {
				r.a2, r.s2, r.a2kind, r.a2armed = ac, a.tokSpan(m.first, m.last), m.kind(), true
				break
			}
		}
	}
	r = a.normalizeRoles(typ, r, iso3)
	if typ == "Mob violence" && d.anchor.trig >= 0 && (r.a2.Name == "" || r.a2.Inter == 7) {
		// two crowds fought each other: rioters on both sides
		if t := lex.triggers[d.anchor.trig].Type; t == "Armed clash" || t == "#exchange" || a.mutual(d.anchor.sent) {
			r.a2 = r.a1
		}
	}
	if (typ == "Protest with intervention" || typ == "Excessive force against protesters" || typ == "Violent demonstration") && r.a2.Name == "" {
		// the forces that intervened are often named in a later sentence
		for _, m := range a.actors {
			if k := m.kind(); d.sents[a.sentOf[m.first]] && (k == "police" || k == "military" || k == "state") {
				r.a2, r.s2 = actorName(m, iso3), a.tokSpan(m.first, m.last)
				break
			}
		}
		if r.a2.Name == "" && typ != "Violent demonstration" {
			// demonstrators detained or dispersed by forces the text does
			// not name: ACLED's convention is the police of the country
			for i, e := range lex.actors {
				if e.Kind == "police" && strings.Contains(e.Name, "{country}") {
					r.a2 = actorName(mention{entry: i}, iso3)
					break
				}
			}
		}
	}
	if g := lex.taxa[typ].EventType; (g == "Protests" || g == "Riots") && r.a2.Name == "" {
		// a counter-protest: demonstrators on both sides, rioters when it
		// turned violent
		for _, m := range a.actors {
			if d.sents[a.sentOf[m.first]] && m.kind() == "counter" {
				r.a2 = r.a1
				break
			}
		}
	}
	tx := lex.taxa[typ]
	ev.EventType, ev.SubEventType, ev.CAMEO, ev.PLOVER = tx.EventType, tx.SubEventType, tx.CAMEO, tx.PLOVER
	if p := a.ploverFor(d, tx.PLOVER); p != tx.PLOVER {
		// the sentence reports a different act than the type's usual one
		ev.PLOVER, ev.CAMEO = p, lex.ploverCAMEO[p]
	}
	ev.Actor1, ev.Inter1 = r.a1.Name, r.a1.Inter
	ev.Actor2, ev.Inter2 = r.a2.Name, r.a2.Inter
	ev.AssocActor1, ev.AssocActor2 = r.assoc1, r.assoc2
	if ev.Inter1 == 0 && ev.Inter2 != 0 && ev.Actor1 == "" {
		ev.Actor1, ev.Inter1, ev.Actor2, ev.Inter2 = ev.Actor2, ev.Inter2, "", 0
		r.s1, r.s2 = r.s2, sitrep.Span{}
	}
	ev.Interaction = sitrep.Interaction(ev.Inter1, ev.Inter2)
	if r.s1.Valid() {
		ev.Evidence["actor1"] = r.s1
	}
	if r.s2.Valid() {
		ev.Evidence["actor2"] = r.s2
	}
	a.setDate(&ev, d)
	a.setClaims(&ev, d)
	if group(typ) == "violence" {
		for _, c := range a.responsibilityClaims(d, ev.Claims) {
			ev.Evidence[fmt.Sprintf("claims[%d]", len(ev.Claims))] = c.Span
			ev.Claims = append(ev.Claims, c)
		}
	}
	ev.Notes = notes(ev, tx, a.denial(d, iso3))
	return ev
}

// mutual reports a sentence that tells two sides acting on each other
// ("attacked each other", "fought one another").
func (a *analysis) mutual(si int) bool {
	s := a.sents[si]
	for i := s.first; i+1 < s.last; i++ {
		if n := a.toks[i+1].key; (a.toks[i].key == "each" && n == "other") || (a.toks[i].key == "one" && n == "another") {
			return true
		}
	}
	return false
}

// contextFactor weighs a trigger in a phrase that tells what led to the
// event rather than the event.
const contextFactor = 0

func (h hit) factor() float64 {
	if h.context {
		return contextFactor
	}
	return 1
}
