package ingest

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

func hashOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// checkDoc asserts what holds for every document ingest returns.
func checkDoc(t *testing.T, doc *sitrep.Document) {
	t.Helper()
	if doc.Hash != hashOf(doc.Text) {
		t.Errorf("%s: Hash %s is not the SHA-256 of Text", doc.ID, doc.Hash)
	}
	if doc.Text != Clean(doc.Text) {
		t.Errorf("%s: Text is not clean: %q", doc.ID, doc.Text)
	}
	if doc.Title != "" && !strings.HasPrefix(doc.Text, doc.Title+"\n") && doc.Text != doc.Title {
		t.Errorf("%s: Text does not open with the title %q: %q", doc.ID, doc.Title, doc.Text)
	}
	if d := doc.Dateline; d != nil && (!d.Span.Valid() || d.Span.End > len(doc.Text)) {
		t.Errorf("%s: dateline span %+v out of range", doc.ID, d.Span)
	}
}

func TestText(t *testing.T) {
	pub := time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, raw, title, place string
	}{
		{"headline first", "Dam repairs finish early\n\nHARLOW (Reuters) - Engineers finished the work a month ahead of plan.",
			"Dam repairs finish early", "Harlow"},
		{"first line is the title even when it is a sentence", "Engineers finished the work a month ahead of plan.\nThe road reopens Monday.",
			"Engineers finished the work a month ahead of plan.", ""},
		{"no headline: first line is a dateline", "HARLOW (Reuters) - Engineers finished the work early",
			"", "Harlow"},
		{"headline ending in a question mark", "Will the dam hold?\nEngineers say yes.", "Will the dam hold?", ""},
		{"layout before the headline", "Skip to content\nAdvertisement\nDam repairs finish early\nThe work is done.",
			"Dam repairs finish early", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Text("dir/story.txt", []byte(tt.raw), Options{Published: pub, Outlet: "Example Wire"})
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, doc)
			if doc.Title != tt.title {
				t.Errorf("Title = %q, want %q", doc.Title, tt.title)
			}
			if doc.ID != "dir/story.txt" || doc.Source != "dir/story.txt" || doc.Raw != tt.raw {
				t.Errorf("ID %q Source %q Raw %q", doc.ID, doc.Source, doc.Raw)
			}
			if !doc.Published.Equal(pub) || doc.Outlet != "Example Wire" {
				t.Errorf("options not applied: %v %q", doc.Published, doc.Outlet)
			}
			place := ""
			if doc.Dateline != nil {
				place = doc.Dateline.Place
			}
			if place != tt.place {
				t.Errorf("dateline place %q, want %q", place, tt.place)
			}
		})
	}
}

func TestTextSameStoryHashesAlike(t *testing.T) {
	a, err := Text("a.txt", []byte("Ferry runs again\r\n\r\n“All aboard,” the captain said.\r\nShare\r\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Text("b.txt", []byte("  Ferry   runs again\n\n\n\"All aboard,\" the captain said.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash != b.Hash {
		t.Errorf("two copies of one story hash differently:\n%q\n%q", a.Text, b.Text)
	}
}

func TestBadInputs(t *testing.T) {
	binary := append([]byte("Looks like text at first"), 0, 1, 2, 3, 0xff, 0xfe)
	latin1Heavy := []byte("caf\xe9 \xe9t\xe9 \xe0 l\xe0 \xf4 \xe7a \xe9\xe9\xe9\xe9")
	tooLong := []byte("A title\n\n" + strings.Repeat("The market reopened on Monday. ", MaxText/30))
	tests := []struct {
		name string
		read func(string, []byte, Options) (*sitrep.Document, error)
		raw  []byte
		want error
	}{
		{"empty text", Text, nil, ErrEmpty},
		{"blank text", Text, []byte(" \n\t\r\n "), ErrEmpty},
		{"binary text", Text, binary, ErrBinary},
		{"mostly invalid UTF-8", Text, latin1Heavy, ErrBinary},
		{"only layout lines", Text, []byte("Share\nAdvertisement\nblock\n"), ErrNoText},
		{"empty HTML", HTML, []byte("\n"), ErrEmpty},
		{"binary HTML", HTML, binary, ErrBinary},
		{"HTML with no body", HTML, []byte("<html><head><title>Headline only</title></head></html>"), ErrNoText},
		{"text too long", Text, tooLong, ErrTooLong},
		{"HTML too long", HTML, []byte("<html><body><p>" + string(tooLong) + "</p></body></html>"), ErrTooLong},
		{"HTML with an empty body", HTML, []byte("<html><head><title>Headline only</title></head><body>  <div></div></body></html>"), ErrNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "inbox/" + strings.ReplaceAll(tt.name, " ", "-")
			doc, err := tt.read(name, tt.raw, Options{})
			if doc != nil || !errors.Is(err, tt.want) {
				t.Fatalf("got %v, %v; want error %v", doc, err, tt.want)
			}
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name %q", err, name)
			}
		})
	}
}

func TestTextFewBadBytesPass(t *testing.T) {
	raw := []byte("Harbour reopens\nOne stray byte \xff in a long line of ordinary text about the harbour reopening.")
	doc, err := Text("stray.txt", raw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
}

const page = `<!DOCTYPE html>
<html lang="en">
<head>
<title>Floods cut road to hill town | The Daily Example</title>
<meta property="og:title" content="Floods cut road to hill town">
<meta property="og:site_name" content="The Daily Example">
<meta property="og:url" content="https://example.org/og-url">
<meta property="article:published_time" content="2021-04-06T08:30:00+03:00">
<meta name="author" content="Mira Santos">
<link rel="canonical" href="https://example.org/news/floods">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Floods cut road to hill town</h1>
<p>KANDOVA, Eastland (Reuters) - Heavy rain washed away the only road to the hill town of Kandova on Monday,
local officials said, leaving about 3,000 residents cut off from the valley below.</p>
<figure><img src="a.jpg"><figcaption>Villagers wade through a flooded field near the river.</figcaption></figure>
<p>Rescue teams using boats reached two villages before nightfall, and a bridge on the southern approach
was closed while engineers checked its pillars for cracks.</p>
<p>Advertisement</p>
<p>“We have never seen the water this high,” said a shopkeeper who asked not to be named. The weather
service warned that more rain was expected on Wednesday across the region.</p>
</article>
<footer>Share this article</footer>
</body>
</html>`

func TestHTML(t *testing.T) {
	doc, err := HTML("pages/floods.html", []byte(page), Options{Outlet: "ignored", Published: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, doc)
	wantPub := time.Date(2021, 4, 6, 5, 30, 0, 0, time.UTC)
	if doc.Title != "Floods cut road to hill town" || !doc.Published.Equal(wantPub) ||
		doc.Author != "Mira Santos" || doc.Outlet != "The Daily Example" || doc.Lang != "en" ||
		doc.URL != "https://example.org/news/floods" || doc.Raw != page {
		t.Errorf("metadata: title %q published %v author %q outlet %q lang %q url %q",
			doc.Title, doc.Published, doc.Author, doc.Outlet, doc.Lang, doc.URL)
	}
	lines := strings.Split(doc.Text, "\n")
	if lines[0] != doc.Title {
		t.Errorf("first line %q is not the title", lines[0])
	}
	var paragraphs []string
	for _, l := range lines[1:] {
		if l != "" {
			paragraphs = append(paragraphs, l)
		}
	}
	// One line per paragraph (and the caption); the line break inside a
	// <p> is not a paragraph break; the title is not repeated; layout gone.
	if len(paragraphs) != 4 {
		t.Fatalf("want 4 body lines, got %d: %q", len(paragraphs), paragraphs)
	}
	if !strings.HasPrefix(paragraphs[0], "KANDOVA") || !strings.HasSuffix(paragraphs[0], "valley below.") {
		t.Errorf("first paragraph split or altered: %q", paragraphs[0])
	}
	for _, p := range paragraphs {
		if p == "Advertisement" || p == "Share this article" || p == doc.Title {
			t.Errorf("kept %q", p)
		}
	}
	if !strings.Contains(doc.Text, `"We have never seen the water this high,"`) {
		t.Errorf("quotes not normalised: %q", doc.Text)
	}
	if d := doc.Dateline; d == nil || d.Agency != "Reuters" || d.Place != "Kandova" {
		t.Errorf("dateline %+v", d)
	}
}

func TestHTMLMetadataFallbacks(t *testing.T) {
	body := `<body><article><p>The council met for four hours on Thursday evening and agreed a budget for repairs to the old stone bridge over the river.</p>
<p>Work will begin in the spring, when the water is low, and should take about six weeks to finish.</p></article></body>`
	tests := []struct {
		name, head string
		published  time.Time
		url        string
	}{
		{"meta name=date", `<meta name="date" content="2020-11-05">`, time.Date(2020, 11, 5, 0, 0, 0, 0, time.UTC), ""},
		{"JSON-LD datePublished", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","headline":"Bridge budget agreed","datePublished":"2020-11-06T10:00:00Z"}]}</script>`,
			time.Date(2020, 11, 6, 10, 0, 0, 0, time.UTC), ""},
		{"og:url without canonical", `<meta property="og:url" content="https://example.org/bridge">`, time.Time{}, "https://example.org/bridge"},
		{"time itemprop", `<time itemprop="datePublished" datetime="2020-11-07T08:00:00Z">7 November</time>`, time.Date(2020, 11, 7, 8, 0, 0, 0, time.UTC), ""},
		{"no date at all", ``, time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := "<html><head><title>Bridge budget agreed</title>" + tt.head + "</head>" + body + "</html>"
			doc, err := HTML("bridge.html", []byte(raw), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, doc)
			if !doc.Published.Equal(tt.published) || doc.URL != tt.url {
				t.Errorf("published %v url %q, want %v %q", doc.Published, doc.URL, tt.published, tt.url)
			}
			if doc.Title != "Bridge budget agreed" {
				t.Errorf("title %q", doc.Title)
			}
		})
	}
}

func TestHTMLCharset(t *testing.T) {
	raw := []byte("<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 reopens</title></head><body><p>The caf\xe9 on the square reopened on Monday after three months of repairs to its roof and kitchen, the owner said.</p></body></html>")
	doc, err := HTML("cafe.html", raw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Café reopens" || !strings.Contains(doc.Text, "The café on the square") {
		t.Errorf("not decoded: title %q text %q", doc.Title, doc.Text)
	}
}

func collect(t *testing.T, run func(fn func(Result) error) error) []Result {
	t.Helper()
	var got []Result
	if err := run(func(r Result) error {
		if (r.Doc == nil) == (r.Err == nil) {
			t.Errorf("%s: want exactly one of Doc and Err, got %v and %v", r.Name, r.Doc, r.Err)
		}
		if r.Doc != nil {
			checkDoc(t, r.Doc)
		}
		got = append(got, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestJSONL(t *testing.T) {
	input := strings.Join([]string{
		`{"id":"a1","text":"Grain convoy reaches port\nThe trucks arrived at dawn.","published":"2022-07-01","outlet":"Wire One","url":"https://example.org/a1","lang":"en"}`,
		`{"id":"a2","text":"this line is broken`,
		``,
		`{"id":7,"title":"Convoy unloads","text":"ODESA (Reuters) - The trucks were unloaded by noon.","published":"2022-07-02T14:00:00+03:00"}`,
		`{"text":"No id on this one."}`,
		`{"id":"a5","text":"   "}`,
		`{"id":"a6","text":"A sentence that is not a headline.\nMore text.","published":"last Tuesday"}`,
		`{"id":"a7","text":"A sentence that is not a headline.\nMore text."}`,
		`["not", "an", "object"]`,
	}, "\n")
	opt := Options{Outlet: "Fallback Outlet", Published: time.Date(2022, 6, 30, 0, 0, 0, 0, time.UTC)}
	got := collect(t, func(fn func(Result) error) error { return JSONL("feed.jsonl", strings.NewReader(input), opt, fn) })

	wantNames := []string{"feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:4", "feed.jsonl:5", "feed.jsonl:6", "feed.jsonl:7", "feed.jsonl:8", "feed.jsonl:9"}
	wantOK := []bool{true, false, true, false, false, false, true, false}
	if len(got) != len(wantNames) {
		t.Fatalf("got %d results, want %d: %v", len(got), len(wantNames), got)
	}
	for i, r := range got {
		if r.Name != wantNames[i] || (r.Doc != nil) != wantOK[i] {
			t.Errorf("result %d: name %q doc %v err %v; want name %q ok %v", i, r.Name, r.Doc != nil, r.Err, wantNames[i], wantOK[i])
		}
		if r.Err != nil && !strings.Contains(r.Err.Error(), wantNames[i]) {
			t.Errorf("error %q does not name %s", r.Err, wantNames[i])
		}
	}

	a1 := got[0].Doc
	if a1.ID != "a1" || a1.Title != "Grain convoy reaches port" || a1.Outlet != "Wire One" ||
		a1.URL != "https://example.org/a1" || a1.Lang != "en" || a1.Source != "feed.jsonl" ||
		!a1.Published.Equal(time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("a1: %+v", a1)
	}
	doc7 := got[2].Doc
	if doc7.ID != "7" || doc7.Title != "Convoy unloads" || !strings.HasPrefix(doc7.Text, "Convoy unloads\n\nODESA (Reuters)") {
		t.Errorf("7: id %q title %q text %q", doc7.ID, doc7.Title, doc7.Text)
	}
	if doc7.Outlet != "Fallback Outlet" || doc7.Published.Year() != 2022 || doc7.Published.Day() != 2 {
		t.Errorf("7: options should fill only the outlet: %q %v", doc7.Outlet, doc7.Published)
	}
	if d := doc7.Dateline; d == nil || d.Place != "Odesa" || doc7.Text[d.Span.Start:d.Span.End] != "ODESA (Reuters) -" {
		t.Errorf("7: dateline %+v", d)
	}
	a7 := got[6].Doc
	if a7.Title != "" || !a7.Published.Equal(opt.Published) {
		t.Errorf("a7: title %q published %v", a7.Title, a7.Published)
	}
}

func TestJSONLEmpty(t *testing.T) {
	got := collect(t, func(fn func(Result) error) error { return JSONL("stdin", strings.NewReader("\n  \n"), Options{}, fn) })
	if len(got) != 1 || !errors.Is(got[0].Err, ErrEmpty) || !strings.Contains(got[0].Err.Error(), "stdin") {
		t.Fatalf("got %v", got)
	}
}

func TestJSONLStopsWhenFnFails(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := JSONL("f", strings.NewReader("{\"id\":\"1\",\"text\":\"a\"}\n{\"id\":\"2\",\"text\":\"b\"}\n"), Options{}, func(Result) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("err %v after %d calls", err, n)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "in")
	writeFile(t, filepath.Join(root, "b.txt"), "Market reopens\nStalls were busy by nine.")
	writeFile(t, filepath.Join(root, "a", "page.HTML"), page)
	writeFile(t, filepath.Join(root, "a", "empty.txt"), "")
	writeFile(t, filepath.Join(root, "c.jsonl"), `{"id":"x1","text":"Harbour quiet\nNo ships sailed."}`+"\n{oops\n")
	writeFile(t, filepath.Join(root, "notes.md"), "# not read")
	writeFile(t, filepath.Join(root, ".hidden.txt"), "Hidden\nNot read.")
	writeFile(t, filepath.Join(root, ".git", "x.txt"), "Hidden\nNot read.")
	loose := filepath.Join(dir, "loose.txt")
	writeFile(t, loose, "Loose file\nRead directly.")
	unknown := filepath.Join(dir, "data.csv")
	writeFile(t, unknown, "a,b\n")
	missing := filepath.Join(dir, "missing.txt")

	stdin := strings.NewReader(`{"id":"s1","text":"From standard input\nA line."}`)
	got := collect(t, func(fn func(Result) error) error {
		return Walk([]string{root, loose, unknown, missing, "-"}, stdin, Options{}, fn)
	})

	type want struct {
		name, id string
		err      error // nil for a document; for other errors errAny
	}
	errAny := errors.New("any")
	wants := []want{
		{filepath.Join(root, "a", "empty.txt"), "", ErrEmpty},
		{filepath.Join(root, "a", "page.HTML"), "a/page.HTML", nil},
		{filepath.Join(root, "b.txt"), "b.txt", nil},
		{filepath.Join(root, "c.jsonl") + ":1", "x1", nil},
		{filepath.Join(root, "c.jsonl") + ":2", "", errAny},
		{loose, "loose.txt", nil},
		{unknown, "", ErrUnsupported},
		{missing, "", os.ErrNotExist},
		{"stdin:1", "s1", nil},
	}
	if len(got) != len(wants) {
		for _, r := range got {
			t.Logf("%s %v", r.Name, r.Err)
		}
		t.Fatalf("got %d results, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		r := got[i]
		if r.Name != w.name {
			t.Errorf("result %d: name %q, want %q", i, r.Name, w.name)
			continue
		}
		switch {
		case w.err == nil && r.Doc == nil:
			t.Errorf("%s: error %v, want a document", r.Name, r.Err)
		case w.err == nil && r.Doc.ID != w.id:
			t.Errorf("%s: ID %q, want %q", r.Name, r.Doc.ID, w.id)
		case w.err != nil && r.Err == nil:
			t.Errorf("%s: got a document, want an error", r.Name)
		case w.err != nil && w.err != errAny && !errors.Is(r.Err, w.err):
			t.Errorf("%s: error %v, want %v", r.Name, r.Err, w.err)
		case w.err != nil && !strings.Contains(r.Err.Error(), filepath.Base(strings.Split(w.name, ":")[0])):
			t.Errorf("error %q does not name %s", r.Err, w.name)
		}
	}
	if d := got[2].Doc; d != nil && d.Source != filepath.Join(root, "b.txt") {
		t.Errorf("Source %q", d.Source)
	}
	if d := got[8].Doc; d != nil && d.Source != "stdin" {
		t.Errorf("stdin Source %q", d.Source)
	}
}

func TestWalkStopsWhenFnFails(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "1.txt"), "One\nText.")
	writeFile(t, filepath.Join(dir, "2.txt"), "Two\nText.")
	stop := errors.New("stop")
	n := 0
	err := Walk([]string{dir}, nil, Options{}, func(Result) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("err %v after %d calls", err, n)
	}
}

// TestWalkRaw: WalkRaw reads what Walk reads, in the same order, and
// leaves the parsing to Result.Parse, which may run later and on other
// goroutines: parsed, its results are Walk's. Errors of reading (a missing
// file, an unsupported type) need no parsing and come as they are.
func TestWalkRaw(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "Market reopens\nStalls were busy by nine.")
	writeFile(t, filepath.Join(dir, "b.html"), page)
	writeFile(t, filepath.Join(dir, "c.jsonl"), `{"id":"x1","text":"Harbour quiet\nNo ships sailed."}`+"\n{oops\n")
	writeFile(t, filepath.Join(dir, "d.txt"), "")
	missing := filepath.Join(dir, "missing.txt")
	paths := []string{dir, missing}

	want := collect(t, func(fn func(Result) error) error { return Walk(paths, nil, Options{}, fn) })
	var raw []Result
	if err := WalkRaw(paths, nil, Options{}, func(r Result) error { raw = append(raw, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(raw) != len(want) {
		t.Fatalf("WalkRaw gave %d results, Walk %d", len(raw), len(want))
	}
	unparsed := 0
	for _, r := range raw {
		if r.Doc == nil && r.Err == nil {
			unparsed++
		}
	}
	// The two text files, the page and the two lines are left to parse;
	// the missing file is an error already.
	if unparsed != 5 {
		t.Errorf("%d results left unparsed, want 5", unparsed)
	}
	// Parse the results out of order, at once, as extraction workers do.
	got := make([]Result, len(raw))
	var wg sync.WaitGroup
	for i := len(raw) - 1; i >= 0; i-- {
		wg.Add(1)
		go func() { defer wg.Done(); got[i] = raw[i].Parse() }()
	}
	wg.Wait()
	for i := range want {
		g, w := got[i], want[i]
		switch {
		case g.Name != w.Name:
			t.Errorf("result %d: %q, want %q", i, g.Name, w.Name)
		case (g.Err == nil) != (w.Err == nil) || g.Err != nil && g.Err.Error() != w.Err.Error():
			t.Errorf("%s: error %v, want %v", g.Name, g.Err, w.Err)
		case w.Doc != nil && (g.Doc == nil || !reflect.DeepEqual(*g.Doc, *w.Doc)):
			t.Errorf("%s: document %+v, want %+v", g.Name, g.Doc, w.Doc)
		}
		if p := g.Parse(); p.Doc != g.Doc || p.Err != g.Err {
			t.Errorf("%s: parsing a parsed result changed it", g.Name)
		}
	}
}

func TestWalkStdinMissing(t *testing.T) {
	got := collect(t, func(fn func(Result) error) error { return Walk([]string{"-"}, nil, Options{}, fn) })
	if len(got) != 1 || got[0].Err == nil || got[0].Name != "stdin" {
		t.Fatalf("got %v", got)
	}
}

// TestJSONLTooLong: a document longer than MaxText is refused by name, and
// the next one is read.
func TestJSONLTooLong(t *testing.T) {
	long := strings.Repeat("The market reopened on Monday. ", MaxText/30)
	input := `{"id":"big","text":"` + long + `"}` + "\n" + `{"id":"small","text":"The market reopened on Monday."}`
	got := collect(t, func(fn func(Result) error) error { return JSONL("feed.jsonl", strings.NewReader(input), Options{}, fn) })
	if len(got) != 2 || !errors.Is(got[0].Err, ErrTooLong) || !strings.Contains(got[0].Err.Error(), `"big"`) || got[1].Doc == nil {
		t.Fatalf("got %v", got)
	}
}

// TestReadLine: lines are read whole up to the limit; a longer one is read
// through, not kept, and the next line is read.
func TestReadLine(t *testing.T) {
	long := strings.Repeat("x", 10000)
	br := bufio.NewReaderSize(strings.NewReader("short\n"+long+"\nnext"), 16)
	tests := []struct {
		line string
		size int64
		err  error
	}{
		{"short\n", 6, nil},
		{"", 10001, nil},
		{"next", 4, io.EOF},
	}
	for i, tt := range tests {
		line, size, err := readLine(br, 100)
		if string(line) != tt.line || size != tt.size || err != tt.err {
			t.Errorf("line %d: %q, %d, %v; want %q, %d, %v", i+1, line, size, err, tt.line, tt.size, tt.err)
		}
	}
}
