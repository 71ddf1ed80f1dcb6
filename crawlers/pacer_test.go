package crawlers

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// clockedTransport answers at once and logs when each request started and
// ended, and how many were in flight at most.
type clockedTransport struct {
	mu       sync.Mutex
	started  []time.Time
	inFlight int
	most     int
	hold     time.Duration
}

func (c *clockedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.started = append(c.started, time.Now())
	c.inFlight++
	c.most = max(c.most, c.inFlight)
	c.mu.Unlock()
	time.Sleep(c.hold)
	c.mu.Lock()
	c.inFlight--
	c.mu.Unlock()
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("ok")), Header: http.Header{}, Request: req}, nil
}

func get(t *testing.T, rt http.RoundTripper, ctx context.Context) error {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://example.org/", nil)
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

func TestPacerSpacesRequestsPerSlot(t *testing.T) {
	ct := &clockedTransport{hold: 5 * time.Millisecond}
	p := newPacer(ct, 2, 0)
	// Two slots, no delay: four requests at once run two at a time.
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := get(t, p, context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if ct.most != 2 {
		t.Errorf("at most %d requests in flight, want 2", ct.most)
	}
	// Crawl-delay read: one slot, 100 ms between requests, whatever came
	// before.
	p.set(1, 100*time.Millisecond)
	ct.started = nil
	for range 3 {
		if err := get(t, p, context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if gap := time.Since(ct.started[0]); len(ct.started) != 3 {
		t.Fatalf("%d requests", len(ct.started))
	} else if gap < 200*time.Millisecond {
		t.Errorf("three requests within %v, want them 100 ms apart", gap)
	}
	for i := 1; i < len(ct.started); i++ {
		if d := ct.started[i].Sub(ct.started[i-1]); d < 100*time.Millisecond {
			t.Errorf("request %d came %v after the previous one, want at least 100 ms", i, d)
		}
	}
}

func TestPacerRestHeedsTheStop(t *testing.T) {
	p := newPacer(&clockedTransport{}, 1, time.Hour)
	if err := get(t, p, context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	if err := get(t, p, ctx); err == nil {
		t.Fatal("a request went out during an hour's rest")
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("the rest ended %v after the stop", el)
	}
	// The slot is free again, still resting.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	if err := get(t, p, ctx2); err == nil {
		t.Error("the canceled wait gave its slot a shorter rest")
	}
}

func TestCrawlStopsDuringThePause(t *testing.T) {
	// With an hour between requests, a stop ends the crawl at once:
	// nothing waits out the pause.
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt": text(404, ""),
		"/":           htmlPage(`<a href="/processi">Processi</a>`),
	})
	base, _ := url.Parse(s.URL)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	err := Run(ctx, Options{Base: base, UserAgent: "archivio/test", Transport: http.DefaultTransport, Frontier: &memFrontier{},
		Delay: time.Hour, OnPage: func(context.Context, Page) error { return nil }}, &Stats{})
	if err == nil {
		t.Fatal("a stopped crawl returned no error")
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("the crawl stopped %v after the stop", el)
	}
	if n := len(s.requests()); n != 1 {
		t.Errorf("%d requests (%v), want robots.txt only", n, s.requests())
	}
}

// TestPacerServesInOrderOfArrival: a request waiting for the one slot
// gets it before one that asks once the slot is freed, even when that
// one asks at once, from the goroutine that freed it (a worker taking its
// next page): requests are sent in the order they were queued.
func TestPacerServesInOrderOfArrival(t *testing.T) {
	p := newPacer(&clockedTransport{}, 1, 0)
	req := func(name string) *http.Request {
		r, _ := http.NewRequest(http.MethodGet, "http://example.org/"+name, nil)
		return r
	}
	if err := p.acquire(req("a")); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var order []string
	took := func(name string) {
		mu.Lock()
		order = append(order, name)
		mu.Unlock()
		p.release()
	}
	bDone := make(chan struct{})
	go func() {
		defer close(bDone)
		if err := p.acquire(req("b")); err != nil {
			t.Error(err)
			return
		}
		took("b")
	}()
	waitInLine(t, p, 1)
	p.release() // a ends; its worker asks for c at once
	if err := p.acquire(req("c")); err != nil {
		t.Fatal(err)
	}
	took("c")
	<-bDone
	if len(order) != 2 || order[0] != "b" {
		t.Errorf("slots went to %v, want b then c", order)
	}
}

// waitInLine waits until n requests wait for a slot of p.
func waitInLine(t *testing.T, p *pacer, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		p.mu.Lock()
		waiting := len(p.line)
		p.mu.Unlock()
		if waiting == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d requests in line, want %d", waiting, n)
		}
	}
}
