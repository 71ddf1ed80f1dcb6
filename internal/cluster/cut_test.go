package cluster_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/crawlers"
	"archivio/internal/cluster"
	"archivio/internal/demo/demosite"
	"archivio/source/osservatorio"
)

// TestCutRecordPageFailsOnNodes: a record page whose body the connection
// drops (fewer bytes than its Content-Length) settles failed with
// truncated_disconnect, as one machine's crawl settles it, counted failed
// in the crawl's report, and makes no record version; the site's other
// records are read.
func TestCutRecordPageFailsOnNodes(t *testing.T) {
	ctx := context.Background()
	site, err := demosite.New(demosite.Options{Records: 4})
	if err != nil {
		t.Fatal(err)
	}
	var cutURI string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RequestURI() != cutURI {
			site.Handler().ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		site.Handler().ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		w.Header().Set("Content-Type", rec.Header().Get("Content-Type"))
		w.Header().Set("Content-Length", strconv.Itoa(len(body)+4096))
		w.WriteHeader(http.StatusOK)
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler) // the connection closes mid-body
	}))
	defer srv.Close()
	base, _ := url.Parse(srv.URL)
	cutURI = osservatorio.RecordURL(base, 3).RequestURI()
	st, err := pg.Open(ctx, server.Schema(t), pg.Options{Node: "n1"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := cluster.Crawl(ctx, cluster.CrawlConfig{Store: st, Storage: &warcstore.Local{Dir: t.TempDir()}, Node: "n1",
		WARCDir: t.TempDir(), Source: "osservatorio", BaseURL: srv.URL, Parallel: 2, FromID: 1, ToID: 4, AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	want := crawlers.CutReason("disconnect")
	if want != "truncated_disconnect" {
		t.Fatalf("cut reason %q", want)
	}
	f, err := st.Frontier(ctx, rep.CrawlID, archive.FrontierFailed)
	if err != nil || len(f) != 1 || f[0].Key != osservatorio.RecordKey(3) || f[0].Reason != want {
		t.Errorf("failed entries %+v (%v), want record 3 failed %s", f, err, want)
	}
	if rep.Frontier.Failed[want] != 1 || rep.Frontier.Unsettled != 0 || rep.RecordsNew != 3 {
		t.Errorf("report %+v", rep)
	}
	ids, err := st.RecordIDs(ctx)
	if err != nil || fmt.Sprint(ids) != "[1 2 4]" {
		t.Errorf("records %v (%v), want 1 2 4: no version from the cut page", ids, err)
	}
}

// TestCutSitePageFailsOnNodes: a site source's page longer than the
// maximum body is archived cut and settles failed with
// truncated_length, as one machine's crawl settles it; its links, read
// from the part received, are followed.
func TestCutSitePageFailsOnNodes(t *testing.T) {
	ctx := context.Background()
	mux := http.NewServeMux()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		}
	}
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/p/", page(`<html><body><a href="/p/big">big</a> <a href="/p/small">small</a></body></html>`))
	mux.HandleFunc("/p/small", page(`<html><body>small</body></html>`))
	mux.HandleFunc("/p/big", page(`<html><body><a href="/p/after">after</a>`+strings.Repeat("x", 8000)+`</body></html>`))
	mux.HandleFunc("/p/after", page(`<html><body>after</body></html>`))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base, _ := url.Parse(srv.URL)
	st, err := pg.Open(ctx, server.Schema(t), pg.Options{Node: "n1"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := cluster.Crawl(ctx, cluster.CrawlConfig{Store: st, Storage: &warcstore.Local{Dir: t.TempDir()}, Node: "n1",
		WARCDir: t.TempDir(), Source: "cutsite", BaseURL: srv.URL + "/p/", Parallel: 1, MaxBody: 4096, AllowPrivate: true,
		Site: &crawlers.Site{Seeds: []string{srv.URL + "/p/"}, Hosts: []string{base.Host}, Prefixes: []string{"/p/"}, MaxDepth: 3}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := st.Frontier(ctx, rep.CrawlID, archive.FrontierFailed)
	if err != nil || len(f) != 1 || !strings.HasSuffix(f[0].URL, "/p/big") || f[0].Reason != crawlers.CutReason("length") {
		t.Errorf("failed entries %+v (%v), want /p/big failed truncated_length", f, err)
	}
	done, err := st.Frontier(ctx, rep.CrawlID, archive.FrontierDone)
	var urls []string
	for _, e := range done {
		urls = append(urls, strings.TrimPrefix(e.URL, srv.URL))
	}
	sort.Strings(urls)
	if err != nil || strings.Join(urls, " ") != "/p/ /p/after /p/small" {
		t.Errorf("done %v (%v), want /p/, /p/after and /p/small", urls, err)
	}
	if rep.Frontier.Failed["truncated_length"] != 1 || rep.Frontier.Unsettled != 0 {
		t.Errorf("report %+v", rep)
	}
}
