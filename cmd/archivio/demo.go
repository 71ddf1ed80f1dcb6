package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/internal/alerts"
	"archivio/internal/config"
	"archivio/internal/demo/demosite"
	"archivio/internal/demo/vnet"
	"archivio/internal/jobs"
	"archivio/internal/setup"
	"archivio/parsers"
)

const demoUsage = `
Usage: archivio demo [--data DIR] [--delay D] [--parallel N]

Shows archivio at work without the internet: it starts the embedded demo
site, a replica of the Osservatorio Partecipazione built from 18 real
public records (home page, listing pages with pagination, process pages in
four different layouts, a robots.txt that forbids a folder, a sitemap),
reachable as https://www.osservatoriopartecipazione.it only through a
virtual internet on this machine's loopback. It then crawls it exactly as
"archivio crawl" crawls the real site, and prints the crawl report, where
the files are, and what to try next.

Run it twice: the second crawl asks conditionally, every page answers 304
Not Modified, and no record gets a new version.

Examples:
  archivio demo
  archivio demo --data /tmp/archivio-demo
`

// demoHost is the observatory's host name, served by the demo site on the
// virtual internet.
const demoHost = "www.osservatoriopartecipazione.it"

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "demo", demoUsage)
	sf := newSettingFlags(fs)
	data := fs.String("data", "./archivio-demo", "data directory of the demo archive (never the configured one)")
	delay, parallel := 50*time.Millisecond, 2
	fs.Var(durationFlag{v: &delay, key: "sources.*.delay"}, "delay", "pause of `duration` between requests (the real crawl's default is 1s; the demo site is local)")
	fs.Var(intFlag{v: &parallel, key: "sources.*.parallel"}, "parallel", fmt.Sprintf("`N` concurrent requests, 1 to %d", crawlers.MaxParallel))
	var lf logFlags
	lf.register(fs)
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	// The demo takes its alert sinks and drift thresholds from the
	// settings; its data directory, site and pace are its own.
	s, err := e.settings(sf, config.Flag{Name: "--data", Key: "data", Value: *data})
	if err != nil {
		return err
	}
	site, err := demosite.New(demosite.Options{Host: demoHost})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	inet := vnet.New()
	defer inet.Close()
	if err := inet.Handle(demoHost, site.Handler()); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := setUpDemoLinks(site, inet); err != nil {
		return err
	}
	transport := inet.Transport()
	// The same settings as a real crawl's network: HTTP/1.1, bodies kept
	// as received.
	transport.ForceAttemptHTTP2 = false
	transport.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	transport.DisableCompression = true

	fmt.Fprintf(e.stdout, "archivio demo: a replica of the Osservatorio Partecipazione (%d public records) is served as\n"+
		"https://%s on a virtual internet on loopback; nothing leaves this machine.\n"+
		"Crawling it politely (robots.txt, %v between requests, %d at a time)...\n\n", len(site.IDs()), demoHost, delay, parallel)

	cfg := jobs.Config{
		DataDir: *data, Source: "osservatorio", BaseURL: "https://" + demoHost, UserAgent: setup.UserAgent(buildVersion(), "demo"),
		Parallel: parallel, Delay: delay, Timeout: 10 * time.Second, Transport: transport,
		Software: setup.Software(buildVersion()), Drift: setup.Drift(s.Drift),
	}
	rep, err := crawlWithUI(ctx, e, &lf, cfg, s)
	if rep != nil {
		printReport(e.stdout, rep)
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errReported
		}
		return err
	}
	if site.Hits("/admin/login") > 0 {
		return errors.New("demo: the crawl requested a URL robots.txt forbids")
	}
	if err := showRecord141(ctx, e, *data); err != nil {
		return err
	}
	if err := demoLinkChecks(ctx, e, &lf, s, transport); err != nil {
		return err
	}
	again := ""
	if *data != "./archivio-demo" {
		again = " --data " + *data
	}
	fmt.Fprintf(e.stdout, `
What to try next:
  go run ./cmd/archivio records --data %[1]s
      the records, latest version of each
  go run ./cmd/archivio records --data %[1]s --id 141 --format jsonl
      one record with its provenance: capture, WARC file and offset, parser version
  go run ./cmd/archivio demo%[2]s
      crawl again: conditional requests, 304 Not Modified, no new versions
  go run ./cmd/archivio reparse --data %[1]s
      read the archived pages again with the parser, no network
  go run ./cmd/archivio links --data %[1]s
      every link the records carry, with its state and last verdict
  go run ./cmd/archivio alerts --data %[1]s --format jsonl
      the alerts; the same are in %[1]s/alerts.atom
  npx warcio index %[1]s/warc/*.warc.gz
      read the WARC files with an independent reader

Open the web interface on the demo archive (records, history, source health,
alerts, crawls, the archived pages replayed in a sandbox):
  go run ./cmd/archivio serve --data %[1]s
      then http://127.0.0.1:8090/ in a browser
`, *data, again)
	return nil
}

// showRecord141 prints the record whose project site is gone, as the
// archive now holds it.
func showRecord141(ctx context.Context, e *env, dir string) error {
	st, err := archive.Open(ctx, dir)
	if err != nil {
		return err
	}
	defer st.Close()
	vs, err := st.LatestVersions(ctx, 141)
	if err != nil || len(vs) == 0 {
		return fmt.Errorf("demo: record 141 was not stored: %v", err)
	}
	var r parsers.Record
	if err := json.Unmarshal(vs[0].Data, &r); err != nil {
		return fmt.Errorf("demo: record 141: %w", err)
	}
	c, err := st.Capture(ctx, vs[0].CaptureID)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nRecord 141, version %d, read from %s at offset %d (captured %s):\n",
		vs[0].Version, c.WARCFile, c.WARCOffset, c.FetchedAt.Format(time.RFC3339))
	fmt.Fprintf(e.stdout, "  %s\n  status %s, participation index %s, last modified %s\n",
		deref(r.Title), deref(r.Status), indexText(r.ParticipationIndex, r.ParticipationIndexMax), deref(r.LastModified))
	for _, l := range r.Links {
		if l.DeclaredGone {
			fmt.Fprintf(e.stdout, "  link %s (%s): the record itself says this site is gone\n", l.URL, l.Field)
		}
	}
	return nil
}

func indexText(v, m *int) string {
	if v == nil || m == nil {
		return "-"
	}
	return fmt.Sprintf("%d / %d", *v, *m)
}

// demoChecks are the demo's link-check thresholds: shorter than the real
// defaults (3 failing checks spanning 24 h to be down, 2 good ones to be up
// again) so that two checks a moment apart show an alert.
var demoThresholds = archive.Thresholds{FailThreshold: 2, FailWindow: 0, RecoverThreshold: 1}

// demoLinkChecks checks the links of the demo records twice and shows the
// alerts they raise.
func demoLinkChecks(ctx context.Context, e *env, lf *logFlags, s *config.Settings, transport http.RoundTripper) error {
	dir := s.Data
	fmt.Fprintf(e.stdout, "\nChecking every link the records carry, twice. Demo thresholds: a link is down after %d failing\n"+
		"checks in a row with no minimum span (the real default is 3 spanning 24 h).\n", demoThresholds.FailThreshold)
	log, err := lf.logger(io.Discard)
	if err != nil {
		return err
	}
	sinks, err := setup.Sinks(ctx, s, log)
	if err != nil {
		return err
	}
	var rep *jobs.LinksReport
	for range 2 {
		rep, err = jobs.CheckLinks(ctx, jobs.LinksConfig{
			DataDir: dir, UserAgent: setup.UserAgent(buildVersion(), "demo"), Timeout: 2 * time.Second, Thresholds: demoThresholds,
			AllowPrivate: true, Transport: transport, Software: setup.Software(buildVersion()), Sinks: sinks, Logger: log,
			SnapshotDelay: 50 * time.Millisecond,
		})
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	printLinksReport(e.stdout, rep)
	st, err := archive.Open(ctx, dir)
	if err != nil {
		return err
	}
	defer st.Close()
	all, err := jobs.StoredAlerts(ctx, st)
	if err != nil {
		return err
	}
	for _, a := range all {
		if a.URL == "http://"+vanishedSite && a.Kind == "down" {
			fmt.Fprintf(e.stdout, "\nThe alert for record 141's vanished site:\n%s\n", indent(alerts.Describe(a), "  "))
			break
		}
	}
	return nil
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}
