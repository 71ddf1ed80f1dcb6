package pg

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

// aMemento is the condition on a capture that holds a representation of
// its URL (see archive.Store.URLCaptures).
const aMemento = `status <> 304 AND COALESCE(method, 'GET') <> 'HEAD' AND (payload_length > 0 OR status >= 300)`

func (s *Store) captureList(ctx context.Context, what, where string, a ...any) ([]*archive.Capture, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+captureColumns+` FROM captures WHERE `+where, a...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*archive.Capture, error) { return scanCapture(r) })
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// URLCaptures returns the captures of url that hold a representation of
// it, oldest first: its mementos.
func (s *Store) URLCaptures(ctx context.Context, url string) ([]*archive.Capture, error) {
	return s.captureList(ctx, "captures of "+url, `url = $1 AND `+aMemento+` ORDER BY fetched_at COLLATE "C", id`, url)
}

// NearestCapture returns the memento of url closest in time to at, the
// earlier one on a tie, or archive.ErrNotFound.
func (s *Store) NearestCapture(ctx context.Context, url string, at time.Time) (*archive.Capture, error) {
	t := archive.FormatTime(at)
	before, err := s.oneCapture(ctx, "", `url = $1 AND `+aMemento+` AND fetched_at <= $2 ORDER BY fetched_at COLLATE "C" DESC, id DESC LIMIT 1`, url, t)
	if err != nil && !errors.Is(err, archive.ErrNotFound) {
		return nil, fmt.Errorf("capture of %s near %s: %w", url, t, err)
	}
	after, err := s.oneCapture(ctx, "", `url = $1 AND `+aMemento+` AND fetched_at > $2 ORDER BY fetched_at COLLATE "C", id LIMIT 1`, url, t)
	if err != nil && !errors.Is(err, archive.ErrNotFound) {
		return nil, fmt.Errorf("capture of %s near %s: %w", url, t, err)
	}
	switch {
	case before == nil && after == nil:
		return nil, fmt.Errorf("capture of %s near %s: %w", url, t, archive.ErrNotFound)
	case after == nil:
		return before, nil
	case before == nil:
		return after, nil
	}
	if after.FetchedAt.Sub(at) < at.Sub(before.FetchedAt) {
		return after, nil
	}
	return before, nil
}

// ArchivedURLs reports which of urls have a memento.
func (s *Store) ArchivedURLs(ctx context.Context, urls []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(urls) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT url FROM captures WHERE `+aMemento+` AND url = ANY($1)`, urls)
	if err != nil {
		return nil, fmt.Errorf("archived urls: %w", err)
	}
	var u string
	if _, err := pgx.ForEachRow(rows, []any{&u}, func() error { out[u] = true; return nil }); err != nil {
		return nil, fmt.Errorf("archived urls: %w", err)
	}
	return out, nil
}

// CaptureAt returns the capture whose WARC record is at offset in the
// WARC file named file, or archive.ErrNotFound.
func (s *Store) CaptureAt(ctx context.Context, file string, offset int64) (*archive.Capture, error) {
	return s.oneCapture(ctx, fmt.Sprintf("capture in %s at %d", file, offset), `warc_file = $1 AND warc_offset = $2`, file, offset)
}

// Crawls returns a page of the runs, newest first; of one source when
// source is not "".
func (s *Store) Crawls(ctx context.Context, source string, limit, offset int) (*archive.CrawlPage, error) {
	where := `$1 = '' OR source = $1`
	p := &archive.CrawlPage{Crawls: []archive.Crawl{}}
	if err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM crawls WHERE `+where, source).Scan(&p.Total); err != nil {
		return nil, fmt.Errorf("list crawls: %w", err)
	}
	rows, err := s.pool.Query(ctx, `SELECT id, source, base_url, started_at, COALESCE(finished_at, ''), status, COALESCE(report, '')
		FROM crawls WHERE `+where+` ORDER BY id DESC LIMIT $2 OFFSET $3`, source, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("list crawls: %w", err)
	}
	p.Crawls, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (archive.Crawl, error) {
		var c archive.Crawl
		var started, finished string
		err := r.Scan(&c.ID, &c.Source, &c.BaseURL, &started, &finished, &c.Status, &c.Report)
		c.StartedAt, c.FinishedAt = archive.ParseTime(started), archive.ParseTime(finished)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("list crawls: %w", err)
	}
	return p, nil
}

// FetchErrorKinds counts a crawl's fetch errors by kind.
func (s *Store) FetchErrorKinds(ctx context.Context, crawlID int64) (map[string]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT kind, COUNT(*) FROM fetch_errors WHERE crawl_id = $1 GROUP BY kind`, crawlID)
	if err != nil {
		return nil, fmt.Errorf("fetch errors of crawl %d: %w", crawlID, err)
	}
	out := map[string]int{}
	var k string
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&k, &n}, func() error { out[k] = n; return nil }); err != nil {
		return nil, fmt.Errorf("fetch errors of crawl %d: %w", crawlID, err)
	}
	return out, nil
}

// Overview counts what the archive holds.
func (s *Store) Overview(ctx context.Context) (*archive.Overview, error) {
	o := &archive.Overview{Links: map[string]int{archive.StateUp: 0, archive.StateSuspect: 0, archive.StateDown: 0},
		LinksDown: []string{}, LastRuns: []archive.Crawl{}}
	if err := s.pool.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM records), (SELECT COUNT(*) FROM captures),
		(SELECT COUNT(*) FROM alerts)`).Scan(&o.Records, &o.Captures, &o.Alerts); err != nil {
		return nil, fmt.Errorf("overview: %w", err)
	}
	rows, err := s.pool.Query(ctx, `SELECT url, state FROM links WHERE active ORDER BY url COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("overview: %w", err)
	}
	var u, state string
	if _, err := pgx.ForEachRow(rows, []any{&u, &state}, func() error {
		o.Links[state]++
		if state == archive.StateDown {
			o.LinksDown = append(o.LinksDown, u)
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("overview: %w", err)
	}
	rows, err = s.pool.Query(ctx, `SELECT source FROM crawls GROUP BY source ORDER BY source COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	sources, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	for _, src := range sources {
		c, err := s.LastCrawl(ctx, src)
		if errors.Is(err, archive.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		o.LastRuns = append(o.LastRuns, *c)
	}
	return o, nil
}
