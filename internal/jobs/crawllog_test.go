package jobs

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"archivio/archive"
	"archivio/crawlers"
)

// crawlLogLine is one line of a crawl log, split into its twelve fields.
type crawlLogLine struct {
	time, status, size, url, path, via, mime, thread, fetch, digest, source, annotations string
}

func readCrawlLog(t *testing.T, path string) []crawlLogLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []crawlLogLine
	for sc := bufio.NewScanner(f); sc.Scan(); {
		p := strings.Fields(sc.Text())
		if len(p) != 12 {
			t.Fatalf("crawl log line of %d fields, want 12: %q", len(p), sc.Text())
		}
		out = append(out, crawlLogLine{p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]})
	}
	return out
}

// TestCrawlLog crawls a site whose pages meet every case of the crawl log
// (robots.txt, a seed, links, a redirect, an answer retried, a page
// robots.txt forbids, one past the depth) and reads DIR/logs/crawl-ID.log:
// one line per fetch and per URL not fetched, with the status, size,
// discovery path, via, media type, fetch time and duration, digest,
// source and annotations of each; every capture of the crawl accounted
// for.
func TestCrawlLog(t *testing.T) {
	var slow atomic.Int32
	mux := http.NewServeMux()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte("<html><body>" + body + "</body></html>"))
		}
	}
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("User-agent: *\nDisallow: /partecipa/privata\n"))
	})
	mux.HandleFunc("/partecipa", page(`<a href="/partecipa/bilancio">b</a> <a href="/partecipa/vecchia">v</a>
		<a href="/partecipa/privata">p</a> <a href="/partecipa/lento">l</a>`))
	mux.HandleFunc("/partecipa/bilancio", page(`<a href="/partecipa/bilancio/dettaglio">d</a>`))
	mux.HandleFunc("/partecipa/vecchia", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/partecipa/nuova", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/partecipa/nuova", page(`nuova`))
	mux.HandleFunc("/partecipa/lento", func(w http.ResponseWriter, r *http.Request) {
		if slow.Add(1) == 1 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		page(`finalmente`)(w, r)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	rep, err := Crawl(context.Background(), Config{
		DataDir: t.TempDir(), Source: "fiorano", BaseURL: srv.URL + "/partecipa", UserAgent: "archivio/test", AllowPrivate: true,
		Site:  &crawlers.Site{Seeds: []string{srv.URL + "/partecipa"}, Hosts: []string{host}, Prefixes: []string{"/partecipa"}, MaxDepth: 1},
		Retry: fastRetry(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.CrawlLog != archive.CrawlLogPath(strings.TrimSuffix(rep.Database, "/"+archive.DBName), rep.CrawlID) {
		t.Errorf("report names the crawl log %q", rep.CrawlLog)
	}
	lines := readCrawlLog(t, rep.CrawlLog)
	byURL := map[string]crawlLogLine{}
	for _, l := range lines {
		if _, twice := byURL[l.url]; twice {
			t.Errorf("%s logged twice", l.url)
		}
		byURL[l.url] = l
	}
	u := func(p string) string { return srv.URL + p }
	for _, c := range []struct {
		url, status, path, via, annotations string
	}{
		{u("/robots.txt"), "200", "P", "-", "-"},
		{u("/partecipa"), "200", "-", "-", "-"},
		{u("/partecipa/bilancio"), "200", "L", u("/partecipa"), "-"},
		{u("/partecipa/vecchia"), "301", "L", u("/partecipa"), "-"},
		{u("/partecipa/nuova"), "200", "LR", u("/partecipa/vecchia"), "-"},
		{u("/partecipa/lento"), "200", "L", u("/partecipa"), "2t"},
		{u("/partecipa/privata"), "-9998", "L", u("/partecipa"), "robots"},
		{u("/partecipa/bilancio/dettaglio"), "-4001", "LL", u("/partecipa/bilancio"), "max_depth"},
	} {
		l, ok := byURL[c.url]
		if !ok {
			t.Errorf("%s: not in the crawl log", c.url)
			continue
		}
		if l.status != c.status || l.path != c.path || l.via != c.via || l.annotations != c.annotations || l.source != "fiorano" {
			t.Errorf("%s: %+v, want status %s path %s via %s annotations %s", c.url, l, c.status, c.path, c.via, c.annotations)
		}
	}
	stamp := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)
	fetch := regexp.MustCompile(`^\d{17}\+\d+$`)
	digest := regexp.MustCompile(`^sha1:[A-Z2-7]{32}$`)
	fetched := 0
	for _, l := range lines {
		if !stamp.MatchString(l.time) || l.thread != "-" {
			t.Errorf("%s: time %q thread %q", l.url, l.time, l.thread)
		}
		if strings.HasPrefix(l.status, "-") {
			if l.size != "-" || l.fetch != "-" || l.digest != "-" {
				t.Errorf("%s, not fetched: %+v", l.url, l)
			}
			continue
		}
		fetched++
		if l.annotations == "2t" {
			fetched++ // the 503 before it is a capture too
		}
		if !fetch.MatchString(l.fetch) || !digest.MatchString(l.digest) || l.size == "-" {
			t.Errorf("%s, fetched: %+v", l.url, l)
		}
	}
	bilancio := len(`<html><body><a href="/partecipa/bilancio/dettaglio">d</a></body></html>`)
	if l := byURL[u("/partecipa/bilancio")]; l.mime != "text/html" || l.size != strconv.Itoa(bilancio) {
		t.Errorf("bilancio: mime %q size %q", l.mime, l.size)
	}
	st, err := archive.Open(context.Background(), strings.TrimSuffix(rep.Database, "/"+archive.DBName))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	caps, err := st.CapturesOf(context.Background(), rep.CrawlID)
	if err != nil || len(caps) != fetched {
		t.Errorf("%d captures in the crawl, %d in its log: %v", len(caps), fetched, err)
	}
}
