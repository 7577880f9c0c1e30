package ingest

import (
	"github.com/sitrep-dev/sitrep/internal/shared"

	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sharedDir returns the project's shared data folder, ../shared beside the
// module root, skipping the test when it is absent.
func sharedDir(t *testing.T) string { return shared.Dir(t) }

// seedExpected is the part of seed/expected.json this package answers for.
type seedExpected struct {
	Input struct {
		Published string `json:"published"`
		Outlet    string `json:"outlet"`
	} `json:"input"`
	Document struct {
		Title    string `json:"title"`
		Dateline struct {
			Agency string `json:"agency"`
			Place  string `json:"place"`
		} `json:"dateline"`
		CleanText struct {
			LayoutTokensRemoved []string `json:"layout_tokens_removed"`
		} `json:"clean_text"`
	} `json:"document"`
}

// TestSeedArticle reads the seed article as the issue describes it and
// checks it against what seed/expected.json says a correct reading holds.
func TestSeedArticle(t *testing.T) {
	seed := filepath.Join(sharedDir(t), "seed")
	raw, err := os.ReadFile(filepath.Join(seed, "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join(seed, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want seedExpected
	if err := json.Unmarshal(js, &want); err != nil {
		t.Fatalf("expected.json: %v", err)
	}
	published, err := time.Parse(time.DateOnly, want.Input.Published)
	if err != nil {
		t.Fatalf("expected.json input.published: %v", err)
	}

	doc, err := Text("article.txt", raw, Options{Published: published, Outlet: want.Input.Outlet})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)

	if doc.Title != want.Document.Title {
		t.Errorf("Title = %q, want %q", doc.Title, want.Document.Title)
	}
	if d := doc.Dateline; d == nil {
		t.Errorf("no dateline, want %+v", want.Document.Dateline)
	} else if d.Agency != want.Document.Dateline.Agency || d.Place != want.Document.Dateline.Place {
		t.Errorf("dateline %s / %s, want %s / %s", d.Agency, d.Place, want.Document.Dateline.Agency, want.Document.Dateline.Place)
	}
	if doc.Outlet != want.Input.Outlet || !doc.Published.Equal(published) {
		t.Errorf("options not applied: outlet %q published %v", doc.Outlet, doc.Published)
	}

	textLines := map[string]int{}
	for line := range strings.SplitSeq(doc.Text, "\n") {
		textLines[line]++
	}
	rawLines := map[string]int{}
	for line := range strings.Lines(string(raw)) {
		if line = strings.TrimSpace(line); line != "" {
			rawLines[line]++
		}
	}
	repeated := 0
	for line, n := range rawLines {
		if n < 2 || len(want.Document.CleanText.LayoutTokensRemoved) > 0 && isToken(line, want.Document.CleanText.LayoutTokensRemoved) {
			continue
		}
		repeated++
		if got := textLines[Clean(line)]; got != 1 {
			t.Errorf("line repeated %d times in the file appears %d times in Text: %.60q…", n, got, line)
		}
	}
	if repeated == 0 {
		t.Error("the seed article has no repeated line to check (expected a caption printed twice)")
	}
	for _, tok := range append(want.Document.CleanText.LayoutTokensRemoved, "block") {
		if rawLines[tok] == 0 {
			t.Errorf("layout token %q is not a line of the file; the check below would prove nothing", tok)
		}
		if textLines[tok] != 0 {
			t.Errorf("Text keeps %d lines equal to %q", textLines[tok], tok)
		}
	}
}

func isToken(line string, tokens []string) bool {
	for _, tok := range tokens {
		if line == tok {
			return true
		}
	}
	return false
}
