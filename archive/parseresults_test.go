package archive

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// parseResultsDump is the parse results as the catalog's contract reads
// them (TableRows) and as a crawl's parse health and its pages read them,
// as text.
func parseResultsDump(t *testing.T, st *Store, crawl int64) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	if err := st.TableRows(ctx, "parse_results", func(cols []string, vals []any) error {
		for i, v := range vals {
			fmt.Fprintf(&b, "%s=%T:%v ", cols[i], v, v)
		}
		b.WriteString("\n")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	h, err := st.ParseHealth(ctx, crawl)
	fmt.Fprintf(&b, "health %+v %v\n", h, err)
	for _, q := range []func() ([]PageRef, error){
		func() ([]PageRef, error) { return st.UnreadablePages(ctx, crawl, 10) },
		func() ([]PageRef, error) { return st.PagesWithoutField(ctx, crawl, "status", 10) },
		func() ([]PageRef, error) { return st.PagesWithUnknownLabel(ctx, crawl, "Costo", 10) },
	} {
		pages, err := q()
		fmt.Fprintf(&b, "pages %+v %v\n", pages, err)
	}
	for id := 1; id <= 4; id++ {
		fields, err := st.LastFieldsFound(ctx, id)
		fmt.Fprintln(&b, "last fields", id, fields, err)
	}
	return b.String()
}

// TestMigrationParseResultsWithoutRepeats: step 19 stores no URL that is
// the capture's and no empty list, and every read of the parse results
// returns what it returned before; results written after it are stored
// so too, and read back as written.
func TestMigrationParseResultsWithoutRepeats(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old := storeAtStep(t, dir, 18)
	db := old.db
	for _, q := range []string{
		`INSERT INTO crawls (id, source, base_url, started_at, status) VALUES (1, 'osservatorio', 'https://x', '2025-01-01T00:00:00.000000000Z', 'done')`,
		`INSERT INTO warc_files (id, name) VALUES (1, 'a.warc.gz')`,
		`INSERT INTO captures (id, crawl_id, url, fetched_at, status, payload_digest, payload_length, warc_file, warc_offset, warc_length, warc_record_id)
			VALUES (1, 1, 'https://x/scheda-processo/1', 1, 200, 'sha1:X', 1, 1, 0, 1, 'r1'), (2, 1, 'https://x/scheda-processo/2', 2, 200, 'sha1:X', 1, 1, 10, 1, 'r2'),
			(3, 1, 'https://x/scheda-processo/3', 3, 200, 'sha1:X', 1, 1, 20, 1, 'r3')`,
		`INSERT INTO parse_field_lists (id, list) VALUES (1, '["status","title"]'), (2, '["title"]')`,
		// The capture's URL and empty lists; another URL than the
		// capture's and labels met; no capture; fields not in a list.
		`INSERT INTO parse_results (crawl_id, record_id, url, capture_id, outcome, via, fields, unknown, fuzzy, reason, fields_list) VALUES
			(1, 1, 'https://x/scheda-processo/1', 1, 'parsed', 'fetched', '[]', '[]', '[]', '', 1),
			(1, 2, 'https://x/scheda-processo/2?x', 2, 'parsed', 'fetched', '[]', '["Costo"]', '[{"label":"Titolo:","field":"title"}]', '', 2),
			(1, 3, 'https://x/scheda-processo/3', NULL, 'unreadable', 'fetched', '[]', '[]', '[]', 'no_title', NULL),
			(1, 4, 'https://x/scheda-processo/4', 3, 'unchanged', 'not_modified', '["region"]', '["Costo"]', '[]', '', NULL)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	before := parseResultsDump(t, old, 1)
	db.Close()
	if !strings.Contains(before, "url=string:https://x/scheda-processo/1 ") || !strings.Contains(before, "unknown=string:[] ") {
		t.Fatalf("before step 19:\n%s", before)
	}
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if after := parseResultsDump(t, st, 1); after != before {
		t.Errorf("after step 19:\n%s\nbefore:\n%s", after, before)
	}
	var stored string
	if err := st.db.QueryRowContext(ctx, `SELECT group_concat(quote(url) || ' ' || quote(fields) || ' ' || quote(unknown) || ' ' || quote(fuzzy), ', ')
		FROM (SELECT * FROM parse_results ORDER BY rowid)`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if want := `NULL NULL NULL NULL, 'https://x/scheda-processo/2?x' NULL '["Costo"]' '[{"label":"Titolo:","field":"title"}]', 'https://x/scheda-processo/3' NULL NULL NULL, 'https://x/scheda-processo/4' '["region"]' '["Costo"]' NULL`; stored != want {
		t.Errorf("stored %s\nwant   %s", stored, want)
	}
	// Written now: the same results, in a new crawl, read back the same.
	c2, err := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []ParseResult{
		{CrawlID: c2, RecordID: 1, URL: "https://x/scheda-processo/1", CaptureID: 1, Outcome: OutcomeParsed, Fields: []string{"title", "status"}},
		{CrawlID: c2, RecordID: 2, URL: "https://x/scheda-processo/2?x", CaptureID: 2, Outcome: OutcomeParsed, Fields: []string{"title"},
			Unknown: []string{"Costo"}, Fuzzy: []FuzzyLabel{{Label: "Titolo:", Field: "title"}}},
		{CrawlID: c2, RecordID: 3, URL: "https://x/scheda-processo/3", Outcome: OutcomeUnreadable, Reason: "no_title"},
		{CrawlID: c2, RecordID: 4, URL: "https://x/scheda-processo/4", CaptureID: 3, Outcome: OutcomeUnchanged, NotModified: true, Unknown: []string{"Costo"}},
	} {
		if err := st.AddParseResult(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.db.QueryRowContext(ctx, `SELECT group_concat(quote(url) || ' ' || quote(unknown) || ' ' || quote(fuzzy), ', ')
		FROM (SELECT * FROM parse_results WHERE crawl_id = ? ORDER BY rowid)`, c2).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if want := `NULL NULL NULL, 'https://x/scheda-processo/2?x' '["Costo"]' '[{"label":"Titolo:","field":"title"}]', 'https://x/scheda-processo/3' NULL NULL, 'https://x/scheda-processo/4' '["Costo"]' NULL`; stored != want {
		t.Errorf("written now: stored %s\nwant   %s", stored, want)
	}
	now := parseResultsDump(t, st, c2)
	// The rows of both crawls, with crawl 1's fields of record 4 (not in a
	// list) and the crawl ids aside, read alike.
	norm := func(s string) string {
		s = strings.ReplaceAll(s, fmt.Sprintf("crawl_id=int64:%d ", c2), "crawl_id=int64:1 ")
		s = strings.ReplaceAll(s, fmt.Sprintf("CrawlID:%d ", c2), "CrawlID:1 ")
		return strings.ReplaceAll(s, `fields=string:["region"]`, `fields=string:[]`)
	}
	for _, line := range strings.Split(norm(now), "\n") {
		if strings.HasPrefix(line, "crawl_id=int64:1 ") && !strings.Contains(norm(before), line) {
			t.Errorf("row written now %s\nnot among those before:\n%s", line, before)
		}
	}
}
