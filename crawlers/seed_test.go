package crawlers

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestCheckIDRange(t *testing.T) {
	for _, c := range []struct {
		from, to int
		ok       bool
	}{
		{1, 1, true},
		{1, MaxIDs, true},
		{5000, 5000 + MaxIDs - 1, true},
		{1, MaxIDs + 1, false},
		{1, math.MaxInt, false},
		{math.MaxInt - 10, math.MaxInt, true}, // few ids, however large
		{0, 5, false},
		{-3, 5, false},
		{9, 3, false},
	} {
		err := CheckIDRange(c.from, c.to)
		if (err == nil) != c.ok {
			t.Errorf("CheckIDRange(%d, %d) = %v, want ok %v", c.from, c.to, err, c.ok)
		}
	}
}

func TestRunRejectsBadOptions(t *testing.T) {
	base, _ := url.Parse("http://127.0.0.1:1")
	for name, mod := range map[string]func(*Options){
		"ids":      func(o *Options) { o.FromID, o.ToID = 1, math.MaxInt },
		"parallel": func(o *Options) { o.Parallel = -1 },
		"delay":    func(o *Options) { o.Delay = -5 * time.Second },
		"timeout":  func(o *Options) { o.Timeout = -1 },
		"pages":    func(o *Options) { o.MaxPages = -1 },
	} {
		o := Options{Base: base, UserAgent: "archivio/test", Transport: http.DefaultTransport, Frontier: &memFrontier{},
			OnPage: func(context.Context, Page) error { return nil }}
		mod(&o)
		if err := Run(context.Background(), o, &Stats{}); err == nil || !strings.HasPrefix(err.Error(), "crawl: ") {
			t.Errorf("%s: %v, want an error before any request", name, err)
		}
	}
}

// cancelingFrontier cancels the crawl once it has been offered n keys.
type cancelingFrontier struct {
	memFrontier
	mu      sync.Mutex
	offered int
	n       int
	cancel  context.CancelFunc
}

func (f *cancelingFrontier) Add(ctx context.Context, links []Link) ([]bool, error) {
	f.mu.Lock()
	f.offered += len(links)
	if f.offered >= f.n {
		f.cancel()
	}
	f.mu.Unlock()
	return f.memFrontier.Add(ctx, links)
}

// TestSeedingStopsWhenCanceled stops a crawl while it queues the largest
// id range allowed: seeding must notice at once, not run to the end.
func TestSeedingStopsWhenCanceled(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{"/robots.txt": text(404, ""), "/": htmlPage(`home`)})
	base, _ := url.Parse(s.URL)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := &cancelingFrontier{n: 3 * seedBatch, cancel: cancel}
	o := Options{Base: base, UserAgent: "archivio/test", Transport: http.DefaultTransport, Frontier: f, Delay: 0,
		FromID: 1, ToID: MaxIDs, OnPage: func(context.Context, Page) error { return nil }}
	err := Run(ctx, o, &Stats{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run: %v, want context.Canceled", err)
	}
	if f.offered > 4*seedBatch {
		t.Errorf("%d ids offered after the stop at %d: seeding did not check the context", f.offered, f.n)
	}
	for _, p := range s.requests() {
		if strings.HasPrefix(p, "/scheda-processo/") {
			t.Errorf("%s fetched after the stop", p)
		}
	}
}

// TestExclusionsAreRecordedWithTheirReason checks that every URL the
// crawl decides not to fetch is in the frontier as excluded, with why.
func TestExclusionsAreRecordedWithTheirReason(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt": text(200, "User-agent: *\nDisallow: /processi/privati\n"),
		"/": htmlPage(`<a href="/processi">l</a> <a href="/processi/privati">p</a> <a href="/processi/altrove">a</a>
			<a href="/scheda-processo/1">1</a> <a href="/scheda-processo/2">2</a> <a href="/scheda-processo/3">3</a>`),
		"/processi": htmlPage(`lista`),
		"/processi/altrove": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://other.example/x", http.StatusFound)
		},
		"/scheda-processo/": htmlPage(`s`),
	})
	f := &memFrontier{}
	run(t, s, func(o *Options) { o.Frontier, o.MaxPages, o.Parallel = f, 5, 1 })
	want := map[string]string{
		"url:/":                 "done",
		"url:/processi":         "done",
		"url:/processi/privati": "excluded:robots",
		"url:/processi/altrove": "excluded:off_site",
		"record:1":              "done",
		"record:2":              "done",
		"record:3":              "excluded:max_pages", // the sixth page: over --max-pages 5
	}
	for k, st := range want {
		if f.state[k] != st {
			t.Errorf("%s: %q, want %q (frontier %v)", k, f.state[k], st, f.state)
		}
	}
	if len(f.state) != len(want) {
		t.Errorf("frontier %v, want %v", f.state, want)
	}
}

// TestUnrequestableURLIsSettled hands the crawl a queued URL that colly
// refuses before any request (a port out of range): it must be settled as
// failed, not left queued for ever.
func TestUnrequestableURLIsSettled(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{"/robots.txt": text(404, ""), "/": htmlPage(`home`)})
	bad := "url:/processi?bad"
	f := &memFrontier{state: map[string]string{bad: "queued"}}
	var kinds []string
	run(t, s, func(o *Options) {
		o.Frontier = f
		o.Resume = []ResumeEntry{{Key: bad, URL: "http://127.0.0.1:99999/processi?bad"}}
		o.OnError = func(_ context.Context, _, kind string, _ error) { kinds = append(kinds, kind) }
	})
	if f.state[bad] != "failed:not_requested" || len(kinds) != 1 || kinds[0] != "not_requested" {
		t.Errorf("state %q, errors %v", f.state[bad], kinds)
	}
}
