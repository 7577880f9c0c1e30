package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sitrep-dev/sitrep"
)

func init() {
	register(command{name: "show", summary: "print a stored document: metadata, cleaned text, events", run: runShow})
}

const showAbout = `
Prints one stored document: its metadata, the cleaned text that every span
points into, and its events in the extraction contract's JSON.`

func runShow(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "show", "[--db PATH] DOC", showAbout)
	db := dbFlag(fs)
	textOnly := fs.Bool("text", false, "print only the cleaned text")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: give one document id", errUsage)
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	doc, events, err := store.Document(ctx, fs.Arg(0))
	if errors.Is(err, sitrep.ErrNotFound) {
		return fmt.Errorf("no document %q in %s", fs.Arg(0), *db)
	}
	if err != nil {
		return err
	}
	if *textOnly {
		_, err := fmt.Fprintln(e.stdout, doc.Text)
		return err
	}
	fmt.Fprintf(e.stdout, "id:        %s\ntitle:     %s\npublished: %s\noutlet:    %s\nurl:       %s\nsource:    %s\n",
		doc.ID, doc.Title, doc.PublishedDate(), doc.Outlet, doc.URL, doc.Source)
	if d := doc.Dateline; d != nil {
		fmt.Fprintf(e.stdout, "dateline:  %s, %s\n", d.Agency, d.Place)
	}
	fmt.Fprintf(e.stdout, "\n%s\n\n", doc.Text)
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(contractRecord(doc, events).Events)
}
