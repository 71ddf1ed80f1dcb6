package cluster_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/cluster"
	"archivio/internal/jobs"
)

// syncWatch hears each sync of a node's WARC writer: what the catalog
// had committed of a run then, and how much of each WARC file of the
// node's folder it made durable.
type syncWatch struct {
	t    *testing.T
	st   *pg.Store
	dir  string
	run  func() int64 // the run whose captures count, 0 while unknown
	mu   sync.Mutex
	seen []syncSeen
}

type syncSeen struct {
	committed map[int64]bool
	size      map[string]int64
}

func (w *syncWatch) afterSync() {
	ctx := context.Background()
	s := syncSeen{committed: map[int64]bool{}, size: map[string]int64{}}
	if run := w.run(); run != 0 {
		cs, err := w.st.CapturesOf(ctx, run)
		if err != nil {
			w.t.Error(err)
		}
		for _, cp := range cs {
			s.committed[cp.ID] = true
		}
	}
	entries, err := os.ReadDir(w.dir)
	if err != nil {
		w.t.Error(err)
	}
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			s.size[strings.TrimSuffix(e.Name(), ".open")] = fi.Size()
		}
	}
	w.mu.Lock()
	w.seen = append(w.seen, s)
	w.mu.Unlock()
}

// check fails t for each capture of run committed with no sync before
// it that held its records whole.
func (w *syncWatch) check(run int64, atLeast int) {
	w.t.Helper()
	captures, err := w.st.CapturesOf(context.Background(), run)
	if err != nil {
		w.t.Fatal(err)
	}
	if len(captures) < atLeast {
		w.t.Fatalf("%d captures, want at least %d", len(captures), atLeast)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, cp := range captures {
		end := cp.WARCOffset + cp.WARCLength
		durable := false
		for _, s := range w.seen {
			if !s.committed[cp.ID] && s.size[strings.TrimSuffix(filepath.Base(cp.WARCFile), ".open")] >= end {
				durable = true
				break
			}
		}
		if !durable {
			w.t.Errorf("capture %d (%s) committed with no sync of %s up to %d before it (%d syncs)", cp.ID, cp.URL, cp.WARCFile, end, len(w.seen))
		}
	}
}

// TestCrawlNodeSyncsBeforeCommit: every capture a crawling node lists in
// the shared catalog was committed after a sync of its WARC file that
// already held its records whole (a power failure never leaves the
// catalog naming a record that is not on the node's disk).
func TestCrawlNodeSyncsBeforeCommit(t *testing.T) {
	ctx := context.Background()
	srv := startSiteServing(t, "127.0.0.1", time.Millisecond, func() string { return "127.0.0.1:1" })
	st, err := pg.Open(ctx, server.Schema(t), pg.Options{Node: "n1", Delay: -1, MaxInFlight: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	crawl, err := st.StartCrawl(ctx, "test", "http://"+srv.host, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	seed := "http://" + srv.host + "/p/0"
	if _, err := st.AddToFrontier(ctx, crawl, []archive.FrontierEntry{{Key: "url:" + seed, URL: seed}}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	w := &syncWatch{t: t, st: st, dir: dir, run: func() int64 { return crawl }}
	n := &cluster.Node{Store: st, Name: "n1", WARCDir: dir, Storage: &warcstore.Local{Dir: t.TempDir()}, CrawlID: crawl,
		Parallel: 3, Heartbeat: time.Second, Timeout: 5 * time.Second,
		Scope: func(u *url.URL) bool { return u.Hostname() == "127.0.0.1" }}
	cluster.SetAfterSync(n, w.afterSync)
	if err := n.Run(ctx); err != nil {
		t.Fatal(err)
	}
	w.check(crawl, pages)
}

// TestSharedLinkCheckSyncsBeforeCommit: every capture a node's part of a
// shared run of link checks lists in the catalog was committed after a
// sync of its WARC file that already held its records whole.
func TestSharedLinkCheckSyncsBeforeCommit(t *testing.T) {
	ctx := context.Background()
	srv := startSiteServing(t, "127.0.0.1", time.Millisecond, func() string { return "127.0.0.1:1" })
	dsn := server.Schema(t)
	st, err := pg.Open(ctx, dsn, pg.Options{Node: "n1"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for i := range 12 {
		u := fmt.Sprintf("http://%s/p/%d", srv.host, i*3) // one in three gone
		urls = append(urls, u)
		if _, err := conn.Exec(ctx, `INSERT INTO links (url, first_seen) VALUES ($1, $2)`, u, archive.FormatTime(time.Now())); err != nil {
			t.Fatal(err)
		}
	}
	conn.Close(ctx)
	dir := t.TempDir()
	var mu sync.Mutex
	var run int64
	w := &syncWatch{t: t, st: st, dir: dir, run: func() int64 {
		mu.Lock()
		defer mu.Unlock()
		if run == 0 {
			if c, err := st.LastCrawl(ctx, "links"); err == nil {
				run = c.ID
			}
		}
		return run
	}}
	lc := cluster.LinkCheck{Store: st, Name: "n1", WARCDir: dir, Storage: &warcstore.Local{Dir: t.TempDir()}}
	cluster.SetLinkCheckAfterSync(&lc, w.afterSync)
	rep, err := lc.Run(ctx, jobs.LinksConfig{UserAgent: "archivio/test", Timeout: 5 * time.Second, AllowPrivate: true, SnapshotDepth: -1})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Checked != len(urls) {
		t.Fatalf("checked %d links of %d", rep.Checked, len(urls))
	}
	w.check(rep.Run.ID, len(urls))
}
