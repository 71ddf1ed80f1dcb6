package jobs

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"
	"time"

	"archivio/archive"
	"archivio/crawlers"
)

// frontierRun is a crawl's frontier on a fresh catalog, as a crawl makes
// it: its memory, and the committer that writes it.
type frontierRun struct {
	st      *archive.Store
	crawlID int64
	pl      *pipeline
	f       frontier
}

func startFrontier(t *testing.T, st *archive.Store, crawlID int64, filterBits uint, cacheKeys int) *frontierRun {
	t.Helper()
	ctx := context.Background()
	if crawlID == 0 {
		id, err := st.StartCrawl(ctx, "osservatorio", "http://example.org/", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		crawlID = id
	}
	mem, err := newFrontierMemorySized(ctx, st, crawlID, filterBits, cacheKeys)
	if err != nil {
		t.Fatal(err)
	}
	pl := newPipeline(ctx, st, nil, crawlID, archive.CommitOptions{}, func(err error) { t.Errorf("pipeline stopped: %v", err) })
	return &frontierRun{st: st, crawlID: crawlID, pl: pl, f: frontier{mem: mem, pl: pl}}
}

func openTestStore(t *testing.T) *archive.Store {
	t.Helper()
	st, err := archive.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// frontierModel is what a frontier holds, all in memory: queued (or
// settled) or excluded, by key.
type frontierModel map[string]string

// add applies links as a frontier does and says which are new.
func (m frontierModel) add(links []crawlers.Link) []bool {
	out := make([]bool, len(links))
	for i, l := range links {
		old, ok := m[l.Key]
		switch {
		case l.Excluded != "" && !ok:
			m[l.Key], out[i] = archive.FrontierExcluded, true
		case l.Excluded == "" && (!ok || old == archive.FrontierExcluded):
			m[l.Key], out[i] = archive.FrontierQueued, true
		}
	}
	return out
}

// TestFrontierMemory checks that the crawl's frontier, whose memory holds
// only the keys waiting in the committer and a bounded cache in front of
// the catalog, answers as a frontier holding every key in memory, and
// writes the same frontier to the catalog: with a cache of 4 keys and a
// filter of 64 bits (nearly every key looked up in the catalog), and with
// the crawl's sizes; then again after a restart, as a resumed crawl.
func TestFrontierMemory(t *testing.T) {
	tests := []struct {
		name       string
		filterBits uint
		cacheKeys  int
	}{
		{"tiny memory", 6, 4},
		{"crawl's memory", frontierFilterBits, frontierCacheKeys},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			st := openTestStore(t)
			run := startFrontier(t, st, 0, tt.filterBits, tt.cacheKeys)
			model := frontierModel{}
			rng := rand.New(rand.NewPCG(1, 2))
			link := func() crawlers.Link {
				k := strconv.Itoa(rng.IntN(1500))
				l := crawlers.Link{Key: "record:" + k, URL: "http://example.org/scheda-processo/" + k}
				if rng.IntN(5) == 0 {
					l.Excluded = "robots"
				}
				return l
			}
			var queue []string
			check := func(what string, links []crawlers.Link, got []bool) {
				t.Helper()
				want := model.add(links)
				for i := range links {
					if got[i] != want[i] {
						t.Fatalf("%s: link %d (%s, excluded %q): added %v, want %v", what, i, links[i].Key, links[i].Excluded, got[i], want[i])
					}
					if want[i] && links[i].Excluded == "" {
						queue = append(queue, links[i].Key)
					}
				}
			}
			seeds := make([]crawlers.Link, 50)
			for i := range seeds {
				seeds[i] = link()
			}
			got, err := run.f.Add(ctx, seeds)
			if err != nil {
				t.Fatal(err)
			}
			check("seeds", seeds, got)
			for settled := 0; settled < 800 && len(queue) > 0; settled++ {
				key := queue[0]
				queue = queue[1:]
				links := make([]crawlers.Link, 12)
				for i := range links {
					links[i] = link()
				}
				got, err := run.f.Settle(ctx, key, crawlers.Outcome{State: archive.FrontierDone}, links)
				if err != nil {
					t.Fatal(err)
				}
				check("settle "+key, links, got)
			}
			if _, err := run.f.Settle(ctx, "record:never-queued", crawlers.Outcome{State: archive.FrontierDone}, nil); err == nil {
				t.Error("settling a key never queued: no error")
			}
			if err := run.pl.close(); err != nil {
				t.Fatal(err)
			}
			catalogAgrees(t, st, run.crawlID, model)

			// A resumed crawl's frontier knows every key from the catalog.
			again := startFrontier(t, st, run.crawlID, tt.filterBits, tt.cacheKeys)
			var all []crawlers.Link
			for k := range model {
				all = append(all, crawlers.Link{Key: k, URL: "http://example.org/" + k})
			}
			got, err = again.f.Add(ctx, all)
			if err != nil {
				t.Fatal(err)
			}
			queue = nil
			check("resumed", all, got)
			if err := again.pl.close(); err != nil {
				t.Fatal(err)
			}
			catalogAgrees(t, st, run.crawlID, model)
		})
	}
}

// catalogAgrees checks that the catalog's frontier holds the model's keys,
// excluded or not as the model says.
func catalogAgrees(t *testing.T, st *archive.Store, crawlID int64, model frontierModel) {
	t.Helper()
	got := map[string]string{}
	for _, state := range []string{archive.FrontierQueued, archive.FrontierDone, archive.FrontierExcluded} {
		es, err := st.Frontier(context.Background(), crawlID, state)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if state == archive.FrontierDone {
				state = archive.FrontierQueued
			}
			got[e.Key] = state
		}
	}
	if len(got) != len(model) {
		t.Errorf("catalog's frontier has %d keys, want %d", len(got), len(model))
	}
	for k, want := range model {
		if got[k] != want {
			t.Errorf("catalog's frontier: %s is %q, want %q", k, got[k], want)
		}
	}
}

// TestFrontierMemoryFlat checks that the memory of a crawl's frontier does
// not grow with the site: the live heap after 100,000 record pages queued
// and settled, 20 to a listing page, each page repeating the site's
// navigation, is at most 1 MB above what it was after 10,000 (by when its
// cache is full). A frontier keeping every key in memory grows by about
// 60 bytes per key: 5 MB here.
func TestFrontierMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("queues 100,000 pages")
	}
	ctx := context.Background()
	st := openTestStore(t)
	run := startFrontier(t, st, 0, frontierFilterBits, frontierCacheKeys)
	defer run.pl.close()
	nav := []crawlers.Link{{Key: "url:/", URL: "http://example.org/"}, {Key: "url:/processi", URL: "http://example.org/processi"},
		{Key: "url:/contatti", URL: "http://example.org/contatti"}, {Key: "url:/privati", URL: "http://example.org/privati", Excluded: "robots"}}
	if _, err := run.f.Add(ctx, nav[:1]); err != nil {
		t.Fatal(err)
	}
	listing := "url:/"
	crawl := func(from, to int) {
		for page := from / 20; page < to/20; page++ {
			links := append([]crawlers.Link(nil), nav...)
			for id := page*20 + 1; id <= page*20+20; id++ {
				links = append(links, crawlers.Link{Key: fmt.Sprintf("record:%d", id), URL: fmt.Sprintf("http://example.org/scheda-processo/%d", id)})
			}
			next := fmt.Sprintf("url:/processi?page=%d", page+1)
			links = append(links, crawlers.Link{Key: next, URL: "http://example.org/processi?page=" + strconv.Itoa(page+1)})
			if _, err := run.f.Settle(ctx, listing, crawlers.Outcome{State: archive.FrontierDone}, links); err != nil {
				t.Fatal(err)
			}
			for _, l := range links[len(nav) : len(links)-1] {
				if _, err := run.f.Settle(ctx, l.Key, crawlers.Outcome{State: archive.FrontierDone}, nav); err != nil {
					t.Fatal(err)
				}
			}
			listing = next
		}
	}
	live := func() uint64 {
		if err := run.pl.com.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		// The memory learns what committed when it is next asked.
		if _, err := run.f.Add(ctx, nav[:1]); err != nil {
			t.Fatal(err)
		}
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	const n = 10000
	crawl(0, n)
	small := live()
	crawl(n, 10*n)
	large := live()
	t.Logf("live heap after %d pages %d KB, after %d pages %d KB", n, small>>10, 10*n, large>>10)
	if grown := int64(large) - int64(small); grown > 1<<20 {
		t.Errorf("live heap grew %d KB from %d to %d pages, want at most 1024 KB", grown>>10, n, 10*n)
	}
	runtime.KeepAlive(run) // measured with the frontier's memory in use
}
