package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"archivio/archive"
	"archivio/internal/daemon"
)

const statusUsage = `
Usage: archivio status [--data DIR] [--format table|json]

Shows what the archive holds, from the database, whether or not a daemon
runs: records, record pages kept as parse failures, captures, links by
state and those down, alerts, the last run of each source's crawl and of
the link checks, each source's parse health (healthy, or drift since when
and what broke; its latest crawl's record pages read and unreadable,
fields per record against the crawl before, unknown and near-miss labels),
and whether a daemon (or another archivio process) is writing the data
directory now.

With store: postgres in archivio.yaml it shows the shared archive: its
records and captures, the crawler nodes (alive or not, last heartbeat,
leases held), the leases on the shared frontier (live, or expired and
claimable again), each host's politeness state (next allowed fetch,
fetches in flight and the most at once, URLs queued, delay, blocked
until after a 429 or 503) and the WARC files not yet stored in
warc_storage (open, or waiting for their upload).

Examples:
  archivio status
  archivio status --data ./archivio-demo --format json
`

func runStatus(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "status", statusUsage)
	sf := newSettingFlags(fs)
	sf.data()
	of := formatFlag(fs, "output", formatTable, formatJSON)
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	settings, err := e.settings(sf)
	if err != nil {
		return err
	}
	data := &settings.Data
	format, err := of.get()
	if err != nil {
		return err
	}
	if settings.Store == "postgres" {
		return sharedStatus(ctx, e, settings, format)
	}
	if err := requireArchive(*data); err != nil {
		return err
	}
	running := "no archivio process is writing it"
	if holder, held := archive.LockHolder(*data); held {
		running = *data + " is held by " + holder
	}
	s, err := daemon.Summarize(ctx, *data)
	if err != nil {
		return err
	}
	if format == formatJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Writer string `json:"writer"`
			*daemon.Summary
		}{running, s})
	}
	fmt.Fprintf(e.stdout, "archive %s\n  writer     %s\n  records    %d (%d record pages unreadable, kept as parse failures)\n  captures   %d\n  links      %d up, %d suspect, %d down\n  alerts     %d\n",
		*data, running, s.Records, s.Unreadable, s.Captures, s.Links["up"], s.Links["suspect"], s.Links["down"], s.Alerts)
	for _, c := range s.Crawls {
		fin := "-"
		if !c.Finished.IsZero() {
			fin = c.Finished.Format(time.DateTime)
		}
		fmt.Fprintf(e.stdout, "  last run   %-14s %-11s started %s, finished %s\n", c.Source, c.Status, c.Started.Format(time.DateTime), fin)
	}
	for _, u := range s.LinksDown {
		fmt.Fprintf(e.stdout, "  down       %s\n", u)
	}
	for _, h := range s.ParseHealth {
		printSourceHealth(e.stdout, h)
	}
	return nil
}

// printSourceHealth writes a source's parse health in the status.
func printSourceHealth(w io.Writer, h daemon.SourceHealth) {
	state := "not judged yet"
	switch h.State {
	case archive.HealthHealthy:
		state = "healthy since " + h.Since.Format(time.DateTime)
	case archive.HealthDrift:
		state = "DRIFT since " + h.Since.Format(time.DateTime)
	}
	fmt.Fprintf(w, "  parse      %-14s %s; %d record pages unreadable\n", h.Source, state, h.Unreadable)
	for _, f := range h.Findings {
		fmt.Fprintf(w, "             %-14s %s\n", "", f)
	}
	if c := h.LastCrawl; c != nil {
		prev := "no crawl before"
		if c.Previous != nil {
			prev = fmt.Sprintf("crawl %d: %.1f", c.Previous.CrawlID, c.Previous.FieldsPerRecord)
		}
		fmt.Fprintf(w, "             %-14s crawl %d: %d record pages, %d read, %d unreadable; %.1f fields per record (%s); %d unknown labels, %d near misses\n",
			"", c.CrawlID, c.RecordPages, c.Parsed, c.Unreadable, c.FieldsPerRecord, prev, h.UnknownLabels, h.FuzzyLabels)
		for _, l := range c.UnknownLabels[:min(len(c.UnknownLabels), shownLabels)] {
			fmt.Fprintf(w, "             %-14s unknown label %q on %d pages, e.g. %s\n", "", l.Label, l.Pages, l.Example.URL)
		}
	}
}
