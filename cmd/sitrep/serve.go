package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/api"
)

func init() {
	register(command{name: "serve", summary: "serve stored events over HTTP", run: runServe})
}

const serveAbout = `
Serves what is stored: a page at / and the events as JSON at /api/events,
until interrupted.`

func runServe(ctx context.Context, e *env, args []string) error {
	fs := flags(e, "serve", "[--db PATH] [--addr HOST:PORT]", serveAbout)
	db := dbFlag(fs)
	addr := addrFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	return serve(ctx, e, store, *addr)
}

// serve answers HTTP on addr until ctx is done, then shuts down gracefully.
func serve(ctx context.Context, e *env, store sitrep.Store, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           api.New(store, e.log),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	e.log.Info("serving", "url", "http://"+ln.Addr().String()+"/")
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	e.log.Info("stopped")
	return nil
}
