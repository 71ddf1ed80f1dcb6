package jobs

import (
	"context"
	"errors"
	"maps"
	"slices"

	"archivio/archive"
)

// ParseHealthReport is a crawl's parse health beside the previous crawl of
// the same source.
type ParseHealthReport struct {
	archive.ParseHealth
	// Previous sums up the source's previous finished crawl that read
	// record pages; nil for its first.
	Previous *HealthCounts `json:"previous"`
	// FieldShares compares, field by field, the share of the records read
	// whose page showed the field's label, this crawl and the previous.
	FieldShares []FieldShare `json:"field_shares"`
	// Drift is how the crawl was judged against the source's baseline;
	// nil for a crawl that did not finish.
	Drift *DriftReport `json:"drift,omitempty"`
}

// HealthCounts are the totals of a crawl's parse health.
type HealthCounts struct {
	CrawlID         int64   `json:"crawl_id"`
	RecordPages     int     `json:"record_pages"`
	Parsed          int     `json:"parsed"`
	Unreadable      int     `json:"unreadable"`
	FieldsPerRecord float64 `json:"fields_per_record"`
}

// FieldShare is one field's share of the records read, this crawl and the
// previous.
type FieldShare struct {
	Field         string  `json:"field"`
	Found         int     `json:"found"`
	Share         float64 `json:"share"`
	PreviousFound int     `json:"previous_found"`
	PreviousShare float64 `json:"previous_share"`
}

// countsOf sums up a health.
func countsOf(h *archive.ParseHealth) *HealthCounts {
	return &HealthCounts{CrawlID: h.CrawlID, RecordPages: h.RecordPages, Parsed: h.Parsed, Unreadable: h.Unreadable,
		FieldsPerRecord: h.FieldsPerRecord}
}

// parseHealth computes the crawl's parse health and compares it with the
// source's previous crawl; nil when the crawl read no record page (a site
// source).
func (j *job) parseHealth(ctx context.Context) (*ParseHealthReport, error) {
	return CrawlHealth(ctx, j.st, j.crawlID)
}

// HealthReader is what computing a crawl's parse health reads of the
// archive.
type HealthReader interface {
	ParseHealth(ctx context.Context, crawlID int64) (*archive.ParseHealth, error)
	PreviousHealthCrawl(ctx context.Context, source string, id int64) (int64, error)
}

// CrawlHealth computes a crawl's parse health from the catalog and
// compares it with the previous finished crawl of its source; nil when the
// crawl read no record page (a site source).
func CrawlHealth(ctx context.Context, st HealthReader, crawlID int64) (*ParseHealthReport, error) {
	h, err := st.ParseHealth(ctx, crawlID)
	if err != nil || h.RecordPages == 0 {
		return nil, err
	}
	rep := &ParseHealthReport{ParseHealth: *h}
	var prev *archive.ParseHealth
	switch id, err := st.PreviousHealthCrawl(ctx, h.Source, crawlID); {
	case err == nil:
		if prev, err = st.ParseHealth(ctx, id); err != nil {
			return nil, err
		}
		rep.Previous = countsOf(prev)
	case !errors.Is(err, archive.ErrNotFound):
		return nil, err
	}
	rep.FieldShares = compareFields(h, prev)
	return rep, nil
}

// compareFields lists every field found in either crawl, by name, with its
// share in each.
func compareFields(cur, prev *archive.ParseHealth) []FieldShare {
	names := map[string]bool{}
	for f := range cur.Fields {
		names[f] = true
	}
	if prev != nil {
		for f := range prev.Fields {
			names[f] = true
		}
	}
	out := []FieldShare{}
	for _, f := range slices.Sorted(maps.Keys(names)) {
		s := FieldShare{Field: f, Found: cur.Fields[f], Share: cur.FieldShare(f)}
		if prev != nil {
			s.PreviousFound, s.PreviousShare = prev.Fields[f], prev.FieldShare(f)
		}
		out = append(out, s)
	}
	return out
}
