package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"archivio/internal/export"
)

const diffUsage = `
Usage: archivio diff [--data DIR] --from T1 --to T2 [--format table|jsonl|json|csv]

Compares the records as known at two moments (dates, meaning 00:00 UTC,
or RFC 3339 times): the records added, removed, and changed, field by
field with the old and new values. --from must not be later than --to.
--format table prints them for people; jsonl one change per line; json
one JSON array; csv one row per changed field (id, kind, title, field,
from, to, the values as JSON; one row with no field for a record added or
removed).

With store: postgres in archivio.yaml it reads the shared PostgreSQL
catalog instead of DIR's.

Examples:
  archivio diff --from 2025-01-01 --to 2026-01-01
  archivio diff --from 2025-06-01T00:00:00Z --to 2025-07-01 --format json --data ./archivio-demo
  archivio diff --from 2025-01-01 --to 2026-01-01 --format csv > changes.csv
`

func runDiff(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "diff", diffUsage)
	sf := newSettingFlags(fs)
	sf.data()
	from := fs.String("from", "", "the earlier moment: a date or RFC 3339 time")
	to := fs.String("to", "", "the later moment: a date or RFC 3339 time")
	of := formatFlag(fs, "output", formatTable, formatJSONL, formatJSON, formatCSV)
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
	if *from == "" || *to == "" {
		return fmt.Errorf("%w: --from and --to are required", errUsage)
	}
	t1, err := export.ParseMoment(*from)
	if err != nil {
		return fmt.Errorf("%w: --from: %v", errUsage, err)
	}
	t2, err := export.ParseMoment(*to)
	if err != nil {
		return fmt.Errorf("%w: --to: %v", errUsage, err)
	}
	if t1.After(t2) {
		return fmt.Errorf("%w: --from %s is later than --to %s", errUsage, t1.Format(time.RFC3339), t2.Format(time.RFC3339))
	}
	var changes []export.Change
	if settings.Store == "postgres" {
		st, err := sharedCatalog(ctx, settings)
		if err != nil {
			return err
		}
		defer st.Close()
		if changes, err = export.DiffArchive(ctx, st, t1, t2); err != nil {
			return err
		}
	} else {
		if err := requireArchive(*data); err != nil {
			return err
		}
		if changes, err = export.Diff(ctx, *data, t1, t2); err != nil {
			return err
		}
	}
	switch format {
	case formatJSONL, formatJSON:
		ow := newObjectWriter(e.stdout, format)
		for _, c := range changes {
			if err := ow.Write(c); err != nil {
				return err
			}
		}
		return ow.Close()
	case formatCSV:
		return writeChangesCSV(e.stdout, changes)
	}
	for _, c := range changes {
		title, _ := c.Title.(string)
		fmt.Fprintf(e.stdout, "%-7s %d %s\n", c.Kind, c.ID, title)
		for _, f := range c.Fields {
			fmt.Fprintf(e.stdout, "        %s: %s -> %s\n", f.Field, showValue(f.From), showValue(f.To))
		}
	}
	fmt.Fprintf(e.stderr, "%d records differ\n", len(changes))
	return nil
}

// writeChangesCSV writes one row per changed field, and one row with no
// field for a record added or removed; values as JSON (null for missing).
func writeChangesCSV(w io.Writer, changes []export.Change) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "kind", "title", "field", "from", "to"})
	for _, c := range changes {
		title, _ := c.Title.(string)
		id := strconv.Itoa(c.ID)
		if len(c.Fields) == 0 {
			cw.Write([]string{id, c.Kind, title, "", "", ""})
		}
		for _, f := range c.Fields {
			cw.Write([]string{id, c.Kind, title, f.Field, showValue(f.From), showValue(f.To)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// showValue prints a field value compactly: JSON, with null for missing.
func showValue(v any) string {
	b, err := marshalNoEscape(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
