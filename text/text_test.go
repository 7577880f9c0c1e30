package text

import (
	"reflect"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ma‘arratmişrīn", "maarratmisrin"},
		{"Deir ez-Zor", "deir ez zor"},
		{"  ŁÓDŹ, Poland ", "lodz poland"},
		{"Dar'a", "dara"},
		{"Straße", "strasse"},
		{"Ālbū Kamāl", "albu kamal"},
		{"Khushām", "khusham"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeysMeet(t *testing.T) {
	groups := [][]string{
		{"Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zour", "Dayr az-Zur"},
		{"Albu Kamal", "Al-Bukamal", "Abu Kamal", "Abou Kamal"},
		{"Maarat Misrin", "Ma‘arratmişrīn"},
		{"Khasham", "Khushām"},
		{"Raqqa", "Raqqah", "ar-Raqqa", "Al Raqqah"},
		{"Hasakeh", "Hasakah", "al-Hasaka"},
	}
	for _, g := range groups {
		k0, s0 := Key(g[0]), Skeleton(Key(g[0]))
		for _, name := range g[1:] {
			k, s := Key(name), Skeleton(Key(name))
			if k != k0 && s != s0 {
				t.Errorf("%q (key %q, skeleton %q) does not meet %q (key %q, skeleton %q)", name, k, s, g[0], k0, s0)
			}
		}
	}
}

func TestKeysDiffer(t *testing.T) {
	pairs := [][2]string{{"Homs", "Hama"}, {"Idlib", "Aleppo"}, {"Damascus", "Daraa"}}
	for _, p := range pairs {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("%q and %q share key %q", p[0], p[1], Key(p[0]))
		}
	}
}

func TestTokens(t *testing.T) {
	s := "Syria's town of Dar'a, near Deir ez-Zor. Police said 1,200 fled."
	toks := Tokens(s)
	var words []string
	for _, tk := range toks {
		if s[tk.Start:tk.End] == "" {
			t.Fatalf("empty token at %d", tk.Start)
		}
		words = append(words, s[tk.Start:tk.End])
	}
	want := []string{"Syria", "town", "of", "Dar'a", "near", "Deir", "ez", "Zor", "Police", "said", "1,200", "fled"}
	if !reflect.DeepEqual(words, want) {
		t.Fatalf("tokens = %q, want %q", words, want)
	}
	byWord := map[string]Token{}
	for i, w := range words {
		byWord[w] = toks[i]
	}
	if f := byWord["Dar'a"].Fold; f != "dara" {
		t.Errorf("Fold of Dar'a = %q", f)
	}
	if !byWord["Zor"].Joined || byWord["ez"].Joined {
		t.Errorf("Joined wrong: Zor %v, ez %v", byWord["Zor"].Joined, byWord["ez"].Joined)
	}
	if !byWord["near"].Break || byWord["town"].Break {
		t.Errorf("Break wrong: near %v, town %v", byWord["near"].Break, byWord["town"].Break)
	}
	if !byWord["Police"].SentStart || !byWord["Syria"].SentStart || byWord["Deir"].SentStart {
		t.Errorf("SentStart wrong")
	}
	if !byWord["1,200"].Num || !byWord["Deir"].Cap || byWord["near"].Cap {
		t.Errorf("Num/Cap wrong")
	}
}

func TestTokensAbbreviation(t *testing.T) {
	toks := Tokens("Mr. Smith met U.S. envoys")
	for _, tk := range toks {
		if tk.Fold == "smith" && tk.SentStart {
			t.Errorf("Smith after Mr. marked as sentence start")
		}
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"Deir ez-Zor's", "a'", "’s", "1,2.", "Ma‘arrat-", "x\u0301y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, tk := range Tokens(s) {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) {
				t.Fatalf("bad token %+v in %q", tk, s)
			}
			prev = tk.End
		}
		_ = Key(s)
	})
}

func TestTokensAmpersand(t *testing.T) {
	tests := []struct {
		in           string
		joined, brk  bool // of the second token
		secondFolded string
	}{
		{"J&K", true, false, "k"},
		{"Sand & gravel", false, true, "gravel"},
		{"Q& A", false, true, "a"},
	}
	for _, tt := range tests {
		toks := Tokens(tt.in)
		if len(toks) != 2 {
			t.Fatalf("Tokens(%q) = %d tokens, want 2", tt.in, len(toks))
		}
		if tk := toks[1]; tk.Joined != tt.joined || tk.Break != tt.brk || tk.Fold != tt.secondFolded {
			t.Errorf("Tokens(%q)[1] = %+v, want joined %v, break %v, fold %q", tt.in, tk, tt.joined, tt.brk, tt.secondFolded)
		}
	}
}

func TestTokensIntoReuses(t *testing.T) {
	buf := Tokens("Deir ez-Zor and Raqqa and Hama and Homs")
	got := TokensInto(buf, "Idlib city")
	want := Tokens("Idlib city")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TokensInto = %+v, want %+v", got, want)
	}
	if &got[0] != &buf[0] {
		t.Errorf("TokensInto did not reuse the buffer")
	}
}

// TestFoldEqual checks FoldEqual against Fold on names that fold alike,
// differ late, differ in spacing or in marks.
func TestFoldEqual(t *testing.T) {
	names := []string{
		"", " ", "-", "Aleppo", "aleppo", "ALEPPO", "Alepp", "Aleppo ", " Aleppo", "Al-Bab", "Al Bab", "Al  Bab",
		"al'Bab", "Dar'a", "Dar‘a", "Dara", "Daraa", "Ma‘arrat Mişrīn", "Maarrat Misrin", "maarratmisrin",
		"Straße", "Strasse", "Ālbū Kamāl", "albu kamal", "Łódź", "lodz", "Deir ez-Zor", "deir ez zor",
		"İdlib", "idlib", "Ⱥ", "e\u0301", "é", "3.5", "3 5", "Tall ʿAfar", "Tall Afar", "Ḩamāh", "hamah",
	}
	for _, a := range names {
		for _, b := range names {
			want := Fold(a) == Fold(b)
			if got := FoldEqual(a, Fold(b)); got != want {
				t.Errorf("FoldEqual(%q, Fold(%q) = %q) = %v, want %v", a, b, Fold(b), got, want)
			}
		}
		// Every prefix and extension of the folded form but itself differs.
		f := Fold(a)
		for n := 0; n < len(f); n++ {
			if FoldEqual(a, f[:n]) {
				t.Errorf("FoldEqual(%q, %q) = true for a prefix of %q", a, f[:n], f)
			}
		}
		if FoldEqual(a, f+"x") || FoldEqual(a, f+" ") {
			t.Errorf("FoldEqual(%q) accepts an extension of %q", a, f)
		}
	}
}

// TestTokensPathsAgree checks that texts whose words are ASCII, which
// tokensASCII handles, tokenize as TokensInto's general path does: each
// text is tokenized again with a word that is not ASCII appended, which
// sends the whole text down the general path.
func TestTokensPathsAgree(t *testing.T) {
	texts := []string{
		"Syria's town of Dar'a, near Deir ez-Zor. Police said 1,200 fled.",
		"Mr. Smith met U.S. envoys in J&K and AT&T's office -- at 3.5 km.",
		"“They left,” he said — the al-Bab road… closed; (Idlib) [Hama] it's Ma'arrat's.",
		"rock `n' roll 12,5 x-ray A&  &B -a - b\tc\r\nD. e! F? g",
		"don't 'tis Assad's  Assad' s  O'Neill 1'000",
		"",
		"  «Aleppo» ‘city’ Homs‚ Hama",
	}
	for _, s := range texts {
		fast := Tokens(s)
		slow := Tokens(s + " é")
		if len(slow) != len(fast)+1 {
			t.Errorf("%q: %d tokens, %d with a word appended", s, len(fast), len(slow))
			continue
		}
		if !reflect.DeepEqual(fast, slow[:len(fast)]) {
			t.Errorf("%q: tokens differ between the two paths:\n%+v\n%+v", s, fast, slow[:len(fast)])
		}
	}
}
