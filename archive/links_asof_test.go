package archive

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// The link inventory as of a moment: cited by the versions known then,
// with the state, verdict and last good capture of the last check made by
// then, and nothing later.
func TestLinksAsOf(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h := func(n int) time.Time { return time.Date(2026, 1, 1, n, 0, 0, 0, time.UTC) }
	site := CitedLink{URL: "https://comune.example.it/", Field: "website", Source: "href"}
	later := CitedLink{URL: "https://later.example.it/", Field: "source_notes", Source: "text"}
	v1 := &testRecord{ID: 141, URL: "u", Links: []CitedLink{site}}
	if _, err := st.ApplyRecord(ctx, v1.parsed(t), newCapture(t, st, 1), h(1)); err != nil {
		t.Fatal(err)
	}
	th := Thresholds{FailThreshold: 2, FailWindow: 0, RecoverThreshold: 1}
	good, _ := st.AddCapture(ctx, &Capture{URL: site.URL, Method: "GET", FetchedAt: h(2), Status: 200, PayloadDigest: "sha1:G",
		PayloadLength: 5, WARCFile: "f.warc.gz", WARCOffset: 100, WARCLength: 1, WARCRecordID: "<urn:uuid:g>"})
	for _, c := range []struct {
		at      int
		verdict string
		capture int64
	}{{2, "ok", good}, {4, "timeout", 0}, {5, "timeout", 0}} {
		if _, _, err := st.RecordCheck(ctx, Check{URL: site.URL, CheckedAt: h(c.at), Verdict: c.verdict, Status: map[bool]int{true: 200}[c.capture != 0],
			Method: "GET", CaptureID: c.capture}, c.verdict == "ok", th); err != nil {
			t.Fatal(err)
		}
	}
	v2 := &testRecord{ID: 141, URL: "u", Links: []CitedLink{site, later}}
	if _, err := st.ApplyRecord(ctx, v2.parsed(t), newCapture(t, st, 2), h(6)); err != nil {
		t.Fatal(err)
	}
	if err := st.AddSiteLinks(ctx, "fiorano", "https://comune.example.it/", []string{site.URL}, h(7)); err != nil {
		t.Fatal(err)
	}

	urls := func(ls []LinkAt) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l.URL)
		}
		return out
	}
	for _, c := range []struct {
		at          int
		urls        []string
		state       string
		verdict     string
		checked     time.Time
		lastGood    int64
		siteFields  []string
		description string
	}{
		{0, nil, "", "", time.Time{}, 0, nil, "before the first version: nothing"},
		{1, []string{site.URL}, "", "", time.Time{}, 0, []string{"website"}, "cited, not checked yet"},
		{3, []string{site.URL}, StateUp, "ok", h(2), good, []string{"website"}, "after the good check"},
		{4, []string{site.URL}, StateSuspect, "timeout", h(4), good, []string{"website"}, "failing once: suspect, the good capture kept"},
		{6, []string{site.URL, later.URL}, StateDown, "timeout", h(5), good, []string{"website"}, "down; the second version's link"},
		{8, []string{site.URL, later.URL}, StateDown, "timeout", h(5), good, []string{"site:fiorano", "website"}, "a site source's page cites it too"},
	} {
		ls, err := st.LinksAsOf(ctx, h(c.at))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(urls(ls), c.urls) {
			t.Errorf("%s: links %v, want %v", c.description, urls(ls), c.urls)
			continue
		}
		if len(ls) == 0 {
			continue
		}
		l := ls[0]
		if l.State != c.state || l.Verdict != c.verdict || !l.LastChecked.Equal(c.checked) || l.LastGoodCapture != c.lastGood ||
			!slices.Equal(l.Fields, c.siteFields) || !slices.Equal(l.RecordIDs, []int{141}) {
			t.Errorf("%s: %+v", c.description, l)
		}
	}
}

// Checks stored before the state was kept: the latest of each link takes
// the link's state, the others stay unknown; captures of crawls are GETs,
// those of link checks take the check's method.
func TestLinkChecksStateMigration(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, DBName)+"?_foreign_keys=on&_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT '')`); err != nil {
		t.Fatal(err)
	}
	for v := 1; v < 9; v++ { // the schema before step 9
		if _, err := db.Exec(migrations[v]); err != nil {
			t.Fatal(err)
		}
		db.Exec(`INSERT INTO schema_migrations (version) VALUES (?)`, v)
	}
	for _, q := range []string{
		`INSERT INTO crawls (id, source, base_url, started_at, status) VALUES (1, 'osservatorio', 'https://x', '2026-01-01T00:00:00Z', 'done'), (2, 'links', '', '2026-01-02T00:00:00Z', 'done')`,
		`INSERT INTO captures (id, crawl_id, url, fetched_at, status, payload_digest, payload_length, warc_file, warc_offset, warc_length, warc_record_id) VALUES
			(1, 1, 'https://x/p', '2026-01-01T00:00:01Z', 200, 'sha1:A', 3, 'f', 1, 1, 'r1'),
			(2, 2, 'https://y/', '2026-01-02T00:00:01Z', 200, 'sha1:E', 0, 'f', 2, 1, 'r2'),
			(3, 2, 'https://y/old', '2026-01-02T00:00:02Z', 301, 'sha1:E', 0, 'f', 3, 1, 'r3')`,
		`INSERT INTO links (url, first_seen, state, state_since) VALUES ('https://y/', '2026-01-01T00:00:00Z', 'down', '2026-01-02T00:00:00Z')`,
		`INSERT INTO link_checks (url, checked_at, verdict, status, method, final_url, chain, error, capture_id, elapsed_ms) VALUES
			('https://y/', '2026-01-01T00:00:00Z', 'ok', 200, 'HEAD', 'https://y/', '[]', '', NULL, 1),
			('https://y/', '2026-01-02T00:00:00Z', 'timeout', 0, 'HEAD', 'https://y/', '[]', '', 2, 1)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var states, works []sql.NullString
	rows, err := st.db.QueryContext(ctx, `SELECT state, works FROM link_checks ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s, w sql.NullString
		rows.Scan(&s, &w)
		states, works = append(states, s), append(works, w)
	}
	rows.Close()
	if len(states) != 2 || states[0].Valid || states[1].String != "down" || works[0].String != "1" || works[1].String != "0" {
		t.Errorf("checks after the migration: states %v, works %v", states, works)
	}
	for id, want := range map[int64]string{1: "GET", 2: "HEAD", 3: ""} {
		if c, err := st.Capture(ctx, id); err != nil || c.Method != want {
			t.Errorf("capture %d: method %q (%v), want %q", id, c.Method, err, want)
		}
	}
}
