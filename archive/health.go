package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ParseHealth is how well the parser read the record pages of one crawl.
type ParseHealth struct {
	CrawlID int64  `json:"crawl_id"`
	Source  string `json:"source"`
	// RecordPages is every record page the crawl read: Fetched whole, or
	// NotModified (a 304, which counts as the record's content last read).
	RecordPages int `json:"record_pages"`
	Fetched     int `json:"fetched"`
	NotModified int `json:"not_modified"`
	// Parsed is the pages read as records (parsed now, or unchanged since
	// a readable version); Unreadable those that could not be.
	Parsed     int `json:"parsed"`
	Unreadable int `json:"unreadable"`
	// Fields counts, for each schema field, the records whose page showed
	// its label; FieldsPerRecord is their mean over Parsed.
	Fields          map[string]int `json:"fields"`
	FieldsPerRecord float64        `json:"fields_per_record"`
	// UnknownLabels and FuzzyLabels are the labels met that the
	// dictionary does not hold (with the field chosen, for near misses),
	// most frequent first, each with the pages showing it and one example.
	UnknownLabels []LabelCount `json:"unknown_labels"`
	FuzzyLabels   []LabelCount `json:"fuzzy_labels"`
	// UnreadableExamples are up to five unreadable pages, with the reason.
	UnreadableExamples []PageRef `json:"unreadable_examples"`
}

// LabelCount is a label met on Pages record pages of a crawl.
type LabelCount struct {
	Label   string  `json:"label"`
	Field   string  `json:"field,omitempty"` // for a near miss, the field it was read as
	Pages   int     `json:"pages"`
	Example PageRef `json:"example"`
}

// PageRef names a record page as a crawl read it.
type PageRef struct {
	RecordID  int    `json:"id"`
	URL       string `json:"url"`
	CaptureID int64  `json:"capture_id"`
	Reason    string `json:"reason,omitempty"`
}

// FieldShare is the part of the records read whose page showed field's
// label, 0 when no record was read.
func (h *ParseHealth) FieldShare(field string) float64 {
	if h == nil || h.Parsed == 0 {
		return 0
	}
	return float64(h.Fields[field]) / float64(h.Parsed)
}

// UnreadableShare is the part of the record pages that could not be read.
func (h *ParseHealth) UnreadableShare() float64 {
	if h == nil || h.RecordPages == 0 {
		return 0
	}
	return float64(h.Unreadable) / float64(h.RecordPages)
}

// maxExamples bounds the example lists of a health summary.
const maxExamples = 5

// ParseHealth computes a crawl's parse health from its parse results.
func (s *Store) ParseHealth(ctx context.Context, crawlID int64) (*ParseHealth, error) {
	h := &ParseHealth{CrawlID: crawlID, Fields: map[string]int{}, UnknownLabels: []LabelCount{},
		FuzzyLabels: []LabelCount{}, UnreadableExamples: []PageRef{}}
	wrap := func(err error) error { return fmt.Errorf("parse health of crawl %d: %w", crawlID, err) }
	if err := s.queryRow(ctx, `SELECT source FROM crawls WHERE id = ?`, crawlID).Scan(&h.Source); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, wrap(ErrNotFound)
		}
		return nil, wrap(err)
	}
	err := s.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(via = 'fetched'), 0), COALESCE(SUM(via = 'not_modified'), 0),
		COALESCE(SUM(outcome != 'unreadable'), 0), COALESCE(SUM(outcome = 'unreadable'), 0)
		FROM parse_results WHERE crawl_id = ?`, crawlID).
		Scan(&h.RecordPages, &h.Fetched, &h.NotModified, &h.Parsed, &h.Unreadable)
	if err != nil {
		return nil, wrap(err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT f.value, COUNT(*) FROM parse_results p
		LEFT JOIN parse_field_lists l ON l.id = p.fields_list, json_each(`+parseResultFields+`) f
		WHERE p.crawl_id = ? AND p.outcome != 'unreadable' GROUP BY f.value`, crawlID)
	if err != nil {
		return nil, wrap(err)
	}
	total := 0
	for rows.Next() {
		var f string
		var n int
		if err := rows.Scan(&f, &n); err != nil {
			rows.Close()
			return nil, wrap(err)
		}
		h.Fields[f] = n
		total += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrap(err)
	}
	if h.Parsed > 0 {
		h.FieldsPerRecord = float64(total) / float64(h.Parsed)
	}
	if h.UnknownLabels, err = s.labelCounts(ctx, crawlID, "unknown"); err != nil {
		return nil, wrap(err)
	}
	if h.FuzzyLabels, err = s.labelCounts(ctx, crawlID, "fuzzy"); err != nil {
		return nil, wrap(err)
	}
	if h.UnreadableExamples, err = s.UnreadablePages(ctx, crawlID, maxExamples); err != nil {
		return nil, wrap(err)
	}
	return h, nil
}

// labelCounts counts the pages of a crawl showing each label of a parse
// results column (unknown or fuzzy), with the page of the lowest record id
// as the example.
func (s *Store) labelCounts(ctx context.Context, crawlID int64, column string) ([]LabelCount, error) {
	key := labelExpr(column) + ", " + fieldExpr(column)
	rows, err := s.db.QueryContext(ctx, `SELECT label, field, pages, record_id, url, capture_id FROM (
		SELECT `+labelExpr(column)+` AS label, `+fieldExpr(column)+` AS field,
			COUNT(*) OVER (PARTITION BY `+key+`) AS pages,
			ROW_NUMBER() OVER (PARTITION BY `+key+` ORDER BY p.record_id) AS rn,
			p.record_id, `+parseResultURL+` AS url, COALESCE(p.capture_id, 0) AS capture_id
		FROM parse_results p, json_each(p.`+column+`) u
		WHERE p.crawl_id = ? AND p.outcome != 'unreadable')
		WHERE rn = 1 ORDER BY pages DESC, label, field`, crawlID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []LabelCount{}
	for rows.Next() {
		var l LabelCount
		if err := rows.Scan(&l.Label, &l.Field, &l.Pages, &l.Example.RecordID, &l.Example.URL, &l.Example.CaptureID); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func labelExpr(column string) string {
	if column == "fuzzy" {
		return `json_extract(u.value, '$.label')`
	}
	return `u.value`
}

func fieldExpr(column string) string {
	if column == "fuzzy" {
		return `json_extract(u.value, '$.field')`
	}
	return `''`
}

// UnreadablePages returns up to n unreadable pages of a crawl, by record
// id, with the reason.
func (s *Store) UnreadablePages(ctx context.Context, crawlID int64, n int) ([]PageRef, error) {
	return s.pageRefs(ctx, `SELECT p.record_id, `+parseResultURL+`, COALESCE(p.capture_id, 0), p.reason FROM parse_results p
		WHERE p.crawl_id = ? AND p.outcome = 'unreadable' ORDER BY p.record_id LIMIT ?`, crawlID, n)
}

// PagesWithoutField returns up to n pages of a crawl read as records whose
// page did not show field's label.
func (s *Store) PagesWithoutField(ctx context.Context, crawlID int64, field string, n int) ([]PageRef, error) {
	return s.pageRefs(ctx, `SELECT p.record_id, `+parseResultURL+`, COALESCE(p.capture_id, 0), '' FROM parse_results p
		LEFT JOIN parse_field_lists l ON l.id = p.fields_list
		WHERE p.crawl_id = ? AND p.outcome != 'unreadable'
		AND NOT EXISTS (SELECT 1 FROM json_each(`+parseResultFields+`) f WHERE f.value = ?) ORDER BY p.record_id LIMIT ?`, crawlID, field, n)
}

// PagesWithUnknownLabel returns up to n pages of a crawl showing an
// unknown label.
func (s *Store) PagesWithUnknownLabel(ctx context.Context, crawlID int64, label string, n int) ([]PageRef, error) {
	return s.pageRefs(ctx, `SELECT p.record_id, `+parseResultURL+`, COALESCE(p.capture_id, 0), '' FROM parse_results p
		WHERE p.crawl_id = ? AND p.outcome != 'unreadable'
		AND EXISTS (SELECT 1 FROM json_each(p.unknown) u WHERE u.value = ?) ORDER BY p.record_id LIMIT ?`, crawlID, label, n)
}

func (s *Store) pageRefs(ctx context.Context, q string, args ...any) ([]PageRef, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read parse results: %w", err)
	}
	defer rows.Close()
	out := []PageRef{}
	for rows.Next() {
		var p PageRef
		if err := rows.Scan(&p.RecordID, &p.URL, &p.CaptureID, &p.Reason); err != nil {
			return nil, fmt.Errorf("read parse results: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PreviousHealthCrawl returns the latest crawl of source before crawl id
// that finished ("done") and read record pages, or ErrNotFound.
func (s *Store) PreviousHealthCrawl(ctx context.Context, source string, id int64) (int64, error) {
	var prev int64
	err := s.queryRow(ctx, `SELECT c.id FROM crawls c WHERE c.source = ? AND c.id < ? AND c.status = 'done'
		AND EXISTS (SELECT 1 FROM parse_results p WHERE p.crawl_id = c.id) ORDER BY c.id DESC LIMIT 1`, source, id).Scan(&prev)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("previous crawl of %s: %w", source, err)
	}
	return prev, nil
}

// LatestHealthCrawls returns, for each source that has one, its latest
// finished ("done") crawl that read record pages, by source: a crawl
// still running or cut short has read only part of them.
func (s *Store) LatestHealthCrawls(ctx context.Context) (map[string]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.source, MAX(c.id) FROM crawls c WHERE c.status = 'done'
		AND EXISTS (SELECT 1 FROM parse_results p WHERE p.crawl_id = c.id) GROUP BY c.source`)
	if err != nil {
		return nil, fmt.Errorf("latest crawls with parse results: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var src string
		var id int64
		if err := rows.Scan(&src, &id); err != nil {
			return nil, fmt.Errorf("latest crawls with parse results: %w", err)
		}
		out[src] = id
	}
	return out, rows.Err()
}
