package archive

import (
	"context"
	"fmt"
	"slices"
)

// CatalogTables are the catalog's tables that hold what was archived, in
// an order where each table comes after those it refers to: what moving
// an archive to another catalog copies. schema_migrations (each engine
// has its own) and record_summaries (derived from record_versions) are
// not among them.
var CatalogTables = []string{
	"catalog", "crawls", "captures", "fetch_errors", "records", "record_versions", "links", "link_refs",
	"link_checks", "site_links", "parse_results", "parse_failures", "parse_drift", "alerts", "frontier",
}

// tableSelects read the catalog tables whose rows SQLite stores in
// another shape than the catalog's contract: a capture's time, digest,
// WARC file and record id, a record's times, a link's first seen time
// and a frontier entry's URL are stored in fewer bytes, and read back as
// their text; a parse result's fields found are stored once per distinct
// list, and read back into its fields, and its URL when its capture's
// and its empty lists are not stored; a record version's document is
// stored packed, and read back as its JSON text.
var tableSelects = map[string]string{
	"parse_results": `SELECT p.crawl_id, p.record_id, ` + parseResultURL + ` AS url, p.capture_id, p.outcome, p.via,
		` + parseResultFields + ` AS fields, ` + parseResultList("unknown") + ` AS unknown, ` + parseResultList("fuzzy") + ` AS fuzzy, p.reason
		FROM parse_results p LEFT JOIN parse_field_lists l ON l.id = p.fields_list ORDER BY p.rowid`,
	// A capture's time, digest, WARC file and record id as their text
	// (capturecols.go).
	"captures": `SELECT c.id, c.crawl_id, c.url, archivio_time(c.fetched_at) AS fetched_at, c.status, c.content_type, c.etag,
		c.last_modified, archivio_digest(c.payload_digest) AS payload_digest, c.payload_length, c.truncated, c.revisit_of,
		f.name AS warc_file, c.warc_offset, c.warc_length, archivio_record_id(c.warc_record_id) AS warc_record_id, c.method
		FROM captures c JOIN warc_files f ON f.id = c.warc_file ORDER BY c.rowid`,
	"records": `SELECT id, url, archivio_time(first_seen) AS first_seen, archivio_time(last_seen) AS last_seen, latest_version
		FROM records ORDER BY rowid`,
	"frontier": `SELECT f.crawl_id, f.key, ` + frontierURL + ` AS url, f.state, f.reason, f.depth FROM frontier f ORDER BY f.rowid`,
	// Tables without a rowid, in the order of their keys.
	"links": `SELECT url, archivio_time(first_seen) AS first_seen, active, state, state_since, fail_streak, fail_since, ok_streak,
		ok_since, last_checked, last_verdict, last_ok, last_good_capture, redirect_chain FROM links ORDER BY url`,
	// A record's link names its link's URL and its field and source as
	// their text (linkrefs.go).
	"link_refs": `SELECT l.url, r.record_id, ` + linkFieldText + ` AS field, ` + linkSourceText + ` AS source, r.declared_gone
		FROM link_refs r JOIN links l ON l.id = r.link_id ORDER BY l.url, r.record_id, field`,
	"site_links": `SELECT url, source, page_url, first_seen FROM site_links ORDER BY url, source, page_url`,
	"record_versions": `SELECT v.id, v.record_id, v.version, v.capture_id, v.parser_version, v.created_at, ` + docOf + ` AS data, v.changed_fields
		FROM record_versions v` + docRefJoin + ` ORDER BY v.rowid`,
}

// TableRows calls fn with every row of one of CatalogTables, in the order
// the rows were written (links, link_refs and site_links: by key), with the
// table's columns and the row's values as SQLite holds them: int64,
// float64, string, []byte or nil. vals is reused between calls.
func (s *Store) TableRows(ctx context.Context, table string, fn func(cols []string, vals []any) error) error {
	if !slices.Contains(CatalogTables, table) {
		return fmt.Errorf("read table %q: not a catalog table", table)
	}
	query := `SELECT * FROM ` + table + ` ORDER BY rowid`
	if q, ok := tableSelects[table]; ok {
		query = q
	}
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("read table %s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("read table %s: %w", table, err)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read table %s: %w", table, err)
		}
		if err := fn(cols, vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read table %s: %w", table, err)
	}
	return nil
}
