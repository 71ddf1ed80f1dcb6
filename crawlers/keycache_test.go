package crawlers

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestKeyCache(t *testing.T) {
	c := NewKeyCache(2)
	c.Put("a", keySeen)
	c.Put("b", keyExcluded)
	c.Put("a", keyExcluded) // an update keeps its place
	if s, ok := c.Get("a"); !ok || s != keyExcluded {
		t.Errorf("a: %v %v, want excluded", s, ok)
	}
	c.Put("c", keySeen) // takes the place of the oldest put, a
	if _, ok := c.Get("a"); ok {
		t.Error("a still held past the cache's size")
	}
	for _, k := range []string{"b", "c"} {
		if _, ok := c.Get(k); !ok {
			t.Errorf("%s let go, want it held", k)
		}
	}
}

// TestCrawlWithFewKnownKeys crawls a site whose every page links to the
// navigation, a page robots.txt forbids and other records, remembering 2
// keys and then the default: each page is fetched once either way, the
// forbidden page is counted blocked once, and the frontier ends the same.
func TestCrawlWithFewKnownKeys(t *testing.T) {
	const records = 40
	nav := `<a href="/">home</a> <a href="/processi">processi</a> <a href="/processi/privati">privati</a>`
	routes := map[string]http.HandlerFunc{
		"/robots.txt": text(200, "User-agent: *\nDisallow: /processi/privati\n"),
		"/":           htmlPage(nav),
	}
	var list strings.Builder
	for id := 1; id <= records; id++ {
		fmt.Fprintf(&list, `<a href="/scheda-processo/%d">%d</a> `, id, id)
	}
	routes["/processi"] = htmlPage(nav + list.String())
	routes["/scheda-processo/"] = func(w http.ResponseWriter, r *http.Request) {
		var id int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/scheda-processo/"), "%d", &id)
		htmlPage(fmt.Sprintf(`%s <a href="/scheda-processo/%d">next</a> <a href="/scheda-processo/%d">again</a>`,
			nav, id%records+1, (id*7)%records+1))(w, r)
	}
	crawl := func(known int) (*site, *memFrontier, StatsSnapshot) {
		s := newSite(t, routes)
		base, _ := url.Parse(s.URL)
		f := &memFrontier{}
		var stats Stats
		err := Run(context.Background(), Options{Base: base, UserAgent: "archivio/test", Transport: http.DefaultTransport,
			Frontier: f, Parallel: 2, Timeout: 5 * time.Second, KnownKeys: known,
			OnPage: func(context.Context, Page) error { return nil }}, &stats)
		if err != nil {
			t.Fatalf("crawl remembering %d keys: %v", known, err)
		}
		return s, f, stats.Snapshot()
	}
	few, fewFrontier, fewStats := crawl(2)
	all, allFrontier, allStats := crawl(0)
	for id := 1; id <= records; id++ {
		p := fmt.Sprintf("/scheda-processo/%d", id)
		if n := few.count(p); n != 1 {
			t.Errorf("remembering 2 keys, %s was requested %d times, want once", p, n)
		}
	}
	if got, want := slices.Sorted(slices.Values(few.requests())), slices.Sorted(slices.Values(all.requests())); !slices.Equal(got, want) {
		t.Errorf("remembering 2 keys, the crawl asked for %v; remembering all, %v", got, want)
	}
	if fewStats.Blocked != 1 || allStats.Blocked != 1 {
		t.Errorf("blocked by robots.txt: %d remembering 2 keys, %d remembering all; want 1 each", fewStats.Blocked, allStats.Blocked)
	}
	if fewStats.Queued != allStats.Queued {
		t.Errorf("queued: %d remembering 2 keys, %d remembering all", fewStats.Queued, allStats.Queued)
	}
	if !maps.Equal(fewFrontier.state, allFrontier.state) {
		t.Errorf("frontier remembering 2 keys:\n%v\nremembering all:\n%v", fewFrontier.state, allFrontier.state)
	}
}
