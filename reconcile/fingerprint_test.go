package reconcile

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"strings"
	"testing"
	"unicode"
)

// referenceFingerprint is Fingerprint as first written, plainly: split
// the lower-cased text into words, hash each shingle with hash/fnv. Stored
// fingerprints were made this way, so Fingerprint must give the same bytes.
func referenceFingerprint(text string) []byte {
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
	for i := range max(1, len(words)-shingleWords+1) {
		h := fnv.New64a()
		for _, w := range words[i:min(len(words), i+shingleWords)] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		x := h.Sum64()
		for j := range mins {
			mins[j] = min(mins[j], mix(x^seeds[j]))
		}
	}
	sig := make([]byte, 4*minHashes)
	for j, m := range mins {
		binary.LittleEndian.PutUint32(sig[4*j:], uint32(m>>32))
	}
	return sig
}

func TestFingerprintKeepsItsBytes(t *testing.T) {
	texts := []string{
		"",
		"   ...   ",
		"one",
		"Two words",
		"Three short words",
		"Exactly four words here",
		"Shelling hit the ALPHA district of the town at dawn; 12 were killed, medics said.",
		"Çatışma sürdü: İdlib'de iki köy boşaltıldı, ÖZEL kuvvetler geri çekildi.",
		"قصف جوي على مدينة إدلب أسفر عن مقتل ١٢ شخصاً",
		"Ünïcödé—dashes–and “quotes” and digits ٣٤ and ⅫⅣ numerals",
		"invalid \xff\xfe bytes\xc3 between words \xe2\x82",
		"ΣΊΣΥΦΟΣ and straße and ǅemal, İstanbul, KELVIN SIGN \u212a",
		strings.Repeat("the same story told again and again, ", 40),
	}
	for _, text := range texts {
		got, want := Fingerprint(text), referenceFingerprint(text)
		if !bytes.Equal(got, want) {
			t.Errorf("Fingerprint(%q) = %x, want %x", text, got, want)
		}
	}
}

// BenchmarkFingerprint hashes a news-like text of about 5 KB.
func BenchmarkFingerprint(b *testing.B) {
	text := strings.Repeat("Shelling hit the northern district of the town at dawn; twelve people were killed "+
		"and dozens wounded, medics said, as fighting between government forces and rebels spread. ", 30)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Fingerprint(text)
	}
}
