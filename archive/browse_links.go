package archive

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// LinkQuery selects a page of the link inventory, by URL.
type LinkQuery struct {
	State  string // up, suspect or down; "" for every state
	Text   string // a part of the URL
	Active bool   // only links a record's latest version still cites
	Limit  int    // 1 to MaxPageSize; 0 means DefaultPageSize
	Offset int
}

// LinkPage is one page of the link inventory and the number of links
// matching in all.
type LinkPage struct {
	Links []Link
	Total int
}

// SearchLinks returns a page of the links matching q, by URL.
func (s *Store) SearchLinks(ctx context.Context, q LinkQuery) (*LinkPage, error) {
	if q.Limit == 0 {
		q.Limit = DefaultPageSize
	}
	if q.Limit < 1 || q.Limit > MaxPageSize || q.Offset < 0 {
		return nil, fmt.Errorf("search links: page size %d or offset %d out of range", q.Limit, q.Offset)
	}
	var conds []string
	var args []any
	if q.State != "" {
		conds, args = append(conds, `state = ?`), append(args, q.State)
	}
	if q.Text != "" {
		conds, args = append(conds, `url LIKE ? ESCAPE '\'`), append(args, "%"+likeEscape(q.Text)+"%")
	}
	if q.Active {
		conds = append(conds, `active = 1`)
	}
	where := "1"
	if len(conds) > 0 {
		where = strings.Join(conds, " AND ")
	}
	page := &LinkPage{Links: []Link{}}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM links WHERE `+where, args...).Scan(&page.Total); err != nil {
		return nil, fmt.Errorf("search links: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT url FROM links WHERE `+where+` ORDER BY url LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("search links: %w", err)
	}
	var urls []any
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search links: %w", err)
		}
		urls = append(urls, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search links: %w", err)
	}
	if len(urls) == 0 {
		return page, nil
	}
	page.Links, err = s.listLinks(ctx, ` AND l.url IN (`+placeholders(len(urls))+`)`, urls...)
	if err != nil {
		return nil, err
	}
	return page, nil
}

// TimelinePoint is one check of a link as a timeline shows it.
type TimelinePoint struct {
	At      time.Time
	Verdict string
	Status  int
}

// LinkTimelines returns, for each URL given, its last n checks, oldest
// first.
func (s *Store) LinkTimelines(ctx context.Context, urls []string, n int) (map[string][]TimelinePoint, error) {
	out := map[string][]TimelinePoint{}
	if len(urls) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(urls)+1)
	for _, u := range urls {
		args = append(args, u)
	}
	args = append(args, n)
	rows, err := s.db.QueryContext(ctx, `SELECT url, checked_at, verdict, status FROM (
		SELECT url, checked_at, verdict, status, id,
			ROW_NUMBER() OVER (PARTITION BY url ORDER BY checked_at DESC, id DESC) AS rn
		FROM link_checks WHERE url IN (`+placeholders(len(urls))+`))
		WHERE rn <= ? ORDER BY url, checked_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("link timelines: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u, at string
		var p TimelinePoint
		if err := rows.Scan(&u, &at, &p.Verdict, &p.Status); err != nil {
			return nil, fmt.Errorf("link timelines: %w", err)
		}
		p.At = ParseTime(at)
		out[u] = append(out[u], p)
	}
	return out, rows.Err()
}

// RecordLinks returns the links a record's latest version cites, by URL,
// with their state.
func (s *Store) RecordLinks(ctx context.Context, recordID int) ([]Link, error) {
	return s.listLinks(ctx, ` AND l.id IN (SELECT link_id FROM link_refs WHERE record_id = ?)`, recordID)
}

// AlertsFor returns the alerts raised for url, newest first.
func (s *Store) AlertsFor(ctx context.Context, url string) ([]AlertRow, error) {
	return s.alertRows(ctx, `WHERE url = ? ORDER BY at DESC, id DESC`, url)
}

// RecentAlerts returns a page of the alerts, newest first, and their
// number in all.
func (s *Store) RecentAlerts(ctx context.Context, limit, offset int) ([]AlertRow, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM alerts`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list alerts: %w", err)
	}
	rows, err := s.alertRows(ctx, `ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`, limit, offset)
	return rows, total, err
}

func (s *Store) alertRows(ctx context.Context, tail string, args ...any) ([]AlertRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, url, verdict, since, at, COALESCE(last_good_capture, 0), delivered, source, detail, delivery, attempts, wayback
		FROM alerts `+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	defer rows.Close()
	out := []AlertRow{}
	for rows.Next() {
		var a AlertRow
		var since, at string
		if err := rows.Scan(&a.ID, &a.Kind, &a.URL, &a.Verdict, &since, &at, &a.LastGoodCapture, &a.Delivered, &a.Source, &a.Detail, &a.Delivery, &a.Attempts, &a.Wayback); err != nil {
			return nil, fmt.Errorf("list alerts: %w", err)
		}
		a.Since, a.At = ParseTime(since), ParseTime(at)
		out = append(out, a)
	}
	return out, rows.Err()
}
