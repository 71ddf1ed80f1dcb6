package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"archivio/archive"
	"archivio/internal/cluster"
	"archivio/internal/config"
	"archivio/internal/daemon"
	"archivio/internal/serve"
	"archivio/internal/setup"
)

const runUsage = `
Usage: archivio run [--config PATH] [--node NAME]

Runs archivio as a daemon from its configuration file (--config, else
$ARCHIVIO_CONFIG, else ./archivio.yaml; "archivio config init" writes a
commented one), with the environment's settings over the file's (see
archivio config show): each source's crawl and the link checks on their cron
schedules (in the configured time zone, Europe/Rome by default), each run
with a timeout, panic recovery, a little jitter, skipped while its previous
run is still going, and never overlapping another job. A job missed while
the daemon was down runs once at start (catch_up), and so does a job that
has never run (a new archive). An interrupted crawl continues at its next
run. With --log-format json, durations are in seconds.

HTTP on "listen" (default 127.0.0.1:8089): /healthz, /metrics (Prometheus),
/status (JSON: jobs with last and next run, results, counts, links down) and
/feed.atom (the alerts).

With store: postgres in archivio.yaml, the daemon is one node (--node,
$ARCHIVIO_NODE or postgres.node) of the machines sharing the catalog: each
source's crawl is this node's part of the shared crawl, /status has a
"cluster" part (nodes, leases, hosts, WARC files not stored yet) and
/metrics the archivio_cluster_* gauges; the link checks run on their
schedule on the shared catalog's links (a turn joins the run the other
nodes are making, or starts one; a turn that comes after their run of the
same turn ended skips it), their alerts recorded in the shared catalog and
delivered by this node's sinks; a crawl this node finishes is judged for
drift by it; /feed.atom lists the shared catalog's alerts.

One daemon per data directory: a second one exits at once, naming the
process that holds it. SIGTERM or SIGINT stops scheduling, lets jobs in
flight finish within shutdown_wait (default 20s) or cancels them, closes
the WARC files, commits the database and exits 0.

Examples:
  archivio config init && archivio config check && archivio run
  ARCHIVIO_CONFIG=/etc/archivio/archivio.yaml archivio run
`

func runDaemon(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "run", runUsage)
	sf := newSettingFlags(fs)
	sf.node()
	var lf logFlags
	lf.register(fs)
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	file := config.PathFrom(sf.configPath, e.env)
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("run: no configuration at %s (write one with: archivio config init --config %s)", file, file)
	}
	s, err := e.settings(sf)
	if err != nil {
		return err
	}
	log, err := lf.logger(e.stderr)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.Data, 0o755); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	opts := daemon.Options{Version: buildVersion(), Logger: log, Jitter: 30 * time.Second}
	if s.Store == "postgres" {
		n, err := openNode(ctx, s)
		if err != nil {
			return err
		}
		defer n.close()
		if opts.Sinks, err = setup.SharedSinks(ctx, s, log, n.st); err != nil {
			return err
		}
		opts.Shared = &daemon.Shared{Store: n.st, LeaseTTL: s.Postgres.LeaseTTL.D(),
			Crawl: func(ctx context.Context, source string) (*cluster.Report, error) {
				cfg := setup.Crawl(&s.Config, source, buildVersion())
				cfg.Transport, cfg.Sinks = e.network, opts.Sinks
				return n.crawl(ctx, cfg, log)
			},
			CheckLinks: n.checkLinks,
		}
	} else if opts.Sinks, err = setup.Sinks(ctx, s, log); err != nil {
		return err
	}
	wait, err := daemonInterface(ctx, s, log, &opts)
	if err != nil {
		return err
	}
	err = daemon.Run(ctx, &s.Config, opts)
	if werr := wait(); err == nil {
		err = werr
	}
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// daemonInterface serves the web interface from the daemon when
// archivio.yaml has a serve: key: on the daemon's listener when
// serve.listen is its address, else on its own, until ctx ends. wait
// waits for its server and closes the archive it reads.
func daemonInterface(ctx context.Context, s *config.Settings, log *slog.Logger, opts *daemon.Options) (wait func() error, err error) {
	nothing := func() error { return nil }
	if s.Serve.Enabled == nil || !*s.Serve.Enabled {
		return nothing, nil
	}
	if err := serve.CheckListen(s.Serve.Listen, s.ServeToken.Value != ""); err != nil {
		return nil, fmt.Errorf("run: serve.listen %s is not a loopback address: set a token in $%s: %w", s.Serve.Listen, s.ServeToken.Env, err)
	}
	// The interface reads the archive read-only; a new data directory is
	// made (and migrated) first.
	st, err := archive.Open(ctx, s.Data)
	if err != nil {
		return nil, err
	}
	st.Close()
	if st, err = archive.OpenReadOnly(ctx, s.Data); err != nil {
		return nil, err
	}
	srv, err := serve.New(serve.Options{Archive: st, DataDir: s.Data, Token: s.ServeToken.Value, Version: buildVersion(), Logger: log})
	if err != nil {
		st.Close()
		return nil, err
	}
	if s.Serve.Listen == s.Listen {
		opts.Interface = srv.Handler()
		return func() error { return st.Close() }, nil
	}
	done := make(chan error, 1)
	go func() {
		err := srv.ListenAndServe(ctx, s.Serve.Listen, func(addr string) { log.Info("web interface", "listen", addr) })
		if err != nil {
			log.Error("web interface stopped", "err", err)
		}
		done <- err
	}()
	return func() error {
		err := <-done
		st.Close()
		return err
	}, nil
}
