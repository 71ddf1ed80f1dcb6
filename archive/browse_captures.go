package archive

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"
)

// aMemento is the condition on a capture that holds a representation of
// its URL: not a 304 Not Modified, not the answer to a HEAD request (a link
// check's first question), and not an empty 2xx answer (such answers of
// catalogs older than the method column).
const aMemento = `status != 304 AND COALESCE(method, 'GET') != 'HEAD' AND (payload_length > 0 OR status >= 300)`

// URLCaptures returns the captures of url that hold a representation of
// it (see aMemento), oldest first: its mementos.
func (s *Store) URLCaptures(ctx context.Context, url string) ([]*Capture, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+captureColumns+` FROM captures
		WHERE url = ? AND `+aMemento+` ORDER BY fetched_at, id`, url)
	if err != nil {
		return nil, fmt.Errorf("captures of %s: %w", url, err)
	}
	defer rows.Close()
	var out []*Capture
	for rows.Next() {
		c, err := scanCapture(rows)
		if err != nil {
			return nil, fmt.Errorf("captures of %s: %w", url, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// NearestCapture returns the memento of url (see aMemento) closest
// in time to at, the earlier one on a tie, or ErrNotFound.
func (s *Store) NearestCapture(ctx context.Context, url string, at time.Time) (*Capture, error) {
	t, v := FormatTime(at), timeValue(at)
	c, err := scanCapture(s.queryRow(ctx, `SELECT `+captureColumns+` FROM (
		SELECT * FROM (SELECT * FROM captures WHERE url = ? AND `+aMemento+` AND fetched_at <= ? ORDER BY fetched_at DESC, id DESC LIMIT 1)
		UNION ALL
		SELECT * FROM (SELECT * FROM captures WHERE url = ? AND `+aMemento+` AND fetched_at > ? ORDER BY fetched_at, id LIMIT 1))
		ORDER BY ABS(julianday(archivio_time(fetched_at)) - julianday(?)), fetched_at LIMIT 1`, url, v, url, v, t))
	if err != nil {
		return nil, fmt.Errorf("capture of %s near %s: %w", url, t, err)
	}
	return c, nil
}

// ArchivedURLs reports which of urls have a memento (see aMemento).
func (s *Store) ArchivedURLs(ctx context.Context, urls []string) (map[string]bool, error) {
	out := map[string]bool{}
	const chunk = 400
	for start := 0; start < len(urls); start += chunk {
		part := urls[start:min(start+chunk, len(urls))]
		args := make([]any, len(part))
		for i, u := range part {
			args[i] = u
		}
		rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT url FROM captures WHERE `+aMemento+` AND url IN (`+placeholders(len(part))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("archived urls: %w", err)
		}
		for rows.Next() {
			var u string
			if err := rows.Scan(&u); err != nil {
				rows.Close()
				return nil, fmt.Errorf("archived urls: %w", err)
			}
			out[u] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("archived urls: %w", err)
		}
	}
	return out, nil
}

// CaptureAt returns the capture whose WARC record is at offset in the
// WARC file named file, or ErrNotFound: a file and offset a reader gives
// are only used once the catalog lists them.
func (s *Store) CaptureAt(ctx context.Context, file string, offset int64) (*Capture, error) {
	c, err := scanCapture(s.queryRow(ctx, `SELECT `+captureColumns+` FROM captures WHERE warc_file = `+warcFileOf+` AND warc_offset = ?`, file, offset))
	if err != nil {
		return nil, fmt.Errorf("capture in %s at %d: %w", file, offset, err)
	}
	return c, nil
}

// CrawlPage is a page of the runs (crawls and link checks), newest first,
// and their number in all.
type CrawlPage struct {
	Crawls []Crawl
	Total  int
}

// Crawls returns a page of the runs, newest first; of one source when
// source is not "".
func (s *Store) Crawls(ctx context.Context, source string, limit, offset int) (*CrawlPage, error) {
	where, args := "1", []any{}
	if source != "" {
		where, args = "source = ?", append(args, source)
	}
	p := &CrawlPage{Crawls: []Crawl{}}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM crawls WHERE `+where, args...).Scan(&p.Total); err != nil {
		return nil, fmt.Errorf("list crawls: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, source, base_url, started_at, COALESCE(finished_at, ''), status, COALESCE(report, '')
		FROM crawls WHERE `+where+` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("list crawls: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c Crawl
		var started, finished string
		if err := rows.Scan(&c.ID, &c.Source, &c.BaseURL, &started, &finished, &c.Status, &c.Report); err != nil {
			return nil, fmt.Errorf("list crawls: %w", err)
		}
		c.StartedAt, c.FinishedAt = ParseTime(started), ParseTime(finished)
		p.Crawls = append(p.Crawls, c)
	}
	return p, rows.Err()
}

// FetchErrorKinds counts a crawl's fetch errors by kind.
func (s *Store) FetchErrorKinds(ctx context.Context, crawlID int64) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kind, COUNT(*) FROM fetch_errors WHERE crawl_id = ? GROUP BY kind`, crawlID)
	if err != nil {
		return nil, fmt.Errorf("fetch errors of crawl %d: %w", crawlID, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("fetch errors of crawl %d: %w", crawlID, err)
		}
		out[k] = n
	}
	return out, rows.Err()
}

// ArchivedPage is a record's latest version as a page of the archive: the
// capture it was read from, and its title.
type ArchivedPage struct {
	RecordID   int
	Title      string
	URL        string
	CapturedAt time.Time
}

// ArchivedRecordPages calls fn with every record's page as its latest
// version was read, by record id.
func (s *Store) ArchivedRecordPages(ctx context.Context, fn func(ArchivedPage) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT s.record_id, s.title, c.url, c.fetched_at FROM record_summaries s
		JOIN captures c ON c.id = s.capture_id ORDER BY s.record_id`)
	if err != nil {
		return fmt.Errorf("record pages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p ArchivedPage
		if err := rows.Scan(&p.RecordID, &p.Title, &p.URL, storedTime{&p.CapturedAt}); err != nil {
			return fmt.Errorf("record pages: %w", err)
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// WARCRecord opens a capture's WARC record as stored: the gzip member of
// WARCLength bytes at its offset in its WARC file (the final name, or
// NAME.open while a writer has it).
func (s *Store) WARCRecord(ctx context.Context, c *Capture) (io.ReadCloser, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if c.WARCFile == "" || filepath.Base(c.WARCFile) != c.WARCFile || c.WARCOffset < 0 || c.WARCLength <= 0 {
		return nil, fmt.Errorf("warc record of capture %d: bad place %q at %d", c.ID, c.WARCFile, c.WARCOffset)
	}
	f, err := warcOpenPath(filepath.Join(s.WARCDir(), c.WARCFile))
	if err != nil {
		return nil, fmt.Errorf("warc record of capture %d: %w", c.ID, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.NewSectionReader(f, c.WARCOffset, c.WARCLength), f}, nil
}
