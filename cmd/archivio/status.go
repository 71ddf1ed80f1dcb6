package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"archivio/archive"
	"archivio/internal/daemon"
)

const statusUsage = `
Usage: archivio status [--data DIR] [--format text|json]

Shows what the archive holds, from the database, whether or not a daemon
runs: records, captures, links by state and those down, alerts, the last
run of each source's crawl and of the link checks, and whether a daemon (or
another archivio process) is writing the data directory now.

Examples:
  archivio status
  archivio status --data ./archivio-demo --format json
`

func runStatus(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "status", statusUsage)
	data := fs.String("data", defaultDataDir(e), "data directory (default $ARCHIVIO_DATA or ./archivio-data)")
	format := fs.String("format", "text", "text or json")
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	if err := requireArchive(*data); err != nil {
		return err
	}
	running := "no archivio process is writing it"
	if lock, err := archive.LockDir(*data); err == nil {
		lock.Unlock()
	} else if errors.Is(err, archive.ErrLocked) {
		running = strings.TrimPrefix(err.Error(), archive.ErrLocked.Error()+": ")
	}
	s, err := daemon.Summarize(ctx, *data)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Writer string `json:"writer"`
			*daemon.Summary
		}{running, s})
	}
	fmt.Fprintf(e.stdout, "archive %s\n  writer     %s\n  records    %d\n  captures   %d\n  links      %d up, %d suspect, %d down\n  alerts     %d\n",
		*data, running, s.Records, s.Captures, s.Links["up"], s.Links["suspect"], s.Links["down"], s.Alerts)
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
	return nil
}
