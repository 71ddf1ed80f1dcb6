package serve

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The end-to-end tests drive a real headless Chromium (Debian's package)
// through the interface. A machine without one skips them with a message;
// CI sets ARCHIVIO_BROWSER_REQUIRED, which makes a missing or broken
// browser a failure. Screenshots go to the test's artifact directory
// (go test -artifacts keeps them), and to ARCHIVIO_SCREENSHOT_DIR when set.
//
// Nothing may leave the machine: Chromium starts with its background
// networking, component updates and sync off, a fresh profile, and every
// request that is not for the interface on 127.0.0.1 sent to a proxy of
// the test's own that records it and answers 502. The test fails if that
// proxy hears anything.

// browserPaths are where Chromium may be.
var browserPaths = []string{"chromium", "chromium-browser", "google-chrome"}

// offArchive records the requests that would have left for the web.
type offArchive struct {
	mu   sync.Mutex
	urls []string
}

func (o *offArchive) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	o.urls = append(o.urls, r.Method+" "+r.Host+" "+r.URL.String())
	o.mu.Unlock()
	http.Error(w, "the test's proxy: nothing leaves the machine", http.StatusBadGateway)
}

func (o *offArchive) list() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.urls...)
}

// browserService reports whether a request the proxy heard is one of
// Chromium's own services (by its host), not one a page made.
func browserService(req string) bool {
	f := strings.Fields(req)
	if len(f) < 2 {
		return false
	}
	host, _, _ := strings.Cut(f[1], ":")
	for _, d := range []string{".google.com", ".googleapis.com", ".gvt1.com", ".gstatic.com"} {
		if strings.HasSuffix(host, d) {
			return true
		}
	}
	return false
}

// newBrowser starts Chromium for a test, or skips (fails under CI).
func newBrowser(t *testing.T, proxy string) context.Context {
	t.Helper()
	var path string
	for _, p := range browserPaths {
		if found, err := exec.LookPath(p); err == nil {
			path = found
			break
		}
	}
	required := os.Getenv("ARCHIVIO_BROWSER_REQUIRED") != ""
	if path == "" {
		if required {
			t.Fatal("no Chromium found (chromium, chromium-browser, google-chrome) and ARCHIVIO_BROWSER_REQUIRED is set")
		}
		t.Skip("no Chromium on this machine: the browser tests need Debian's chromium (apt-get install chromium); CI installs it")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root here
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("disable-features", "AutofillServerCommunication,OptimizationHints,MediaRouter,Translate,"+
			"NetworkTimeServiceQuerying,CertificateTransparencyComponentUpdater,HttpsUpgrades,InterestFeedContentSuggestions"),
		chromedp.Flag("proxy-server", proxy),
		chromedp.Flag("proxy-bypass-list", "127.0.0.1"),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	// Every wait of the test ends at this deadline, generous for a loaded
	// machine (the race detector on two busy cores), within the test's.
	deadline := time.Now().Add(browserTimeout)
	if d, ok := t.Deadline(); ok && d.Before(deadline) {
		deadline = d.Add(-5 * time.Second)
	}
	ctx, cancelTimeout := context.WithDeadline(ctx, deadline)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		if required {
			t.Fatalf("Chromium at %s does not start: %v", path, err)
		}
		t.Skipf("Chromium at %s does not start (%v): the browser tests are skipped", path, err)
	}
	return ctx
}

// browserTimeout bounds a browser test.
const browserTimeout = 3 * time.Minute

// follow runs actions that lead to another page (a click on a link, a
// form submitted), waits until that page has loaded, checks it answered
// 200, and waits for sel on it. Waiting for sel alone is not enough
// when the page left has one too: the old page's would answer.
func follow(t *testing.T, ctx context.Context, sel string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		t.Fatalf("follow to %s: %v", sel, err)
	}
	if resp == nil || resp.Status != http.StatusOK {
		t.Fatalf("follow to %s: answer %+v", sel, resp)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(sel)); err != nil {
		t.Fatalf("%s on %s: %v", sel, resp.URL, err)
	}
}

// waitFor polls cond until it holds or ctx ends.
func waitFor(ctx context.Context, cond func() bool) error {
	for !cond() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	return nil
}

// screenshot saves a PNG of the window into the artifact directory (and
// ARCHIVIO_SCREENSHOT_DIR).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dirs := []string{t.ArtifactDir()}
	if d := os.Getenv("ARCHIVIO_SCREENSHOT_DIR"); d != "" {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		if err := os.WriteFile(filepath.Join(d, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBrowser(t *testing.T) {
	proxy := &offArchive{}
	proxySrv := httptest.NewServer(proxy)
	defer proxySrv.Close()
	s, st := openFixture(t)
	var mu sync.Mutex
	var served []string
	ui := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		served = append(served, r.URL.Path)
		mu.Unlock()
		s.Handler().ServeHTTP(w, r)
	}))
	defer ui.Close()
	replayed := func() (n int, paths []string) {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range served {
			if strings.HasPrefix(p, replayPrefix) {
				n++
			}
		}
		return n, append([]string(nil), served...)
	}
	ctx := newBrowser(t, proxySrv.URL)

	var seen []string
	var seenMu sync.Mutex
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			seenMu.Lock()
			seen = append(seen, e.Request.URL)
			seenMu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}

	// The records list, then a filter.
	err = chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{})
			return err
		}),
		chromedp.Navigate(ui.URL+"/records"),
		chromedp.WaitVisible(`table.records`),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "records.png")
	if err := chromedp.Do(ctx, chromedp.SetValue(`form.filters select[name=link]`, "down")); err != nil {
		t.Fatal(err)
	}
	// The list before the filter has a #total too: the filtered page is
	// waited for first.
	follow(t, ctx, `#total`, chromedp.Click(`form.filters button[type=submit]`))
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || !strings.Contains(loc, "link=down") {
		t.Fatalf("the filtered list is at %s (%v)", loc, err)
	}
	total := text(`#total`)
	if total != "1" {
		t.Errorf("records with a link down: %q, want 1", total)
	}
	// Record 141: its vanished site is down, with its alert.
	follow(t, ctx, `section.links`, chromedp.Click(`table.records a[href="/records/141"]`))
	links := text(`section.links`)
	for _, want := range []string{"http://www.fabbricaideedistretto.it", "down", "dns_not_found", "the record says this site is gone", "alert"} {
		if !strings.Contains(links, want) {
			t.Errorf("record 141's links lack %q: %s", want, links)
		}
	}
	downs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("tr.link.down .state.down")].map(e => e.closest("tr").querySelector("a").textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(downs) != 1 || downs[0] != "http://www.fabbricaideedistretto.it" {
		t.Errorf("links marked down: %q", downs)
	}
	screenshot(t, ctx, "record-141.png")

	// The history: what changed between the two versions.
	follow(t, ctx, `table.diff`, chromedp.Click(`a[href="/records/141/history"]`))
	diff := text(`table.diff`)
	for _, want := range []string{"duration_months", "Durata (mesi)", "12", "18", "seconda edizione"} {
		if !strings.Contains(diff, want) {
			t.Errorf("the diff lacks %q: %s", want, diff)
		}
	}
	screenshot(t, ctx, "history-141.png")

	// A capture replayed: the interface's page with its banner and the
	// sandboxed frame, then the memento alone, whose title shows.
	c := captureOf(t, st, projectPage)
	err = chromedp.Do(ctx,
		chromedp.Navigate(ui.URL+"/captures/"+itoa(c.ID)),
		chromedp.WaitVisible(`iframe.replay`),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The frame's page, its style sheet and images, from the archive.
	if err := waitFor(ctx, func() bool { n, _ := replayed(); return n >= 3 }); err != nil {
		n, paths := replayed()
		t.Errorf("the interface served %d replay requests (the page, its style sheet and images expected): %q", n, paths)
	}
	banner := text(`section.banner`)
	for _, want := range []string{projectPage, c.PayloadDigest, "download the raw WARC record"} {
		if !strings.Contains(banner, want) {
			t.Errorf("the banner lacks %q: %s", want, banner)
		}
	}
	screenshot(t, ctx, "replay.png")
	err = chromedp.Do(ctx,
		chromedp.Navigate(ui.URL+replayURL(c.FetchedAt, projectPage)),
		chromedp.WaitVisible(`h1`),
	)
	if err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if title != "Città della longevità" {
		t.Errorf("the replayed page's title: %q", title)
	}

	// Nothing left for the web: the proxy heard nothing, and every
	// request the page made was for the interface.
	for _, r := range proxy.list() {
		if browserService(r) {
			// Chromium's own calls home (component updates, accounts)
			// that its flags do not all silence: the proxy answered them,
			// nothing left the machine, and no page made them.
			t.Logf("Chromium's own request, answered by the test's proxy: %.120s", r)
			continue
		}
		t.Errorf("a request left for the web: %s", r)
	}
	seenMu.Lock()
	defer seenMu.Unlock()
	for _, u := range seen {
		if !strings.HasPrefix(u, ui.URL+"/") && !strings.HasPrefix(u, "data:") && u != "about:blank" {
			t.Errorf("the browser asked for %s", u)
		}
	}
}
