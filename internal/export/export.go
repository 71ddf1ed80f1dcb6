package export

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"archivio/archive"
)

// Options configure an export.
type Options struct {
	DataDir string    // the archive's data directory (required)
	OutDir  string    // where the files go; created if missing (required)
	Format  string    // csv, jsonl, parquet or sqlite (required)
	AsOf    time.Time // export each record as known at this moment; zero means now
	Excel   bool      // csv only: UTF-8 BOM, ";" separators and decimal commas
	Version string    // the archivio version, written in the manifest
	// Now is the clock for the export time (and a zero AsOf); nil means
	// time.Now.
	Now func() time.Time
	// Progress, when set, hears how many records are written, every
	// thousand (for a progress line on a terminal).
	Progress func(records int)
	// Records, when set, chooses the records exported (a filtered listing
	// of archivio serve); nil exports every record.
	Records func(id int) bool
}

// FileInfo is one file written.
type FileInfo struct {
	Path   string `json:"path"` // relative to the output folder
	Bytes  int64  `json:"bytes"`
	Rows   int    `json:"rows,omitempty"` // data rows (all tables of a SQLite file); 0 for metadata files
	SHA256 string `json:"sha256"`
}

// TableInfo is one table written and its row count.
type TableInfo struct {
	Name string `json:"name"`
	Path string `json:"path"`
	Rows int    `json:"rows"`
}

// Result says what an export wrote.
type Result struct {
	Files  []FileInfo  // data files, then datapackage.json and CODEBOOK.md (manifest.json is not listed)
	Tables []TableInfo // every table in write order
	AsOf   time.Time
	// CapturedFrom and CapturedTo are the earliest and latest capture
	// times of the record versions exported; zero when none.
	CapturedFrom, CapturedTo time.Time
}

// Export writes the records of the archive in o.DataDir as known at o.AsOf
// into o.OutDir.
func Export(ctx context.Context, o Options) (*Result, error) {
	if _, ok := Formats[o.Format]; !ok {
		return nil, fmt.Errorf("export: unknown format %q (csv, jsonl, parquet or sqlite)", o.Format)
	}
	if o.Excel && o.Format != "csv" {
		return nil, errors.New("export: the Excel variant is for the csv format only")
	}
	if o.DataDir == "" || o.OutDir == "" {
		return nil, errors.New("export: data and output folders are required")
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	started := now().UTC()
	asOf := o.AsOf
	if asOf.IsZero() {
		asOf = started
	}
	if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	st, err := archive.OpenReadOnly(ctx, o.DataDir)
	if err != nil {
		return nil, err
	}
	defer st.Close()

	res := &Result{AsOf: asOf.UTC()}
	snk, err := newSink(o.Format, o.OutDir, o.Excel)
	if err != nil {
		return nil, err
	}
	tables, err := writeTables(ctx, st, snk, asOf, res, o.Progress, o.Records)
	if cerr := snk.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}

	// Digests of the data files, then the descriptors.
	seen := map[string]bool{}
	for _, t := range res.Tables {
		if seen[t.Path] {
			continue
		}
		seen[t.Path] = true
		fi, err := hashFile(o.OutDir, t.Path)
		if err != nil {
			return nil, err
		}
		for _, u := range res.Tables {
			if u.Path == t.Path {
				fi.Rows += u.Rows
			}
		}
		res.Files = append(res.Files, fi)
	}
	if err := writeMeta(o, tables, snk, res, started); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return res, nil
}

// source is what an export reads of the archive: the records as known at
// a moment, and the link inventory.
type source interface {
	VersionsAsOf(ctx context.Context, asOf time.Time, fn func(*archive.VersionAt) error) error
	Links(ctx context.Context, state string, activeOnly bool) ([]archive.Link, error)
}

// writeTables streams the records and the link inventory into the sink.
func writeTables(ctx context.Context, st source, snk sink, asOf time.Time, res *Result, progress func(int), only func(int) bool) ([]*table, error) {
	proc, longs, links := processesTable(), longTables(), linksTable()
	tables := append(append([]*table{proc}, longs...), links)
	writers := make([]tableWriter, len(tables))
	counts := make([]int, len(tables))
	defer func() {
		for _, w := range writers {
			if w != nil {
				w.Close()
			}
		}
	}()
	for i, t := range tables {
		w, err := snk.Open(t)
		if err != nil {
			return nil, err
		}
		writers[i] = w
	}

	err := st.VersionsAsOf(ctx, asOf, func(v *archive.VersionAt) error {
		if only != nil && !only(v.RecordID) {
			return nil
		}
		dec := json.NewDecoder(bytes.NewReader(v.Data))
		dec.UseNumber()
		var doc map[string]any
		if err := dec.Decode(&doc); err != nil {
			return fmt.Errorf("record %d: %w", v.RecordID, err)
		}
		row, err := recordRow(proc, doc)
		if err != nil {
			return fmt.Errorf("record %d: %w", v.RecordID, err)
		}
		n := len(row)
		row[n-5], row[n-4], row[n-3], row[n-2], row[n-1] = int64(v.Version), v.SourceURL, timeOrNil(v.CapturedAt), v.PayloadDigest, v.ParserVersion
		if err := writers[0].Write(row); err != nil {
			return err
		}
		counts[0]++
		if progress != nil && counts[0]%1000 == 0 {
			progress(counts[0])
		}
		if !v.CapturedAt.IsZero() {
			if res.CapturedFrom.IsZero() || v.CapturedAt.Before(res.CapturedFrom) {
				res.CapturedFrom = v.CapturedAt
			}
			if v.CapturedAt.After(res.CapturedTo) {
				res.CapturedTo = v.CapturedAt
			}
		}
		for i, t := range longs {
			for p, s := range listValues(doc, t.ListField) {
				if err := writers[i+1].Write([]any{int64(v.RecordID), int64(p + 1), s}); err != nil {
					return err
				}
				counts[i+1]++
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	ls, err := st.Links(ctx, "", false)
	if err != nil {
		return nil, err
	}
	lw := writers[len(writers)-1]
	for _, l := range ls {
		var good any
		if l.LastGoodCapture != 0 {
			good = l.LastGoodCapture
		}
		var verdict any
		if l.Verdict != "" {
			verdict = l.Verdict
		}
		if err := lw.Write([]any{l.URL, joinInts(l.RecordIDs), strings.Join(l.Fields, ";"), l.State, verdict,
			timeOrNil(l.LastChecked), good}); err != nil {
			return nil, err
		}
		counts[len(counts)-1]++
	}
	for i, w := range writers {
		writers[i] = nil
		if err := w.Close(); err != nil {
			return nil, fmt.Errorf("write %s: %w", tables[i].Name, err)
		}
		res.Tables = append(res.Tables, TableInfo{Name: tables[i].Name, Path: snk.Path(tables[i]), Rows: counts[i]})
	}
	return tables, nil
}

func hashFile(dir, rel string) (FileInfo, error) {
	f, err := os.Open(filepath.Join(dir, rel))
	if err != nil {
		return FileInfo{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return FileInfo{}, err
	}
	return FileInfo{Path: rel, Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// ParseMoment reads a moment given on the command line: a date
// (yyyy-mm-dd, meaning its start, 00:00 UTC) or an RFC 3339 time.
func ParseMoment(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is neither a date (2026-01-01) nor an RFC 3339 time (2026-01-01T12:00:00Z)", s)
}
