package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/internal/config"
	"archivio/internal/jobs"
	"archivio/internal/setup"
)

const crawlUsage = `
Usage: archivio crawl [SOURCE] [--data DIR] [--base-url URL] [--parallel N] [--delay D]
                      [--max-pages N] [--ids FROM-TO] [--resume] [--allow-private] [--node NAME]
                      [--format table|json]

Crawls a source politely and archives every HTTP exchange (robots.txt,
sitemaps, redirects, errors, pages) as WARC/1.1 evidence under DIR/warc,
with the catalog of captures and the parsed records in DIR/archivio.db.

SOURCE is "osservatorio" (the default): https://www.osservatoriopartecipazione.it,
or any source of the configuration file (--config, $ARCHIVIO_CONFIG or
./archivio.yaml): a "site" source crawls municipal pages from its seeds,
within its hosts, path prefixes and depth, and adds their links to other
sites to the link inventory. The source is crawled as "archivio run"
crawls it: its delay and parallel requests, the file's contact and
allow_private, unless the environment or a flag says otherwise (see
archivio config show crawl SOURCE).
The crawl reads robots.txt (and obeys it, Crawl-delay included), the
sitemaps, the home page and the listing pages, and every process page they
lead to, each record once whatever URL shape links to it. Requests are
conditional when the page was captured before, so an unchanged page costs a
304. A record whose content changed gets a new version naming the changed
fields. A record page the parser cannot read is kept as a parse failure
(archivio records lists it, archivio reparse reads it again), and the
report's parse health compares the pages read with the previous crawl.

Every fetch is a line of DIR/logs/crawl-ID.log, in the manner of Heritrix's
crawl.log (time, status, size, URL, discovery path, via, type, fetch time
and duration, digest, source, annotations such as retries and cut bodies),
and so is every URL not fetched (robots.txt, --max-pages) with its reason.

Every record the archive already holds is asked for again, linked or not:
one the site no longer serves is reported missing with its answer (404,
410) or error. --ids tries at most %d ids per crawl.

A crawl is done only when every URL it queued is settled: fetched, failed
(with the reason) or excluded (robots.txt, --max-pages); otherwise it
fails, and --resume finishes it. Ctrl-C stops cleanly (WARC closed, catalog
committed, report printed); after a crash or kill, --resume continues the
interrupted crawl without fetching again what it had captured.

With store: postgres in archivio.yaml (see "Several machines" in the
README), this machine is one node (--node, $ARCHIVIO_NODE or
postgres.node; default the host name) of a crawl shared with the other
machines of the same configuration: it joins the source's running crawl
or starts it, fetches what it claims from the shared frontier, stores the
records in the shared catalog and ships its WARC files to warc_storage;
the report is this node's part and the whole crawl's state; --max-pages is
the crawl's budget over all nodes, set by the node that starts it. A site
source's crawl is shared the same way: nodes take its pages one depth
after the other, so that they archive the pages, links and exclusions
(scope, robots.txt, depth) one machine's crawl would.

Examples:
  archivio crawl
  archivio crawl osservatorio --ids 1-4000 --delay 2s
  archivio crawl --base-url http://127.0.0.1:8080 --allow-private --delay 0 --data /tmp/mirror
  archivio crawl --resume
  archivio crawl --report json > report.json

The report goes to stdout: --format table (the default) for people, or
json, the report stored with the crawl; --report json says the same.
`

func runCrawl(ctx context.Context, e *env, args []string) error {
	source := "osservatorio"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		source, args = args[0], args[1:]
	}
	fs := newFlagSet(e, "crawl", fmt.Sprintf(crawlUsage, crawlers.MaxIDs))
	sf := newSettingFlags(fs)
	sf.data()
	baseURL := fs.String("base-url", "", "crawl this address instead of the source's site (a mirror, a test server)")
	sf.integer("parallel", "sources.{source}.parallel", fmt.Sprintf("`N` concurrent requests to the site, 1 to %d", crawlers.MaxParallel))
	sf.duration("delay", "sources.{source}.delay", "pause of `duration` between requests, plus up to half again of jitter")
	maxPages := intVar(fs, "max-pages", 0, 0, math.MaxInt, "stop queuing after `N` pages (0: no limit)")
	ids := fs.String("ids", "", fmt.Sprintf("also try every record id in FROM-TO, e.g. 1-4000 (at most %d ids)", crawlers.MaxIDs))
	resume := fs.Bool("resume", false, "continue the last interrupted crawl of SOURCE")
	sf.boolean("allow-private", "allow_private", "allow loopback and private addresses (a local mirror, tests)")
	sf.str("contact", "contact", "URL or e-mail where site operators reach you, put in the User-Agent")
	sf.node()
	timeout := durationVar(fs, "timeout", 30*time.Second, time.Millisecond, "`duration` of each request attempt")
	maxBody := int64Var(fs, "max-body", 32<<20, 1, "cut response bodies after this many `bytes` (the cut is recorded)")
	warcSize := int64Var(fs, "warc-size", 1<<30, 1, "start a new WARC file after this many `bytes`")
	warcLevel := intVar(fs, "warc-compression", archive.DefaultWARCCompression, 1, 9, "gzip `level` of the WARC records: 1 fastest, 9 smallest")
	of := formatFlag(fs, "the report on stdout", formatTable, formatJSON)
	fs.StringVar(&of.value, "report", formatTable, "the same as --format")
	var lf logFlags
	lf.register(fs)
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("%w: crawl takes one SOURCE", errUsage)
	}
	format, err := of.get()
	if err != nil {
		return err
	}
	if fs.NArg() == 1 {
		source = fs.Arg(0)
	}
	from, to, err := parseIDRange(*ids)
	if err != nil {
		return fmt.Errorf("%w: --ids: %v", errUsage, err)
	}
	sf.source = source
	s, err := e.settings(sf)
	if err != nil {
		return err
	}
	cfg := setup.Crawl(&s.Config, source, buildVersion())
	if *baseURL != "" {
		cfg.BaseURL = *baseURL
	}
	cfg.MaxPages, cfg.FromID, cfg.ToID, cfg.Resume = *maxPages, from, to, *resume
	cfg.Timeout, cfg.MaxBody, cfg.WARCMaxSize, cfg.WARCCompression = *timeout, *maxBody, *warcSize, *warcLevel
	if e.network != nil {
		cfg.Transport = e.network
	}
	if s.Contact == "" {
		fmt.Fprintln(e.stderr, "archivio: tip: name a contact with --contact, $ARCHIVIO_CONTACT or contact: in archivio.yaml, so site operators can reach you")
	}
	if s.Store == "postgres" {
		rep, err := sharedCrawl(ctx, e, &lf, s, cfg)
		return reportShared(e, format, rep, err)
	}
	rep, err := crawlWithUI(ctx, e, &lf, cfg, s)
	if rep != nil && format == formatJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else if rep != nil {
		printReport(e.stdout, rep)
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(e.stdout, "\nInterrupted: everything fetched so far is archived. Continue with: archivio crawl --resume")
		return errReported
	}
	return err
}

// crawlWithUI runs a crawl with logs on stderr and, on a terminal, a live
// progress bar. Its alerts go to the sinks of s.
func crawlWithUI(ctx context.Context, e *env, lf *logFlags, cfg jobs.Config, s *config.Settings) (*jobs.Report, error) {
	// A crawl allocates per page and keeps little: collecting garbage half
	// as often buys about a tenth more speed for a few MB (see the README's
	// crawl benchmark).
	debug.SetGCPercent(200)
	var logOut io.Writer = e.stderr
	var bar *progressBar
	if !lf.quiet && isTerminal(e.stderr) && lf.format != "json" {
		bar = newProgressBar(e.stderr)
		defer bar.finish()
		logOut = bar
		cfg.Progress = bar.update
	}
	log, err := lf.logger(logOut)
	if err != nil {
		return nil, err
	}
	cfg.Logger = log
	if cfg.Sinks == nil {
		// Parse health alerts go where link alerts go.
		if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
			return nil, fmt.Errorf("crawl: %w", err)
		}
		if cfg.Sinks, err = setup.Sinks(ctx, s, log); err != nil {
			return nil, err
		}
	}
	if bar == nil && !lf.quiet {
		// No terminal: a plain progress line every ten seconds.
		var next time.Duration
		cfg.Progress = func(p jobs.Progress) {
			if p.Elapsed < next {
				return
			}
			next = p.Elapsed + 10*time.Second
			log.Info("progress", "pages", p.Fetched, "not_modified", p.NotModified,
				"queued", max(p.Queued-p.Fetched-p.NotModified-p.Errors, 0), "errors", p.Errors,
				"elapsed", p.Elapsed.Round(time.Second))
		}
	}
	return jobs.Crawl(ctx, cfg)
}

func parseIDRange(s string) (from, to int, err error) {
	if s == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, fmt.Errorf("want FROM-TO, got %q", s)
	}
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("want FROM-TO with 1 <= FROM <= TO, got %q", s)
	}
	if err := crawlers.CheckIDRange(from, to); err != nil {
		return 0, 0, err
	}
	return from, to, nil
}

// printReport writes a crawl report for people.
func printReport(w io.Writer, r *jobs.Report) {
	state := r.Status
	if r.Resumed {
		state += " (resumed)"
	}
	fmt.Fprintf(w, "Crawl %d of %s (%s): %s in %.1fs\n", r.CrawlID, r.Source, r.BaseURL, state, r.Seconds)
	fmt.Fprintf(w, "  pages fetched     %d (%d not modified, %d taken from the archive), %d responses archived, %s\n",
		r.PagesFetched, r.NotModified, r.FromArchive, r.Requests, byteSize(r.Bytes))
	fmt.Fprintf(w, "  records           %d new, %d changed, %d unchanged, %d missing, %d unreadable\n",
		r.RecordsNew, r.RecordsChanged, r.RecordsUnchanged, r.RecordsMissing, r.Unreadable)
	if len(r.MissingRecords) > 0 {
		var parts []string
		for _, m := range r.MissingRecords[:min(len(r.MissingRecords), 10)] {
			parts = append(parts, fmt.Sprintf("%d (%s)", m.ID, m.Reason))
		}
		if n := len(r.MissingRecords) - len(parts); n > 0 {
			parts = append(parts, fmt.Sprintf("and %d more (see the report in the catalog)", n))
		}
		fmt.Fprintf(w, "  missing           %s\n", strings.Join(parts, ", "))
	}
	printParseHealth(w, r.ParseHealth)
	if f := r.Frontier; f.URLs > 0 {
		fmt.Fprintf(w, "  URLs              %d queued: %d done, %d failed%s, %d excluded%s, %d unsettled\n",
			f.URLs, f.Done, sum(f.Failed), byReason(f.Failed), sum(f.Excluded), byReason(f.Excluded), f.Unsettled)
	}
	if r.RobotsBlocked > 0 {
		fmt.Fprintf(w, "  skipped           %d URLs forbidden by robots.txt\n", r.RobotsBlocked)
	}
	if c := r.Cuts; c != (archive.BodyCuts{}) {
		fmt.Fprintf(w, "  bodies cut        %d at the size limit, %d by the timeout, %d by dropped connections, %d by the stop (fetched again by --resume)\n",
			c.Length, c.Time, c.Disconnect, c.Interrupted)
	}
	if len(r.Errors) > 0 {
		kinds := make([]string, 0, len(r.Errors))
		for k := range r.Errors {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		var parts []string
		for _, k := range kinds {
			parts = append(parts, fmt.Sprintf("%s %d", k, r.Errors[k]))
		}
		fmt.Fprintf(w, "  errors            %s\n", strings.Join(parts, ", "))
	} else {
		fmt.Fprintf(w, "  errors            none\n")
	}
	for _, rp := range r.Repaired {
		if rp.Index {
			fmt.Fprintf(w, "  repaired          %s: its missing CDXJ index written (%d records)\n", rp.File, rp.Records)
			continue
		}
		fmt.Fprintf(w, "  repaired          %s: %d whole records kept, %d bytes of a cut record dropped\n", rp.File, rp.Records, rp.DroppedBytes)
	}
	if r.Error != "" {
		fmt.Fprintf(w, "  failure           %s\n", r.Error)
	}
	fmt.Fprintf(w, "  archive           %s\n  catalog           %s\n", r.WARCDir, r.Database)
	if r.CrawlLog != "" {
		fmt.Fprintf(w, "  crawl log         %s\n", r.CrawlLog)
	}
}

func sum(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

// byReason lists counts by reason, " (robots 2, max_pages 40)", or "".
func byReason(m map[string]int64) string {
	if len(m) == 0 {
		return ""
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
