package pg_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
)

// TestPageBudgetOverAllNodes has four nodes settle a crawl whose pages
// each lead to five new ones, with a budget of 25 pages: over all nodes,
// 25 URLs are ever queued, every other one is excluded as max_pages, and
// nothing is left queued.
func TestPageBudgetOverAllNodes(t *testing.T) {
	ctx := context.Background()
	const limit = 25
	ns := nodes(t, 4, pg.Options{Delay: -1, MaxInFlight: 8, LeaseTTL: time.Minute})
	seeds := []archive.FrontierEntry{{Key: "url:/0", URL: "http://127.0.0.2/0"}, {Key: "url:/1", URL: "http://127.0.0.2/1"}}
	crawl, _, err := ns[0].JoinCrawl(ctx, "osservatorio", "http://127.0.0.2", time.Now(), seeds, limit)
	if err != nil {
		t.Fatal(err)
	}
	if _, joined, err := ns[1].JoinCrawl(ctx, "osservatorio", "http://127.0.0.2", time.Now(), seeds, 1000); err != nil || !joined {
		t.Fatalf("join: %v %v", joined, err)
	}
	var wg sync.WaitGroup
	offered := make([]int, len(ns))
	for i, st := range ns {
		wg.Go(func() {
			for {
				ls, err := st.Claim(ctx, crawl, 2)
				if err != nil {
					t.Error(err)
					return
				}
				if len(ls) == 0 {
					if _, more, err := st.NextClaim(ctx, crawl); err != nil || !more {
						return
					}
					time.Sleep(5 * time.Millisecond)
					continue
				}
				for _, l := range ls {
					var n int
					fmt.Sscanf(l.Key, "url:/%d", &n)
					var out []archive.FrontierEntry
					for k := 1; k <= 5; k++ {
						c := n*5 + k
						out = append(out, archive.FrontierEntry{Key: fmt.Sprintf("url:/%d", c), URL: fmt.Sprintf("http://127.0.0.2/%d", c)})
					}
					offered[i] += len(out)
					if _, err := st.Complete(ctx, l, archive.FrontierDone, "", out, nil); err != nil {
						t.Error(err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	counts, err := ns[0].FrontierCounts(ctx, crawl)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, c := range counts {
		got[c.State+" "+c.Reason] += c.N
	}
	if got["done "] != limit || got["queued "] != 0 || got["excluded max_pages"] == 0 || len(got) != 2 {
		t.Errorf("frontier %v: want %d done, the rest excluded as max_pages", got, limit)
	}
}
