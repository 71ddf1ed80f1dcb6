package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
	"archivio/internal/jobs"
)

const recordsUsage = `
Usage: archivio records [--data DIR] [--format table|jsonl|json] [--id N] [--unreadable]

Lists the stored records, latest version of each. The table shows id,
version, status, title and when the page was captured, then the record
pages kept as parse failures (pages a crawl could not read as records:
their captures are archived, "archivio reparse" reads them again); jsonl
prints the same fields as "archivio parse" plus "provenance": the capture
the version was read from (URL, time, WARC file and offset, payload
digest), the parser version, the version number and the fields that
changed from the version before; json prints the same objects as one
JSON array.

With --unreadable only the parse failures are listed: id, url, reason,
the parser version that failed, first and last time found unreadable, and
the failed capture (time, WARC file and offset).

With store: postgres in archivio.yaml it reads the shared PostgreSQL
catalog instead of DIR's.

Examples:
  archivio records
  archivio records --format jsonl > records.jsonl
  archivio records --id 141 --format jsonl --data ./archivio-demo
  archivio records --unreadable
`

func runRecords(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "records", recordsUsage)
	sf := newSettingFlags(fs)
	sf.data()
	of := formatFlag(fs, "output", formatTable, formatJSONL, formatJSON)
	id := intVar(fs, "id", 0, 0, math.MaxInt, "only the record with this `id`")
	unreadable := fs.Bool("unreadable", false, "list only the record pages kept as parse failures")
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
	st, err := openReading(ctx, settings)
	if err != nil {
		return err
	}
	defer st.Close()
	failures, err := parseFailures(ctx, st, *id)
	if err != nil {
		return err
	}
	if *unreadable {
		return printFailures(ctx, e, st, failures, format)
	}
	versions, err := st.LatestVersions(ctx, *id)
	if err != nil {
		return err
	}
	if *id != 0 && len(versions) == 0 && len(failures) == 0 {
		return fmt.Errorf("records: no record %d in %s", *id, *data)
	}
	if format != formatTable {
		out := newObjectWriter(e.stdout, format)
		for _, v := range versions {
			c, err := st.Capture(ctx, v.CaptureID)
			if err != nil {
				return err
			}
			line, err := withProvenance(v, c)
			if err != nil {
				return err
			}
			if err := out.Write(json.RawMessage(line)); err != nil {
				return err
			}
		}
		return out.Close()
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tVERSION\tSTATUS\tTITLE\tCAPTURED")
	for _, v := range versions {
		var r struct {
			Title  *string `json:"title"`
			Status *string `json:"status"`
		}
		if err := json.Unmarshal(v.Data, &r); err != nil {
			return fmt.Errorf("records: record %d: %w", v.RecordID, err)
		}
		c, err := st.Capture(ctx, v.CaptureID)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\n", v.RecordID, v.Version, deref(r.Status), clip(deref(r.Title), 60),
			c.FetchedAt.Format(time.DateTime))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(failures) > 0 {
		fmt.Fprintf(e.stdout, "\nRecord pages kept as parse failures (archivio reparse reads them again):\n")
		if err := printFailures(ctx, e, st, failures, formatTable); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stderr, "%d records, %d record pages unreadable\n", len(versions), len(failures))
	return nil
}

// parseFailures returns the open parse failures, or the one of a record.
func parseFailures(ctx context.Context, st readingArchive, id int) ([]archive.ParseFailure, error) {
	all, err := st.ParseFailures(ctx)
	if err != nil || id == 0 {
		return all, err
	}
	var out []archive.ParseFailure
	for _, f := range all {
		if f.RecordID == id {
			out = append(out, f)
		}
	}
	return out, nil
}

// failureLine is a parse failure as --unreadable --format jsonl prints it.
type failureLine struct {
	archive.ParseFailure
	Capture *alerts.Capture `json:"capture"`
}

// printFailures lists parse failures with their captures.
func printFailures(ctx context.Context, e *env, st readingArchive, failures []archive.ParseFailure, format string) error {
	if format != formatTable {
		out := newObjectWriter(e.stdout, format)
		for _, f := range failures {
			if err := out.Write(failureLine{ParseFailure: f, Capture: jobs.CaptureRef(ctx, st, f.CaptureID)}); err != nil {
				return err
			}
		}
		return out.Close()
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSINCE\tCAPTURED\tREASON\tURL")
	for _, f := range failures {
		captured := "-"
		if c := jobs.CaptureRef(ctx, st, f.CaptureID); c != nil {
			captured = c.At.Format(time.DateTime)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", f.RecordID, f.FirstFailed.Format(time.DateTime), captured, clip(f.Reason, 60), f.URL)
	}
	return tw.Flush()
}

// provenance ties a record version to the evidence it was read from.
type provenance struct {
	Version       int       `json:"version"`
	ChangedFields []string  `json:"changed_fields"`
	ParserVersion string    `json:"parser_version"`
	CaptureID     int64     `json:"capture_id"`
	SourceURL     string    `json:"source_url"`
	CapturedAt    time.Time `json:"captured_at"`
	PayloadDigest string    `json:"payload_digest"`
	WARCFile      string    `json:"warc_file"`
	WARCOffset    int64     `json:"warc_offset"`
	WARCLength    int64     `json:"warc_length"`
}

// withProvenance appends a "provenance" member to a stored record
// document, keeping its fields in their order.
func withProvenance(v *archive.RecordVersion, c *archive.Capture) ([]byte, error) {
	p := provenance{
		Version: v.Version, ChangedFields: v.Changed, ParserVersion: v.ParserVersion, CaptureID: c.ID,
		SourceURL: c.URL, CapturedAt: c.FetchedAt, PayloadDigest: c.PayloadDigest,
		WARCFile: c.WARCFile, WARCOffset: c.WARCOffset, WARCLength: c.WARCLength,
	}
	if p.ChangedFields == nil {
		p.ChangedFields = []string{}
	}
	pj, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	doc := bytes.TrimRight(v.Data, " \n")
	if len(doc) < 2 || doc[len(doc)-1] != '}' {
		return nil, fmt.Errorf("record %d: stored data is not an object", v.RecordID)
	}
	out := append([]byte{}, doc[:len(doc)-1]...)
	out = append(out, `,"provenance":`...)
	out = append(out, pj...)
	return append(out, '}'), nil
}

// openArchive opens an existing archive for reading commands: a data
// directory without one is an error, not a new empty archive.
func openArchive(ctx context.Context, dir string) (*archive.Store, error) {
	if err := requireArchive(dir); err != nil {
		return nil, err
	}
	return archive.OpenReadOnly(ctx, dir)
}

// requireArchive fails clearly when a data directory has no archive yet,
// instead of creating an empty one.
func requireArchive(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, archive.DBName)); err != nil {
		return fmt.Errorf("no archive in %s (run archivio crawl or archivio demo first, or pass --data)", dir)
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
