package pg

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

// ErrDriftJudged is SetDriftState's answer when the source's state was
// judged already on that crawl or a later one: a crawl's drift is judged
// once, whatever node tries.
var ErrDriftJudged = errors.New("the crawl's parse health was judged already")

// maxHealthExamples bounds the example lists of a health summary, as
// archive.Store.ParseHealth does.
const maxHealthExamples = 5

// ParseHealth computes a crawl's parse health from its parse results,
// as archive.Store.ParseHealth does.
func (s *Store) ParseHealth(ctx context.Context, crawlID int64) (*archive.ParseHealth, error) {
	h := &archive.ParseHealth{CrawlID: crawlID, Fields: map[string]int{}, UnknownLabels: []archive.LabelCount{},
		FuzzyLabels: []archive.LabelCount{}, UnreadableExamples: []archive.PageRef{}}
	wrap := func(err error) error { return fmt.Errorf("parse health of crawl %d: %w", crawlID, err) }
	if err := s.pool.QueryRow(ctx, `SELECT source FROM crawls WHERE id = $1`, crawlID).Scan(&h.Source); err != nil {
		return nil, wrap(notFound(err))
	}
	err := s.pool.QueryRow(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE via = 'fetched'), COUNT(*) FILTER (WHERE via = 'not_modified'),
		COUNT(*) FILTER (WHERE outcome <> 'unreadable'), COUNT(*) FILTER (WHERE outcome = 'unreadable')
		FROM parse_results WHERE crawl_id = $1`, crawlID).Scan(&h.RecordPages, &h.Fetched, &h.NotModified, &h.Parsed, &h.Unreadable)
	if err != nil {
		return nil, wrap(err)
	}
	rows, err := s.pool.Query(ctx, `SELECT f, COUNT(*) FROM parse_results p, jsonb_array_elements_text(p.fields::jsonb) f
		WHERE p.crawl_id = $1 AND p.outcome <> 'unreadable' GROUP BY f`, crawlID)
	if err != nil {
		return nil, wrap(err)
	}
	total := 0
	var f string
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&f, &n}, func() error {
		h.Fields[f] = n
		total += n
		return nil
	}); err != nil {
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
	if h.UnreadableExamples, err = s.UnreadablePages(ctx, crawlID, maxHealthExamples); err != nil {
		return nil, wrap(err)
	}
	return h, nil
}

// labelCounts counts the pages of a crawl showing each label of a parse
// results column (unknown or fuzzy), with the page of the lowest record
// id as the example.
func (s *Store) labelCounts(ctx context.Context, crawlID int64, column string) ([]archive.LabelCount, error) {
	label, field := `u #>> '{}'`, `''`
	if column == "fuzzy" {
		label, field = `u ->> 'label'`, `u ->> 'field'`
	}
	rows, err := s.pool.Query(ctx, `SELECT label, field, pages, record_id, url, capture_id FROM (
		SELECT `+label+` AS label, `+field+` AS field,
			COUNT(*) OVER (PARTITION BY `+label+`, `+field+`) AS pages,
			ROW_NUMBER() OVER (PARTITION BY `+label+`, `+field+` ORDER BY p.record_id) AS rn,
			p.record_id, p.url, COALESCE(p.capture_id, 0) AS capture_id
		FROM parse_results p, jsonb_array_elements(p.`+column+`::jsonb) u
		WHERE p.crawl_id = $1 AND p.outcome <> 'unreadable') x
		WHERE rn = 1 ORDER BY pages DESC, label COLLATE "C", field COLLATE "C"`, crawlID)
	if err != nil {
		return nil, err
	}
	out := []archive.LabelCount{}
	var l archive.LabelCount
	_, err = pgx.ForEachRow(rows, []any{&l.Label, &l.Field, &l.Pages, &l.Example.RecordID, &l.Example.URL, &l.Example.CaptureID}, func() error {
		out = append(out, l)
		return nil
	})
	return out, err
}

// UnreadablePages returns up to n unreadable pages of a crawl, by record
// id, with the reason.
func (s *Store) UnreadablePages(ctx context.Context, crawlID int64, n int) ([]archive.PageRef, error) {
	return s.pageRefs(ctx, `SELECT record_id, url, COALESCE(capture_id, 0), reason FROM parse_results
		WHERE crawl_id = $1 AND outcome = 'unreadable' ORDER BY record_id LIMIT $2`, crawlID, n)
}

// PagesWithoutField returns up to n pages of a crawl read as records
// whose page did not show field's label.
func (s *Store) PagesWithoutField(ctx context.Context, crawlID int64, field string, n int) ([]archive.PageRef, error) {
	return s.pageRefs(ctx, `SELECT record_id, url, COALESCE(capture_id, 0), '' FROM parse_results
		WHERE crawl_id = $1 AND outcome <> 'unreadable' AND NOT (fields::jsonb ? $2) ORDER BY record_id LIMIT $3`, crawlID, field, n)
}

// PagesWithUnknownLabel returns up to n pages of a crawl showing an
// unknown label.
func (s *Store) PagesWithUnknownLabel(ctx context.Context, crawlID int64, label string, n int) ([]archive.PageRef, error) {
	return s.pageRefs(ctx, `SELECT record_id, url, COALESCE(capture_id, 0), '' FROM parse_results
		WHERE crawl_id = $1 AND outcome <> 'unreadable' AND unknown::jsonb ? $2 ORDER BY record_id LIMIT $3`, crawlID, label, n)
}

func (s *Store) pageRefs(ctx context.Context, q string, args ...any) ([]archive.PageRef, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read parse results: %w", err)
	}
	out := []archive.PageRef{}
	var p archive.PageRef
	if _, err := pgx.ForEachRow(rows, []any{&p.RecordID, &p.URL, &p.CaptureID, &p.Reason}, func() error {
		out = append(out, p)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read parse results: %w", err)
	}
	return out, nil
}

// PreviousHealthCrawl returns the latest finished crawl of source before
// crawl id that read record pages; archive.ErrNotFound when there is
// none.
func (s *Store) PreviousHealthCrawl(ctx context.Context, source string, id int64) (int64, error) {
	var prev int64
	err := s.pool.QueryRow(ctx, `SELECT c.id FROM crawls c WHERE c.source = $1 AND c.id < $2 AND c.status = 'done'
		AND EXISTS (SELECT 1 FROM parse_results p WHERE p.crawl_id = c.id) ORDER BY c.id DESC LIMIT 1`, source, id).Scan(&prev)
	if err != nil {
		return 0, fmt.Errorf("previous crawl of %s: %w", source, notFound(err))
	}
	return prev, nil
}

// DriftState returns a source's parse health state; State is "" when no
// crawl of the source was judged yet.
func (s *Store) DriftState(ctx context.Context, source string) (*archive.DriftState, error) {
	d, err := scanDrift(s.pool.QueryRow(ctx, `SELECT `+driftColumns+` FROM parse_drift WHERE source = $1`, source))
	if errors.Is(err, pgx.ErrNoRows) {
		return &archive.DriftState{Source: source, Findings: []archive.DriftFinding{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("parse health state of %s: %w", source, err)
	}
	return d, nil
}

const driftColumns = `source, state, since, COALESCE(since_crawl, 0), COALESCE(last_crawl, 0), COALESCE(baseline_crawl, 0), findings`

func scanDrift(row pgx.Row) (*archive.DriftState, error) {
	var d archive.DriftState
	var since, findings string
	if err := row.Scan(&d.Source, &d.State, &since, &d.SinceCrawl, &d.LastCrawl, &d.BaselineCrawl, &findings); err != nil {
		return nil, err
	}
	d.Since = archive.ParseTime(since)
	if err := json.Unmarshal([]byte(findings), &d.Findings); err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	return &d, nil
}

// SetDriftState stores a source's parse health state after judging
// crawl d.LastCrawl and, when the state changed, its alert, in one
// transaction with the source's row locked: a transition is never
// stored without its alert, and a crawl is judged once over all nodes
// (ErrDriftJudged when the row was judged on that crawl or a later one
// already). It returns the alert's id, 0 when there is none.
func (s *Store) SetDriftState(ctx context.Context, d archive.DriftState, alert *archive.AlertRow) (int64, error) {
	findings := d.Findings
	if findings == nil {
		findings = []archive.DriftFinding{}
	}
	fj, err := json.Marshal(findings)
	if err != nil {
		return 0, fmt.Errorf("set parse health state of %s: %w", d.Source, err)
	}
	var id int64
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		id = 0
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('archivio drift ' || $1))`, d.Source); err != nil {
			return err
		}
		var last int64
		err := tx.QueryRow(ctx, `SELECT COALESCE(last_crawl, 0) FROM parse_drift WHERE source = $1`, d.Source).Scan(&last)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
		case err != nil:
			return err
		case d.LastCrawl != 0 && last >= d.LastCrawl:
			return ErrDriftJudged
		}
		if _, err := tx.Exec(ctx, `INSERT INTO parse_drift (source, state, since, since_crawl, last_crawl, baseline_crawl, findings)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (source) DO UPDATE SET state = excluded.state, since = excluded.since, since_crawl = excluded.since_crawl,
				last_crawl = excluded.last_crawl, baseline_crawl = excluded.baseline_crawl, findings = excluded.findings`,
			d.Source, d.State, archive.FormatTime(d.Since), nullable(d.SinceCrawl), nullable(d.LastCrawl), nullable(d.BaselineCrawl), string(fj)); err != nil {
			return err
		}
		if alert == nil {
			return nil
		}
		var capture *int64
		if alert.LastGoodCapture != 0 {
			capture = &alert.LastGoodCapture
		}
		return tx.QueryRow(ctx, insertAlert,
			alert.Kind, alert.URL, alert.Verdict, archive.FormatTime(alert.Since), archive.FormatTime(alert.At), capture,
			alert.Source, alert.Detail, archive.AlertDelivery(alert.Delivery), s.claimer, s.opts.AlertClaimTTL.Milliseconds()).Scan(&id)
	})
	if errors.Is(err, ErrDriftJudged) {
		return 0, fmt.Errorf("set parse health state of %s after crawl %d: %w", d.Source, d.LastCrawl, err)
	}
	if err != nil {
		return 0, fmt.Errorf("set parse health state of %s: %w", d.Source, err)
	}
	return id, nil
}
