package jobs

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"archivio/archive"
	"archivio/crawlers"
)

// TestResumedSiteCrawlKeepsDepths: a site source's crawl stopped after its
// first pages and resumed settles the same pages and exclusions, at the
// same depths, as one that was never stopped, and fetches nothing beyond
// max_depth: the frontier keeps each queued URL's depth.
func TestResumedSiteCrawlKeepsDepths(t *testing.T) {
	// Two chains from the seed, each deeper than max_depth 2.
	links := map[string][]string{
		"/s/0":  {"/s/a1", "/s/b1"},
		"/s/a1": {"/s/a2"}, "/s/a2": {"/s/a3"}, "/s/a3": {"/s/a4"},
		"/s/b1": {"/s/b2"}, "/s/b2": {"/s/b3"}, "/s/b3": {"/s/b4"},
	}
	var (
		mu     sync.Mutex
		hits   = map[string]int{}
		onPage func(path string) // called before a page is answered
	)
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/s/", func(w http.ResponseWriter, r *http.Request) {
		out, ok := links[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		hits[r.URL.Path]++
		f := onPage
		mu.Unlock()
		if f != nil {
			f(r.URL.Path)
		}
		var b strings.Builder
		for _, l := range out {
			fmt.Fprintf(&b, `<a href="%s">%s</a> `, l, l)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body>" + b.String() + "</body></html>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	config := func(dir string) Config {
		return Config{
			DataDir: dir, Source: "fiorano", BaseURL: srv.URL + "/s/0", UserAgent: "archivio/test", AllowPrivate: true,
			Site: &crawlers.Site{Seeds: []string{srv.URL + "/s/0"}, Hosts: []string{host}, Prefixes: []string{"/s/"}, MaxDepth: 2},
		}
	}
	type settled struct {
		state, reason string
		depth         int
	}
	frontier := func(t *testing.T, rep *Report) map[string]settled {
		t.Helper()
		st, err := archive.Open(context.Background(), rep.Database[:len(rep.Database)-len("/"+archive.DBName)])
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		out := map[string]settled{}
		for _, state := range []string{archive.FrontierQueued, archive.FrontierDone, archive.FrontierFailed, archive.FrontierExcluded} {
			es, err := st.Frontier(context.Background(), rep.CrawlID, state)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range es {
				out[e.URL] = settled{e.State, e.Reason, e.Depth}
			}
		}
		return out
	}

	whole, err := Crawl(context.Background(), config(t.TempDir()))
	if err != nil || whole.Status == "interrupted" {
		t.Fatalf("uninterrupted crawl: %v %+v", err, whole)
	}
	want := frontier(t, whole)
	for _, p := range []string{"/s/0", "/s/a1", "/s/a2", "/s/b1", "/s/b2"} {
		if e := want[srv.URL+p]; e.state != archive.FrontierDone {
			t.Errorf("uninterrupted crawl: %s %+v, want done", p, e)
		}
	}
	for _, p := range []string{"/s/a3", "/s/b3"} {
		if e := want[srv.URL+p]; e != (settled{archive.FrontierExcluded, "max_depth", 3}) {
			t.Errorf("uninterrupted crawl: %s %+v, want excluded for max_depth at depth 3", p, e)
		}
	}

	// Stopped as the first chain's first page is asked for: what is still
	// queued then is at depth 1 or 2.
	mu.Lock()
	clear(hits)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	onPage = func(path string) {
		if path == "/s/a1" {
			stop()
		}
	}
	mu.Unlock()
	dir := t.TempDir()
	first, err := Crawl(ctx, config(dir))
	if !errors.Is(err, context.Canceled) || first == nil || first.Status != "interrupted" {
		t.Fatalf("stopped crawl: %v %+v", err, first)
	}
	left := 0
	for _, e := range frontier(t, first) {
		if e.state == archive.FrontierQueued {
			left++
			if e.depth == 0 {
				t.Errorf("stopped crawl: queued entry %+v at depth 0", e)
			}
		}
	}
	if left == 0 {
		t.Fatalf("stopped crawl left nothing queued: %+v", frontier(t, first))
	}
	mu.Lock()
	onPage = nil
	mu.Unlock()
	cfg := config(dir)
	cfg.Resume = true
	resumed, err := Crawl(context.Background(), cfg)
	if err != nil || !resumed.Resumed || resumed.CrawlID != first.CrawlID {
		t.Fatalf("resumed crawl: %v %+v", err, resumed)
	}
	if got := frontier(t, resumed); !maps.Equal(got, want) {
		t.Errorf("stopped and resumed crawl's frontier differs from an uninterrupted one's:\ngot  %v\nwant %v", got, want)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range slices.Sorted(maps.Keys(hits)) {
		if strings.HasSuffix(p, "3") || strings.HasSuffix(p, "4") {
			t.Errorf("%s beyond max_depth fetched %d times", p, hits[p])
		}
	}
}
