package pg

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/jackc/pgx/v5"

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

// StoredWARCFiles returns the names of the catalog's WARC files that are
// in the storage of Options.WARCs: those uploaded, and those its
// captures name that were never pending (moved in with their archive).
func (s *Store) StoredWARCFiles(ctx context.Context) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT name FROM warc_files WHERE state = 'stored'
		UNION SELECT warc_file FROM captures GROUP BY warc_file HAVING NOT bool_or(pending)
		ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("stored warc files: %w", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("stored warc files: %w", err)
	}
	return names, nil
}

// OpenStored reads a stored file whole (a WARC file, or its index
// NAME.cdxj) from the storage of Options.WARCs.
func (s *Store) OpenStored(ctx context.Context, name string) (io.ReadCloser, error) {
	if s.opts.WARCs == nil {
		return nil, fmt.Errorf("open %s: no WARC storage configured", name)
	}
	return s.opts.WARCs.Open(ctx, name, 0, -1)
}

// ArchivedRecordPages calls fn with every record's page as its latest
// version was read, by record id.
func (s *Store) ArchivedRecordPages(ctx context.Context, fn func(archive.ArchivedPage) error) error {
	rows, err := s.pool.Query(ctx, `SELECT s.record_id, s.title, c.url, c.fetched_at FROM record_summaries s
		JOIN captures c ON c.id = s.capture_id ORDER BY s.record_id`)
	if err != nil {
		return fmt.Errorf("record pages: %w", err)
	}
	var p archive.ArchivedPage
	var at string
	_, err = pgx.ForEachRow(rows, []any{&p.RecordID, &p.Title, &p.URL, &at}, func() error {
		p.CapturedAt = archive.ParseTime(at)
		return fn(p)
	})
	if err != nil {
		return fmt.Errorf("record pages: %w", err)
	}
	return nil
}
