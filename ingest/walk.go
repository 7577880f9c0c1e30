package ingest

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// Kinds of input, by file extension.
const (
	kindNone = iota
	kindText
	kindHTML
	kindJSONL
)

// kindOf tells what a file holds by its extension, in any case.
func kindOf(path string) int {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text":
		return kindText
	case ".html", ".htm", ".xhtml":
		return kindHTML
	case ".jsonl", ".ndjson":
		return kindJSONL
	}
	return kindNone
}

// Walk reads every document under paths, in order, and calls fn with each
// document or the error that stopped it. A path is a file (.txt, .html,
// .htm, .jsonl; also .text, .xhtml, .ndjson), a folder read recursively in
// lexical order, or "-" for JSON Lines on stdin. Inside folders, hidden
// files and folders and files of other types are skipped silently; a file
// of another type named in paths is an error.
//
// A document's ID is its path relative to the folder argument it was found
// under, with forward slashes, or its base name for a file named directly;
// JSON Lines carry their own ids. Source is the path as read ("stdin" for
// standard input).
//
// Errors about inputs go to fn and never stop Walk; Walk returns only an
// error that fn returned, which stops it.
func Walk(paths []string, stdin io.Reader, opt Options, fn func(Result) error) error {
	return WalkRaw(paths, stdin, opt, func(r Result) error { return fn(r.Parse()) })
}

// WalkRaw is Walk's reading half: it reads the inputs under paths in
// order, as Walk does, but leaves each document unparsed in the Result it
// gives fn, to be parsed by Result.Parse. Reading is cheap: finding files,
// reading them, splitting JSON Lines. Parsing is not: decoding JSON,
// extracting an HTML page's article, cleaning the text, finding its
// dateline and hashing it. A caller that extracts documents on many cores
// parses them there too, instead of on the one goroutine that reads.
func WalkRaw(paths []string, stdin io.Reader, opt Options, fn func(Result) error) error {
	for _, p := range paths {
		var err error
		switch info, statErr := os.Stat(p); {
		case p == "-":
			if stdin == nil {
				err = fn(Result{Name: "stdin", Err: fmt.Errorf("stdin: no standard input to read")})
			} else {
				err = jsonl("stdin", stdin, opt, fn)
			}
		case statErr != nil:
			err = fn(Result{Name: p, Err: statErr})
		case info.IsDir():
			err = walkDir(p, opt, fn)
		default:
			err = readFile(p, filepath.Base(p), true, opt, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// walkDir reads the files under root.
func walkDir(root string, opt Options, fn func(Result) error) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fn(Result{Name: path, Err: err})
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || kindOf(path) == kindNone {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			rel = path
		}
		return readFile(path, filepath.ToSlash(rel), false, opt, fn)
	})
}

// readFile reads one file and calls fn for what it holds. named says the
// file was given as an argument, so that an unsupported type is reported
// rather than skipped.
func readFile(path, id string, named bool, opt Options, fn func(Result) error) error {
	kind := kindOf(path)
	if kind == kindNone {
		if !named {
			return nil
		}
		return fn(Result{Name: path, Err: fmt.Errorf("%s: %w (want .txt, .html, .htm or .jsonl)", path, ErrUnsupported)})
	}
	if kind == kindJSONL {
		f, err := os.Open(path)
		if err != nil {
			return fn(Result{Name: path, Err: err})
		}
		defer f.Close()
		return jsonl(path, f, opt, fn)
	}
	if info, err := os.Stat(path); err == nil && info.Size() > MaxInput {
		return fn(Result{Name: path, Err: fmt.Errorf("%s: %w", path, tooBig(info.Size()))})
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return fn(Result{Name: path, Err: err})
	}
	return fn(Result{Name: path, parse: func() (*sitrep.Document, error) {
		var doc *sitrep.Document
		if kind == kindHTML {
			doc, err = HTML(path, raw, opt)
		} else {
			doc, err = Text(path, raw, opt)
		}
		if err != nil {
			return nil, err
		}
		doc.ID = id
		return doc, nil
	}})
}
