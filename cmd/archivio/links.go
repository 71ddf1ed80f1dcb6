package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
	"archivio/internal/jobs"
	"archivio/internal/setup"
)

const linksUsage = `
Usage: archivio links [--data DIR] [--state up|suspect|down] [--format table|csv|jsonl|json]
       archivio links check [--data DIR] [--allow-private] [--timeout D] [--fail-threshold N]
                            [--fail-window D] [--recover-threshold N] [--parallel N] [--exit-zero]
                            [--format table|json]

"archivio links" lists every link the stored records carry (their Link
field, URLs in free text, images, documents), one row per link: url, state
(up, suspect, down), verdict of the last check, record_ids and fields citing
it, declared_gone (the record's own text says the site is gone),
last_checked, last_ok, last_good_capture (archivio's own latest good copy)
and redirect_chain.
With store: postgres in archivio.yaml it reads the shared PostgreSQL
catalog instead of DIR's, and "archivio links check" is this node's part
of a run shared by every node checking at the same time (it joins the
running run or starts one; --host-delay paces each host over all nodes).

"archivio links check" checks every link once: HEAD, then GET when HEAD is
refused or the page must be read; redirects followed (up to 10) and kept;
every answer archived as WARC evidence. Each check gets a verdict: ok,
redirect, redirect_home, gone, server_error, dns_not_found, dns_error,
refused, timeout, tls_error, soft_404, parked, blocked, unsafe_address.
A link is down after --fail-threshold failing checks in a row spanning at
least --fail-window, and up again after --recover-threshold good checks in a
row; each of those transitions raises one alert (see archivio alerts).
Links come from records and are untrusted: loopback, private and other
non-public addresses are refused (unsafe_address) unless --allow-private.

"archivio links check" exits with status 0 when every link works, 3 when
links are down or failing their checks (suspect), so that scripts and CI
notice; --exit-zero makes that 0 too. An error is 1, a usage error 2.

For each live record website (a Link field), the page and its same-site
pages are archived to --snapshot-depth links (default 1), politely, so that
when the site vanishes archivio still has its own copy (last_good_capture).
With --wayback (or $ARCHIVIO_WAYBACK_ENDPOINT) down alerts also name the
latest Wayback Machine copy; off by default.

Settings come from the flags, else the environment, else archivio.yaml's
links section (see archivio config show links check). Alerts go to the
log, to DIR/alerts.atom (unless alerts.atom is false), to a webhook when
alerts.webhook.url or $ARCHIVIO_WEBHOOK_URL is set (signed in
X-Archivio-Signature with the secret in $ARCHIVIO_WEBHOOK_SECRET, or in the
variable secret_env names), and by e-mail when alerts.smtp (or
$ARCHIVIO_SMTP_HOST, _FROM and _TO; _PORT, _USERNAME optional) is set, with
the password in $ARCHIVIO_SMTP_PASSWORD or the variable password_env names.

Examples:
  archivio links check
  archivio links --state down
  archivio links --format csv > links.csv
  archivio links check --fail-threshold 1 --fail-window 0 --data ./archivio-demo --allow-private
`

func runLinks(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "check" {
		return runLinksCheck(ctx, e, args[1:])
	}
	fs := newFlagSet(e, "links", linksUsage)
	sf := newSettingFlags(fs)
	sf.data()
	state := fs.String("state", "", "only links in this state: up, suspect or down")
	of := formatFlag(fs, "output", formatTable, formatCSV, formatJSONL, formatJSON)
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	s, err := e.settings(sf)
	if err != nil {
		return err
	}
	switch *state {
	case "", archive.StateUp, archive.StateSuspect, archive.StateDown:
	default:
		return fmt.Errorf("%w: --state must be up, suspect or down", errUsage)
	}
	format, err := of.get()
	if err != nil {
		return err
	}
	st, err := openLinks(ctx, s)
	if err != nil {
		return err
	}
	defer st.Close()
	links, err := st.Links(ctx, *state, false)
	if err != nil {
		return err
	}
	rows := make([]linkRow, 0, len(links))
	for _, l := range links {
		rows = append(rows, newLinkRow(ctx, st, l))
	}
	return writeLinks(e.stdout, format, rows)
}

// linkRow is a link as "archivio links" prints it.
type linkRow struct {
	URL             string          `json:"url"`
	State           string          `json:"state"`
	Verdict         string          `json:"verdict"`
	RecordIDs       []int           `json:"record_ids"`
	Fields          []string        `json:"fields"`
	DeclaredGone    bool            `json:"declared_gone"`
	Active          bool            `json:"active"`
	LastChecked     *time.Time      `json:"last_checked"`
	LastOK          *time.Time      `json:"last_ok"`
	LastGoodCapture *alerts.Capture `json:"last_good_capture"`
	RedirectChain   json.RawMessage `json:"redirect_chain"`
}

func newLinkRow(ctx context.Context, st interface {
	Capture(ctx context.Context, id int64) (*archive.Capture, error)
}, l archive.Link) linkRow {
	r := linkRow{URL: l.URL, State: l.State, Verdict: l.Verdict, RecordIDs: l.RecordIDs, Fields: l.Fields,
		DeclaredGone: l.DeclaredGone, Active: l.Active, LastChecked: timeOrNil(l.LastChecked), LastOK: timeOrNil(l.LastOK),
		RedirectChain: l.RedirectChain}
	r.LastGoodCapture = jobs.CaptureRef(ctx, st, l.LastGoodCapture)
	return r
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func writeLinks(w io.Writer, format string, rows []linkRow) error {
	switch format {
	case formatJSONL, formatJSON:
		out := newObjectWriter(w, format)
		for _, r := range rows {
			if err := out.Write(r); err != nil {
				return err
			}
		}
		return out.Close()
	case formatCSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"url", "state", "verdict", "record_ids", "fields", "declared_gone", "active", "last_checked", "last_ok", "last_good_capture", "redirect_chain"})
		for _, r := range rows {
			cw.Write([]string{r.URL, r.State, r.Verdict, joinInts(r.RecordIDs, ";"), strings.Join(r.Fields, ";"),
				strconv.FormatBool(r.DeclaredGone), strconv.FormatBool(r.Active), fmtTimePtr(r.LastChecked), fmtTimePtr(r.LastOK),
				captureText(r.LastGoodCapture), string(r.RedirectChain)})
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATE\tVERDICT\tURL\tRECORDS\tFIELDS\tDECLARED GONE\tLAST CHECKED\tLAST GOOD CAPTURE")
	for _, r := range rows {
		gone := ""
		if r.DeclaredGone {
			gone = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.State, orDash(r.Verdict), clip(r.URL, 70), joinInts(r.RecordIDs, ","),
			strings.Join(r.Fields, ","), gone, orDash(fmtTimePtr(r.LastChecked)), orDash(captureText(r.LastGoodCapture)))
	}
	return tw.Flush()
}

func joinInts(ns []int, sep string) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, sep)
}

func fmtTimePtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func captureText(c *alerts.Capture) string {
	if c == nil {
		return ""
	}
	return fmt.Sprintf("%s %s@%d", c.At.UTC().Format(time.RFC3339), c.WARCFile, c.Offset)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func runLinksCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "links check", linksUsage)
	sf := newSettingFlags(fs)
	sf.data()
	sf.boolean("allow-private", "allow_private", "allow loopback and private addresses (tests, the demo)")
	sf.duration("timeout", "links.timeout", "`duration` the whole check of one link may take (redirects and probes included)")
	sf.integer("fail-threshold", "links.fail_threshold", "`N` failing checks in a row before a link is down")
	sf.duration("fail-window", "links.fail_window", "`duration` that the failing checks must span (0: no minimum)")
	sf.integer("recover-threshold", "links.recover_threshold", "`N` good checks in a row before a down link is up")
	sf.integer("parallel", "links.parallel", fmt.Sprintf("`N` links checked at once (at most %d on one host), 1 to %d", jobs.LinksPerHost, jobs.MaxLinksParallel))
	sf.duration("host-delay", "links.host_delay", "`duration` between two checks on one host over all nodes (store: postgres)")
	sf.integer("snapshot-depth", "links.snapshot_depth", "archive each live record website and its same-site pages `N` links deep (-1: none)")
	sf.str("wayback", "links.wayback", "Wayback Machine availability endpoint (e.g. https://archive.org/wayback/available): down alerts name the latest Wayback copy; off when empty")
	sf.str("contact", "contact", "URL or e-mail put in the User-Agent")
	of := formatFlag(fs, "the report", formatTable, formatJSON)
	exitZero := fs.Bool("exit-zero", false, fmt.Sprintf("exit 0 when links are down or failing (otherwise exit status %d)", exitLinksFailing))
	var lf logFlags
	lf.register(fs)
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	s, err := e.settings(sf)
	if err != nil {
		return err
	}
	format, err := of.get()
	if err != nil {
		return err
	}
	if s.Store != "postgres" {
		if err := requireArchive(s.Data); err != nil {
			return err
		}
	}
	log, err := lf.logger(e.stderr)
	if err != nil {
		return err
	}
	cfg := setup.LinkCheck(&s.Config, buildVersion())
	var n *node // this machine as a node of the shared catalog (store: postgres)
	if s.Store == "postgres" {
		if n, err = openNode(ctx, s); err != nil {
			return err
		}
		defer n.close()
		cfg.Sinks, err = setup.SharedSinks(ctx, s, log, n.st)
	} else {
		cfg.Sinks, err = setup.Sinks(ctx, s, log)
	}
	if err != nil {
		return err
	}
	if n != nil {
		// What a killed node stored and did not deliver goes out first
		// (on one machine, the run's harness sends it).
		if _, err := jobs.DeliverPending(ctx, n.st, cfg.Sinks, log); err != nil {
			return err
		}
	}
	cfg.Logger = log
	if e.network != nil {
		cfg.Transport = e.network
		if cfg.Wayback != nil {
			cfg.Wayback.HTTP = &http.Client{Transport: e.network, Timeout: 10 * time.Second}
		}
	}
	var rep *jobs.LinksReport
	if n != nil {
		rep, err = n.checkLinks(ctx, cfg)
	} else {
		rep, err = jobs.CheckLinks(ctx, cfg)
	}
	if rep != nil && format == formatJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if werr := enc.Encode(rep); werr != nil && err == nil {
			err = werr
		}
	} else if rep != nil {
		printLinksReport(e.stdout, rep)
	}
	if err != nil {
		return err
	}
	return linksFailing(rep, *exitZero)
}

// linksFailing is the error of a check that leaves links down or failing
// (suspect), nil when every link works or with --exit-zero.
func linksFailing(rep *jobs.LinksReport, exitZero bool) error {
	down, suspect := rep.States[archive.StateDown], rep.States[archive.StateSuspect]
	if exitZero || down+suspect == 0 {
		return nil
	}
	return fmt.Errorf("%w: %d down, %d failing but not yet down (exit status %d; --exit-zero to exit 0)",
		errLinksFailing, down, suspect, exitLinksFailing)
}

func printLinksReport(w io.Writer, r *jobs.LinksReport) {
	var v, s []string
	for _, k := range sortedCounts(r.Verdicts) {
		v = append(v, fmt.Sprintf("%s %d", k, r.Verdicts[k]))
	}
	for _, k := range sortedCounts(r.States) {
		s = append(s, fmt.Sprintf("%s %d", k, r.States[k]))
	}
	fmt.Fprintf(w, "Checked %d links in %.1fs (%d pages of live record websites archived)\n  verdicts  %s\n  states    %s\n  alerts    %d\n",
		r.Checked, r.Seconds, r.Snapshots, orDash(strings.Join(v, ", ")), orDash(strings.Join(s, ", ")), len(r.Alerts))
	for _, a := range r.Alerts {
		fmt.Fprintf(w, "    %s %s (%s) since %s\n", strings.ToUpper(a.Kind), a.URL, a.Verdict, a.Since.UTC().Format(time.RFC3339))
	}
	for _, u := range r.Undeliver {
		fmt.Fprintf(w, "  not delivered: %s\n", u)
	}
	if run := r.Run; run != nil {
		how := "started it"
		if run.Joined {
			how = "joined it"
		}
		t := run.Tally
		failed := 0
		for _, n := range t.Failed {
			failed += n
		}
		fmt.Fprintf(w, "  run       %d, shared by the nodes (node %s %s): %d of %d links checked, %d failed unchecked, %d queued\n",
			run.ID, run.Node, how, t.Checked, t.Links, failed, t.Unsettled)
		if run.FinishedHere {
			fmt.Fprintf(w, "  finished  by this node: every link of the run checked once or failed with a reason\n")
		}
		for _, p := range t.Incomplete {
			fmt.Fprintf(w, "  INCOMPLETE %s\n", p)
		}
	}
}

func sortedCounts(m map[string]int) []string {
	return slices.Sorted(maps.Keys(m))
}
