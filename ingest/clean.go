package ingest

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// layoutData lists the lines of page furniture that Clean drops; see the
// comment at the top of the file for its format.
//
//go:embed layout.txt
var layoutData string

// maxLayoutPrefixLen bounds, in runes, the lines that a prefix entry of
// layout.txt may drop, so that "Follow us on X" goes but a paragraph that
// happens to open with the same words stays.
const maxLayoutPrefixLen = 240

// layoutRules is layout.txt parsed.
type layoutRules struct {
	exact    map[string]bool // whole-line entries, lower case
	words    map[string]bool // one-word entries, lower case
	prefixes []string        // prefix entries without the " *", lower case
}

var layout = parseLayout(layoutData)

func parseLayout(data string) layoutRules {
	r := layoutRules{exact: map[string]bool{}, words: map[string]bool{}}
	for line := range strings.Lines(data) {
		line = strings.ToLower(strings.TrimSpace(line))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if p, ok := strings.CutSuffix(line, " *"); ok {
			r.prefixes = append(r.prefixes, p)
			continue
		}
		r.exact[line] = true
		if !strings.ContainsAny(line, " \t") {
			r.words[line] = true
		}
	}
	return r
}

// layoutDecoration is what surrounds a layout line without changing what it
// is: "Share:", "[Advertisement]", "- Advertisement -", "Read more »".
const layoutDecoration = " :|•·-–—>»›<«‹()[]*"

// isLayout reports whether the cleaned line is page furniture. Furniture is
// short: a line longer than a prefix entry may drop is reporting.
func (r layoutRules) isLayout(line string) bool {
	if len(line) > maxLayoutPrefixLen && utf8.RuneCountInString(line) > maxLayoutPrefixLen {
		return false
	}
	key := strings.ToLower(strings.Trim(line, layoutDecoration))
	if key == "" {
		// Only decoration: a rule of dashes, a lone bullet.
		return strings.Trim(line, layoutDecoration) == "" && line != ""
	}
	if r.exact[key] {
		return true
	}
	for _, p := range r.prefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	// A row of buttons: "Facebook | Twitter | Email" or "Share Tweet Email".
	if parts := strings.FieldsFunc(key, func(c rune) bool { return c == '|' || c == '•' || c == '·' }); len(parts) > 1 {
		all := true
		for _, p := range parts {
			if !r.exact[strings.Trim(p, layoutDecoration)] {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	if fields := strings.Fields(key); len(fields) > 1 {
		for _, f := range fields {
			if !r.words[strings.Trim(f, layoutDecoration)] {
				return false
			}
		}
		return true
	}
	return false
}

// Clean returns the text every span of a document points into: one
// paragraph per line, the first line the title when the input had one there,
// at most one blank line between paragraphs and none at either end.
//
// It normalises what differs between copies of one story without changing
// its words: line endings, runs of spaces and tabs, unusual spaces (NBSP and
// the like), invisible characters (zero-width space, word joiner, byte
// order mark, soft hyphen, bidirectional marks, control characters),
// typographic quotes (“ ” „ become ", ‘ ’ become '), the ellipsis (…
// becomes ...) and Unicode composition (NFC). En and em dashes are kept:
// they separate datelines and clauses, and a hyphen does not. Zero-width
// joiners and non-joiners are kept too: Persian and Indic scripts spell
// with them.
//
// It then drops page furniture (see layout.txt) and every line that repeats
// an earlier one verbatim, such as a photo caption printed twice. Clean is
// idempotent: Clean(Clean(s)) == Clean(s).
func Clean(raw string) string {
	var b strings.Builder
	b.Grow(len(raw))
	seen := make(map[string]bool)
	blank := false
	for line := range splitLines(raw) {
		line = normalizeLine(line)
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if seen[line] || layout.isLayout(line) {
			continue
		}
		seen[line] = true
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// splitLines yields the lines of s, whatever ends them: \n, \r\n, \r, form
// feed, vertical tab, or the Unicode line and paragraph separators.
func splitLines(s string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		start := 0
		for i := 0; i < len(s); {
			c, size := rune(s[i]), 1
			if c >= utf8.RuneSelf {
				c, size = utf8.DecodeRuneInString(s[i:])
			}
			switch c {
			case '\n', '\r', '\f', '\v', '\u2028', '\u2029':
				if !yield(s[start:i]) {
					return
				}
				if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
					size = 2
				}
				start = i + size
			}
			i += size
		}
		yield(s[start:])
	}
}

// normalizeLine applies Clean's character rules to one line and trims it.
func normalizeLine(line string) string {
	if isPlain(line) {
		return line
	}
	var b strings.Builder
	b.Grow(len(line))
	space := false // a space is pending
	for _, c := range line {
		switch {
		case c == utf8.RuneError:
			// Invalid UTF-8 (or a replacement character already there) is
			// kept as one U+FFFD so that offsets stay meaningful.
		case c == '“' || c == '”' || c == '„' || c == '‟' || c == '″' || c == '〝' || c == '〞':
			c = '"'
		case c == '‘' || c == '’' || c == '‚' || c == '‛' || c == '′':
			c = '\''
		case c == '‐' || c == '‑':
			c = '-'
		case c == '…':
			flushSpace(&b, &space)
			b.WriteString("...")
			continue
		case isInvisible(c):
			continue
		case unicode.IsSpace(c):
			space = true
			continue
		case unicode.IsControl(c):
			continue
		}
		flushSpace(&b, &space)
		b.WriteRune(c)
	}
	s := b.String()
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s
}

// isPlain reports whether line is already normal: printable ASCII with
// single spaces between words and none at either end.
func isPlain(line string) bool {
	if line == "" {
		return true
	}
	if line[0] == ' ' || line[len(line)-1] == ' ' {
		return false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c < 0x20 || c >= 0x7f || c == ' ' && line[i+1] == ' ' {
			return false
		}
	}
	return true
}

// flushSpace writes the pending space, unless the line has not started.
func flushSpace(b *strings.Builder, space *bool) {
	if *space && b.Len() > 0 {
		b.WriteByte(' ')
	}
	*space = false
}

// isInvisible reports whether c is a character with no visible form that
// only gets in the way of matching: zero-width space, word joiner, byte
// order mark, soft hyphen and the bidirectional marks and controls. Zero
// width joiner and non-joiner are not among them.
func isInvisible(c rune) bool {
	switch c {
	case '\u200B', '\u2060', '\uFEFF', '\u00AD', '\u180E',
		'\u200E', '\u200F', '\u061C',
		'\u202A', '\u202B', '\u202C', '\u202D', '\u202E',
		'\u2066', '\u2067', '\u2068', '\u2069':
		return true
	}
	return false
}
