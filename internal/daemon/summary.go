package daemon

import (
	"context"
	"errors"
	"fmt"
	"time"

	"archivio/archive"
	"archivio/internal/config"
)

// Summary is what the archive holds, read from the database.
type Summary struct {
	Records   int            `json:"records"`
	Captures  int64          `json:"captures"`
	Links     map[string]int `json:"links"`
	LinksDown []string       `json:"links_down"`
	Alerts    int            `json:"alerts"`
	Crawls    []CrawlState   `json:"last_runs"`
}

// CrawlState is the last run of a source's crawl or of the link checks.
type CrawlState struct {
	Source   string    `json:"source"`
	Status   string    `json:"status"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
}

// Summarize reads the summary of the data directory dir.
func Summarize(ctx context.Context, dir string) (*Summary, error) {
	return summarize(ctx, dir)
}

func summarize(ctx context.Context, dir string) (*Summary, error) {
	st, err := archive.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	s := &Summary{Links: map[string]int{"up": 0, "suspect": 0, "down": 0}, LinksDown: []string{}, Crawls: []CrawlState{}}
	if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM records`).Scan(&s.Records); err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	if s.Captures, err = st.CaptureCount(ctx); err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	links, err := st.Links(ctx, "", true)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		s.Links[l.State]++
		if l.State == archive.StateDown {
			s.LinksDown = append(s.LinksDown, l.URL)
		}
	}
	as, err := st.Alerts(ctx)
	if err != nil {
		return nil, err
	}
	s.Alerts = len(as)
	rows, err := st.DB().QueryContext(ctx, `SELECT DISTINCT source FROM crawls ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	var sources []string
	for rows.Next() {
		var src string
		if err := rows.Scan(&src); err == nil {
			sources = append(sources, src)
		}
	}
	rows.Close()
	for _, src := range sources {
		c, err := st.LastCrawl(ctx, src)
		if errors.Is(err, archive.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		s.Crawls = append(s.Crawls, CrawlState{Source: c.Source, Status: c.Status, Started: c.StartedAt, Finished: c.FinishedAt})
	}
	return s, nil
}

// DriftThresholds turns the configuration's drift percentages into the
// thresholds crawls judge parse health with.
func DriftThresholds(c config.Drift) archive.DriftThresholds {
	return archive.DriftThresholds{
		UnreadableShare: float64(c.UnreadablePercent) / 100,
		FieldWasShare:   float64(c.FieldWasPercent) / 100,
		FieldNowShare:   float64(c.FieldNowPercent) / 100,
		MinPages:        c.MinPages,
	}
}
