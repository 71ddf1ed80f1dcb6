package archive

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Outcomes of a record page read by a crawl.
const (
	OutcomeParsed     = "parsed"     // read as a record from the page fetched
	OutcomeUnchanged  = "unchanged"  // the page answered 304: the record as last read
	OutcomeUnreadable = "unreadable" // a record page the parser could not read
)

// ParseResult is how one record page read by a crawl came out.
type ParseResult struct {
	CrawlID  int64
	RecordID int
	URL      string
	// CaptureID is the capture whose body was read: the page fetched, or
	// for a 304 the earlier capture the page's content is known from.
	CaptureID   int64
	Outcome     string // OutcomeParsed, OutcomeUnchanged or OutcomeUnreadable
	NotModified bool   // the page answered 304 Not Modified
	Fields      []string
	Unknown     []string     // labels the parser does not know
	Fuzzy       []FuzzyLabel // near-miss labels mapped to a field
	Reason      string       // why an unreadable page was not read
}

// FuzzyLabel is a label that was not in the dictionary but close enough
// to one to be read as its field.
type FuzzyLabel struct {
	Label string `json:"label"`
	Field string `json:"field"`
}

// AddParseResult records how a record page came out in a crawl; a page
// read again in the same crawl (a resumed crawl) replaces its result.
func (s *Store) AddParseResult(ctx context.Context, r ParseResult) error {
	return s.apply(ctx, ParseResultWrite(r))
}

// The fields found are stored once per distinct list (parse_field_lists)
// and named by the result.
var (
	insertFieldList   = writeStatement(`INSERT OR IGNORE INTO parse_field_lists (list) VALUES (?)`)
	insertParseResult = writeStatement(`INSERT OR REPLACE INTO parse_results
	(crawl_id, record_id, url, capture_id, outcome, via, fields_list, unknown, fuzzy, reason)
	VALUES (?1, ?2, CASE WHEN ?3 = (SELECT c.url FROM captures c WHERE c.id = ?4) THEN NULL ELSE ?3 END, ?4, ?5, ?6,
		(SELECT id FROM parse_field_lists WHERE list = ?7), NULLIF(?8, '[]'), NULLIF(?9, '[]'), ?10)`)
)

// A parse result stores no URL when its page's is its capture's, and
// NULL for an empty list. parseResultFields, parseResultURL and
// parseResultList are the SQL of a parse result p's fields found (a
// JSON array, with parse_field_lists joined as l), its page's URL and
// its list column (unknown or fuzzy) as a JSON array.
const (
	parseResultFields = `COALESCE(l.list, p.fields, '[]')`
	parseResultURL    = `COALESCE(p.url, (SELECT c.url FROM captures c WHERE c.id = p.capture_id))`
)

func parseResultList(column string) string { return `COALESCE(p.` + column + `, '[]')` }

// ParseResultWrite is AddParseResult as a Write.
func ParseResultWrite(r ParseResult) Write {
	return Write{what: "add parse result of " + r.URL, run: func(t *txn) error {
		fields, _ := json.Marshal(sortedSet(r.Fields))
		unknown, _ := json.Marshal(sortedSet(r.Unknown))
		fuzzy := r.Fuzzy
		if fuzzy == nil {
			fuzzy = []FuzzyLabel{}
		}
		fuzzy = slices.Clone(fuzzy)
		slices.SortFunc(fuzzy, func(a, b FuzzyLabel) int {
			return cmp.Or(cmp.Compare(a.Label, b.Label), cmp.Compare(a.Field, b.Field))
		})
		fuzzy = slices.Compact(fuzzy)
		fz, _ := json.Marshal(fuzzy)
		via := "fetched"
		if r.NotModified {
			via = "not_modified"
		}
		var capture any
		if r.CaptureID != 0 {
			capture = r.CaptureID
		}
		if list := string(fields); !t.s.mem.hasFieldList(list) {
			if _, err := t.exec(insertFieldList, list); err != nil {
				return fmt.Errorf("add parse result of %s: %w", r.URL, err)
			}
			t.committed = append(t.committed, func() { t.s.mem.storedFieldList(list) })
		}
		if _, err := t.exec(insertParseResult, r.CrawlID, r.RecordID, r.URL, capture, r.Outcome, via,
			string(fields), string(unknown), string(fz), r.Reason); err != nil {
			return fmt.Errorf("add parse result of %s: %w", r.URL, err)
		}
		return nil
	}}
}

// ParseFailure is a record page whose latest capture could not be read as
// a record. The capture stays in the archive; the failure is cleared when
// a version is read from this capture or a newer one.
type ParseFailure struct {
	RecordID      int       `json:"id"`
	URL           string    `json:"url"`
	CaptureID     int64     `json:"capture_id"`
	CrawlID       int64     `json:"crawl_id"`
	Reason        string    `json:"reason"`
	ParserVersion string    `json:"parser_version"`
	FirstFailed   time.Time `json:"first_failed"`
	LastFailed    time.Time `json:"last_failed"`
}

// AddParseFailure marks a record page unreadable, or notes that it still
// is. An older capture never replaces the failure of a newer one, and
// FirstFailed keeps the first time the page was found unreadable.
func (s *Store) AddParseFailure(ctx context.Context, f ParseFailure) error {
	return s.apply(ctx, ParseFailureWrite(f))
}

var upsertParseFailure = writeStatement(`INSERT INTO parse_failures
	(record_id, url, capture_id, crawl_id, reason, parser_version, first_failed, last_failed)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (record_id) DO UPDATE SET url = excluded.url, capture_id = excluded.capture_id,
		crawl_id = COALESCE(excluded.crawl_id, crawl_id), reason = excluded.reason,
		parser_version = excluded.parser_version, last_failed = MAX(last_failed, excluded.last_failed)
	WHERE (SELECT fetched_at FROM captures WHERE id = excluded.capture_id) >=
		(SELECT fetched_at FROM captures WHERE id = parse_failures.capture_id)`)

// ParseFailureWrite is AddParseFailure as a Write.
func ParseFailureWrite(f ParseFailure) Write {
	return Write{what: "add parse failure of " + f.URL, run: func(t *txn) error {
		var crawl any
		if f.CrawlID != 0 {
			crawl = f.CrawlID
		}
		t.s.mem.failed(f.RecordID)
		if _, err := t.exec(upsertParseFailure, f.RecordID, f.URL, f.CaptureID, crawl, f.Reason, f.ParserVersion,
			FormatTime(f.LastFailed), FormatTime(f.LastFailed)); err != nil {
			return fmt.Errorf("add parse failure of %s: %w", f.URL, err)
		}
		return nil
	}}
}

const failureColumns = `record_id, url, capture_id, COALESCE(crawl_id, 0), reason, parser_version, first_failed, last_failed`

func scanFailure(row interface{ Scan(...any) error }) (*ParseFailure, error) {
	var f ParseFailure
	var first, last string
	if err := row.Scan(&f.RecordID, &f.URL, &f.CaptureID, &f.CrawlID, &f.Reason, &f.ParserVersion, &first, &last); err != nil {
		return nil, err
	}
	f.FirstFailed, f.LastFailed = ParseTime(first), ParseTime(last)
	return &f, nil
}

// ParseFailure returns the open parse failure of a record page, or
// ErrNotFound.
func (s *Store) ParseFailure(ctx context.Context, recordID int) (*ParseFailure, error) {
	f, err := scanFailure(s.queryRow(ctx, `SELECT `+failureColumns+` FROM parse_failures WHERE record_id = ?`, recordID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("parse failure of record %d: %w", recordID, err)
	}
	return f, nil
}

// ParseFailures returns every open parse failure, by record id.
func (s *Store) ParseFailures(ctx context.Context) ([]ParseFailure, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+failureColumns+` FROM parse_failures ORDER BY record_id`)
	if err != nil {
		return nil, fmt.Errorf("list parse failures: %w", err)
	}
	defer rows.Close()
	out := []ParseFailure{}
	for rows.Next() {
		f, err := scanFailure(rows)
		if err != nil {
			return nil, fmt.Errorf("list parse failures: %w", err)
		}
		out = append(out, *f)
	}
	return out, rows.Err()
}

// UnreadableBySource counts the open parse failures by the source of the
// crawl that last found each.
func (s *Store) UnreadableBySource(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT COALESCE(c.source, ''), COUNT(*) FROM parse_failures f
		LEFT JOIN crawls c ON c.id = f.crawl_id GROUP BY 1`)
	if err != nil {
		return nil, fmt.Errorf("count parse failures: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var src string
		var n int
		if err := rows.Scan(&src, &n); err != nil {
			return nil, fmt.Errorf("count parse failures: %w", err)
		}
		out[src] = n
	}
	return out, rows.Err()
}

func sortedSet(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	out = slices.Compact(out)
	if out == nil {
		out = []string{}
	}
	return out
}

// LastFieldsFound returns the schema fields found on record id's page
// the last time it was read (its latest parse result that is not
// unreadable): what a page answering 304 Not Modified shows still. The
// stored record does not keep the page's texts as laid out (the WARC
// record holds the page), so this is where they are known from. No
// result gives ErrNotFound.
func (s *Store) LastFieldsFound(ctx context.Context, id int) ([]string, error) {
	var fields string
	err := s.queryRow(ctx, `SELECT `+parseResultFields+` FROM parse_results p
		LEFT JOIN parse_field_lists l ON l.id = p.fields_list
		WHERE p.record_id = ? AND p.outcome <> 'unreadable'
		ORDER BY p.crawl_id DESC LIMIT 1`, id).Scan(&fields)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("fields found on record %d's page: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("fields found on record %d's page: %w", id, err)
	}
	var out []string
	if err := json.Unmarshal([]byte(fields), &out); err != nil {
		return nil, fmt.Errorf("fields found on record %d's page: %w", id, err)
	}
	return out, nil
}
