// Package eval scores sitrep against real reporting annotated by others:
// ACLED event notes, FA-KES articles, Re3d entity spans, PLOVER sentences and
// the seed article. It reads those sets where they lie (../shared beside the
// repository) and copies nothing from them, so that the figures it prints
// can be compared from one commit to the next without the data ever entering
// the project.
//
// The system under test is passed in as a System, a set of functions, so
// that eval depends only on the domain types and never on the packages it
// measures.
package eval

import (
	"github.com/sitrep-dev/sitrep/internal/shared"

	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// System is the pipeline under test, given as functions so that any
// combination of extractor, gazetteer and cleaner can be scored.
type System struct {
	// Extract returns the events of one document, main event first. Spans
	// inside are byte offsets into doc.Text. It is called from several
	// goroutines at once.
	Extract func(doc *sitrep.Document) []sitrep.Event
	// Spans returns mention spans (byte offsets) by Re3d type: "Location",
	// "Organisation", "Temporal", "Quantity".
	Spans func(text string) map[string][]sitrep.Span
	// ReadText turns a raw .txt file into a cleaned Document (ingest), used
	// for the seed.
	ReadText func(name string, raw []byte, published time.Time, outlet string) (*sitrep.Document, error)
	// Places, when set, returns every place the gazetteer knows by name,
	// whatever the context; the ACLED set uses it to say how many notes
	// name any known place near the gold point at all (within_25km_named).
	Places func(name string) []sitrep.Place
	// Cluster, when set, stores docs with their events as ingest does,
	// into a new store, and returns for each document the incident its
	// main event ended in ("" when it is not stored: no events, or a copy
	// of a document stored before). The ACLED set uses it to measure how
	// well distinct events are kept apart (kept_apart).
	Cluster func(ctx context.Context, docs []*sitrep.Document, events [][]sitrep.Event) ([]string, error)
}

// Figure is one measured number.
type Figure struct {
	Set  string // "acled", "fakes", "re3d", "seed", "plover"
	Name string // e.g. "event_type", "Location/recall"
	// Value is a percentage (0..100) or, for informational figures, a count
	// or mean.
	Value float64
	// N is the denominator: the rows, documents or spans the figure is over.
	N int
	// Target is the floor the project set itself for this figure, 0 if none.
	Target float64
}

// Key returns "set/name", the key of the figure in floors.json.
func (f Figure) Key() string { return f.Set + "/" + f.Name }

// Met reports whether the figure reaches its target; figures without a
// target always do.
func (f Figure) Met() bool { return f.Target == 0 || f.Value >= f.Target }

// Check is one check of the seed article's expected.json.
type Check struct {
	Name   string
	OK     bool
	Detail string
}

// Paths of the sets below the shared folder.
const (
	ACLEDPath  = "data/acled/acled-2020-dev.csv"
	FAKESPath  = "data/fakes/fakes-dev.csv"
	Re3dPath   = "data/re3d"
	PLOVERPath = "data/plover/PLOVER_GSR_CAMEO.json"
	SeedPath   = "seed"
)

// Run scores every set below dataDir, the shared folder that holds data/
// and seed/ (a path to its data/ folder is accepted too). Each set that is
// missing or unreadable yields an error naming it; the figures of the other
// sets are still returned.
func Run(ctx context.Context, dataDir string, sys System) ([]Figure, error) {
	root := dataDir
	if filepath.Base(filepath.Clean(root)) == "data" && !exists(filepath.Join(root, "data")) {
		root = filepath.Dir(filepath.Clean(root))
	}
	sets := []struct {
		name string
		path string
		run  func(string, System) ([]Figure, error)
	}{
		{"acled", ACLEDPath, ACLED},
		{"fakes", FAKESPath, FAKES},
		{"re3d", Re3dPath, Re3d},
		{"seed", SeedPath, func(dir string, sys System) ([]Figure, error) {
			figs, _, err := Seed(dir, sys)
			return figs, err
		}},
		{"plover", PLOVERPath, PLOVER},
	}
	var figs []Figure
	var errs []error
	for _, s := range sets {
		if err := ctx.Err(); err != nil {
			return figs, errors.Join(append(errs, err)...)
		}
		path := filepath.Join(root, s.path)
		if !exists(path) {
			errs = append(errs, fmt.Errorf("eval: %s: set missing: %s", s.name, path))
			continue
		}
		f, err := s.run(path, sys)
		figs = append(figs, f...)
		if err != nil {
			errs = append(errs, fmt.Errorf("eval: %s: %w", s.name, err))
		}
	}
	return figs, errors.Join(errs...)
}

// FindShared returns the shared data folder for a repository: it walks up
// from start to the directory holding go.mod and returns ../shared beside
// it. It fails when there is no go.mod above start or no shared folder
// beside it.
func FindShared(start string) (string, error) { return shared.Find(start) }

// Print writes figs as an aligned table: set, figure, value, n, target and
// whether the target is met.
func Print(w io.Writer, figs []Figure) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tfigure\tvalue\tn\ttarget\tstatus\t")
	for _, f := range figs {
		target, status := "-", "-"
		if f.Target > 0 {
			target = fmt.Sprintf("%.1f", f.Target)
			status = "ok"
			if !f.Met() {
				status = "below"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%d\t%s\t%s\t\n", f.Set, f.Name, f.Value, f.N, target, status)
	}
	tw.Flush()
}

// percent returns 100·num/den, or 0 for an empty denominator.
func percent(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return 100 * float64(num) / float64(den)
}

// tally counts hits over a denominator.
type tally struct{ hit, n int }

func (t *tally) add(ok bool) {
	t.n++
	if ok {
		t.hit++
	}
}

func (t tally) figure(set, name string) Figure {
	f := Figure{Set: set, Name: name, Value: percent(t.hit, t.n), N: t.n}
	f.Target = Targets[f.Key()]
	return f
}

// Targets are the accuracy targets the project set itself (DEVELOPERS.md
// and the issues), by figure key. They are goals to reach; floors.json
// holds what the shipped pipeline reaches now, which must not fall.
var Targets = map[string]float64{
	"acled/event_type":        85,
	"acled/sub_event_type":    70,
	"acled/country":           95,
	"acled/within_25km":       75,
	"acled/event_date":        95,
	"acled/fatalities":        85,
	"acled/interaction":       60,
	"fakes/admin1":            80,
	"re3d/Location/recall":    85,
	"re3d/Location/precision": 80,
	"re3d/Temporal/recall":    80,
	"re3d/Quantity/recall":    80,
	"seed/checks":             100,
	"seed/required_events":    100,
	"plover/event_type":       70,
	"plover/dead":             100,
	"plover/injured":          100,
}

// safeExtract calls sys.Extract, turning a panic of the system under test into
// an error naming the document so that one bad document cannot stop a run.
func safeExtract(sys System, doc *sitrep.Document) (events []sitrep.Event, err error) {
	if sys.Extract == nil {
		return nil, errors.New("system has no Extract")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract %s: panic: %v", doc.ID, r)
		}
	}()
	return sys.Extract(doc), nil
}

// fold lower-cases s and keeps only letters and digits, one space between
// words, so that "Deir ez-Zor" and "deir ez zor" compare equal.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(foldAccents(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r > 0x7f && isLetter(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '\'' || r == '\u2019' || r == '`' || r == '\u02bf' || r == '\u02be':
			// apostrophes and ayn/hamza marks vanish: "Dar'a" = "Dara"
		default:
			space = true
		}
	}
	return b.String()
}

// extractEach extracts every document on all cores, keeping input order.
// sys.Extract must therefore be safe for concurrent use. It returns the
// events per document, how many documents failed, and the error of the
// first failing document in input order.
func extractEach(sys System, docs []*sitrep.Document) (events [][]sitrep.Event, failed int, first error) {
	events = make([][]sitrep.Event, len(docs))
	errs := make([]error, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(docs))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				events[i], errs[i] = safeExtract(sys, docs[i])
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			failed++
			if first == nil {
				first = err
			}
		}
	}
	return events, failed, first
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
