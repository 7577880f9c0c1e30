package extract

import "github.com/sitrep-dev/sitrep"

// Claims of responsibility. A report of a bombing names the target as
// often as the attacker — "a car bomb exploded at a police checkpoint" —
// and the attacker, when it is known, often only in the group's own claim
// further down: "Al Shabaab said it had carried out the attack", "the
// Islamic State group claimed responsibility". Such a claim names the
// event's actor1 better than the sentence that tells the act.

// claimedBy returns the armed actor that claims the act of event d, from
// a sentence of the event: the subject of "claimed responsibility",
// "claimed the attack", "said it carried out", or the agent of
// "responsibility was claimed by". A claim under a negation ("no group has
// claimed responsibility", "denied it carried out") is none.
func (a *analysis) claimedBy(d *eventDraft) (mention, bool) {
	if !d.claimRead {
		d.claimer, d.claimed = a.findClaimer(d)
		d.claimRead = true
	}
	return d.claimer, d.claimed
}

// findClaimer is claimedBy, uncached.
func (a *analysis) findClaimer(d *eventDraft) (mention, bool) {
	for si, s := range a.sents {
		if !d.sents[si] {
			continue
		}
		for i := s.first; i < s.last; i++ {
			verb, ok := a.claimVerb(i, s)
			if !ok {
				continue
			}
			if verb < 0 {
				// "responsibility was claimed by X"
				if m, ok := a.actorAfter(i, s); ok {
					return m, true
				}
				continue
			}
			if m, ok := a.subjectBefore(verb, s); ok {
				return m, true
			}
		}
	}
	return mention{}, false
}

// claimedActs are the acts a group claims: "claimed the attack".
var claimedActs = map[string]bool{
	"attack": true, "attacks": true, "bombing": true, "bombings": true, "blast": true, "blasts": true,
	"explosion": true, "explosions": true, "assault": true, "ambush": true, "killing": true, "killings": true,
	"strike": true, "strikes": true, "raid": true, "raids": true, "operation": true, "operations": true,
	"assassination": true, "shooting": true, "downing": true, "kidnapping": true, "abduction": true,
}

// claimVerb reports whether token i opens a claim of responsibility, and
// returns the token of the verb whose subject makes the claim, or -1 when
// the claimant follows ("was claimed by").
func (a *analysis) claimVerb(i int, s sentence) (int, bool) {
	toks := a.toks
	next := func(k int) string {
		if k < s.last {
			return toks[k].key
		}
		return ""
	}
	switch toks[i].key {
	case "claimed", "claims", "claim", "claiming", "admitted", "accepted", "assumed", "took", "takes":
		k := i + 1
		if next(k) == "full" || next(k) == "the" {
			k++
		}
		switch next(k) {
		case "responsibility", "credit":
			return i, true
		}
		if toks[i].key == "claimed" || toks[i].key == "claims" || toks[i].key == "claiming" {
			// "Al Shabaab claimed the attack", "the Houthis claimed a
			// drone attack on", "claimed two suicide bombings"; "IS
			// claimed to have killed"
			if next(i+1) == "to" && next(i+2) == "have" {
				return i, true
			}
			// A determiner may bring up to two modifiers ("a drone
			// attack", "the twin suicide bombings"); without one, the
			// act comes next ("claimed attacks on").
			k, reach := i+1, 0
			switch next(k) {
			case "the", "a", "an", "two", "three", "both", "several", "its", "their":
				k, reach = k+1, 2
			}
			for m := 0; m <= reach && k+m < s.last; m++ {
				if claimedActs[next(k+m)] {
					return i, true
				}
				if t := toks[k+m]; t.kind != 'w' {
					break
				}
			}
		}
	case "responsibility":
		// "responsibility was claimed by X"
		if next(i+1) == "was" && next(i+2) == "claimed" && next(i+3) == "by" {
			return -1, true
		}
	case "it", "its", "they", "their":
		// "X said it (had) carried out the attack", "X said its
		// fighters carried out": the words after "it" first, which
		// rarely match, then the verb of saying before it
		k := i + 1
		if toks[i].key == "its" || toks[i].key == "their" {
			if k >= s.last || lex.words[toks[k].key] != "person" && !ownForces[toks[k].key] {
				return 0, false
			}
			k++
		}
		if next(k) == "had" || next(k) == "has" || next(k) == "have" {
			k++
		}
		did := next(k) == "carried" && next(k+1) == "out" || next(k) == "was" && next(k+1) == "behind" || next(k) == "were" && next(k+1) == "behind"
		switch next(k) {
		// "the military said it struck Hamas militants"
		case "conducted", "struck", "attacked", "targeted", "bombed", "shelled", "hit", "killed", "launched", "fired", "destroyed",
			"recaptured", "retook", "regained", "captured", "seized", "repelled", "repulsed", "liberated",
			"defused", "intercepted", "foiled", "thwarted", "dismantled", "arrested", "detained":
			did = true
		}
		if !did {
			return 0, false
		}
		// the verb of saying may be a few words back: "said in a
		// statement on its radio station that it had carried out"
		b := i - 1
		for b >= s.first && b >= i-10 && toks[b].class() != "said" && toks[b].key != ";" {
			b--
		}
		if b >= s.first && b >= i-10 && toks[b].class() == "said" {
			return b, true
		}
	}
	return 0, false
}

// ownForces are the nouns after "its" that name a party's own forces:
// "Turkey said its jets struck PKK targets".
var ownForces = map[string]bool{
	"fighters": true, "forces": true, "militants": true, "troops": true, "soldiers": true, "jets": true,
	"warplanes": true, "aircraft": true, "drones": true, "artillery": true, "units": true, "men": true,
}

// negated reports whether a negation or a denial stands in tokens [i, j).
func (a *analysis) negated(i, j int) bool {
	for k := max(i, 0); k < j; k++ {
		switch a.toks[k].key {
		case "no", "not", "n't", "never", "nobody", "denied", "denies", "deny", "denying", "yet":
			return true
		}
	}
	return false
}

// subjectBefore returns the armed actor named last before the verb at v
// in sentence s, with no negation between them.
func (a *analysis) subjectBefore(v int, s sentence) (mention, bool) {
	for k := len(a.actors) - 1; k >= 0; k-- {
		m := a.actors[k]
		if m.last > v || m.first < s.first {
			continue
		}
		if !m.armed() {
			return mention{}, false
		}
		if a.negated(s.first, v) {
			return mention{}, false
		}
		return m, true
	}
	return mention{}, false
}

// actorAfter returns the armed actor named first after token i in s.
func (a *analysis) actorAfter(i int, s sentence) (mention, bool) {
	for _, m := range a.actors {
		if m.first > i && m.last <= s.last {
			if m.armed() && !a.negated(s.first, i) {
				return m, true
			}
			return mention{}, false
		}
	}
	return mention{}, false
}

// claimRoles makes the actor that claims the act actor1. The actor read
// as actor1 from the text of the act becomes actor2 when it bore arms — it
// was the target ("a bomb exploded at a police checkpoint") — and the
// civilians that were actor2 go with the victims, as ACLED's associated
// actor.
func (a *analysis) claimRoles(d *eventDraft, r roleSet, iso3 string) roleSet {
	m, ok := a.claimedBy(d)
	if !ok {
		return r
	}
	ac := actorName(m, iso3)
	if ac.Name == r.a1.Name {
		return r
	}
	old, oldSpan, oldKind := r.a1, r.s1, r.a1kind
	r.a1, r.s1, r.a1kind = ac, a.tokSpan(m.first, m.last), m.kind()
	switch {
	case ac.Name == r.a2.Name:
		// the text had the claimant as the target
		r.a2, r.s2, r.a2kind, r.a2armed, r.a2civ = old, oldSpan, oldKind, false, oldKind == "civilians"
		if isArmedKind(oldKind) {
			r.a2armed = true
		}
	case old.Name != "" && isArmedKind(oldKind):
		if r.a2kind == "civilians" && r.assoc2 == "" {
			r.assoc2 = r.a2.Name
		}
		r.a2, r.s2, r.a2kind, r.a2armed, r.a2civ = old, oldSpan, oldKind, true, false
	case old.Name != "" && r.a2.Name == "":
		r.a2, r.s2, r.a2kind, r.a2armed, r.a2civ = old, oldSpan, oldKind, false, oldKind == "civilians"
	}
	return r
}

// responsibilityClaims returns the claims about the act of event d: the
// armed actor's claim of it, and a denial when no figure the event carries
// was given under one already (see sitrep.Responsibility). figures is the
// event's claims so far.
func (a *analysis) responsibilityClaims(d *eventDraft, figures []sitrep.Claim) []sitrep.Claim {
	var out []sitrep.Claim
	if m, ok := a.claimedBy(d); ok {
		out = append(out, sitrep.Claim{
			Claimant: a.text[a.toks[m.first].start:a.toks[m.last-1].end],
			Kind:     sitrep.Responsibility,
			Span:     a.tokSpan(m.first, m.last),
		})
	}
	for _, c := range figures {
		if c.Denied {
			return out
		}
	}
	for si := range a.sents {
		if !d.sents[si] {
			continue
		}
		if c, ok := a.denialClaim(si); ok {
			return append(out, c)
		}
	}
	return out
}

// denialClaim returns the denial told in sentence si: who denies, from
// the actor named before the verb of denial (or the sentence's claimant)
// to the verb.
func (a *analysis) denialClaim(si int) (sitrep.Claim, bool) {
	i, who, ok := a.denialIn(si, true)
	if !ok {
		return sitrep.Claim{}, false
	}
	c := sitrep.Claim{Kind: sitrep.Responsibility, Denied: true}
	switch {
	case who.first >= 0:
		// "The Russian defence ministry denied": the actor names the
		// claimant, and the span runs to the verb
		c.Claimant = a.text[a.toks[who.first].start:a.toks[who.last-1].end]
		c.Span = sitrep.Span{Start: a.toks[who.first].start, End: a.toks[i].end}
	case a.attrib[si].name != "":
		c.Claimant = a.attrib[si].name
		c.Span = a.tokSpan(i, i+1)
	default:
		return sitrep.Claim{}, false
	}
	return c, true
}
