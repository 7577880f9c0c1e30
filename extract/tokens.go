package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word, number or punctuation mark of a text. Offsets are bytes.
type token struct {
	start, end int
	key        string // lower case, typographic apostrophes folded to '
	kind       byte   // 'w' word, 'd' digits, 'p' punctuation
	upper      bool   // starts with a capital letter
	nl         bool   // a line break precedes the token
	id         int32  // the key's number in vocab, 0 when the lexicon has no such key
}

// vocab numbers, from 1, every exact key of every trie and the one-word
// keys of the lexicon's word classes and of a few word sets. All are
// numbered when the package's lexicon loads, before any text is read, so a
// token's id, looked up once by tokenize, lets trie walks skip the tokens
// no pattern has, and rules read a word's class, without hashing its key
// again.
var vocab = map[string]int32{}

// vocabShape has the bit vocabBit(k) set for every key k in vocab: most
// words of a text that no pattern has are told apart without hashing.
var vocabShape [1 << 16 / 64]uint64

func vocabBit(k string) uint {
	return uint(len(k)&15)<<12 | uint(k[0]&63)<<6 | uint(k[len(k)-1]&63)
}

// internKey returns k's number in vocab, adding it when new.
func internKey(k string) int32 {
	id, ok := vocab[k]
	if !ok {
		id = int32(len(vocab) + 1)
		vocab[k] = id
		vocabKeys = append(vocabKeys, k)
		vocabInfo = append(vocabInfo, wordInfo{})
		b := vocabBit(k)
		vocabShape[b>>6] |= 1 << (b & 63)
	}
	return id
}

// vocabKeys holds each key of vocab at its number, so that a word written
// with capitals can take its key from there instead of allocating it;
// vocabInfo holds what the lexicon says of it.
var (
	vocabKeys = []string{""}
	vocabInfo = []wordInfo{{}}
)

// wordInfo is what the lexicon says of a one-token key: lex.words[key] and
// whether the key is in a few word sets that rules look up at every token.
type wordInfo struct {
	class string
	flags uint8
}

const (
	wFigureStart = 1 << iota // lex.figureStart
	wDateWord                // dateWords
	wOpener                  // lex.opener
	wPhrase                  // the first word of a key of lex.words with several words
	wMishap                  // the first word of a key of lex.mishap
)

// class returns lex.words[t.key].
func (t token) class() string { return vocabInfo[t.id].class }

// is reports whether t's key has all the flags f.
func (t token) is(f uint8) bool { return vocabInfo[t.id].flags&f == f }

// indexWords numbers the one-word keys of l's word classes and sets, and
// fills vocabInfo. It runs once the lexicon has loaded, before any text is
// tokenized.
func indexWords(l *lexicon) {
	set := func(k string, f uint8) {
		if k == "" || strings.Contains(k, " ") {
			return
		}
		vocabInfo[internKey(k)].flags |= f
	}
	for k, c := range l.words {
		if first, _, multi := strings.Cut(k, " "); multi {
			set(first, wPhrase)
			continue
		}
		set(k, 0)
		vocabInfo[vocab[k]].class = c
	}
	for k := range l.figureStart {
		set(k, wFigureStart)
	}
	for k := range dateWords {
		set(k, wDateWord)
	}
	for k := range l.opener {
		set(k, wOpener)
	}
	for k := range l.mishap {
		first, _, _ := strings.Cut(k, " ")
		set(first, wMishap)
	}
}

// keyID returns k's number in vocab, or 0.
func keyID(k string) int32 {
	if len(k) == 0 {
		return 0
	}
	if b := vocabBit(k); vocabShape[b>>6]&(1<<(b&63)) == 0 {
		return 0
	}
	return vocab[k]
}

// bytesID is keyID for a key in a byte slice.
func bytesID(k []byte) int32 {
	if len(k) == 0 {
		return 0
	}
	if b := uint(len(k)&15)<<12 | uint(k[0]&63)<<6 | uint(k[len(k)-1]&63); vocabShape[b>>6]&(1<<(b&63)) == 0 {
		return 0
	}
	return vocab[string(k)]
}

// tokenize splits text into tokens. It never allocates for lower-case ASCII
// words: their key is a slice of text.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5+4)
	nl := false
	i := 0
	for i < len(text) {
		c := text[i]
		if c == '\n' || c == '\r' {
			nl = true
			i++
			continue
		}
		if c == ' ' || c == '\t' || c == '\f' || c == '\v' {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				if r == '\u2028' || r == '\u2029' {
					nl = true
				}
				i += size
				continue
			}
		}
		start := i
		if isWordRune(r) {
			j := i + size
			for j < len(text) {
				r2, s2 := decode(text, j)
				if isWordRune(r2) {
					j += s2
					continue
				}
				// Joiners stay inside a word when a word character follows:
				// twenty-three, U.S., al-Assad, 1,400, people's.
				if r2 == '-' || r2 == '.' || r2 == '\'' || r2 == '’' || r2 == ',' || r2 == '/' {
					if j+s2 < len(text) {
						r3, _ := decode(text, j+s2)
						if isWordRune(r3) && (r2 != ',' || isDigitRun(text, j+s2, 3)) && (r2 != '/' || unicode.IsDigit(r3)) {
							if r2 == ',' && !unicode.IsDigit(r) {
								break
							}
							j += s2
							continue
						}
					}
					// A trailing period after single letters: "U.S."
					if r2 == '.' && j-start >= 3 && text[j-2] == '.' {
						j += s2
					}
				}
				break
			}
			end := j
			// Split a possessive 's so that aliases match "Group's".
			poss := 0
			if strings.HasSuffix(text[start:end], "'s") && end-start > 2 {
				poss = 2
			} else if strings.HasSuffix(text[start:end], "’s") && end-start > 4 {
				poss = 4
			}
			toks = append(toks, makeWord(text, start, end-poss, nl))
			if poss > 0 {
				toks = append(toks, token{start: end - poss, end: end, key: "'s", kind: 'w', id: keyID("'s")})
			}
			nl = false
			i = end
			continue
		}
		// punctuation: one rune per token
		key := text[i : i+size]
		switch r {
		case '“', '”', '«', '»', '„':
			key = "\""
		case '‘', '’':
			key = "'"
		case '–', '—':
			key = "-"
		}
		toks = append(toks, token{start: start, end: i + size, key: key, kind: 'p', nl: nl, id: keyID(key)})
		nl = false
		i += size
	}
	return toks
}

func decode(s string, i int) (rune, int) {
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isDigitRun(s string, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for k := i; k < i+n; k++ {
		if s[k] < '0' || s[k] > '9' {
			return false
		}
	}
	return i+n == len(s) || s[i+n] < '0' || s[i+n] > '9'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func makeWord(text string, start, end int, nl bool) token {
	w := text[start:end]
	t := token{start: start, end: end, kind: 'w', nl: nl}
	digits := true
	simple := true
	ascii := true
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c < '0' || c > '9' {
			if c != ',' {
				digits = false
			}
		}
		if c >= 'A' && c <= 'Z' {
			simple = false
		} else if c >= utf8.RuneSelf {
			simple, ascii = false, false
		}
	}
	if digits {
		t.kind = 'd'
	}
	r, _ := decode(w, 0)
	t.upper = unicode.IsUpper(r)
	switch {
	case simple:
		t.key = w
		t.id = keyID(w)
	case ascii && len(w) <= 64:
		var buf [64]byte
		lower := buf[:len(w)]
		for k := 0; k < len(w); k++ {
			c := w[k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			lower[k] = c
		}
		if t.id = bytesID(lower); t.id != 0 {
			t.key = vocabKeys[t.id]
		} else {
			t.key = string(lower)
		}
	default:
		t.key = strings.ReplaceAll(strings.ToLower(w), "’", "'")
		t.id = keyID(t.key)
	}
	return t
}

// sentence is a run of tokens [first, last) with its byte span.
type sentence struct {
	first, last int
	start, end  int
}

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "lt": true, "col": true,
	"maj": true, "capt": true, "sgt": true, "st": true, "no": true, "vs": true, "jan": true,
	"feb": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"gov": true, "sen": true, "rep": true, "cpl": true, "pvt": true, "brig": true, "adm": true,
	"prof": true, "rev": true, "inc": true, "co": true, "corp": true, "ltd": true, "approx": true,
}

// splitSentences groups tokens into sentences: at . ! ? before a capital,
// a quote or a line break, and at every line break.
func splitSentences(toks []token) []sentence {
	var out []sentence
	first := 0
	flush := func(last int) {
		if last > first {
			out = append(out, sentence{first: first, last: last, start: toks[first].start, end: toks[last-1].end})
		}
		first = last
	}
	for i := range toks {
		if toks[i].nl && i > first {
			flush(i)
		}
		t := toks[i]
		if t.kind != 'p' || (t.key != "." && t.key != "!" && t.key != "?") {
			continue
		}
		if t.key == "." && i > 0 {
			p := toks[i-1]
			if p.end == t.start && (abbreviations[p.key] || (p.kind == 'w' && len(p.key) == 1 && p.upper)) {
				continue
			}
		}
		j := i + 1
		// closing quotes and brackets stay with the sentence
		for j < len(toks) && toks[j].kind == 'p' && !toks[j].nl && (toks[j].key == "\"" || toks[j].key == ")" || toks[j].key == "'" || toks[j].key == "]") {
			j++
		}
		if j >= len(toks) {
			continue
		}
		n := toks[j]
		if n.nl || n.upper || n.kind == 'd' || n.kind == 'p' {
			flush(j)
		}
	}
	flush(len(toks))
	return out
}

// trie matches token sequences. Keys of a pattern are exact lower-case
// tokens or prefixes ending in '*'.
type trie struct {
	next   map[string]*trie
	prefix map[byte][]prefixEdge // by the prefix's first byte
	vals   []int                 // indexes into the owner's table; empty when no pattern ends here

	// The children in next again, by the key's id in vocab: a few in ids
	// and kids, or, past denseKids of them, in dense indexed by id.
	ids   []int32
	kids  []*trie
	dense []*trie
	// pshape has the bit prefixBit(k) set for every key k that may start
	// with a prefix edge; byFirst holds the edges of prefix by first byte.
	pshape  *[64]uint64
	byFirst *[256][]prefixEdge
}

// denseKids is how many children a node holds in a list before it indexes
// them by id.
const denseKids = 8

type prefixEdge struct {
	prefix string
	node   *trie
}

func newTrie() *trie { return &trie{next: map[string]*trie{}} }

func (t *trie) add(keys []string, val int) {
	n := t
	for _, k := range keys {
		if strings.HasSuffix(k, "*") && len(k) > 1 {
			p := strings.TrimSuffix(k, "*")
			var found *trie
			for _, e := range n.prefix[p[0]] {
				if e.prefix == p {
					found = e.node
				}
			}
			if found == nil {
				found = newTrie()
				if n.prefix == nil {
					n.prefix = map[byte][]prefixEdge{}
				}
				n.prefix[p[0]] = append(n.prefix[p[0]], prefixEdge{p, found})
				if n.byFirst == nil {
					n.byFirst, n.pshape = new([256][]prefixEdge), new([64]uint64)
				}
				if len(p) == 1 {
					n.pshape[p[0]&63] = ^uint64(0) // any second byte
				} else {
					b := prefixBit(p)
					n.pshape[b>>6] |= 1 << (b & 63)
				}
				n.byFirst[p[0]] = n.prefix[p[0]]
			}
			n = found
			continue
		}
		c := n.next[k]
		if c == nil {
			c = newTrie()
			n.next[k] = c
			n.addKid(internKey(k), c)
		}
		n = c
	}
	n.vals = append(n.vals, val)
}

// addKid files child c under id.
func (t *trie) addKid(id int32, c *trie) {
	if t.dense == nil && len(t.ids) < denseKids {
		t.ids = append(t.ids, id)
		t.kids = append(t.kids, c)
		return
	}
	for k, kid := range t.ids {
		t.setDense(kid, t.kids[k])
	}
	t.ids, t.kids = nil, nil
	t.setDense(id, c)
}

func (t *trie) setDense(id int32, c *trie) {
	for int(id) >= len(t.dense) {
		t.dense = append(t.dense, nil)
	}
	t.dense[id] = c
}

// child returns the child for a token whose key has number id, or nil.
func (t *trie) child(id int32) *trie {
	if id == 0 {
		return nil
	}
	if t.dense != nil {
		if int(id) < len(t.dense) {
			return t.dense[id]
		}
		return nil
	}
	for k, kid := range t.ids {
		if kid == id {
			return t.kids[k]
		}
	}
	return nil
}

// prefixBit sorts keys by their first two bytes.
func prefixBit(k string) uint {
	b := uint(k[0]&63) << 6
	if len(k) > 1 {
		b |= uint(k[1] & 63)
	}
	return b
}

// mayPrefix reports whether a prefix edge of t may start k.
func (t *trie) mayPrefix(k string) bool {
	if t.pshape == nil || len(k) == 0 {
		return false
	}
	b := prefixBit(k)
	return t.pshape[b>>6]&(1<<(b&63)) != 0
}

// match calls fn for every pattern that matches toks starting at i, with the
// index one past the last matched token. Shorter matches come first.
func (t *trie) match(toks []token, i, limit int, fn func(end int, vals []int)) {
	if i >= limit || (t.child(toks[i].id) == nil && !t.mayPrefix(toks[i].key)) {
		return
	}
	t.walk(toks, i, i, limit, fn)
}

func (t *trie) walk(toks []token, start, i, limit int, fn func(end int, vals []int)) {
	if len(t.vals) > 0 && i > start {
		fn(i, t.vals)
	}
	if i >= limit {
		return
	}
	if c := t.child(toks[i].id); c != nil {
		c.walk(toks, start, i+1, limit, fn)
	}
	if k := toks[i].key; t.mayPrefix(k) {
		for _, e := range t.byFirst[k[0]] {
			if strings.HasPrefix(k, e.prefix) {
				e.node.walk(toks, start, i+1, limit, fn)
			}
		}
	}
}

// longest returns the end and values of the longest match at i, or 0, nil.
func (t *trie) longest(toks []token, i, limit int) (int, []int) {
	if i >= limit || (t.child(toks[i].id) == nil && !t.mayPrefix(toks[i].key)) {
		return 0, nil
	}
	var best longestMatch
	t.walkLongest(toks, i, i, limit, &best)
	return best.end, best.vals
}

type longestMatch struct {
	end  int
	vals []int
}

// walkLongest is walk keeping the longest match in best, without a closure.
func (t *trie) walkLongest(toks []token, start, i, limit int, best *longestMatch) {
	if len(t.vals) > 0 && i > start && i > best.end {
		best.end, best.vals = i, t.vals
	}
	if i >= limit {
		return
	}
	if c := t.child(toks[i].id); c != nil {
		c.walkLongest(toks, start, i+1, limit, best)
	}
	if k := toks[i].key; t.mayPrefix(k) {
		for _, e := range t.byFirst[k[0]] {
			if strings.HasPrefix(k, e.prefix) {
				e.node.walkLongest(toks, start, i+1, limit, best)
			}
		}
	}
}

// keys tokenizes a pattern written in a lexicon file.
func keys(pattern string) []string {
	var out []string
	for _, f := range strings.Fields(pattern) {
		if strings.HasSuffix(f, "*") {
			out = append(out, strings.ToLower(f))
			continue
		}
		for _, t := range tokenize(f) {
			out = append(out, t.key)
		}
	}
	return out
}
