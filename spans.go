package sitrep

import (
	"sort"
	"strconv"
	"unicode/utf8"
)

// Offsets converts byte offsets of one text into Unicode code point offsets,
// the unit the extraction contract and the API publish spans in. Building it
// costs one pass over the text, and memory only for the characters of more
// than one byte: news text is mostly ASCII, and a table of every byte
// offset cost more to build than the few conversions a document needs.
type Offsets struct {
	len  int        // bytes in the text
	wide []wideRune // the characters of more than one byte, in text order
	// extra is how many bytes the wide characters take beyond one each.
	extra int
}

// wideRune is a character of more than one byte: where it starts, and
// how many bytes the wide characters before it take beyond one each, so
// that its code point offset is start - before.
type wideRune struct{ start, before int32 }

// NewOffsets prepares conversions for text.
func NewOffsets(text string) *Offsets {
	o := &Offsets{len: len(text)}
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		// Invalid UTF-8 reads as one character per byte.
		_, size := utf8.DecodeRuneInString(text[i:])
		if size > 1 {
			o.wide = append(o.wide, wideRune{int32(i), int32(o.extra)})
			o.extra += size - 1
		}
		i += size
	}
	return o
}

// Rune returns the code point offset of byte offset b, clamped to the text.
// An offset inside a character is that character's.
func (o *Offsets) Rune(b int) int {
	b = min(max(b, 0), o.len)
	// The last wide character starting at or before b.
	k := sort.Search(len(o.wide), func(k int) bool { return int(o.wide[k].start) > b }) - 1
	if k < 0 {
		return b
	}
	w := o.wide[k]
	after := o.extra // the extra bytes of the characters up to w's end
	if k+1 < len(o.wide) {
		after = int(o.wide[k+1].before)
	}
	size := after - int(w.before) + 1
	if b < int(w.start)+size {
		return int(w.start) - int(w.before)
	}
	return b - after
}

// Span converts a byte span to a code point span.
func (o *Offsets) Span(s Span) Span { return Span{o.Rune(s.Start), o.Rune(s.End)} }

// Unresolved returns a copy of places with code point spans.
func (o *Offsets) Unresolved(places []UnresolvedPlace) []UnresolvedPlace {
	if places == nil {
		return nil
	}
	out := make([]UnresolvedPlace, len(places))
	for i, p := range places {
		p.Span = o.Span(p.Span)
		out[i] = p
	}
	return out
}

// Event returns a copy of e whose evidence and claim spans are code point
// offsets. e itself is left as it was.
func (o *Offsets) Event(e Event) Event {
	if e.Evidence != nil {
		ev := make(map[string]Span, len(e.Evidence))
		for k, s := range e.Evidence {
			ev[k] = o.Span(s)
		}
		e.Evidence = ev
	}
	if e.Claims != nil {
		cl := make([]Claim, len(e.Claims))
		for i, c := range e.Claims {
			c.Span = o.Span(c.Span)
			cl[i] = c
		}
		e.Claims = cl
	}
	return e
}

// Dateline returns a copy of d whose span is in code points; nil for nil.
func (o *Offsets) Dateline(d *Dateline) *Dateline {
	if d == nil {
		return nil
	}
	c := *d
	c.Span = o.Span(c.Span)
	return &c
}

// FieldSpan is one span of a document together with the event field it is
// evidence for, so that a page can highlight the text and label each span.
type FieldSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Event int    `json:"event"` // index into the document's events
	Field string `json:"field"` // event_type, actor1, location, claims[0], ...
}

// Evidence returns copies of events with code point spans, and every
// evidence and claim span among them in text order (ties by event, then
// field), as the API and the web UI show a document.
func (o *Offsets) Evidence(events []Event) ([]Event, []FieldSpan) {
	out := make([]Event, len(events))
	spans := []FieldSpan{}
	for i, e := range events {
		e = o.Event(e)
		out[i] = e
		for field, sp := range e.Evidence {
			spans = append(spans, FieldSpan{Start: sp.Start, End: sp.End, Event: i, Field: field})
		}
		for j, c := range e.Claims {
			if c.Span.Valid() {
				spans = append(spans, FieldSpan{Start: c.Span.Start, End: c.Span.End, Event: i, Field: "claims[" + strconv.Itoa(j) + "]"})
			}
		}
	}
	sort.Slice(spans, func(i, j int) bool {
		a, b := spans[i], spans[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.Event != b.Event {
			return a.Event < b.Event
		}
		return a.Field < b.Field
	})
	return out, spans
}
