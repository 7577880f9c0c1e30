package main

import (
	"github.com/sitrep-dev/sitrep/internal/shared"

	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/sqlite"
)

// runCLI runs the command in-process and returns its exit status and output.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// sharedDir returns ../shared beside the repository, or skips the test.
func sharedDir(t *testing.T) string { return shared.Dir(t) }

// lines decodes JSON Lines output into generic objects.
func lines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("output line is not JSON: %v\n%s", err, sc.Text())
		}
		recs = append(recs, m)
	}
	return recs
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExtractSeed(t *testing.T) {
	shared := sharedDir(t)
	code, out, stderr := runCLI(t, "", "extract", "--published", "2018-02-08", "--outlet", "AFP", filepath.Join(shared, "seed", "article.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs := lines(t, out)
	if len(recs) != 1 {
		t.Fatalf("want one object, got %d", len(recs))
	}
	r := recs[0]
	if r["title"] != "US-led strikes on Syria pro-regime forces kill 100" {
		t.Errorf("title = %q", r["title"])
	}
	dl, _ := r["dateline"].(map[string]any)
	if dl["agency"] != "AFP" || dl["place"] != "Beirut" {
		t.Errorf("dateline = %v", r["dateline"])
	}
	if r["published"] != "2018-02-08" || r["outlet"] != "AFP" {
		t.Errorf("published, outlet = %v, %v", r["published"], r["outlet"])
	}
	for _, key := range []string{"doc_id", "url", "events"} {
		if _, ok := r[key]; !ok {
			t.Errorf("contract field %q missing", key)
		}
	}
}

// TestExtractMixedFolder feeds good documents with bad ones: every good one
// comes through, every bad one is named, and the run succeeds.
func TestExtractMixedFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a-good.txt", "Clashes reported near Tal Abyad\n\nFighters clashed near the border town of Tal Abyad on Friday, a local official said.\n")
	write(t, dir, "b-empty.txt", "")
	write(t, dir, "c-binary.txt", "\x00\x01\x02\xff\xfe binary\x00 junk")
	write(t, dir, "d-nobody.html", "<html><head><title>Nothing here</title></head><body></body></html>")
	write(t, dir, "e-mixed.jsonl", `{"id":"wire-1","text":"Police detain two after rally\nPolice detained two men after a rally in the city centre on Monday."}`+"\n"+
		`{"id":"wire-2","text": broken`+"\n"+
		`{"id":"wire-3","title":"Market reopens","published":"2024-05-02","text":"The central market reopened on Thursday after a week of repairs."}`+"\n")
	write(t, dir, "notes.md", "not a document type sitrep reads")

	code, out, stderr := runCLI(t, "", "extract", dir)
	if code != 0 {
		t.Fatalf("exit %d, want 0: %s", code, stderr)
	}
	recs := lines(t, out)
	var good, bad []string
	for _, r := range recs {
		id, _ := r["doc_id"].(string)
		if e, ok := r["error"].(string); ok && e != "" {
			bad = append(bad, id)
			continue
		}
		good = append(good, id)
	}
	wantGood := []string{"a-good.txt", "wire-1", "wire-3"}
	if strings.Join(good, ",") != strings.Join(wantGood, ",") {
		t.Errorf("good documents = %v, want %v in input order", good, wantGood)
	}
	if len(bad) != 4 {
		t.Errorf("bad documents = %v, want 4 (empty, binary, no body, malformed line)", bad)
	}
	for _, name := range []string{"b-empty.txt", "c-binary.txt", "d-nobody.html", "e-mixed.jsonl"} {
		if !strings.Contains(out, name) || !strings.Contains(stderr, name) {
			t.Errorf("%s is not named in the output and the log", name)
		}
	}
	for _, r := range recs {
		if r["doc_id"] == "wire-3" && (r["title"] != "Market reopens" || r["published"] != "2024-05-02") {
			t.Errorf("wire-3 metadata = %v, %v", r["title"], r["published"])
		}
	}
}

func TestExtractStdin(t *testing.T) {
	in := `{"id":"s1","text":"Two killed in blast\nA roadside bomb killed two soldiers on Sunday, the army said."}` + "\n"
	code, out, stderr := runCLI(t, in, "extract", "--outlet", "Example Wire", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs := lines(t, out)
	if len(recs) != 1 || recs[0]["doc_id"] != "s1" || recs[0]["outlet"] != "Example Wire" || recs[0]["title"] != "Two killed in blast" {
		t.Errorf("stdin document = %v", recs)
	}
}

func TestEveryInputFailed(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "empty.txt", "")
	if code, _, _ := runCLI(t, "", "extract", dir); code != 1 {
		t.Errorf("exit %d when every input failed, want 1", code)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"frobnicate"},
		{"extract"},
		{"extract", "--published", "8 Feb 2018", "x.txt"},
		{"extract", "--no-such-flag", "x.txt"},
		{"show"},
		{},
	} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("sitrep %v: exit %d, want 2", args, code)
		}
	}
	for _, name := range []string{"extract", "ingest", "run", "serve", "show", "eval", "export", "reprocess", "correct", "gazetteer", "bench"} {
		code, _, stderr := runCLI(t, "", name, "--help")
		if code != 0 || !strings.Contains(stderr, "Usage: sitrep "+name) {
			t.Errorf("sitrep %s --help: exit %d, %q", name, code, stderr)
		}
	}
}

func TestIngestTwiceStoresOnceAndShows(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "test.db")
	docs := filepath.Join(dir, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, docs, "report.txt", "Gunmen attack village\n\nGunmen attacked a village near Kidal on Tuesday, killing three people, residents said.\nAdvertisement\n")
	for i := 0; i < 2; i++ {
		if code, _, stderr := runCLI(t, "", "ingest", "--db", db, "--published", "2024-02-01", docs); code != 0 {
			t.Fatalf("ingest %d: exit %d: %s", i, code, stderr)
		}
	}
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ndocs, _, err := store.Stats(context.Background())
	store.Close()
	if err != nil || ndocs != 1 {
		t.Errorf("after two ingests of one document the store holds %d documents (%v), want 1", ndocs, err)
	}
	code, out, stderr := runCLI(t, "", "show", "--db", db, "--text", "report.txt")
	if code != 0 {
		t.Fatalf("show: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "Gunmen attacked a village near Kidal") || strings.Contains(out, "Advertisement") {
		t.Errorf("stored cleaned text = %q", out)
	}
	if code, _, _ := runCLI(t, "", "show", "--db", db, "no-such-doc"); code != 1 {
		t.Errorf("show of a missing document: exit %d, want 1", code)
	}
}

func TestBench(t *testing.T) {
	shared := sharedDir(t)
	if testing.Short() {
		t.Skip("measures on the whole FA-KES set")
	}
	code, out, stderr := runCLI(t, "", "bench", "--data", shared, "--rounds", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"394 FA-KES articles", "gazetteer load", "toponym matching", "sitrep extract / gzip", "sitrep ingest / sitrep extract", "peak resident memory"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
}

func TestFlagsAfterFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "Market reopens\n\nThe market reopened on Monday, officials said.\n")
	code, out, stderr := runCLI(t, "", "extract", filepath.Join(dir, "a.txt"), "--published", "2024-05-09", "--outlet", "Example Wire")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs := lines(t, out)
	if len(recs) != 1 || recs[0]["published"] != "2024-05-09" || recs[0]["outlet"] != "Example Wire" {
		t.Errorf("flags after the file were not applied: %v", recs)
	}
	// After "--", a name that looks like a flag is a file.
	if code, out, _ := runCLI(t, "", "extract", "--", "--published"); code != 1 || !strings.Contains(out, "--published") {
		t.Errorf(`"--published" after "--" was not read as a file: exit %d, %s`, code, out)
	}
}

// TestExtractDebugUnresolved checks that --debug adds the cleaned text and
// the names that read as places but that the gazetteer does not know, with
// code point spans into that text, and that plain output leaves them out.
func TestExtractDebugUnresolved(t *testing.T) {
	in := `{"id":"u1","published":"2021-03-04","text":"Village raided\nGunmen raided the village of Qzyrwandi Tahtani (Idlib, Syria) at dawn, killing the mukhtar — residents said."}` + "\n"
	code, out, stderr := runCLI(t, in, "extract", "--debug", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs := lines(t, out)
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	text, _ := recs[0]["text"].(string)
	list, _ := recs[0]["unresolved_places"].([]any)
	var found bool
	for _, u := range list {
		u := u.(map[string]any)
		span := u["span"].([]any)
		runes := []rune(text)
		s, e := int(span[0].(float64)), int(span[1].(float64))
		if e > len(runes) || string(runes[s:e]) != u["name"] {
			t.Errorf("span %v of %v does not read its name in %q", span, u, text)
		}
		found = found || u["name"] == "Qzyrwandi Tahtani"
	}
	if !found {
		t.Errorf("unresolved_places = %v, want Qzyrwandi Tahtani", list)
	}
	_, out, _ = runCLI(t, in, "extract", "-")
	if rec := lines(t, out)[0]; rec["unresolved_places"] != nil || rec["text"] != nil {
		t.Errorf("without --debug: %v", rec)
	}
}
