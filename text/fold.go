// Package text holds the small, general text tools the extractor and the
// gazetteer share: folding strings to comparison keys, a tokenizer that keeps
// byte offsets, and transliteration keys for names written many ways.
package text

import (
	_ "embed"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed fold.tsv
var foldTSV string

// foldLow covers the code points the table names (Latin-1 to Latin Extended
// Additional); anything above falls back to unicode.ToLower.
const foldLow = 0x2100

var (
	foldTable [foldLow]string // "" for no entry
	foldDrop  [foldLow]bool   // the rune folds to nothing
)

func init() {
	for _, line := range strings.Split(foldTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		code, repl, ok := strings.Cut(line, "\t")
		if !ok || !strings.HasPrefix(code, "U+") {
			continue
		}
		n, err := strconv.ParseUint(code[2:], 16, 32)
		if err != nil || n >= foldLow {
			continue
		}
		foldTable[n] = repl
		foldDrop[n] = repl == ""
	}
	initASCII()
}

// IsMark reports whether r is an apostrophe-like mark that transliterations
// use for ʿayn, hamza or elision (’ ‘ ʿ ʾ ' ` ´). Fold drops them, so
// "Ma'arrat" and "Maarrat" compare equal.
func IsMark(r rune) bool {
	return r < foldLow && foldDrop[r] && !unicode.Is(unicode.Mn, r)
}

// appendFoldRune appends the folded form of r to b: lower case, without
// diacritics. Marks fold to nothing.
func appendFoldRune(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	}
	if r < foldLow {
		if foldDrop[r] {
			return b
		}
		if s := foldTable[r]; s != "" {
			return append(b, s...)
		}
	}
	return utf8.AppendRune(b, unicode.ToLower(r))
}

// Fold returns s as a comparison key: lower case, diacritics and
// apostrophe-like marks removed, every run of other non-letters and
// non-digits (spaces, hyphens, punctuation) turned into one space, trimmed.
// "Ma‘arrat Mişrīn" and "MAARRAT misrin" fold alike.
func Fold(s string) string {
	return string(AppendFold(make([]byte, 0, len(s)), s))
}

// AppendFold appends Fold(s) to dst and returns the extended buffer; it
// lets hot loops fold without allocating.
func AppendFold(dst []byte, s string) []byte {
	b := dst
	base := len(dst)
	space := false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'),
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			if space && len(b) > base {
				b = append(b, ' ')
			}
			space = false
			b = appendFoldRune(b, r)
		case IsMark(r):
			// dropped inside a word
		default:
			space = true
		}
	}
	return b
}

// FoldEqual reports whether Fold(s) == folded. It folds s as it compares
// and stops at the first byte that differs, without allocating: ranking
// asks it of every candidate's name.
func FoldEqual(s, folded string) bool {
	var scratch [16]byte
	p := 0 // bytes of folded matched so far
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch f := asciiFold[c]; {
			case f != 0:
				if space && p > 0 {
					if p >= len(folded) || folded[p] != ' ' {
						return false
					}
					p++
				}
				space = false
				if p >= len(folded) || folded[p] != f {
					return false
				}
				p++
			case asciiMark[c]:
				// dropped inside a word
			default:
				space = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if space && p > 0 {
				if p >= len(folded) || folded[p] != ' ' {
					return false
				}
				p++
			}
			space = false
			f := appendFoldRune(scratch[:0], r)
			if len(folded)-p < len(f) || folded[p:p+len(f)] != string(f) {
				return false
			}
			p += len(f)
		case IsMark(r):
			// dropped inside a word
		default:
			space = true
		}
	}
	return p == len(folded)
}
