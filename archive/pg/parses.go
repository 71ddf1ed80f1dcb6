package pg

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5/pgconn"

	"archivio/archive"
)

// AddParseResult records how a record page came out in a crawl; a page
// read again in the same crawl (by another node, or a resumed run)
// replaces its result.
func (s *Store) AddParseResult(ctx context.Context, r archive.ParseResult) error {
	return addParseResult(ctx, s.pool, r)
}

// execer is a pool or a transaction.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

func addParseResult(ctx context.Context, db execer, r archive.ParseResult) error {
	fields, _ := json.Marshal(sortedSet(r.Fields))
	unknown, _ := json.Marshal(sortedSet(r.Unknown))
	fuzzy := slices.Clone(r.Fuzzy)
	if fuzzy == nil {
		fuzzy = []archive.FuzzyLabel{}
	}
	slices.SortFunc(fuzzy, func(a, b archive.FuzzyLabel) int {
		return cmp.Or(cmp.Compare(a.Label, b.Label), cmp.Compare(a.Field, b.Field))
	})
	fz, _ := json.Marshal(slices.Compact(fuzzy))
	via := "fetched"
	if r.NotModified {
		via = "not_modified"
	}
	_, err := db.Exec(ctx, `INSERT INTO parse_results
		(crawl_id, record_id, url, capture_id, outcome, via, fields, unknown, fuzzy, reason)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (crawl_id, record_id) DO UPDATE SET url = excluded.url, capture_id = excluded.capture_id,
			outcome = excluded.outcome, via = excluded.via, fields = excluded.fields, unknown = excluded.unknown,
			fuzzy = excluded.fuzzy, reason = excluded.reason`,
		r.CrawlID, r.RecordID, r.URL, nullable(r.CaptureID), r.Outcome, via, string(fields), string(unknown), string(fz), r.Reason)
	if err != nil {
		return fmt.Errorf("add parse result of %s: %w", r.URL, err)
	}
	return nil
}

// ParseOutcomes counts a crawl's record pages by how they came out
// (archive.OutcomeParsed, OutcomeUnchanged, OutcomeUnreadable).
func (s *Store) ParseOutcomes(ctx context.Context, crawlID int64) (map[string]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT outcome, COUNT(*) FROM parse_results WHERE crawl_id = $1 GROUP BY outcome`, crawlID)
	if err != nil {
		return nil, fmt.Errorf("count parse outcomes of crawl %d: %w", crawlID, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("count parse outcomes of crawl %d: %w", crawlID, err)
		}
		out[k] = n
	}
	return out, rows.Err()
}

// AddParseFailure marks a record page unreadable, or notes that it still
// is. An older capture never replaces the failure of a newer one, and
// FirstFailed keeps the first time the page was found unreadable.
func (s *Store) AddParseFailure(ctx context.Context, f archive.ParseFailure) error {
	return addParseFailure(ctx, s.pool, f)
}

func addParseFailure(ctx context.Context, db execer, f archive.ParseFailure) error {
	at := archive.FormatTime(f.LastFailed)
	_, err := db.Exec(ctx, `INSERT INTO parse_failures
		(record_id, url, capture_id, crawl_id, reason, parser_version, first_failed, last_failed)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
		ON CONFLICT (record_id) DO UPDATE SET url = excluded.url, capture_id = excluded.capture_id,
			crawl_id = COALESCE(excluded.crawl_id, parse_failures.crawl_id), reason = excluded.reason,
			parser_version = excluded.parser_version, last_failed = GREATEST(parse_failures.last_failed, excluded.last_failed)
		WHERE (SELECT fetched_at FROM captures WHERE id = excluded.capture_id) >=
			(SELECT fetched_at FROM captures WHERE id = parse_failures.capture_id)`,
		f.RecordID, f.URL, f.CaptureID, nullable(f.CrawlID), f.Reason, f.ParserVersion, at)
	if err != nil {
		return fmt.Errorf("add parse failure of %s: %w", f.URL, err)
	}
	return nil
}

// ParseFailure returns the open parse failure of a record page, or
// archive.ErrNotFound.
func (s *Store) ParseFailure(ctx context.Context, recordID int) (*archive.ParseFailure, error) {
	var f archive.ParseFailure
	var first, last string
	err := s.pool.QueryRow(ctx, `SELECT record_id, url, capture_id, COALESCE(crawl_id, 0), reason, parser_version, first_failed, last_failed
		FROM parse_failures WHERE record_id = $1`, recordID).
		Scan(&f.RecordID, &f.URL, &f.CaptureID, &f.CrawlID, &f.Reason, &f.ParserVersion, &first, &last)
	if err != nil {
		return nil, fmt.Errorf("parse failure of record %d: %w", recordID, notFound(err))
	}
	f.FirstFailed, f.LastFailed = archive.ParseTime(first), archive.ParseTime(last)
	return &f, nil
}

// sortedSet is s sorted without repeats, never nil.
func sortedSet(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	out = slices.Compact(out)
	if out == nil {
		out = []string{}
	}
	return out
}
