package pg

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

// listLinks returns the links of the inventory meeting where (a
// condition on l, links), by URL, with the records and fields citing
// them (see archive.Store.Links).
func (s *Store) listLinks(ctx context.Context, where string, a args) ([]archive.Link, error) {
	rows, err := s.pool.Query(ctx, `SELECT l.url, l.state, COALESCE(l.state_since, ''), l.last_verdict, l.active,
		COALESCE(l.last_checked, ''), COALESCE(l.last_ok, ''), COALESCE(l.last_good_capture, 0), l.redirect_chain,
		COALESCE((SELECT array_agg(DISTINCT r.record_id) FROM link_refs r WHERE r.url = l.url), '{}'),
		COALESCE((SELECT array_agg(DISTINCT r.field) FROM link_refs r WHERE r.url = l.url), '{}'),
		COALESCE((SELECT bool_or(r.declared_gone) FROM link_refs r WHERE r.url = l.url), false),
		COALESCE((SELECT array_agg(DISTINCT 'site:' || sl.source) FROM site_links sl WHERE sl.url = l.url), '{}')
		FROM links l WHERE `+where+` ORDER BY l.url COLLATE "C"`, a...)
	if err != nil {
		return nil, fmt.Errorf("list links: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (archive.Link, error) {
		var l archive.Link
		var since, checked, ok, chain string
		var ids []int64
		var fields, sites []string
		if err := r.Scan(&l.URL, &l.State, &since, &l.Verdict, &l.Active, &checked, &ok, &l.LastGoodCapture,
			&chain, &ids, &fields, &l.DeclaredGone, &sites); err != nil {
			return l, err
		}
		l.StateSince, l.LastChecked, l.LastOK = archive.ParseTime(since), archive.ParseTime(checked), archive.ParseTime(ok)
		l.RedirectChain = json.RawMessage(chain)
		l.RecordIDs = make([]int, len(ids))
		for i, id := range ids {
			l.RecordIDs[i] = int(id)
		}
		slices.Sort(l.RecordIDs)
		l.Fields = append(fields, sites...)
		slices.Sort(l.Fields)
		return l, nil
	})
	if err != nil {
		return nil, fmt.Errorf("list links: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// Links returns the link inventory, by URL: every link when state is "",
// else those in that state; only links a record still cites when
// activeOnly.
func (s *Store) Links(ctx context.Context, state string, activeOnly bool) ([]archive.Link, error) {
	var a args
	where := "true"
	if state != "" {
		where += ` AND l.state = ` + a.add(state)
	}
	if activeOnly {
		where += ` AND l.active`
	}
	return s.listLinks(ctx, where, a)
}

// Link returns one link of the inventory.
func (s *Store) Link(ctx context.Context, url string) (*archive.Link, error) {
	ls, err := s.listLinks(ctx, `l.url = $1`, args{url})
	if err != nil {
		return nil, err
	}
	if len(ls) == 0 {
		return nil, fmt.Errorf("link %s: %w", url, archive.ErrNotFound)
	}
	return &ls[0], nil
}

// SearchLinks returns a page of the links matching q, by URL.
func (s *Store) SearchLinks(ctx context.Context, q archive.LinkQuery) (*archive.LinkPage, error) {
	if q.Limit == 0 {
		q.Limit = archive.DefaultPageSize
	}
	if q.Limit < 1 || q.Limit > archive.MaxPageSize || q.Offset < 0 {
		return nil, fmt.Errorf("search links: page size %d or offset %d out of range", q.Limit, q.Offset)
	}
	var a args
	conds := []string{"true"}
	if q.State != "" {
		conds = append(conds, `state = `+a.add(q.State))
	}
	if q.Text != "" {
		// SQLite's LIKE ignores the case of ASCII letters.
		conds = append(conds, `url ILIKE `+a.add("%"+likeEscape(q.Text)+"%")+` ESCAPE '\'`)
	}
	if q.Active {
		conds = append(conds, `active`)
	}
	where := strings.Join(conds, " AND ")
	page := &archive.LinkPage{Links: []archive.Link{}}
	if err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM links WHERE `+where, a...).Scan(&page.Total); err != nil {
		return nil, fmt.Errorf("search links: %w", err)
	}
	limit, offset := a.add(q.Limit), a.add(q.Offset)
	rows, err := s.pool.Query(ctx, `SELECT url FROM links WHERE `+where+` ORDER BY url COLLATE "C" LIMIT `+limit+` OFFSET `+offset, a...)
	if err != nil {
		return nil, fmt.Errorf("search links: %w", err)
	}
	urls, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("search links: %w", err)
	}
	if len(urls) == 0 {
		return page, nil
	}
	if page.Links, err = s.listLinks(ctx, `l.url = ANY($1)`, args{urls}); err != nil {
		return nil, err
	}
	return page, nil
}

// LinkTimelines returns, for each URL given, its last n checks, oldest
// first.
func (s *Store) LinkTimelines(ctx context.Context, urls []string, n int) (map[string][]archive.TimelinePoint, error) {
	out := map[string][]archive.TimelinePoint{}
	if len(urls) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT url, checked_at, verdict, status FROM (
		SELECT url, checked_at, verdict, status, id,
			ROW_NUMBER() OVER (PARTITION BY url ORDER BY checked_at DESC, id DESC) AS rn
		FROM link_checks WHERE url = ANY($1)) x
		WHERE rn <= $2 ORDER BY url, checked_at, id`, urls, n)
	if err != nil {
		return nil, fmt.Errorf("link timelines: %w", err)
	}
	var u, at string
	var p archive.TimelinePoint
	_, err = pgx.ForEachRow(rows, []any{&u, &at, &p.Verdict, &p.Status}, func() error {
		p.At = archive.ParseTime(at)
		out[u] = append(out[u], p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("link timelines: %w", err)
	}
	return out, nil
}

// RecordLinks returns the links a record's latest version cites, by URL,
// with their state.
func (s *Store) RecordLinks(ctx context.Context, recordID int) ([]archive.Link, error) {
	return s.listLinks(ctx, `l.url IN (SELECT url FROM link_refs WHERE record_id = $1)`, args{recordID})
}

// LinkHistory returns every check of url, oldest first.
func (s *Store) LinkHistory(ctx context.Context, url string) ([]archive.Check, error) {
	rows, err := s.pool.Query(ctx, `SELECT url, checked_at, verdict, status, method, final_url, chain, error,
		COALESCE(capture_id, 0), elapsed_ms FROM link_checks WHERE url = $1 ORDER BY checked_at, id`, url)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", url, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (archive.Check, error) {
		var c archive.Check
		var at, chain string
		var ms int64
		err := r.Scan(&c.URL, &at, &c.Verdict, &c.Status, &c.Method, &c.FinalURL, &chain, &c.Error, &c.CaptureID, &ms)
		c.CheckedAt, c.Chain, c.Elapsed = archive.ParseTime(at), json.RawMessage(chain), time.Duration(ms)*time.Millisecond
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", url, err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// LinkRecords returns the records whose latest version cites url.
func (s *Store) LinkRecords(ctx context.Context, url string) ([]archive.LinkRecord, error) {
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT r.id, COALESCE(v.data::jsonb ->> 'title', ''), r.url
		FROM link_refs l JOIN records r ON r.id = l.record_id
		JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version
		WHERE l.url = $1 ORDER BY r.id`, url)
	if err != nil {
		return nil, fmt.Errorf("records citing %s: %w", url, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (archive.LinkRecord, error) {
		var x archive.LinkRecord
		return x, r.Scan(&x.ID, &x.Title, &x.URL)
	})
	if err != nil {
		return nil, fmt.Errorf("records citing %s: %w", url, err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}
