package archive

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ReadResponse reads the response or revisit record at offset in the WARC
// file path (the final name or NAME.open: whichever exists now) and checks
// it: a whole gzip member, its block of Content-Length bytes, and its block
// and payload digests. A record of another type gives ErrWARCNotResponse; a
// damaged one ErrWARCCorrupt or ErrWARCDigest.
func ReadResponse(ctx context.Context, path string, offset int64) (*ArchivedResponse, error) {
	resp, err := readResponse(ctx, path, offset)
	if err != nil {
		return nil, fmt.Errorf("read response %s at %d: %w", path, offset, err)
	}
	return resp, nil
}

func readResponse(ctx context.Context, path string, offset int64) (*ArchivedResponse, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if offset < 0 {
		return nil, fmt.Errorf("negative offset")
	}
	f, err := warcOpenPath(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return nil, err
	}
	return responseFrom(f, offset)
}

// ReadResponseFrom reads the response or revisit record that r starts
// with (a range of a WARC file from offset, as object storage serves it),
// checked as ReadResponse checks it.
func ReadResponseFrom(ctx context.Context, r io.Reader, offset int64) (*ArchivedResponse, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	resp, err := responseFrom(r, offset)
	if err != nil {
		return nil, fmt.Errorf("read response at %d: %w", offset, err)
	}
	return resp, nil
}

func responseFrom(r io.Reader, offset int64) (*ArchivedResponse, error) {
	return scanResponse(newWARCScanner(r, offset, true))
}

// scanResponse reads the response or revisit record sc starts with.
func scanResponse(sc *warcScanner) (*ArchivedResponse, error) {
	rec, err := sc.next()
	if errors.Is(err, io.EOF) {
		return nil, warcCorruptf(io.ErrUnexpectedEOF, "no record at the end of the file")
	}
	if err != nil {
		return nil, err
	}
	if rec.typ != "response" && rec.typ != "revisit" {
		return nil, fmt.Errorf("%w: %s record", ErrWARCNotResponse, rec.typ)
	}
	if rec.status == 0 {
		return nil, warcCorruptf(nil, "%s record without an HTTP status line", rec.typ)
	}
	header, err := warcHTTPHeader(rec.head)
	if err != nil {
		return nil, err
	}
	return &ArchivedResponse{
		RecordID:      rec.get("WARC-Record-ID"),
		Type:          rec.typ,
		TargetURI:     strings.Trim(rec.get("WARC-Target-URI"), "<>"),
		Date:          rec.date,
		StatusCode:    rec.status,
		Header:        header,
		Body:          rec.payload,
		PayloadDigest: rec.get("WARC-Payload-Digest"),
		RefersTo:      rec.get("WARC-Refers-To"),
		Truncated:     rec.get("WARC-Truncated"),
	}, nil
}

// ScanWARC calls fn for every record of the WARC file path (the final name
// or NAME.open), in order, with its offset and length. Each record is
// checked as ReadResponse checks it; the first that fails stops the scan
// with an error wrapping ErrWARCCorrupt or ErrWARCDigest and naming its
// offset. An error from fn stops the scan and is returned, wrapped.
func ScanWARC(ctx context.Context, path string, fn func(ScannedRecord) error) error {
	f, err := warcOpenPath(path)
	if err != nil {
		return fmt.Errorf("scan %s: %w", path, err)
	}
	defer f.Close()
	sc := newWARCScanner(f, 0, false)
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("scan %s: %w", path, err)
		}
		rec, err := sc.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("scan %s: %w", path, err)
		}
		if err := fn(rec.scanned()); err != nil {
			return fmt.Errorf("scan %s at %d: %w", path, rec.offset, err)
		}
	}
}
