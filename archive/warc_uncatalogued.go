package archive

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
)

// What a run killed between writing an exchange to its WARC file and
// listing its capture leaves: a response record the catalog lacks. Its
// next start finds such records in the files it repaired (or closed and
// had not catalogued whole) and lists them, from the records themselves.

// crawlCollection prefixes a crawl's id in its WARC files' warcinfo
// "isPartOf".
const crawlCollection = "archivio-crawl-"

// CrawlCollection is the warcinfo "isPartOf" of the WARC files holding
// the exchanges of crawl id (a crawl or a run of link checks): the crawl
// their records' captures belong to, read back by WARCCrawl.
func CrawlCollection(id int64) string { return crawlCollection + strconv.FormatInt(id, 10) }

// ReadWARCInfo returns the fields of the warcinfo record that opens the
// WARC file path (the final name or NAME.open), by name as written.
func ReadWARCInfo(ctx context.Context, path string) (map[string]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := warcOpenPath(path)
	if err != nil {
		return nil, fmt.Errorf("read warcinfo of %s: %w", path, err)
	}
	defer f.Close()
	rec, err := newWARCScanner(f, 0, true).next()
	if err != nil {
		return nil, fmt.Errorf("read warcinfo of %s: %w", path, err)
	}
	if rec.typ != "warcinfo" {
		return nil, fmt.Errorf("read warcinfo of %s: the file starts with a %s record", path, rec.typ)
	}
	out := map[string]string{}
	for line := range strings.Lines(string(rec.payload)) {
		if name, value, ok := strings.Cut(strings.TrimRight(line, "\r\n"), ":"); ok {
			out[strings.TrimSpace(name)] = strings.TrimSpace(value)
		}
	}
	return out, nil
}

// WARCCrawl returns the crawl the records of the WARC file path belong
// to, from its warcinfo "isPartOf" (CrawlCollection); ok is false for a
// file that names none (written before files named it, or by one
// machine's crawl).
func WARCCrawl(ctx context.Context, path string) (id int64, ok bool, err error) {
	info, err := ReadWARCInfo(ctx, path)
	if err != nil {
		return 0, false, err
	}
	n, found := strings.CutPrefix(info["isPartOf"], crawlCollection)
	if !found {
		return 0, false, nil
	}
	id, err = strconv.ParseInt(n, 10, 64)
	if err != nil || id <= 0 {
		return 0, false, nil
	}
	return id, true, nil
}

// ResponseRecords lists the response and revisit records of the WARC file
// path: from its CDXJ index or, without one, a reading of the file (up to
// its first damaged record).
func ResponseRecords(ctx context.Context, path string) ([]IndexedRecord, error) {
	index, err := ReadCDXJ(ctx, path)
	if err == nil {
		return index, nil
	}
	f, err := warcOpenPath(path)
	if err != nil {
		return nil, fmt.Errorf("records of %s: %w", path, err)
	}
	defer f.Close()
	_, _, entries, _, err := indexWARC(ctx, f, filepath.Base(path))
	if err != nil {
		return nil, fmt.Errorf("records of %s: %w", path, err)
	}
	out := make([]IndexedRecord, 0, len(entries))
	for _, e := range entries {
		off, _ := strconv.ParseInt(e.fields.Offset, 10, 64)
		length, _ := strconv.ParseInt(e.fields.Length, 10, 64)
		method := e.fields.Method
		if method == "" {
			method = http.MethodGet
		}
		out = append(out, IndexedRecord{URL: e.fields.URL, Method: method, Offset: off, Length: length})
	}
	return out, nil
}

// RecordCatalog is what ListUncatalogued asks of a catalog (a Store, or
// the shared catalog of several machines).
type RecordCatalog interface {
	CataloguedOffsets(ctx context.Context, file string) (map[int64]bool, error)
	OriginalCapture(ctx context.Context, url, digest string) (*Capture, error)
}

// ListUncatalogued calls add, in file order, with the capture of every
// response and revisit record of the WARC file path (catalogued by its
// name) that cat lists no capture at, built from the record as the
// recording transport builds it: its crawl (CrawlID) is the caller's to
// set. A revisit refers to the original capture cat finds when add is
// called, so an original earlier in the file, added first, is found. It
// returns how many captures it gave add.
func ListUncatalogued(ctx context.Context, cat RecordCatalog, path string, add func(*Capture) error) (int, error) {
	name := strings.TrimSuffix(filepath.Base(path), warcOpenSuffix)
	have, err := cat.CataloguedOffsets(ctx, name)
	if err != nil {
		return 0, err
	}
	index, err := ResponseRecords(ctx, path)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range index {
		if have[r.Offset] {
			continue
		}
		resp, err := ReadResponse(ctx, path, r.Offset)
		if err != nil {
			return n, err
		}
		c := &Capture{
			URL: resp.TargetURI, Method: r.Method, FetchedAt: resp.Date, Status: resp.StatusCode,
			ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"),
			LastModified: resp.Header.Get("Last-Modified"), PayloadDigest: resp.PayloadDigest,
			PayloadLength: int64(len(resp.Body)), Truncated: resp.Truncated,
			WARCFile: name, WARCOffset: r.Offset, WARCLength: r.Length, WARCRecordID: resp.RecordID,
		}
		if resp.Type == "revisit" {
			o, err := cat.OriginalCapture(ctx, resp.TargetURI, resp.PayloadDigest)
			switch {
			case err == nil:
				c.RevisitOf, c.PayloadLength = o.ID, o.PayloadLength
			case !errors.Is(err, ErrNotFound):
				return n, err
			}
		}
		if err := add(c); err != nil {
			return n, fmt.Errorf("list the capture at %d of %s: %w", r.Offset, name, err)
		}
		n++
	}
	return n, nil
}
