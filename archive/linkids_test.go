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

// oldLinks are links as a catalog before step 24 holds them: url,
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

// oldLinksCatalog makes a catalog at step 23 in dir holding oldLinks and
// oldLinkRefs, the records 7, 8 and 9 citing them, links found on a site
// source's pages and checks of the links.
func oldLinksCatalog(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	db := openSQLite("file:"+filepath.Join(dir, DBName)+"?_foreign_keys=on&_journal_mode=WAL", &docCodec{})
	defer db.Close()
	st := &Store{dir: dir, db: db, rdb: db, docs: &docCodec{}}
	if err := st.migrateTo(ctx, 23); err != nil {
		t.Fatal(err)
	}
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

// TestMigrationLinkIDs: step 24 keys the records' links by the link's id,
// their field and source as small codes, and every read of the links
// returns what it returned before, byte for byte
// (testdata/links_before_step24.txt is linksDump of oldLinksCatalog by
// archivio before step 24).
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
		if err := os.WriteFile(filepath.Join("testdata", "links_before_step24.txt"), []byte(after), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before, err := os.ReadFile(filepath.Join("testdata", "links_before_step24.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if after != string(before) {
		t.Errorf("after step 24:\n%s\nbefore:\n%s", after, before)
	}
	_ = time.Now
}
