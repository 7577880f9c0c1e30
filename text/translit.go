package text

import "strings"

// articles are the ways the Arabic article is transliterated as a word of
// its own ("al-", "ez-", "ash-"): they are left out of name keys, so "Deir
// ez-Zor" and "Deir al-Zour" differ only in vowels.
var articles = map[string]bool{
	"al": true, "el": true, "il": true, "ul": true,
	"ad": true, "ed": true, "ar": true, "er": true, "as": true, "es": true,
	"az": true, "ez": true, "ash": true, "esh": true, "at": true, "et": true,
	"an": true, "en": true, "adh": true, "ath": true, "edh": true, "eth": true,
}

// IsArticle reports whether the folded word w is a transliterated Arabic
// article ("al", "el", "ez", "ash", ...).
func IsArticle(w string) bool { return articles[w] }

// wordFixes rewrite whole words that are spelled as one or two words by
// different writers ("Albu Kamal", "Abu Kamal", "Abou Kamal").
var wordFixes = map[string]string{
	"albu": "abu", "abou": "abu", "abo": "abu", "bou": "abu",
	"ibn": "bin", "ben": "bin", "beni": "bani", "bany": "bani", "bni": "bani",
	"sheikh": "shaykh", "sheik": "shaykh", "shaikh": "shaykh", "shekh": "shaykh", "cheikh": "shaykh",
	"tel": "tall", "tell": "tall", "tal": "tall",
	"jabal": "jbl", "jebel": "jbl", "djebel": "jbl", "jabel": "jbl",
	"wadi": "wadi", "ouadi": "wadi", "oued": "wadi",
	"kafr": "kfr", "kafar": "kfr", "kfar": "kfr", "kefr": "kfr",
	"deir": "dair", "dayr": "dair", "deyr": "dair", "der": "dair", "dir": "dair",
	"ras": "ras", "raas": "ras",
}

// Loose returns the transliteration key of one folded word: the key under
// which spellings of the same Arabic, Persian or Kurdish name meet. It drops
// articles (returning ""), strips an article glued to the word when the word
// is not first in the name ("Ezzor" → "zor"), and evens out the usual
// variations: ou/oo → u, ee → i, ei/ey/ay → ai before a consonant, q → k,
// ph → f, dj → j, sch → sh, doubled letters and the -ah/-eh endings.
func Loose(w string, first bool) string {
	// Articles are at most three letters and fixed words at most six:
	// most words skip both maps.
	if len(w) <= 3 && articles[w] {
		return ""
	}
	if len(w) <= 6 {
		if f, ok := wordFixes[w]; ok {
			return f
		}
	}
	if !first && len(w) >= 5 && (w[0] == 'a' || w[0] == 'e') && w[1] == w[2] && strings.IndexByte("dnrstzl", w[1]) >= 0 {
		w = w[2:]
	}
	var arr [64]byte
	b := arr[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		var next byte
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case c == 'o' && (next == 'u' || next == 'o'):
			c = 'u'
			i++
		case c == 'e' && next == 'e':
			c = 'i'
			i++
		case (c == 'e' || c == 'a') && (next == 'i' || next == 'y') && !isVowel(at(w, i+2)):
			b = append(b, 'a')
			c = 'i'
			i++
		case c == 'q':
			c = 'k'
		case c == 'c' && next == 'k':
			c = 'k'
			i++
		case c == 'p' && next == 'h':
			c = 'f'
			i++
		case c == 'd' && next == 'j':
			c = 'j'
			i++
		case c == 's' && next == 'c' && at(w, i+2) == 'h':
			c = 's'
			i++
		}
		if n := len(b); n > 0 && b[n-1] == c {
			continue
		}
		b = append(b, c)
	}
	if n := len(b); n >= 4 && b[n-1] == 'h' && (b[n-2] == 'a' || b[n-2] == 'e') {
		b = b[:n-1]
		b[n-2] = 'a'
	}
	if string(b) == w {
		return w // unchanged: no allocation
	}
	return string(b)
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
