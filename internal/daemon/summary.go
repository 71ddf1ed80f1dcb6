package daemon

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"archivio/archive"
	"archivio/internal/jobs"
)

// Summary is what the archive holds, read from the database.
type Summary struct {
	Records   int            `json:"records"`
	Captures  int64          `json:"captures"`
	Links     map[string]int `json:"links"`
	LinksDown []string       `json:"links_down"`
	Alerts    int            `json:"alerts"`
	Crawls    []CrawlState   `json:"last_runs"`
	// Unreadable counts the record pages kept as parse failures now.
	Unreadable int `json:"unreadable_record_pages"`
	// ParseHealth is each source's parse health: its state, and its
	// latest crawl that read record pages against the crawl before.
	ParseHealth []SourceHealth `json:"parse_health"`
}

// SourceHealth is a source's parse health.
type SourceHealth struct {
	Source string `json:"source"`
	// State is healthy or drift; "" when no crawl of the source was
	// judged yet.
	State    string                 `json:"state"`
	Since    time.Time              `json:"since,omitzero"`
	Findings []archive.DriftFinding `json:"findings"` // while in drift, what broke
	// Unreadable counts the source's record pages kept as parse failures.
	Unreadable int `json:"unreadable_record_pages"`
	// LastCrawl is the latest crawl that read record pages, its label
	// lists cut to the first shownLabels; UnknownLabels and FuzzyLabels
	// count them all.
	LastCrawl     *jobs.ParseHealthReport `json:"last_crawl"`
	UnknownLabels int                     `json:"unknown_labels"`
	FuzzyLabels   int                     `json:"fuzzy_labels"`
}

// shownLabels bounds the unknown and near-miss labels the summary lists
// for a source; the crawl reports hold them all.
const shownLabels = 10

// CrawlState is the last run of a source's crawl or of the link checks.
type CrawlState struct {
	Source   string    `json:"source"`
	Status   string    `json:"status"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
}

// Summarize reads the summary of the data directory dir, read-only (see
// archive.OpenReadOnly): the archive may be on read-only media.
func Summarize(ctx context.Context, dir string) (*Summary, error) {
	st, err := archive.OpenReadOnly(ctx, dir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return summarizeStore(ctx, st)
}

// summarize reads the summary for the daemon, which writes dir.
func summarize(ctx context.Context, dir string) (*Summary, error) {
	st, err := archive.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return summarizeStore(ctx, st)
}

// summarySource is what the summary reads of the archive: its overview,
// and each source's parse health (see sourceHealth).
type summarySource interface {
	Overview(ctx context.Context) (*archive.Overview, error)
	healthSource
}

func summarizeStore(ctx context.Context, st summarySource) (*Summary, error) {
	o, err := st.Overview(ctx)
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	s := &Summary{Records: o.Records, Captures: o.Captures, Links: o.Links, LinksDown: o.LinksDown, Alerts: o.Alerts,
		Crawls: []CrawlState{}}
	for _, c := range o.LastRuns {
		s.Crawls = append(s.Crawls, CrawlState{Source: c.Source, Status: c.Status, Started: c.StartedAt, Finished: c.FinishedAt})
	}
	if s.ParseHealth, s.Unreadable, err = sourceHealth(ctx, st); err != nil {
		return nil, err
	}
	return s, nil
}

// sourceHealth reads the parse health of every source that has crawled
// record pages or been judged, by name, and the open parse failures.
// healthSource is what the parse health summary reads of the archive.
type healthSource interface {
	DriftStates(ctx context.Context) ([]archive.DriftState, error)
	LatestHealthCrawls(ctx context.Context) (map[string]int64, error)
	UnreadableBySource(ctx context.Context) (map[string]int, error)
	jobs.HealthReader
}

func sourceHealth(ctx context.Context, st healthSource) ([]SourceHealth, int, error) {
	states, err := st.DriftStates(ctx)
	if err != nil {
		return nil, 0, err
	}
	latest, err := st.LatestHealthCrawls(ctx)
	if err != nil {
		return nil, 0, err
	}
	unreadable, err := st.UnreadableBySource(ctx)
	if err != nil {
		return nil, 0, err
	}
	bySource := map[string]*SourceHealth{}
	get := func(src string) *SourceHealth {
		if h, ok := bySource[src]; ok {
			return h
		}
		h := &SourceHealth{Source: src, Findings: []archive.DriftFinding{}}
		bySource[src] = h
		return h
	}
	for _, d := range states {
		h := get(d.Source)
		h.State, h.Since = d.State, d.Since
		if d.State == archive.HealthDrift {
			h.Findings = append(h.Findings, d.Findings...)
		}
	}
	total := 0
	for src, n := range unreadable {
		total += n
		if src != "" {
			get(src).Unreadable = n
		}
	}
	for src, id := range latest {
		rep, err := jobs.CrawlHealth(ctx, st, id)
		if err != nil {
			return nil, 0, err
		}
		h := get(src)
		if rep != nil {
			h.UnknownLabels, h.FuzzyLabels = len(rep.UnknownLabels), len(rep.FuzzyLabels)
			rep.UnknownLabels = rep.UnknownLabels[:min(len(rep.UnknownLabels), shownLabels)]
			rep.FuzzyLabels = rep.FuzzyLabels[:min(len(rep.FuzzyLabels), shownLabels)]
		}
		h.LastCrawl = rep
	}
	out := []SourceHealth{}
	for _, src := range slices.Sorted(maps.Keys(bySource)) {
		out = append(out, *bySource[src])
	}
	return out, total, nil
}
