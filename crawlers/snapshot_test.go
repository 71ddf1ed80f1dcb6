package crawlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/demo/vnet"
)

// snapStamp stands in for the recording transport: it numbers every
// answer in archive.CaptureHeader and logs every request, with its time.
type snapStamp struct {
	next http.RoundTripper

	mu   sync.Mutex
	n    int64
	log  []string         // URLs requested, in order
	when []time.Time      // when each was requested
	ids  map[string]int64 // URL -> capture id of its answer
}

func (s *snapStamp) RoundTrip(req *http.Request) (*http.Response, error) {
	s.mu.Lock()
	s.log = append(s.log, req.URL.String())
	s.when = append(s.when, time.Now())
	s.mu.Unlock()
	resp, err := s.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	s.ids[req.URL.String()] = s.n
	resp.Header.Set(archive.CaptureHeader, strconv.FormatInt(s.n, 10))
	return resp, nil
}

func (s *snapStamp) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

const (
	snapHost = "www.comune.esempio.it"
	snapSite = "https://" + snapHost
	snapUA   = "archivio-test (+https://example.org/archivio)"
)

// snapHome links to three pages (one forbidden by robots.txt), to itself
// in three ways, to another site, to an image, to a document, and by
// mailto.
const snapHome = `<!doctype html><title>Comune di Esempio</title>
<a href="#contenuto">Salta al contenuto</a>
<a href="/">Home</a>
<a href="https://www.comune.esempio.it/#top">Torna su</a>
<a href="/servizi">Servizi</a>
<a href="/notizie">Notizie</a>
<a href="/riservata/">Area riservata</a>
<a href="/servizi#anagrafe">Anagrafe</a>
<a href="https://www.altrosito.it/">Regione</a>
<img src="/logo.png"><a href="/logo.png">Logo</a>
<a href="/albo/delibera.PDF">Delibera</a>
<a href="mailto:urp@comune.esempio.it">Scrivici</a>`

// snapWorld is the municipal site, another site, and the stamped
// transport that reaches them.
type snapWorld struct {
	n     *vnet.Internet
	stamp *snapStamp
}

func newSnapWorld(t *testing.T, robotsTxt string, extra map[string]http.HandlerFunc) *snapWorld {
	t.Helper()
	n := vnet.New()
	tr := n.Transport()
	t.Cleanup(func() {
		tr.CloseIdleConnections()
		n.Close()
	})
	html := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, robotsTxt)
	})
	mux.HandleFunc("/{$}", html(snapHome))
	mux.HandleFunc("/servizi", html(`<a href="/servizi/anagrafe">Anagrafe</a><a href="/">Home</a>`))
	mux.HandleFunc("/notizie", html(`<a href="/notizie/2024">2024</a><a href="/servizi">Servizi</a>`))
	mux.HandleFunc("/servizi/anagrafe", html(`<p>Anagrafe</p>`))
	mux.HandleFunc("/notizie/2024", html(`<p>Notizie 2024</p>`))
	mux.HandleFunc("/riservata/", html(`<p>Riservata</p>`))
	mux.HandleFunc("/logo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		fmt.Fprint(w, "\x89PNG")
	})
	for p, h := range extra {
		mux.HandleFunc(p, h)
	}
	if err := n.Handle(snapHost, mux); err != nil {
		t.Fatal(err)
	}
	if err := n.Handle("www.altrosito.it", html(`<p>Regione</p>`)); err != nil {
		t.Fatal(err)
	}
	return &snapWorld{n: n, stamp: &snapStamp{next: tr, ids: map[string]int64{}}}
}

func (w *snapWorld) options(mod func(*SnapshotOptions)) SnapshotOptions {
	o := SnapshotOptions{Start: snapSite + "/", Depth: 1, Transport: w.stamp, UserAgent: snapUA,
		Delay: time.Millisecond, Timeout: 5 * time.Second}
	if mod != nil {
		mod(&o)
	}
	return o
}

const snapRobots = "User-agent: *\nDisallow: /riservata/\n"

func TestSnapshot(t *testing.T) {
	extra := map[string]http.HandlerFunc{
		"/rotta": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "guasto", http.StatusInternalServerError) },
		"/doc": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, `%PDF-1.4 <a href="/servizi">`)
		},
		"/vecchia": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/notizie", http.StatusMovedPermanently)
		},
		"/fuori": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://www.altrosito.it/", http.StatusFound)
		},
		"/verso-riservata": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/riservata/", http.StatusFound)
		},
		"/con-errori": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<a href="/rotta">Rotta</a><a href="/vecchia">Vecchia</a><a href="/notizie">Notizie</a><a href="/doc">Doc</a>`)
		},
	}
	tests := []struct {
		name        string
		start       string
		depth       int
		maxPages    int
		wantPages   []string // URL paths on snapSite, in fetch order
		wantDepths  []int
		wantStatus  []int // nil: all 200
		wantBlocked int
		wantErrors  int
	}{
		{
			// Not /servizi/anagrafe (second level), not the other site,
			// not the image or the PDF, not /riservata/ (robots.txt), and
			// the home page once, whatever its links to itself look like.
			name: "depth 1: start and the two allowed pages", depth: 1,
			wantPages: []string{"/", "/servizi", "/notizie"}, wantDepths: []int{0, 1, 1}, wantBlocked: 1,
		},
		{
			// No link is considered, so none is counted as blocked.
			name: "depth 0: only start", depth: 0,
			wantPages: []string{"/"}, wantDepths: []int{0},
		},
		{
			name: "depth 2: the second level too, in breadth-first order", depth: 2,
			wantPages:  []string{"/", "/servizi", "/notizie", "/servizi/anagrafe", "/notizie/2024"},
			wantDepths: []int{0, 1, 1, 2, 2}, wantBlocked: 1,
		},
		{
			name: "max pages counts start", depth: 2, maxPages: 2,
			wantPages: []string{"/", "/servizi"}, wantDepths: []int{0, 1}, wantBlocked: 1,
		},
		{
			name: "a start page that is a document by its extension is fetched", start: snapSite + "/logo.png", depth: 1,
			wantPages: []string{"/logo.png"}, wantDepths: []int{0},
		},
		{
			name: "a fragment on start is dropped", start: snapSite + "/#main", depth: 0,
			wantPages: []string{"/"}, wantDepths: []int{0},
		},
		{
			// /rotta answers 500: a page and an error. /vecchia redirects
			// to /notizie, kept under its final URL, so the direct link
			// to /notizie, queued before, is not fetched again. /doc is a
			// PDF by its Content-Type: fetched, its "links" not followed.
			// /servizi/anagrafe would be at depth 3.
			name: "errors, redirects and non-HTML answers", start: snapSite + "/con-errori", depth: 2,
			wantPages:  []string{"/con-errori", "/rotta", "/notizie", "/doc", "/notizie/2024", "/servizi"},
			wantDepths: []int{0, 1, 1, 1, 2, 2},
			wantStatus: []int{200, 500, 200, 200, 200, 200},
			wantErrors: 1,
		},
		{
			// The site moved away: the redirect answer is what is kept.
			name: "a redirect off the site is not followed", start: snapSite + "/fuori", depth: 1,
			wantPages: []string{"/fuori"}, wantDepths: []int{0}, wantStatus: []int{302},
		},
		{
			name: "a redirect robots.txt forbids is not followed", start: snapSite + "/verso-riservata", depth: 1,
			wantPages: []string{"/verso-riservata"}, wantDepths: []int{0}, wantStatus: []int{302}, wantBlocked: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newSnapWorld(t, snapRobots, extra)
			o := w.options(func(o *SnapshotOptions) {
				o.Depth, o.MaxPages = tc.depth, tc.maxPages
				if tc.start != "" {
					o.Start = tc.start
				}
			})
			res, err := Snapshot(t.Context(), o)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var depths []int
			for _, p := range res.Pages {
				got = append(got, p.URL)
				depths = append(depths, p.Depth)
			}
			var want []string
			for _, p := range tc.wantPages {
				want = append(want, snapSite+p)
			}
			if !slices.Equal(got, want) {
				t.Errorf("pages:\n got %q\nwant %q", got, want)
			}
			if !slices.Equal(depths, tc.wantDepths) {
				t.Errorf("depths = %v, want %v", depths, tc.wantDepths)
			}
			for i, p := range res.Pages {
				wantStatus := 200
				if tc.wantStatus != nil && i < len(tc.wantStatus) {
					wantStatus = tc.wantStatus[i]
				}
				if p.Status != wantStatus {
					t.Errorf("%s: status %d, want %d", p.URL, p.Status, wantStatus)
				}
				// The capture id is the one the transport stamped on
				// the page's own answer (after any redirect).
				w.stamp.mu.Lock()
				id := w.stamp.ids[p.URL]
				w.stamp.mu.Unlock()
				if p.CaptureID == 0 || p.CaptureID != id {
					t.Errorf("%s: capture id %d, want %d", p.URL, p.CaptureID, id)
				}
			}
			if res.Blocked != tc.wantBlocked || res.Errors != tc.wantErrors {
				t.Errorf("blocked %d, errors %d; want %d, %d", res.Blocked, res.Errors, tc.wantBlocked, tc.wantErrors)
			}
			reqs := w.stamp.requests()
			if len(reqs) == 0 || reqs[0] != snapSite+"/robots.txt" {
				t.Errorf("first request %q, want robots.txt", reqs)
			}
			for _, r := range reqs {
				if r == snapSite+"/riservata/" || r == snapSite+"/logo.png" && tc.start == "" {
					t.Errorf("requested %s", r)
				}
			}
			if n := w.n.Hits("www.altrosito.it"); n != 0 {
				t.Errorf("the other site got %d requests", n)
			}
		})
	}
}

func TestSnapshotCrawlDelay(t *testing.T) {
	w := newSnapWorld(t, "User-agent: *\nDisallow: /riservata/\nCrawl-delay: 0.2\n", nil)
	res, err := Snapshot(t.Context(), w.options(nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 3 {
		t.Fatalf("pages %+v", res.Pages)
	}
	w.stamp.mu.Lock()
	when := slices.Clone(w.stamp.when)
	w.stamp.mu.Unlock()
	for i := 1; i < len(when); i++ {
		if gap := when[i].Sub(when[i-1]); gap < 200*time.Millisecond {
			t.Errorf("request %d came %v after the previous one, want at least the Crawl-delay", i, gap)
		}
	}
}

func TestSnapshotStartNotFetched(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(w *snapWorld)
		robots  string
		start   string
		wantErr error // nil: any error
	}{
		{name: "DNS fails", start: "https://www.comune-scomparso.it/", setup: func(w *snapWorld) { w.n.FailDNS("www.comune-scomparso.it") }},
		{name: "connection refused", start: "https://www.comune-chiuso.it/", setup: func(w *snapWorld) { w.n.Refuse("www.comune-chiuso.it") }},
		{name: "robots.txt forbids start", robots: "User-agent: *\nDisallow: /\n", wantErr: ErrStartDisallowed},
		{name: "robots.txt forbids archivio", robots: "User-agent: archivio\nDisallow: /\n", wantErr: ErrStartDisallowed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			robotsTxt := tc.robots
			if robotsTxt == "" {
				robotsTxt = snapRobots
			}
			w := newSnapWorld(t, robotsTxt, nil)
			if tc.setup != nil {
				tc.setup(w)
			}
			res, err := Snapshot(t.Context(), w.options(func(o *SnapshotOptions) {
				if tc.start != "" {
					o.Start = tc.start
				}
			}))
			if err == nil || tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if res == nil || len(res.Pages) != 0 {
				t.Fatalf("result %+v, want no pages", res)
			}
			if n := w.n.Hits(snapHost); tc.wantErr != nil && n != 1 {
				t.Errorf("%d requests to the site, want only robots.txt", n)
			}
		})
	}
}

func TestSnapshotStartErrorAnswerIsNoError(t *testing.T) {
	// A Start that answers 404 was fetched: its answer is the snapshot.
	w := newSnapWorld(t, snapRobots, nil)
	res, err := Snapshot(t.Context(), w.options(func(o *SnapshotOptions) { o.Start = snapSite + "/sparita" }))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 1 || res.Pages[0].Status != 404 || res.Errors != 1 {
		t.Fatalf("result %+v", res)
	}
}

func TestSnapshotCancel(t *testing.T) {
	t.Run("during the politeness pause", func(t *testing.T) {
		w := newSnapWorld(t, snapRobots, nil)
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(100*time.Millisecond, cancel)
		start := time.Now()
		res, err := Snapshot(ctx, w.options(func(o *SnapshotOptions) { o.Delay = time.Hour }))
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("returned after %v", el)
		}
		if len(res.Pages) != 0 || res.Errors != 0 {
			t.Errorf("result %+v", res)
		}
	})
	t.Run("during a request that hangs", func(t *testing.T) {
		started := make(chan struct{}, 1)
		w := newSnapWorld(t, snapRobots, map[string]http.HandlerFunc{
			"/lenta": func(w http.ResponseWriter, r *http.Request) {
				started <- struct{}{}
				<-r.Context().Done()
				// Never answer: over TLS the client's close_notify ends
				// the context here, and a reply could still reach the
				// client as it goes.
				panic(http.ErrAbortHandler)
			},
			"/avvio": func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				fmt.Fprint(w, `<a href="/lenta">Lenta</a><a href="/servizi">Servizi</a>`)
			},
		})
		ctx, cancel := context.WithCancel(t.Context())
		go func() {
			<-started
			time.Sleep(50 * time.Millisecond)
			cancel()
		}()
		start := time.Now()
		res, err := Snapshot(ctx, w.options(func(o *SnapshotOptions) { o.Start = snapSite + "/avvio"; o.Timeout = time.Minute }))
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("returned after %v", el)
		}
		// What was fetched before is kept; the canceled fetch is not an
		// error of the site's, and nothing after it was requested.
		if len(res.Pages) != 1 || res.Errors != 0 {
			t.Errorf("result %+v", res)
		}
		for _, r := range w.stamp.requests() {
			if r == snapSite+"/servizi" {
				t.Errorf("requested %s after the cancel", r)
			}
		}
	})
}

func TestSnapshotOptions(t *testing.T) {
	ok := SnapshotOptions{Start: snapSite + "/", Transport: http.DefaultTransport, UserAgent: snapUA}
	tests := []struct {
		name string
		mod  func(*SnapshotOptions)
	}{
		{"no start", func(o *SnapshotOptions) { o.Start = "" }},
		{"relative start", func(o *SnapshotOptions) { o.Start = "/servizi" }},
		{"start not http", func(o *SnapshotOptions) { o.Start = "ftp://comune.esempio.it/" }},
		{"start unparsable", func(o *SnapshotOptions) { o.Start = "https://comune esempio.it/%zz" }},
		{"no transport", func(o *SnapshotOptions) { o.Transport = nil }},
		{"no user agent", func(o *SnapshotOptions) { o.UserAgent = " " }},
		{"negative depth", func(o *SnapshotOptions) { o.Depth = -1 }},
		{"negative delay", func(o *SnapshotOptions) { o.Delay = -time.Second }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := ok
			tc.mod(&o)
			res, err := Snapshot(t.Context(), o)
			if !errors.Is(err, ErrSnapshotOptions) || res != nil {
				t.Fatalf("res %v, err %v; want ErrSnapshotOptions", res, err)
			}
		})
	}
	d := ok
	if _, err := d.defaults(); err != nil {
		t.Fatal(err)
	}
	if d.Depth != 0 || d.MaxPages != 25 || d.Delay != time.Second || d.Timeout != 20*time.Second || d.Logger == nil {
		t.Errorf("defaults: %+v", d)
	}
}

func ExampleSnapshot() {
	n := vnet.New()
	defer n.Close()
	_ = n.Handle("www.comune.esempio.it", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /privato\n")
		default:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<a href="/uffici">Uffici</a><a href="/privato">Privato</a><a href="/stemma.png">Stemma</a>`)
		}
	}))
	tr := n.Transport()
	defer tr.CloseIdleConnections()

	res, err := Snapshot(context.Background(), SnapshotOptions{
		Start:     "https://www.comune.esempio.it/",
		Depth:     DefaultSnapshotDepth,
		Transport: tr, // in archivio: the guarded, archiving chain
		UserAgent: "archivio/1 (+https://example.org/archivio)",
		Delay:     10 * time.Millisecond,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Pages {
		fmt.Println(p.Depth, p.Status, p.URL)
	}
	fmt.Println("blocked:", res.Blocked)
	// Output:
	// 0 200 https://www.comune.esempio.it/
	// 1 200 https://www.comune.esempio.it/uffici
	// blocked: 1
}

// snapUnarchived fails, as the recording transport does when it cannot
// keep an exchange, for one path.
type snapUnarchived struct {
	next http.RoundTripper
	path string
}

func (s snapUnarchived) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Path == s.path {
		return nil, fmt.Errorf("warc write: disk full: %w", archive.ErrNotArchived)
	}
	return s.next.RoundTrip(req)
}

func TestSnapshotStopsWhenNotArchived(t *testing.T) {
	// What cannot be kept stops the snapshot, Start or not: going on
	// would fetch pages for nothing.
	for _, p := range []string{"/", "/servizi"} {
		t.Run(p, func(t *testing.T) {
			w := newSnapWorld(t, snapRobots, nil)
			res, err := Snapshot(t.Context(), w.options(func(o *SnapshotOptions) {
				o.Transport = snapUnarchived{next: w.stamp, path: p}
			}))
			if !errors.Is(err, archive.ErrNotArchived) {
				t.Fatalf("err = %v, want ErrNotArchived", err)
			}
			if slices.Contains(w.stamp.requests(), snapSite+"/notizie") {
				t.Error("went on after an answer was not archived")
			}
			if res.Errors != 0 {
				t.Errorf("errors %d: a failure to archive is not the site's", res.Errors)
			}
		})
	}
}

// A snapshot given Start's answer (the link check's GET a moment ago)
// reads its links from it and does not ask the site for Start again.
func TestSnapshotStartsFromFetched(t *testing.T) {
	w := newSnapWorld(t, snapRobots, nil)
	fetched := &Page{URL: snapSite + "/", Status: 200, CaptureID: 77,
		Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: []byte(snapHome)}
	res, err := Snapshot(context.Background(), w.options(func(o *SnapshotOptions) { o.Fetched = fetched }))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{snapSite + "/robots.txt", snapSite + "/servizi", snapSite + "/notizie"}
	if got := w.stamp.requests(); !slices.Equal(got, want) {
		t.Errorf("requests %v, want %v (Start not asked again)", got, want)
	}
	if len(res.Pages) != 3 || res.Pages[0].URL != snapSite+"/" || res.Pages[0].CaptureID != 77 || res.Pages[0].Depth != 0 {
		t.Errorf("pages %+v; want Start first, with the given capture", res.Pages)
	}
}
