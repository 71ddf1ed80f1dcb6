package pg

import (
	"context"
	"fmt"
	"time"

	"archivio/archive"
)

// StartCrawl records the start of a crawl and returns its id.
func (s *Store) StartCrawl(ctx context.Context, source, baseURL string, at time.Time) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `INSERT INTO crawls (source, base_url, started_at, status) VALUES ($1, $2, $3, 'running') RETURNING id`,
		source, baseURL, archive.FormatTime(at)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("start crawl of %s: %w", source, err)
	}
	return id, nil
}

// ReopenCrawl marks an unfinished crawl as running again, for --resume.
func (s *Store) ReopenCrawl(ctx context.Context, id int64) error {
	if _, err := s.pool.Exec(ctx, `UPDATE crawls SET status = 'running', finished_at = NULL WHERE id = $1`, id); err != nil {
		return fmt.Errorf("reopen crawl %d: %w", id, err)
	}
	return nil
}

// FinishCrawl records how a crawl ended and its report.
func (s *Store) FinishCrawl(ctx context.Context, id int64, status, report string, at time.Time) error {
	if _, err := s.pool.Exec(ctx, `UPDATE crawls SET status = $1, report = $2, finished_at = $3 WHERE id = $4`,
		status, report, archive.FormatTime(at), id); err != nil {
		return fmt.Errorf("finish crawl %d: %w", id, err)
	}
	return nil
}

// UnfinishedCrawl returns the latest crawl of source that did not finish
// and was not superseded.
func (s *Store) UnfinishedCrawl(ctx context.Context, source string) (*archive.Crawl, error) {
	return s.crawlWhere(ctx, `source = $1 AND status IN ('running', 'interrupted', 'failed')
		AND (report IS NULL OR report::jsonb -> 'superseded_by' IS NULL)`, source)
}

// SupersedeUnfinished marks the unfinished crawls of source older than
// crawl id as superseded by it: they are no longer resumable.
func (s *Store) SupersedeUnfinished(ctx context.Context, source string, id int64, at time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE crawls SET status = CASE status WHEN 'running' THEN 'interrupted' ELSE status END,
		finished_at = COALESCE(finished_at, $1),
		report = (COALESCE(report, '{}')::jsonb || jsonb_build_object('superseded_by', $2::bigint))::text
		WHERE source = $3 AND id < $2 AND status IN ('running', 'interrupted', 'failed')`, archive.FormatTime(at), id, source)
	if err != nil {
		return fmt.Errorf("supersede unfinished crawls of %s: %w", source, err)
	}
	return nil
}

// Crawl returns the crawl with this id.
func (s *Store) Crawl(ctx context.Context, id int64) (*archive.Crawl, error) {
	return s.crawlWhere(ctx, `id = $1`, id)
}

// LastCrawl returns the latest crawl of source.
func (s *Store) LastCrawl(ctx context.Context, source string) (*archive.Crawl, error) {
	return s.crawlWhere(ctx, `source = $1`, source)
}

func (s *Store) crawlWhere(ctx context.Context, where string, args ...any) (*archive.Crawl, error) {
	var c archive.Crawl
	var started string
	var finished, report *string
	err := s.pool.QueryRow(ctx, `SELECT id, source, base_url, started_at, finished_at, status, report
		FROM crawls WHERE `+where+` ORDER BY id DESC LIMIT 1`, args...).
		Scan(&c.ID, &c.Source, &c.BaseURL, &started, &finished, &c.Status, &report)
	if err != nil {
		return nil, fmt.Errorf("find crawl: %w", notFound(err))
	}
	c.StartedAt = archive.ParseTime(started)
	if finished != nil {
		c.FinishedAt = archive.ParseTime(*finished)
	}
	if report != nil {
		c.Report = *report
	}
	return &c, nil
}

// AddFetchError records a fetch that got no response or was refused by
// policy, for the crawl report.
func (s *Store) AddFetchError(ctx context.Context, crawlID int64, url, kind, msg string, at time.Time) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO fetch_errors (crawl_id, url, at, kind, message) VALUES ($1, $2, $3, $4, $5)`,
		crawlID, url, archive.FormatTime(at), kind, msg)
	if err != nil {
		return fmt.Errorf("add fetch error for %s: %w", url, err)
	}
	return nil
}
