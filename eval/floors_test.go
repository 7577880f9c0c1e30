//go:build integration

// TestFloors runs the real pipeline on the real sets and fails when a
// figure falls more than one point below its floor in floors.json. It
// imports the packages under test, so it lives in package eval_test and
// behind the integration build tag until extract offers Spans; the lead
// removes the tag once realSystem compiles.

package eval_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/eval"
	"github.com/sitrep-dev/sitrep/extract"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/ingest"
)

// realSystem wires the pipeline as `sitrep eval` does.
func realSystem(t *testing.T) eval.System {
	t.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(g)
	return eval.System{
		Extract: x.Events,
		// TODO(lead): point at the extractor's mention spans by Re3d type.
		Spans: x.Spans,
		ReadText: func(name string, raw []byte, published time.Time, outlet string) (*sitrep.Document, error) {
			return ingest.Text(name, raw, ingest.Options{Published: published, Outlet: outlet})
		},
	}
}

func TestFloors(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline on every set")
	}
	shared, err := eval.FindShared(".")
	if err != nil {
		t.Skipf("real evaluation data not found (../shared beside the repository): %v", err)
	}
	floors, err := eval.LoadFloors("floors.json")
	if err != nil {
		t.Fatal(err)
	}
	figs, err := eval.Run(context.Background(), shared, realSystem(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range floors.Check(figs, 1) {
		t.Error(msg)
	}
	if t.Failed() || testing.Verbose() {
		var b strings.Builder
		eval.Print(&b, figs)
		t.Log("\n" + b.String())
	}
}
