package extract

import (
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// mention is an actor named in a text.
type mention struct {
	first, last int // token range
	entry       int // index into lex.actors
	home        string
	dyn         string // a community named in the text ("Murle"), for communal militias
	// implied is set for forces a nationality adjective implies ("Israeli
	// air strikes"): the text names no organisation.
	implied bool
}

func (m mention) kind() string { return lex.actors[m.entry].Kind }

// armed reports whether the mention is an organised armed actor.
func (m mention) armed() bool {
	switch m.kind() {
	case "named", "state", "military", "police", "generic":
		return lex.actors[m.entry].Inter >= 1 && lex.actors[m.entry].Inter <= 4 || lex.actors[m.entry].Inter == 8
	}
	return false
}

// countryMention is a country named or implied by an adjective.
type countryMention struct {
	first, last int
	iso3        string
}

func findCountries(text string, toks []token) []countryMention {
	var out []countryMention
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != 'w' {
			continue
		}
		end, vals := lex.countryT.longest(toks, i, len(toks))
		if end == 0 {
			continue
		}
		if end < len(toks) && (toks[end].key == "dollar" || toks[end].key == "dollars") {
			i = end - 1 // "the US dollar" is a currency
			continue
		}
		for _, v := range vals {
			a := lex.cAlias[v]
			if a.matchExact(text, toks, i, end) {
				out = append(out, countryMention{i, end, lex.countries[a.entries[0]].ISO3})
				break
			}
		}
		i = end - 1
	}
	return out
}

// countryBefore returns the country named within the few words before
// token i, in the same sentence, or "".
func countryBefore(toks []token, countries []countryMention, i int) string {
	iso3 := ""
	for _, c := range countries {
		if c.last <= i && c.first >= i-6 {
			iso3 = c.iso3
		}
	}
	if iso3 == "" {
		return ""
	}
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if toks[k].key == "." || toks[k].key == ";" {
			return ""
		}
	}
	return iso3
}

// stateWeapon holds the first words of the attacks a nationality
// adjective can only mean a state's forces for: "Israeli air strikes",
// "Russian shelling", "Turkish drone strikes".
var stateWeapon = map[string]bool{
	"air": true, "airstrike": true, "airstrikes": true, "strike": true, "strikes": true, "shelling": true,
	"bombardment": true, "bombardments": true, "bombing": true, "bombings": true, "drone": true,
	"missile": true, "missiles": true, "artillery": true, "warplane": true, "raid": true, "raids": true,
	"glide": true, "guided": true, "aerial": true, "barrel": true, "cruise": true, "ballistic": true,
}

// findActors finds actor mentions. ctx is the set of countries the text is
// about, for aliases that mean different actors in different wars.
func findActors(text string, toks []token, countries []countryMention, ctx map[string]bool) []mention {
	var out []mention
	ci := 0
	for i := 0; i < len(toks); i++ {
		if toks[i].kind == 'p' {
			continue
		}
		// nationality adjective + force noun: "Syrian army", "Turkish President"
		for ci < len(countries) && countries[ci].first < i {
			ci++
		}
		if ci < len(countries) && countries[ci].first == i {
			cm := countries[ci]
			j := cm.last
			if j < len(toks) && toks[j].key == "'s" {
				j++ // "Myanmar's junta", "Russia's warplanes": the country's own
			}
			// "Afghan National Army", "Turkish-backed": skip one modifier
			if e, m, ok := actorAt(text, toks, j, ctx, true); ok {
				k := lex.actors[m].Kind
				if k == "military" || k == "police" || k == "government" {
					out = append(out, mention{first: i, last: e, entry: m, home: cm.iso3})
					i = e - 1
					continue
				}
			}
			// "Israeli air strikes", "Russian shelling": a weapon only a
			// state's forces wield here, named by their nationality
			if m := lex.militaryAdj; m >= 0 && j < len(toks) && stateWeapon[toks[j].key] {
				out = append(out, mention{first: i, last: j, entry: m, home: cm.iso3, implied: true})
				i = j - 1
				continue
			}
		}
		// "Ukraine said its air defences", "Turkey said its jets": the
		// forces of the country named just before
		if (toks[i].key == "its" || toks[i].key == "their") && i+1 < len(toks) {
			if e, m, ok := actorAt(text, toks, i+1, ctx, true); ok && lex.actors[m].Kind == "military" {
				if iso3 := countryBefore(toks, countries, i); iso3 != "" {
					out = append(out, mention{first: i, last: e, entry: m, home: iso3})
					i = e - 1
					continue
				}
			}
		}
		// "militias from Umuleri and Aguleri": the communities after the
		// noun name the militias
		if i+2 < len(toks) && toks[i+1].key == "from" && lex.communityArmed[toks[i].key] {
			j := i + 2
			if toks[j].key == "the" {
				j++
			}
			if ms, e := communitiesAt(text, toks, j); len(ms) > 0 {
				ms[0].first = i
				out = append(out, ms...)
				i = e - 1
				continue
			}
		}
		if e, m, ok := actorAt(text, toks, i, ctx, false); ok {
			if lex.actors[m].Kind == "civilians" && e == i+1 && toks[i].key == "civilian" && e < len(toks) && lex.property[toks[e].key] {
				continue // "shelled civilian houses": a place, not people
			}
			mm := mention{first: i, last: e, entry: m, home: lex.actors[m].Home}
			// "military forces of Azerbaijan", "the police of the Philippines"
			if k := lex.actors[m].Kind; (k == "military" || k == "police" || k == "government") && mm.home == "" && e+1 < len(toks) && toks[e].key == "of" {
				j := e + 1
				if toks[j].key == "the" {
					j++
				}
				for _, c := range countries {
					if c.first == j {
						mm.home, mm.last = c.iso3, c.last
					}
				}
			}
			out = append(out, mm)
			i = mm.last - 1
			// "the armies of Armenia and Azerbaijan": each country's own
			if mm.home != "" && mm.home != lex.actors[m].Home && mm.last+1 < len(toks) && toks[mm.last].key == "and" {
				j := mm.last + 1
				if toks[j].key == "the" {
					j++
				}
				for _, c := range countries {
					if c.first == j && c.iso3 != mm.home {
						out = append(out, mention{first: c.first, last: c.last, entry: m, home: c.iso3})
						i = c.last - 1
					}
				}
			}
			continue
		}
		// "Murle raiders", "Tiv militias": a community's militia; "Nuer and
		// Dinka communities": two
		if j := communityRun(toks, i); j > i && j < len(toks) {
			if lex.communityArmed[toks[j].key] {
				out = append(out, mention{first: i, last: j + 1, entry: lex.communal, dyn: text[toks[i].start:toks[j-1].end]})
				i = j
				continue
			}
			if toks[j].key == "and" {
				if k := communityRun(toks, j+1); k > j+1 && k < len(toks) && lex.communityGroup[toks[k].key] {
					out = append(out,
						mention{first: i, last: j, entry: lex.communal, dyn: text[toks[i].start:toks[j-1].end]},
						mention{first: j + 1, last: k + 1, entry: lex.communal, dyn: text[toks[j+1].start:toks[k-1].end]})
					i = k
					continue
				}
			}
		}
	}
	return namedInBrackets(toks, mergeMentions(out))
}

// namedInBrackets reads a generic mention followed by a name in brackets as
// that name: "militants (suspected TTP)", "gunmen (presumed al Shabaab)".
func namedInBrackets(toks []token, ms []mention) []mention {
	out := ms[:0]
	for k := 0; k < len(ms); k++ {
		m := ms[k]
		if k+1 < len(ms) && m.kind() == "generic" && m.dyn == "" && lex.actors[m.entry].Inter == 3 {
			n := ms[k+1]
			j := m.last
			if j < len(toks) && toks[j].key == "(" {
				j++
				for j < n.first && (toks[j].key == "suspected" || toks[j].key == "presumed" || toks[j].key == "allegedly" || toks[j].key == "alleged" || toks[j].key == "likely" || toks[j].key == "probably" || toks[j].key == "the") {
					j++
				}
				if j == n.first && (n.kind() == "named" || n.kind() == "state") && n.last < len(toks) && toks[n.last].key == ")" {
					n.first = m.first
					out = append(out, n)
					k++
					continue
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// communityRun returns the end of a community's name at i: up to three
// capitalised words that name no known country or actor ("Beni Amir"), or i.
func communityRun(toks []token, i int) int {
	j := i
	for j < len(toks) && j < i+3 && toks[j].kind == 'w' && toks[j].upper && !lex.notCommunity[toks[j].key] && !lex.isKnownName(toks, j) {
		j++
	}
	return j
}

// communitiesAt reads one community's name at i, or two joined by "and"
// ("Umuleri and Aguleri"), as militia mentions.
func communitiesAt(text string, toks []token, i int) ([]mention, int) {
	j := communityRun(toks, i)
	if j == i {
		return nil, i
	}
	ms := []mention{{first: i, last: j, entry: lex.communal, dyn: text[toks[i].start:toks[j-1].end]}}
	if j+1 < len(toks) && toks[j].key == "and" {
		if k := communityRun(toks, j+1); k > j+1 {
			ms = append(ms, mention{first: j + 1, last: k, entry: lex.communal, dyn: text[toks[j+1].start:toks[k-1].end]})
			j = k
		}
	}
	return ms, j
}

// isKnownName reports whether toks[i] starts a country or actor name.
func (l *lexicon) isKnownName(toks []token, i int) bool {
	if end, _ := l.countryT.longest(toks, i, i+1); end > 0 {
		return true
	}
	end, _ := l.actorT.longest(toks, i, i+1)
	return end > 0
}

// mergeMentions joins a name and the noun after it ("SSPDF soldiers", "IS
// militants" are one actor, named by the name) and drops a civilian word
// glued to a force ("chief police officer").
func mergeMentions(ms []mention) []mention {
	out := ms[:0]
	for k := 0; k < len(ms); k++ {
		m := ms[k]
		if k+1 < len(ms) && ms[k+1].first == m.last {
			n := ms[k+1]
			nk, mk := n.kind(), m.kind()
			generic := (nk == "military" || nk == "police") && n.home == "" || nk == "generic" && n.dyn == ""
			specific := mk == "named" || mk == "state" || (mk == "military" || mk == "police") && m.home != "" || m.dyn != ""
			if specific && generic {
				m.last = n.last
				out = append(out, m)
				k++
				continue
			}
			if mk == "civilians" && n.armed() {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// actorAt matches the longest actor alias at i.
func actorAt(text string, toks []token, i int, ctx map[string]bool, adj bool) (int, int, bool) {
	if i >= len(toks) {
		return 0, 0, false
	}
	end, vals := lex.actorT.longest(toks, i, len(toks))
	if end == 0 {
		return 0, 0, false
	}
	// an entry whose context matches the text wins; then one that needs no
	// context; then, when the text names no country at all, a context entry
	fallback, fbCtx := -1, -1
	for _, v := range vals {
		a := lex.aAlias[v]
		if !a.matchExact(text, toks, i, end) {
			continue
		}
		for _, e := range a.entries {
			ent := lex.actors[e]
			if ent.NeedAdj && !adj {
				continue
			}
			if len(ent.Context) == 0 {
				if fallback < 0 {
					fallback = e
				}
				continue
			}
			for _, c := range ent.Context {
				if ctx[c] {
					return end, e, true
				}
			}
			if fbCtx < 0 {
				fbCtx = e
			}
		}
	}
	if fallback >= 0 {
		return end, fallback, true
	}
	if fbCtx >= 0 && len(ctx) == 0 {
		return end, fbCtx, true
	}
	return 0, 0, false
}

// actorName renders a mention as an ACLED-style actor for an event in
// eventISO3 (may be empty).
func actorName(m mention, eventISO3 string) sitrep.Actor {
	e := lex.actors[m.entry]
	home := m.home
	name := e.Name
	if m.dyn != "" {
		name = strings.ReplaceAll(name, "{name}", m.dyn)
	}
	inter := e.Inter
	switch e.Kind {
	case "military", "police", "government", "state":
		if home == "" {
			home = eventISO3
		}
		if strings.Contains(name, "{") {
			c, ok := lex.countryOf(home)
			if !ok {
				// the country is unknown: ACLED's placeholder names
				switch e.Kind {
				case "police":
					name = "Unidentified Police Forces"
				case "government":
					name = "Unidentified Government"
				default:
					name, inter = "Unidentified Military Forces", 8
				}
			} else {
				name = strings.NewReplacer("{country}", c.Name, "{period}", strconv.Itoa(c.Period)).Replace(name)
			}
		}
		if inter == 1 && home != "" && eventISO3 != "" && home != eventISO3 && e.Kind != "government" {
			inter = 8
		}
	default:
		if strings.Contains(name, "{country}") {
			c, ok := lex.countryOf(eventISO3)
			if !ok && home != "" {
				c, ok = lex.countryOf(home)
			}
			if ok {
				name = strings.ReplaceAll(name, "{country}", c.Short)
			} else {
				name = strings.TrimSuffix(strings.ReplaceAll(name, "({country})", ""), " ")
			}
		}
	}
	return sitrep.Actor{Name: name, Inter: inter, Country: home}
}
