package archive

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestParseFieldListsStoredOnce: results showing the same fields share
// one stored list; each reads back its own fields (health, last fields
// found, the table's rows as the catalog's contract has them, without the
// list's id).
func TestParseFieldListsStoredOnce(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, _ := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	full := []string{"title", "status", "region"}
	for id := 1; id <= 50; id++ {
		fields := full
		if id == 50 {
			fields = []string{"title"}
		}
		if err := st.AddParseResult(ctx, ParseResult{CrawlID: c, RecordID: id, URL: "u", Outcome: OutcomeParsed, Fields: fields}); err != nil {
			t.Fatal(err)
		}
	}
	var lists int
	if err := st.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM parse_field_lists`).Scan(&lists); err != nil || lists != 2 {
		t.Errorf("%d field lists stored (%v), want 2 for 50 results", lists, err)
	}
	h, err := st.ParseHealth(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if h.Fields["title"] != 50 || h.Fields["status"] != 49 || h.Fields["region"] != 49 {
		t.Errorf("fields counted %v", h.Fields)
	}
	without, err := st.PagesWithoutField(ctx, c, "status", 10)
	if err != nil || len(without) != 1 || without[0].RecordID != 50 {
		t.Errorf("pages without status: %v %v, want record 50", without, err)
	}
	if got, err := st.LastFieldsFound(ctx, 50); err != nil || !slices.Equal(got, []string{"title"}) {
		t.Errorf("fields of 50: %v %v", got, err)
	}
	rows := 0
	err = st.TableRows(ctx, "parse_results", func(cols []string, vals []any) error {
		rows++
		if slices.Contains(cols, "fields_list") || cols[6] != "fields" {
			t.Fatalf("columns %v: want the contract's", cols)
		}
		if rows == 1 && vals[6] != `["region","status","title"]` {
			t.Errorf("first row's fields %v", vals[6])
		}
		return nil
	})
	if err != nil || rows != 50 {
		t.Errorf("%d rows, %v", rows, err)
	}
}

// TestMigrationSharesFieldLists: step 12 moves the fields of results
// stored before it into shared lists, and they read back the same.
func TestMigrationSharesFieldLists(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	rewindLinks(t, st)
	rewindCaptures(t, st)
	rewindAlerts(t, st)
	for _, q := range []string{`ALTER TABLE parse_results DROP COLUMN fields_list`, `DROP TABLE parse_field_lists`,
		`ALTER TABLE frontier DROP COLUMN depth`, `DELETE FROM schema_migrations WHERE version >= 12`} {
		if _, err := st.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for id, fields := range []string{`["status","title"]`, `["status","title"]`, `[]`} {
		if _, err := st.db.ExecContext(ctx, `INSERT INTO parse_results (crawl_id, record_id, url, outcome, via, fields)
			VALUES (?, ?, 'u', 'parsed', 'fetched', ?)`, c, id+1, fields); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	if st, err = Open(ctx, dir); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var lists, inline int
	st.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM parse_field_lists`).Scan(&lists)
	st.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM parse_results WHERE fields <> '[]' OR fields_list IS NULL`).Scan(&inline)
	if lists != 2 || inline != 0 {
		t.Errorf("after step 12: %d lists, %d results not moved; want 2 and 0", lists, inline)
	}
	if got, err := st.LastFieldsFound(ctx, 2); err != nil || !slices.Equal(got, []string{"status", "title"}) {
		t.Errorf("fields of 2: %v %v", got, err)
	}
	if got, err := st.LastFieldsFound(ctx, 3); err != nil || len(got) != 0 {
		t.Errorf("fields of 3: %v %v, want none", got, err)
	}
}
