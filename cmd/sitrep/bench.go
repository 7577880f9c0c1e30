package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/ingest"
)

func init() {
	register(command{name: "bench", summary: "measure speed and memory on the real FA-KES articles", run: runBench})
}

const benchAbout = `
Measures, on the FA-KES dev articles read in place from ../shared (or
--data DIR): loading the embedded gazetteer, its heap, toponym matching on
one core, extraction on one core, the whole 'sitrep extract' path (JSON
Lines in, JSON Lines out, all cores) against gzip -6 over the same bytes,
'sitrep ingest' into a new database on disk (extraction, clustering and
storing, all cores) against 'sitrep extract' (run in pairs, one of each,
three pairs a round, and the median ratio kept), and the peak resident memory of the process,
before and after ingesting. Figures only; nothing is asserted.`

func runBench(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "bench", "[--data DIR] [--rounds N]", benchAbout)
	data := fs.String("data", "", "folder holding data/ (default: ../shared beside the repository)")
	rounds := fs.Int("rounds", 5, "repeat each measure `N` times and keep the fastest")
	if err := parse(fs, args); err != nil {
		return err
	}
	dir := *data
	if dir == "" {
		var err error
		if dir, err = eval.FindShared("."); err != nil {
			return fmt.Errorf("%w: the FA-KES data was not found; give --data DIR (%v)", errUsage, err)
		}
	}
	docs, err := eval.FAKESDocuments(filepath.Join(dir, eval.FAKESPath))
	if err != nil {
		return err
	}
	var jsonl bytes.Buffer
	var textBytes int
	for _, d := range docs {
		textBytes += len(d.Text)
		b, _ := json.Marshal(map[string]string{"id": d.ID, "text": d.Text, "published": d.PublishedDate(), "outlet": d.Outlet})
		jsonl.Write(b)
		jsonl.WriteByte('\n')
	}
	best := func(f func()) time.Duration {
		var fastest time.Duration
		for i := 0; i < max(1, *rounds); i++ {
			start := time.Now()
			f()
			if d := time.Since(start); i == 0 || d < fastest {
				fastest = d
			}
		}
		return fastest
	}
	mbps := func(n int, d time.Duration) float64 { return float64(n) / 1e6 / d.Seconds() }

	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	var g *gazetteer.Gazetteer
	load := best(func() {
		if g, err = gazetteer.Open(); err != nil {
			panic(err)
		}
	})
	runtime.GC()
	runtime.ReadMemStats(&ms)
	heap := int64(ms.HeapAlloc) - int64(before)

	find := best(func() {
		for _, d := range docs {
			g.Find(d.Text, nil)
		}
	})
	x := extract.New(g)
	one := best(func() {
		for _, d := range docs {
			x.Events(d)
		}
	})
	gzipName, gz := gzipRate(jsonl.Bytes(), best)
	extractRun := func() {
		var sink countWriter
		sub := &env{stdin: bytes.NewReader(jsonl.Bytes()), stdout: &sink, stderr: io.Discard, log: e.log}
		err = extractAll(ctx, sub, []string{"-"}, ingest.Options{}, x, func(p processed) error {
			if p.Err != nil {
				return p.Err
			}
			return json.NewEncoder(&sink).Encode(contractRecord(p.Doc, p.events))
		})
	}
	whole := best(extractRun)
	if err != nil {
		return err
	}
	// The peak so far is extraction's; ingesting adds SQLite's page caches.
	rssExtract := peakRSS()
	tmp, err := os.MkdirTemp("", "sitrep-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// Each pair times one extract, then one ingest: on a machine whose
	// load comes and goes, the two of a pair meet the same load, and the
	// median of their ratios is steadier than the ratio of the fastest of
	// each. Three pairs a round: with five pairs, the median of two runs
	// on a quiet machine was 0.51 and 0.65; with fifteen, 0.54 three
	// times.
	var stored time.Duration
	ratios := make([]float64, 3*max(1, *rounds))
	for i := range ratios {
		start := time.Now()
		extractRun()
		mid := time.Now()
		sub := &env{stdin: bytes.NewReader(jsonl.Bytes()), stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}
		db := filepath.Join(tmp, fmt.Sprintf("ingest-%d.db", i))
		if _, ierr := ingestNew(ctx, sub, db, []string{"-"}, ingest.Options{}); ierr != nil && err == nil {
			err = ierr
		}
		took := time.Since(mid)
		if i == 0 || took < stored {
			stored = took
		}
		ratios[i] = mid.Sub(start).Seconds() / took.Seconds()
	}
	if err != nil {
		return err
	}
	slices.Sort(ratios)

	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "corpus\t%d FA-KES articles, %.2f MB of text, %.2f MB as JSON Lines\t\n", len(docs), float64(textBytes)/1e6, float64(jsonl.Len())/1e6)
	fmt.Fprintf(tw, "gazetteer load\t%v\t(target ≤ 300 ms)\n", load.Round(time.Millisecond))
	fmt.Fprintf(tw, "gazetteer heap\t%.0f MB\t(target ≤ 150 MB resident)\n", float64(heap)/1e6)
	fmt.Fprintf(tw, "toponym matching, one core\t%.1f MB/s\t(target ≥ 20 MB/s)\n", mbps(textBytes, find))
	fmt.Fprintf(tw, "extraction, one core\t%.0f articles/s, %.1f MB/s\t\n", float64(len(docs))/one.Seconds(), mbps(textBytes, one))
	fmt.Fprintf(tw, "sitrep extract, %d cores\t%.0f articles/s, %.1f MB/s of JSON Lines\t\n", runtime.GOMAXPROCS(0), float64(len(docs))/whole.Seconds(), mbps(jsonl.Len(), whole))
	fmt.Fprintf(tw, "%s\t%.1f MB/s\t\n", gzipName, gz)
	fmt.Fprintf(tw, "sitrep extract / gzip\t%.2f\t(target ≥ 0.10)\n", mbps(jsonl.Len(), whole)/gz)
	fmt.Fprintf(tw, "sitrep ingest, %d cores, new database on disk\t%.0f articles/s\t\n", runtime.GOMAXPROCS(0), float64(len(docs))/stored.Seconds())
	fmt.Fprintf(tw, "sitrep ingest / sitrep extract\t%.2f\t(target ≥ 0.50; throughput, median of %d paired runs)\n", ratios[len(ratios)/2], len(ratios))
	fmt.Fprintf(tw, "peak resident memory\t%s\t(target ≤ 300 MB)\n", rssExtract)
	fmt.Fprintf(tw, "peak resident memory, with ingest\t%s\t\n", peakRSS())
	return tw.Flush()
}

// gzipRate measures gzip -6 over b: the gzip command when the machine has
// it, as the target is stated, else Go's compress/gzip at level 6.
func gzipRate(b []byte, best func(func()) time.Duration) (string, float64) {
	if path, err := exec.LookPath("gzip"); err == nil {
		d := best(func() {
			cmd := exec.Command(path, "-6", "-c")
			cmd.Stdin = bytes.NewReader(b)
			cmd.Stdout = io.Discard
			_ = cmd.Run()
		})
		return "gzip -6 (the gzip command)", float64(len(b)) / 1e6 / d.Seconds()
	}
	d := best(func() {
		w, _ := gzip.NewWriterLevel(io.Discard, 6)
		_, _ = w.Write(b)
		_ = w.Close()
	})
	return "gzip -6 (Go's compress/gzip)", float64(len(b)) / 1e6 / d.Seconds()
}

// peakRSS reads the process's peak resident set size from /proc.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown (no /proc)"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// countWriter discards what it is given, counting it.
type countWriter struct{ n int }

func (c *countWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }
