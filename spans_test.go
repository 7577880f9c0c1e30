package sitrep

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOffsets(t *testing.T) {
	text := "Khushām lies east of Dayr az Zawr — “near” the river."
	o := NewOffsets(text)
	runes := []rune(text)
	for _, word := range []string{"Khushām", "east", "Dayr az Zawr", "near", "river"} {
		b := strings.Index(text, word)
		s := o.Span(Span{b, b + len(word)})
		if got := string(runes[s.Start:s.End]); got != word {
			t.Errorf("span of %q in code points gives %q", word, got)
		}
	}
	if got := o.Rune(len(text) + 10); got != len(runes) {
		t.Errorf("offset past the end = %d, want %d", got, len(runes))
	}
}

func TestOffsetsEventCopies(t *testing.T) {
	text := "ā killed"
	o := NewOffsets(text)
	e := Event{Evidence: map[string]Span{"event_type": {3, 9}}, Claims: []Claim{{Span: Span{3, 9}}}}
	c := o.Event(e)
	if c.Evidence["event_type"] != (Span{2, 8}) || c.Claims[0].Span != (Span{2, 8}) {
		t.Errorf("converted spans = %v %v, want [2,8)", c.Evidence["event_type"], c.Claims[0].Span)
	}
	if e.Evidence["event_type"] != (Span{3, 9}) || e.Claims[0].Span != (Span{3, 9}) {
		t.Error("Event changed its argument")
	}
}

func TestInteraction(t *testing.T) {
	for _, tc := range []struct{ a, b, want int }{
		{1, 7, 17}, {7, 1, 17}, {3, 7, 37}, {6, 0, 60}, {0, 2, 20}, {8, 8, 88}, {0, 0, 0},
	} {
		if got := Interaction(tc.a, tc.b); got != tc.want {
			t.Errorf("Interaction(%d, %d) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSpanJSON(t *testing.T) {
	b, err := json.Marshal(map[string]Span{"location": {4, 11}})
	if err != nil || string(b) != `{"location":[4,11]}` {
		t.Fatalf("marshal = %s, %v", b, err)
	}
	var back map[string]Span
	if err := json.Unmarshal(b, &back); err != nil || back["location"] != (Span{4, 11}) {
		t.Fatalf("round trip = %v, %v", back, err)
	}
	var s Span
	if err := json.Unmarshal([]byte(`{"start":1}`), &s); err == nil {
		t.Error("an object is not a span, but it was accepted")
	}
}

func TestEvidenceSpansInTextOrder(t *testing.T) {
	text := "Śniadanie: a bomb killed two in Kabul."
	o := NewOffsets(text)
	b := func(s string) Span { i := strings.Index(text, s); return Span{i, i + len(s)} }
	events := []Event{{
		Evidence: map[string]Span{"location": b("Kabul"), "event_type": b("bomb")},
		Claims:   []Claim{{Span: b("killed two")}, {}},
	}}
	conv, spans := o.Evidence(events)
	runes := []rune(text)
	var got []string
	for _, s := range spans {
		got = append(got, s.Field+"="+string(runes[s.Start:s.End]))
	}
	want := "event_type=bomb claims[0]=killed two location=Kabul"
	if strings.Join(got, " ") != want {
		t.Errorf("spans = %v, want %s", got, want)
	}
	if conv[0].Evidence["location"] != o.Span(b("Kabul")) || events[0].Evidence["location"] != b("Kabul") {
		t.Error("events were not copied with code point spans")
	}
}

func TestOffsetsDateline(t *testing.T) {
	text := "BEYRUT — Çok"
	o := NewOffsets(text)
	d := &Dateline{Agency: "AFP", Place: "Beyrut", Span: Span{0, len("BEYRUT —")}}
	c := o.Dateline(d)
	if c.Span != (Span{0, 8}) || d.Span.End != len("BEYRUT —") || c.Place != "Beyrut" {
		t.Errorf("converted %+v from %+v", c, d)
	}
	if o.Dateline(nil) != nil {
		t.Error("a nil dateline did not stay nil")
	}
}

// denseRunes is what Offsets.Rune answers, as a table of every byte
// offset: the code point index of the character holding it, then the
// number of code points at the end.
func denseRunes(text string) []int {
	runes := make([]int, len(text)+1)
	n := 0
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRuneInString(text[i:])
		for j := range size {
			runes[i+j] = n
		}
		i += size
		n++
	}
	runes[len(text)] = n
	return runes
}

func TestOffsetsAtEveryByte(t *testing.T) {
	texts := []string{
		"",
		"plain ASCII only",
		"é",
		"ā killed",
		"Khushām lies east of Dayr az Zawr — “near” the river.",
		"قصف جوي على مدينة إدلب",
		"emoji 🙂 and 🇸🇾 flags, CJK 中文, and ṡ̀ combining",
		"invalid \xff\xfe bytes\xc3 between \xe2\x82 words, and a cut rune at the end \xf0\x9f\x99",
		"\xe2\x80\x94starts wide, ends wide\xe2\x80\x94",
	}
	for _, text := range texts {
		o := NewOffsets(text)
		want := denseRunes(text)
		for b := -2; b <= len(text)+2; b++ {
			w := want[min(max(b, 0), len(text))]
			if got := o.Rune(b); got != w {
				t.Errorf("%q: Rune(%d) = %d, want %d", text, b, got, w)
			}
		}
	}
}

func FuzzOffsets(f *testing.F) {
	f.Add("Khushām — “near”", 9)
	f.Add("\xff\xe2\x82 x", 2)
	f.Fuzz(func(t *testing.T, text string, b int) {
		want := denseRunes(text)[min(max(b, 0), len(text))]
		if got := NewOffsets(text).Rune(b); got != want {
			t.Errorf("%q: Rune(%d) = %d, want %d", text, b, got, want)
		}
	})
}

// BenchmarkNewOffsets prepares a news-like text of about 5 KB with a few
// characters of more than one byte, and converts a dozen spans.
func BenchmarkNewOffsets(b *testing.B) {
	text := strings.Repeat("Shelling hit Khushām at dawn — “twelve” killed, medics said, as fighting spread. ", 60)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		o := NewOffsets(text)
		for i := range 12 {
			o.Span(Span{i * 400, i*400 + 30})
		}
	}
}
