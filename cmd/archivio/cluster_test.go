package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/archive/warcstore/s3test"
	"archivio/internal/cluster"
	"archivio/internal/demo/demosite"
	"archivio/source/osservatorio"
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

// nodeRun is an "archivio crawl" process as a node.
type nodeRun struct {
	name, dsn   string
	cmd         *exec.Cmd
	out, errOut bytes.Buffer
}

// startNode starts "archivio ARGS --data DATA" as the node name, its
// connection string in $TEST_ARCHIVIO_PG (see sharedConfig).
func startNode(t *testing.T, dsn, name, data string, args []string) *nodeRun {
	t.Helper()
	c := child(t, append(slices.Clone(args), "--data", data)...)
	c.Env = append(c.Env, "TEST_ARCHIVIO_PG="+dsn, "ARCHIVIO_NODE="+name)
	r := &nodeRun{name: name, cmd: c, dsn: dsn}
	c.Stdout, c.Stderr = &r.out, &r.errOut
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	// A test that fails early leaves no node running.
	t.Cleanup(func() { c.Process.Kill() })
	return r
}

// report waits for the node to end and reads its JSON report.
func (r *nodeRun) report(t *testing.T) cluster.Report {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- r.cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		// A node that does not end: its goroutines to stderr.
		r.cmd.Process.Signal(syscall.SIGQUIT)
		<-done
		t.Fatalf("%s did not end in 2 minutes\n%s\n%s\n%s", r.name, r.out.String(), r.errOut.String(), frontierState(r.dsn))
	}
	if err != nil {
		t.Fatalf("%s: %v\n%s\n%s", r.name, err, r.out.String(), r.errOut.String())
	}
	var rep cluster.Report
	if err := json.Unmarshal(r.out.Bytes(), &rep); err != nil {
		t.Fatalf("%s: report: %v\n%s", r.name, err, r.out.String())
	}
	return rep
}

// sameRecords checks that the shared catalog holds the records one
// machine's archive holds, each with one version of the same content.
func sameRecords(t *testing.T, ctx context.Context, one *archive.Store, st *pg.Store, want int) {
	t.Helper()
	ids, err := one.RecordIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	shared, err := st.RecordIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != want || !slices.Equal(ids, shared) {
		t.Fatalf("records: one machine %d %v, nodes %d %v", len(ids), ids, len(shared), shared)
	}
	for _, id := range ids {
		a, err := one.RecordVersions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		b, err := st.RecordVersions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(a) != 1 || len(b) != 1 {
			t.Errorf("record %d: %d versions on one machine, %d on the nodes; want 1", id, len(a), len(b))
			continue
		}
		if !bytes.Equal(a[0].Data, b[0].Data) {
			t.Errorf("record %d differs:\none machine %s\nnodes       %s", id, a[0].Data, b[0].Data)
		}
	}
}

// checkBucket checks a shared crawl's captures and files: nothing pending,
// every capture read back from the bucket by range, every record page
// captured (more than once only for duplicates and refetched pages),
// every file stored and
// every record of it readable, every response record catalogued.
func checkBucket(t *testing.T, ctx context.Context, st *pg.Store, bucket *s3test.Server, crawl int64, records, refetched int) ([]*archive.Capture, []pg.WARCFile) {
	t.Helper()
	caps, err := st.CapturesOf(ctx, crawl)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := st.PendingCaptures(ctx); err != nil || n != 0 {
		t.Errorf("%d captures pending upload (%v)", n, err)
	}
	s3, err := warcstore.NewS3(warcstore.S3Options{Bucket: s3test.Bucket, Prefix: "warc/", Endpoint: bucket.URL, PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	recordPages := map[string]int{}
	for _, c := range caps {
		rc, err := s3.Open(ctx, c.WARCFile, c.WARCOffset, c.WARCLength)
		if err != nil {
			t.Fatalf("capture %d: %v", c.ID, err)
		}
		resp, err := archive.ReadResponseFrom(ctx, rc, c.WARCOffset)
		rc.Close()
		if err != nil || resp.TargetURI != c.URL || resp.StatusCode != c.Status {
			t.Errorf("capture %d of %s read back from the bucket: %v", c.ID, c.URL, err)
		}
		if strings.Contains(c.URL, "/scheda-processo/") && c.Status == 200 {
			recordPages[c.URL]++
		}
	}
	dups, err := st.Duplicates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	again := 0
	for _, n := range recordPages {
		again += n - 1
	}
	if again > len(dups)+refetched {
		t.Errorf("record pages captured %d times more than once, with %d duplicates and %d refetches", again, len(dups), refetched)
	}
	if len(recordPages) != records {
		t.Errorf("%d record pages captured, want %d", len(recordPages), records)
	}
	// Every record of every stored file reads back.
	files, err := st.WARCFiles(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d captures, %d record pages, %d duplicates, %d WARC files", len(caps), len(recordPages), len(dups), len(files))
	dl := t.TempDir()
	responses := map[string]bool{}
	for _, f := range files {
		if f.State != "stored" {
			t.Errorf("%s: %s", f.Name, f.State)
			continue
		}
		rc, err := s3.Open(ctx, f.Name, 0, -1)
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dl, f.Name)
		os.WriteFile(path, data, 0o644)
		if err := archive.ScanWARC(ctx, path, func(r archive.ScannedRecord) error {
			if r.Type == "response" || r.Type == "revisit" {
				responses[fmt.Sprintf("%s@%d", f.Name, r.Offset)] = true
			}
			return nil
		}); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
	for _, c := range caps {
		if !responses[fmt.Sprintf("%s@%d", c.WARCFile, c.WARCOffset)] {
			t.Errorf("capture %d (%s at %d) is no response record of the stored files", c.ID, c.WARCFile, c.WARCOffset)
		}
	}
	if len(responses) != len(caps) {
		t.Errorf("%d response records in the bucket, %d captures catalogued", len(responses), len(caps))
	}

	return caps, files
}

// TestCrawlNodeKilledAndRestarted kills one of two "archivio crawl" nodes
// with SIGKILL in the middle of a shared crawl and starts it again on its
// data folder: it releases the leases it held, repairs and ships the WARC
// file it was writing, and rejoins the crawl. Every record is stored
// once, nothing stays queued or leased, refetches are no more than the
// leases the killed node held, and every capture reads back from the
// bucket.
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

// frontierState describes the shared frontier's unsettled URLs and the
// hosts, for a failure message.
func frontierState(dsn string) string {
	ctx := context.Background()
	st, err := pg.Open(ctx, dsn, pg.Options{Node: "checker"})
	if err != nil {
		return err.Error()
	}
	defer st.Close()
	var b strings.Builder
	cs, err := cluster.ReadStatus(ctx, st, time.Minute)
	if err != nil {
		return err.Error()
	}
	j, _ := json.MarshalIndent(cs, "", "  ")
	b.Write(j)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return b.String() + err.Error()
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT f.key, f.lease_id, f.attempts, COALESCE(string_agg(c.warc_file || '@' || c.warc_offset || ' ' || c.status, ', '), '')
		FROM frontier f LEFT JOIN captures c ON c.url = f.url WHERE f.state = 'queued' GROUP BY f.key, f.lease_id, f.attempts`)
	if err != nil {
		return b.String() + err.Error()
	}
	for rows.Next() {
		var key, caps string
		var id *int64
		var attempts int
		rows.Scan(&key, &id, &attempts, &caps)
		fmt.Fprintf(&b, "\nqueued %s attempts %d captures %s", key, attempts, caps)
	}
	rows, err = conn.Query(ctx, `SELECT pid, COALESCE(state, ''), COALESCE(wait_event_type, ''), COALESCE(wait_event, ''), left(query, 120)
		FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
	if err != nil {
		return b.String() + err.Error()
	}
	for rows.Next() {
		var pid int
		var state, wt, we, q string
		rows.Scan(&pid, &state, &wt, &we, &q)
		fmt.Fprintf(&b, "\nbackend %d %s %s %s: %s", pid, state, wt, we, q)
	}
	return b.String()
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
