package main

import (
	"context"
)

func init() {
	register(command{name: "run", summary: "ingest documents, then serve them: the main job", run: runRun})
}

const runAbout = `
The main job in one command: ingests the given files and folders (the repo's
examples/ folder, for a first look), extracts and stores their events, then
serves them at http://ADDR/ until interrupted.`

func runRun(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "run", "[--db PATH] [--addr HOST:PORT] [flags] [PATHS...]", runAbout)
	db := dbFlag(fs)
	addr := addrFlag(fs)
	var df docFlags
	df.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	opt, err := df.options()
	if err != nil {
		return err
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	if fs.NArg() > 0 {
		if _, err := ingestPaths(ctx, e, store, fs.Args(), opt); err != nil {
			return err
		}
	}
	return serve(ctx, e, store, *addr)
}
