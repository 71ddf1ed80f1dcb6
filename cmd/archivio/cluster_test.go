package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore/s3test"
	"archivio/internal/cluster"
	"archivio/internal/demo/demosite"
)

// TestCrawlOnThreeNodes runs "archivio crawl" as three processes with one
// archivio.yaml (store: postgres, a bucket) and distinct node names, on
// a demo site on loopback, while one machine crawls the same site into
// its own SQLite archive. The nodes share the crawl (each fetches a part,
// one finishes it), and their archive is the one machine's: the same
// records with the same content, each stored once; every capture
// catalogued, its WARC file stored in the bucket, read back from it by
// range, and every record of every file readable.
func TestCrawlOnThreeNodes(t *testing.T) {
	const records = 90
	site, err := demosite.New(demosite.Options{Records: records})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	dsn := postgres.Schema(t)
	bucket := s3test.Start(t, t.TempDir(), nil)
	cfg, getenv := sharedConfig(t, dsn, bucket.URL)
	ctx := context.Background()

	// One machine, SQLite.
	single := t.TempDir()
	if _, stderr, err := runWith(t, nil, runCrawl, "--base-url", srv.URL, "--allow-private", "--delay", "0", "--data", single, "--quiet"); err != nil {
		t.Fatalf("single machine crawl: %v\n%s", err, stderr)
	}

	// Three nodes, one configuration.
	args := []string{"crawl", "--config", cfg, "--base-url", srv.URL, "--allow-private", "--delay", "15ms", "--parallel", "2", "--quiet", "--format", "json"}
	var cmds []*nodeRun
	var datas []string
	for i := 1; i <= 3; i++ {
		datas = append(datas, t.TempDir())
		cmds = append(cmds, startNode(t, dsn, fmt.Sprintf("node%d", i), datas[i-1], args))
	}
	var reps []cluster.Report
	crawls := map[int64]bool{}
	finishedBy, working := 0, 0
	for _, r := range cmds {
		rep := r.report(t)
		reps = append(reps, rep)
		t.Logf("%s: %d pages, records %d new %d unchanged, finished it %v", r.name, rep.PagesFetched, rep.RecordsNew, rep.RecordsUnchanged, rep.FinishedHere)
		crawls[rep.CrawlID] = true
		if rep.FinishedHere {
			finishedBy++
		}
		if rep.PagesFetched > 0 {
			working++
		}
		if rep.Status != "done" || rep.Node != r.name || rep.Frontier.Unsettled != 0 {
			t.Errorf("%s: report %+v", r.name, rep)
		}
	}
	if len(crawls) != 1 || finishedBy != 1 || working < 2 {
		t.Errorf("nodes' crawls %v, %d finished it, %d fetched pages: want one crawl, finished once, shared by at least two nodes", crawls, finishedBy, working)
	}
	crawl := reps[0].CrawlID
	// Each node logs its fetches in its own crawl log; together they
	// hold every record page's 200.
	logged := map[string]bool{}
	for i, rep := range reps {
		b, err := os.ReadFile(archive.CrawlLogPath(datas[i], crawl))
		if err != nil || rep.CrawlLog != archive.CrawlLogPath(datas[i], crawl) {
			t.Fatalf("%s: crawl log %q: %v", rep.Node, rep.CrawlLog, err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if int64(len(lines)) < rep.PagesFetched {
			t.Errorf("%s: %d lines in its crawl log, %d pages fetched", rep.Node, len(lines), rep.PagesFetched)
		}
		for _, l := range lines {
			f := strings.Fields(l)
			if len(f) > 3 && f[1] == "200" && strings.Contains(f[3], "scheda-processo") {
				logged[f[3]] = true
			}
		}
	}
	if len(logged) != records {
		t.Errorf("%d record pages logged with a 200, want %d", len(logged), records)
	}

	st, err := pg.Open(ctx, dsn, pg.Options{Node: "checker"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	one, err := archive.OpenReadOnly(ctx, single)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	if c, err := st.Crawl(ctx, crawl); err != nil || c.Status != "done" {
		t.Fatalf("the shared crawl: %+v, %v", c, err)
	}
	sameRecords(t, ctx, one, st, records)

	caps, files := checkBucket(t, ctx, st, bucket, crawl, records, 0)

	// archivio status shows the nodes, no lease left, the site's host and
	// every file stored.
	out, stderr, err := runWith(t, getenv, runStatus, "--config", cfg)
	if err != nil {
		t.Fatalf("status: %v\n%s", err, stderr)
	}
	t.Logf("archivio status:\n%s", out)
	host := strings.TrimPrefix(srv.URL, "http://")
	host = host[:strings.LastIndex(host, ":")]
	for _, want := range []string{
		fmt.Sprintf("records    %d\n", records), fmt.Sprintf("captures   %d (0 waiting", len(caps)),
		"node       node1                stopped ", "node       node2                stopped ", "node       node3                stopped ", "leases     0 live, 0 expired",
		"host       " + host + " ", ", 0 in flight of 2, 0 queued, delay 15ms",
		fmt.Sprintf("warc files %d stored, 0 open, 0 waiting for upload", len(files)),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	out, _, err = runWith(t, getenv, runStatus, "--config", cfg, "--format", "json")
	var cs cluster.Status
	if err != nil || json.Unmarshal([]byte(out), &cs) != nil || len(cs.Nodes) != 3 || len(cs.Hosts) != 1 || cs.WARC.Stored != len(files) {
		t.Errorf("status --format json: %v\n%s", err, out)
	}

	// A second crawl on two nodes asks for each record page with the
	// validators of its capture: every one answers 304, and every record
	// is confirmed unchanged, with no new version.
	second := []*nodeRun{startNode(t, dsn, "node1", t.TempDir(), args), startNode(t, dsn, "node2", t.TempDir(), args)}
	var unchanged, fetched int64
	var crawl2 int64
	for _, r := range second {
		rep := r.report(t)
		unchanged += rep.RecordsUnchanged
		fetched += rep.PagesFetched
		crawl2 = rep.CrawlID
		if rep.Status != "done" || rep.RecordsNew+rep.RecordsChanged+rep.Unreadable != 0 || rep.CrawlID == crawl {
			t.Errorf("%s in the second crawl: %+v", r.name, rep)
		}
	}
	if unchanged != records {
		t.Errorf("second crawl: %d records unchanged, want %d", unchanged, records)
	}
	caps2, err := st.CapturesOf(ctx, crawl2)
	if err != nil {
		t.Fatal(err)
	}
	notModified := 0
	for _, c := range caps2 {
		if strings.Contains(c.URL, "/scheda-processo/") {
			if c.Status != 304 {
				t.Errorf("second crawl: %s answered %d, want 304", c.URL, c.Status)
			}
			notModified++
		}
	}
	outcomes, err := st.ParseOutcomes(ctx, crawl2)
	if err != nil || notModified != records || outcomes[archive.OutcomeUnchanged] != records {
		t.Errorf("second crawl: %d record pages answered 304, outcomes %v (%v); want %d each", notModified, outcomes, err, records)
	}
	sameRecords(t, ctx, one, st, records)
}

// TestCrawlOnNodesWithMaxPages runs two "archivio crawl --max-pages 30"
// nodes on a demo site of 60 records: the budget holds over both nodes
// (30 URLs queued and settled in all, the others excluded as max_pages),
// the crawl is done and finished by one node.
func TestCrawlOnNodesWithMaxPages(t *testing.T) {
	const budget = 30
	site, err := demosite.New(demosite.Options{Records: 60})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	dsn := postgres.Schema(t)
	bucket := s3test.Start(t, t.TempDir(), nil)
	cfg, _ := sharedConfig(t, dsn, bucket.URL)
	args := []string{"crawl", "--config", cfg, "--base-url", srv.URL, "--allow-private", "--delay", "0", "--parallel", "2",
		"--max-pages", fmt.Sprint(budget), "--quiet", "--format", "json"}
	nodes := []*nodeRun{startNode(t, dsn, "node1", t.TempDir(), args), startNode(t, dsn, "node2", t.TempDir(), args)}
	finished := 0
	var last cluster.Report
	for _, n := range nodes {
		rep := n.report(t)
		if rep.Status != "done" || rep.Frontier.Unsettled != 0 {
			t.Errorf("%s: %+v", n.name, rep)
		}
		if rep.FinishedHere {
			finished++
			last = rep
		}
	}
	if finished != 1 {
		t.Fatalf("%d nodes finished the crawl, want 1", finished)
	}
	f := last.Frontier
	settled := f.Done
	for _, n := range f.Failed {
		settled += n
	}
	if settled != budget || f.Excluded["max_pages"] == 0 {
		t.Errorf("frontier %+v: want %d URLs settled over both nodes, the others excluded as max_pages", f, budget)
	}
	pages := len(site.Requests())
	t.Logf("frontier %+v; the site asked %d times", f, pages)
	if pages > budget+2 { // and each node's robots.txt
		t.Errorf("the site was asked %d times, want at most %d pages and the robots.txt of each node", pages, budget)
	}
}
