package archive

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

// TestMigrationDropsTheStoredRawTexts: step 11 takes the page's texts as
// laid out out of the versions already stored, and nothing else: every
// other member of the document stays as it was.
func TestMigrationDropsTheStoredRawTexts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	doc := `{"id":7,"url":"https://x/scheda-processo/7","title":"Prima","raw":[{"label":"Titolo","field":"title","text":"Prima"}],"links":[],"warnings":[]}`
	if _, err := st.ApplyRecord(ctx, ParsedRecord{ID: 7, URL: "https://x/scheda-processo/7", Data: json.RawMessage(doc), ParserVersion: "t"},
		newCapture(t, st, 1), time.Now()); err != nil {
		t.Fatal(err)
	}
	// Back to before step 11 (and steps 12, 13, 17, 18 and 25, which come after it).
	rewindLinks(t, st)
	rewindCaptures(t, st)
	rewindAlerts(t, st)
	for _, q := range []string{`UPDATE record_versions SET data = archivio_doc(data)`, `ALTER TABLE frontier DROP COLUMN depth`, `ALTER TABLE parse_results DROP COLUMN fields_list`, `DROP TABLE parse_field_lists`, `DROP INDEX parse_results_record`, `CREATE INDEX captures_crawl ON captures (crawl_id)`,
		`CREATE INDEX link_refs_url ON link_refs (url)`, `DELETE FROM schema_migrations WHERE version >= 11`} {
		if _, err := st.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	if st, err = Open(ctx, dir); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	vs, err := st.LatestVersions(ctx, 7)
	if err != nil || len(vs) != 1 {
		t.Fatal(vs, err)
	}
	var got map[string]any
	if err := json.Unmarshal(vs[0].Data, &got); err != nil {
		t.Fatal(err)
	}
	if _, ok := got["raw"]; ok || got["title"] != "Prima" || got["id"] != float64(7) || len(got) != 5 {
		t.Errorf("after step 11: %s", vs[0].Data)
	}
	for _, q := range []string{`SELECT 1 FROM sqlite_schema WHERE name = 'captures_crawl'`, `SELECT 1 FROM sqlite_schema WHERE name = 'link_refs_url'`} {
		var n int
		if err := st.db.QueryRowContext(ctx, q).Scan(&n); err == nil {
			t.Errorf("%s: still there", q)
		}
	}
}

// TestLastFieldsFound: the fields found on a record's page the last time
// it was read, an unreadable reading aside.
func TestLastFieldsFound(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.LastFieldsFound(ctx, 7); err == nil {
		t.Error("no parse result: no error")
	}
	c1, _ := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	c2, _ := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	c3, _ := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	for _, r := range []ParseResult{
		{CrawlID: c1, RecordID: 7, URL: "u", Outcome: OutcomeParsed, Fields: []string{"title"}},
		{CrawlID: c2, RecordID: 7, URL: "u", Outcome: OutcomeParsed, Fields: []string{"title", "status"}},
		{CrawlID: c3, RecordID: 7, URL: "u", Outcome: OutcomeUnreadable, Reason: "x"},
		{CrawlID: c3, RecordID: 8, URL: "v", Outcome: OutcomeParsed, Fields: []string{"region"}},
	} {
		if err := st.AddParseResult(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.LastFieldsFound(ctx, 7)
	if err != nil || len(got) != 2 || got[0] != "status" && got[1] != "status" {
		t.Errorf("fields of 7: %v %v, want title and status (crawl %d's)", got, err, c2)
	}
}
