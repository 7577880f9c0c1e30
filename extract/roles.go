package extract

import (
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// roleSet is the actors of one event as read from the text.
type roleSet struct {
	a1, a2         sitrep.Actor
	s1, s2         sitrep.Span
	assoc1, assoc2 string
	a2armed, a2civ bool
	a1kind, a2kind string
}

// roles assigns actor1 (who acted) and actor2 (who was acted on) from the
// anchor sentence, minding the passive voice ("were killed by X", "came
// under fire from X").
func (a *analysis) roles(d *eventDraft, iso3 string) roleSet {
	var r roleSet
	si := d.anchor.sent
	at := a.attrib[si]
	// "killing two before being shot dead by police": what happened
	// next to the actor, and who did it, are no part of the event
	then := a.sents[si].last
	for k := d.anchor.last; k+1 < a.sents[si].last; k++ {
		if a.toks[k].key == "before" {
			switch a.toks[k+1].key {
			case "being", "he", "she", "they", "it":
				then = k
			}
			break
		}
	}
	var ms []mention
	for _, m := range a.actors {
		if a.sentOf[m.first] != si || m.kind() == "monitor" || m.first >= then {
			continue
		}
		if at.last > at.first && m.first >= at.first && m.last <= at.last {
			continue // the source of a figure is not a party to the event
		}
		ms = append(ms, m)
	}
	if g := group(d.typ); g == "violence" || g == "protest" {
		// governments are parties to agreements and decisions; in fighting,
		// "Washington" and "Damascus" are their forces or a figure of speech
		var armed []mention
		for _, m := range ms {
			if m.kind() != "government" {
				armed = append(armed, m)
			}
		}
		ms = armed
	}
	if len(ms) == 0 {
		// fall back to the lead sentences of the event
		for _, m := range a.actors {
			s := a.sentOf[m.first]
			if d.sents[s] && a.weight[s] >= 0.8 && m.kind() != "monitor" && !(a.attrib[s].last > a.attrib[s].first && m.first >= a.attrib[s].first && m.last <= a.attrib[s].last) {
				ms = append(ms, m)
			}
		}
	}
	if len(ms) == 0 {
		return r
	}
	if d.typ == "Agreement" {
		// the parties to an agreement, in the order named
		seen := map[string]bool{}
		n := 0
		for _, m := range ms {
			k := m.kind()
			if k == "civilians" || (k == "military" && m.home == "") {
				continue
			}
			ac := actorName(m, iso3)
			if seen[ac.Name] {
				continue
			}
			seen[ac.Name] = true
			if n == 0 {
				r.a1, r.s1, r.a1kind = ac, a.tokSpan(m.first, m.last), k
			} else {
				r.a2, r.s2, r.a2kind = ac, a.tokSpan(m.first, m.last), k
				break
			}
			n++
		}
		return r
	}
	t := d.anchor.first
	agent, pre, post := -1, -1, -1
	for k, m := range ms {
		if m.first >= t {
			b := a.skipModifiers(m.first-1, t)
			if b >= 0 && (a.toks[b].key == "by" || a.toks[b].key == "from") && agent < 0 && a.agentOf(d.anchor, b) {
				agent = k
				continue
			}
			if post < 0 {
				post = k
			}
		} else {
			pre = k // nearest before the trigger
		}
	}
	// a mention before the trigger that is itself after "by" is an agent too
	if agent < 0 && pre >= 0 {
		b := a.skipModifiers(ms[pre].first-1, a.sents[si].first-1)
		if b >= 0 && a.toks[b].key == "by" {
			agent = pre
			pre = -1
			for k := range ms {
				if k != agent && ms[k].first < t {
					pre = k
				}
			}
		}
	}
	i1, i2 := -1, -1
	switch {
	case agent >= 0:
		i1 = agent
		if pre >= 0 {
			i2 = pre
		} else {
			i2 = post
		}
	case pre >= 0:
		i1, i2 = pre, post
		if post < 0 && pre > 0 && joined(a, ms[pre-1], ms[pre]) {
			// "GNA and LNA forces clashed": the two sides of one verb
			i1, i2 = pre-1, pre
			break
		}
		// the subject is the first actor of the clause, not one inside a
		// prepositional phrase before the verb
		for k := 0; k < pre; k++ {
			if a.toks[max(ms[k].first-1, 0)].key != "of" && a.toks[max(ms[k].first-1, 0)].key != "against" && a.toks[max(ms[k].first-1, 0)].key != "on" {
				if joined(a, ms[k], ms[pre]) {
					i1 = k
					break
				}
			}
		}
		if i1 == pre && post < 0 {
			// "GNA forces targeted LNA positions with artillery": the
			// weapon comes after both sides, and the clause's subject
			// acted on the actor nearest the weapon
			for k := 0; k < pre; k++ {
				if b := a.toks[max(ms[k].first-1, 0)].key; b == "of" || b == "against" || b == "on" || b == "by" {
					continue
				}
				if actorName(ms[k], iso3).Name != actorName(ms[pre], iso3).Name && (a.verbBetween(ms[k], ms[pre]) || ms[k].armed() && ms[pre].kind() == "civilians" && a.triggerBetween(si, ms[k], ms[pre])) {
					// "soldiers from Battalion 5 attacked a teacher with
					// a grenade": the act between an armed subject and
					// the people after it links them, whatever the
					// subject's own modifiers
					i1, i2 = k, pre
				}
				break
			}
		}
	default:
		i1 = post
		if post+1 < len(ms) {
			i2 = post + 1
		}
		if post >= 0 && a.harmsNext(d.anchor, ms[post]) {
			// "a roadside bomb hit a police vehicle", "an air strike
			// killed two commanders": the weapon acts, and the people
			// after the verb are its target; who used it is not told
			i1, i2 = -1, post
		}
	}
	set := func(k int) (sitrep.Actor, sitrep.Span, bool, bool, string) {
		if k < 0 || k >= len(ms) {
			return sitrep.Actor{}, sitrep.Span{}, false, false, ""
		}
		m := ms[k]
		ac := actorName(m, iso3)
		return ac, a.tokSpan(m.first, m.last), m.armed() && !a.civilRole(m), m.kind() == "civilians", m.kind()
	}
	r.a1, r.s1, _, _, r.a1kind = set(i1)
	r.a2, r.s2, r.a2armed, r.a2civ, r.a2kind = set(i2)
	if r.a1.Name == r.a2.Name {
		// "regime forces struck SDF positions... regime": look further
		r.a2, r.s2, r.a2armed, r.a2civ, r.a2kind = sitrep.Actor{}, sitrep.Span{}, false, false, ""
		for k := range ms {
			if k != i1 {
				if ac := actorName(ms[k], iso3); ac.Name != r.a1.Name && k > i1 {
					r.a2, r.s2, r.a2armed, r.a2civ, r.a2kind = set(k)
					break
				}
			}
		}
	}
	// allies joined by "and": "The SDF and the coalition targeted ..."
	var assoc1, assoc2 []string
	for k := range ms {
		if k == i1 || k == i2 {
			continue
		}
		name := actorName(ms[k], iso3).Name
		if name == r.a1.Name || name == r.a2.Name {
			continue
		}
		if i1 >= 0 && adjacent(a, ms[i1], ms[k]) {
			assoc1 = appendUnique(assoc1, name)
		} else if i2 >= 0 && adjacent(a, ms[i2], ms[k]) {
			assoc2 = appendUnique(assoc2, name)
		}
	}
	r.assoc1, r.assoc2 = strings.Join(assoc1, "; "), strings.Join(assoc2, "; ")
	return r
}

// agentOf reports whether the "by"/"from" at b names who did the act the
// trigger h tells: "were killed by X", "attack by X", "came under fire from X";
// not "villages held by X".
func (a *analysis) agentOf(h hit, b int) bool {
	gap := b - h.last
	if gap < 0 {
		return false
	}
	if gap == 0 {
		return true
	}
	passive := false
	for k := h.first - 1; k >= 0 && k >= h.first-3; k-- {
		switch a.toks[k].key {
		case "was", "were", "been", "being", "be", "is", "are", "got", "get":
			passive = true
		}
	}
	if !passive {
		return false
	}
	for k := h.last; k < b; k++ {
		switch a.toks[k].key {
		case ",", ";", "after", "when", "while", "as", "before", "which", "who", "that", "because", "since", "but":
			return false
		}
	}
	return gap <= 8
}

// harmVerbs act on what follows them: a weapon that "hit" or "killed"
// something.
var harmVerbs = map[string]bool{
	"hit": true, "hits": true, "struck": true, "strikes": true, "targeted": true, "targeting": true,
	"killed": true, "killing": true, "wounded": true, "wounding": true, "injured": true, "injuring": true,
	"destroyed": true, "damaged": true, "ripped": true, "tore": true,
	"exploded": true, "detonated": true, // "exploded near an army checkpoint"
	"thrown": true, "hurled": true, "lobbed": true, // "a grenade was thrown at a police patrol"
}

// actsOn are triggers that are active verbs whose object follows them.
var actsOn = map[string]bool{
	"killed": true, "killing": true, "attacked": true, "attacking": true, "ambushed": true,
	"shelled": true, "bombed": true, "raided": true, "abducted": true, "kidnapped": true,
	"targeted": true, "targeting": true, "wounded": true, "wounding": true, "shot": true,
}

// harmsNext reports a trigger h that is the subject of a verb of harm
// whose object is m, with no more than a few words between: "a roadside
// bomb hit a police vehicle".
func (a *analysis) harmsNext(h hit, m mention) bool {
	if m.first < h.last || m.first-h.last > 6 {
		return false
	}
	if actsOn[a.toks[h.first].key] {
		// the trigger is the verb: "killed at least 30 soldiers",
		// with no subject named before it
		for k := h.last; k < m.first; k++ {
			if a.toks[k].kind == 'p' {
				return false
			}
		}
		return true
	}
	for k := h.last; k < m.first; k++ {
		if a.toks[k].kind == 'p' {
			return false
		}
		if harmVerbs[a.toks[k].key] {
			return true
		}
	}
	return false
}

// skipModifiers walks back from b over determiners, numbers and hedges
// ("by two suspected armed men"), stopping above floor.
func (a *analysis) skipModifiers(b, floor int) int {
	for n := 0; b > floor && b >= 0 && n < 4; n++ {
		k := a.toks[b].key
		switch k {
		case "the", "a", "an", "suspected", "unidentified", "unknown", "alleged", "presumed", "several", "some", "armed", "masked", "other":
			b--
			continue
		}
		if _, e := numberAt(a.toks, b); e == b+1 {
			b--
			continue
		}
		break
	}
	return b
}

// verbBetween reports whether the words between x and y can hold the verb
// of "x targeted y": some words, none of them linking y to x as an ally, an
// alternative or a part ("x or y", "x and local y", "x loyal to y").
func (a *analysis) verbBetween(x, y mention) bool {
	if y.first <= x.last {
		return false
	}
	for k := x.last; k < y.first; k++ {
		if lex.link[a.toks[k].key] || a.toks[k].kind == 'p' || lex.shortLink[a.toks[k].key] && y.first-x.last <= 3 {
			return false
		}
	}
	return true
}

// triggerBetween reports whether a trigger of sentence si lies between
// mentions x and y.
func (a *analysis) triggerBetween(si int, x, y mention) bool {
	for _, hi := range a.sentHits.of(si) {
		if h := a.hits[hi]; h.first >= x.last && h.last <= y.first && lex.triggers[h.trig].Weight > 0 {
			return true
		}
	}
	return false
}

// joined reports whether x and y form one coordinated subject ("A and B").
func joined(a *analysis, x, y mention) bool {
	if x.last > y.first {
		return false
	}
	for k := x.last; k < y.first; k++ {
		switch a.toks[k].key {
		case "and", ",", "the", "its", "their", "allied", "affiliated":
		default:
			return false
		}
	}
	return true
}

func adjacent(a *analysis, x, y mention) bool {
	if x.first > y.first {
		x, y = y, x
	}
	if y.first-x.last > 3 {
		return false
	}
	sawAnd := false
	for k := x.last; k < y.first; k++ {
		switch a.toks[k].key {
		case "and", "with", "alongside", "backed", "supported":
			sawAnd = true
		case ",", "the", "its", "their", "allied", "by":
		default:
			return false
		}
	}
	return sawAnd
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// normalizeRoles applies ACLED's conventions for who the actors of each
// type are: demonstrators first, perpetrators before victims, two armed
// sides in a battle.
func (a *analysis) normalizeRoles(typ string, r roleSet, iso3 string) roleSet {
	generic := func(kind string) sitrep.Actor {
		for i, e := range lex.actors {
			if e.Kind == kind && strings.Contains(e.Name, "{country}") {
				return actorName(mention{entry: i}, iso3)
			}
		}
		return sitrep.Actor{}
	}
	// named returns the generic actor whose name starts with prefix.
	named := func(prefix string) sitrep.Actor {
		for i, e := range lex.actors {
			if strings.HasPrefix(e.Name, prefix) {
				return actorName(mention{entry: i}, iso3)
			}
		}
		return sitrep.Actor{}
	}
	unknownArmed := func() sitrep.Actor { return named("Unidentified Armed Group") }
	unknownAirForce := func() sitrep.Actor { return named("Unidentified Military Forces") }
	isState := func(k string) bool { return k == "military" || k == "police" || k == "state" }
	tx := lex.taxa[typ]
	switch tx.EventType {
	case "Protests":
		var state sitrep.Actor
		var ss sitrep.Span
		if isState(r.a1kind) {
			state, ss = r.a1, r.s1
		} else if isState(r.a2kind) {
			state, ss = r.a2, r.s2
		}
		s1 := r.s1
		if r.a1kind != "protesters" && r.a2kind == "protesters" {
			s1 = r.s2
		}
		r.a1, r.s1 = generic("protesters"), s1
		r.a2, r.s2 = sitrep.Actor{}, sitrep.Span{}
		if typ != "Peaceful protest" {
			r.a2, r.s2 = state, ss
		}
		if typ == "Peaceful protest" {
			r.assoc2 = ""
		}
	case "Riots":
		var other sitrep.Actor
		var os sitrep.Span
		switch {
		case isState(r.a1kind):
			other, os = r.a1, r.s1
		case isState(r.a2kind):
			other, os = r.a2, r.s2
		case r.a2kind == "civilians":
			other, os = generic("civilians"), r.s2
		}
		if typ == "Mob violence" && other.Name == "" {
			other = generic("civilians")
		}
		s1 := r.s1
		if r.a1kind != "rioters" && r.a2kind == "rioters" {
			s1 = r.s2
		}
		r.a1, r.s1 = generic("rioters"), s1
		r.a2, r.s2 = other, os
	case "Violence against civilians":
		if r.a1kind == "civilians" || r.a1kind == "protesters" {
			r.a1, r.a2, r.s1, r.s2, r.a1kind, r.a2kind = r.a2, r.a1, r.s2, r.s1, r.a2kind, r.a1kind
		}
		if r.a1.Name == "" || r.a1kind == "civilians" || r.a1kind == "protesters" || r.a1kind == "rioters" || r.a1kind == "government" {
			r.a1, r.s1 = unknownArmed(), sitrep.Span{}
		}
		if r.a2kind != "civilians" {
			r.a2 = generic("civilians")
		}
	case "Battles":
		if r.a1kind == "civilians" || r.a1kind == "protesters" {
			r.a1, r.s1 = sitrep.Actor{}, sitrep.Span{}
		}
		if r.a2kind == "civilians" || r.a2kind == "protesters" {
			r.a2, r.s2 = sitrep.Actor{}, sitrep.Span{}
		}
		if r.a1.Name == "" && r.a2.Name != "" {
			r.a1, r.s1, r.a2, r.s2 = r.a2, r.s2, sitrep.Actor{}, sitrep.Span{}
		}
		if r.a1.Name == "" {
			r.a1 = unknownArmed()
		}
		if r.a2.Name == "" {
			r.a2 = unknownArmed()
			if strings.Contains(r.a1.Name, "Unidentified") && (r.a1.Inter == 4 || a.rivals(r.s1)) {
				// "clans clashed", "two rival gangs fought": both sides
				// are groups alike
				r.a2 = r.a1
			}
		}
	case "Explosions/Remote violence":
		if r.a1kind == "civilians" {
			r.a1, r.a2, r.s1, r.s2, r.a1kind, r.a2kind = r.a2, r.a1, r.s2, r.s1, r.a2kind, r.a1kind
		}
		if typ == "Suicide bomb" && (r.a1kind == "military" || r.a1kind == "police" || r.a1kind == "state") && (r.a2.Name == "" || r.a2kind == "civilians") {
			// no state's forces blow themselves up: the soldiers named
			// alone ("a checkpoint manned by Iraqi soldiers") were the
			// target (beside an armed group, "Iraqi forces killed two IS
			// suicide bombers", they may have fought it)
			r.assoc2 = r.a2.Name
			r.a2, r.s2, r.a2kind = r.a1, r.s1, r.a1kind
			r.a1, r.s1, r.a1kind = sitrep.Actor{}, sitrep.Span{}, ""
		}
		if r.a1.Name == "" {
			switch {
			case typ != "Air/drone strike":
				// explosions, shells or rockets whose side the text does
				// not tell: an unidentified armed group
				r.a1 = unknownArmed()
			case r.a2.Name != "":
				// A target struck from the air by someone the text does
				// not name — civilians, or "a drone strike killed a
				// senior al-Shabaab commander": the target is never the
				// actor who struck (in ACLED, civilians are actor1 of no
				// violent event), and the striker is an air force, as for
				// "unidentified warplanes". With no actor1, the target
				// would stand first and read as the striker.
				r.a1 = unknownAirForce()
			}
		}
		if r.a2kind == "civilians" {
			r.a2 = generic("civilians")
		}
	case "Strategic developments":
		if typ == "Looting/property destruction" {
			// property destroyed by someone unnamed: ACLED's armed group
			// against civilians
			if r.a1.Name == "" || r.a1kind == "civilians" {
				r.a1, r.s1, r.a1kind = unknownArmed(), sitrep.Span{}, "generic"
			}
			if r.a2.Name == "" || r.a2kind == "civilians" {
				r.a2, r.a2kind = generic("civilians"), "civilians"
			}
		}
		if r.a1kind == "civilians" && r.a2.Name != "" {
			r.a1, r.a2, r.s1, r.s2 = r.a2, r.a1, r.s2, r.s1
		}
		if r.a2kind == "civilians" {
			r.a2 = generic("civilians")
		}
	}
	if r.a1.Name == r.a2.Name && typ != "Armed clash" {
		r.a2, r.s2 = sitrep.Actor{}, sitrep.Span{}
	}
	return r
}

// rivals reports an actor named as two sides alike: "rival gangs", "two
// cartels".
func (a *analysis) rivals(sp sitrep.Span) bool {
	if !sp.Valid() || sp.End > len(a.text) {
		return false
	}
	i := a.tokenAt(sp.Start)
	if i < 0 {
		return false
	}
	for k := max(i-2, 0); k < len(a.toks) && a.toks[k].end <= sp.End; k++ {
		if w := a.toks[k].key; w == "rival" || w == "two" || w == "rivals" {
			return true
		}
	}
	return false
}

// armedVictim reports whether the people a figure in sentence si counts bear
// arms for a group: "a militia fighter was shot dead", "killed a reaction
// force officer", "wounded a member of his escort". It returns the actor
// mention that names them or the group they belong to, when the text names
// one (v.last > v.first).
func (a *analysis) armedVictim(si int) (v mention, ok bool) {
	s := a.sents[si]
	for _, c := range a.claims {
		if c.sent != si || c.Victims == "" || c.coded || (c.Kind != sitrep.Killed && c.Kind != sitrep.Wounded) {
			continue
		}
		off := strings.Index(a.text[c.Span.Start:s.end], c.Victims)
		if off < 0 {
			continue
		}
		vs, ve := c.Span.Start+off, c.Span.Start+off+len(c.Victims)
		first, last := -1, -1
		for i := s.first; i < s.last; i++ {
			if a.toks[i].start >= vs && first < 0 {
				first = i
			}
			if a.toks[i].end <= ve {
				last = i + 1
			}
		}
		if first < 0 || last <= first {
			continue
		}
		civil := false
		for _, mi := range a.sentActors.of(si) {
			if m := a.actors[mi]; m.first >= first && m.last <= last && m.armed() {
				if a.civilRole(m) {
					civil = true
					break
				}
				return m, true
			}
		}
		for i := first; i < last; i++ {
			civil = civil || lex.civilRole[a.toks[i].key]
		}
		if civil {
			continue
		}
		head := a.toks[last-1].key
		if lex.combatant[head] {
			return mention{}, true
		}
		if !lex.member[head] {
			continue
		}
		// "a gang member"
		if last-2 >= first && lex.combatant[a.toks[last-2].key] {
			return mention{}, true
		}
		// "a member of the gang", "members from Barrio 18"
		k := last
		if k < s.last && (a.toks[k].key == "of" || a.toks[k].key == "from") {
			k++
			for k < s.last && (lex.determiner[a.toks[k].key] || a.toks[k].key == "a" || a.toks[k].key == "rival") {
				k++
			}
			for _, mi := range a.sentActors.of(si) {
				if m := a.actors[mi]; m.first == k && m.armed() {
					return m, true
				}
			}
			for e := k; e < s.last && e < k+3 && a.toks[e].kind == 'w'; e++ {
				if lex.combatant[a.toks[e].key] {
					return mention{}, true
				}
			}
		}
	}
	return mention{}, false
}

// civilRole reports an armed actor's name made a civilian's by the word
// before it: "a former soldier", "retired police officers".
func (a *analysis) civilRole(m mention) bool {
	if m.first > 0 && lex.civilRole[a.toks[m.first-1].key] {
		return true
	}
	// "a police officer who was off duty"
	s := a.sents[a.sentOf[m.first]]
	for k := m.last; k < s.last && k < m.last+8 && a.toks[k].kind != 'p'; k++ {
		if a.toks[k].key == "off-duty" || a.toks[k].key == "off" && k+1 < s.last && a.toks[k+1].key == "duty" {
			return true
		}
	}
	return false
}

// countedTargets makes actor1 the target when it is among the people a
// figure of the anchor sentence counts (see countedActor1), in a bombing
// or an attack on civilians, or when it is civilians in any violence: in a
// battle the soldiers and fighters killed are its sides, civilians killed
// never are.
func (a *analysis) countedTargets(d *eventDraft, typ string, r roleSet) roleSet {
	tx := lex.taxa[typ]
	if r.a2.Name == "" && isArmedKind(r.a1kind) && (tx.EventType == "Explosions/Remote violence" || tx.EventType == "Violence against civilians") {
		if m, ok := a.countedCivilians(d); ok {
			// "17 people were killed in regime air strikes": the people
			// counted are the target, named before the armed party
			r.a2, r.s2, r.a2kind, r.a2armed, r.a2civ = actorName(m, a.iso3), a.tokSpan(m.first, m.last), "civilians", false, true
			return r
		}
	}
	if !(tx.EventType == "Explosions/Remote violence" || tx.EventType == "Violence against civilians" || r.a1kind == "civilians") || !a.countedActor1(d, r) {
		return r
	}
	switch {
	case r.a2.Name == "":
		r.a2, r.s2, r.a2kind, r.a2armed, r.a2civ = r.a1, r.s1, r.a1kind, isArmedKind(r.a1kind), r.a1kind == "civilians"
		r.a1, r.s1, r.a1kind = sitrep.Actor{}, sitrep.Span{}, ""
	case r.a2kind == "civilians" && isArmedKind(r.a1kind):
		// "five soldiers and two civilians were killed"
		if r.assoc2 == "" {
			r.assoc2 = r.a2.Name
		}
		r.a2, r.s2, r.a2kind, r.a2armed, r.a2civ = r.a1, r.s1, r.a1kind, true, false
		r.a1, r.s1, r.a1kind = sitrep.Actor{}, sitrep.Span{}, ""
	case isArmedKind(r.a2kind):
		// "two soldiers were wounded when Hamas militants fired a missile
		// at their vehicle": the armed party named beside them fired
		armed1 := isArmedKind(r.a1kind)
		r.a1, r.a2, r.s1, r.s2, r.a1kind, r.a2kind = r.a2, r.a1, r.s2, r.s1, r.a2kind, r.a1kind
		r.a2armed, r.a2civ = armed1, r.a2kind == "civilians"
	}
	return r
}

// countedCivilians returns a mention of civilians that a figure of the
// anchor sentence counts as killed or wounded.
func (a *analysis) countedCivilians(d *eventDraft) (mention, bool) {
	for _, c := range a.claims {
		if c.sent != d.anchor.sent || c.Kind != sitrep.Killed && c.Kind != sitrep.Wounded || c.Denied {
			continue
		}
		for _, mi := range a.sentActors.of(c.sent) {
			m := a.actors[mi]
			if m.kind() == "civilians" && a.toks[m.first].start >= c.Span.Start && a.toks[m.last-1].end <= c.Span.End {
				return m, true
			}
		}
	}
	return mention{}, false
}

// countedActor1 reports whether actor1, as read from the text, is among
// the people a figure of the anchor sentence counts as killed, wounded or
// taken — "five soldiers were killed when their vehicle hit a roadside
// bomb", "a drone strike killed a senior al-Shabaab commander": they were
// hit, they did not strike.
func (a *analysis) countedActor1(d *eventDraft, r roleSet) bool {
	if !r.s1.Valid() {
		return false
	}
	for _, c := range a.claims {
		// "five soldiers were killed", "a drone strike killed a senior
		// al-Shabaab commander"; but not "the toll from the army's raid
		// rose to 5"
		if c.sent != d.anchor.sent || c.toll || c.Denied {
			continue
		}
		switch c.Kind {
		case sitrep.Killed, sitrep.Wounded, sitrep.Captured, sitrep.Missing:
		default:
			continue
		}
		if c.Span.Start <= r.s1.Start && r.s1.End <= c.Span.End {
			return true
		}
	}
	return false
}

// communalClash reads "clashes between herders and farmers": two groups of
// people, each named by what they do or where they live, that fight each
// other are communal militias (ACLED's interaction 44), not civilians and
// not a mob. It returns the mentions of both, or false.
func (a *analysis) communalClash(d *eventDraft) (x, y mention, ok bool) {
	if d.anchor.trig < 0 || lex.triggers[d.anchor.trig].Type != "Armed clash" {
		return mention{}, mention{}, false
	}
	s := a.sents[d.anchor.sent]
	for i := d.anchor.first; i < s.last && i <= d.anchor.last+1; i++ {
		if a.toks[i].key != "between" {
			continue
		}
		var found []mention
		for _, m := range a.actors {
			if m.first > i && m.last <= s.last && m.first <= i+8 {
				found = append(found, m)
			}
		}
		if len(found) < 2 || found[0].kind() != "civilians" || found[1].kind() != "civilians" {
			return mention{}, mention{}, false
		}
		if j := found[0].last; j >= s.last || a.toks[j].key != "and" || found[1].first > j+2 {
			return mention{}, mention{}, false
		}
		return found[0], found[1], true
	}
	return mention{}, mention{}, false
}

// isArmedKind reports whether an actor kind bears arms.
func isArmedKind(kind string) bool {
	switch kind {
	case "named", "state", "military", "police", "generic":
		return true
	}
	return false
}
