package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// naiveMatches finds, by trying every pattern in turn, the patterns that
// match toks from i on: by the index one past their last token.
func naiveMatches(patterns [][]string, toks []token, i, limit int) map[int][]int {
	out := map[int][]int{}
	for v, p := range patterns {
		j := i
		ok := true
		for _, k := range p {
			if j >= limit {
				ok = false
				break
			}
			key := toks[j].key
			if strings.HasSuffix(k, "*") && len(k) > 1 {
				ok = strings.HasPrefix(key, strings.TrimSuffix(k, "*"))
			} else {
				ok = key == k
			}
			if !ok {
				break
			}
			j++
		}
		if ok {
			out[j] = append(out[j], v)
		}
	}
	return out
}

func TestTrieMatchesLikeNaive(t *testing.T) {
	patterns := []string{
		"fired", "fired on", "fired rockets at", "shell*", "shell* the", "shelling of",
		"open fire", "opened fire on", "set fire to", "blew up", "blow* up",
		"stormed", "raided", "ambushed", "attacked", "bombed", "hit", "struck",
		"clash*", "clashed with", "fought", "seized", "took over", "x* fire", "sh*",
	}
	tr := newTrie()
	var split [][]string
	for v, p := range patterns {
		k := keys(p)
		split = append(split, k)
		tr.add(k, v)
	}
	if tr.dense == nil {
		t.Fatalf("the root has %d children and should index them by id", len(tr.next))
	}
	texts := []string{
		"Gunmen fired rockets at the town and then opened fire on a bus.",
		"The army shelled the village; the shelling of the market went on.",
		"Rebels clashed with troops, who later stormed and took over the base.",
		"Nobody blew up anything, they blowtorched it up and set fire to it.",
		"Hit, struck, fought, seized, raided, ambushed, attacked, bombed.",
		"Fired",
		"X fire, xenon fire and shy fire; an x-ray fired.",
	}
	for _, text := range texts {
		toks := tokenize(text)
		for i := range toks {
			for _, limit := range []int{len(toks), min(len(toks), i+1), min(len(toks), i+2)} {
				want := naiveMatches(split, toks, i, limit)
				var ends []int
				got := map[int][]int{}
				tr.match(toks, i, limit, func(end int, vals []int) {
					ends = append(ends, end)
					got[end] = append(got[end], vals...)
				})
				for end, vals := range got {
					slices.Sort(vals)
					w := slices.Clone(want[end])
					slices.Sort(w)
					if !slices.Equal(vals, w) {
						t.Errorf("%q at %d: matches ending at %d give %v, want %v", text, i, end, vals, w)
					}
				}
				wantEnd := 0
				for e := range want {
					wantEnd = max(wantEnd, e)
				}
				for e := range want {
					if !slices.Contains(ends, e) {
						t.Errorf("%q at %d limit %d: no match ending at %d", text, i, limit, e)
					}
				}
				end, vals := tr.longest(toks, i, limit)
				if end != wantEnd {
					t.Errorf("%q at %d limit %d: longest ends at %d, want %d", text, i, limit, end, wantEnd)
				}
				if end > 0 && !slices.Contains(want[end], vals[0]) {
					t.Errorf("%q at %d: longest gives %v, want one of %v", text, i, vals, want[end])
				}
			}
		}
	}
}

// TestTrieCaseAndApostrophe: tokens match a pattern's keys whatever their
// case and apostrophes, as the tokenizer folds them.
func TestTrieCaseAndApostrophe(t *testing.T) {
	tr := newTrie()
	tr.add(keys("people's council"), 1)
	tr.add(keys("united front"), 2)
	for _, c := range []struct {
		text string
		want int
	}{
		{"the People’s Council met", 1},
		{"the people's council met", 1},
		{"the UNITED FRONT met", 2},
		{"the united fronts met", 0},
	} {
		toks := tokenize(c.text)
		got := 0
		if _, vals := tr.longest(toks, 1, len(toks)); len(vals) > 0 {
			got = vals[0]
		}
		if got != c.want {
			t.Errorf("%q: got %d, want %d", c.text, got, c.want)
		}
	}
}

// TestVocabShape: every key in vocab passes the shape filter, so keyID
// finds every key a trie holds.
func TestVocabShape(t *testing.T) {
	for k, id := range vocab {
		if got := keyID(k); got != id {
			t.Errorf("keyID(%q) = %d, want %d", k, got, id)
		}
	}
	for _, k := range []string{"zqxjkv", fmt.Sprint(len(vocab)) + "qqq"} {
		if _, ok := vocab[k]; !ok && keyID(k) != 0 {
			t.Errorf("keyID(%q) = %d for a key not in vocab", k, keyID(k))
		}
	}
}

// TestTokenWordInfo: what a token reads from vocabInfo is what the
// lexicon's maps say of its key, for every key they hold and for the
// words of a text, written in any case.
func TestTokenWordInfo(t *testing.T) {
	var texts []string
	for k := range lex.words {
		texts = append(texts, k, strings.ToUpper(k), strings.ToTitle(k))
	}
	for _, set := range []map[string]bool{lex.figureStart, dateWords, lex.opener} {
		for k := range set {
			texts = append(texts, k, strings.ToUpper(k))
		}
	}
	texts = append(texts, "Officials DENIED on Tuesday that the army’s shelling killed twenty-three people, the ministry said.")
	for _, text := range texts {
		for _, tk := range tokenize(text) {
			if got, want := tk.class(), lex.words[tk.key]; got != want {
				t.Errorf("%q in %q: class %q, want %q", tk.key, text, got, want)
			}
			for _, c := range []struct {
				flag uint8
				set  map[string]bool
			}{{wFigureStart, lex.figureStart}, {wDateWord, dateWords}, {wOpener, lex.opener}} {
				if tk.is(c.flag) != c.set[tk.key] {
					t.Errorf("%q in %q: flag %d is %v", tk.key, text, c.flag, tk.is(c.flag))
				}
			}
			if tk.id != 0 && vocabKeys[tk.id] != tk.key {
				t.Errorf("%q in %q: id %d is the key %q", tk.key, text, tk.id, vocabKeys[tk.id])
			}
		}
	}
	for k := range lex.words {
		first, _, multi := strings.Cut(k, " ")
		if multi && !tokenize(first)[0].is(wPhrase) {
			t.Errorf("%q does not mark %q as opening a phrase", k, first)
		}
	}
}

// TestTokenKeysFoldCase: a word's key is its lower-case form, with
// typographic apostrophes made plain, whether or not the lexicon has it.
func TestTokenKeysFoldCase(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"The Army SAID", "the army said"},
		{"Qwzrtlandia’s ZZYZX", "qwzrtlandia 's zzyzx"},
		{"ÉTAT Über", "état über"},
		{"People’s", "people 's"},
	} {
		var keys []string
		for _, tk := range tokenize(c.text) {
			keys = append(keys, tk.key)
		}
		if got := strings.Join(keys, " "); got != c.want {
			t.Errorf("%q: keys %q, want %q", c.text, got, c.want)
		}
	}
}
