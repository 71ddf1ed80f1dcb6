package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Crawl is one run of a source's crawl, and its state: "running" while it
// runs (or when its process was killed), "interrupted" when it was stopped,
// "done" or "failed".
type Crawl struct {
	ID         int64
	Source     string
	BaseURL    string
	StartedAt  time.Time
	FinishedAt time.Time
	Status     string
	Report     string // JSON, once finished
}

// StartCrawl records the start of a crawl and returns its id.
func (s *Store) StartCrawl(ctx context.Context, source, baseURL string, at time.Time) (int64, error) {
	res, err := s.exec(ctx, `INSERT INTO crawls (source, base_url, started_at, status) VALUES (?, ?, ?, 'running')`,
		source, baseURL, FormatTime(at))
	if err != nil {
		return 0, fmt.Errorf("start crawl of %s: %w", source, err)
	}
	return res.LastInsertId()
}

// ReopenCrawl marks an unfinished crawl as running again, for --resume.
func (s *Store) ReopenCrawl(ctx context.Context, id int64) error {
	if _, err := s.exec(ctx, `UPDATE crawls SET status = 'running', finished_at = NULL WHERE id = ?`, id); err != nil {
		return fmt.Errorf("reopen crawl %d: %w", id, err)
	}
	return nil
}

// FinishCrawl records how a crawl ended and its report.
func (s *Store) FinishCrawl(ctx context.Context, id int64, status, report string, at time.Time) error {
	_, err := s.exec(ctx, `UPDATE crawls SET status = ?, report = ?, finished_at = ? WHERE id = ?`,
		status, report, FormatTime(at), id)
	if err != nil {
		return fmt.Errorf("finish crawl %d: %w", id, err)
	}
	return nil
}

// UnfinishedCrawl returns the latest crawl of source that did not finish:
// interrupted, failed, or still marked running because its process died.
func (s *Store) UnfinishedCrawl(ctx context.Context, source string) (*Crawl, error) {
	return s.crawlWhere(ctx, `source = ? AND status IN ('running', 'interrupted', 'failed')
		AND (report IS NULL OR json_extract(report, '$.superseded_by') IS NULL)`, source)
}

// SupersedeUnfinished marks the unfinished crawls of source older than
// crawl id as superseded by it: they are no longer resumable.
func (s *Store) SupersedeUnfinished(ctx context.Context, source string, id int64, at time.Time) error {
	_, err := s.exec(ctx, `UPDATE crawls SET status = CASE status WHEN 'running' THEN 'interrupted' ELSE status END,
		finished_at = COALESCE(finished_at, ?), report = json_set(COALESCE(report, '{}'), '$.superseded_by', ?)
		WHERE source = ? AND id < ? AND status IN ('running', 'interrupted', 'failed')`, FormatTime(at), id, source, id)
	if err != nil {
		return fmt.Errorf("supersede unfinished crawls of %s: %w", source, err)
	}
	return nil
}

// Crawl returns the crawl with this id.
func (s *Store) Crawl(ctx context.Context, id int64) (*Crawl, error) {
	return s.crawlWhere(ctx, `id = ?`, id)
}

// LastCrawl returns the latest crawl of source.
func (s *Store) LastCrawl(ctx context.Context, source string) (*Crawl, error) {
	return s.crawlWhere(ctx, `source = ?`, source)
}

func (s *Store) crawlWhere(ctx context.Context, where string, args ...any) (*Crawl, error) {
	var c Crawl
	var started string
	var finished, report sql.NullString
	err := s.queryRow(ctx, `SELECT id, source, base_url, started_at, finished_at, status, report
		FROM crawls WHERE `+where+` ORDER BY id DESC LIMIT 1`, args...).
		Scan(&c.ID, &c.Source, &c.BaseURL, &started, &finished, &c.Status, &report)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find crawl: %w", err)
	}
	c.StartedAt = ParseTime(started)
	if finished.Valid {
		c.FinishedAt = ParseTime(finished.String)
	}
	c.Report = report.String
	return &c, nil
}

// AddFetchError records a fetch that got no response (DNS, refused,
// timeout, TLS) or was refused by policy, for the crawl report.
func (s *Store) AddFetchError(ctx context.Context, crawlID int64, url, kind, msg string, at time.Time) error {
	return s.apply(ctx, FetchErrorWrite(crawlID, url, kind, msg, at))
}

var insertFetchError = writeStatement(`INSERT INTO fetch_errors (crawl_id, url, at, kind, message) VALUES (?, ?, ?, ?, ?)`)

// FetchErrorWrite is AddFetchError as a Write.
func FetchErrorWrite(crawlID int64, url, kind, msg string, at time.Time) Write {
	return Write{what: "add fetch error for " + url, run: func(t *txn) error {
		if _, err := t.exec(insertFetchError, crawlID, url, FormatTime(at), kind, msg); err != nil {
			return fmt.Errorf("add fetch error for %s: %w", url, err)
		}
		return nil
	}}
}

// CaptureInCrawl returns the latest capture of url made by a crawl.
func (s *Store) CaptureInCrawl(ctx context.Context, crawlID int64, url string) (*Capture, error) {
	c, err := scanCapture(s.queryRow(ctx, `SELECT `+captureColumns+` FROM captures
		WHERE crawl_id = ? AND url = ? ORDER BY id DESC LIMIT 1`, crawlID, url))
	if err != nil {
		return nil, fmt.Errorf("capture of %s in crawl %d: %w", url, crawlID, err)
	}
	return c, nil
}

// CrawlRequests counts the responses a crawl archived since a time.
func (s *Store) CrawlRequests(ctx context.Context, crawlID int64, since time.Time) (int64, error) {
	var n int64
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM captures WHERE crawl_id = ? AND fetched_at >= ?`,
		crawlID, timeValue(since)).Scan(&n)
	return n, err
}
