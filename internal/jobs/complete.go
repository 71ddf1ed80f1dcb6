package jobs

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/source/osservatorio"
)

// FrontierReport counts the URLs of a whole crawl (every run of it, when
// it was resumed) by how they ended. Unsettled is 0 for a crawl that is
// done: one that ends with URLs still queued has lost them, and fails.
type FrontierReport struct {
	URLs      int64            `json:"urls"`
	Done      int64            `json:"done"`
	Failed    map[string]int64 `json:"failed"`   // by reason: http_404, timeout, truncated_length, ...
	Excluded  map[string]int64 `json:"excluded"` // by reason: robots, max_pages, max_depth, off_site
	Unsettled int64            `json:"unsettled"`
}

// MissingRecord is a record of the archive whose page failed in a crawl:
// the site answered 404 or 410, another error, or nothing.
type MissingRecord struct {
	ID     int    `json:"id"`
	URL    string `json:"url"`
	Reason string `json:"reason"` // http_404, http_410, http_503, timeout, ...
}

// Validate checks the settings a caller gives: no negative counts, sizes
// or durations, a bounded id range.
func (c Config) Validate() error {
	var errs []error
	if c.Parallel < 0 || c.Parallel > crawlers.MaxParallel {
		errs = append(errs, fmt.Errorf("parallel %d: want 1 to %d", c.Parallel, crawlers.MaxParallel))
	}
	if c.Delay < 0 {
		errs = append(errs, fmt.Errorf("delay %v: must not be negative", c.Delay))
	}
	if c.Timeout < 0 {
		errs = append(errs, fmt.Errorf("timeout %v: must not be negative", c.Timeout))
	}
	if c.MaxPages < 0 {
		errs = append(errs, fmt.Errorf("max pages %d: must not be negative", c.MaxPages))
	}
	if c.MaxBody < 0 {
		errs = append(errs, fmt.Errorf("max body %d: must not be negative", c.MaxBody))
	}
	if c.WARCCompression < 0 || c.WARCCompression > 9 {
		errs = append(errs, fmt.Errorf("WARC compression level %d: want 1 to 9, or 0 for the default", c.WARCCompression))
	}
	if c.WARCMaxSize < 0 {
		errs = append(errs, fmt.Errorf("WARC size %d: must not be negative", c.WARCMaxSize))
	}
	if c.FromID != 0 || c.ToID != 0 {
		if err := crawlers.CheckIDRange(c.FromID, c.ToID); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	return nil
}

// known returns the ids of the records the archive holds, for the crawl
// to request each again. Site sources have no records.
func (j *job) known(ctx context.Context) ([]int, error) {
	if j.cfg.Site != nil {
		return nil, nil
	}
	ids, err := j.st.RecordIDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("crawl: known records: %w", err)
	}
	return ids, nil
}

// loadArchived notes the records the archive has when the crawl begins:
// known, the stored ones, and those kept as parse failures.
func (j *job) loadArchived(ctx context.Context, known []int) error {
	j.inArchive = make(map[int]bool, len(known))
	for _, id := range known {
		j.inArchive[id] = true
	}
	fs, err := j.st.ParseFailures(ctx)
	if err != nil {
		return fmt.Errorf("crawl: records kept as parse failures: %w", err)
	}
	for _, f := range fs {
		j.inArchive[f.RecordID] = true
	}
	return nil
}

// settled fills the report's frontier counts and missing records from the
// catalog, and checks that no URL of the crawl is left queued.
func (j *job) settled(ctx context.Context, rep *Report) error {
	counts, err := j.st.FrontierCounts(ctx, j.crawlID)
	if err != nil {
		return fmt.Errorf("completeness not checked: %w", err)
	}
	f := FrontierReport{Failed: map[string]int64{}, Excluded: map[string]int64{}}
	for _, c := range counts {
		f.URLs += c.N
		switch c.State {
		case archive.FrontierDone:
			f.Done += c.N
		case archive.FrontierFailed:
			f.Failed[c.Reason] += c.N
		case archive.FrontierExcluded:
			f.Excluded[c.Reason] += c.N
		default:
			f.Unsettled += c.N
		}
	}
	rep.Frontier = f
	missing, err := j.st.MissingRecords(ctx, j.crawlID)
	if err != nil {
		return fmt.Errorf("missing records not listed: %w", err)
	}
	rep.MissingRecords = nil
	for _, m := range missing {
		id, _ := osservatorio.KeyRecordID(m.Key)
		rep.MissingRecords = append(rep.MissingRecords, MissingRecord{ID: id, URL: m.URL, Reason: m.Reason})
	}
	rep.RecordsMissing = int64(len(rep.MissingRecords))
	if f.Unsettled == 0 {
		return nil
	}
	queued, err := j.st.Frontier(ctx, j.crawlID, archive.FrontierQueued)
	if err != nil {
		return fmt.Errorf("incomplete crawl: %d queued URLs were never fetched (%v)", f.Unsettled, err)
	}
	var eg []string
	for _, e := range queued[:min(len(queued), 5)] {
		eg = append(eg, e.URL)
	}
	return fmt.Errorf("incomplete crawl: %d queued URLs were never fetched, e.g. %s; run archivio crawl --resume", f.Unsettled, strings.Join(eg, ", "))
}
