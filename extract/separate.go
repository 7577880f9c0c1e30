package extract

import (
	"math"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// Background events.
//
// A sentence that tells a distinct act in a vague past ("rebels and troops
// clashed several times last year", "militants have kidnapped dozens since
// 2015") is an event of its own, typed like any other, but it has no day:
// its event_date and date_end are empty, time_precision is 3 (the coarsest
// ACLED allows) and the notes start "Background (last year):". Downstream an
// event without a date matches no other event when reports are reconciled,
// and no date can fall before a cut-off. Its place is only a place named in
// its own sentence; "in the area" does not borrow the main event's place.

// maxBackground bounds the background events of one document: history is
// context, not the news.
const maxBackground = 2

// backgroundEvents returns the background events of the document.
func (a *analysis) backgroundEvents(secondary []bool, room int) []sitrep.Event {
	var out []sitrep.Event
	for si := range a.sents {
		if len(out) >= min(room, maxBackground) {
			break
		}
		if !a.bg[si] || secondary[si] {
			continue
		}
		cue, ok := a.backgroundCue(si)
		if !ok {
			continue
		}
		scores := map[string]float64{}
		n := 0
		for _, h := range a.hits {
			if h.sent != si || h.mishap || !a.sameClause(h.first, cue.span[0]) {
				continue
			}
			tr := lex.triggers[h.trig]
			if g := group(tr.Type); g == "agree" || tr.Type == "#none" || g == "protest" && tr.Type != "Mob violence" {
				continue
			}
			scores[tr.Type] += tr.Weight
			n++
		}
		if n == 0 || a.runningToll(si, scores) {
			continue
		}
		typ := decide(scores)
		if typ == "" {
			continue
		}
		d := &eventDraft{typ: typ, sents: map[int]bool{si: true}}
		d.anchor = a.anchorFor(typ, d.sents)
		ev := a.build(d, false)
		phrase := a.text[a.toks[cue.span[0]].start:a.toks[cue.span[1]-1].end]
		if ev.SubEventType == "Armed clash" {
			a.mutualSides(&ev, d.anchor)
		}
		ev.EventDate, ev.DateEnd, ev.TimePrecision = "", "", 3
		ev.Evidence["event_date"] = a.tokSpan(cue.span[0], cue.span[1])
		ev.Notes = "Background (" + phrase + "): " + notes(ev, lex.taxa[ev.SubEventType], a.denial(d, a.iso3))
		out = append(out, ev)
	}
	return out
}

// backgroundCue returns the vague or old time of a background sentence.
func (a *analysis) backgroundCue(si int) (dateCue, bool) {
	for _, c := range a.dates {
		if c.background && c.span[0] >= 0 && c.span[0] < len(a.toks) && c.span[1] > c.span[0] && c.span[1] <= len(a.toks) && a.sentOf[c.span[0]] == si {
			return c, true
		}
	}
	return dateCue{}, false
}

// sameClause reports whether tokens i and j lie in one clause: close, with no
// semicolon or colon between them.
func (a *analysis) sameClause(i, j int) bool {
	if i > j {
		i, j = j, i
	}
	if j-i > 25 {
		return false
	}
	for k := i; k < j; k++ {
		if k := a.toks[k].key; k == ";" || k == ":" {
			return false
		}
	}
	return true
}

// runningToll reports a conflict's running toll ("the war has killed more
// than 300,000 people since 2011"): killing words only, with the war itself
// as the subject.
func (a *analysis) runningToll(si int, scores map[string]float64) bool {
	for t := range scores {
		if t != "#violence" {
			return false
		}
	}
	s := a.sents[si]
	for i := s.first; i < s.last; i++ {
		if lex.words[a.toks[i].key] == "overall" {
			return true
		}
	}
	return false
}

// Separate incidents.
//
// A report often adds another incident: "In a separate attack, a roadside
// bomb killed two soldiers in Kirkuk on Monday." Such a sentence (and the
// rest of its paragraph) becomes its own event when it is opened by a
// separator ("separately", "in a separate", "elsewhere", "meanwhile", "in
// another", "also on") and tells of a place more than 25 km from the main
// event's place or in another admin1, or of another day written in that
// sentence. Without a separator nothing is split: in tests on news text,
// unmarked sentences in other places were mostly the same story's history or
// its wider context. A separator sentence that refers back ("the attack")
// is the same act. Following ACLED, strikes inside an ongoing battle join the
// battle: an incident at the main event's place on its day is never split.
// Claims belong to the event whose sentences tell them.

// sepKm is how far apart two places must be to be two incidents.
const sepKm = 25

// incidentCandidates returns the sentences that may tell another incident,
// each with the sentences that continue it, in text order. A candidate never
// contains the main event's anchor sentence.
func (a *analysis) incidentCandidates(main *eventDraft) []map[int]bool {
	var out []map[int]bool
	taken := map[int]bool{}
	for si := range a.sents {
		if !main.sents[si] || si == main.anchor.sent || taken[si] || !a.violentSentence(si) {
			continue
		}
		if !a.separatorAt(si) && !a.reactionAt(si) {
			continue // a reaction is an act of its own, too
		}
		ext := map[int]bool{si: true}
		// the rest of the paragraph continues the incident
		for sj := si + 1; sj < len(a.sents) && sj <= si+3; sj++ {
			if a.toks[a.sents[sj].first].nl || !main.sents[sj] || sj == main.anchor.sent || a.separatorAt(sj) {
				break
			}
			ext[sj] = true
		}
		for sj := range ext {
			taken[sj] = true
		}
		out = append(out, ext)
	}
	return out
}

// violentSentence reports a sentence with a trigger of violence.
func (a *analysis) violentSentence(si int) bool {
	for _, hi := range a.sentHits.of(si) {
		if h := a.hits[hi]; group(lex.triggers[h.trig].Type) == "violence" && lex.triggers[h.trig].Type != "#none" {
			return true
		}
	}
	return false
}

// separatorAt reports a sentence opened by a separator cue.
func (a *analysis) separatorAt(si int) bool {
	s := a.sents[si]
	first := s.first
	for first < s.last && a.toks[first].kind == 'p' {
		first++ // an opening quote or dash
	}
	if first >= s.last {
		return false
	}
	if a.toks[first].class() == "separator" {
		return true
	}
	if !a.toks[first].is(wPhrase) {
		return false
	}
	var buf [64]byte
	for n := 2; n <= 3 && first+n <= s.last; n++ {
		if lex.words[string(appendKeys(buf[:0], a.toks[first:first+n]))] == "separator" {
			return true
		}
	}
	return false
}

// reactionReach bounds the subject before a verb of reaction.
const reactionReach = 6

// reactionAt reports a sentence that tells a reaction to the story's
// event, a later act of its own: "Hezbollah responded by firing rockets",
// "the army retaliated with air strikes" ("responded with gunfire" is
// the fighting itself, a trigger of its own).
func (a *analysis) reactionAt(si int) bool {
	s := a.sents[si]
	for k := s.first; k+1 < s.last && k <= s.first+reactionReach; k++ {
		switch a.toks[k].key {
		case "responded":
			if a.toks[k+1].key == "by" {
				return true
			}
		case "retaliated", "retaliates":
			return true
		case "hit":
			if a.toks[k+1].key == "back" {
				return true
			}
		}
		if a.toks[k].kind == 'p' {
			return false
		}
	}
	return false
}

// separateIncidents splits other incidents off the main draft. It returns
// their events and the main draft's sentences without them; with no split
// the draft is unchanged.
func (a *analysis) separateIncidents(main *eventDraft, mainEv sitrep.Event, room int) []sitrep.Event {
	cands := a.incidentCandidates(main)
	if len(cands) == 0 || room <= 0 {
		return nil
	}
	rest := map[int]bool{}
	for si := range main.sents {
		rest[si] = true
	}
	for _, c := range cands {
		for si := range c {
			delete(rest, si)
		}
	}
	// the main event as told without the candidates: what they are compared to
	core := &eventDraft{typ: main.typ, sents: rest}
	core.anchor = a.anchorFor(main.typ, rest)
	if core.anchor.trig < 0 || !rest[core.anchor.sent] {
		return nil
	}
	coreEv := a.build(core, true)
	var out []sitrep.Event
	for _, c := range cands {
		if len(out) >= room {
			break
		}
		scores := map[string]float64{}
		for _, h := range a.hits {
			if c[h.sent] && !h.mishap {
				scores[lex.triggers[h.trig].Type] += lex.triggers[h.trig].Weight
			}
		}
		typ := decide(scores)
		if typ == "" || group(typ) != "violence" && typ != "#takeover" {
			continue
		}
		d := &eventDraft{typ: typ, sents: c}
		d.anchor = a.anchorFor(typ, c)
		ev := a.build(d, false)
		if !a.distinctIncident(c, coreEv, ev) {
			continue
		}
		if _, dated := ev.Evidence["event_date"]; !dated && mainEv.EventDate != "" {
			// told with no day of its own ("Hezbollah responded by
			// firing rockets"): the day of the story's event, not of
			// its publication
			ev.EventDate, ev.DateEnd, ev.TimePrecision = mainEv.EventDate, mainEv.DateEnd, mainEv.TimePrecision
			ev.Notes = notes(ev, lex.taxa[ev.SubEventType], a.denial(d, a.iso3))
		}
		for si := range c {
			delete(main.sents, si)
		}
		out = append(out, ev)
	}
	return out
}

// distinctIncident decides whether an event told in sentences c is another
// incident than the main one.
func (a *analysis) distinctIncident(c map[int]bool, mainEv, ev sitrep.Event) bool {
	first := -1
	for si := range c {
		if first < 0 || si < first {
			first = si
		}
	}
	reaction := a.reactionAt(first)
	if !a.separatorAt(first) && !reaction {
		return false
	}
	if reaction && ev.Actor1 != "" && ev.Actor1 != mainEv.Actor1 {
		return true // "Hezbollah responded by firing rockets": another party's act
	}
	// "Meanwhile, the monitor said the attack killed ...": the same act
	for _, h := range a.hits {
		if h.sent == first && h.first > 0 && group(lex.triggers[h.trig].Type) == "violence" {
			if p := a.toks[h.first-1].key; p == "the" || p == "this" || p == "that" || p == "its" {
				return false
			}
			break
		}
	}
	// another day: one written in the opening sentence itself
	otherDay := false
	if sp, ok := ev.Evidence["event_date"]; ok && a.sentAt(sp.Start) == first {
		otherDay = ev.EventDate != "" && mainEv.EventDate != "" && ev.EventDate != mainEv.EventDate
	}
	otherPlace := false
	sameAdmin1 := ev.Admin1 != "" && strings.EqualFold(ev.Admin1, mainEv.Admin1)
	if ev.Location != "" && mainEv.Location != "" && !(sameAdmin1 && strings.EqualFold(ev.Location, ev.Admin1)) {
		// (a province named inside the main event's province is no other place)
		if ev.Admin1 != "" && mainEv.Admin1 != "" && !strings.EqualFold(ev.Admin1, mainEv.Admin1) {
			otherPlace = true
		}
		if haversineKm(ev.Latitude, ev.Longitude, mainEv.Latitude, mainEv.Longitude) > sepKm {
			otherPlace = true
		}
	}
	return otherPlace || otherDay
}

// haversineKm is the great-circle distance between two points in km.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(min(h, 1)))
}

// mutualSides reads "A and B clashed", "A and B fighters were involved in
// skirmishes": two parties joined before a clash are its two sides, not
// allies.
func (a *analysis) mutualSides(ev *sitrep.Event, anchor hit) {
	var before []mention
	for _, m := range a.actors {
		if a.sentOf[m.first] == anchor.sent && m.last <= anchor.first {
			switch m.kind() {
			case "monitor", "civilians", "protesters", "rioters":
				continue
			}
			before = append(before, m)
		}
	}
	if len(before) < 2 {
		return
	}
	x, y := before[0], before[1]
	ax, ay := actorName(x, a.iso3), actorName(y, a.iso3)
	if !joined(a, x, y) || ax.Name == "" || ay.Name == "" || ax.Name == ay.Name {
		return
	}
	ev.Actor1, ev.Inter1, ev.Actor2, ev.Inter2 = ax.Name, ax.Inter, ay.Name, ay.Inter
	ev.AssocActor1, ev.AssocActor2 = "", ""
	ev.Interaction = sitrep.Interaction(ev.Inter1, ev.Inter2)
	ev.Evidence["actor1"] = a.tokSpan(x.first, x.last)
	ev.Evidence["actor2"] = a.tokSpan(y.first, y.last)
}
