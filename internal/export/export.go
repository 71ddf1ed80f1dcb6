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
	DataDir string // the archive's data directory (required unless Archive is set)
	// Archive, when set, is the catalog read instead of DataDir's: the
	// shared PostgreSQL catalog (archive/pg). The caller closes it.
	Archive Archive
	OutDir  string    // where the files go; created if missing (required)
	Format  string    // csv, jsonl, parquet or sqlite (required)
	AsOf    time.Time // export each record as known at this moment; zero means now
	Excel   bool      // csv only: UTF-8 BOM, ";" separators, decimal commas, VERO/FALSO, times as yyyy-mm-dd hh:mm:ss
	// Overwrite lets the export go into a folder that holds files: those
	// an earlier export wrote (named in its manifest.json) are removed
	// first; other files stay, and one the export would write over is
	// refused. Without it, a folder that holds anything is refused
	// (ErrFolderNotEmpty).
	Overwrite bool
	// Records, when set, chooses the records exported (a filtered listing
	// of archivio serve), and with them the links they cite; nil exports
	// every record.
	Records func(id int) bool
	Version string // the archivio version, written in the manifest
	// Now is the clock for the export time (and a zero AsOf); nil means
	// time.Now.
	Now func() time.Time
	// Progress, when set, hears how many records are written, every
	// thousand (for a progress line on a terminal).
	Progress func(records int)
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

// ErrIncomplete means an export wrote every record version it could read
// and left out those Result.LeftOut (and manifest.json's "left_out")
// lists: their documents could not be read, their captures' WARC records
// missing or damaged. The files are written, the export is not whole.
var ErrIncomplete = errors.New("export incomplete")

// LeftOut is a record version an export could not read and left out, of
// the records and of the link inventory.
type LeftOut struct {
	RecordID  int    `json:"record_id"`
	Version   int    `json:"version"`
	CaptureID int64  `json:"capture_id"`
	Reason    string `json:"reason"`
}

// Result says what an export wrote.
type Result struct {
	Files  []FileInfo  // data files, then datapackage.json and CODEBOOK.md (manifest.json is not listed)
	Tables []TableInfo // every table in write order
	AsOf   time.Time
	// CapturedFrom and CapturedTo are the earliest and latest capture
	// times of the record versions exported; zero when none.
	CapturedFrom, CapturedTo time.Time
	// LeftOut are the record versions whose documents could not be read
	// (Export then fails with ErrIncomplete), by record id.
	LeftOut []LeftOut
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
	if (o.DataDir == "" && o.Archive == nil) || o.OutDir == "" {
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
	var st source = o.Archive
	if st == nil {
		local, err := archive.OpenReadOnly(ctx, o.DataDir)
		if err != nil {
			return nil, err
		}
		defer local.Close()
		st = local
	}
	if err := prepareFolder(o.OutDir, writes(o.Format), o.Overwrite); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}

	res := &Result{AsOf: asOf.UTC()}
	tables := exportTables(o.Format)
	snk, err := newSink(o.Format, o.OutDir, o.Excel)
	if err != nil {
		return nil, err
	}
	err = writeTables(ctx, st, snk, tables, o.Format, asOf, res, o.Progress, o.Records)
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
	if len(res.LeftOut) > 0 {
		return res, incomplete(res.LeftOut)
	}
	return res, nil
}

// incomplete is the error of an export that left out record versions it
// could not read, naming the first few.
func incomplete(left []LeftOut) error {
	const named = 3
	var b strings.Builder
	for i, l := range left[:min(named, len(left))] {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(l.Reason)
	}
	if len(left) > named {
		fmt.Fprintf(&b, "; and %d more", len(left)-named)
	}
	return fmt.Errorf("export: %w: %d record version(s) left out, their documents unreadable (listed in manifest.json, \"left_out\"): %s", ErrIncomplete, len(left), b.String())
}

// Archive is what an export reads of a catalog (see source); both the
// SQLite Store and the PostgreSQL one have it.
type Archive interface{ source }

// source is what an export reads of the archive: the records as known at
// a moment, the link inventory as known then, and the captures they refer
// to.
type source interface {
	VersionsAsOf(ctx context.Context, asOf time.Time, fn func(*archive.VersionAt) error) error
	LinksAsOf(ctx context.Context, asOf time.Time) ([]archive.LinkAt, error)
	CapturesByID(ctx context.Context, ids []int64, fn func(*archive.Capture) error) error
}

// citedLinks is an archive that reads the link inventory from the links
// gathered while its versions were read (the SQLite Store, whose
// documents are read from the WARC files).
type citedLinks interface {
	LinksCitedAsOf(ctx context.Context, asOf time.Time, cites *archive.Citations) ([]archive.LinkAt, error)
}

// exportTables are the tables of an export in the given format, in write
// order: processes, the long tables, links, captures.
func exportTables(format string) []*table {
	return append(append([]*table{processesTable(nested(format))}, longTables()...), linksTable(), capturesTable())
}

// writeTables streams the records (those only chooses, when set), the
// link inventory and the captures they refer to into the sink.
func writeTables(ctx context.Context, st source, snk sink, tables []*table, format string, asOf time.Time, res *Result, progress func(int), only func(int) bool) error {
	flat := !nested(format)
	proc, longs := tables[0], tables[1:len(tables)-2]
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
			return err
		}
		writers[i] = w
	}
	write := func(i int, row []any) error {
		if flat {
			flatten(row)
		}
		if err := writers[i].Write(row); err != nil {
			return fmt.Errorf("write %s: %w", tables[i].Name, err)
		}
		counts[i]++
		return nil
	}

	// The links the versions cite are gathered on the way (when the
	// archive can take them), those of every record, chosen or not, so
	// the link inventory does not read the documents again.
	cited, gather := st.(citedLinks)
	var cites archive.Citations
	var captures []int64
	prov := map[string]int{}
	for _, name := range []string{"record_version", "capture_id", "source_url", "captured_at", "capture_digest", "parser_version"} {
		prov[name] = proc.index(name)
	}
	err := st.VersionsAsOf(ctx, asOf, func(v *archive.VersionAt) error {
		if v.Unreadable != nil {
			// Left out of the records and of the link inventory, and
			// said: the export is incomplete.
			res.LeftOut = append(res.LeftOut, LeftOut{RecordID: v.RecordID, Version: v.Version, CaptureID: v.CaptureID, Reason: v.Unreadable.Error()})
			return nil
		}
		if only != nil && !only(v.RecordID) {
			if gather {
				if err := cites.AddDocument(v.RecordID, v.Data); err != nil {
					return fmt.Errorf("record %d: %w", v.RecordID, err)
				}
			}
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
		if links := doc["links"]; gather && links != nil {
			raw, err := json.Marshal(links)
			if err != nil {
				return fmt.Errorf("record %d: links: %w", v.RecordID, err)
			}
			cites.Add(v.RecordID, raw)
		}
		row[prov["record_version"]], row[prov["capture_id"]], row[prov["source_url"]] = int64(v.Version), idOrNil(v.CaptureID), v.SourceURL
		row[prov["captured_at"]], row[prov["capture_digest"]], row[prov["parser_version"]] = timeOrNil(v.CapturedAt), stringOrNil(v.PayloadDigest), v.ParserVersion
		if err := write(0, row); err != nil {
			return err
		}
		captures = append(captures, v.CaptureID)
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
				if err := write(i+1, []any{int64(v.RecordID), int64(p + 1), s}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}

	var ls []archive.LinkAt
	if gather {
		ls, err = cited.LinksCitedAsOf(ctx, asOf, &cites)
	} else {
		ls, err = st.LinksAsOf(ctx, asOf)
	}
	if err != nil {
		return err
	}
	li := len(tables) - 2
	for _, l := range ls {
		ids := make([]int64, 0, len(l.RecordIDs))
		for _, id := range l.RecordIDs {
			if only == nil || only(id) {
				ids = append(ids, int64(id))
			}
		}
		if only != nil && len(ids) == 0 {
			continue // cited by none of the records chosen
		}
		var state any
		if l.State != "" {
			state = l.State
		}
		if err := write(li, []any{l.URL, ids, l.Fields, l.DeclaredGone, state, stringOrNil(l.Verdict),
			timeOrNil(l.LastChecked), idOrNil(l.LastGoodCapture)}); err != nil {
			return err
		}
		captures = append(captures, l.LastGoodCapture)
	}

	ci := len(tables) - 1
	err = st.CapturesByID(ctx, captures, func(c *archive.Capture) error {
		return write(ci, []any{c.ID, c.URL, stringOrNil(c.Method), timeOrNil(c.FetchedAt), int64(c.Status), stringOrNil(c.ContentType),
			stringOrNil(c.PayloadDigest), c.PayloadLength, c.WARCFile, c.WARCOffset, c.WARCLength, c.WARCRecordID})
	})
	if err != nil {
		return err
	}
	for i, w := range writers {
		writers[i] = nil
		if err := w.Close(); err != nil {
			return fmt.Errorf("write %s: %w", tables[i].Name, err)
		}
		res.Tables = append(res.Tables, TableInfo{Name: tables[i].Name, Path: snk.Path(tables[i]), Rows: counts[i]})
	}
	return nil
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
