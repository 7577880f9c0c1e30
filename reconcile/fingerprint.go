package reconcile

import (
	"encoding/binary"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Near-duplicate detection. The same agency story runs in many papers with
// a new headline, a trimmed paragraph or a local byline; counted as ten
// sources it would corroborate itself. A bottom-k MinHash sketch of a
// text's word shingles — the k smallest of their hashes — estimates the
// Jaccard similarity of two texts' shingle sets without keeping the texts
// (Broder 1997; Cohen and Kaplan 2007): the smallest hashes of the union
// of two sets are a uniform sample of the union, and both sketches tell
// which of them each set holds. Hashing a shingle once is what makes the
// sketch cheap: the earlier k-permutation signature hashed every shingle
// 64 times, about a sixth of the work ingesting adds to extracting.
const (
	shingleWords = 4 // words per shingle
	// sketchSize is k, the hashes a sketch keeps: the estimate of a
	// similarity J has a standard error of about √(J(1-J)/k), at most
	// 0.06, and 0.05 around WireThreshold (less when the texts have fewer
	// than k shingles, whose similarity is then exact).
	sketchSize = 64
	// WireThreshold is the estimated shingle similarity from which two
	// documents count as copies of one story.
	WireThreshold = 0.8
)

// Fingerprint formats. A sketch is sketchFormat followed by the sketch's
// hashes, ascending, as 32-bit little-endian integers: 1 + 4n bytes, n ≤
// sketchSize, n < sketchSize only for a text of n distinct shingles.
//
// Fingerprints stored before sketches are k-permutation MinHash
// signatures: 64 slots of 4 bytes (the top half of the minimum of one
// hash function over the shingles) with no marker, whose length is a
// multiple of 4 where a sketch's is not. Two of them still compare as
// they did (the fraction of equal slots); a signature and a sketch cannot
// be compared, and reconciling recomputes the signatures from the stored
// texts when an incident's reports mix both (see sameFormat).
const sketchFormat = 1

// Fingerprint returns the bottom-k sketch of text's word shingles, to be
// stored with the document and compared with Similarity. It returns nil
// for a text without words.
//
// Words are the runs of letters and digits of the lower-cased text
// (invalid UTF-8 reads as U+FFFD, which separates words). A word's hash
// is 64-bit FNV-1a over its code points; a shingle's mixes its words'
// hashes (shingleHash), and its sketch hash is the top 32 bits of that.
// A text of fewer words than a shingle is one shingle.
//
// 32 bits are enough at these sizes: a news article has about a thousand
// shingles, so two distinct shingles of a pair of texts share a hash with
// a probability of about 2000²/2/2³² ≈ 0.05% (a book of 100,000 would
// see one such pair), and a collision moves an estimate by at most 1/k
// when the hash is in the sample — far below the estimate's own error.
// Half the bytes make Sources' comparisons and the stored column smaller.
func Fingerprint(text string) []byte {
	var (
		sk = sketcher{cut: 1 << 32}
		// w0 to w3 are the hashes of the last four words, w3 the
		// latest, and words counts the words.
		w0, w1, w2, w3 uint64
		words          int
		h              uint64 // the current word's hash
		in             bool   // inside a word
	)
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
		case isWord:
			if !in {
				h = fnvOffset
			}
			h = (h ^ uint64(r)) * fnvPrime
		case in:
			w0, w1, w2, w3 = w1, w2, w3, h
			words++
			if words >= shingleWords {
				sk.add(shingleHash(w0, w1, w2, w3))
			}
		}
		in = isWord
	}
	if in {
		w0, w1, w2, w3 = w1, w2, w3, h
		words++
		if words >= shingleWords {
			sk.add(shingleHash(w0, w1, w2, w3))
		}
	}
	switch words {
	case 0:
		return nil
	case 1, 2, 3:
		// The one shingle of a short text: its words' hashes, with
		// zeros before them as if it began with empty words.
		sk.add(shingleHash(w0, w1, w2, w3))
	}
	return sk.fingerprint()
}

// shingleHash returns the sketch hash of the shingle of words of hashes
// w0 to w3. They are combined as a polynomial, so that word order
// counts, then mixed.
func shingleHash(w0, w1, w2, w3 uint64) uint32 {
	x := ((w0*shingleMul+w1)*shingleMul+w2)*shingleMul + w3
	return uint32(mix(x) >> 32)
}

// shingleMul is odd, so that multiplying by it loses no bits.
const shingleMul = 0x9e3779b97f4a7c15

// The 64-bit FNV-1a parameters (hash/fnv's).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix is the SplitMix64 finaliser: a cheap bijection that spreads bits.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// A sketcher collects the sketchSize smallest distinct hashes of a
// stream without sorting the stream: a hash at or above the cut-off, the
// largest of the smallest so far, is dropped at once; the others go into
// a buffer, which is sorted, deduplicated and cut to sketchSize when it
// is full, giving the new cut-off. After the first k, a text of n
// distinct shingles passes about k·ln(n/k) hashes (the i-th is among the
// k smallest so far with probability k/i), so an article's buffer is
// sorted about twice.
type sketcher struct {
	n   int    // hashes in buf
	cut uint64 // hashes ≥ cut are not among the smallest; 1<<32 until k are known
	buf [4 * sketchSize]uint32
}

func (s *sketcher) add(x uint32) {
	if uint64(x) >= s.cut {
		return
	}
	if s.n == len(s.buf) {
		s.compact()
	}
	s.buf[s.n] = x
	s.n++
}

// compact leaves the smallest distinct hashes of buf in it, ascending.
func (s *sketcher) compact() {
	kept := s.buf[:s.n]
	slices.Sort(kept)
	kept = slices.Compact(kept)
	if len(kept) >= sketchSize {
		kept = kept[:sketchSize]
		s.cut = uint64(kept[sketchSize-1])
	}
	s.n = len(kept)
}

func (s *sketcher) fingerprint() []byte {
	s.compact()
	out := make([]byte, 1+4*s.n)
	out[0] = sketchFormat
	for i, x := range s.buf[:s.n] {
		binary.LittleEndian.PutUint32(out[1+4*i:], x)
	}
	return out
}

// isSketch reports whether fingerprint is a sketch; isSignature whether
// it is a signature of the format before sketches.
func isSketch(fingerprint []byte) bool {
	return len(fingerprint)%4 == 1 && fingerprint[0] == sketchFormat
}

func isSignature(fingerprint []byte) bool {
	return len(fingerprint) > 0 && len(fingerprint)%4 == 0
}

// Similarity estimates the shingle similarity (0 to 1) of the texts two
// fingerprints were made from. Missing fingerprints, and fingerprints of
// two formats, are 0.
//
// Of two sketches, it counts the hashes of the union of both sets that
// both sketches know about — every hash of a text with fewer than k
// shingles, the hashes up to the largest of a full sketch — and returns
// the fraction of them both sets hold: at least k of the union's
// smallest, whose fraction in both sets is the standard bottom-k
// estimate; all of the union when both texts have fewer than k shingles,
// which is then the exact similarity (of the hashed shingles).
func Similarity(a, b []byte) float64 {
	switch {
	case isSketch(a) && isSketch(b):
		return sketchSimilarity(a[1:], b[1:])
	case isSignature(a) && len(a) == len(b):
		same := 0
		for i := 0; i < len(a); i += 4 {
			if binary.LittleEndian.Uint32(a[i:]) == binary.LittleEndian.Uint32(b[i:]) {
				same++
			}
		}
		return float64(same) / float64(len(a)/4)
	}
	return 0
}

// sketchSimilarity is Similarity of two sketches' hashes.
func sketchSimilarity(a, b []byte) float64 {
	na, nb := len(a)/4, len(b)/4
	at := func(s []byte, i int) uint64 { return uint64(binary.LittleEndian.Uint32(s[4*i:])) }
	// Hashes from cut on may belong to a set whose sketch left them out.
	cut := uint64(1 << 32)
	if na >= sketchSize {
		cut = at(a, na-1) + 1
	}
	if nb >= sketchSize {
		cut = min(cut, at(b, nb-1)+1)
	}
	union, both := 0, 0
	for i, j := 0, 0; i < na || j < nb; union++ {
		var x uint64
		switch {
		case j == nb || i < na && at(a, i) < at(b, j):
			x = at(a, i)
			i++
		case i == na || at(b, j) < at(a, i):
			x = at(b, j)
			j++
		default:
			x = at(a, i)
			i++
			j++
			if x < cut {
				both++
			}
		}
		if x >= cut {
			break
		}
	}
	if union == 0 {
		return 0
	}
	return float64(both) / float64(union)
}
