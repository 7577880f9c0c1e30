package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/extract"
)

func init() {
	register(command{name: "extract", summary: "read documents and print their events as JSON Lines", run: runExtract})
}

const extractAbout = `
Reads documents (.txt, .html/.htm, .jsonl; folders recursively; - for JSON Lines
on standard input) and writes one JSON object per document to standard output,
in input order: doc_id, title, published, outlet, url, dateline and events,
main event first. Spans are Unicode code point offsets into the cleaned text.
A document that cannot be read yields {"doc_id", "error"} and the run goes on;
the exit status is non-zero only for usage errors or when every input failed.`

// docRecord is one line of the extraction contract.
type docRecord struct {
	DocID     string           `json:"doc_id"`
	Title     string           `json:"title"`
	Published *string          `json:"published"`
	Outlet    string           `json:"outlet"`
	URL       string           `json:"url"`
	Dateline  *sitrep.Dateline `json:"dateline"`
	Events    []sitrep.Event   `json:"events"`
	Text      string           `json:"text,omitempty"` // with --debug only
	// Unresolved lists, with --debug, the names that read as places but
	// that the gazetteer could not place.
	Unresolved []sitrep.UnresolvedPlace `json:"unresolved_places,omitempty"`
}

// errRecord is the contract's line for a document that could not be read.
type errRecord struct {
	DocID string `json:"doc_id"`
	Error string `json:"error"`
}

// contractRecord turns a document and its events into the contract's form,
// with spans converted to code point offsets.
func contractRecord(doc *sitrep.Document, events []sitrep.Event) docRecord {
	r := docRecord{DocID: doc.ID, Title: doc.Title, Outlet: doc.Outlet, URL: doc.URL, Dateline: doc.Dateline,
		Events: make([]sitrep.Event, 0, len(events))}
	if d := doc.PublishedDate(); d != "" {
		r.Published = &d
	}
	off := sitrep.NewOffsets(doc.Text)
	for _, ev := range events {
		r.Events = append(r.Events, off.Event(ev))
	}
	return r
}

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "extract", "[flags] [FILE|DIR|-]...", extractAbout)
	var df docFlags
	df.register(fs)
	explain := fs.Bool("explain", false, "print each document with its evidence spans marked, for people, instead of JSON")
	debug := fs.Bool("debug", false, "add the cleaned text and the unresolved place names to each JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: give files, folders or - for standard input", errUsage)
	}
	opt, err := df.options()
	if err != nil {
		return err
	}
	x, err := newExtractor()
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var good, bad int
	err = extractAll(ctx, e, fs.Args(), opt, x, func(p processed) error {
		if p.Err != nil {
			bad++
			e.log.Warn("document skipped", "doc", p.Name, "err", p.Err)
			return enc.Encode(errRecord{DocID: p.Name, Error: p.Err.Error()})
		}
		good++
		if *explain {
			fmt.Fprintf(w, "=== %s\n", p.Doc.ID)
			return extract.Explain(w, p.Doc, p.events)
		}
		rec := contractRecord(p.Doc, p.events)
		if *debug {
			rec.Text = p.Doc.Text
			rec.Unresolved = sitrep.NewOffsets(p.Doc.Text).Unresolved(p.Doc.Unresolved)
			if rec.Unresolved == nil {
				rec.Unresolved = []sitrep.UnresolvedPlace{}
			}
		}
		return enc.Encode(rec)
	})
	if err != nil {
		return err
	}
	if good == 0 && bad > 0 {
		return fmt.Errorf("every input failed (%d documents)", bad)
	}
	return nil
}
