package archive

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// RepairOpenFiles finds the *.warc.gz.open files left in dir by a killed
// process, keeps every whole record of each, cuts a partial last record
// (an incomplete gzip member, or a record whose block is shorter than its
// Content-Length), renames the file to its final name and writes its CDXJ
// index. It returns what it did per file. It also removes the temporary
// files of responses that were being received (the spool folder), and
// writes the index of a closed file that has none (its writer found the
// disk full when closing it).
//
// Only damage at the end of a file is cut: when a damaged record is
// followed by whole records (damage a kill cannot cause), the file is left
// as it is and an error reported, since cutting would drop evidence.
// Run it before opening a WARCWriter on dir, never beside one.
func RepairOpenFiles(ctx context.Context, dir string) ([]RepairReport, error) {
	// Temporary files of responses being received when the process died.
	if err := os.RemoveAll(filepath.Join(dir, spoolDirName)); err != nil {
		return nil, fmt.Errorf("repair warc files in %s: clear the spool: %w", dir, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("repair warc files in %s: %w", dir, err)
	}
	var paths, unindexed []string
	names := map[string]bool{}
	for _, e := range entries {
		names[e.Name()] = true
	}
	for _, e := range entries {
		switch {
		case !e.Type().IsRegular():
		case strings.HasSuffix(e.Name(), warcFileExt+warcOpenSuffix):
			paths = append(paths, filepath.Join(dir, e.Name()))
		case strings.HasSuffix(e.Name(), warcFileExt) && !names[e.Name()+warcCDXJExt]:
			unindexed = append(unindexed, filepath.Join(dir, e.Name()))
		}
	}
	slices.Sort(paths)
	slices.Sort(unindexed)
	var reports []RepairReport
	var errs []error
	for _, path := range unindexed {
		rep, err := writeMissingIndex(ctx, path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		reports = append(reports, rep)
	}
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		rep, err := repairWARCFile(ctx, path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		reports = append(reports, rep)
	}
	if err := errors.Join(errs...); err != nil {
		return reports, fmt.Errorf("repair warc files in %s: %w", dir, err)
	}
	return reports, nil
}

// repairWARCFile repairs one NAME.open file.
func repairWARCFile(ctx context.Context, path string) (RepairReport, error) {
	final := strings.TrimSuffix(path, warcOpenSuffix)
	name := filepath.Base(final)
	fail := func(err error) (RepairReport, error) {
		return RepairReport{}, fmt.Errorf("repair %s: %w", filepath.Base(path), err)
	}
	if _, err := os.Lstat(final); err == nil {
		return fail(fmt.Errorf("%s exists too; not overwriting it", name))
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fail(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	size := info.Size()

	good, records, index, damage, err := indexWARC(ctx, f, name)
	if err != nil {
		return fail(err)
	}
	if damage != nil {
		if at, ok := findWholeWARCRecord(f, good+1, size); ok {
			return fail(fmt.Errorf("%w; a whole record follows at offset %d: not cutting, repair by hand", damage, at))
		}
		if err := f.Truncate(good); err != nil {
			return fail(err)
		}
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	if err := writeCDXJFile(final+warcCDXJExt, index); err != nil {
		return fail(err)
	}
	if err := renameDurably(path, final); err != nil {
		return fail(err)
	}
	return RepairReport{File: name, Records: records, DroppedBytes: size - good}, nil
}

// indexWARC reads the records of the WARC file f (named name) from its
// start, and returns the end of the last whole record, the number of whole
// records, the CDXJ entries of its responses and revisits, and the damage
// that stopped the reading (nil at a clean end of file); err is ctx's.
func indexWARC(ctx context.Context, f io.Reader, name string) (good int64, records int, index []cdxjEntry, damage, err error) {
	sc := newWARCScanner(f, 0, false)
	// The request record of an exchange comes just before its response
	// (or revisit), which names it in WARC-Concurrent-To.
	var reqID, reqMethod string
	for {
		if err := ctx.Err(); err != nil {
			return 0, 0, nil, nil, err
		}
		rec, err := sc.next()
		if err == io.EOF {
			return good, records, index, nil, nil
		}
		if err != nil {
			return good, records, index, err, nil
		}
		good = rec.offset + rec.length
		records++
		if rec.typ == "request" {
			reqID, reqMethod = rec.get("WARC-Record-ID"), requestMethod(rec.head)
		}
		if rec.typ == "response" || rec.typ == "revisit" {
			method := http.MethodGet
			if reqID != "" && rec.get("WARC-Concurrent-To") == reqID {
				method = reqMethod
			}
			index = append(index, newCDXJEntry(strings.Trim(rec.get("WARC-Target-URI"), "<>"), method, rec.date, rec.head, Written{
				File:          name,
				Offset:        rec.offset,
				Length:        rec.length,
				PayloadDigest: rec.get("WARC-Payload-Digest"),
				Revisit:       rec.typ == "revisit",
			}))
		}
	}
}

// writeMissingIndex writes the CDXJ index of a closed WARC file that has
// none (its writer found the disk full when closing it). A file that does
// not read to its end is left alone: that is not damage a writer leaves.
func writeMissingIndex(ctx context.Context, path string) (RepairReport, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return RepairReport{}, fmt.Errorf("index %s: %w", name, err)
	}
	defer f.Close()
	_, records, index, damage, err := indexWARC(ctx, f, name)
	if err == nil {
		err = damage
	}
	if err == nil {
		err = writeCDXJFile(path+warcCDXJExt, index)
	}
	if err != nil {
		return RepairReport{}, fmt.Errorf("index %s: %w", name, err)
	}
	return RepairReport{File: name, Records: records, Index: true}, nil
}

// findWholeWARCRecord looks for a whole, valid record starting anywhere in
// f between from and size, and returns the offset of the first.
func findWholeWARCRecord(f *os.File, from, size int64) (int64, bool) {
	const chunk = 1 << 20
	buf := make([]byte, chunk+8) // the overlap catches a start across chunks
	for pos := from; pos < size; pos += chunk {
		n, err := f.ReadAt(buf[:min(int64(len(buf)), size-pos)], pos)
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, false
		}
		b := buf[:n]
		for i := 0; i < n && i < chunk; i++ {
			gz := b[i] == 0x1f && i+2 < n && b[i+1] == 0x8b && b[i+2] == 0x08
			if !gz && !bytes.HasPrefix(b[i:], []byte("WARC/1.")) {
				continue
			}
			at := pos + int64(i)
			if _, err := newWARCScanner(io.NewSectionReader(f, at, size-at), at, false).next(); err == nil {
				return at, true
			}
		}
	}
	return 0, false
}
