package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"archivio/internal/alerts"
	"archivio/internal/config"
	"archivio/internal/daemon"
)

const runUsage = `
Usage: archivio run [--config PATH]

Runs archivio as a daemon from its configuration file (--config, else
$ARCHIVIO_CONFIG, else ./archivio.yaml; "archivio config init" writes a
commented one): each source's crawl and the link checks on their cron
schedules (in the configured time zone, Europe/Rome by default), each run
with a timeout, panic recovery, a little jitter, skipped while its previous
run is still going, and never overlapping another job. A job missed while
the daemon was down runs once at start (catch_up). An interrupted crawl
continues at its next run.

HTTP on "listen" (default 127.0.0.1:8089): /healthz, /metrics (Prometheus),
/status (JSON: jobs with last and next run, results, counts, links down) and
/feed.atom (the alerts).

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
	path := fs.String("config", "", "configuration file (default $ARCHIVIO_CONFIG or ./archivio.yaml)")
	var lf logFlags
	lf.register(fs)
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	file := config.PathFrom(*path, e.env)
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("run: no configuration at %s (write one with: archivio config init --config %s)", file, file)
	}
	cfg, err := config.Load(file)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return errReported
	}
	log, err := lf.logger(e.stderr)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.Data, 0o755); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	sinks, err := configSinks(e, cfg, log)
	if err != nil {
		return err
	}
	err = daemon.Run(ctx, cfg, daemon.Options{
		Version: buildVersion(), UserAgent: userAgent(cfg.Contact), Logger: log, Sinks: sinks, Jitter: 30 * time.Second,
	})
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// configSinks builds the alert sinks the configuration names; secrets come
// from the environment variables it names.
func configSinks(e *env, cfg *config.Config, log *slog.Logger) (alerts.Sink, error) {
	sinks := alerts.Multi{alerts.NewLog(log)}
	if cfg.Alerts.Atom == nil || *cfg.Alerts.Atom {
		abs, err := filepath.Abs(cfg.Data)
		if err != nil {
			return nil, err
		}
		atom, err := alerts.NewAtom(alerts.AtomOptions{Path: filepath.Join(cfg.Data, "alerts.atom"), Title: "archivio: sources down and back up", FeedID: "urn:archivio:alerts:" + abs})
		if err != nil {
			return nil, err
		}
		sinks = append(sinks, atom)
	}
	if w := cfg.Alerts.Webhook; w.URL != "" {
		hook, err := alerts.NewWebhook(alerts.WebhookOptions{URL: w.URL, Secret: e.env(w.SecretEnv)})
		if err != nil {
			return nil, fmt.Errorf("webhook: %w", err)
		}
		sinks = append(sinks, hook)
	}
	if m := cfg.Alerts.SMTP; m.Host != "" {
		mail, err := alerts.NewSMTP(alerts.SMTPOptions{Host: m.Host, Port: m.Port, From: m.From, To: m.To,
			Username: m.Username, Password: e.env(m.PasswordEnv)})
		if err != nil {
			return nil, fmt.Errorf("e-mail: %w", err)
		}
		sinks = append(sinks, mail)
	}
	return sinks, nil
}
