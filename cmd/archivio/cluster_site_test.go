package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore/s3test"
)

// siteSource is a loopback site of a site source's shape: pages under
// /partecipa up to four links deep, a page reached at depth 3 on one
// path and 2 on another, 60 more pages, pages outside the prefix, a file that is not a
// page, a page robots.txt forbids, and links to other sites. Each page
// answers after a short pause, so that nodes overlap; while slow is set,
// the page on the short path to the page reached at two depths answers
// last.
func siteSource(t *testing.T, slow *atomic.Bool) *httptest.Server {
	pages := map[string][]string{
		"/partecipa":         {"/partecipa/a", "/partecipa/b", "/altro", "/partecipa/bando.pdf", "/partecipa/riservato/x", "http://ext.example/uno"},
		"/partecipa/a":       {"/partecipa/a/1", "/partecipa/b", "http://ext.example/due", "https://ext.example/uno"},
		"/partecipa/a/1":     {"/partecipa/c", "/partecipa/a/1/x", "http://ext.example/tre"},
		"/partecipa/b":       {"/partecipa/c", "/partecipa/b/1#sezione"},
		"/partecipa/b/1":     {"/partecipa/b/1/y?p=2"},
		"/partecipa/c":       {"/partecipa/c/1", "http://ext.example/quattro"},
		"/partecipa/c/1":     {"/partecipa/c/1/z"},
		"/partecipa/a/1/x":   {"/partecipa/a/1/x/w"},
		"/partecipa/b/1/y":   {"/partecipa/b/1/y/v"},
		"/partecipa/c/1/z":   {"/partecipa/end"},
		"/altro":             {"/partecipa/altrove"},
		"/partecipa/altrove": nil,
	}
	// Twenty more pages at depth 1, each with one at depth 2 and one
	// beyond the depth: enough for every node to get its share.
	for i := range 20 {
		n := fmt.Sprintf("/partecipa/n/%d", i)
		pages["/partecipa"] = append(pages["/partecipa"], n)
		pages[n] = []string{n + "/sub", fmt.Sprintf("http://ext.example/n/%d", i)}
		pages[n+"/sub"] = []string{n + "/sub/deep", "/partecipa/a"}
	}
	var mu sync.Mutex
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /partecipa/riservato\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		links, ok := pages[r.URL.Path]
		mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		pause := 30 * time.Millisecond
		if r.URL.Path == "/partecipa/b" && slow.Load() {
			// The short path to /partecipa/c answers last: nodes that
			// took pages out of depth order would reach c at depth 3
			// first, through /partecipa/a/1, and c/1 past the depth.
			pause = 2 * time.Second
		}
		time.Sleep(pause)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><body><h1>%s</h1>", r.URL.Path)
		for _, l := range links {
			fmt.Fprintf(w, "<a href=%q>link</a>\n", l)
		}
		fmt.Fprint(w, "</body></html>")
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// siteYAML is the sources section of a site source on srv, depth 3.
func siteYAML(srv string) string {
	host, _, _ := strings.Cut(strings.TrimPrefix(srv, "http://"), ":")
	return "allow_private: true\nsources:\n  fiorano:\n    kind: site\n    seeds: [" + srv + "/partecipa]\n    hosts: [" + host + "]\n" +
		"    prefixes: [/partecipa]\n    max_depth: 3\n    delay: 0s\n"
}

// TestSiteCrawlOnThreeNodes crawls a site source with three "archivio
// crawl" processes sharing a catalog (store: postgres), and the same
// site with one machine: the shared frontier settles the same URLs the
// same way (done, failed and excluded by robots.txt and depth), and
// the link inventory holds the same links to other sites.
func TestSiteCrawlOnThreeNodes(t *testing.T) {
	// The one machine's crawl is the reference, made while every page
	// answers alike: its depths are the shortest paths only when pages
	// answer in the order it asked them (its parse stage queues a page's
	// links when the page is read). The nodes crawl with the short path
	// answering last.
	var slow atomic.Bool
	srv := siteSource(t, &slow)
	ctx := context.Background()

	single := t.TempDir()
	singleCfg := filepath.Join(t.TempDir(), "archivio.yaml")
	if err := os.WriteFile(singleCfg, []byte("data: "+single+"\n"+siteYAML(srv.URL)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runWith(t, nil, runCrawl, "fiorano", "--config", singleCfg, "--parallel", "1", "--quiet"); err != nil {
		t.Fatalf("single machine crawl: %v\n%s", err, stderr)
	}
	slow.Store(true)

	dsn := postgres.Schema(t)
	bucket := s3test.Start(t, t.TempDir(), nil)
	cfg, _ := sharedConfig(t, dsn, bucket.URL)
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(b, siteYAML(srv.URL)...), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"crawl", "fiorano", "--config", cfg, "--parallel", "2", "--quiet", "--format", "json"}
	var nodes []*nodeRun
	for i := 1; i <= 3; i++ {
		nodes = append(nodes, startNode(t, dsn, fmt.Sprintf("node%d", i), t.TempDir(), args))
	}
	crawls := map[int64]bool{}
	finished, working := 0, 0
	for _, n := range nodes {
		rep := n.report(t)
		t.Logf("%s: %d pages, finished it %v", n.name, rep.PagesFetched, rep.FinishedHere)
		crawls[rep.CrawlID] = true
		if rep.FinishedHere {
			finished++
		}
		if rep.PagesFetched > 0 {
			working++
		}
		if rep.Status != "done" || rep.Frontier.Unsettled != 0 {
			t.Errorf("%s: report %+v", n.name, rep)
		}
	}
	if len(crawls) != 1 || finished != 1 || working < 2 {
		t.Errorf("crawls %v, finished by %d nodes, %d nodes fetched: want one crawl, finished once, shared", crawls, finished, working)
	}
	var crawl int64
	for id := range crawls {
		crawl = id
	}

	one, err := archive.OpenReadOnly(ctx, single)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	c1, err := one.LastCrawl(ctx, "fiorano")
	if err != nil || c1.Status != "done" {
		t.Fatalf("single machine crawl: %+v %v", c1, err)
	}
	st, err := pg.Open(ctx, dsn, pg.Options{Node: "checker"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, state := range []string{archive.FrontierDone, archive.FrontierFailed, archive.FrontierExcluded, archive.FrontierQueued} {
		a, err := one.Frontier(ctx, c1.ID, state)
		if err != nil {
			t.Fatal(err)
		}
		b, err := st.Frontier(ctx, crawl, state)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := settled(b), settled(a); !slices.Equal(got, want) {
			t.Errorf("%s: nodes %v\n one machine %v", state, got, want)
		}
		if state == archive.FrontierExcluded {
			reasons := map[string]int{}
			for _, e := range a {
				reasons[e.Reason]++
			}
			// a/1/x/w, b/1/y/v and c/1/z are one past the depth.
			if reasons["robots"] != 1 || reasons["max_depth"] != 3 {
				t.Errorf("one machine excluded %v: want 1 by robots.txt, 3 by depth", reasons)
			}
		}
	}
	// The depths and the pages that led to them are the shortest paths.
	done, err := st.Frontier(ctx, crawl, archive.FrontierDone)
	if err != nil {
		t.Fatal(err)
	}
	host := strings.ToLower(strings.TrimPrefix(srv.URL, "http://"))
	depth := map[string]int{}
	for _, e := range done {
		depth[strings.TrimPrefix(e.Key, "url:"+host)] = e.Depth
	}
	for p, d := range map[string]int{"/partecipa": 0, "/partecipa/b": 1, "/partecipa/c": 2, "/partecipa/b/1": 2, "/partecipa/c/1": 3} {
		if depth[p] != d {
			t.Errorf("%s done at depth %d, want %d (all: %v)", p, depth[p], d, depth)
		}
	}
	now := time.Now().Add(time.Hour)
	l1, err := one.LinksAsOf(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	l2, err := st.LinksAsOf(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := linkSet(l2), linkSet(l1); !slices.Equal(got, want) || !slices.Contains(want, "http://ext.example/quattro site:fiorano") {
		t.Errorf("links: nodes %v\n one machine %v", got, want)
	}
}

// settled lists frontier entries as key and reason, sorted.
func settled(es []archive.FrontierEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Key+" "+e.Reason)
	}
	slices.Sort(out)
	return out
}

func linkSet(ls []archive.LinkAt) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.URL+" "+strings.Join(l.Fields, ","))
	}
	slices.Sort(out)
	return out
}
