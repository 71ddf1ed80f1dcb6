package crawlers

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is a test web site that logs every request with its time.
type site struct {
	*httptest.Server
	mu   sync.Mutex
	log  []string
	when []time.Time
}

func newSite(t *testing.T, routes map[string]http.HandlerFunc) *site {
	s := &site{}
	mux := http.NewServeMux()
	for p, h := range routes {
		mux.HandleFunc(p, h)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.log = append(s.log, r.URL.RequestURI())
		s.when = append(s.when, time.Now())
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

func (s *site) count(p string) int {
	n := 0
	for _, r := range s.requests() {
		if r == p {
			n++
		}
	}
	return n
}

func htmlPage(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body>"+body+"</body></html>")
	}
}

func text(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}
}

// run crawls s and returns the pages handed to OnPage, by URL path.
func run(t *testing.T, s *site, mod func(*Options)) (map[string]Page, []string) {
	t.Helper()
	base, _ := url.Parse(s.URL)
	var mu sync.Mutex
	pages := map[string]Page{}
	var errs []string
	opts := Options{
		Base: base, UserAgent: "archivio/test", Transport: http.DefaultTransport, Frontier: &memFrontier{},
		Parallel: 2, Delay: 0, Timeout: 5 * time.Second,
		OnPage: func(_ context.Context, p Page) error {
			u, _ := url.Parse(p.URL)
			mu.Lock()
			pages[u.RequestURI()] = p
			mu.Unlock()
			return nil
		},
		OnError: func(_ context.Context, u, kind string, _ error) {
			mu.Lock()
			errs = append(errs, kind+" "+u)
			mu.Unlock()
		},
	}
	if mod != nil {
		mod(&opts)
	}
	var stats Stats
	if err := Run(context.Background(), opts, &stats); err != nil {
		t.Fatalf("crawl: %v", err)
	}
	return pages, errs
}

func TestDiscoveryAndDeduplicationByID(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt": text(404, ""),
		"/sitemap.xml": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<?xml version="1.0"?><urlset><url><loc>http://%s/scheda-processo/3</loc></url></urlset>`, r.Host)
		},
		"/": htmlPage(`<a href="/processi">Processi</a> <a href="/chi-siamo">Chi siamo</a> <a href="/archive/x.jpg">img</a>
			<a href="https://other.example/scheda-processo/9">altro sito</a>`),
		"/processi": htmlPage(`<a href="/scheda-processo/1">uno</a> <a href="/processi/ambito/scheda-processo/1">uno ancora</a>
			<a href="/scheda-processo/2#top">due</a> <a href="?page=2">avanti</a>`),
		"/scheda-processo/": htmlPage(`scheda`),
	})
	pages, errs := run(t, s, nil)
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	for _, p := range []string{"/scheda-processo/1", "/scheda-processo/2", "/scheda-processo/3"} {
		if s.count(p) != 1 {
			t.Errorf("%s requested %d times, want once", p, s.count(p))
		}
		if pages[p].RecordID == 0 {
			t.Errorf("%s not handed over as a record page: %+v", p, pages[p])
		}
	}
	for _, p := range s.requests() {
		if strings.Contains(p, "ambito") || strings.Contains(p, "chi-siamo") || strings.Contains(p, ".jpg") {
			t.Errorf("%s should not be fetched: other shapes are the same record, other pages are out of scope", p)
		}
	}
	if s.count("/processi?page=2") != 1 {
		t.Errorf("pagination not followed: %v", s.requests())
	}
}

func TestRobotsDisallowAndCrawlDelay(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt":        text(200, "User-agent: *\nDisallow: /processi/privati\nCrawl-delay: 1\n"),
		"/":                  htmlPage(`<a href="/processi">a</a> <a href="/processi/privati">b</a> <a href="/scheda-processo/5">c</a>`),
		"/processi":          htmlPage(`lista`),
		"/scheda-processo/5": htmlPage(`scheda`),
	})
	run(t, s, func(o *Options) { o.Parallel = 4 })
	if n := s.count("/processi/privati"); n != 0 {
		t.Errorf("a disallowed URL was requested %d times", n)
	}
	s.mu.Lock()
	when := slices.Clone(s.when)
	log := slices.Clone(s.log)
	s.mu.Unlock()
	// Pages after robots.txt and the sitemap come at least Crawl-delay apart.
	var prev time.Time
	for i, p := range log {
		if p == "/robots.txt" || p == "/sitemap.xml" {
			continue
		}
		if !prev.IsZero() && when[i].Sub(prev) < 950*time.Millisecond {
			t.Errorf("%s came %v after the previous page; robots.txt asks for 1s", p, when[i].Sub(prev))
		}
		prev = when[i]
	}
}

func TestRobotsServerErrorForbidsAll(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt": text(503, "down"),
		"/":           htmlPage(`<a href="/processi">a</a>`),
	})
	run(t, s, nil)
	for _, p := range s.requests() {
		if p != "/robots.txt" {
			t.Errorf("robots.txt answered 5xx, so nothing may be crawled; %s was", p)
		}
	}
}

func TestHTTPErrorsAndRedirects(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt": text(404, ""),
		"/":           htmlPage(`<a href="/processi">l</a>`),
		"/processi": htmlPage(`<a href="/scheda-processo/1">1</a> <a href="/scheda-processo/2">2</a>
			<a href="/scheda-processo/3">3</a> <a href="/scheda-processo/4">4</a>`),
		"/scheda-processo/1": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/nuova/scheda-1", http.StatusMovedPermanently)
		},
		"/nuova/scheda-1":    htmlPage(`spostata`),
		"/scheda-processo/2": text(404, "non trovata"),
		"/scheda-processo/3": text(410, "rimossa"),
		"/scheda-processo/4": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/scheda-processo/4", http.StatusFound) // a loop
		},
	})
	pages, errs := run(t, s, nil)
	if p := pages["/nuova/scheda-1"]; p.Status != 200 || p.RecordID != 1 {
		t.Errorf("redirected record page: %+v (pages %v)", p, keys(pages))
	}
	if pages["/scheda-processo/2"].Status != 404 || pages["/scheda-processo/3"].Status != 410 {
		t.Errorf("404/410 must reach OnPage with their status: %+v %+v", pages["/scheda-processo/2"], pages["/scheda-processo/3"])
	}
	if !slices.ContainsFunc(errs, func(e string) bool { return strings.HasPrefix(e, "redirect_loop ") }) {
		t.Errorf("a redirect loop must be an error of kind redirect_loop: %v", errs)
	}
	if n := s.count("/scheda-processo/4"); n > 11 {
		t.Errorf("redirect loop followed %d times", n)
	}
}

func TestConditionalHeadersOnlyForRecords(t *testing.T) {
	var mu sync.Mutex
	got := map[string]string{}
	cond := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got[r.URL.Path] = r.Header.Get("If-None-Match") + "|" + r.Header.Get("If-Modified-Since")
		mu.Unlock()
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		htmlPage(`<a href="/scheda-processo/7">7</a>`)(w, r)
	}
	s := newSite(t, map[string]http.HandlerFunc{"/robots.txt": text(404, ""), "/": cond, "/scheda-processo/7": cond})
	pages, _ := run(t, s, func(o *Options) {
		o.Conditional = func(_ context.Context, u string) (string, string) {
			return `"v1"`, "Mon, 01 Jan 2024 00:00:00 GMT"
		}
	})
	if got["/scheda-processo/7"] != `"v1"|Mon, 01 Jan 2024 00:00:00 GMT` {
		t.Errorf("record page request validators: %q", got["/scheda-processo/7"])
	}
	if got["/"] != "|" {
		t.Errorf("the home page must be fetched whole (its links matter): %q", got["/"])
	}
	if pages["/scheda-processo/7"].Status != http.StatusNotModified {
		t.Errorf("304 must reach OnPage: %+v", pages["/scheda-processo/7"])
	}
}

func TestMaxPages(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt":       text(404, ""),
		"/":                 htmlPage(`<a href="/processi">l</a>`),
		"/processi":         htmlPage(`<a href="/scheda-processo/1">1</a><a href="/scheda-processo/2">2</a><a href="/scheda-processo/3">3</a>`),
		"/scheda-processo/": htmlPage(`s`),
	})
	pages, _ := run(t, s, func(o *Options) { o.MaxPages = 3 })
	if len(pages) != 3 {
		t.Errorf("%d pages, want 3: %v", len(pages), keys(pages))
	}
}

func TestIDEnumeration(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt":       text(404, ""),
		"/":                 htmlPage(`home`),
		"/scheda-processo/": htmlPage(`s`),
	})
	run(t, s, func(o *Options) { o.FromID, o.ToID = 10, 14 })
	for id := 10; id <= 14; id++ {
		if s.count(fmt.Sprintf("/scheda-processo/%d", id)) != 1 {
			t.Errorf("id %d not tried once: %v", id, s.requests())
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestSiteSourceScopeAndDepth(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt":              text(200, "User-agent: *\nDisallow: /partecipa/riservato\n"),
		"/partecipa":               htmlPage(`<a href="/partecipa/bilancio">b</a> <a href="/notizie">n</a> <a href="/partecipa/riservato">r</a> <a href="https://other.example/x">x</a>`),
		"/partecipa/bilancio":      htmlPage(`<a href="/partecipa/bilancio/2024">2024</a>`),
		"/partecipa/bilancio/2024": htmlPage(`<a href="/partecipa/bilancio/2024/dettaglio">d</a>`),
		"/notizie":                 htmlPage(`news`),
	})
	base, _ := url.Parse(s.URL)
	pages, _ := run(t, s, func(o *Options) {
		o.Site = &Site{Seeds: []string{s.URL + "/partecipa"}, Hosts: []string{base.Host}, Prefixes: []string{"/partecipa"}, MaxDepth: 2}
	})
	for _, p := range []string{"/partecipa", "/partecipa/bilancio", "/partecipa/bilancio/2024"} {
		if pages[p].Status != 200 || pages[p].RecordID != 0 {
			t.Errorf("%s: %+v", p, pages[p])
		}
	}
	for _, p := range []string{"/partecipa/bilancio/2024/dettaglio", "/notizie", "/partecipa/riservato", "/"} {
		if s.count(p) != 0 {
			t.Errorf("%s fetched: beyond the depth, outside the prefixes, forbidden, or not a seed", p)
		}
	}
	if pages["/partecipa/bilancio/2024"].Depth != 2 {
		t.Errorf("depth %d", pages["/partecipa/bilancio/2024"].Depth)
	}
}

func TestPageCarriesItsLinks(t *testing.T) {
	// A page's links are read once by the crawl and handed on with it:
	// resolved, for an HTML page that answered 200; none for other pages.
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt":  text(404, ""),
		"/sitemap.xml": text(404, ""),
		"/":            htmlPage(`<a href="/processi">Processi</a> <a href="https://www.comune.esempio.it/progetto#x">progetto</a>`),
		"/processi":    text(200, `<a href="/scheda-processo/1">uno</a>`),
	})
	pages, _ := run(t, s, nil)
	want := []string{s.URL + "/processi", "https://www.comune.esempio.it/progetto"}
	if got := pages["/"].Links; !slices.Equal(got, want) {
		t.Errorf("home page links %q, want %q", got, want)
	}
	if p, ok := pages["/processi"]; !ok || p.Links != nil {
		t.Errorf("a text/plain page's links: %+v", p)
	}
	if s.count("/scheda-processo/1") != 0 {
		t.Error("a link of a page that is not HTML was followed")
	}
}
