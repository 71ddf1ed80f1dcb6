package main

import (
	"context"
	"fmt"
	"strings"

	"archivio/internal/jobs"
)

const reparseUsage = `
Usage: archivio reparse [--data DIR]

Reads every record's latest archived page again, from the WARC files only
(no network), with this archivio's parser. A record whose parsed content
differs gets a new version that names the changed fields and the parser
version; the others stay as they are. Record pages kept as parse failures
(pages a crawl could not read as records) are read again from their
archived captures: those this parser reads become records, and their
failures are cleared; the others stay parse failures, which is not an
error. Run it after upgrading archivio. With store: postgres in
archivio.yaml it reads the shared catalog, and the WARC records from
warc_storage (a bucket, by range).

Example:
  archivio reparse --data ./archivio-demo
`

func runReparse(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "reparse", reparseUsage)
	sf := newSettingFlags(fs)
	sf.data()
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	settings, err := e.settings(sf)
	if err != nil {
		return err
	}
	var rep *jobs.ReparseReport
	if settings.Store == "postgres" {
		st, err := sharedCatalog(ctx, settings)
		if err != nil {
			return err
		}
		defer st.Close()
		rep, err = jobs.ReparseIn(ctx, st, nil)
		return reportReparse(e, rep, err)
	}
	if err := requireArchive(settings.Data); err != nil {
		return err
	}
	rep, err = jobs.Reparse(ctx, settings.Data, nil)
	return reportReparse(e, rep, err)
}

// reportReparse prints what a reparse did.
func reportReparse(e *env, rep *jobs.ReparseReport, err error) error {
	if rep != nil {
		fmt.Fprintf(e.stdout, "Reparsed %d records from the archive: %d changed, %d unchanged, %d failed\n",
			rep.Records, len(rep.Changed), rep.Unchanged, len(rep.Failed))
		if len(rep.Changed) > 0 {
			fmt.Fprintf(e.stdout, "  changed: %v\n", rep.Changed)
		}
		if rep.Unreadable > 0 {
			fmt.Fprintf(e.stdout, "Read %d unreadable record pages again: %d now read as records, %d still unreadable (kept as parse failures)\n",
				rep.Unreadable, len(rep.Recovered), len(rep.StillUnreadable))
			if len(rep.Recovered) > 0 {
				fmt.Fprintf(e.stdout, "  now read: %v\n", rep.Recovered)
			}
			for _, u := range rep.StillUnreadable {
				fmt.Fprintf(e.stdout, "  still unreadable: %s\n", u)
			}
		}
		for _, f := range rep.Failed {
			fmt.Fprintf(e.stderr, "archivio reparse: %s\n", f)
		}
		if len(rep.Failed) > 0 {
			return fmt.Errorf("reparse: %d records not read: %s", len(rep.Failed), strings.Join(rep.Failed[:min(3, len(rep.Failed))], "; "))
		}
	}
	return err
}
