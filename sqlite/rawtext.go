package sqlite

import (
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"
)

// A document's raw input usually holds its text: a line of JSON Lines
// holds it as a JSON string, a plain text file as it is. Stored whole, the
// input doubled what a document wrote to disk (and the writer copies every
// byte it writes three times: into the table, into the log at commit, into
// the database at checkpoint). So documents.raw leaves the text out when
// the text can be written back exactly (see migration 00014):
// documents.raw_text_at is then the byte offset in raw where the text went
// and documents.raw_text_form how it was written, one of the forms below.
//
// The forms are part of the database format: how a form writes a text
// must never change, or stored inputs would be rebuilt wrong. A new way of
// writing texts needs a new form.
const (
	// rawVerbatim is the text as it is.
	rawVerbatim = 1
	// rawJSON is the inside of a JSON string as JSON requires it and
	// JavaScript's JSON.stringify, Python's json.dumps with
	// ensure_ascii=False and SQLite's json_quote write it: '"' and '\'
	// escaped, \b, \f, \n, \r and \t as such, other control characters
	// as \u00xx; nothing else.
	rawJSON = 2
	// rawJSONHTML is rawJSON as Go's encoding/json writes it: <, >, &,
	// U+2028 and U+2029 escaped as \u003c, \u003e, \u0026, \u2028 and
	// \u2029 too.
	rawJSONHTML = 3
)

// splitRaw returns raw without text, with where text was in it and how it
// was written, when raw holds text in one of the forms; otherwise it
// returns raw whole, and at and form are NULL. Only texts of valid UTF-8
// without NUL are left out: Go and SQLite could write others differently,
// and the migration's down step rebuilds raw with SQLite.
func splitRaw(raw, text string) (rest string, at, form sql.NullInt64) {
	if text == "" || len(text) > len(raw) || !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 {
		return raw, at, form
	}
	found := func(i, n, f int) (string, sql.NullInt64, sql.NullInt64) {
		return raw[:i] + raw[i+n:], sql.NullInt64{Int64: int64(i), Valid: true}, sql.NullInt64{Int64: int64(f), Valid: true}
	}
	if !strings.HasPrefix(strings.TrimLeft(raw, " \t\r\n\ufeff"), "{") {
		if i := strings.Index(raw, text); i >= 0 {
			return found(i, len(text), rawVerbatim)
		}
		return raw, at, form
	}
	// A JSON object: the text is a string in it. Where it starts is
	// found by its first bytes, which are the same in both forms unless
	// they hold a character only one of them escapes.
	head := text[:headLen(text)]
	for _, f := range []int{rawJSONHTML, rawJSON} {
		needle := string(appendRawText(nil, head, f))
		for from := 0; ; {
			i := strings.Index(raw[from:], needle)
			if i < 0 {
				break
			}
			i += from
			if n, ok := matchRawText(raw[i:], text, f); ok {
				return found(i, n, f)
			}
			from = i + 1
		}
		if !strings.ContainsAny(text, "<>&\u2028\u2029") {
			break // the forms write text alike
		}
	}
	return raw, at, form
}

// headLen returns the length of a short prefix of text that ends on a
// character boundary.
func headLen(text string) int {
	n := min(len(text), 32)
	for n < len(text) && !utf8.RuneStart(text[n]) {
		n++
	}
	return n
}

// joinRaw undoes splitRaw.
func joinRaw(rest, text string, at, form sql.NullInt64) (string, error) {
	if !at.Valid {
		return rest, nil
	}
	if at.Int64 < 0 || at.Int64 > int64(len(rest)) || !form.Valid || form.Int64 < rawVerbatim || form.Int64 > rawJSONHTML {
		return "", fmt.Errorf("raw input: the text cannot go at %d (form %d) in %d bytes", at.Int64, form.Int64, len(rest))
	}
	i := int(at.Int64)
	b := make([]byte, 0, len(rest)+len(text)+len(text)/16)
	b = append(b, rest[:i]...)
	b = appendRawText(b, text, int(form.Int64))
	return string(append(b, rest[i:]...)), nil
}

// appendRawText appends text written as form.
func appendRawText(b []byte, text string, form int) []byte {
	if form == rawVerbatim {
		return append(b, text...)
	}
	safe := &rawSafe[form-rawJSON]
	start := 0
	for i := 0; i < len(text); {
		if safe[text[i]] {
			i++
			continue
		}
		esc, size := rawEscape(text[i:])
		if esc == "" {
			i += size
			continue
		}
		b = append(append(b, text[start:i]...), esc...)
		i += size
		start = i
	}
	return append(b, text[start:]...)
}

// matchRawText reports whether raw begins with text written as form, and
// how long text is written so.
func matchRawText(raw, text string, form int) (n int, ok bool) {
	safe := &rawSafe[form-rawJSON]
	j := 0
	for i := 0; i < len(text); {
		if c := text[i]; safe[c] {
			if j == len(raw) || raw[j] != c {
				return 0, false
			}
			i++
			j++
			continue
		}
		esc, size := rawEscape(text[i:])
		if esc == "" {
			esc = text[i : i+size]
		}
		if !strings.HasPrefix(raw[j:], esc) {
			return 0, false
		}
		i += size
		j += len(esc)
	}
	return j, true
}

// rawEscape returns how the JSON forms write the character s begins with
// ("" when as it is) and the character's length in s, for the bytes
// rawSafe does not pass. s is valid UTF-8.
func rawEscape(s string) (esc string, size int) {
	switch c := s[0]; {
	case c < 0x20 || c == '"' || c == '\\':
		return controlEscapes[c], 1
	case c == '<':
		return `\u003c`, 1
	case c == '>':
		return `\u003e`, 1
	case c == '&':
		return `\u0026`, 1
	case strings.HasPrefix(s, "\u2028"):
		return `\u2028`, 3
	case strings.HasPrefix(s, "\u2029"):
		return `\u2029`, 3
	}
	return "", 1 // a byte of a character written as it is
}

// rawSafe[form-rawJSON][c] says whether form writes byte c of a valid
// UTF-8 text as it is, whatever follows it: every byte but control
// characters, '"' and '\\', and for rawJSONHTML <, >, & and the first byte
// of U+2028 and U+2029.
var rawSafe = func() (safe [2][256]bool) {
	for c := 0x20; c < 256; c++ {
		special := c == '"' || c == '\\'
		safe[0][c] = !special // rawJSON
		safe[rawJSONHTML-rawJSON][c] = !special && c != '<' && c != '>' && c != '&' && c != 0xe2
	}
	return safe
}()

// controlEscapes holds how JSON strings write control characters, '"' and
// '\\'.
var controlEscapes = func() (esc [utf8.RuneSelf]string) {
	const hex = "0123456789abcdef"
	for c := range 0x20 {
		esc[c] = `\u00` + string(hex[c>>4]) + string(hex[c&0xf])
	}
	esc['\b'], esc['\f'], esc['\n'], esc['\r'], esc['\t'] = `\b`, `\f`, `\n`, `\r`, `\t`
	esc['"'], esc['\\'] = `\"`, `\\`
	return esc
}()
