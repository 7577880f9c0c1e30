package main

import (
	"context"
	"fmt"

	"github.com/sitrep-dev/sitrep/eval"
)

func init() {
	register(command{name: "eval", summary: "measure accuracy on the real data sets in ../shared", run: runEval})
}

const evalAbout = `
Runs the shipped pipeline over the evaluation sets (the seed article, ACLED,
FA-KES, Re3d, PLOVER) read in place from DIR, and prints each figure with its
target. With --check, exits 1 when a figure falls more than one point below
its floor in eval/floors.json.`

func runEval(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "eval", "[--data DIR] [--check]", evalAbout)
	data := fs.String("data", "", "folder holding data/ and seed/ (default: ../shared beside the repository)")
	check := fs.Bool("check", false, "fail when a figure is below its floor")
	seed := fs.Bool("seed", false, "also print each check of the seed's expected.json")
	if err := parse(fs, args); err != nil {
		return err
	}
	dir := *data
	if dir == "" {
		var err error
		if dir, err = eval.FindShared("."); err != nil {
			return fmt.Errorf("%w: the evaluation data was not found; give --data DIR (%v)", errUsage, err)
		}
	}
	sys, err := eval.Pipeline()
	if err != nil {
		return err
	}
	figs, err := eval.Run(ctx, dir, sys)
	if err != nil {
		e.log.Warn("some sets could not be scored", "err", err)
	}
	eval.Print(e.stdout, figs)
	if *seed {
		_, checks, err := eval.Seed(dir+"/seed", sys)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout)
		for _, c := range checks {
			mark := "ok  "
			if !c.OK {
				mark = "FAIL"
			}
			fmt.Fprintf(e.stdout, "%s %s  %s\n", mark, c.Name, c.Detail)
		}
	}
	if *check {
		floors, err := eval.DefaultFloors()
		if err != nil {
			return err
		}
		if below := floors.Check(figs, 1); len(below) > 0 {
			for _, b := range below {
				fmt.Fprintln(e.stderr, b)
			}
			return fmt.Errorf("%d figures below their floors", len(below))
		}
	}
	return nil
}
