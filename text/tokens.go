package text

import (
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Token is a word or a number in a text. Start and End are byte offsets into
// the text, so text[t.Start:t.End] is the token as written.
type Token struct {
	Start, End int
	// Fold is the token folded as by Fold: "Dar‘a" has Fold "dara".
	Fold string
	// Cap is set when the token starts with an upper-case letter.
	Cap bool
	// Num is set when the token starts with a digit ("8", "3.5", "1,200").
	Num bool
	// SentStart is set for the first token of a sentence or line, where
	// capitalisation says nothing about names.
	SentStart bool
	// Joined is set when the token is attached to the previous one by a
	// hyphen ("ez-Zor") or an ampersand ("J&K"), so the two were written
	// as one word.
	Joined bool
	// Break is set when punctuation other than a hyphen or a space
	// separates the token from the previous one (a comma, a bracket, a quote,
	// a full stop): names do not run across it.
	Break bool
}

// isAbbrevWord reports whether a folded word ends with a full stop
// without ending a sentence ("Mr.", "Gen.", "km.").
func isAbbrevWord(f []byte) bool {
	switch string(f) {
	case "mr", "mrs", "ms", "dr", "gen", "col",
		"lt", "st", "no", "vs", "jr", "sr",
		"maj", "capt", "sgt", "gov", "sen",
		"rep", "prof", "brig", "cpl", "pvt",
		"adm", "mt", "ft", "km", "approx":
		return true
	}
	return false
}

// asciiFold folds an ASCII letter or digit, and is 0 for every other
// byte: the tokenizer's fast path, as most text is ASCII.
var asciiFold [256]byte

// asciiMark marks the ASCII bytes IsMark accepts (' and `); it is false
// for the bytes of other runes.
var asciiMark [256]bool

// initASCII fills the ASCII tables; fold.go's init calls it once the fold
// table, which IsMark reads, is filled.
func initASCII() {
	for c := range utf8.RuneSelf {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			asciiFold[c] = byte(c)
		case 'A' <= c && c <= 'Z':
			asciiFold[c] = byte(c) + 'a' - 'A'
		}
		asciiMark[c] = IsMark(rune(c))
	}
}

// mark reports whether the rune at s[i:] is an apostrophe-like mark, and
// its size.
func mark(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiMark[c], 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return IsMark(r), size
}

// Tokens splits s into words and numbers. Words keep internal
// apostrophe-like marks ("Dar'a" is one token) but lose a possessive "'s";
// hyphens split words and set Joined on the second part. Numbers keep
// internal separators between digits ("1,200", "3.5").
func Tokens(s string) []Token {
	return TokensInto(nil, s)
}

// TokensInto is Tokens reusing buf's storage, for callers that tokenize
// many texts in turn and no longer need the previous tokens.
func TokensInto(buf []Token, s string) []Token {
	toks := buf[:0]
	if cap(toks) < len(s)/5+1 {
		toks = make([]Token, 0, len(s)/5+1)
	}
	if out, ok := tokensASCII(toks, s); ok {
		return out
	}
	toks = toks[:0]
	folds := make([]byte, 0, len(s)+8)
	foldEnd := make([]int32, 0, len(s)/5+1)
	sent, brk, joined := true, false, false
	i := 0
	for i < len(s) {
		c := s[i]
		r, size := rune(c), 1
		word := asciiFold[c] != 0
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			word = isWordRune(r)
		}
		if !word {
			switch r {
			case ' ', '\t', '\r', 0xa0:
				joined = false
			case '\n':
				sent, brk, joined = true, true, false
			case '&':
				// "J&K", "AT&T": one abbreviation, written as one word
				joined = len(toks) > 0 && toks[len(toks)-1].End == i && i+1 < len(s) && isWordRune(rune(s[i+1]))
				brk = brk || !joined
			case '-', 0x2010, 0x2011:
				joined = len(toks) > 0 && toks[len(toks)-1].End == i
				brk = brk || !joined && i+size < len(s) && s[i+size] == ' '
			case '.', '!', '?':
				brk, joined = true, false
				if r != '.' || !isAbbrev(toks, foldEnd, folds, i) {
					sent = true
				}
			default:
				brk, joined = true, false
			}
			i += size
			continue
		}
		t := Token{Start: i, SentStart: sent, Break: brk, Joined: joined}
		if c < utf8.RuneSelf {
			t.Cap = 'A' <= c && c <= 'Z'
			t.Num = '0' <= c && c <= '9'
		} else {
			t.Cap = unicode.IsUpper(r)
			t.Num = unicode.IsDigit(r)
		}
		j := i
		for j < len(s) {
			c := s[j]
			if f := asciiFold[c]; f != 0 {
				folds = append(folds, f)
				j++
				continue
			}
			r, size := rune(c), 1
			if c >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[j:])
			}
			switch {
			case c >= utf8.RuneSelf && isWordRune(r):
				folds = appendFoldRune(folds, r)
				j += size
				continue
			case !t.Num && (c < utf8.RuneSelf && asciiMark[c] || c >= utf8.RuneSelf && IsMark(r)):
				// A mark inside a word stays in it, except a possessive 's.
				next, nsize := utf8.DecodeRuneInString(s[j+size:])
				if !isWordRune(next) || unicode.IsDigit(next) {
					break
				}
				if (next == 's' || next == 'S') && j+size+nsize < len(s) {
					after, _ := utf8.DecodeRuneInString(s[j+size+nsize:])
					if !isWordRune(after) {
						break
					}
				} else if next == 's' || next == 'S' {
					break
				}
				j += size
				continue
			case (c == '.' || c == ',') && t.Num && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9':
				folds = append(folds, c)
				j++
				continue
			}
			break
		}
		t.End = j
		toks = append(toks, t)
		foldEnd = append(foldEnd, int32(len(folds)))
		sent, brk, joined = false, false, false
		i = j
		// Skip a possessive 's so that it does not become a token.
		if i < len(s) {
			if m, size := mark(s, i); m && i+size < len(s) && (s[i+size] == 's' || s[i+size] == 'S') {
				if i+size+1 == len(s) || !isWordRune(rune(s[i+size+1])) {
					i += size + 1
				}
			}
		}
	}
	// folds is not written again: its bytes can back the strings without
	// a copy.
	all := ""
	if len(folds) > 0 {
		all = unsafe.String(&folds[0], len(folds))
	}
	prev := int32(0)
	for k := range toks {
		toks[k].Fold = all[prev:foldEnd[k]]
		prev = foldEnd[k]
	}
	return toks
}

// tokensASCII is TokensInto for a text whose words are ASCII, which most
// texts' are: the same rules without decoding runes, with each fold
// written where it stays. Punctuation that is not ASCII (quotes, dashes)
// it reads as ASCII punctuation; at any other rune that is not ASCII it
// gives up, returning false.
func tokensASCII(toks []Token, s string) ([]Token, bool) {
	// ASCII folds byte for byte, so folds never grows and each token's
	// Fold can point into it at once.
	folds := make([]byte, len(s))
	n := 0 // bytes of folds written
	sent, brk, joined := true, false, false
	i := 0
	for i < len(s) {
		c := s[i]
		if asciiFold[c] == 0 {
			switch c {
			case ' ', '\t', '\r':
				joined = false
			case '\n':
				sent, brk, joined = true, true, false
			case '&':
				// "J&K", "AT&T": one abbreviation, written as one word
				if i+1 < len(s) && s[i+1] >= utf8.RuneSelf {
					return nil, false
				}
				joined = len(toks) > 0 && toks[len(toks)-1].End == i && i+1 < len(s) && asciiFold[s[i+1]] != 0
				brk = brk || !joined
			case '-':
				joined = len(toks) > 0 && toks[len(toks)-1].End == i
				brk = brk || !joined && i+1 < len(s) && s[i+1] == ' '
			case '.', '!', '?':
				brk, joined = true, false
				if c != '.' || !abbrevBefore(toks, i) {
					sent = true
				}
			default:
				size := 1
				if c >= utf8.RuneSelf {
					if size = plainPunct(s, i); size == 0 {
						return nil, false
					}
				}
				brk, joined = true, false
				i += size
				continue
			}
			i++
			continue
		}
		// One unsigned comparison each, as a flag rather than a branch:
		// capitals come as they please.
		t := Token{Start: i, SentStart: sent, Break: brk, Joined: joined,
			Cap: c-'A' < 26, Num: c-'0' < 10}
		start := n
		j := i
		for {
			for ; j < len(s); j++ {
				f := asciiFold[s[j]]
				if f == 0 {
					break
				}
				folds[n] = f
				n++
			}
			if j == len(s) {
				break
			}
			c := s[j]
			if c >= utf8.RuneSelf {
				if plainPunct(s, j) == 0 {
					return nil, false
				}
				break // the word ends at punctuation, as at ASCII punctuation
			}
			if asciiMark[c] && !t.Num {
				// A mark inside a word stays in it, except a possessive 's.
				if j+1 == len(s) {
					break
				}
				next := s[j+1]
				if next >= utf8.RuneSelf {
					return nil, false
				}
				if asciiFold[next] == 0 || '0' <= next && next <= '9' {
					break
				}
				if next == 's' || next == 'S' {
					if j+2 == len(s) || asciiFold[s[j+2]] == 0 {
						if j+2 < len(s) && s[j+2] >= utf8.RuneSelf {
							return nil, false
						}
						break
					}
				}
				j++
				continue
			}
			if t.Num && (c == '.' || c == ',') && j+1 < len(s) && '0' <= s[j+1] && s[j+1] <= '9' {
				folds[n] = c
				n++
				j++
				continue
			}
			break
		}
		t.End = j
		t.Fold = unsafe.String(&folds[start], n-start)
		toks = append(toks, t)
		sent, brk, joined = false, false, false
		i = j
		// Skip a possessive 's so that it does not become a token.
		if i+1 < len(s) && asciiMark[s[i]] && (s[i+1] == 's' || s[i+1] == 'S') {
			if i+2 < len(s) && s[i+2] >= utf8.RuneSelf {
				return nil, false
			}
			if i+2 == len(s) || asciiFold[s[i+2]] == 0 {
				i += 2
			}
		}
		// Spaces after a word change nothing (joined is already false):
		// skip them here rather than one by one above.
		for i < len(s) && s[i] == ' ' {
			i++
		}
	}
	return toks, true
}

// plainPunct returns the size of the rune at s[i], which is not ASCII,
// when the tokenizer treats it as it treats ASCII punctuation: it is no
// letter, digit or mark, and none of the spaces and hyphens TokensInto
// names ("“", "—", "…"). It returns 0 for any other rune, which
// tokensASCII leaves to TokensInto.
func plainPunct(s string, i int) int {
	r, size := utf8.DecodeRuneInString(s[i:])
	if isWordRune(r) || IsMark(r) || r == 0xa0 || r == 0x2010 || r == 0x2011 {
		return 0
	}
	return size
}

// abbrevBefore reports whether the full stop at byte i closes an
// abbreviation ("Mr.", "U.S.") rather than a sentence, as isAbbrev.
func abbrevBefore(toks []Token, i int) bool {
	n := len(toks)
	if n == 0 || toks[n-1].End != i {
		return false
	}
	f := toks[n-1].Fold
	if len(f) == 1 && toks[n-1].Cap {
		return true
	}
	return isAbbrevWord(unsafe.Slice(unsafe.StringData(f), len(f)))
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isAbbrev reports whether the full stop at byte i closes an abbreviation
// ("Mr.", "U.S.") rather than a sentence.
func isAbbrev(toks []Token, foldEnd []int32, folds []byte, i int) bool {
	n := len(toks)
	if n == 0 || toks[n-1].End != i {
		return false
	}
	start := int32(0)
	if n > 1 {
		start = foldEnd[n-2]
	}
	f := folds[start:foldEnd[n-1]]
	if len(f) == 1 && toks[n-1].Cap {
		return true
	}
	return isAbbrevWord(f)
}
