package archive

import (
	"context"
	"errors"
	"fmt"
)

// Overview is what an archive holds, counted: the status summary that
// "archivio status" and the daemon's /status show.
type Overview struct {
	Records   int            // records stored
	Captures  int64          // captures catalogued
	Links     map[string]int // links a record still cites, by state: up, suspect, down (each present)
	LinksDown []string       // those down, by URL
	Alerts    int            // alerts raised
	LastRuns  []Crawl        // the latest run of each source (and of the link checks, source "links"), by source
}

// Overview counts what the archive holds.
func (s *Store) Overview(ctx context.Context) (*Overview, error) {
	o := &Overview{Links: map[string]int{StateUp: 0, StateSuspect: 0, StateDown: 0}, LinksDown: []string{}, LastRuns: []Crawl{}}
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM records), (SELECT COUNT(*) FROM captures),
		(SELECT COUNT(*) FROM alerts)`).Scan(&o.Records, &o.Captures, &o.Alerts); err != nil {
		return nil, fmt.Errorf("overview: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT url, state FROM links WHERE active = 1 ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("overview: %w", err)
	}
	for rows.Next() {
		var u, state string
		if err := rows.Scan(&u, &state); err != nil {
			rows.Close()
			return nil, fmt.Errorf("overview: %w", err)
		}
		o.Links[state]++
		if state == StateDown {
			o.LinksDown = append(o.LinksDown, u)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("overview: %w", err)
	}
	sources, err := s.sources(ctx)
	if err != nil {
		return nil, err
	}
	for _, src := range sources {
		c, err := s.LastCrawl(ctx, src)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		o.LastRuns = append(o.LastRuns, *c)
	}
	return o, nil
}

// sources lists the sources that ran, by name.
func (s *Store) sources(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT source FROM crawls ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var src string
		if err := rows.Scan(&src); err != nil {
			return nil, fmt.Errorf("list sources: %w", err)
		}
		out = append(out, src)
	}
	return out, rows.Err()
}
