package main

import (
	"context"
	"errors"
	"fmt"

	"archivio/archive"
	"archivio/internal/serve"
)

const serveUsage = `
Usage: archivio serve [--data DIR] [--listen ADDR] [--token-env NAME]

Serves the web interface over the archive, read-only: the records
(search, filters, sorting, pages; each record with every field under its
Italian label and English name, its links and their state, its
provenance and its history with field-by-field differences), the health
of the sources (every link with a timeline of its checks), the alerts,
the crawls with their reports, the archived pages replayed in a sandbox,
a Memento TimeGate and TimeMaps, citations, and downloads (exports of a
filtered listing, the Atom feed, a WACZ package). Server-rendered, no
JavaScript. It opens the archive read-only and changes nothing, beside a
running crawl or daemon too.

With store: postgres in archivio.yaml it shows the shared catalog, the
archived pages read by range from warc_storage.

It listens on loopback (127.0.0.1:8090) by default. Any other address
needs a token, read from the environment variable --token-env names
(default ARCHIVIO_SERVE_TOKEN): a bearer token or the password of basic
authentication; without one it refuses to start.

Examples:
  archivio serve --data ./archivio-demo
  ARCHIVIO_SERVE_TOKEN=a-long-random-secret archivio serve --listen 0.0.0.0:8090
`

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", serveUsage)
	sf := newSettingFlags(fs)
	sf.data()
	sf.str("listen", "serve.listen", "`ADDR` (host:port) to listen on")
	sf.str("token-env", "serve.token_env", "the environment variable `NAME` holding the token an address that is not loopback needs")
	var lf logFlags
	lf.register(fs)
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	s, err := e.settings(sf)
	if err != nil {
		return err
	}
	log, err := lf.logger(e.stderr)
	if err != nil {
		return err
	}
	if err := serve.CheckListen(s.Serve.Listen, s.ServeToken.Value != ""); err != nil {
		if errors.Is(err, serve.ErrNeedsToken) {
			return fmt.Errorf("%w: %s is not a loopback address: set a token in $%s (or name another variable with --token-env)",
				errUsage, s.Serve.Listen, s.ServeToken.Env)
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	o := serve.Options{DataDir: s.Data, Token: s.ServeToken.Value, Version: buildVersion(), Logger: log}
	what := "the archive in " + s.Data
	if s.Store == "postgres" {
		st, err := sharedCatalog(ctx, s)
		if err != nil {
			return err
		}
		defer st.Close()
		o.Archive, o.DataDir, what = st, "", "the shared PostgreSQL catalog"
	} else {
		if err := requireArchive(s.Data); err != nil {
			return err
		}
		st, err := archive.OpenReadOnly(ctx, s.Data)
		if err != nil {
			return err
		}
		defer st.Close()
		o.Archive = st
	}
	srv, err := serve.New(o)
	if err != nil {
		return err
	}
	err = srv.ListenAndServe(ctx, s.Serve.Listen, func(addr string) {
		fmt.Fprintf(e.stdout, "archivio serve: http://%s/ (%s, read-only; Ctrl-C stops)\n", addr, what)
	})
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
