package archive

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// oldLinks are links as a catalog before step 25 holds them: url,
// first_seen (as stored), active, state, state_since, last_verdict,
// last_good_capture.
var oldLinks = [][]any{
	{"https://a.example/doc.pdf", int64(1735725600000000000), 1, "up", "2025-01-02T00:00:00.000000000Z", "ok", 1},
	{"https://b.example/", int64(1735725600000000001), 1, "down", "2025-01-03T00:00:00.000000000Z", "http_404", nil},
	{"https://c.example/x,y", "2025-01-01T10:00:00Z", 0, "suspect", "2025-01-03T00:00:00.000000000Z", "timeout", nil},
	{"https://d.example/site-only", int64(1735725600000000002), 1, "up", nil, "", nil},
	{"https://e.example/orphan", int64(1735725600000000003), 0, "down", "2025-01-04T00:00:00.000000000Z", "dns", nil},
	{"https://f.example/img.jpg", int64(1735725600000000004), 1, "up", nil, "", nil},
}

// oldLinkRefs are the records' links: url, record, field, source,
// declared_gone; known fields and sources, and others kept as text.
var oldLinkRefs = [][]any{
	{"https://a.example/doc.pdf", 7, "website", "href", 0},
	{"https://a.example/doc.pdf", 7, "source_notes", "text", 1},
	{"https://a.example/doc.pdf", 8, "website", "href", 0},
	{"https://b.example/", 8, "impact_map", "src", 0},
	{"https://b.example/", 9, "a_field_not_known", "other", 1},
	{"https://c.example/x,y", 9, "3", "text", 0},
	{"https://c.example/x,y", 9, "", "", 0},
	{"https://f.example/img.jpg", 7, "logo", "src", 0},
}

// oldLinksCatalog makes a catalog at step 24 in dir holding oldLinks and
// oldLinkRefs, the records 7, 8 and 9 citing them, links found on a site
// source's pages and checks of the links.
func oldLinksCatalog(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	db := storeAtStep(t, dir, 24).db
	defer db.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO crawls (id, source, base_url, started_at, status) VALUES (1, 'osservatorio', 'https://x', '2025-01-01T00:00:00.000000000Z', 'done')`)
	exec(`INSERT INTO warc_files (id, name) VALUES (1, 'a.warc.gz')`)
	for id := 1; id <= 3; id++ {
		exec(`INSERT INTO captures (id, crawl_id, url, fetched_at, status, payload_digest, payload_length, warc_file, warc_offset, warc_length, warc_record_id)
			VALUES (?, 1, ?, ?, 200, 'sha1:X', 1, 1, ?, 1, 'r')`, id, fmt.Sprintf("https://x/scheda-processo/%d", id+6), int64(1735725600000000000)+int64(id), id*10)
	}
	for i, id := range []int{7, 8, 9} {
		var links []string
		for _, r := range oldLinkRefs {
			if r[1] == id {
				links = append(links, fmt.Sprintf(`{"url":%q,"field":%q,"source":%q,"declared_gone":%v}`, r[0], r[2], r[3], r[4] == 1))
			}
		}
		doc := fmt.Sprintf(`{"id":%d,"title":"T%d","links":[%s]}`, id, id, strings.Join(links, ","))
		at := fmt.Sprintf("2025-01-0%dT10:00:00.000000000Z", i+1)
		exec(`INSERT INTO records (id, url, first_seen, last_seen, latest_version) VALUES (?, ?, ?, ?, 1)`,
			id, fmt.Sprintf("https://x/scheda-processo/%d", id), int64(1735725600000000000)+int64(i), int64(1735725600000000000)+int64(i))
		exec(`INSERT INTO record_versions (record_id, version, capture_id, parser_version, created_at, data, changed_fields)
			VALUES (?, 1, ?, 'p', ?, archivio_pack(?), '[]')`, id, i+1, at, doc)
		exec(`INSERT INTO record_summaries (record_id, version, capture_id, changed_at, title) VALUES (?, 1, ?, ?, ?)`,
			id, i+1, int64(1735725600000000000)+int64(i), fmt.Sprint("T", id))
	}
	for _, l := range oldLinks {
		exec(`INSERT INTO links (url, first_seen, active, state, state_since, last_verdict, last_good_capture) VALUES (?, ?, ?, ?, ?, ?, ?)`, l...)
	}
	for _, r := range oldLinkRefs {
		exec(`INSERT INTO link_refs (url, record_id, field, source, declared_gone) VALUES (?, ?, ?, ?, ?)`, r...)
	}
	exec(`INSERT INTO site_links (url, source, page_url, first_seen) VALUES ('https://d.example/site-only', 'comune', 'https://comune.example/', '2025-01-01T00:00:00.000000000Z'),
		('https://a.example/doc.pdf', 'comune', 'https://comune.example/a', '2025-01-01T00:00:00.000000000Z')`)
	exec(`INSERT INTO link_checks (url, checked_at, verdict, status, method, final_url, chain, error, capture_id, elapsed_ms, state, works) VALUES
		('https://a.example/doc.pdf', '2025-01-02T00:00:00.000000000Z', 'ok', 200, 'GET', 'https://a.example/doc.pdf', '[]', '', 1, 5, 'up', 1),
		('https://b.example/', '2025-01-03T00:00:00.000000000Z', 'http_404', 404, 'GET', 'https://b.example/', '[]', '', NULL, 5, 'down', 0)`)
}

// linksDump is the link inventory as the catalog's contract reads it
// (TableRows) and as every read of the Store's that looks at links
// returns it, as text.
func linksDump(t *testing.T, st *Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, table := range []string{"links", "link_refs", "site_links"} {
		if err := st.TableRows(ctx, table, func(cols []string, vals []any) error {
			for i, v := range vals {
				fmt.Fprintf(&b, "%s=%T:%v ", cols[i], v, v)
			}
			b.WriteString("\n")
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	show := func(what string, v any, err error) { fmt.Fprintf(&b, "%s: %+v %v\n", what, v, err) }
	for _, state := range []string{"", "up", "suspect", "down"} {
		for _, active := range []bool{false, true} {
			ls, err := st.Links(ctx, state, active)
			show("links "+state+fmt.Sprint(active), ls, err)
			p, err := st.SearchLinks(ctx, LinkQuery{State: state, Active: active})
			show("search", p, err)
			p, err = st.SearchLinks(ctx, LinkQuery{State: state, Active: active, Text: ".example/", Limit: 2, Offset: 1})
			show("search page", p, err)
			rs, err := st.SearchRecords(ctx, RecordQuery{LinkState: state})
			show("records", rs, err)
		}
	}
	for _, l := range append(oldLinks, []any{"https://nowhere.example/"}) {
		u := l[0].(string)
		got, err := st.Link(ctx, u)
		show("link", got, err)
		rs, err := st.LinkRecords(ctx, u)
		show("citing", rs, err)
	}
	for _, id := range []int{7, 8, 9, 10} {
		ls, err := st.RecordLinks(ctx, id)
		show("record links", ls, err)
	}
	o, err := st.Overview(ctx)
	if o != nil {
		show("overview", []any{o.Links, o.LinksDown}, err)
	}
	for _, at := range []string{"2025-01-01T12:00:00.000000000Z", "2025-02-01T00:00:00.000000000Z"} {
		ls, err := st.LinksAsOf(ctx, ParseTime(at))
		show("as of "+at, ls, err)
	}
	return b.String()
}

// TestMigrationLinkIDs: step 25 keys the records' links by the link's id,
// their field and source as small codes, and every read of the links
// returns what it returned before, byte for byte
// (testdata/links_before_step25.txt is linksDump of oldLinksCatalog by
// archivio before step 25).
func TestMigrationLinkIDs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	oldLinksCatalog(t, dir)
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	after := linksDump(t, st)
	if os.Getenv("ARCHIVIO_RECORD_LINKS_BEFORE") != "" {
		if err := os.WriteFile(filepath.Join("testdata", "links_before_step25.txt"), []byte(after), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before, err := os.ReadFile(filepath.Join("testdata", "links_before_step25.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if after != string(before) {
		t.Errorf("after step 25:\n%s\nbefore:\n%s", after, before)
	}
	var stored string
	if err := st.db.QueryRowContext(ctx, `SELECT group_concat(link_id || ' ' || record_id || ' ' || quote(field) || ' ' || quote(source), ', ')
		FROM (SELECT * FROM link_refs ORDER BY link_id, record_id, field)`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	// Links by URL: a 1, b 2, c 3, d 4, e 5, f 6.
	if want := `1 7 7 0, 1 7 55 2, 1 8 7 0, 2 8 33 1, 2 9 'a_field_not_known' 'other', 3 9 '' '', 3 9 '3' 2, 6 7 8 1`; stored != want {
		t.Errorf("stored %s\nwant   %s", stored, want)
	}
	var fk int
	if err := st.db.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys %d after step 25, %v", fk, err)
	}
	// Written now: record 8 cites a new link instead of a and b (which
	// others still cite), then record 9 none (b and c then cited by none).
	apply := func(id int, n int, links ...CitedLink) {
		t.Helper()
		c, err := st.AddCapture(ctx, &Capture{URL: fmt.Sprint("https://x/scheda-processo/", id), FetchedAt: time.Date(2026, 1, n, 0, 0, 0, 0, time.UTC),
			Status: 200, PayloadDigest: "sha1:X", WARCFile: "a.warc.gz", WARCOffset: int64(1000 + n), WARCLength: 1, WARCRecordID: "r"})
		if err != nil {
			t.Fatal(err)
		}
		doc := fmt.Sprintf(`{"id":%d,"title":"T%d new","links":[]}`, id, id)
		if _, err := st.ApplyRecord(ctx, ParsedRecord{ID: id, URL: fmt.Sprint("https://x/scheda-processo/", id), Data: []byte(doc), ParserVersion: "p", Links: links},
			c, time.Date(2026, 1, n, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
	}
	apply(8, 1, CitedLink{URL: "https://g.example/new", Field: "website", Source: "href"}, CitedLink{URL: "https://g.example/new", Field: "new_field", Source: "srcset"})
	apply(9, 2)
	for _, tc := range []struct {
		url    string
		active bool
		ids    string
		fields string
	}{
		{"https://a.example/doc.pdf", true, "[7]", "[site:comune source_notes website]"},
		{"https://b.example/", false, "[]", "[]"},
		{"https://c.example/x,y", false, "[]", "[]"},
		{"https://f.example/img.jpg", true, "[7]", "[logo]"},
		{"https://g.example/new", true, "[8]", "[new_field website]"},
	} {
		l, err := st.Link(ctx, tc.url)
		if err != nil || l.Active != tc.active || fmt.Sprint(l.RecordIDs) != tc.ids || fmt.Sprint(l.Fields) != tc.fields {
			t.Errorf("%s: %+v, %v; want active %v, records %s, fields %s", tc.url, l, err, tc.active, tc.ids, tc.fields)
		}
	}
	if err := st.db.QueryRowContext(ctx, `SELECT group_concat(l.id || ' ' || quote(r.field) || ' ' || quote(r.source), ', ')
		FROM (SELECT * FROM link_refs WHERE record_id = 8 ORDER BY field) r JOIN links l ON l.id = r.link_id`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if want := `7 7 0, 7 'new_field' 'srcset'`; stored != want {
		t.Errorf("written now: stored %s\nwant   %s", stored, want)
	}
	if _, _, err := st.RecordCheck(ctx, Check{URL: "https://g.example/new", CheckedAt: time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC), Verdict: "ok", Status: 200},
		true, DefaultThresholds()); err != nil {
		t.Errorf("check of a link added now: %v", err)
	}
}

// rewindLinks takes st's links back to how a catalog before step 25
// stored them (for tests of earlier steps, which rewind a catalog made
// now).
func rewindLinks(t *testing.T, st *Store) {
	t.Helper()
	ctx := context.Background()
	if _, err := st.db.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		t.Fatal(err)
	}
	defer st.db.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
	if _, err := st.db.ExecContext(ctx, `
CREATE TABLE links_url (
	url               TEXT PRIMARY KEY,
	first_seen        INTEGER NOT NULL,
	active            INTEGER NOT NULL DEFAULT 1,
	state             TEXT NOT NULL DEFAULT 'up' CHECK (state IN ('up', 'suspect', 'down')),
	state_since       TEXT,
	fail_streak       INTEGER NOT NULL DEFAULT 0,
	fail_since        TEXT,
	ok_streak         INTEGER NOT NULL DEFAULT 0,
	ok_since          TEXT,
	last_checked      TEXT,
	last_verdict      TEXT NOT NULL DEFAULT '',
	last_ok           TEXT,
	last_good_capture INTEGER REFERENCES captures(id),
	redirect_chain    TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
INSERT INTO links_url SELECT url, first_seen, active, state, state_since, fail_streak, fail_since, ok_streak, ok_since,
	last_checked, last_verdict, last_ok, last_good_capture, redirect_chain FROM links;
CREATE TABLE link_refs_url (
	url           TEXT NOT NULL REFERENCES links(url),
	record_id     INTEGER NOT NULL REFERENCES records(id),
	field         TEXT NOT NULL,
	source        TEXT NOT NULL,
	declared_gone INTEGER NOT NULL,
	PRIMARY KEY (url, record_id, field)
) WITHOUT ROWID;
INSERT INTO link_refs_url `+tableSelects["link_refs"]+`;
DROP TABLE link_refs;
DROP TABLE links;
ALTER TABLE links_url RENAME TO links;
ALTER TABLE link_refs_url RENAME TO link_refs;
CREATE INDEX link_refs_record ON link_refs (record_id);
CREATE INDEX links_state ON links (state, url);
DELETE FROM schema_migrations WHERE version >= 25;`); err != nil {
		t.Fatal(err)
	}
}

// linkRefsBefore25 is how archivio read the records' links before step
// 24 (TableRows), for tests reading a catalog of an earlier step.
const linkRefsBefore25 = `SELECT url, record_id, field, source, declared_gone FROM link_refs ORDER BY url, record_id, field`

// tableRowsAt is st.TableRows, but for link_refs of a catalog before step
// 24 as archivio read them then.
func tableRowsAt(ctx context.Context, st *Store, table string, fn func(cols []string, vals []any) error) error {
	var version int
	if err := st.db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&version); err != nil {
		return err
	}
	if table != "link_refs" || version >= 25 {
		return st.TableRows(ctx, table, fn)
	}
	rows, err := st.db.QueryContext(ctx, linkRefsBefore25)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := fn(cols, vals); err != nil {
			return err
		}
	}
	return rows.Err()
}
