package reconcile

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// plainWords splits text as Fingerprint does, plainly.
func plainWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// shingles returns text's shingles, each a string of its words; a text of
// fewer words than a shingle is one.
func shingles(text string) [][]string {
	w := plainWords(text)
	if len(w) == 0 {
		return nil
	}
	var out [][]string
	for i := range max(1, len(w)-shingleWords+1) {
		out = append(out, w[i:min(len(w), i+shingleWords)])
	}
	return out
}

// referenceSketch is Fingerprint, plainly: hash every shingle, sort the
// distinct hashes, keep the smallest.
func referenceSketch(text string) []byte {
	sh := shingles(text)
	if sh == nil {
		return nil
	}
	var hashes []uint32
	for _, s := range sh {
		var x uint64 // leading zeros for a shingle of fewer words
		for _, w := range s {
			h := uint64(fnvOffset)
			for _, r := range w {
				h = (h ^ uint64(r)) * fnvPrime
			}
			x = x*shingleMul + h
		}
		hashes = append(hashes, uint32(mix(x)>>32))
	}
	slices.Sort(hashes)
	hashes = slices.Compact(hashes)
	hashes = hashes[:min(len(hashes), sketchSize)]
	out := []byte{sketchFormat}
	for _, x := range hashes {
		out = binary.LittleEndian.AppendUint32(out, x)
	}
	return out
}

// signature is the fingerprint of the format before sketches, as it was
// computed: a k-permutation MinHash signature of 64 slots over hash/fnv's
// shingle hashes. Databases written before sketches hold these.
func signature(text string) []byte {
	sh := shingles(text)
	if sh == nil {
		return nil
	}
	var mins [64]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	for _, s := range sh {
		h := fnv.New64a()
		for _, w := range s {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		x := h.Sum64()
		for j := range mins {
			mins[j] = min(mins[j], mix(x^signatureSeeds[j]))
		}
	}
	sig := make([]byte, 4*len(mins))
	for j, m := range mins {
		binary.LittleEndian.PutUint32(sig[4*j:], uint32(m>>32))
	}
	return sig
}

// signatureSeeds made signature's 64 hash functions out of one.
var signatureSeeds = func() [64]uint64 {
	var s [64]uint64
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x = mix(x + uint64(i) + 1)
		s[i] = x
	}
	return s
}()

// exactSimilarity is the Jaccard similarity of two texts' shingle sets.
func exactSimilarity(a, b string) float64 {
	set := func(text string) map[string]bool {
		m := map[string]bool{}
		for _, s := range shingles(text) {
			m[strings.Join(s, " ")] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	both := 0
	for s := range sa {
		if sb[s] {
			both++
		}
	}
	if union := len(sa) + len(sb) - both; union > 0 {
		return float64(both) / float64(union)
	}
	return 0
}

func TestFingerprintIsTheSketch(t *testing.T) {
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
		story + " " + otherStory,
	}
	for _, text := range texts {
		got, want := Fingerprint(text), referenceSketch(text)
		if !bytes.Equal(got, want) {
			t.Errorf("Fingerprint(%q) = %x, want %x", text, got, want)
		}
	}
}

// A wire story of eight paragraphs and about 330 words, well over
// sketchSize shingles, and an unrelated one.
var (
	storyParagraphs = []string{
		"Warplanes struck a crowded vegetable market in the northern town of Kafr Sabil on Tuesday morning, killing at least fifteen people and wounding dozens more, according to rescue workers who reached the scene within minutes.",
		"Witnesses said two jets circled the town twice before dropping their bombs shortly after eight o'clock, when the market was busiest with farmers selling the first tomatoes and cucumbers of the season.",
		"The civil defence said its teams pulled eleven bodies from the rubble of a row of shops and that four more people died on the way to hospital, among them two children and a woman in her seventies.",
		"The town's only hospital, already short of fuel for its generators, appealed for blood donors and asked families to collect the lightly wounded so that surgeons could operate on the most serious cases.",
		"A monitoring group based abroad gave a higher toll of nineteen dead, citing medical sources, and said the strike was the deadliest in the province since the start of the month.",
		"There was no immediate comment from the government, which has said in the past that it targets only armed groups and denies hitting markets, schools or hospitals.",
		"Residents said many families had already left for camps near the border after a week of shelling on nearby villages, and that the strike would push many of those who stayed to leave as well.",
		"Aid agencies warned last week that the camps were full and that a new wave of displacement would overwhelm shelters that lack clean water, heating and medical care.",
	}
	story = strings.Join(storyParagraphs, "\n\n")

	otherStory = "The central bank kept its main interest rate unchanged on Thursday, saying inflation had eased for a third month " +
		"in a row and the currency had steadied after a volatile spring. The governor told reporters that the bank would " +
		"watch food prices closely over the summer, and officials promised new credit lines for farmers hit by drought, " +
		"small businesses struggling with energy costs and exporters hurt by weak demand in neighbouring markets."
)

// withParagraph returns story with paragraph i replaced by p.
func withParagraph(i int, p string) string {
	ps := slices.Clone(storyParagraphs)
	ps[i] = p
	return strings.Join(ps, "\n\n")
}

func TestSimilarity(t *testing.T) {
	// Short texts: fewer than sketchSize shingles each, so their
	// similarity is exact, even when their union has more.
	short := "Warplanes struck a busy market in the northern town on Tuesday morning, killing at least fifteen people " +
		"and wounding dozens more, rescuers said, as families fled towards the border after a week of shelling " +
		"that had already emptied two villages and closed the only school."
	shortOther := "Warplanes struck a busy market in the northern town on Tuesday morning, killing at least fifteen people " +
		"while the government said that it had only targeted a depot of weapons and fighters hiding in the hills " +
		"above the town, and accused the rebels of inventing the toll."
	local := "A correspondent of this newspaper visited the market on Wednesday and found the stalls still smouldering."
	tests := []struct {
		name  string
		a, b  string
		exact bool // the estimate must be the exact similarity
		wire  bool // a wire copy (checked only where the margin is clear)
		check bool // check wire
	}{
		{"identical", story, story, true, true, true},
		{"headline, dateline and tagline added", story,
			"JETS HIT MARKET, 15 DEAD\n\nKAFR SABIL, Syria (Northern Wire) - " + story + "\n\nReporting by the Northern Wire desk; editing by staff.",
			false, true, true},
		{"last paragraph cut", story, strings.Join(storyParagraphs[:7], "\n\n"), false, true, true},
		{"one paragraph changed", story, withParagraph(4, local), false, false, false},
		{"one paragraph changed, another cut", story, strings.Join(slices.Delete(slices.Clone(storyParagraphs), 6, 7)[:6], "\n\n") + "\n\n" + local, false, false, false},
		{"unrelated", story, otherStory, false, false, true},
		{"short, identical", short, short, true, true, true},
		{"short, a byline added", short, "By Northern Wire. " + short, true, true, true},
		{"short, half shared, more shingles together than a sketch", short, shortOther, true, false, true},
		{"short and long", short, story, false, false, true},
		{"a few words", "Jets hit the market", "jets hit the market.", true, true, true},
		{"fewer words than a shingle", "Jets hit", "Jets hit", true, true, true},
		{"empty and a story", "", story, true, false, true},
		{"both empty", "", "", true, false, true},
	}
	for _, tt := range tests {
		got := Similarity(Fingerprint(tt.a), Fingerprint(tt.b))
		want := exactSimilarity(tt.a, tt.b)
		if back := Similarity(Fingerprint(tt.b), Fingerprint(tt.a)); back != got {
			t.Errorf("%s: similarity %v one way, %v the other", tt.name, got, back)
		}
		// Four standard errors, and one hash's worth.
		bound := 4*math.Sqrt(want*(1-want)/sketchSize) + 1.0/sketchSize
		if tt.exact {
			bound = 1e-9
		}
		if math.Abs(got-want) > bound {
			t.Errorf("%s: similarity %.3f, want %.3f ± %.3f", tt.name, got, want, bound)
		}
		if tt.check && (got >= WireThreshold) != tt.wire {
			t.Errorf("%s: similarity %.3f (exact %.3f), want wire copy = %v", tt.name, got, want, tt.wire)
		}
		t.Logf("%s: similarity %.3f, exact %.3f", tt.name, got, want)
	}
}

// TestSimilarityAccuracy compares the estimate with the exact similarity
// over many pairs of synthetic texts — one text and an edited copy, with
// lengths and edits spread so that similarities cover 0 to 1 — from a
// fixed seed.
func TestSimilarityAccuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocabulary := make([]string, 3000)
	for i := range vocabulary {
		w := make([]byte, 2+rng.IntN(8))
		for j := range w {
			w[j] = byte('a' + rng.IntN(26))
		}
		vocabulary[i] = string(w)
	}
	text := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = vocabulary[rng.IntN(len(vocabulary))]
		}
		return out
	}
	const pairs = 600
	var sumErr, sumAbs, worst float64
	var short int
	lo, hi := 1.0, 0.0 // the exact similarities seen
	for range pairs {
		a := text(10 + rng.IntN(1500))
		// b replaces, cuts or adds runs of words of a at a random rate.
		var b []string
		rate := rng.Float64() * 0.5
		for i := 0; i < len(a); {
			run := 1 + rng.IntN(30)
			switch p := rng.Float64(); {
			case p < rate:
				b = append(b, text(run)...)
			case p < 1.5*rate:
				b = append(b, a[i:min(len(a), i+run)]...)
				b = append(b, text(run)...)
			case p < 2*rate:
			default:
				b = append(b, a[i:min(len(a), i+run)]...)
			}
			i += run
		}
		ta, tb := strings.Join(a, " "), strings.Join(b, " ")
		got, want := Similarity(Fingerprint(ta), Fingerprint(tb)), exactSimilarity(ta, tb)
		err := got - want
		if len(a) < sketchSize && len(b) < sketchSize {
			short++
			if math.Abs(err) > 1e-9 {
				t.Errorf("texts of %d and %d words: similarity %.4f, want exactly %.4f", len(a), len(b), got, want)
			}
		}
		if bound := 4*math.Sqrt(want*(1-want)/sketchSize) + 1.0/sketchSize; math.Abs(err) > bound {
			t.Errorf("texts of %d and %d words: similarity %.3f, want %.3f ± %.3f", len(a), len(b), got, want, bound)
		}
		lo, hi = min(lo, want), max(hi, want)
		sumErr += err
		sumAbs += math.Abs(err)
		worst = max(worst, math.Abs(err))
	}
	meanErr, meanAbs := sumErr/pairs, sumAbs/pairs
	t.Logf("%d pairs (%d under %d shingles), similarities %.2f to %.2f: mean error %+.4f, mean absolute error %.4f, worst %.4f",
		pairs, short, sketchSize, lo, hi, meanErr, meanAbs, worst)
	// The estimate is nearly unbiased, and its error about half its
	// largest standard error, 1/(2√k) = 0.0625.
	if math.Abs(meanErr) > 0.01 || meanAbs > 0.04 {
		t.Errorf("mean error %+.4f, mean absolute error %.4f: want within ±0.01 and under 0.04", meanErr, meanAbs)
	}
}

// Signatures stored before sketches still compare with each other as
// they did, and not with sketches.
func TestSimilarityOfSignatures(t *testing.T) {
	edited := withParagraph(4, "A correspondent visited the market on Wednesday.")
	a, b := signature(story), signature(edited)
	same := 0
	for i := 0; i < len(a); i += 4 {
		if bytes.Equal(a[i:i+4], b[i:i+4]) {
			same++
		}
	}
	if got, want := Similarity(a, b), float64(same)/64; got != want {
		t.Errorf("similarity of two signatures = %v, want %v (%d equal slots of 64)", got, want, same)
	}
	if got := Similarity(a, a); got != 1 {
		t.Errorf("similarity of a signature with itself = %v, want 1", got)
	}
	if got := Similarity(signature(story), signature(otherStory)); got >= WireThreshold {
		t.Errorf("similarity of unrelated signatures = %v", got)
	}
	for _, pair := range [][2][]byte{{a, Fingerprint(story)}, {Fingerprint(story), a}, {a, nil}, {nil, a}} {
		if got := Similarity(pair[0], pair[1]); got != 0 {
			t.Errorf("similarity of a signature and a %d-byte fingerprint = %v, want 0", len(pair[1])+len(pair[0])-256, got)
		}
	}
	if isSketch(a) || !isSignature(a) || !isSketch(Fingerprint(story)) || isSignature(Fingerprint(story)) {
		t.Error("signatures and sketches are not told apart")
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

// BenchmarkFingerprintArticle hashes a text of about 5 KB whose shingles
// are all distinct, as an article's mostly are (BenchmarkFingerprint's
// text repeats one sentence): words of 2 to 9 letters drawn from a
// seeded generator.
func BenchmarkFingerprintArticle(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	var sb strings.Builder
	for sb.Len() < 5000 {
		for range 2 + rng.IntN(8) {
			sb.WriteByte(byte('a' + rng.IntN(26)))
		}
		sb.WriteByte(' ')
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Fingerprint(text)
	}
}
