package crawlers

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"
)

var errCrash = errors.New("the process died")

// crashFrontier is an in-memory frontier that dies at its n-th write (0:
// never): that write and every later one fail, as if the process had been
// killed there, and what it held before is what a resumed crawl finds.
type crashFrontier struct {
	memFrontier
	urls    map[string]string
	order   []string
	writes  int
	crashAt int
	crashed bool
}

func newCrashFrontier(crashAt int) *crashFrontier {
	return &crashFrontier{memFrontier: memFrontier{state: map[string]string{}}, urls: map[string]string{}, crashAt: crashAt}
}

// write counts a write and reports whether it may happen.
func (f *crashFrontier) write(links []Link) bool {
	f.writes++
	if f.crashAt > 0 && f.writes >= f.crashAt {
		f.crashed = true
	}
	if f.crashed {
		return false
	}
	for _, l := range links {
		if _, ok := f.urls[l.Key]; !ok {
			f.urls[l.Key] = l.URL
			f.order = append(f.order, l.Key)
		}
	}
	return true
}

func (f *crashFrontier) Add(ctx context.Context, links []Link) ([]bool, error) {
	f.mu.Lock()
	ok := f.write(links)
	f.mu.Unlock()
	if !ok {
		return nil, errCrash
	}
	return f.memFrontier.Add(ctx, links)
}

func (f *crashFrontier) Settle(ctx context.Context, key string, o Outcome, links []Link) ([]bool, error) {
	f.mu.Lock()
	ok := f.write(links)
	f.mu.Unlock()
	if !ok {
		return nil, errCrash
	}
	return f.memFrontier.Settle(ctx, key, o, links)
}

func (f *crashFrontier) dead() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.crashed
}

// survivor is what a resumed crawl finds: the state before the crash, and
// the entries still queued.
func (f *crashFrontier) survivor() (*crashFrontier, []ResumeEntry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	g := newCrashFrontier(0)
	maps.Copy(g.state, f.state)
	maps.Copy(g.urls, f.urls)
	g.order = slices.Clone(f.order)
	var queued []ResumeEntry
	for _, k := range f.order {
		if f.state[k] == "queued" {
			queued = append(queued, ResumeEntry{Key: k, URL: f.urls[k]})
		}
	}
	return g, queued
}

// pagedSite is a site whose records are reached only through three
// listing pages, each linking to the next.
func pagedSite(t *testing.T) (*site, []string) {
	routes := map[string]http.HandlerFunc{
		"/robots.txt":  text(404, ""),
		"/sitemap.xml": text(404, ""),
		"/":            htmlPage(`<a href="/processi">processi</a>`),
	}
	var records []string
	for id := 1; id <= 9; id++ {
		records = append(records, fmt.Sprintf("/scheda-processo/%d", id))
	}
	routes["/processi"] = listingPage
	routes["/scheda-processo/"] = htmlPage(`scheda`)
	return newSite(t, routes), records
}

// listingPage answers /processi?page=N (1 to 3) with three records and a
// link to the next page.
func listingPage(w http.ResponseWriter, r *http.Request) {
	page := 1
	fmt.Sscan(r.URL.Query().Get("page"), &page)
	if page < 1 || page > 3 {
		http.NotFound(w, r)
		return
	}
	body := ""
	for id := 3*page - 2; id <= 3*page; id++ {
		body += fmt.Sprintf(`<a href="/scheda-processo/%d">%d</a> `, id, id)
	}
	if page < 3 {
		body += fmt.Sprintf(`<a href="/processi?page=%d">avanti</a>`, page+1)
	}
	htmlPage(body)(w, r)
}

// TestCrashAtEveryFrontierWriteLosesNothing kills a crawl at each of its
// frontier writes in turn and resumes it from what the frontier held: the
// two runs together must reach every record. A page noted done before the
// links it yielded are queued would lose those links for good.
func TestCrashAtEveryFrontierWriteLosesNothing(t *testing.T) {
	s, records := pagedSite(t)
	base, _ := url.Parse(s.URL)
	crawl := func(f *crashFrontier, resume []ResumeEntry, got map[string]bool, mu *sync.Mutex) error {
		opts := Options{
			Base: base, UserAgent: "archivio/test", Transport: http.DefaultTransport, Frontier: f,
			Parallel: 1, Delay: 0, Timeout: 5 * time.Second, Resume: resume,
			OnPage: func(_ context.Context, p Page) error {
				if f.dead() {
					return errCrash // the process is gone: nothing it did now is kept
				}
				if p.RecordID != 0 && p.Status == http.StatusOK {
					u, _ := url.Parse(p.URL)
					mu.Lock()
					got[u.Path] = true
					mu.Unlock()
				}
				return nil
			},
		}
		var stats Stats
		return Run(context.Background(), opts, &stats)
	}

	// A run without a crash counts the writes.
	whole := newCrashFrontier(0)
	var mu sync.Mutex
	if err := crawl(whole, nil, map[string]bool{}, &mu); err != nil {
		t.Fatal(err)
	}
	if whole.writes < 8 {
		t.Fatalf("only %d frontier writes in a whole crawl", whole.writes)
	}
	for n := 1; n <= whole.writes; n++ {
		got := map[string]bool{}
		f := newCrashFrontier(n)
		if err := crawl(f, nil, got, &mu); !errors.Is(err, errCrash) {
			t.Fatalf("crash at write %d: the crawl returned %v, want the crash", n, err)
		}
		g, queued := f.survivor()
		if err := crawl(g, queued, got, &mu); err != nil {
			t.Fatalf("resume after a crash at write %d: %v", n, err)
		}
		var lost []string
		for _, r := range records {
			if !got[r] {
				lost = append(lost, r)
			}
		}
		if len(lost) > 0 {
			t.Errorf("crash at frontier write %d of %d, then resume: records never fetched: %v", n, whole.writes, lost)
		}
	}
}
