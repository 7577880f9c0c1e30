package reconcile

import (
	"encoding/binary"
	"hash/fnv"
	"strings"
	"unicode"
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
func Fingerprint(text string) []byte {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 {
		return nil
	}
	var mins [minHashes]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	n := max(1, len(words)-shingleWords+1)
	for i := 0; i < n; i++ {
		h := fnv.New64a()
		for _, w := range words[i:min(len(words), i+shingleWords)] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		x := h.Sum64()
		for j := range mins {
			if v := mix(x ^ seeds[j]); v < mins[j] {
				mins[j] = v
			}
		}
	}
	sig := make([]byte, 4*minHashes)
	for j, m := range mins {
		binary.LittleEndian.PutUint32(sig[4*j:], uint32(m>>32))
	}
	return sig
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
