package archive

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSettleFrontierIsOneStep(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id, err := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddToFrontier(ctx, id, []FrontierEntry{{Key: "url:/processi", URL: "https://x/processi"}}); err != nil {
		t.Fatal(err)
	}
	links := []FrontierEntry{
		{Key: "record:1", URL: "https://x/scheda-processo/1"},
		{Key: "url:/admin", URL: "https://x/admin", State: FrontierExcluded, Reason: "robots"},
		{Key: "url:/processi", URL: "https://x/processi"}, // the page itself: known
	}
	added, err := st.SettleFrontier(ctx, id, "url:/processi", FrontierDone, "", links)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(added, []bool{true, false, false}) {
		t.Errorf("added %v, want only the record newly queued", added)
	}

	// A settle that fails part-way leaves nothing of itself: the links
	// are not queued and the page stays queued.
	if _, err := st.AddToFrontier(ctx, id, []FrontierEntry{{Key: "url:/processi?page=2", URL: "https://x/processi?page=2"}}); err != nil {
		t.Fatal(err)
	}
	_, err = st.SettleFrontier(ctx, id, "url:/processi?page=2", FrontierDone, "",
		[]FrontierEntry{{Key: "record:2", URL: "https://x/scheda-processo/2"}, {Key: "record:3", URL: "https://x/3", State: "bogus"}})
	if err == nil {
		t.Fatal("a bad entry was accepted")
	}
	if _, err := st.SettleFrontier(ctx, id, "url:/nowhere", FrontierDone, "", nil); err == nil || !strings.Contains(err.Error(), "not in the frontier") {
		t.Errorf("settling a key never queued: %v", err)
	}
	q, _ := st.Frontier(ctx, id, FrontierQueued)
	var keys []string
	for _, e := range q {
		keys = append(keys, e.Key)
	}
	if !slices.Equal(keys, []string{"record:1", "url:/processi?page=2"}) {
		t.Errorf("queued after a failed settle: %v", keys)
	}

	// An excluded key gives way to the same key queued; a settled one does not.
	added, _ = st.AddToFrontier(ctx, id, []FrontierEntry{
		{Key: "url:/admin", URL: "https://x/admin"},
		{Key: "url:/processi", URL: "https://x/processi"},
	})
	if !slices.Equal(added, []bool{true, false}) {
		t.Errorf("added %v: an excluded key must be queued when offered as queued, a done one never again", added)
	}
	if _, err := st.SettleFrontier(ctx, id, "record:1", FrontierFailed, "http_404", nil); err != nil {
		t.Fatal(err)
	}
	counts, err := st.FrontierCounts(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []FrontierCount{{"done", "", 1}, {"failed", "http_404", 1}, {"queued", "", 2}}
	if !slices.Equal(counts, want) {
		t.Errorf("counts %v, want %v", counts, want)
	}
}

func TestMissingRecordsAreKnownRecordsThatFailed(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id, _ := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	now := FormatTime(time.Now())
	for _, r := range []int{7, 8} {
		if _, err := st.db.Exec(`INSERT INTO records (id, url, first_seen, last_seen, latest_version) VALUES (?, ?, ?, ?, 1)`, r, fmt.Sprintf("https://x/scheda-processo/%d", r), now, now); err != nil {
			t.Fatal(err)
		}
	}
	var es []FrontierEntry
	for _, k := range []string{"7", "8", "9"} {
		es = append(es, FrontierEntry{Key: "record:" + k, URL: "https://x/scheda-processo/" + k})
	}
	st.AddToFrontier(ctx, id, es)
	st.SettleFrontier(ctx, id, "record:7", FrontierFailed, "http_410", nil)
	st.SettleFrontier(ctx, id, "record:8", FrontierDone, "", nil)
	st.SettleFrontier(ctx, id, "record:9", FrontierFailed, "http_404", nil) // an id never known: not missing
	m, err := st.MissingRecords(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 1 || m[0].Key != "record:7" || m[0].Reason != "http_410" {
		t.Errorf("missing records: %+v", m)
	}
}

// TestFrontierMigrationKeepsEntries opens a database at the schema before
// settled states: its frontier comes through, in order.
func TestFrontierMigrationKeepsEntries(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, DBName)+"?_foreign_keys=on&_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT '')`); err != nil {
		t.Fatal(err)
	}
	// The schema just before the frontier's settled states (step 6).
	for v := 1; v < 6; v++ {
		if _, err := db.Exec(migrations[v]); err != nil {
			t.Fatal(err)
		}
		db.Exec(`INSERT INTO schema_migrations (version) VALUES (?)`, v)
	}
	db.Exec(`INSERT INTO crawls (source, base_url, started_at, status) VALUES ('osservatorio', 'https://x', '2026-01-01T00:00:00Z', 'interrupted')`)
	for _, e := range [][3]string{{"url:/", "https://x/", "done"}, {"record:2", "https://x/scheda-processo/2", "queued"}, {"record:1", "https://x/scheda-processo/1", "queued"}} {
		if _, err := db.Exec(`INSERT INTO frontier (crawl_id, key, url, state) VALUES (1, ?, ?, ?)`, e[0], e[1], e[2]); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q, err := st.Frontier(ctx, 1, FrontierQueued)
	if err != nil || len(q) != 2 || q[0].Key != "record:2" || q[1].Key != "record:1" {
		t.Errorf("queued after the migration: %+v %v", q, err)
	}
	for _, e := range q {
		if e.Depth != 0 {
			t.Errorf("%s queued before depths were kept: depth %d, want 0", e.Key, e.Depth)
		}
	}
	if _, err := st.SettleFrontier(ctx, 1, "record:2", FrontierExcluded, "max_pages", nil); err != nil {
		t.Errorf("settle after the migration: %v", err)
	}
}
