package linkcheck

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A real page of a participatory process, long enough to differ from
// anything a missing path gets.
const lcRealPage = `<!doctype html><html><head><title>Bilancio partecipativo 2024 - Comune di Bologna</title></head>
<body><h1>Bilancio partecipativo 2024</h1><p>Il processo coinvolge i quartieri nella scelta dei progetti
da finanziare: assemblee pubbliche, laboratori di quartiere, voto online aperto ai residenti dai 16 anni.</p>
<p>Documenti: delibera di avvio, regolamento, esiti del voto.</p></body></html>`

const lcHomePage = `<!doctype html><html><head><title>Fabbrica delle idee - home</title></head>
<body><h1>Benvenuti</h1><p>Notizie, eventi e progetti del distretto.</p></body></html>`

const lcChallenge = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>
<body><div id="cf-challenge-running">Checking your browser before accessing the site.</div>
<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script></body></html>`

// TestCheckVerdicts is the verdict table: one case per verdict, each a
// trap a naive checker falls into.
func TestCheckVerdicts(t *testing.T) {
	w := newLCWorld(t)
	n := w.n

	n.FailDNS("www.fabbricaideedistretto.it") // record 141's vanished site
	n.TempFailDNS("dns-flaky.example")
	n.Refuse("refused.example")
	n.Blackhole("slow.example")

	w.handle(t, "status.example", lcRoutes(map[string]http.HandlerFunc{
		"/404": lcPage(404, "<h1>Not Found</h1>"),
		"/410": lcPage(410, "<h1>Gone</h1>"),
		"/451": lcPage(451, "<h1>Unavailable For Legal Reasons</h1>"),
		"/500": lcPage(500, "<h1>Internal Server Error</h1>"),
		"/503": lcPage(503, "<h1>Service temporarily unavailable</h1><p>Riprova più tardi.</p>"),
		"/429": lcPage(429, "<h1>Too Many Requests</h1>"),
		"/401": lcPage(401, "<h1>Unauthorized</h1>"),
		"/403": lcPage(403, "<h1>Forbidden</h1>"),
		"/cf403": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Server", "cloudflare")
			lcPage(403, lcChallenge)(w, r)
		},
		"/cf503": lcPage(503, lcChallenge),
	}))
	w.handle(t, "ok.example", lcRoutes(map[string]http.HandlerFunc{
		"/progetto": lcPage(200, lcRealPage),
		"/sicuro": func(w http.ResponseWriter, r *http.Request) {
			if r.TLS == nil {
				http.Redirect(w, r, "https://ok.example/sicuro", http.StatusMovedPermanently)
				return
			}
			lcPage(200, lcRealPage)(w, r)
		},
		"/relazione.pdf": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4 ...")
		},
	}))
	w.handle(t, "soft.example", lcRoutes(map[string]http.HandlerFunc{
		"/progetti/141": lcPage(200, `<html><head><title>Pagina non trovata - Comune</title></head><body>`+strings.Repeat("<a href=/x>menu</a> ", 200)+`</body></html>`),
		"/en/project":   lcPage(200, `<html><head><title>Comune</title></head><body><h1>Oops! That page doesn’t exist.</h1>`+strings.Repeat("<p>lorem ipsum dolor</p>", 200)+`</body></html>`),
	}))
	w.handle(t, "catchall.example", func(w http.ResponseWriter, r *http.Request) {
		lcPage(200, `<html><head><title>Distretto - Benvenuti</title></head><body><h1>Benvenuti</h1>
<p>Notizie ed eventi del distretto, progetti in corso, contatti.</p><p>Hai cercato: `+r.URL.Path+`</p></body></html>`)(w, r)
	})
	w.handle(t, "parked.example", lcPage(200, `<html><head><title>parked.example</title></head>
<body><h1>Questo dominio &egrave; in vendita!</h1><p>Contatta il proprietario per un'offerta.</p></body></html>`))
	w.handle(t, "expired.example", lcRedirect(302, "https://sedo.com/search/details/?domain=expired.example"))
	w.handle(t, "sedo.com", lcPage(200, `<html><head><title>Sedo</title></head><body>Domain marketplace</body></html>`))
	w.handle(t, "home.example", lcRoutes(map[string]http.HandlerFunc{
		"/progetti/141": lcRedirect(301, "/"),
		"/index.php":    lcRedirect(302, "/"),
		"/":             lcPage(200, lcHomePage),
	}))
	w.handle(t, "portal.example", lcRoutes(map[string]http.HandlerFunc{
		"/progetti/141":      lcRedirect(302, "/portale/home.jsp"),
		"/":                  lcRedirect(302, "/portale/home.jsp"),
		"/portale/home.jsp":  lcPage(200, lcHomePage),
		"/vecchio/documento": lcRedirect(301, "/nuovo/documento"),
		"/nuovo/documento":   lcPage(200, lcRealPage),
	}))
	w.handle(t, "loop.example", lcRoutes(map[string]http.HandlerFunc{
		"/a": lcRedirect(302, "/b"),
		"/b": lcRedirect(302, "/a"),
	}))
	w.handle(t, "many.example", func(w http.ResponseWriter, r *http.Request) {
		i, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/r/"))
		http.Redirect(w, r, fmt.Sprintf("/r/%d", i+1), http.StatusFound)
	})
	w.handle(t, "cookie.example", lcRoutes(map[string]http.HandlerFunc{
		"/pagina": func(w http.ResponseWriter, r *http.Request) {
			if _, err := r.Cookie("TS01"); err != nil {
				http.SetCookie(w, &http.Cookie{Name: "TS01", Value: "1", Path: "/"})
				http.Redirect(w, r, "/pagina", http.StatusFound)
				return
			}
			lcPage(200, lcRealPage)(w, r)
		},
	}))
	w.handle(t, "head405.example", lcRoutes(map[string]http.HandlerFunc{
		"/documento": func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodHead {
				w.Header().Set("Allow", "GET")
				w.WriteHeader(http.StatusMethodNotAllowed)
				return
			}
			lcPage(200, lcRealPage)(w, r)
		},
	}))
	w.handle(t, "intranet.example", lcPage(200, lcRealPage))
	n.MapIP("intranet.example", "10.0.0.5")

	// A real loopback server: the guard must keep every check away from it.
	var loopHits atomic.Int64
	loop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		loopHits.Add(1)
		fmt.Fprint(w, "secret")
	}))
	defer loop.Close()
	w.handle(t, "evil.example", lcRedirect(302, loop.URL+"/admin"))

	// A page in windows-1252, declared in <meta> only: "è" is byte 0xE8.
	// Other paths 404, so that only the words can tell.
	w.handle(t, "cp1252.example", lcRoutes(map[string]http.HandlerFunc{"/vecchio": func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><head><meta charset=\"windows-1252\"><title>Comune di Esempio</title></head><body>" +
			"<h1>La pagina richiesta non \xe8 stata trovata</h1>" + strings.Repeat("<p>Servizi, uffici, modulistica.</p>", 100) + "</body></html>"))
	}}))
	// A gzip body the transport leaves encoded (DisableCompression).
	w.handle(t, "gzip.example", lcRoutes(map[string]http.HandlerFunc{"/x": func(w http.ResponseWriter, r *http.Request) {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(`<html><head><title>404 Not Found</title></head><body>nginx</body></html>`))
		zw.Close()
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(b.Bytes())
	}}))

	// A TLS server whose certificate the plain transport does not trust.
	untrusted := httptest.NewUnstartedServer(lcPage(200, lcRealPage))
	untrusted.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	untrusted.StartTLS()
	defer untrusted.Close()
	plainTr := &http.Transport{}
	defer plainTr.CloseIdleConnections()
	noGzipTr := w.n.Transport()
	noGzipTr.DialContext = w.tr.DialContext
	noGzipTr.DisableCompression = true
	defer noGzipTr.CloseIdleConnections()

	checkers := map[string]*Checker{
		"":       w.checker(t, nil),
		"short":  w.checker(t, func(o *Options) { o.Timeout = 300 * time.Millisecond }),
		"plain":  w.checker(t, func(o *Options) { o.Transport = plainTr }),
		"nogzip": w.checker(t, func(o *Options) { o.Transport = noGzipTr }),
	}

	cases := []struct {
		name, url, checker string
		verdict            Verdict
		status             int    // 0: no answer expected
		method             string // "" to skip
		errHas             string // substring of Error, "" for none expected
		hops               int    // 0 to skip
	}{
		{"vanished site fails DNS", "http://www.fabbricaideedistretto.it/", "", VerdictDNSNotFound, 0, "HEAD", "no such host", 1},
		{"temporary resolver failure", "http://dns-flaky.example/pagina", "", VerdictDNSError, 0, "HEAD", "server misbehaving", 1},
		{"connection refused", "https://refused.example/", "", VerdictRefused, 0, "HEAD", "refused", 1},
		{"blackholed host times out", "http://slow.example/progetto", "short", VerdictTimeout, 0, "HEAD", "", 1},
		{"untrusted certificate", untrusted.URL + "/progetto", "plain", VerdictTLSError, 0, "HEAD", "certificate", 1},
		{"404 (HEAD, confirmed by GET)", "http://status.example/404", "", VerdictGone, 404, "GET", "", 1},
		{"410 decided by HEAD", "http://status.example/410", "", VerdictGone, 410, "HEAD", "", 1},
		{"other 4xx is gone", "http://status.example/451", "", VerdictGone, 451, "HEAD", "", 1},
		{"500", "http://status.example/500", "", VerdictServerError, 500, "GET", "", 1},
		{"plain 503 is a server error", "http://status.example/503", "", VerdictServerError, 503, "GET", "", 1},
		{"429", "http://status.example/429", "", VerdictBlocked, 429, "HEAD", "", 1},
		{"401", "http://status.example/401", "", VerdictBlocked, 401, "HEAD", "", 1},
		{"plain 403", "http://status.example/403", "", VerdictBlocked, 403, "GET", "", 1},
		{"403 cloudflare challenge", "http://status.example/cf403", "", VerdictBlocked, 403, "GET", "", 1},
		{"503 cloudflare challenge", "http://status.example/cf503", "", VerdictBlocked, 503, "GET", "", 1},
		{"ok", "https://ok.example/progetto", "", VerdictOK, 200, "GET", "", 1},
		{"PDF decided by HEAD", "https://ok.example/relazione.pdf", "", VerdictOK, 200, "HEAD", "", 1},
		{"soft 404: Pagina non trovata in the title", "http://soft.example/progetti/141", "", VerdictSoft404, 200, "GET", "", 1},
		{"soft 404: doesn’t exist in an h1 of a long page", "http://soft.example/en/project", "", VerdictSoft404, 200, "GET", "", 1},
		{"soft 404: same page for every path", "http://catchall.example/progetti/141", "", VerdictSoft404, 200, "GET", "", 1},
		{"catch-all site's home page is ok", "http://catchall.example/", "", VerdictOK, 200, "GET", "", 1},
		{"soft 404 in windows-1252", "http://cp1252.example/vecchio", "", VerdictSoft404, 200, "GET", "", 1},
		{"soft 404 in a gzip body left encoded", "http://gzip.example/x", "nogzip", VerdictSoft404, 200, "GET", "", 1},
		{"parked: Questo dominio è in vendita", "http://parked.example/progetto", "", VerdictParked, 200, "GET", "", 1},
		{"parked: redirect through sedo", "http://expired.example/progetto", "", VerdictParked, 200, "HEAD", "", 2},
		{"redirect to the home page", "http://home.example/progetti/141", "", VerdictRedirectHome, 200, "GET", "", 2},
		{"query link redirected home", "http://home.example/index.php?id=141", "", VerdictRedirectHome, 200, "GET", "", 2},
		{"redirect to where the root leads", "http://portal.example/progetti/141", "", VerdictRedirectHome, 200, "GET", "", 2},
		{"301 to a working moved page", "http://portal.example/vecchio/documento", "", VerdictRedirect, 200, "GET", "", 2},
		{"http to https", "http://ok.example/sicuro", "", VerdictRedirect, 200, "GET", "", 2},
		{"cookie redirect to itself is no loop", "http://cookie.example/pagina", "", VerdictOK, 200, "GET", "", 1},
		{"redirect loop", "http://loop.example/a", "", VerdictServerError, 302, "HEAD", "redirect loop", 2},
		{"too many redirects", "http://many.example/r/0", "", VerdictServerError, 302, "HEAD", "stopped after 10 redirects", 11},
		{"HEAD 405 then GET 200", "http://head405.example/documento", "", VerdictOK, 200, "GET", "", 1},
		{"host resolving to 10.0.0.5", "http://intranet.example/progetto", "", VerdictUnsafeAddress, 0, "HEAD", "10.0.0.5", 1},
		{"literal loopback", loop.URL + "/", "", VerdictUnsafeAddress, 0, "HEAD", "127.0.0.1", 1},
		{"literal loopback in decimal", strings.Replace(loop.URL, "127.0.0.1", "2130706433", 1) + "/", "", VerdictUnsafeAddress, 0, "HEAD", "127.0.0.1", 1},
		{"redirect from a public host to loopback", "http://evil.example/progetto", "", VerdictUnsafeAddress, 0, "HEAD", "127.0.0.1", 2},
		{"not a web link", "mailto:info@example.org", "", VerdictInvalidURL, 0, "", "not an absolute http(s) URL", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			res := checkers[tc.checker].Check(context.Background(), tc.url)
			if res.Verdict != tc.verdict {
				t.Errorf("Verdict = %q, want %q\n%+v", res.Verdict, tc.verdict, res)
			}
			if res.Status != tc.status {
				t.Errorf("Status = %d, want %d", res.Status, tc.status)
			}
			if tc.method != "" && res.Method != tc.method {
				t.Errorf("Method = %q, want %q", res.Method, tc.method)
			}
			if tc.status != 0 && tc.errHas == "" && res.Error != "" {
				t.Errorf("Error = %q, want none", res.Error)
			}
			if !strings.Contains(res.Error, tc.errHas) {
				t.Errorf("Error = %q, want it to mention %q", res.Error, tc.errHas)
			}
			if tc.status == 0 && res.Error == "" {
				t.Error("no answer, and no Error")
			}
			if tc.hops != 0 && len(res.Chain) != tc.hops {
				t.Errorf("Chain = %+v, want %d hops", res.Chain, tc.hops)
			}
			if n := len(res.Chain); n > 0 && (res.Chain[0].URL != tc.url || res.Chain[n-1].URL != res.FinalURL || res.Chain[n-1].Status != res.Status) {
				t.Errorf("Chain %+v does not run from URL %s to FinalURL %s (status %d)", res.Chain, tc.url, res.FinalURL, res.Status)
			}
			if res.Status != 0 && tc.checker == "" && res.CaptureID == 0 {
				t.Error("an answer through the recording transport, but no CaptureID")
			}
			if d := time.Since(start); d > 4*time.Second {
				t.Errorf("check took %v", d)
			}
			if res.Verdict.Works() != (tc.verdict == VerdictOK || tc.verdict == VerdictRedirect) {
				t.Errorf("%q.Works() = %v", res.Verdict, res.Verdict.Works())
			}
		})
	}
	if got := loopHits.Load(); got != 0 {
		t.Errorf("the loopback server was reached %d times", got)
	}
	if got := n.Hits("intranet.example"); got != 0 {
		t.Errorf("the host mapped to 10.0.0.5 was reached %d times", got)
	}
}

// TestCheckChain: every hop is recorded, in order, for the method that
// decided; each request passes the transport (so is archived), HEAD first
// and then GET; the capture id is the final GET answer's.
func TestCheckChain(t *testing.T) {
	w := newLCWorld(t)
	w.handle(t, "chain.example", lcRoutes(map[string]http.HandlerFunc{
		"/a": lcRedirect(301, "/b"),
		"/b": lcRedirect(302, "https://chain.example/c"),
		"/c": lcPage(200, lcRealPage),
	}))
	at := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	c := w.checker(t, func(o *Options) { o.Now = func() time.Time { return at } })
	res := c.Check(context.Background(), "http://chain.example/a")

	want := []Hop{{"http://chain.example/a", 301}, {"http://chain.example/b", 302}, {"https://chain.example/c", 200}}
	if fmt.Sprint(res.Chain) != fmt.Sprint(want) {
		t.Errorf("Chain = %+v, want %+v", res.Chain, want)
	}
	if res.Verdict != VerdictRedirect || res.FinalURL != "https://chain.example/c" || res.Method != "GET" || res.Status != 200 {
		t.Errorf("result = %+v", res)
	}
	if !res.CheckedAt.Equal(at) {
		t.Errorf("CheckedAt = %v, want the injected clock's %v", res.CheckedAt, at)
	}
	reqs := w.stamp.requests()
	wantReqs := []string{
		"HEAD http://chain.example/a", "HEAD http://chain.example/b", "HEAD https://chain.example/c",
		"GET http://chain.example/a", "GET http://chain.example/b", "GET https://chain.example/c",
	}
	if len(reqs) < len(wantReqs) || fmt.Sprint(reqs[:len(wantReqs)]) != fmt.Sprint(wantReqs) {
		t.Errorf("requests = %q, want them to start with %q", reqs, wantReqs)
	}
	w.stamp.mu.Lock()
	wantID := w.stamp.ids["GET https://chain.example/c"]
	w.stamp.mu.Unlock()
	if res.CaptureID == 0 || res.CaptureID != wantID {
		t.Errorf("CaptureID = %d, want %d (the final GET's)", res.CaptureID, wantID)
	}
}

// TestCheckProbeOncePerHost: the random missing path is fetched once per
// host however many links of it are checked, concurrently or not, and not
// at all with DisableProbe.
func TestCheckProbeOncePerHost(t *testing.T) {
	w := newLCWorld(t)
	var probes, requests atomic.Int64
	w.handle(t, "catchall.example", func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if strings.HasPrefix(r.URL.Path, "/archivio-missing-") {
			probes.Add(1)
		}
		lcPage(200, `<html><head><title>Distretto</title></head><body><p>Tutto bene qui.</p></body></html>`)(w, r)
	})
	c := w.checker(t, nil)
	var wg sync.WaitGroup
	results := make([]Result, 8)
	for i := range results {
		wg.Go(func() {
			results[i] = c.Check(context.Background(), fmt.Sprintf("http://catchall.example/progetti/%d", i))
		})
	}
	wg.Wait()
	results = append(results, c.Check(context.Background(), "http://catchall.example/progetti/99"))
	for _, res := range results {
		if res.Verdict != VerdictSoft404 {
			t.Errorf("%s: %s, want soft_404", res.URL, res.Verdict)
		}
	}
	if got := probes.Load(); got != 1 {
		t.Errorf("%d probes for one host, want 1", got)
	}

	probes.Store(0)
	off := w.checker(t, func(o *Options) { o.DisableProbe = true })
	if res := off.Check(context.Background(), "http://catchall.example/progetti/1"); res.Verdict != VerdictOK {
		t.Errorf("DisableProbe: %s, want ok (nothing to compare with)", res.Verdict)
	}
	if got := probes.Load(); got != 0 {
		t.Errorf("DisableProbe: %d probes", got)
	}
}

func TestCheckerOptions(t *testing.T) {
	_, err := New(Options{})
	if !errors.Is(err, ErrOptions) || !strings.Contains(err.Error(), "Transport") || !strings.Contains(err.Error(), "UserAgent") {
		t.Errorf("New(zero) = %v, want field errors for Transport and UserAgent", err)
	}
	c, err := New(Options{Transport: http.DefaultTransport, UserAgent: "archivio-test"})
	if err != nil {
		t.Fatal(err)
	}
	if o := c.opts; o.Timeout != 20*time.Second || o.MaxRedirects != 10 || o.MaxBody != 512<<10 || !o.ProbeMissing || o.Now == nil {
		t.Errorf("defaults not applied: %+v", o)
	}
}
