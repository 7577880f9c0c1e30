package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

// jsonLine returns a line of JSON Lines holding text as encoding/json
// writes it, with HTML escaping or without.
func jsonLine(t testing.TB, text string, html bool) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	rec := struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Text  string `json:"text"`
	}{"n1", "A <title> & more", text}
	if err := enc.Encode(rec); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// TestSplitRaw checks which raw inputs leave their text out, and that
// every one is joined back byte for byte.
func TestSplitRaw(t *testing.T) {
	const plain = "Shelling hit the market in the morning.\nTwo people were killed."
	special := "Quotes \"said\" <b>bold</b> & \\ tabs\tand\u2028lines\u2029 é 😀 \x7f \x01 end"
	ascii := `{"id": "n2", "text": "` + strings.ReplaceAll(strings.ReplaceAll(plain, "\n", `\n`), ".", `.`) + `"}`
	tests := []struct {
		name, raw, text string
		form            int // 0: raw kept whole
	}{
		{"plain file", plain + "\n", plain, rawVerbatim},
		{"plain file, text inside", "\ufeff  " + plain + "\r\n\r\n", plain, rawVerbatim},
		{"JSON Lines from Go", jsonLine(t, plain, true), plain, rawJSONHTML},
		{"JSON Lines from Go, text to escape", jsonLine(t, special, true), special, rawJSONHTML},
		{"JSON Lines without HTML escaping", jsonLine(t, special, false), special, 0},
		{"JSON Lines as JavaScript writes them", strings.ReplaceAll(strings.ReplaceAll(jsonLine(t, special, false), `\u2028`, "\u2028"), `\u2029`, "\u2029"), special, rawJSON},
		{"JSON written by hand", ascii, plain, rawJSONHTML},
		{"JSON with the text escaped otherwise", `{"text": "Shelling hit the market in the morning.\u000aTwo people were killed."}`, plain, 0},
		{"HTML", "<html><p>Shelling hit the market in the morning.</p><p>Two people were killed.</p></html>", plain, 0},
		{"cleaned text", "Shelling  hit the market in the morning.\n\nTwo people were killed.", plain, 0},
		{"text longer than raw", "Shelling", plain, 0},
		{"no text", "anything", "", 0},
		{"invalid UTF-8", "a \xff b", "\xff", 0},
		{"NUL", `{"text": "a\u0000b"}`, "a\x00b", 0},
		{"text twice", `{"title": "Shelling", "text": "Shelling"}`, "Shelling", rawJSONHTML},
		{"a false start", `{"a": "Shelling hit the market in the morning.\nTwo", "text": "` + strings.ReplaceAll(plain, "\n", `\n`) + `"}`, plain, rawJSONHTML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rest, at, form := splitRaw(tt.raw, tt.text)
			switch {
			case tt.form == 0 && (at.Valid || rest != tt.raw):
				t.Errorf("splitRaw left the text out (form %d at %d), want raw whole", form.Int64, at.Int64)
			case tt.form != 0 && (!at.Valid || form.Int64 != int64(tt.form)):
				t.Errorf("splitRaw: form %v at %v, want form %d", form, at, tt.form)
			case tt.form != 0 && len(rest) > len(tt.raw)-len(tt.text):
				t.Errorf("splitRaw kept %d bytes of %d with a text of %d", len(rest), len(tt.raw), len(tt.text))
			}
			if got, err := joinRaw(rest, tt.text, at, form); err != nil || got != tt.raw {
				t.Errorf("joinRaw = %q, %v; want %q", got, err, tt.raw)
			}
		})
	}
}

// TestSplitRawRandom joins back raw inputs made at random from pieces of
// JSON and texts with every kind of character the forms treat apart.
func TestSplitRawRandom(t *testing.T) {
	pieces := []string{"a", "Aleppo", " ", `"`, `\`, "<", ">", "&", "\n", "\t", "\x01", "\x7f", "é", "’", "\u2028",
		"\u2029", "😀", `\n`, `\u003c`, `\"`, "{", "}"}
	r := rand.New(rand.NewPCG(3, 4))
	str := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	split := 0
	for range 5000 {
		text := str(1 + r.IntN(12))
		var raw string
		switch r.IntN(4) {
		case 0:
			raw = jsonLine(t, text, true)
		case 1:
			raw = jsonLine(t, text, false)
		case 2:
			raw = str(r.IntN(4)) + text + str(r.IntN(4))
		default:
			raw = "{" + str(r.IntN(20))
		}
		rest, at, form := splitRaw(raw, text)
		if at.Valid {
			split++
		}
		if got, err := joinRaw(rest, text, at, form); err != nil || got != raw {
			t.Fatalf("raw %q, text %q: split into %q at %v as %v, joined %q, %v", raw, text, rest, at, form, got, err)
		}
	}
	if split < 2000 {
		t.Errorf("only %d of 5000 raw inputs left their text out", split)
	}
}

func TestJoinRawRejectsBadOffsets(t *testing.T) {
	for _, c := range [][2]sql.NullInt64{
		{{Int64: 5, Valid: true}, {Int64: rawJSON, Valid: true}},
		{{Int64: -1, Valid: true}, {Int64: rawJSON, Valid: true}},
		{{Int64: 0, Valid: true}, {Int64: 9, Valid: true}},
		{{Int64: 0, Valid: true}, {}},
	} {
		if got, err := joinRaw("abc", "text", c[0], c[1]); err == nil {
			t.Errorf("joinRaw(at %v, form %v) = %q, want an error", c[0], c[1], got)
		}
	}
}

// TestRawWithoutText stores documents whose raw input holds their text in
// each form, and others: documents.raw leaves the text out where it can,
// every raw input reads back whole, the text of such a document cannot
// change, and taking migration 14 back stores every raw input whole
// again.
func TestRawWithoutText(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Shelling hit the market.\nTwo people were killed.",
		"Quotes \"said\" <b>bold</b> & \\ tabs\tand\u2028lines\u2029 é 😀 \x7f \x01 end",
		"Plain file text.",
		"Text of an HTML page.",
		"Quotes \"said\" <b>bold</b> & \\ tabs\tand\u2028lines\u2029 é 😀 \x7f \x01 end, again",
	}
	docs := []*sitrep.Document{
		{ID: "go", Text: texts[0], Raw: jsonLine(t, texts[0], true)},
		{ID: "js", Text: texts[1], Raw: strings.NewReplacer(`\u2028`, "\u2028", `\u2029`, "\u2029").Replace(jsonLine(t, texts[1], false))},
		{ID: "html-escaped", Text: texts[4], Raw: jsonLine(t, texts[4], true), URL: "https://example.org/1"},
		{ID: "file", Text: texts[2], Raw: texts[2] + "\n"},
		{ID: "page", Text: texts[3], Raw: "<p>" + texts[3] + "</p>"},
		{ID: "cleaned", Text: texts[3] + "!", Raw: texts[3] + " !"},
	}
	leftOut := map[string]bool{"go": true, "js": true, "html-escaped": true, "file": true, "page": true}
	for _, d := range docs {
		if _, _, err := db.PutDocument(ctx, d, nil); err != nil {
			t.Fatal(err)
		}
	}
	check := func(when string) {
		t.Helper()
		for _, d := range docs {
			got, _, err := db.Document(ctx, d.ID)
			if err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			if got.Raw != d.Raw || got.Text != d.Text {
				t.Errorf("%s: document %s reads raw %q, text %q; want %q, %q", when, d.ID, got.Raw, got.Text, d.Raw, d.Text)
			}
		}
	}
	check("stored")
	rows, err := db.r.QueryContext(ctx, `SELECT id, length(CAST(raw AS BLOB)), raw_text_at IS NOT NULL FROM documents`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var (
			id     string
			n      int
			halved bool
		)
		if err := rows.Scan(&id, &n, &halved); err != nil {
			t.Fatal(err)
		}
		if halved != leftOut[id] {
			t.Errorf("document %s: raw leaves the text out: %v, want %v", id, halved, leftOut[id])
		}
	}
	rows.Close()
	if _, err := db.w.ExecContext(ctx, `UPDATE documents SET text = 'Other text.' WHERE id = 'go'`); err == nil {
		t.Error("the text of a document whose raw leaves it out changed")
	}
	if _, err := db.w.ExecContext(ctx, `UPDATE documents SET text = 'Other text.' WHERE id = 'cleaned'`); err != nil {
		t.Errorf("the text of a document stored whole: %v", err)
	}
	docs[len(docs)-1].Text = "Other text."
	var docsN int
	err = db.Documents(ctx, func(d *sitrep.Document) bool {
		docsN++
		if d.Raw != docs[docsN-1].Raw {
			t.Errorf("Documents: %s reads raw %q, want %q", d.ID, d.Raw, docs[docsN-1].Raw)
		}
		return true
	})
	if err != nil || docsN != len(docs) {
		t.Errorf("Documents gave %d documents, %v", docsN, err)
	}
	db.Close()

	raw, p := migrator(t, "file:"+path)
	if _, err := p.DownTo(ctx, 13); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		var got string
		if err := raw.QueryRowContext(ctx, `SELECT raw FROM documents WHERE id = ?`, d.ID).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != d.Raw {
			t.Errorf("after down: document %s holds raw %q, want %q", d.ID, got, d.Raw)
		}
	}
	db = upAndReopen(ctx, t, raw, p, path)
	check("after down and up")
}

func BenchmarkSplitRaw(b *testing.B) {
	text := strings.Repeat("Victims of a suspected chemical attack in Syria appeared to show symptoms, \"WHO\" said.\n", 24)
	raw := jsonLine(b, text, true)
	b.SetBytes(int64(len(raw)))
	for range b.N {
		if _, at, _ := splitRaw(raw, text); !at.Valid {
			b.Fatal("not split")
		}
	}
}
