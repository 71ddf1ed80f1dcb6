package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
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
	for i := 1; i <= 3; i++ {
		a := append(slices.Clone(args), "--data", t.TempDir())
		c := child(t, a...)
		c.Env = append(c.Env, "TEST_ARCHIVIO_PG="+dsn, fmt.Sprintf("ARCHIVIO_NODE=node%d", i))
		r := &nodeRun{name: fmt.Sprintf("node%d", i)}
		c.Stdout, c.Stderr = &r.out, &r.errOut
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		r.cmd = c
		cmds = append(cmds, r)
	}
	var reps []cluster.Report
	crawls := map[int64]bool{}
	finishedBy, working := 0, 0
	for _, r := range cmds {
		if err := r.cmd.Wait(); err != nil {
			t.Fatalf("%s: %v\n%s\n%s", r.name, err, r.out.String(), r.errOut.String())
		}
		var rep cluster.Report
		if err := json.Unmarshal(r.out.Bytes(), &rep); err != nil {
			t.Fatalf("%s: report: %v\n%s", r.name, err, r.out.String())
		}
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

	// Every capture catalogued, its file stored, read back by range.
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
	for u, n := range recordPages {
		if n > 1+len(dups) {
			t.Errorf("%s captured %d times with %d duplicates", u, n, len(dups))
		}
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
}

type nodeRun struct {
	name        string
	cmd         interface{ Wait() error }
	out, errOut bytes.Buffer
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
