package eval_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/eval"
)

// TestFloors runs the shipped pipeline on the real sets and fails when a
// figure falls more than one point below its floor in floors.json.
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
	sys, err := eval.Pipeline()
	if err != nil {
		t.Fatal(err)
	}
	figs, err := eval.Run(context.Background(), shared, sys)
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
