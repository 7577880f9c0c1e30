package extract

import (
	"bufio"
	"embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed lexicon/*.tsv
var lexiconFS embed.FS

// taxon is one ACLED sub-event type with its secondary codes.
type taxon struct {
	EventType, SubEventType, CAMEO, PLOVER, Verb string
}

// country is a row of lexicon/countries.tsv.
type country struct {
	ISO3, ISO2, Name, Short string
	Period                  int
	// Capital is where ACLED places an event told of the whole country
	// (a national measure, a nationwide strike): its capital, at
	// geo_precision 3.
	Capital string
}

// actorEntry is a row of lexicon/actors.tsv.
type actorEntry struct {
	Name    string
	Inter   int
	Home    string // ISO3
	Kind    string // named, state, military, police, government, generic, civilians, protesters, rioters, monitor
	NeedAdj bool
	Context []string
}

// alias is one way of writing an actor; an alias with capitals matches only
// as written.
type alias struct {
	entries []int
	exact   []string // original-case tokens when case matters
}

type trigger struct {
	Type   string // a sub-event type or a #cue
	Weight float64
	Anchor bool // must start a sentence
}

type vagueAmount struct {
	Low, High int
	Many      bool
}

// lexicon is everything read from the embedded data files.
type lexicon struct {
	taxa      map[string]taxon // by sub-event type
	countries []country
	byISO3    map[string]int
	byISO2    map[string]int
	countryT  *trie // aliases → index into countryAlias
	cAlias    []alias
	actors    []actorEntry
	// militaryAdj is the entry a nationality adjective makes of state
	// forces ("Syrian warplanes"): Military Forces of {country}; -1 for none.
	militaryAdj int
	actorT      *trie
	aAlias      []alias
	triggers    []trigger
	triggerT    *trie
	numbers     map[string]int
	vague       []vagueAmount
	vagueT      *trie
	words       map[string]string // single-word class: person, unit, said, hedge, deny
	kindT       *trie             // kind words → index into kinds
	kinds       []string
	qualT       *trie
	quals       []string
	communal    int // the actors entry for "<community> Ethnic Militia"
	// communalUnknown is the entry for Unidentified Communal Militia.
	communalUnknown int
	// rioters is the entry of generic rioters.
	rioters int
	// communityArmed: nouns that make a community named before them an
	// armed group ("Murle raiders"); communityGroup: plural nouns after two
	// communities joined by "and" ("Nuer and Dinka communities");
	// notCommunity: capitalised words before them that name no community
	communityArmed, communityGroup, notCommunity map[string]bool
	property                                     map[string]bool // places and things: "civilian houses" names no one
	link, shortLink                              map[string]bool // words that join two actors as allies or parts: "X loyal to Y"
	orgStart                                     map[string]bool // words that open an organisation's name
	ploverT                                      *trie
	plover                                       []trigger         // PLOVER cues; Type is the PLOVER event type
	ploverTo                                     map[string]string // PLOVER type → ACLED sub-event type for reports of that act alone
	ploverCAMEO                                  map[string]string // PLOVER type → CAMEO root code
	figureStart                                  map[string]bool   // words a figure, qualifier or coding statement can start with
	combatant                                    map[string]bool   // nouns for people who bear arms for a group: fighter, soldier, guard
	civilRole                                    map[string]bool   // modifiers that make such a noun a civilian's: health officer, former soldier
	member                                       map[string]bool   // nouns for belonging: member, members
	opener                                       map[string]bool   // words that open a phrase about something else: after, who
	determiner, sponsor, facility                map[string]bool   // words.tsv classes of the same names
	placeWord, locative, speakerGap, seatNear    map[string]bool   // words.tsv classes placeword, locative, speakergap, seatnear
	react                                        map[string]bool   // verbs of a reaction or stand: condemned, warned
	seat                                         map[string]bool   // buildings that stand for a government: white house, kremlin
	party                                        map[string]bool   // nouns that make a place before them a government: ally, envoy
	earlier                                      map[string]bool   // time expressions for an earlier period: the previous week
	mishap                                       map[string]bool   // causes of death that are no one's act: floods, a stampede
	illness                                      map[string]bool   // diseases: such a cause as the subject of a killing
	aftermath                                    map[string]bool   // words after a mishap's name that make it a modifier: "flood relief"
	intentT                                      *trie             // markers of an intention: will, is prepared to
	intentActT                                   *trie             // acts intended → index into intentActs
	intentActs                                   []int             // index into plover: the intention's cue
	conditionT                                   *trie             // conditions that make an intention a threat: unless
	threatCue                                    int               // index into plover: an intention made a threat
}

// intentWeight is what an intention to act ("will release", "would
// blockade") weighs as a PLOVER cue: more than the words it is made of.
const intentWeight = 9

var lex = mustLoad()

func mustLoad() *lexicon {
	l, err := loadLexicon()
	if err != nil {
		panic("extract: embedded lexicon: " + err.Error())
	}
	indexWords(l)
	return l
}

func readTSV(name string, minCols int, fn func(cols []string) error) error {
	f, err := lexiconFS.Open("lexicon/" + name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		cols := strings.Split(s, "\t")
		if len(cols) < minCols {
			return fmt.Errorf("%s:%d: want %d columns, have %d", name, line, minCols, len(cols))
		}
		if err := fn(cols); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	return sc.Err()
}

func hasUpper(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}

func addAlias(t *trie, table *[]alias, index map[string]int, text string, entry int) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	k := keys(text)
	id := strings.Join(k, " ")
	var exact []string
	if hasUpper(text) {
		id = "=" + text
		for _, tk := range tokenize(text) {
			exact = append(exact, text[tk.start:tk.end])
		}
	}
	if i, ok := index[id]; ok {
		(*table)[i].entries = append((*table)[i].entries, entry)
		return
	}
	index[id] = len(*table)
	*table = append(*table, alias{entries: []int{entry}, exact: exact})
	t.add(k, len(*table)-1)
}

func loadLexicon() (*lexicon, error) {
	l := &lexicon{
		taxa:           map[string]taxon{},
		byISO3:         map[string]int{},
		byISO2:         map[string]int{},
		countryT:       newTrie(),
		militaryAdj:    -1,
		actorT:         newTrie(),
		triggerT:       newTrie(),
		numbers:        map[string]int{},
		vagueT:         newTrie(),
		words:          map[string]string{},
		combatant:      map[string]bool{},
		civilRole:      map[string]bool{},
		member:         map[string]bool{},
		opener:         map[string]bool{},
		determiner:     map[string]bool{},
		sponsor:        map[string]bool{},
		facility:       map[string]bool{},
		placeWord:      map[string]bool{},
		locative:       map[string]bool{},
		speakerGap:     map[string]bool{},
		seatNear:       map[string]bool{},
		react:          map[string]bool{},
		seat:           map[string]bool{},
		party:          map[string]bool{},
		earlier:        map[string]bool{},
		mishap:         map[string]bool{},
		illness:        map[string]bool{},
		aftermath:      map[string]bool{},
		intentT:        newTrie(),
		intentActT:     newTrie(),
		conditionT:     newTrie(),
		kindT:          newTrie(),
		qualT:          newTrie(),
		orgStart:       map[string]bool{},
		communityArmed: map[string]bool{},
		communityGroup: map[string]bool{},
		notCommunity:   map[string]bool{},
		property:       map[string]bool{},
		link:           map[string]bool{},
		shortLink:      map[string]bool{},
		ploverT:        newTrie(),
		ploverTo:       map[string]string{},
		ploverCAMEO:    map[string]string{},
	}
	err := readTSV("taxonomy.tsv", 5, func(c []string) error {
		l.taxa[c[1]] = taxon{c[0], c[1], c[2], c[3], c[4]}
		return nil
	})
	if err != nil {
		return nil, err
	}
	cIndex := map[string]int{}
	err = readTSV("countries.tsv", 6, func(c []string) error {
		p, err := strconv.Atoi(c[4])
		if err != nil {
			return err
		}
		i := len(l.countries)
		cn := country{ISO3: c[0], ISO2: c[1], Name: c[2], Short: c[3], Period: p}
		if len(c) > 6 {
			cn.Capital = strings.TrimSpace(c[6])
		}
		l.countries = append(l.countries, cn)
		l.byISO3[c[0]] = i
		l.byISO2[c[1]] = i
		for _, a := range strings.Split(c[5], "|") {
			addAlias(l.countryT, &l.cAlias, cIndex, a, i)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	aIndex := map[string]int{}
	err = readTSV("actors.tsv", 5, func(c []string) error {
		inter, err := strconv.Atoi(c[2])
		if err != nil {
			return err
		}
		e := actorEntry{Name: c[1], Inter: inter, Home: c[3], Kind: c[4]}
		if strings.HasSuffix(e.Kind, "+adj") {
			e.Kind, e.NeedAdj = strings.TrimSuffix(e.Kind, "+adj"), true
		}
		if len(c) > 5 && c[5] != "" {
			e.Context = strings.Split(c[5], "|")
		}
		if e.Home != "" {
			if _, ok := l.byISO3[e.Home]; !ok {
				return fmt.Errorf("unknown country %q", e.Home)
			}
		}
		i := len(l.actors)
		l.actors = append(l.actors, e)
		if strings.Contains(e.Name, "{name}") {
			l.communal = i
		}
		if e.Kind == "military" && e.NeedAdj && l.militaryAdj < 0 {
			l.militaryAdj = i
		}
		if strings.HasPrefix(e.Name, "Unidentified Communal Militia") {
			l.communalUnknown = i
		}
		if e.Kind == "rioters" && strings.HasPrefix(e.Name, "Rioters") {
			l.rioters = i
		}
		for _, a := range strings.Split(c[0], "|") {
			addAlias(l.actorT, &l.aAlias, aIndex, a, i)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("triggers.tsv", 3, func(c []string) error {
		w, err := strconv.ParseFloat(c[2], 64)
		if err != nil {
			return err
		}
		p := strings.TrimSpace(c[0])
		tr := trigger{Type: c[1], Weight: w}
		if strings.HasPrefix(p, "^") {
			tr.Anchor, p = true, strings.TrimSpace(p[1:])
		}
		if !strings.HasPrefix(tr.Type, "#") {
			if _, ok := l.taxa[tr.Type]; !ok {
				return fmt.Errorf("unknown sub-event type %q", tr.Type)
			}
		}
		l.triggers = append(l.triggers, tr)
		l.triggerT.add(keys(p), len(l.triggers)-1)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("plover-types.tsv", 2, func(c []string) error {
		if _, ok := l.taxa[c[1]]; !ok {
			return fmt.Errorf("unknown sub-event type %q", c[1])
		}
		l.ploverTo[c[0]] = c[1]
		if len(c) > 2 {
			l.ploverCAMEO[c[0]] = c[2]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("plover.tsv", 3, func(c []string) error {
		w, err := strconv.ParseFloat(c[2], 64)
		if err != nil {
			return err
		}
		if _, ok := l.ploverTo[c[1]]; !ok {
			return fmt.Errorf("unknown PLOVER type %q", c[1])
		}
		l.plover = append(l.plover, trigger{Type: c[1], Weight: w})
		l.ploverT.add(keys(c[0]), len(l.plover)-1)
		return nil
	})
	if err != nil {
		return nil, err
	}
	cue := map[string]int{}
	err = readTSV("intent.tsv", 2, func(c []string) error {
		switch c[0] {
		case "marker":
			l.intentT.add(keys(c[1]), 0)
		case "condition":
			l.conditionT.add(keys(c[1]), 0)
		case "act":
			if len(c) < 3 || (c[2] != "AGREE" && c[2] != "THREATEN") {
				return fmt.Errorf("intent act %q wants AGREE or THREATEN", c[1])
			}
			i, ok := cue[c[2]]
			if !ok {
				l.plover = append(l.plover, trigger{Type: c[2], Weight: intentWeight})
				i = len(l.plover) - 1
				cue[c[2]] = i
			}
			l.intentActs = append(l.intentActs, i)
			l.intentActT.add(keys(c[1]), len(l.intentActs)-1)
		default:
			return fmt.Errorf("unknown intent class %q", c[0])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, ok := cue["THREATEN"]; !ok {
		return nil, fmt.Errorf("intent.tsv: no THREATEN act")
	}
	l.threatCue = cue["THREATEN"]
	// classes of words.tsv that are plain sets: of words as written, and
	// of phrases kept as their keys joined by spaces
	wordSets := map[string]map[string]bool{
		"orgstart": l.orgStart, "communityarmed": l.communityArmed, "communitygroup": l.communityGroup,
		"notcommunity": l.notCommunity, "property": l.property, "link": l.link, "shortlink": l.shortLink,
		"combatant": l.combatant, "civilrole": l.civilRole, "member": l.member, "opener": l.opener,
		"determiner": l.determiner, "sponsor": l.sponsor, "facility": l.facility, "placeword": l.placeWord,
		"locative": l.locative, "speakergap": l.speakerGap, "seatnear": l.seatNear,
	}
	phraseSets := map[string]map[string]bool{"react": l.react, "seat": l.seat, "party": l.party, "earlier": l.earlier, "mishap": l.mishap, "illness": l.illness, "aftermath": l.aftermath}
	err = readTSV("words.tsv", 2, func(c []string) error {
		class, w := c[0], c[1]
		val := ""
		if len(c) > 2 {
			val = c[2]
		}
		switch class {
		case "number":
			n, err := strconv.Atoi(val)
			if err != nil {
				return err
			}
			l.numbers[w] = n
		case "vague":
			f := strings.Fields(val)
			if len(f) != 2 {
				return fmt.Errorf("vague amount wants low-high and few|many")
			}
			lo, hi, _ := strings.Cut(f[0], "-")
			a, err1 := strconv.Atoi(lo)
			b, err2 := strconv.Atoi(hi)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("bad range %q", f[0])
			}
			l.vague = append(l.vague, vagueAmount{a, b, f[1] == "many"})
			l.vagueT.add(keys(w), len(l.vague)-1)
		case "killed", "wounded", "missing", "captured", "displaced":
			l.kinds = append(l.kinds, class)
			l.kindT.add(keys(w), len(l.kinds)-1)
		case "qualifier":
			l.quals = append(l.quals, val)
			l.qualT.add(keys(w), len(l.quals)-1)
		default:
			if set, ok := wordSets[class]; ok {
				set[w] = true
				return nil
			}
			if set, ok := phraseSets[class]; ok {
				set[strings.Join(keys(w), " ")] = true
				return nil
			}
			k := keys(w)
			if len(k) == 1 {
				if _, dup := l.words[k[0]]; !dup || class == "person" {
					l.words[k[0]] = class
				}
			} else {
				l.words[strings.Join(k, " ")] = class
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	l.figureStart = map[string]bool{}
	for k := range l.numbers {
		l.figureStart[k] = true
	}
	for _, t := range []*trie{l.qualT, l.vagueT} {
		for k := range t.next {
			l.figureStart[k] = true
		}
	}
	for _, k := range []string{"coded", "split", "spread", "neither", "without", "killed", "assassinated", "murdered", "executed"} {
		l.figureStart[k] = true
	}
	return l, nil
}

// countryOf returns the country for an ISO3 or ISO2 code.
func (l *lexicon) countryOf(code string) (country, bool) {
	code = strings.ToUpper(code)
	if i, ok := l.byISO3[code]; ok {
		return l.countries[i], true
	}
	if i, ok := l.byISO2[code]; ok {
		return l.countries[i], true
	}
	return country{}, false
}

// countryNamed finds a country by its name as a gazetteer writes it.
func (l *lexicon) countryNamed(name string) (country, bool) {
	if name == "" {
		return country{}, false
	}
	for _, c := range l.countries {
		if strings.EqualFold(c.Short, name) || strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	toks := tokenize(name)
	if end, vals := l.countryT.longest(toks, 0, len(toks)); end == len(toks) && len(vals) > 0 {
		return l.countries[l.cAlias[vals[0]].entries[0]], true
	}
	return country{}, false
}

// matchExact reports whether the alias matches toks[i:end] in the case it
// was written in, when case matters.
func (a alias) matchExact(text string, toks []token, i, end int) bool {
	if a.exact == nil {
		return true
	}
	if end-i != len(a.exact) {
		return false
	}
	for k, e := range a.exact {
		t := toks[i+k]
		if text[t.start:t.end] != e {
			return false
		}
	}
	return true
}
