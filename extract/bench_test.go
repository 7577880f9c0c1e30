package extract

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// fakesDocs reads the FA-KES development articles as documents.
func fakesDocs(b *testing.B) []*sitrep.Document {
	shared := sharedDir(b)
	f, err := os.Open(filepath.Join(shared, "data", "fakes", "fakes-dev.csv"))
	if err != nil {
		b.Skip(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var docs []*sitrep.Document
	for _, r := range recs[1:] {
		d := &sitrep.Document{Title: r[col["article_title"]], Text: r[col["article_title"]] + "\n" + r[col["article_content"]], Outlet: r[col["source"]]}
		if t, err := time.Parse("1/2/2006", r[col["date"]]); err == nil {
			d.Published = t
		}
		docs = append(docs, d)
	}
	return docs
}

func benchmarkEvents(b *testing.B, geo Geocoder) {
	docs := fakesDocs(b)
	x := New(geo)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Text))
	}
	b.SetBytes(bytes / int64(len(docs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Events(docs[i%len(docs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkEvents measures extraction alone (no gazetteer) on FA-KES articles.
func BenchmarkEvents(b *testing.B) { benchmarkEvents(b, nil) }

// BenchmarkEventsGazetteer measures the whole extraction with the real
// gazetteer placing events.
func BenchmarkEventsGazetteer(b *testing.B) {
	g, err := gazetteer.Default()
	if err != nil {
		b.Skip(err)
	}
	benchmarkEvents(b, g)
}

// BenchmarkACLEDNotes measures extraction on short single-event notes.
func BenchmarkACLEDNotes(b *testing.B) {
	rows := loadACLED(b)
	x := New(nil)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Events(rows[i%len(rows)].doc)
	}
}

// BenchmarkLongText extracts from one long text, made of a paragraph we
// wrote repeated, at three lengths. MB/s stays about the same from one
// length to the next when extraction is linear in the text's length: it
// fell eightfold per fourfold length when rules scanned the whole text for
// each sentence.
func BenchmarkLongText(b *testing.B) {
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	x := New(g)
	const paragraph = "Gunmen killed three people in Kabul on Monday, police said. " +
		"Two soldiers were wounded when a roadside bomb exploded near Kandahar. " +
		"Protesters gathered in Herat to demand the release of detainees. "
	for _, n := range []int{500, 4000, 32000} {
		text := strings.Repeat(paragraph, n)
		b.Run(fmt.Sprintf("%dKB", len(text)>>10), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				x.Events(&sitrep.Document{ID: "long", Text: text, Published: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)})
			}
		})
	}
}
