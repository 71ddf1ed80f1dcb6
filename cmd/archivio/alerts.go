package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"archivio/internal/jobs"
)

const alertsUsage = `
Usage: archivio alerts [--data DIR] [--format table|jsonl|json]

Lists every alert, oldest first. Those raised by "archivio links check":
kind (down: a source went offline, confirmed over several checks; up: it
came back), url, verdict of the check that decided, record_ids (and
titles) of the records citing it, since (when the new state began),
last_good_capture (archivio's own latest good copy) and at (when the alert
was raised). Those raised by crawls: kind drift (a source's record pages no
longer read as in its last healthy crawl: pages unreadable, a common field
no longer found, a new unknown label) or recovered (they read again), with
the source, what changed, the counts and example pages with their captures
(in jsonl and json: "drift"). The same alerts are in DIR/alerts.atom as
an Atom feed.

Each alert's delivery through the sinks: delivered; pending (stored, not
delivered yet: sent at the next start of a command that delivers alerts,
of the daemon or of a node); failed N/3, to be retried (at that next
start, or by a running daemon every alerts.retry_every); failed
after 3 attempts (given up); none (stored with no sinks); unknown (stored
by an older archivio). In jsonl and json: "delivery" with its state,
attempts and the last attempt's outcome.

With store: postgres in archivio.yaml it reads the shared PostgreSQL
catalog instead of DIR's.

Examples:
  archivio alerts
  archivio alerts --format jsonl --data ./archivio-demo
`

func runAlerts(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "alerts", alertsUsage)
	sf := newSettingFlags(fs)
	sf.data()
	of := formatFlag(fs, "output", formatTable, formatJSONL, formatJSON)
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	settings, err := e.settings(sf)
	if err != nil {
		return err
	}
	format, err := of.get()
	if err != nil {
		return err
	}
	st, err := openAlerts(ctx, settings)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := jobs.StoredAlertsWithDelivery(ctx, st)
	if err != nil {
		return err
	}
	if format != formatTable {
		out := newObjectWriter(e.stdout, format)
		for _, a := range list {
			if err := out.Write(a); err != nil {
				return err
			}
		}
		return out.Close()
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "AT\tKIND\tURL\tVERDICT\tRECORDS\tSINCE\tLAST GOOD CAPTURE\tDELIVERY")
	for _, a := range list {
		var recs []string
		for _, r := range a.Records {
			recs = append(recs, fmt.Sprintf("%d %s", r.ID, clip(r.Title, 40)))
		}
		if d := a.Drift; d != nil {
			recs = []string{fmt.Sprintf("source %s, crawl %d: %d record pages, %d unreadable", d.Source, d.CrawlID, d.RecordPages, d.Unreadable)}
			for _, f := range d.Findings {
				recs = append(recs, clip(f.Summary, 80))
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.At.UTC().Format(time.RFC3339), a.Kind, clip(a.URL, 60), a.Verdict,
			orDash(strings.Join(recs, "; ")), a.Since.UTC().Format(time.RFC3339), orDash(captureText(a.LastGoodCapture)),
			clip(a.Delivery.String(), 80))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%d alerts\n", len(list))
	return nil
}
