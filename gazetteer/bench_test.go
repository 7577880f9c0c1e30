package gazetteer

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/sitrep-dev/sitrep/text"
)

// BenchmarkLoad measures loading the embedded index and reports the heap
// it keeps.
func BenchmarkLoad(b *testing.B) {
	var g *Gazetteer
	start := cpuTime()
	for b.Loop() {
		var err error
		g, err = Load(embeddedIndex)
		if err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heapMB")
	runtime.KeepAlive(g)
}

// fakesTexts returns the FA-KES dev article texts, skipping without them.
func fakesTexts(b *testing.B) []string {
	rows := readCSV(b, filepath.Join(sharedDir(b), "data", "fakes", "fakes-dev.csv"))
	var texts []string
	for _, r := range rows {
		texts = append(texts, r["article_content"])
	}
	return texts
}

// BenchmarkFind measures matching throughput over the FA-KES dev articles
// on one goroutine.
func BenchmarkFind(b *testing.B) {
	texts := fakesTexts(b)
	g := defaultGazetteer(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		for _, t := range texts {
			g.Find(t, nil)
		}
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
}

// BenchmarkTokens measures the tokenizer alone over the same texts.
func BenchmarkTokens(b *testing.B) {
	texts := fakesTexts(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range texts {
			text.Tokens(t)
		}
	}
}
