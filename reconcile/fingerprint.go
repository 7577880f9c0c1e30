package reconcile

import (
	"encoding/binary"
	"unicode"
	"unicode/utf8"
)

// Near-duplicate detection. The same agency story runs in many papers with
// a new headline, a trimmed paragraph or a local byline; counted as ten
// sources it would corroborate itself. A MinHash signature of a text's word
// shingles estimates the Jaccard similarity of two texts' shingle sets
// without keeping the texts: the fraction of equal signature slots is an
// unbiased estimate of it (Broder 1997).
const (
	shingleWords = 4  // words per shingle
	minHashes    = 64 // signature slots: a standard error of about 0.06
	// WireThreshold is the estimated shingle similarity from which two
	// documents count as copies of one story.
	WireThreshold = 0.8
)

// Fingerprint returns the MinHash signature of text's word shingles, to be
// stored with the document and compared with Similarity. It returns nil
// for a text without words.
//
// Words are the runs of letters and digits of the lower-cased text; a
// shingle is hashed with 64-bit FNV-1a over its words, each followed by a
// zero byte.
func Fingerprint(text string) []byte {
	words, starts := shingleWordsOf(text)
	if len(starts) == 0 {
		return nil
	}
	hashes := shingleHashes(words, starts)
	// Four slots at a time, each kept in a register over every shingle:
	// four independent chains of multiplications keep the processor
	// busy, and no slot goes through memory per shingle.
	sig := make([]byte, 4*minHashes)
	for j := 0; j < minHashes; j += 4 {
		s0, s1, s2, s3 := seeds[j], seeds[j+1], seeds[j+2], seeds[j+3]
		m0, m1, m2, m3 := ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)
		for _, x := range hashes {
			m0, m1, m2, m3 = min(m0, mix(x^s0)), min(m1, mix(x^s1)), min(m2, mix(x^s2)), min(m3, mix(x^s3))
		}
		for k, m := range [4]uint64{m0, m1, m2, m3} {
			binary.LittleEndian.PutUint32(sig[4*(j+k):], uint32(m>>32))
		}
	}
	return sig
}

// shingleHashes returns the FNV-1a hash of each shingle of words, which
// begin at starts: a text of fewer words than a shingle is one shingle.
func shingleHashes(words []byte, starts []int) []uint64 {
	n := len(starts)
	starts = append(starts, len(words))
	hashes := make([]uint64, max(1, n-shingleWords+1))
	for i := range hashes {
		x := uint64(fnvOffset)
		for _, c := range words[starts[i]:starts[min(n, i+shingleWords)]] {
			x ^= uint64(c)
			x *= fnvPrime
		}
		hashes[i] = x
	}
	return hashes
}

// The 64-bit FNV-1a parameters (hash/fnv's).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// shingleWordsOf returns the words of text, lower-cased, each followed by
// a zero byte, and where each begins: what hashing shingles reads, in one
// pass and two allocations (the hashing of a document is a good share of
// ingesting it). Lower-casing goes rune by rune, as strings.ToLower does,
// and a word is a run of letters and digits of the lower-cased text;
// invalid UTF-8 reads as U+FFFD, which separates words.
func shingleWordsOf(text string) (words []byte, starts []int) {
	words = make([]byte, 0, len(text)+len(text)/8)
	starts = make([]int, 0, len(text)/4)
	in := false // inside a word
	for i := 0; i < len(text); {
		var (
			r      rune
			isWord bool
		)
		if c := text[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			r, isWord = rune(c), 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
			i++
		} else {
			var w int
			r, w = utf8.DecodeRuneInString(text[i:])
			r = unicode.ToLower(r)
			isWord = unicode.IsLetter(r) || unicode.IsDigit(r)
			i += w
		}
		switch {
		case isWord && !in:
			starts = append(starts, len(words))
		case !isWord && in:
			words = append(words, 0)
		}
		in = isWord
		switch {
		case isWord && r < utf8.RuneSelf:
			words = append(words, byte(r))
		case isWord:
			words = utf8.AppendRune(words, r)
		}
	}
	if in {
		words = append(words, 0)
	}
	return words, starts
}

// Similarity estimates the shingle similarity (0 to 1) of the texts two
// fingerprints were made from. Missing or mismatched fingerprints are 0.
func Similarity(a, b []byte) float64 {
	if len(a) == 0 || len(a) != len(b) || len(a)%4 != 0 {
		return 0
	}
	same := 0
	for i := 0; i < len(a); i += 4 {
		if binary.LittleEndian.Uint32(a[i:]) == binary.LittleEndian.Uint32(b[i:]) {
			same++
		}
	}
	return float64(same) / float64(len(a)/4)
}

// seeds make minHashes independent hash functions out of one.
var seeds = func() [minHashes]uint64 {
	var s [minHashes]uint64
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x = mix(x + uint64(i) + 1)
		s[i] = x
	}
	return s
}()

// mix is the SplitMix64 finaliser: a cheap bijection that spreads bits.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
