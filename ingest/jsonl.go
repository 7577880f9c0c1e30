package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// jsonlRecord is one line of a JSON Lines input. Fields sitrep does not
// know are ignored.
type jsonlRecord struct {
	ID        json.RawMessage `json:"id"`
	Text      string          `json:"text"`
	Title     string          `json:"title"`
	Published string          `json:"published"`
	Outlet    string          `json:"outlet"`
	URL       string          `json:"url"`
	Lang      string          `json:"lang"`
}

// JSONL reads JSON Lines from r, one document per line: an object with
// "id" (a string or a number) and "text", and optionally "title",
// "published" (YYYY-MM-DD or RFC 3339), "outlet", "url" and "lang". Without
// a title, the first line of text is the title when it reads like a
// headline: at most 200 characters and 30 words, not ending in a period or
// colon, not opening with a dateline. The title is kept as the first line
// of Text.
//
// JSONL calls fn once for each non-blank line, in order, with Result.Name
// "name:line": a malformed line is reported there and the lines after it
// are still read. Source is name. JSONL returns only an error that fn
// returned, which stops it.
func JSONL(name string, r io.Reader, opt Options, fn func(Result) error) error {
	return jsonl(name, r, opt, func(r Result) error { return fn(r.Parse()) })
}

// jsonl is JSONL leaving each line unparsed (see WalkRaw).
func jsonl(name string, r io.Reader, opt Options, fn func(Result) error) error {
	br := bufio.NewReader(r)
	n, docs := 0, 0
	for {
		line, size, err := readLine(br, MaxInput)
		if size > 0 {
			n++
			if size > MaxInput {
				docs++
				where := name + ":" + strconv.Itoa(n)
				if ferr := fn(Result{Name: where, Err: fmt.Errorf("%s: %w", where, tooBig(size))}); ferr != nil {
					return ferr
				}
			} else if len(bytes.TrimSpace(line)) > 0 {
				docs++
				where := name + ":" + strconv.Itoa(n)
				res := Result{Name: where, parse: func() (*sitrep.Document, error) {
					doc, err := jsonlDoc(name, line, opt)
					if err != nil {
						return nil, fmt.Errorf("%s: %w", where, err)
					}
					return doc, nil
				}}
				if ferr := fn(res); ferr != nil {
					return ferr
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return fn(Result{Name: name, Err: fmt.Errorf("%s: reading line %d: %w", name, n+1, err)})
		}
	}
	if docs == 0 {
		return fn(Result{Name: name, Err: fmt.Errorf("%s: %w", name, ErrEmpty)})
	}
	return nil
}

// readLine reads one line, its newline included, and returns it with its
// size. A line longer than max is read through but not kept: line is then
// nil.
func readLine(br *bufio.Reader, max int64) (line []byte, size int64, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		size += int64(len(chunk))
		if size <= max {
			line = append(line, chunk...)
		} else {
			line = nil
		}
		if err != bufio.ErrBufferFull {
			return line, size, err
		}
	}
}

// jsonlDoc reads the document on one line.
func jsonlDoc(name string, line []byte, opt Options) (*sitrep.Document, error) {
	if err := checkText(line); err != nil {
		return nil, err
	}
	var rec jsonlRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	id, err := jsonlID(rec.ID)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(rec.Text) == "" {
		return nil, fmt.Errorf("document %q: %w", id, ErrEmpty)
	}
	text := Clean(rec.Text)
	if text == "" {
		return nil, fmt.Errorf("document %q: %w", id, ErrNoText)
	}
	if err := checkLength(text); err != nil {
		return nil, fmt.Errorf("document %q: %w", id, err)
	}
	title := oneLine(rec.Title)
	if title == "" {
		title = headline(text)
	}
	doc := &sitrep.Document{
		ID:     id,
		Title:  title,
		Outlet: strings.TrimSpace(rec.Outlet),
		URL:    strings.TrimSpace(rec.URL),
		Lang:   strings.TrimSpace(rec.Lang),
		Source: name,
		Raw:    string(bytes.TrimRight(line, "\r\n")),
		Text:   withTitle(title, text),
	}
	if strings.TrimSpace(rec.Published) != "" {
		t, err := parseDate(rec.Published)
		if err != nil {
			return nil, fmt.Errorf("document %q: published: %w", id, err)
		}
		doc.Published = t
	}
	finish(doc, opt)
	return doc, nil
}

// jsonlID reads an id written as a JSON string or number.
func jsonlID(raw json.RawMessage) (string, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s = strings.TrimSpace(s); s != "" {
			return s, nil
		}
		return "", errors.New(`empty "id"`)
	}
	var num json.Number
	if json.Unmarshal(raw, &num) == nil {
		return num.String(), nil
	}
	if len(raw) == 0 || string(raw) == "null" {
		return "", errors.New(`missing "id"`)
	}
	return "", fmt.Errorf(`"id" must be a string or a number, not %s`, raw)
}
