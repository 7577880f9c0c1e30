package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{
			name: "title line first, blank line after it kept",
			in:   "Ferry service resumes on the northern lake\n\nThe first boat left the harbour at dawn.\nPassengers queued for an hour.",
			want: "Ferry service resumes on the northern lake\n\nThe first boat left the harbour at dawn.\nPassengers queued for an hour.",
		},
		{
			name: "caption printed twice in a row kept once",
			in:   "Workers repair a water main in the old quarter.\nWorkers repair a water main in the old quarter.\nThe repairs will take a week.",
			want: "Workers repair a water main in the old quarter.\nThe repairs will take a week.",
		},
		{
			name: "caption repeated further down kept once",
			in:   "A market stall stands empty after the storm.\nTraders counted their losses on Friday.\nA market stall stands empty after the storm.\nThe council promised help.",
			want: "A market stall stands empty after the storm.\nTraders counted their losses on Friday.\nThe council promised help.",
		},
		{
			name: "lines that differ only in spacing count as repeats",
			in:   "Smoke rose over the depot.\n  Smoke  rose over\tthe depot.  ",
			want: "Smoke rose over the depot.",
		},
		{
			name: "stray layout lines dropped",
			in: "Council votes to reopen the bridge\nblock\nAdvertisement\nThe vote was close.\nRead more\nShare\nShare this article\nTweet\nEmail\nPrint\nCopy link\n" +
				"Skip to content\nFollow us on Telegram for the latest updates\nWe use cookies to improve your experience on our site.\nWork starts next month.",
			want: "Council votes to reopen the bridge\nThe vote was close.\nWork starts next month.",
		},
		{
			name: "decorated layout lines and rows of buttons dropped",
			in:   "Talks stall again\n[Advertisement]\nShare:\n- Advertisement -\nRead more »\nFacebook | Twitter | Email\nShare Tweet Email\n* * *\nNeither side commented.",
			want: "Talks stall again\nNeither side commented.",
		},
		{
			name: "layout words inside reporting kept",
			in:   "Share prices fell sharply in the capital.\nPrint shops were ordered to close.\nThe agency said it would email the results.\nRead more about the plan at the town hall, officials said.",
			want: "Share prices fell sharply in the capital.\nPrint shops were ordered to close.\nThe agency said it would email the results.\nRead more about the plan at the town hall, officials said.",
		},
		{
			name: "typographic quotes and ellipsis normalised, dashes kept",
			in:   "“We will rebuild,” the mayor said — twice.\nShe called it „a fresh start‟ and ‘our town’s duty’…\nThe 2019–2020 season was cancelled.",
			want: "\"We will rebuild,\" the mayor said — twice.\nShe called it \"a fresh start\" and 'our town's duty'...\nThe 2019–2020 season was cancelled.",
		},
		{
			name: "CRLF, tabs and runs of spaces",
			in:   "Line one  has\t\ttabs.\r\nLine two\r\n\r\n\r\n\r\nLine three   ",
			want: "Line one has tabs.\nLine two\n\nLine three",
		},
		{
			name: "at most one blank line, none at the ends",
			in:   "\n\n  \nFirst paragraph.\n\n\n \t \n\nSecond paragraph.\n\n\n",
			want: "First paragraph.\n\nSecond paragraph.",
		},
		{
			name: "NBSP and narrow NBSP become spaces",
			in:   "About\u00a0200\u202fpeople gathered.",
			want: "About 200 people gathered.",
		},
		{
			name: "zero-width characters, BOM and soft hyphen removed",
			in:   "\ufeffThe con\u00advoy\u200b reached\u2060 the camp.",
			want: "The convoy reached the camp.",
		},
		{
			name: "zero-width non-joiner kept in Persian spelling",
			in:   "می\u200cخواهم",
			want: "می\u200cخواهم",
		},
		{
			name: "old Mac line endings and form feeds split lines",
			in:   "One.\rTwo.\fThree.",
			want: "One.\nTwo.\nThree.",
		},
		{
			name: "decomposed accents composed",
			in:   "Cafe\u0301 owners protested.",
			want: "Café owners protested.",
		},
		{
			name: "invalid UTF-8 becomes a replacement character",
			in:   "Price \xff rose.",
			want: "Price \ufffd rose.",
		},
		{
			name: "a blank line around a dropped line does not double",
			in:   "Headline here\n\nAdvertisement\n\nBody text follows.",
			want: "Headline here\n\nBody text follows.",
		},
		{
			name: "only layout",
			in:   "Share\nblock\n\nAdvertisement\n",
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in)
			if got != tt.want {
				t.Errorf("Clean(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if again := Clean(got); again != got {
				t.Errorf("Clean is not idempotent: %q → %q", got, again)
			}
		})
	}
}

func TestCleanLongPrefixLineKept(t *testing.T) {
	// A prefix entry ("follow us on *") only drops short lines: a paragraph
	// that opens with the same words is reporting.
	long := "Follow us on the road north, the driver told the reporters, and you will see " +
		strings.Repeat("the burned trucks, the empty checkpoints and the fields nobody has harvested, ", 3) +
		"all the way to the border."
	if got := Clean(long); got != long {
		t.Errorf("long paragraph changed:\n got %q\nwant %q", got, long)
	}
}

// checkCleanInvariants asserts what holds for every output of Clean.
func checkCleanInvariants(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Clean(%q) is not valid UTF-8: %q", in, out)
	}
	if strings.ContainsAny(out, "\r\t\u00a0\u200b\ufeff“”‘’…") {
		t.Fatalf("Clean(%q) kept a character it normalises: %q", in, out)
	}
	if strings.Contains(out, "\n\n\n") || strings.HasPrefix(out, "\n") || strings.HasSuffix(out, "\n") {
		t.Fatalf("Clean(%q) has stray blank lines: %q", in, out)
	}
	seen := map[string]bool{}
	for line := range strings.SplitSeq(out, "\n") {
		if line != strings.TrimSpace(line) || strings.Contains(line, "  ") {
			t.Fatalf("Clean(%q): line %q not trimmed or has a run of spaces", in, line)
		}
		if line != "" && seen[line] {
			t.Fatalf("Clean(%q): line %q repeated", in, line)
		}
		seen[line] = true
	}
	if again := Clean(out); again != out {
		t.Fatalf("Clean is not idempotent on %q: %q → %q", in, out, again)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"",
		"Bridge reopens\n\nCars crossed at noon.\nCars crossed at noon.\nblock",
		"“Quoted” ‘text’…\r\n\r\n\tTabs\u00a0and\u200bzero width",
		"Share | Tweet\n[Advertisement]\n* * *",
		"\xff\xfe\x00broken",
		"a \u0301 b\n\u0301",
		"\u2028\u2029\v\f\r",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkCleanInvariants(t, in, Clean(in))
	})
}

func BenchmarkClean(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Storm damage closes coastal road\n\n")
	for i := range 200 {
		sb.WriteString("Crews worked through the night to clear fallen trees from the coastal road, the regional office said on Tuesday.\n")
		if i%20 == 0 {
			sb.WriteString("Advertisement\n“A photo caption that repeats,” with quotes…\n")
		}
		sb.WriteString("Residents of the   fishing\tvillage were told to stay indoors\u00a0until the wind dropped, number ")
		sb.WriteString(strings.Repeat("x", i%7))
		sb.WriteString(".\r\n")
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Clean(text)
	}
}
