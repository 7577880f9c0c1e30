package sitrep

import (
	"encoding/json"
	"strings"
	"testing"
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
