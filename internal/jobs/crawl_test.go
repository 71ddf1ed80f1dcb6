package jobs

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/internal/demo/demosite"
	"archivio/internal/demo/pagegen"
	"archivio/internal/demo/vnet"
	"archivio/parsers"
	"archivio/source/osservatorio"
)

const demoHost = "www.osservatoriopartecipazione.it"

// demo serves a demo site on a virtual internet and returns a crawl
// configuration for it.
func demo(t *testing.T, opts demosite.Options) (*demosite.Site, Config) {
	t.Helper()
	site, err := demosite.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	inet := vnet.New()
	t.Cleanup(func() { inet.Close() })
	if err := inet.Handle(demoHost, site.Handler()); err != nil {
		t.Fatal(err)
	}
	tr := vnetTransport(inet)
	return site, Config{
		DataDir: t.TempDir(), Source: "osservatorio", BaseURL: "https://" + demoHost,
		UserAgent: "archivio/test (+https://example.org/contact)", Parallel: 4, Delay: 0,
		Timeout: 10 * time.Second, Transport: tr,
	}
}

// vnetTransport is the virtual internet's transport set up as a crawl's.
func vnetTransport(inet *vnet.Internet) *http.Transport {
	tr := inet.Transport()
	tr.ForceAttemptHTTP2 = false
	tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	tr.DisableCompression = true
	return tr
}

func crawl(t *testing.T, cfg Config) *Report {
	t.Helper()
	rep, err := Crawl(context.Background(), cfg)
	if err != nil {
		t.Fatalf("crawl: %v (report %+v)", err, rep)
	}
	return rep
}

// recordRequests counts the requests of each record page, in any shape.
func recordRequests(site *demosite.Site) map[int]int {
	n := map[int]int{}
	for _, p := range site.Requests() {
		if id, ok := osservatorio.RecordID(p); ok {
			n[id]++
		}
	}
	return n
}

func TestCrawlDemoSite(t *testing.T) {
	site, cfg := demo(t, demosite.Options{})
	rep := crawl(t, cfg)

	if rep.Status != "done" || rep.RecordsNew != 18 || rep.RecordsChanged != 0 || len(rep.Errors) != 0 {
		t.Errorf("report: %+v", rep)
	}
	for id, n := range recordRequests(site) {
		if n != 1 {
			t.Errorf("record %d requested %d times; every record once, whatever URL shape links to it", id, n)
		}
	}
	if len(recordRequests(site)) != 18 {
		t.Errorf("%d records requested, want 18", len(recordRequests(site)))
	}
	for _, p := range site.Requests() {
		if strings.HasPrefix(p, "/admin") {
			t.Errorf("robots.txt forbids /admin/, but %s was requested", p)
		}
	}
	reqs := site.Requests()
	if len(reqs) == 0 || reqs[0] != "/robots.txt" {
		t.Errorf("robots.txt must be the first request: %v", reqs)
	}
	for _, want := range []string{"/sitemap.xml", "/", "/processi?page=4"} {
		if !slices.Contains(reqs, want) {
			t.Errorf("%s was not fetched: %v", want, reqs)
		}
	}

	// Every request is archived and catalogued, and reads back.
	st, err := archive.Open(context.Background(), cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, _ := st.CaptureCount(context.Background())
	if int(n) != len(reqs) || rep.Requests != n {
		t.Errorf("%d captures, %d requests served, report says %d", n, len(reqs), rep.Requests)
	}
	responses := 0
	files, _ := filepath.Glob(filepath.Join(st.WARCDir(), "*.warc.gz"))
	open, _ := filepath.Glob(filepath.Join(st.WARCDir(), "*.open"))
	if len(files) == 0 || len(open) != 0 {
		t.Fatalf("WARC files %v, open files %v", files, open)
	}
	for _, f := range files {
		err := archive.ScanWARC(context.Background(), f, func(r archive.ScannedRecord) error {
			if r.Type == "response" || r.Type == "revisit" {
				responses++
				if _, err := archive.ReadResponse(context.Background(), f, r.Offset); err != nil {
					t.Errorf("%s at %d: %v", f, r.Offset, err)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(f + ".cdxj"); err != nil {
			t.Errorf("no CDXJ index beside %s", f)
		}
	}
	if responses != len(reqs) {
		t.Errorf("%d responses in the WARC files, %d requests", responses, len(reqs))
	}

	// Records decode in every layout and charset the site serves.
	vs, err := st.LatestVersions(context.Background(), 0)
	if err != nil || len(vs) != 18 {
		t.Fatalf("%d records, %v", len(vs), err)
	}
	titles := map[int]string{}
	for _, v := range vs {
		var r parsers.Record
		if err := json.Unmarshal(v.Data, &r); err != nil {
			t.Fatal(err)
		}
		if r.Title != nil {
			titles[r.ID] = *r.Title
		}
	}
	if titles[213] != "Città delle colonie a nord di Cesenatico" || titles[1980] == "" || !strings.HasPrefix(titles[1980], "AVANTI, C’È SPAZIO!") {
		t.Errorf("titles decoded wrong: 213 %q, 1980 %q", titles[213], titles[1980])
	}
}

func TestRecrawlConditional(t *testing.T) {
	site, cfg := demo(t, demosite.Options{})
	crawl(t, cfg)

	second := crawl(t, cfg)
	if second.RecordsUnchanged != 18 || second.NotModified != 18 || second.RecordsNew+second.RecordsChanged != 0 {
		t.Errorf("second crawl: %+v", second)
	}

	if err := site.Update(141, func(p *pagegen.Page) { p.Title = "La fabbrica delle idee (aggiornato)" }); err != nil {
		t.Fatal(err)
	}
	third := crawl(t, cfg)
	if third.RecordsChanged != 1 || third.RecordsUnchanged != 17 {
		t.Errorf("third crawl: %+v", third)
	}
	st, err := archive.Open(context.Background(), cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	vs, err := st.RecordVersions(context.Background(), 141)
	if err != nil || len(vs) != 2 {
		t.Fatalf("record 141 has %d versions (%v), want 2", len(vs), err)
	}
	if !slices.Equal(vs[1].Changed, []string{"title"}) || vs[1].CaptureID == vs[0].CaptureID {
		t.Errorf("version 2: changed %v, capture %d (version 1's %d)", vs[1].Changed, vs[1].CaptureID, vs[0].CaptureID)
	}
}

func TestReparseChangesNothingWithTheSameParser(t *testing.T) {
	_, cfg := demo(t, demosite.Options{})
	crawl(t, cfg)
	rep, err := Reparse(context.Background(), cfg.DataDir, nil)
	if err != nil {
		t.Fatalf("reparse: %v %+v", err, rep)
	}
	if rep.Records != 18 || len(rep.Changed) != 0 || rep.Unchanged != 18 {
		t.Errorf("reparse: %+v", rep)
	}
}

func TestSiteSourceAddsOutlinksToTheInventory(t *testing.T) {
	mux := http.NewServeMux()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte("<html><body>" + body + "</body></html>"))
		}
	}
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/partecipa", page(`<a href="/partecipa/bilancio">bilancio</a> <a href="https://www.fabbricaideedistretto.it/">progetto</a>`))
	mux.HandleFunc("/partecipa/bilancio", page(`<a href="https://www.regione.emilia-romagna.it/partecipazione">regione</a> <a href="/partecipa">su</a>`))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	rep, err := Crawl(context.Background(), Config{
		DataDir: t.TempDir(), Source: "fiorano", BaseURL: srv.URL + "/partecipa", UserAgent: "archivio/test", AllowPrivate: true,
		Site: &crawlers.Site{Seeds: []string{srv.URL + "/partecipa"}, Hosts: []string{host}, Prefixes: []string{"/partecipa"}, MaxDepth: 2},
	})
	if err != nil || rep.PagesFetched != 2 || rep.RecordsNew != 0 {
		t.Fatalf("site crawl: %+v %v", rep, err)
	}
	st, err := archive.Open(context.Background(), rep.Database[:len(rep.Database)-len("/"+archive.DBName)])
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	links, err := st.Links(context.Background(), "", true)
	if err != nil || len(links) != 2 {
		t.Fatalf("inventory %+v %v", links, err)
	}
	for _, l := range links {
		if !slices.Equal(l.Fields, []string{"site:fiorano"}) || len(l.RecordIDs) != 0 {
			t.Errorf("link %s: fields %v records %v", l.URL, l.Fields, l.RecordIDs)
		}
	}
}
