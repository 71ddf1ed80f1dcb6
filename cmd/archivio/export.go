package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"archivio/archive/pg"
	"archivio/internal/export"
)

const exportUsage = `
Usage: archivio export [--data DIR] --format csv|jsonl|parquet|sqlite|wacz --out DIR [--as-of DATE] [--excel] [--overwrite]

Writes the stored records as open data into --out: processes.<ext> (one row
per record, every field in the schema's order, typed, with the capture and
parser version it was read from; the multi-valued fields as lists in
jsonl and parquet), one long table per multi-valued field
(process_participants, process_territory, ...: process_id, position,
value), links.<ext> (the link inventory with its health), captures.<ext>
(the archived captures the other tables refer to: WARC file, offset,
length), datapackage.json (a Frictionless Data Package), CODEBOOK.md and
manifest.json (row counts and SHA-256 of every file). --format sqlite puts
every table in archivio-export.sqlite.

--format wacz writes DIR/archivio.wacz instead: the web archive itself as
a WACZ 1.1.1 package (every closed WARC file, their CDXJ index, the record
pages as its pages with their titles, datapackage.json with the SHA-256
of every file, datapackage-digest.json), which ReplayWeb.page opens.

--as-of exports the records, the links, their states and verdicts as they
were known at that moment (a date, meaning 00:00 UTC, or an RFC 3339 time).
--excel writes CSV for Italian spreadsheets: UTF-8 with BOM, ";"
separators, decimal commas, booleans VERO and FALSO, times as
yyyy-mm-dd hh:mm:ss (UTC).

For the record formats --out must be a new or empty folder. --overwrite
replaces an earlier export there: the files its manifest.json names are
removed, any other file stays, and a file the export would write over that
no earlier export wrote is refused.

With store: postgres in archivio.yaml it reads the shared PostgreSQL
catalog instead of DIR's, and --format wacz the WARC files stored in
warc_storage.

Examples:
  archivio export --format csv --out ./export
  archivio export --format parquet --out ./export-2026 --as-of 2026-01-01
  archivio export --format csv --excel --out ./per-excel --data ./archivio-demo
  archivio export --format csv --out ./export --overwrite
  archivio export --format wacz --out ./wacz --data ./archivio-demo
`

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "export", exportUsage)
	sf := newSettingFlags(fs)
	sf.data()
	format := fs.String("format", "", "csv, jsonl, parquet, sqlite or wacz")
	out := fs.String("out", "", "output folder (created if missing)")
	asOf := fs.String("as-of", "", "export records as known at this date or RFC 3339 time (default now)")
	excel := fs.Bool("excel", false, "csv only: BOM, \";\" separator, decimal comma, VERO/FALSO for spreadsheets in Italian")
	overwrite := fs.Bool("overwrite", false, "replace an earlier export in --out (only the files its manifest.json names)")
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	settings, err := e.settings(sf)
	if err != nil {
		return err
	}
	data := &settings.Data
	if _, ok := export.Formats[*format]; !ok && *format != "wacz" {
		return fmt.Errorf("%w: --format must be csv, jsonl, parquet, sqlite or wacz", errUsage)
	}
	if *out == "" {
		return fmt.Errorf("%w: --out is required", errUsage)
	}
	if *excel && *format != "csv" {
		return fmt.Errorf("%w: --excel goes with --format csv", errUsage)
	}
	var at time.Time
	if *asOf != "" {
		t, err := export.ParseMoment(*asOf)
		if err != nil {
			return fmt.Errorf("%w: --as-of: %v", errUsage, err)
		}
		at = t
	}
	if *format == "wacz" && *asOf != "" {
		return fmt.Errorf("%w: --as-of goes with the record formats, not wacz (a WACZ holds every capture)", errUsage)
	}
	var shared *pg.Store
	if settings.Store == "postgres" {
		st, err := sharedCatalog(ctx, settings)
		if err != nil {
			return err
		}
		defer st.Close()
		shared = st
	} else if err := requireArchive(*data); err != nil {
		return err
	}
	if *format == "wacz" {
		o := export.WACZOptions{DataDir: *data, Version: buildVersion()}
		if shared != nil {
			o.Archive = shared
		}
		return exportWACZ(ctx, e, o, *out)
	}
	var records export.Archive
	if shared != nil {
		records = shared
	}
	var progress func(int)
	if isTerminal(e.stderr) {
		progress = func(n int) { fmt.Fprintf(e.stderr, "\r\033[Kexporting: %d records", n) }
	}
	res, err := export.Export(ctx, export.Options{DataDir: *data, Archive: records, OutDir: *out, Format: *format, AsOf: at,
		Excel: *excel, Overwrite: *overwrite, Version: buildVersion(), Progress: progress})
	if progress != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if err != nil && !errors.Is(err, export.ErrIncomplete) {
		return err
	}
	for _, t := range res.Tables {
		fmt.Fprintf(e.stdout, "%-40s %8d rows\n", t.Name, t.Rows)
	}
	fmt.Fprintf(e.stderr, "exported records as of %s to %s (%d files, see manifest.json)\n",
		res.AsOf.Format(time.RFC3339), *out, len(res.Files)+1)
	// An export that left out a record version it could not read says so
	// last and exits 1: written, not whole.
	return err
}

// exportWACZ writes the archive as OUT/archivio.wacz.
func exportWACZ(ctx context.Context, e *env, o export.WACZOptions, out string) error {
	path, res, err := export.ExportWACZ(ctx, o, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d WARC files, %d index lines, %d record pages, %d bytes\n", path, res.WARCFiles, res.Indexed, res.Pages, res.Bytes)
	return nil
}
