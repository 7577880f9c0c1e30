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
			// "Afghan National Army", "Turkish-backed": skip one modifier
			if e, m, ok := actorAt(text, toks, j, ctx, true); ok {
				k := lex.actors[m].Kind
				if k == "military" || k == "police" || k == "government" {
					out = append(out, mention{first: i, last: e, entry: m, home: cm.iso3})
					i = e - 1
					continue
				}
			}
		}
		if e, m, ok := actorAt(text, toks, i, ctx, false); ok {
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
			continue
		}
		// "Murle raiders", "Tiv militias": a community's militia
		if toks[i].upper && toks[i].kind == 'w' && i+1 < len(toks) && militiaNouns[toks[i+1].key] && !notCommunity[toks[i].key] && !lex.isKnownName(toks, i) {
			out = append(out, mention{first: i, last: i + 2, entry: lex.communal, dyn: text[toks[i].start:toks[i].end]})
			i++
		}
	}
	return mergeMentions(out)
}

var militiaNouns = map[string]bool{
	"militia": true, "militias": true, "militiamen": true, "raiders": true, "vigilantes": true,
}

// notCommunity lists capitalised words before "militia" that do not name a
// community.
var notCommunity = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"local": true, "armed": true, "rival": true, "government": true, "islamist": true, "islamic": true,
	"jihadist": true, "tribal": true, "clan": true, "communal": true, "ethnic": true, "vigilante": true,
	"unknown": true, "unidentified": true, "suspected": true, "several": true, "some": true, "many": true,
	"militia": true, "pro-government": true, "pro-iranian": true, "shia": true, "shiite": true, "sunni": true,
	"christian": true, "muslim": true, "allied": true, "other": true, "two": true, "three": true, "their": true,
	"his": true, "its": true, "self-defense": true, "self-defence": true, "village": true, "youth": true,
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
