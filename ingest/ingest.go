package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// Options fill in what a document does not say about itself. A value set
// here never overrides one the document carries.
type Options struct {
	// Published is the publication time of documents that carry none.
	Published time.Time
	// Outlet is the outlet of documents that name none.
	Outlet string
}

// Result is one document read by Walk or JSONL, or the error that stopped
// it: exactly one of Doc and Err is set. A Result from WalkRaw may hold
// neither yet: its input, read but not parsed, which Parse parses.
type Result struct {
	// Name names the input: a path, "stdin", or "path:line" for JSON Lines.
	Name string
	Doc  *sitrep.Document
	Err  error
	// parse, when not nil, parses the input into Doc or Err.
	parse func() (*sitrep.Document, error)
}

// Parse returns r with its input parsed, when WalkRaw left it unparsed,
// and r itself otherwise: a Result with exactly one of Doc and Err set.
// It may run on any goroutine, and on many results at once.
func (r Result) Parse() Result {
	if r.parse == nil {
		return r
	}
	doc, err := r.parse()
	if err != nil {
		return Result{Name: r.Name, Err: err}
	}
	return Result{Name: r.Name, Doc: doc}
}

// Errors for inputs that hold no document. They come wrapped with the name
// of the input; test for them with errors.Is.
var (
	ErrEmpty       = errors.New("empty document")
	ErrBinary      = errors.New("binary data, not text")
	ErrNoText      = errors.New("no text to read")
	ErrUnsupported = errors.New("unsupported file type")
	ErrTooLong     = errors.New("text too long")
)

// MaxText is the most text, in bytes once cleaned, that one document may
// hold: about 600,000 words, a long book. Longer inputs are dumps rather
// than reports; they are refused by name, to be split, instead of holding
// a worker and gigabytes for minutes.
const MaxText = 4 << 20

// MaxInput is the most bytes one input may hold before it is cleaned: a
// file, or a line of JSON Lines. HTML pages carry scripts and markup
// around their text, so it is well above MaxText; it keeps a runaway input
// from being read whole into memory.
const MaxInput = 64 << 20

// tooBig is the error for an input of n bytes, more than MaxInput.
func tooBig(n int64) error {
	return fmt.Errorf("%w: the input is %.0f MB, the limit is %d MB", ErrTooLong, float64(n)/(1<<20), MaxInput>>20)
}

// checkLength refuses a cleaned text longer than MaxText.
func checkLength(text string) error {
	if len(text) > MaxText {
		return fmt.Errorf("%w: %.1f MB once cleaned, the limit is %d MB; split it into documents", ErrTooLong,
			float64(len(text))/(1<<20), MaxText>>20)
	}
	return nil
}

// Text reads a plain text document. Its first non-empty line is the title,
// as in the plain-text convention of wire and scraper dumps, unless it opens
// with a dateline: then the story starts at once and has no title line. ID
// and Source are set to name.
func Text(name string, raw []byte, opt Options) (*sitrep.Document, error) {
	if err := checkText(raw); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	text := Clean(string(raw))
	if text == "" {
		return nil, fmt.Errorf("%s: %w", name, ErrNoText)
	}
	if err := checkLength(text); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	doc := &sitrep.Document{
		ID:     name,
		Source: name,
		Raw:    string(raw),
		Text:   text,
		Title:  textTitle(text),
	}
	finish(doc, opt)
	return doc, nil
}

// firstLine returns the first line of cleaned text (which has no leading
// blank lines).
func firstLine(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	return strings.TrimSpace(line)
}

// textTitle is the title of a plain text document: its first line, unless
// that line opens with a dateline.
func textTitle(text string) string {
	line := firstLine(text)
	if startsWithDateline(line) {
		return ""
	}
	return line
}

// checkText rejects input that is empty or is not text: any NUL byte, or
// more than one byte in twenty that is invalid UTF-8 or a control
// character. A few stray bytes pass; Clean replaces them.
func checkText(raw []byte) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return ErrEmpty
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return ErrBinary
	}
	bad := 0
	for i := 0; i < len(raw); {
		c, size := utf8.DecodeRune(raw[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			bad++
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v':
			bad++
		}
		i += size
	}
	if bad*20 > len(raw) {
		return ErrBinary
	}
	return nil
}

// maxHeadlineRunes and maxHeadlineWords bound what reads as a headline.
const (
	maxHeadlineRunes = 200
	maxHeadlineWords = 30
)

// headline returns the first line of text when it reads like a headline:
// short, not ending in a period or colon, and not opening with a dateline.
// Otherwise the text has no title line and headline returns "".
func headline(text string) string {
	line := firstLine(text)
	if line == "" || utf8.RuneCountInString(line) > maxHeadlineRunes ||
		len(strings.Fields(line)) > maxHeadlineWords {
		return ""
	}
	if strings.HasSuffix(line, ":") ||
		strings.HasSuffix(line, ".") && !strings.HasSuffix(line, "...") {
		return ""
	}
	if startsWithDateline(line) {
		return ""
	}
	return line
}

// withTitle returns text with title as its first line, prepending it when
// text does not already open with it, so that spans can point into the
// title.
func withTitle(title, text string) string {
	if title == "" {
		return text
	}
	first, _, _ := strings.Cut(text, "\n")
	if first == title {
		return text
	}
	if text == "" {
		return title
	}
	return Clean(title + "\n\n" + text)
}

// oneLine cleans s into a single line, as titles are.
func oneLine(s string) string {
	return strings.Join(strings.Fields(Clean(s)), " ")
}

// finish fills in what opt supplies and what follows from Text: the
// dateline and the hash.
func finish(doc *sitrep.Document, opt Options) {
	if doc.Published.IsZero() {
		doc.Published = opt.Published
	}
	if doc.Outlet == "" {
		doc.Outlet = opt.Outlet
	}
	doc.Dateline = Dateline(doc.Text, doc.Published)
	sum := sha256.Sum256([]byte(doc.Text))
	doc.Hash = hex.EncodeToString(sum[:])
}

// dateLayouts are the publication date forms sitrep reads from metadata:
// RFC 3339 and ISO 8601 dates and times, with or without a zone.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
}

// parseDate reads an ISO 8601 / RFC 3339 date or time; times without a zone
// are taken as UTC.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unreadable date %q (want YYYY-MM-DD or RFC 3339)", s)
}
