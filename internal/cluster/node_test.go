package cluster_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/cluster"
)

// TestAFailingFetcherStopsItsNode: when one fetcher of a node fails (its
// page cannot be handled), the node stops with that error at once (its
// other fetchers neither go on nor wait for the URL it held), and the URL
// is given back: no lease stays behind for the other nodes to wait on.
func TestAFailingFetcherStopsItsNode(t *testing.T) {
	ctx := context.Background()
	srv := startSiteServing(t, "127.0.0.1", 20*time.Millisecond, func() string { return "127.0.0.1:1" })
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
	broken := errors.New("this page cannot be handled")
	var failed atomic.Bool // the page fails once
	n := &cluster.Node{Store: st, Name: "n1", WARCDir: t.TempDir(), Storage: &warcstore.Local{Dir: t.TempDir()}, CrawlID: crawl,
		Parallel: 3, Heartbeat: time.Second,
		OnPage: func(ctx context.Context, p cluster.Page) (cluster.Outcome, error) {
			if strings.HasSuffix(p.URL.Path, "/p/5") && failed.CompareAndSwap(false, true) {
				return cluster.Outcome{}, broken
			}
			var out []archive.FrontierEntry
			for _, k := range []int{1, 2} {
				var i int
				fmt.Sscanf(p.URL.Path, "/p/%d", &i)
				u := (&url.URL{Scheme: "http", Host: srv.host, Path: fmt.Sprintf("/p/%d", 2*i+k)}).String()
				if 2*i+k < pages {
					out = append(out, archive.FrontierEntry{Key: "url:" + u, URL: u})
				}
			}
			return cluster.Outcome{Entries: out}, nil
		}}
	done := make(chan error, 1)
	go func() { done <- n.Run(ctx) }()
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the node did not stop after a fetcher failed")
	}
	if !errors.Is(err, broken) {
		t.Fatalf("Run = %v, want the fetcher's error", err)
	}
	if n := total([]*site{srv}); n >= pages-5 {
		t.Errorf("%d of %d pages fetched: the other fetchers went on after one failed", n, pages)
	}
	if ls, err := st.Leases(ctx); err != nil || len(ls) != 0 {
		t.Errorf("leases left: %+v (%v)", ls, err)
	}
	q, err := st.Frontier(ctx, crawl, archive.FrontierQueued)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range q {
		found = found || strings.HasSuffix(e.URL, "/p/5")
	}
	if !found {
		t.Errorf("/p/5 is not queued again after its fetcher failed: %+v", q)
	}
}
