package pg

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

// pickVersions is, for each record, its latest version created at or
// before the moment given as the parameter named.
func pickVersions(param string) string {
	return `SELECT record_id, MAX(version) AS version FROM record_versions WHERE created_at <= ` + param + ` GROUP BY record_id`
}

// VersionsAsOf calls fn with every record's version as known at asOf, by
// record id, streaming: Data is valid only during the call.
func (s *Store) VersionsAsOf(ctx context.Context, asOf time.Time, fn func(*archive.VersionAt) error) error {
	rows, err := s.pool.Query(ctx, `WITH pick AS (`+pickVersions("$1")+`)
		SELECT v.record_id, v.version, v.parser_version, v.data, v.capture_id,
			COALESCE(c.url, ''), COALESCE(c.fetched_at, ''), COALESCE(c.payload_digest, '')
		FROM pick p JOIN record_versions v ON v.record_id = p.record_id AND v.version = p.version
		LEFT JOIN captures c ON c.id = v.capture_id
		ORDER BY v.record_id`, archive.FormatTime(asOf))
	if err != nil {
		return fmt.Errorf("read records: %w", err)
	}
	var v archive.VersionAt
	var data []byte
	var at string
	_, err = pgx.ForEachRow(rows, []any{&v.RecordID, &v.Version, &v.ParserVersion, &data, &v.CaptureID, &v.SourceURL, &at, &v.PayloadDigest}, func() error {
		v.Data, v.CapturedAt = data, archive.ParseTime(at)
		return fn(&v)
	})
	if err != nil {
		return fmt.Errorf("read records: %w", err)
	}
	return nil
}

// VersionChanges calls fn, by record id, for every record whose version
// as known at from differs from its version as known at to.
func (s *Store) VersionChanges(ctx context.Context, from, to time.Time, fn func(id int, before, after []byte) error) error {
	rows, err := s.pool.Query(ctx, `WITH a AS (`+pickVersions("$1")+`), b AS (`+pickVersions("$2")+`),
		ids AS (SELECT record_id FROM a UNION SELECT record_id FROM b)
		SELECT i.record_id, va.data, vb.data FROM ids i
		LEFT JOIN a ON a.record_id = i.record_id LEFT JOIN b ON b.record_id = i.record_id
		LEFT JOIN record_versions va ON va.record_id = a.record_id AND va.version = a.version
		LEFT JOIN record_versions vb ON vb.record_id = b.record_id AND vb.version = b.version
		WHERE a.version IS DISTINCT FROM b.version ORDER BY i.record_id`, archive.FormatTime(from), archive.FormatTime(to))
	if err != nil {
		return fmt.Errorf("compare versions: %w", err)
	}
	var id int
	var a, b []byte
	if _, err := pgx.ForEachRow(rows, []any{&id, &a, &b}, func() error { return fn(id, a, b) }); err != nil {
		return fmt.Errorf("compare versions: %w", err)
	}
	return nil
}

// LinksAsOf returns the link inventory as known at asOf, by URL (see
// archive.Store.LinksAsOf).
func (s *Store) LinksAsOf(ctx context.Context, asOf time.Time) ([]archive.LinkAt, error) {
	at := archive.FormatTime(asOf)
	rows, err := s.pool.Query(ctx, `WITH pick AS (`+pickVersions("$1")+`),
		cited AS (
			SELECT l ->> 'url' AS url, v.record_id AS rid, l ->> 'field' AS field,
				COALESCE((l ->> 'declared_gone')::boolean, false) AS gone
			FROM pick p JOIN record_versions v ON v.record_id = p.record_id AND v.version = p.version,
				jsonb_array_elements(CASE WHEN jsonb_typeof(v.data::jsonb -> 'links') = 'array'
					THEN v.data::jsonb -> 'links' ELSE '[]'::jsonb END) l
			UNION ALL
			SELECT url, NULL, 'site:' || source, false FROM site_links WHERE first_seen <= $1
		)
		SELECT c.url, COALESCE(array_agg(DISTINCT c.rid) FILTER (WHERE c.rid IS NOT NULL), '{}'),
			COALESCE(array_agg(DISTINCT c.field) FILTER (WHERE c.field IS NOT NULL), '{}'), bool_or(c.gone),
			COALESCE(k.checked_at, ''), COALESCE(k.verdict, ''), COALESCE(k.state, ''),
			COALESCE((SELECT g.capture_id FROM link_checks g WHERE g.url = c.url AND g.checked_at <= $1 AND g.works
				AND g.status = 200 AND g.capture_id IS NOT NULL ORDER BY g.checked_at DESC, g.id DESC LIMIT 1), 0)
		FROM cited c
		LEFT JOIN link_checks k ON k.id = (SELECT k2.id FROM link_checks k2 WHERE k2.url = c.url AND k2.checked_at <= $1
			ORDER BY k2.checked_at DESC, k2.id DESC LIMIT 1)
		WHERE c.url IS NOT NULL
		GROUP BY c.url, k.checked_at, k.verdict, k.state ORDER BY c.url COLLATE "C"`, at)
	if err != nil {
		return nil, fmt.Errorf("links as of %s: %w", at, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (archive.LinkAt, error) {
		var l archive.LinkAt
		var ids []int64
		var checked string
		if err := r.Scan(&l.URL, &ids, &l.Fields, &l.DeclaredGone, &checked, &l.Verdict, &l.State, &l.LastGoodCapture); err != nil {
			return l, err
		}
		l.RecordIDs = make([]int, len(ids))
		for i, id := range ids {
			l.RecordIDs[i] = int(id)
		}
		sort.Ints(l.RecordIDs)
		sort.Strings(l.Fields)
		l.LastChecked = archive.ParseTime(checked)
		return l, nil
	})
	if err != nil {
		return nil, fmt.Errorf("links as of %s: %w", at, err)
	}
	return out, nil
}

// CapturesByID calls fn with the captures of the catalog among ids, by
// id; ids not in the catalog are left out.
func (s *Store) CapturesByID(ctx context.Context, ids []int64, fn func(*archive.Capture) error) error {
	rows, err := s.pool.Query(ctx, `SELECT `+captureColumns+` FROM captures WHERE id = ANY($1) ORDER BY id`, ids)
	if err != nil {
		return fmt.Errorf("read captures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCapture(rows)
		if err == nil {
			err = fn(c)
		}
		if err != nil {
			return fmt.Errorf("read captures: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read captures: %w", err)
	}
	return nil
}

// ParseFailures returns the record pages kept as parse failures, by
// record id.
func (s *Store) ParseFailures(ctx context.Context) ([]archive.ParseFailure, error) {
	rows, err := s.pool.Query(ctx, `SELECT record_id, url, capture_id, COALESCE(crawl_id, 0), reason, parser_version, first_failed, last_failed
		FROM parse_failures ORDER BY record_id`)
	if err != nil {
		return nil, fmt.Errorf("list parse failures: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (archive.ParseFailure, error) {
		var f archive.ParseFailure
		var first, last string
		err := r.Scan(&f.RecordID, &f.URL, &f.CaptureID, &f.CrawlID, &f.Reason, &f.ParserVersion, &first, &last)
		f.FirstFailed, f.LastFailed = archive.ParseTime(first), archive.ParseTime(last)
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("list parse failures: %w", err)
	}
	return out, nil
}
