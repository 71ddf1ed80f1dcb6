package cluster_test

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/archive/warcstore/s3test"
	"archivio/internal/cluster"
)

// BenchmarkCrawlNodes crawls 12 loopback hosts of 25 pages each (100 ms
// to answer, as a slow municipal site does; 50 ms between requests per
// host, one at a time) with 1, 2 and 3 nodes of 2 fetchers each sharing
// the catalog and a bucket, and reports pages per second. Each node is
// bound by its fetchers and each host by its politeness, so throughput
// grows with nodes until the hosts' pace is the limit (12 hosts / 150 ms
// = 80 pages/s).
func BenchmarkCrawlNodes(b *testing.B) {
	const hostsN, delay, service = 12, 50 * time.Millisecond, 100 * time.Millisecond
	var sites []*site
	for i := 2; i < 2+hostsN; i++ {
		i := i
		sites = append(sites, startSiteServing(b, fmt.Sprintf("127.0.0.%d", i), service, func() string { return sites[(i-1)%hostsN].host }))
	}
	allowed := map[string]bool{}
	for _, s := range sites {
		allowed[s.host] = true
	}
	bucket := s3test.Start(b, "", nil)
	for _, nodes := range []int{1, 2, 3} {
		b.Run(fmt.Sprintf("nodes=%d", nodes), func(b *testing.B) {
			ctx := context.Background()
			var pagesDone int
			var elapsed time.Duration
			for range b.N {
				dsn := server.Schema(b)
				opts := func(name string) pg.Options {
					return pg.Options{Node: name, LeaseTTL: 30 * time.Second, Delay: delay, MaxInFlight: 1, RemoteWARCs: true, MaxConns: 4}
				}
				seed, err := pg.Open(ctx, dsn, opts("seed"))
				if err != nil {
					b.Fatal(err)
				}
				crawl, _ := seed.StartCrawl(ctx, "bench", "http://"+sites[0].host, time.Now())
				var seeds []archive.FrontierEntry
				for _, s := range sites {
					u := "http://" + s.host + "/p/0"
					seeds = append(seeds, archive.FrontierEntry{Key: "url:" + u, URL: u})
				}
				if _, err := seed.AddToFrontier(ctx, crawl, seeds); err != nil {
					b.Fatal(err)
				}
				dir := b.TempDir()
				start := time.Now()
				var wg sync.WaitGroup
				errs := make([]error, nodes)
				for i := range nodes {
					name := fmt.Sprintf("node%d", i+1)
					st, err := pg.Open(ctx, dsn, opts(name))
					if err != nil {
						b.Fatal(err)
					}
					s3, err := warcstore.NewS3(warcstore.S3Options{Bucket: s3test.Bucket, Prefix: fmt.Sprintf("bench-%d/", i), Endpoint: bucket.URL, PathStyle: true})
					if err != nil {
						b.Fatal(err)
					}
					n := &cluster.Node{Store: st, Name: name, WARCDir: filepath.Join(dir, name), Storage: s3, CrawlID: crawl,
						Parallel: 2, Heartbeat: 5 * time.Second, Rotate: time.Second, Scope: func(u *url.URL) bool { return allowed[u.Host] }}
					wg.Add(1)
					go func() { defer wg.Done(); defer st.Close(); errs[i] = n.Run(ctx) }()
				}
				wg.Wait()
				elapsed += time.Since(start)
				for _, err := range errs {
					if err != nil {
						b.Fatal(err)
					}
				}
				counts, _ := seed.FrontierCounts(ctx, crawl)
				seed.Close()
				if len(counts) != 1 || counts[0].N != pages*hostsN {
					b.Fatalf("frontier %+v", counts)
				}
				pagesDone += pages * hostsN
			}
			b.ReportMetric(float64(pagesDone)/elapsed.Seconds(), "pages/s")
		})
	}
}
