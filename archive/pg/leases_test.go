package pg_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
)

// nodes opens n stores on one fresh schema, as nodes node1..noden with
// the given options, each registered.
func nodes(t *testing.T, n int, opts pg.Options) []*pg.Store {
	t.Helper()
	return nodesOn(t, server.Schema(t), n, opts)
}

// nodesOn is nodes on the schema of dsn.
func nodesOn(t *testing.T, dsn string, n int, opts pg.Options) []*pg.Store {
	t.Helper()
	var out []*pg.Store
	for i := 1; i <= n; i++ {
		o := opts
		o.Node = fmt.Sprintf("node%d", i)
		st, err := pg.Open(context.Background(), dsn, o)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if _, err := st.Register(context.Background()); err != nil {
			t.Fatal(err)
		}
		out = append(out, st)
	}
	return out
}

func queue(t *testing.T, st *pg.Store, urls ...string) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := st.StartCrawl(ctx, "osservatorio", "http://127.0.0.1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var es []archive.FrontierEntry
	for _, u := range urls {
		es = append(es, archive.FrontierEntry{Key: "url:" + u, URL: u})
	}
	if _, err := st.AddToFrontier(ctx, id, es); err != nil {
		t.Fatal(err)
	}
	return id
}

func claim(t *testing.T, st *pg.Store, crawl int64, n int) []pg.Lease {
	t.Helper()
	ls, err := st.Claim(context.Background(), crawl, n)
	if err != nil {
		t.Fatal(err)
	}
	return ls
}

func TestClaimKeepsEachHostsPace(t *testing.T) {
	ctx := context.Background()
	ns := nodes(t, 2, pg.Options{Delay: 400 * time.Millisecond, MaxInFlight: 1})
	a, b := ns[0], ns[1]
	crawl := queue(t, a, "http://127.0.0.2/1", "http://127.0.0.2/2", "http://127.0.0.3/1", "http://127.0.0.3/2")
	first := claim(t, a, crawl, 10)
	if len(first) != 2 || first[0].Host == first[1].Host {
		t.Fatalf("first claim %+v: want one URL of each host", first)
	}
	if again := claim(t, b, crawl, 10); len(again) != 0 {
		t.Fatalf("another node claimed %+v while both hosts are in flight", again)
	}
	if _, err := a.Complete(ctx, first[0], archive.FrontierDone, "", nil, nil); err != nil {
		t.Fatal(err)
	}
	if again := claim(t, b, crawl, 10); len(again) != 0 {
		t.Fatalf("claimed %+v before the host's delay after its fetch ended", again)
	}
	time.Sleep(450 * time.Millisecond)
	next := claim(t, b, crawl, 10)
	if len(next) != 1 || next[0].Host != first[0].Host || next[0].Key == first[0].Key {
		t.Fatalf("after the delay: %+v, want the next URL of %s", next, first[0].Host)
	}
	if _, err := a.Complete(ctx, first[1], archive.FrontierDone, "", nil, nil); err != nil {
		t.Fatal(err)
	}
	if wait, ok, err := a.NextClaim(ctx, crawl); err != nil || !ok || wait <= 0 || wait > 400*time.Millisecond {
		t.Errorf("next claim in %s (%v, %v): want within the delay", wait, ok, err)
	}
}

func TestExpiredLeaseIsTakenOverAndTheLateCompletionFenced(t *testing.T) {
	ctx := context.Background()
	ns := nodes(t, 2, pg.Options{Delay: -1, MaxInFlight: 1, LeaseTTL: time.Second})
	a, b := ns[0], ns[1]
	crawl := queue(t, a, "http://127.0.0.2/page")
	la := claim(t, a, crawl, 1)
	if len(la) != 1 {
		t.Fatalf("claimed %v", la)
	}
	if lb := claim(t, b, crawl, 1); len(lb) != 0 {
		t.Fatalf("a live lease was taken: %+v", lb)
	}
	time.Sleep(1100 * time.Millisecond) // a stops heartbeating: its lease expires
	lb := claim(t, b, crawl, 1)
	if len(lb) != 1 || lb[0].Key != la[0].Key || lb[0].ID == la[0].ID {
		t.Fatalf("after expiry b claimed %+v", lb)
	}
	// a wakes up with its capture and tries to settle: fenced.
	capA, err := a.AddCapture(ctx, &archive.Capture{CrawlID: crawl, URL: la[0].URL, FetchedAt: time.Now(), Status: 200,
		PayloadDigest: "sha1:A", PayloadLength: 5, WARCFile: "node1-x.warc.gz", WARCLength: 10, WARCRecordID: "<urn:uuid:a>"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = a.Complete(ctx, la[0], archive.FrontierDone, "", []archive.FrontierEntry{{Key: "url:/stale", URL: "http://127.0.0.2/stale"}}, []int64{capA})
	if !errors.Is(err, pg.ErrLeaseLost) {
		t.Fatalf("late completion: %v, want ErrLeaseLost", err)
	}
	if _, err := b.Complete(ctx, lb[0], archive.FrontierFailed, "http_500", nil, nil); err != nil {
		t.Fatalf("the new owner's completion: %v", err)
	}
	got, _ := a.Frontier(ctx, crawl, archive.FrontierFailed)
	if len(got) != 1 || got[0].Reason != "http_500" {
		t.Errorf("the new owner's outcome was overwritten: %+v", got)
	}
	if q, _ := a.Frontier(ctx, crawl, archive.FrontierQueued); len(q) != 0 {
		t.Errorf("the lost lease's links were queued: %+v", q)
	}
	if d, _ := a.Duplicates(ctx); len(d) != 1 || d[0] != capA {
		t.Errorf("duplicates %v: want the late capture %d kept and marked", d, capA)
	}
	if c, err := a.Capture(ctx, capA); err != nil || c.URL != la[0].URL {
		t.Errorf("the late capture is kept: %v", err)
	}
}

func TestHeartbeatKeepsTheLease(t *testing.T) {
	ns := nodes(t, 2, pg.Options{Delay: -1, LeaseTTL: time.Second})
	a, b := ns[0], ns[1]
	crawl := queue(t, a, "http://127.0.0.2/page")
	claim(t, a, crawl, 1)
	for i := 0; i < 3; i++ {
		time.Sleep(500 * time.Millisecond)
		if err := a.Heartbeat(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if lb := claim(t, b, crawl, 1); len(lb) != 0 {
		t.Fatalf("a lease kept alive by heartbeats was taken: %+v", lb)
	}
	ls, err := a.Nodes(context.Background(), time.Second)
	if err != nil || len(ls) != 2 || !ls[0].Alive || ls[0].Leases != 1 || ls[1].Leases != 0 {
		t.Errorf("nodes %+v, %v", ls, err)
	}
}

func TestRestartedNodeReleasesItsLeases(t *testing.T) {
	ctx := context.Background()
	dsn := server.Schema(t)
	ns := nodesOn(t, dsn, 2, pg.Options{Delay: -1, MaxInFlight: 4, LeaseTTL: time.Hour})
	a, b := ns[0], ns[1]
	crawl := queue(t, a, "http://127.0.0.2/1", "http://127.0.0.2/2", "http://127.0.0.2/3")
	if la := claim(t, a, crawl, 2); len(la) != 2 {
		t.Fatalf("claimed %d", len(la))
	}
	// node1 starts again (same name, new process).
	again, err := pg.Open(ctx, dsn, pg.Options{Node: "node1", Delay: -1, MaxInFlight: 4, LeaseTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	n, err := again.Register(ctx)
	if err != nil || n != 2 {
		t.Fatalf("released %d (%v), want 2", n, err)
	}
	if lb := claim(t, b, crawl, 5); len(lb) != 3 {
		t.Errorf("after the restart b claimed %d, want all 3 at once", len(lb))
	}
	if err := a.Heartbeat(ctx); err == nil {
		t.Error("the old process's heartbeat was accepted after its name was taken")
	}
}

func TestConcurrentNodesNeverExceedTheLimit(t *testing.T) {
	ctx := context.Background()
	const limit = 2
	ns := nodes(t, 4, pg.Options{Delay: -1, MaxInFlight: limit, LeaseTTL: time.Minute})
	var urls []string
	for i := 0; i < 40; i++ {
		urls = append(urls, fmt.Sprintf("http://127.0.0.%d/%d", 2+i%2, i))
	}
	crawl := queue(t, ns[0], urls...)
	var mu sync.Mutex
	inFlight := map[string]int{}
	peak := map[string]int{}
	settled := map[string]int{}
	var errs atomic.Int64
	var wg sync.WaitGroup
	for _, st := range ns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				ls, err := st.Claim(ctx, crawl, 3)
				if err != nil {
					errs.Add(1)
					return
				}
				if len(ls) == 0 {
					if _, ok, _ := st.NextClaim(ctx, crawl); !ok {
						return
					}
					time.Sleep(5 * time.Millisecond)
					continue
				}
				for _, l := range ls {
					mu.Lock()
					inFlight[l.Host]++
					peak[l.Host] = max(peak[l.Host], inFlight[l.Host])
					mu.Unlock()
				}
				time.Sleep(10 * time.Millisecond) // the fetch
				for _, l := range ls {
					mu.Lock()
					inFlight[l.Host]--
					settled[l.Key]++
					mu.Unlock()
					if _, err := st.Complete(ctx, l, archive.FrontierDone, "", nil, nil); err != nil {
						errs.Add(1)
					}
				}
			}
		}()
	}
	wg.Wait()
	if errs.Load() != 0 {
		t.Fatalf("%d errors", errs.Load())
	}
	for h, p := range peak {
		if p > limit {
			t.Errorf("host %s had %d fetches at once, limit %d", h, p, limit)
		}
	}
	if len(settled) != len(urls) {
		t.Errorf("%d URLs settled of %d", len(settled), len(urls))
	}
	for k, n := range settled {
		if n != 1 {
			t.Errorf("%s fetched %d times", k, n)
		}
	}
}

func TestPolitenessByDomainAndBlocks(t *testing.T) {
	ctx := context.Background()
	ns := nodes(t, 1, pg.Options{Delay: -1, MaxInFlight: 1, Politeness: pg.PolitenessDomain})
	a := ns[0]
	crawl := queue(t, a, "https://www.comune-uno.it/a", "https://servizi.comune-uno.it/b", "https://www.comune-due.it/c")
	ls := claim(t, a, crawl, 10)
	if len(ls) != 2 {
		t.Fatalf("claimed %+v: want one per registrable domain", ls)
	}
	hosts, err := a.Hosts(ctx)
	if err != nil || len(hosts) != 2 || hosts[0].Key != "comune-due.it" || hosts[1].Key != "comune-uno.it" || hosts[1].Queued != 2 || hosts[1].InFlight != 1 {
		t.Fatalf("hosts %+v, %v", hosts, err)
	}
	for _, l := range ls {
		if _, err := a.Complete(ctx, l, archive.FrontierDone, "", nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.BlockHost(ctx, "comune-uno.it", time.Hour); err != nil {
		t.Fatal(err)
	}
	if ls := claim(t, a, crawl, 10); len(ls) != 0 {
		t.Errorf("a blocked host was claimed from: %+v", ls)
	}
}
