package archive

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
)

// WARCOpener reads a range of a WARC file where an archive keeps its
// closed files: a folder, or an S3-compatible bucket read by range
// (archive/warcstore's Local and S3).
type WARCOpener interface {
	Open(ctx context.Context, name string, offset, n int64) (io.ReadCloser, error)
}

// OpenCaptureRecord opens capture c's WARC record as stored, through w:
// the gzip member of WARCLength bytes at its offset in its file.
func OpenCaptureRecord(ctx context.Context, w WARCOpener, c *Capture) (io.ReadCloser, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if c.WARCFile == "" || filepath.Base(c.WARCFile) != c.WARCFile || c.WARCOffset < 0 || c.WARCLength <= 0 {
		return nil, fmt.Errorf("warc record of capture %d: bad place %q at %d", c.ID, c.WARCFile, c.WARCOffset)
	}
	rc, err := w.Open(ctx, c.WARCFile, c.WARCOffset, c.WARCLength)
	if err != nil {
		return nil, fmt.Errorf("warc record of capture %d: %w", c.ID, err)
	}
	return rc, nil
}

// readCaptureResponse reads and checks capture c's response or revisit
// record through w.
func readCaptureResponse(ctx context.Context, w WARCOpener, c *Capture) (*ArchivedResponse, error) {
	rc, err := OpenCaptureRecord(ctx, w, c)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return ReadResponseFrom(ctx, rc, c.WARCOffset)
}

// PayloadFrom is Store.Payload for a catalog whose WARC files w reads:
// the body (for a revisit, that of the original capture, which capture
// looks up) and the response header, both checked against the record's
// digests.
func PayloadFrom(ctx context.Context, w WARCOpener, c *Capture, capture func(ctx context.Context, id int64) (*Capture, error)) (body []byte, header http.Header, err error) {
	resp, err := readCaptureResponse(ctx, w, c)
	if err != nil {
		return nil, nil, fmt.Errorf("payload of capture %d: %w", c.ID, err)
	}
	header, body = resp.Header, resp.Body
	if c.RevisitOf != 0 {
		orig, err := capture(ctx, c.RevisitOf)
		if err != nil {
			return nil, nil, fmt.Errorf("payload of capture %d: original %d: %w", c.ID, c.RevisitOf, err)
		}
		o, err := readCaptureResponse(ctx, w, orig)
		if err != nil {
			return nil, nil, fmt.Errorf("payload of capture %d: original %d: %w", c.ID, c.RevisitOf, err)
		}
		body = o.Body
	}
	if body == nil && c.RevisitOf == 0 && c.PayloadLength > 0 {
		return nil, nil, fmt.Errorf("payload of capture %d: %w", c.ID, errors.New("record has no payload"))
	}
	return body, header, nil
}
