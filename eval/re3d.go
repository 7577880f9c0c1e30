package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// Re3dTypes are the Re3d entity types sitrep is scored on.
var Re3dTypes = []string{"Location", "Organisation", "Temporal", "Quantity"}

// re3dSet names the set in figures.
const re3dSet = "re3d"

type re3dDoc struct {
	ID   string `json:"_id"`
	Text string `json:"text"`
}

type re3dEntity struct {
	Begin int    `json:"begin"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Doc   string `json:"documentId"`
}

// Re3d scores sys.Spans on the Re3d corpus: dir holds one folder per source
// with documents.json and entities.json (one JSON object per line, offsets
// in Unicode code points).
//
// Re3d figures, per type T of Re3dTypes, over all documents:
//
//   - T/precision, T/recall: lenient matching: two spans match when their
//     boundaries agree once a leading "the", "a" or "an" and trailing
//     punctuation or possessive are trimmed, or when they overlap by at
//     least half of their union (Jaccard ≥ 0.5 over code points).
//   - T/precision_exact, T/recall_exact: boundaries equal.
//
// Precision is over the distinct predicted spans of that type, recall over
// the distinct gold spans. A predicted span is right when it matches some
// gold span of the same type; a gold span is found when some predicted span
// of its type matches it. Re3d's gold nests spans ("west of Damascus" and
// "Damascus" are both Locations); each is a gold span of its own.
func Re3d(dir string, sys System) ([]Figure, error) {
	if sys.Spans == nil {
		return nil, errors.New("system has no Spans")
	}
	folders, err := filepath.Glob(filepath.Join(dir, "*", "documents.json"))
	if err != nil {
		return nil, err
	}
	if len(folders) == 0 {
		return nil, fmt.Errorf("%s: no */documents.json", dir)
	}
	sort.Strings(folders)
	var sc spanScore
	err = eachRe3dDoc(folders, sys, func(d re3dDoc, gold []re3dEntity, pred map[string][]sitrep.Span) error {
		return sc.add(d.Text, gold, pred)
	})
	if err != nil {
		return nil, err
	}
	return sc.figures(), nil
}

// Re3dMistake is a predicted span that matches no gold span of its type
// (Miss false), or a gold span no prediction matches (Miss true).
type Re3dMistake struct {
	Doc     string // document ID
	Type    string // Re3d type
	Miss    bool
	Text    string // the span's text
	Context string // the span with up to 40 code points either side
}

// Re3dMistakes lists, for the Re3d type typ, the predicted spans that
// match no gold span and the gold spans no prediction matches, under the
// lenient criterion of Re3d. It helps read what a change to the
// extractor or the gazetteer gets wrong.
func Re3dMistakes(dir string, sys System, typ string) ([]Re3dMistake, error) {
	if sys.Spans == nil {
		return nil, errors.New("system has no Spans")
	}
	folders, err := filepath.Glob(filepath.Join(dir, "*", "documents.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(folders)
	var out []Re3dMistake
	err = eachRe3dDoc(folders, sys, func(d re3dDoc, gold []re3dEntity, pred map[string][]sitrep.Span) error {
		runes := []rune(d.Text)
		toRune := byteToRune(d.Text)
		var g, p []runeSpan
		for _, e := range gold {
			if e.Type == typ && e.Begin >= 0 && e.End <= len(runes) && e.Begin < e.End {
				g = append(g, runeSpan{e.Begin, e.End})
			}
		}
		for _, sp := range pred[typ] {
			if sp.Valid() && sp.End <= len(d.Text) && toRune[sp.Start] >= 0 && toRune[sp.End] >= 0 {
				p = append(p, runeSpan{toRune[sp.Start], toRune[sp.End]})
			}
		}
		g, p = distinct(g), distinct(p)
		note := func(s runeSpan, miss bool) {
			a, b := max(0, s.start-40), min(len(runes), s.end+40)
			ctx := string(runes[a:s.start]) + "[" + string(runes[s.start:s.end]) + "]" + string(runes[s.end:b])
			out = append(out, Re3dMistake{Doc: d.ID, Type: typ, Miss: miss, Text: string(runes[s.start:s.end]),
				Context: strings.Join(strings.Fields(ctx), " ")})
		}
		for _, a := range p {
			if ok, _ := matchAny(runes, a, g); !ok {
				note(a, false)
			}
		}
		for _, b := range g {
			if ok, _ := matchAny(runes, b, p); !ok {
				note(b, true)
			}
		}
		return nil
	})
	return out, err
}

// eachRe3dDoc calls fn with each document of the folders' documents.json,
// its gold entities and sys's predicted spans.
func eachRe3dDoc(folders []string, sys System, fn func(re3dDoc, []re3dEntity, map[string][]sitrep.Span) error) error {
	for _, docsPath := range folders {
		var docs []re3dDoc
		if err := readJSONLines(docsPath, func(dec []byte) error {
			var d re3dDoc
			if err := json.Unmarshal(dec, &d); err != nil {
				return err
			}
			docs = append(docs, d)
			return nil
		}); err != nil {
			return err
		}
		gold := make(map[string][]re3dEntity)
		entPath := filepath.Join(filepath.Dir(docsPath), "entities.json")
		if err := readJSONLines(entPath, func(dec []byte) error {
			var e re3dEntity
			if err := json.Unmarshal(dec, &e); err != nil {
				return err
			}
			gold[e.Doc] = append(gold[e.Doc], e)
			return nil
		}); err != nil {
			return err
		}
		for _, d := range docs {
			pred, err := spans(sys, d.Text)
			if err != nil {
				return fmt.Errorf("%s: document %s: %w", docsPath, d.ID, err)
			}
			if err := fn(d, gold[d.ID], pred); err != nil {
				return fmt.Errorf("%s: document %s: %w", docsPath, d.ID, err)
			}
		}
	}
	return nil
}

// spans calls sys.Spans, turning a panic into an error.
func spans(sys System, text string) (m map[string][]sitrep.Span, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("spans: panic: %v", r)
		}
	}()
	return sys.Spans(text), nil
}

// readJSONLines calls fn with each non-blank line of path.
func readJSONLines(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<26)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

// runeSpan is a half-open range of code point offsets.
type runeSpan struct{ start, end int }

// spanScore accumulates matches per type.
type spanScore struct {
	// per type: lenient and exact counts
	predHit, predHitExact, pred map[string]int
	goldHit, goldHitExact, gold map[string]int
}

// add scores one document's predicted byte spans against its gold.
func (s *spanScore) add(text string, gold []re3dEntity, pred map[string][]sitrep.Span) error {
	if s.pred == nil {
		s.predHit, s.predHitExact, s.pred = map[string]int{}, map[string]int{}, map[string]int{}
		s.goldHit, s.goldHitExact, s.gold = map[string]int{}, map[string]int{}, map[string]int{}
	}
	runes := []rune(text)
	toRune := byteToRune(text)
	for _, typ := range Re3dTypes {
		var g []runeSpan
		for _, e := range gold {
			if e.Type == typ {
				if e.Begin < 0 || e.End > len(runes) || e.Begin >= e.End {
					return fmt.Errorf("gold %s span %d-%d outside text of %d code points", typ, e.Begin, e.End, len(runes))
				}
				g = append(g, runeSpan{e.Begin, e.End})
			}
		}
		var p []runeSpan
		for _, sp := range pred[typ] {
			if !sp.Valid() || sp.End > len(text) || toRune[sp.Start] < 0 || toRune[sp.End] < 0 {
				// An invalid span counts as a wrong prediction.
				p = append(p, runeSpan{-1, -1})
				continue
			}
			p = append(p, runeSpan{toRune[sp.Start], toRune[sp.End]})
		}
		g, p = distinct(g), distinct(p)
		s.gold[typ] += len(g)
		s.pred[typ] += len(p)
		for _, a := range p {
			lenient, exact := matchAny(runes, a, g)
			if lenient {
				s.predHit[typ]++
			}
			if exact {
				s.predHitExact[typ]++
			}
		}
		for _, b := range g {
			lenient, exact := matchAny(runes, b, p)
			if lenient {
				s.goldHit[typ]++
			}
			if exact {
				s.goldHitExact[typ]++
			}
		}
	}
	return nil
}

func (s *spanScore) figures() []Figure {
	var figs []Figure
	for _, typ := range Re3dTypes {
		for _, f := range []Figure{
			{Name: typ + "/precision", Value: percent(s.predHit[typ], s.pred[typ]), N: s.pred[typ]},
			{Name: typ + "/recall", Value: percent(s.goldHit[typ], s.gold[typ]), N: s.gold[typ]},
			{Name: typ + "/precision_exact", Value: percent(s.predHitExact[typ], s.pred[typ]), N: s.pred[typ]},
			{Name: typ + "/recall_exact", Value: percent(s.goldHitExact[typ], s.gold[typ]), N: s.gold[typ]},
		} {
			f.Set = re3dSet
			f.Target = Targets[f.Key()]
			figs = append(figs, f)
		}
	}
	return figs
}

// byteToRune maps each byte offset of text to its code point offset, -1
// inside a multi-byte character; index len(text) is the end.
func byteToRune(text string) []int {
	m := make([]int, len(text)+1)
	n := 0
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRuneInString(text[i:])
		m[i] = n
		for j := 1; j < size; j++ {
			m[i+j] = -1
		}
		i += size
		n++
	}
	m[len(text)] = n
	return m
}

func distinct(spans []runeSpan) []runeSpan {
	seen := make(map[runeSpan]bool, len(spans))
	out := spans[:0]
	for _, s := range spans {
		if s.start >= 0 && seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// matchAny reports whether a matches some span of others, leniently and
// exactly.
func matchAny(text []rune, a runeSpan, others []runeSpan) (lenient, exact bool) {
	for _, b := range others {
		if a == b && a.start >= 0 {
			return true, true
		}
		if !lenient && spansMatch(text, a, b) {
			lenient = true
		}
	}
	return lenient, false
}

// spansMatch is the lenient criterion: two spans match when their
// boundaries agree once a leading determiner ("the", "a", "an") and
// trailing punctuation or possessive "'s" are trimmed from both, or when
// they overlap by at least half of their union (Jaccard ≥ 0.5 over code
// points). "the Syrian army" matches "Syrian army"; "Damascus" matches
// "west of Damascus" (8 of 16) but not "the countryside west of Damascus".
func spansMatch(text []rune, a, b runeSpan) bool {
	if a.start < 0 || b.start < 0 {
		return false
	}
	if trimSpan(text, a) == trimSpan(text, b) {
		return true
	}
	inter := min(a.end, b.end) - max(a.start, b.start)
	if inter <= 0 {
		return false
	}
	union := max(a.end, b.end) - min(a.start, b.start)
	return 2*inter >= union
}

// trimSpan drops a leading determiner, surrounding spaces and a trailing
// possessive or punctuation.
func trimSpan(text []rune, s runeSpan) runeSpan {
	if s.end > len(text) {
		return s
	}
	for changed := true; changed && s.start < s.end; {
		changed = false
		for _, det := range []string{"the ", "a ", "an "} {
			n := len(det)
			if s.end-s.start > n && strings.EqualFold(string(text[s.start:s.start+n]), det) {
				s.start += n
				changed = true
			}
		}
		for s.start < s.end && isSpaceOrPunct(text[s.start]) {
			s.start++
			changed = true
		}
		if s.end-s.start > 2 && (string(text[s.end-2:s.end]) == "'s" || string(text[s.end-2:s.end]) == "\u2019s") {
			s.end -= 2
			changed = true
		}
		for s.end > s.start && isSpaceOrPunct(text[s.end-1]) {
			s.end--
			changed = true
		}
	}
	return s
}

func isSpaceOrPunct(r rune) bool {
	return strings.ContainsRune(" \t\n\r.,;:!?\"'()[]\u2019\u201c\u201d", r)
}
