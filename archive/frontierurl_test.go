package archive

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// frontierDump is the frontier as the catalog's contract reads it
// (TableRows) and as a crawl reads it back, as text.
func frontierDump(t *testing.T, st *Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	if err := st.TableRows(ctx, "frontier", func(cols []string, vals []any) error {
		for i, v := range vals {
			fmt.Fprintf(&b, "%s=%T:%v ", cols[i], v, v)
		}
		b.WriteString("\n")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for crawl := int64(1); crawl <= 3; crawl++ {
		for _, state := range []string{FrontierQueued, FrontierDone, FrontierFailed} {
			es, err := st.Frontier(ctx, crawl, state)
			fmt.Fprintf(&b, "crawl %d %s: %+v %v\n", crawl, state, es, err)
		}
		es, err := st.MissingRecords(ctx, crawl)
		fmt.Fprintf(&b, "crawl %d missing: %+v %v\n", crawl, es, err)
	}
	return b.String()
}

// TestMigrationFrontierURLs: step 23 stores the frontier's URLs under
// their crawl's base URL without it, and the frontier reads back as
// before; entries added after it are stored so too.
func TestMigrationFrontierURLs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old := storeAtStep(t, dir, 22)
	db := old.db
	for _, q := range []string{
		`INSERT INTO crawls (id, source, base_url, started_at, status) VALUES (1, 'osservatorio', 'https://x.example', '2025-01-01T00:00:00.000000000Z', 'done'),
			(2, 'comune', 'https://comune.example.it/', '2025-01-02T00:00:00.000000000Z', 'done'), (3, 'links', '', '2025-01-03T00:00:00.000000000Z', 'done')`,
		`INSERT INTO records (id, url, first_seen, last_seen, latest_version) VALUES (7, 'https://x.example/scheda-processo/7', 1, 1, 1)`,
		`INSERT INTO frontier (crawl_id, key, url, state, reason, depth) VALUES
			(1, 'url:/', 'https://x.example/', 'done', '', 0),
			(1, 'record:7', 'https://x.example/scheda-processo/7', 'failed', 'http_404', 2),
			(1, 'record:8', 'https://x.example.org/scheda-processo/8', 'queued', '', 2),
			(1, 'url:x', 'https://x.example', 'done', '', 0),
			(1, 'url:è', 'https://x.example/città?q=è', 'queued', '', 1),
			(2, 'url:/', 'https://comune.example.it/', 'done', '', 0),
			(2, 'url:/albo', 'https://comune.example.it/albo', 'queued', '', 1),
			(2, 'url:other', 'https://altro.example.it/albo', 'queued', '', 1),
			(3, 'url:https://y.example/', 'https://y.example/', 'done', '', 0)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	before := frontierDump(t, old)
	db.Close()
	if !strings.Contains(before, "url=string:https://x.example/città?q=è ") {
		t.Fatalf("before step 23:\n%s", before)
	}
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if after := frontierDump(t, st); after != before {
		t.Errorf("after step 23:\n%s\nbefore:\n%s", after, before)
	}
	stored := func(crawl int64) string {
		t.Helper()
		var s string
		if err := st.db.QueryRowContext(ctx, `SELECT group_concat(typeof(url) || ':' || CAST(url AS TEXT), ' ') FROM (SELECT url FROM frontier WHERE crawl_id = ? ORDER BY rowid)`, crawl).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	want := map[int64]string{
		1: "blob:/ blob:/scheda-processo/7 blob:.org/scheda-processo/8 text:https://x.example blob:/città?q=è",
		2: "text:https://comune.example.it/ blob:albo text:https://altro.example.it/albo",
		3: "text:https://y.example/",
	}
	for crawl, w := range want {
		if got := stored(crawl); got != w {
			t.Errorf("crawl %d stored %s, want %s", crawl, got, w)
		}
	}
	// Added now: stored the same way, read back whole.
	c4, err := st.StartCrawl(ctx, "comune", "https://comune.example.it/", ParseTime("2025-01-04T00:00:00.000000000Z"))
	if err != nil {
		t.Fatal(err)
	}
	es := []FrontierEntry{{Key: "url:/", URL: "https://comune.example.it/"}, {Key: "url:/albo", URL: "https://comune.example.it/albo", Depth: 1},
		{Key: "url:other", URL: "https://altro.example.it/albo", Depth: 1}}
	if _, err := st.AddToFrontier(ctx, c4, es); err != nil {
		t.Fatal(err)
	}
	if got := stored(c4); got != want[2] {
		t.Errorf("added now: stored %s, want %s", got, want[2])
	}
	got, err := st.Frontier(ctx, c4, FrontierQueued)
	if err != nil || fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", []FrontierEntry{{Key: "url:/", URL: "https://comune.example.it/", State: FrontierQueued},
		{Key: "url:/albo", URL: "https://comune.example.it/albo", State: FrontierQueued, Depth: 1}, {Key: "url:other", URL: "https://altro.example.it/albo", State: FrontierQueued, Depth: 1}}) {
		t.Errorf("read back: %+v %v", got, err)
	}
	if _, err := st.AddToFrontier(ctx, 99, es[:1]); err == nil {
		t.Error("an entry of a crawl the catalog does not hold")
	}
}
