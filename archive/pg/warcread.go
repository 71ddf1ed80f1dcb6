package pg

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"archivio/archive"
)

// ErrPendingUpload is returned for a capture whose WARC file its node
// has not uploaded yet: it is on that node only.
var ErrPendingUpload = errors.New("its WARC file is not in the storage yet")

// WARCRecord opens capture c's WARC record (its gzip member) from the
// storage of Options.WARCs, by range.
func (s *Store) WARCRecord(ctx context.Context, c *archive.Capture) (io.ReadCloser, error) {
	if err := s.readable(ctx, c); err != nil {
		return nil, err
	}
	return archive.OpenCaptureRecord(ctx, s.opts.WARCs, c)
}

// Payload reads capture c's payload and response header from the
// storage of Options.WARCs, checked against the record's digests (see
// archive.Store.Payload).
func (s *Store) Payload(ctx context.Context, c *archive.Capture) ([]byte, http.Header, error) {
	if err := s.readable(ctx, c); err != nil {
		return nil, nil, err
	}
	return archive.PayloadFrom(ctx, s.opts.WARCs, c, func(ctx context.Context, id int64) (*archive.Capture, error) {
		orig, err := s.Capture(ctx, id)
		if err != nil {
			return nil, err
		}
		return orig, s.readable(ctx, orig)
	})
}

// readable fails for a capture whose record cannot be read: no storage
// configured, or its file still pending upload.
func (s *Store) readable(ctx context.Context, c *archive.Capture) error {
	if s.opts.WARCs == nil {
		return fmt.Errorf("warc record of capture %d: no WARC storage configured", c.ID)
	}
	var pending bool
	if err := s.pool.QueryRow(ctx, `SELECT pending FROM captures WHERE id = $1`, c.ID).Scan(&pending); err != nil {
		return fmt.Errorf("warc record of capture %d: %w", c.ID, notFound(err))
	}
	if pending {
		return fmt.Errorf("warc record of capture %d in %s: %w", c.ID, c.WARCFile, ErrPendingUpload)
	}
	return nil
}
