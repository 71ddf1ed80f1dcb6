package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"archivio/archive/pg"
	"archivio/archive/warcstore/s3test"
	"archivio/internal/demo/demosite"
	"archivio/source/osservatorio"
)

// TestCrawlNodeKilledAndRestarted kills one of two "archivio crawl" nodes
// with SIGKILL in the middle of a shared crawl and starts it again on its
// data folder: it releases the leases it held, repairs and ships the WARC
// file it was writing, and rejoins the crawl. Every record is stored
// once, nothing stays queued or leased, refetches are no more than the
// leases the killed node held, every capture reads back from the bucket
// and every response record in the bucket is catalogued: an exchange the
// killed node wrote and had not listed is listed, as a duplicate, when it
// starts again.
func TestCrawlNodeKilledAndRestarted(t *testing.T) {
	const records = 80
	site, err := demosite.New(demosite.Options{Records: records})
	if err != nil {
		t.Fatal(err)
	}
	// Each page takes a while to answer: the nodes hold their leases
	// while the kill comes.
	slow := site.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(40 * time.Millisecond)
		slow.ServeHTTP(w, r)
	}))
	defer srv.Close()
	dsn := postgres.Schema(t)
	bucket := s3test.Start(t, t.TempDir(), nil)
	cfg, _ := sharedConfig(t, dsn, bucket.URL)
	ctx := context.Background()
	args := []string{"crawl", "--config", cfg, "--base-url", srv.URL, "--allow-private", "--delay", "0", "--parallel", "2",
		"--warc-size", "20000", "--quiet", "--format", "json"}
	data1 := t.TempDir()
	n1 := startNode(t, dsn, "node1", data1, args)
	n2 := startNode(t, dsn, "node2", t.TempDir(), args)
	deadline := time.Now().Add(30 * time.Second)
	for countRecordRequests(site) < records/3 {
		if time.Now().After(deadline) {
			n1.cmd.Process.Kill()
			n2.cmd.Process.Kill()
			t.Fatal("the crawl did not get a third of the way")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := n1.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	n1.cmd.Wait()
	st, err := pg.Open(ctx, dsn, pg.Options{Node: "checker"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	held := 0
	leases, err := st.Leases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range leases {
		if l.Owner == "node1" {
			held++
		}
	}
	again := startNode(t, dsn, "node1", data1, args)
	r1, r2 := again.report(t), n2.report(t)
	if r1.CrawlID != r2.CrawlID || !r1.Joined || r1.Status != "done" || r2.Status != "done" || r1.FinishedHere == r2.FinishedHere {
		t.Fatalf("reports after the kill: %+v\n%+v", r1, r2)
	}
	t.Logf("killed with %d leases held; after: node1 %d pages, node2 %d pages", held, r1.PagesFetched, r2.PagesFetched)
	if open, _ := filepath.Glob(filepath.Join(data1, "spool", "node1", "*.open")); len(open) != 0 {
		t.Errorf("WARC files left open: %v", open)
	}
	ids, err := st.RecordIDs(ctx)
	if err != nil || len(ids) != records {
		t.Fatalf("%d records stored (%v), want %d", len(ids), err, records)
	}
	for _, id := range ids {
		if vs, err := st.RecordVersions(ctx, id); err != nil || len(vs) != 1 {
			t.Errorf("record %d: %d versions (%v), want 1", id, len(vs), err)
		}
	}
	if left, err := st.Leases(ctx); err != nil || len(left) != 0 {
		t.Errorf("leases left: %v %v", left, err)
	}
	refetched := 0
	seen := map[string]int{}
	for _, p := range site.Requests() {
		if _, ok := osservatorio.RecordID(p); ok {
			seen[p]++
		}
	}
	for _, n := range seen {
		refetched += n - 1
	}
	if refetched > held {
		t.Errorf("%d record pages fetched again, more than the %d leases the killed node held", refetched, held)
	}
	checkBucket(t, ctx, st, bucket, r1.CrawlID, records, refetched)
}
