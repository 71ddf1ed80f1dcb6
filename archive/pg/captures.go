package pg

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

// nullable is v, or NULL for its zero value.
func nullable[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}

const insertCapture = `INSERT INTO captures
	(crawl_id, url, method, fetched_at, status, content_type, etag, last_modified, payload_digest,
	 payload_length, truncated, revisit_of, warc_file, warc_offset, warc_length, warc_record_id, pending)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
	 $17 AND NOT EXISTS (SELECT 1 FROM warc_files WHERE name = $13 AND state = 'stored')) RETURNING id`

func captureArgs(c *archive.Capture) []any {
	return []any{nullable(c.CrawlID), c.URL, nullable(c.Method), archive.FormatTime(c.FetchedAt), c.Status, c.ContentType, c.ETag, c.LastModified,
		c.PayloadDigest, c.PayloadLength, c.Truncated, nullable(c.RevisitOf), c.WARCFile, c.WARCOffset, c.WARCLength, c.WARCRecordID}
}

// AddCapture lists a capture in the catalog and returns its id. With
// Options.RemoteWARCs the capture is pending until its WARC file is
// stored (WARCFileStored), unless the file is stored already: a node
// may close and ship a file between writing an exchange to it and
// cataloguing its capture, and the record is then in the stored file.
//
// The insert holds its file's lock shared (lockWARCFile) and looks at
// the file's state once it holds it, in the same transaction (a batch
// runs in one): the flip of WARCFileStored, which holds the lock
// exclusively, either waits for the capture and flips it too, or
// commits first and the capture sees the file stored. Without it a
// capture inserted while its file is flipped stays pending for good.
func (s *Store) AddCapture(ctx context.Context, c *archive.Capture) (int64, error) {
	b := &pgx.Batch{}
	b.Queue(`SELECT pg_advisory_xact_lock_shared($1, hashtext($2))`, lockWARCFile, c.WARCFile)
	b.Queue(insertCapture, append(captureArgs(c), s.opts.RemoteWARCs)...)
	br := s.pool.SendBatch(ctx, b)
	_, err := br.Exec()
	if err == nil {
		err = br.QueryRow().Scan(&c.ID)
	}
	if err = errors.Join(err, br.Close()); err != nil {
		return 0, fmt.Errorf("add capture of %s: %w", c.URL, err)
	}
	return c.ID, nil
}

// insertDuplicate is insertCapture of a capture marked as a duplicate.
const insertDuplicate = `INSERT INTO captures
	(crawl_id, url, method, fetched_at, status, content_type, etag, last_modified, payload_digest,
	 payload_length, truncated, revisit_of, warc_file, warc_offset, warc_length, warc_record_id, pending, duplicate)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
	 $17 AND NOT EXISTS (SELECT 1 FROM warc_files WHERE name = $13 AND state = 'stored'), TRUE) RETURNING id`

// AddDuplicateCapture lists a capture as AddCapture does (pending until
// its file is stored), marked as a duplicate: a record kept in the
// archive that is the outcome of no URL. So a node lists, at its next
// start, what it wrote and had not listed when it was killed: whatever
// became of the page since (settled by another node from its own fetch,
// leased to another, or queued for a fetch again once the restart
// releases the node's leases), the lease it was fetched under is lost,
// as a completion that lost its lease keeps its captures as duplicates.
func (s *Store) AddDuplicateCapture(ctx context.Context, c *archive.Capture) (int64, error) {
	b := &pgx.Batch{}
	b.Queue(`SELECT pg_advisory_xact_lock_shared($1, hashtext($2))`, lockWARCFile, c.WARCFile)
	b.Queue(insertDuplicate, append(captureArgs(c), s.opts.RemoteWARCs)...)
	br := s.pool.SendBatch(ctx, b)
	_, err := br.Exec()
	if err == nil {
		err = br.QueryRow().Scan(&c.ID)
	}
	if err = errors.Join(err, br.Close()); err != nil {
		return 0, fmt.Errorf("add duplicate capture of %s: %w", c.URL, err)
	}
	return c.ID, nil
}

// CrawlOfFile returns the crawl of a capture listed in a WARC file (0
// when the file has none): the crawl of the file's other records.
func (s *Store) CrawlOfFile(ctx context.Context, file string) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT COALESCE(crawl_id, 0) FROM captures WHERE warc_file = $1 AND crawl_id IS NOT NULL LIMIT 1`, file).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("crawl of %s: %w", file, err)
	}
	return id, nil
}

const captureColumns = `id, COALESCE(crawl_id, 0), url, COALESCE(method, ''), fetched_at, status, content_type, etag, last_modified,
	payload_digest, payload_length, truncated, COALESCE(revisit_of, 0), warc_file, warc_offset, warc_length, warc_record_id`

func scanCapture(row pgx.Row) (*archive.Capture, error) {
	var c archive.Capture
	var at string
	err := row.Scan(&c.ID, &c.CrawlID, &c.URL, &c.Method, &at, &c.Status, &c.ContentType, &c.ETag, &c.LastModified,
		&c.PayloadDigest, &c.PayloadLength, &c.Truncated, &c.RevisitOf, &c.WARCFile, &c.WARCOffset, &c.WARCLength, &c.WARCRecordID)
	if err != nil {
		return nil, notFound(err)
	}
	c.FetchedAt = archive.ParseTime(at)
	return &c, nil
}

func (s *Store) oneCapture(ctx context.Context, what, where string, args ...any) (*archive.Capture, error) {
	c, err := scanCapture(s.pool.QueryRow(ctx, `SELECT `+captureColumns+` FROM captures WHERE `+where, args...))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return c, nil
}

// Capture returns the capture with this id.
func (s *Store) Capture(ctx context.Context, id int64) (*archive.Capture, error) {
	return s.oneCapture(ctx, fmt.Sprintf("capture %d", id), `id = $1`, id)
}

// LastGoodCapture returns the latest capture of url that answered 200
// with a whole, non-empty body.
func (s *Store) LastGoodCapture(ctx context.Context, url string) (*archive.Capture, error) {
	return s.oneCapture(ctx, "last capture of "+url, `url = $1 AND status = 200 AND truncated = '' AND payload_length > 0
		ORDER BY fetched_at DESC, id DESC LIMIT 1`, url)
}

// OriginalCapture returns the latest full (non-revisit) capture of url
// whose payload has this digest.
func (s *Store) OriginalCapture(ctx context.Context, url, digest string) (*archive.Capture, error) {
	return s.oneCapture(ctx, "original capture of "+url, `url = $1 AND payload_digest = $2 AND status = 200
		AND revisit_of IS NULL AND truncated = '' ORDER BY fetched_at DESC, id DESC LIMIT 1`, url, digest)
}

// CaptureInCrawl returns the latest capture of url made by a crawl.
func (s *Store) CaptureInCrawl(ctx context.Context, crawlID int64, url string) (*archive.Capture, error) {
	return s.oneCapture(ctx, fmt.Sprintf("capture of %s in crawl %d", url, crawlID),
		`crawl_id = $1 AND url = $2 ORDER BY id DESC LIMIT 1`, crawlID, url)
}

// CapturesOf returns the captures of a crawl in fetch order.
func (s *Store) CapturesOf(ctx context.Context, crawlID int64) ([]*archive.Capture, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+captureColumns+` FROM captures WHERE crawl_id = $1 ORDER BY id`, crawlID)
	if err != nil {
		return nil, fmt.Errorf("captures of crawl %d: %w", crawlID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*archive.Capture, error) { return scanCapture(r) })
	if err != nil {
		return nil, fmt.Errorf("captures of crawl %d: %w", crawlID, err)
	}
	return out, nil
}

// CaptureCount is the number of captures in the catalog.
func (s *Store) CaptureCount(ctx context.Context) (int64, error) {
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM captures`).Scan(&n)
	return n, err
}

// HasCaptureAt reports whether the catalog lists the WARC record at this
// place.
func (s *Store) HasCaptureAt(ctx context.Context, file string, offset int64) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM captures WHERE warc_file = $1 AND warc_offset = $2)`, file, offset).Scan(&ok)
	return ok, err
}

// CataloguedOffsets returns the offsets of the catalogued records of a
// WARC file.
func (s *Store) CataloguedOffsets(ctx context.Context, file string) (map[int64]bool, error) {
	rows, err := s.pool.Query(ctx, `SELECT warc_offset FROM captures WHERE warc_file = $1`, file)
	if err != nil {
		return nil, fmt.Errorf("captures in %s: %w", file, err)
	}
	offs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("captures in %s: %w", file, err)
	}
	out := make(map[int64]bool, len(offs))
	for _, o := range offs {
		out[o] = true
	}
	return out, nil
}

// CrawlRequests counts the responses a crawl archived since a time.
func (s *Store) CrawlRequests(ctx context.Context, crawlID int64, since time.Time) (int64, error) {
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM captures WHERE crawl_id = $1 AND fetched_at >= $2`, crawlID, archive.FormatTime(since)).Scan(&n)
	return n, err
}
