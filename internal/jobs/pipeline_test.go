package jobs

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/demo/demosite"
	"archivio/source/osservatorio"
)

// wholeRecordPages lists the record pages whose 200 answer is whole in
// the WARC files of dir, by path.
func wholeRecordPages(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for u, rs := range archivedResponses(t, dir) {
		if _, ok := osservatorio.RecordID(u); !ok {
			continue
		}
		for _, r := range rs {
			if r.StatusCode == 200 && r.Truncated == "" {
				out[strings.TrimPrefix(u, "https://"+demoHost)] = true
			}
		}
	}
	return out
}

// catalogCount counts rows of the catalog of dir as a reader sees them.
func catalogCount(t *testing.T, dir, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, archive.DBName)+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// resumeFetchesNothingArchived resumes the crawl of cfg and checks that
// it ends done with every record of site stored, and that no record page
// in archived was requested again.
func resumeFetchesNothingArchived(t *testing.T, site *demosite.Site, cfg Config, archived map[string]bool) *Report {
	t.Helper()
	before := map[string]int{}
	for p := range archived {
		before[p] = site.Hits(p)
	}
	cfg.Resume = true
	rep := crawl(t, cfg)
	if rep.Status != "done" || !rep.Resumed || rep.Frontier.Unsettled != 0 {
		t.Errorf("resumed crawl: %+v", rep)
	}
	for p, n := range before {
		if site.Hits(p) != n {
			t.Errorf("%s was whole in the WARC files and was requested again by --resume", p)
		}
	}
	if got := storedIDs(t, cfg.DataDir); len(got) != len(site.IDs()) {
		t.Errorf("%d records stored after --resume, want %d", len(got), len(site.IDs()))
	}
	return rep
}

// TestFailedCommitFailsTheCrawlAndLosesNothing: when a group commit of
// the catalog fails, the crawl stops and fails (it never reports done),
// counts nothing of the group it lost, and loses nothing of what it
// fetched: the WARC files hold every answer, and --resume, once the
// catalog takes writes again, catalogues them from there without fetching
// them again.
func TestFailedCommitFailsTheCrawlAndLosesNothing(t *testing.T) {
	site, cfg := demo(t, demosite.Options{Records: 80})
	cfg.Parallel = 2
	st, err := archive.Open(context.Background(), cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// The catalog refuses the version of one record: the whole group that
	// holds it rolls back.
	failing := site.IDs()[len(site.IDs())/2]
	execSQL(t, cfg.DataDir, `CREATE TRIGGER refuse BEFORE INSERT ON record_versions WHEN NEW.record_id = `+
		strconv.Itoa(failing)+` BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`)

	rep, err := Crawl(context.Background(), cfg)
	if err == nil || rep == nil || rep.Status != "failed" || !strings.Contains(rep.Error, "refused for the test") {
		t.Fatalf("crawl with a failing commit: %v, report %+v", err, rep)
	}
	stored := storedIDs(t, cfg.DataDir)
	if stored[failing] {
		t.Fatalf("record %d stored though its commit failed", failing)
	}
	if int(rep.RecordsNew) != len(stored) {
		t.Errorf("report counts %d new records, the catalog holds %d: a write counts only once committed", rep.RecordsNew, len(stored))
	}
	archived := wholeRecordPages(t, cfg.DataDir)
	if len(archived) <= len(stored) {
		t.Errorf("%d record pages whole in the WARC files, %d records stored: the failed group held none?", len(archived), len(stored))
	}

	execSQL(t, cfg.DataDir, `DROP TRIGGER refuse`)
	rep = resumeFetchesNothingArchived(t, site, cfg, archived)
	if rep.FromArchive == 0 {
		t.Errorf("resumed crawl took no page from the archive: %+v", rep)
	}
}

// TestStopCommitsWhatWasQueued: with group commits that would wait longer
// than the crawl runs, a stop (Ctrl-C) still commits everything queued:
// every answer in the WARC files has its capture in the catalog, every
// record counted is stored, and --resume fetches no archived record page
// again.
func TestStopCommitsWhatWasQueued(t *testing.T) {
	site, cfg := demo(t, demosite.Options{Records: 200})
	cfg.Parallel, cfg.Delay = 2, 5*time.Millisecond
	cfg.Commit = archive.CommitOptions{MaxCaptures: 1 << 20, MaxDelay: time.Hour, MaxQueued: 1 << 20}
	ctx, stop := context.WithCancel(context.Background())
	capturesAtStop := make(chan int, 1)
	go func() {
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
			n := 0
			for _, c := range recordRequests(site) {
				n += c
			}
			if n >= 30 {
				break
			}
		}
		capturesAtStop <- catalogCount(t, cfg.DataDir, "captures")
		stop()
	}()
	rep, err := Crawl(ctx, cfg)
	if rep == nil || rep.Status != "interrupted" {
		t.Fatalf("stopped crawl: %v %+v", err, rep)
	}
	if n := <-capturesAtStop; n != 0 {
		t.Fatalf("%d captures committed before the stop with a group as large as the crawl: the test does not test the stop", n)
	}
	answers := 0
	for _, rs := range archivedResponses(t, cfg.DataDir) {
		answers += len(rs)
	}
	if n := catalogCount(t, cfg.DataDir, "captures"); n != answers || n == 0 {
		t.Errorf("%d captures in the catalog after the stop, %d answers in the WARC files", n, answers)
	}
	stored := storedIDs(t, cfg.DataDir)
	if int(rep.RecordsNew) != len(stored) || len(stored) == 0 {
		t.Errorf("report counts %d new records, the catalog holds %d", rep.RecordsNew, len(stored))
	}
	if rep.Frontier.Done == 0 || rep.Frontier.Unsettled == 0 {
		t.Errorf("stopped crawl's frontier: %+v", rep.Frontier)
	}
	cfg.Commit = archive.CommitOptions{}
	resumeFetchesNothingArchived(t, site, cfg, wholeRecordPages(t, cfg.DataDir))
}
