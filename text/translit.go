package text

import "strings"

// IsArticle reports whether the folded word w is a transliterated Arabic
// article ("al", "el", "ez", "ash", ...): the ways the article is written
// as a word of its own ("al-", "ez-", "ash-"). They are left out of name
// keys, so "Deir ez-Zor" and "Deir al-Zour" differ only in vowels.
func IsArticle(w string) bool {
	// A switch, not a map: Find asks about most words of a text.
	switch w {
	case "al", "el", "il", "ul",
		"ad", "ed", "ar", "er", "as", "es",
		"az", "ez", "ash", "esh", "at", "et",
		"an", "en", "adh", "ath", "edh", "eth":
		return true
	}
	return false
}

// wordFix rewrites whole words that are spelled as one or two words by
// different writers ("Albu Kamal", "Abu Kamal", "Abou Kamal").
func wordFix(w string) (string, bool) {
	switch w {
	case "albu", "abou", "abo", "bou":
		return "abu", true
	case "ibn", "ben":
		return "bin", true
	case "beni", "bany", "bni":
		return "bani", true
	case "sheikh", "sheik", "shaikh", "shekh", "cheikh":
		return "shaykh", true
	case "tel", "tell", "tal":
		return "tall", true
	case "jabal", "jebel", "djebel", "jabel":
		return "jbl", true
	case "wadi", "ouadi", "oued":
		return "wadi", true
	case "kafr", "kafar", "kfar", "kefr":
		return "kfr", true
	case "deir", "dayr", "deyr", "der", "dir":
		return "dair", true
	case "ras", "raas":
		return "ras", true
	}
	return "", false
}

// Loose returns the transliteration key of one folded word: the key under
// which spellings of the same Arabic, Persian or Kurdish name meet. It drops
// articles (returning ""), strips an article glued to the word when the word
// is not first in the name ("Ezzor" → "zor"), and evens out the usual
// variations: ou/oo → u, ee → i, ei/ey/ay → ai before a consonant, q → k,
// ph → f, dj → j, sch → sh, doubled letters and the -ah/-eh endings.
func Loose(w string, first bool) string {
	var arr [64]byte
	b := AppendLoose(arr[:0], w, first)
	if string(b) == w {
		return w // unchanged: no allocation
	}
	return string(b)
}

// AppendLoose appends Loose(w, first) to dst, for hot loops that build
// keys without allocating.
func AppendLoose(dst []byte, w string, first bool) []byte {
	// Articles are at most three letters and fixed words at most six:
	// most words skip both switches.
	if len(w) <= 3 && IsArticle(w) {
		return dst
	}
	if len(w) <= 6 {
		if f, ok := wordFix(w); ok {
			return append(dst, f...)
		}
	}
	if !first && LooseVaries(w) {
		w = w[2:]
	}
	base := len(dst)
	b := dst
	last := -1 // the byte last appended to the key, -1 before the first
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch c {
		case 'o':
			if next := at(w, i+1); next == 'u' || next == 'o' {
				c = 'u'
				i++
			}
		case 'e', 'a':
			next := at(w, i+1)
			if c == 'e' && next == 'e' {
				c = 'i'
				i++
			} else if (next == 'i' || next == 'y') && !isVowel(at(w, i+2)) {
				b = append(b, 'a')
				last = 'a'
				c = 'i'
				i++
			}
		case 'q':
			c = 'k'
		case 'c':
			if at(w, i+1) == 'k' {
				c = 'k'
				i++
			}
		case 'p':
			if at(w, i+1) == 'h' {
				c = 'f'
				i++
			}
		case 'd':
			if at(w, i+1) == 'j' {
				c = 'j'
				i++
			}
		case 's':
			if at(w, i+1) == 'c' && at(w, i+2) == 'h' {
				i++
			}
		}
		if int(c) != last {
			b = append(b, c)
			last = int(c)
		}
	}
	if n := len(b); n-base >= 4 && b[n-1] == 'h' && (b[n-2] == 'a' || b[n-2] == 'e') {
		b = b[:n-1]
		b[n-2] = 'a'
	}
	return b
}

// LooseVaries reports whether Loose(w, true) and Loose(w, false) may
// differ: whether w may begin with an article glued to it ("Ezzor").
func LooseVaries(w string) bool {
	if len(w) < 5 || w[0] != 'a' && w[0] != 'e' || w[1] != w[2] {
		return false
	}
	switch w[1] {
	case 'd', 'n', 'r', 's', 't', 'z', 'l':
		return true
	}
	return false
}

func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// Key returns the transliteration key of a whole name: its folded words,
// each made Loose, joined without spaces, so that a name written as one word
// ("Maarratmisrin") and as two ("Maarrat Misrin") meet.
func Key(name string) string {
	var b strings.Builder
	first := true
	for _, w := range strings.Fields(Fold(name)) {
		b.WriteString(Loose(w, first))
		first = false
	}
	return b.String()
}

// Skeleton returns the consonant skeleton of a Key: vowels and the
// semivowels w and y dropped and doubled consonants merged, so that
// "Khasham" and "Khusham" meet. It is a weak key: short skeletons match far
// too much and callers should require three consonants or more.
func Skeleton(key string) string {
	return string(AppendSkeleton(make([]byte, 0, len(key)), []byte(key)))
}

// AppendSkeleton appends the Skeleton of key to dst, for hot loops.
func AppendSkeleton(dst, key []byte) []byte {
	base := len(dst)
	for _, c := range key {
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'w', 'y':
			continue
		}
		if n := len(dst); n > base && dst[n-1] == c {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}
