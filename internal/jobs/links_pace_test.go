package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"archivio/linkcheck"
)

// limitedHost is a loopback host noting how many requests it has at once.
type limitedHost struct {
	srv *httptest.Server

	mu       sync.Mutex
	inFlight int
	peak     int
	served   int
}

func startLimitedHost(t *testing.T, ip string, h func(w http.ResponseWriter, r *http.Request)) *limitedHost {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	lh := &limitedHost{}
	lh.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lh.mu.Lock()
		lh.inFlight++
		lh.served++
		lh.peak = max(lh.peak, lh.inFlight)
		lh.mu.Unlock()
		defer func() { lh.mu.Lock(); lh.inFlight--; lh.mu.Unlock() }()
		time.Sleep(10 * time.Millisecond)
		h(w, r)
	}))
	lh.srv.Listener.Close()
	lh.srv.Listener = ln
	lh.srv.Start()
	t.Cleanup(lh.srv.Close)
	return lh
}

// TestHostLimitCountsEveryRequest: one machine's link checks let at most
// PerHost requests at once go to a host, counting the redirect hops that
// lead there from another host's links, not only the links' own.
func TestHostLimitCountsEveryRequest(t *testing.T) {
	var b *limitedHost
	a := startLimitedHost(t, "127.0.0.2", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moved" {
			io.WriteString(w, "arrivato")
			return
		}
		http.Redirect(w, r, b.srv.URL+"/moved", http.StatusFound)
	})
	b = startLimitedHost(t, "127.0.0.3", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moved" {
			io.WriteString(w, "arrivato")
			return
		}
		http.Redirect(w, r, a.srv.URL+"/moved", http.StatusFound)
	})
	client := &http.Client{Transport: newHostLimit(http.DefaultTransport.(*http.Transport).Clone(), 1)}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		start := a.srv.URL + "/link"
		if i%2 == 1 {
			start = b.srv.URL + "/link"
		}
		wg.Go(func() {
			resp, err := client.Get(start)
			if err != nil {
				errs <- err
				return
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || string(body) != "arrivato" {
				errs <- errors.Join(err, errors.New("got "+string(body)))
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, h := range []*limitedHost{a, b} {
		if h.served != 16 || h.peak != 1 {
			t.Errorf("%s: %d requests, at most %d at once: want 16, one at a time", h.srv.URL, h.served, h.peak)
		}
	}
}

// TestHostLimitWaitEndsWithContext: a request waiting for its host ends
// when its context does, and the host's slot, released when the answer
// is read, lets the next one go.
func TestHostLimitWaitEndsWithContext(t *testing.T) {
	release := make(chan struct{})
	a := startLimitedHost(t, "127.0.0.2", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			<-release
		}
		io.WriteString(w, "ok")
	})
	client := &http.Client{Transport: newHostLimit(http.DefaultTransport.(*http.Transport).Clone(), 1)}
	slow := make(chan error, 1)
	go func() {
		resp, err := client.Get(a.srv.URL + "/slow")
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		slow <- err
	}()
	for {
		a.mu.Lock()
		busy := a.inFlight
		a.mu.Unlock()
		if busy == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, a.srv.URL+"/fast", nil)
	if _, err := client.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("request while the host is busy: %v, want the context's deadline", err)
	}
	close(release)
	if err := <-slow; err != nil {
		t.Fatal(err)
	}
	resp, err := client.Get(a.srv.URL + "/fast")
	if err != nil {
		t.Fatalf("request after the host's slot was released: %v", err)
	}
	resp.Body.Close()
}

// TestHostLimitWaitIsNotTheCheckTime: links of a slow host checked at
// once, one request at a time on the host: the later ones wait longer
// for their turn than a check's whole time, yet each gets its answer,
// since a check's time counts only its requests' own (linkcheck.Pause).
func TestHostLimitWaitIsNotTheCheckTime(t *testing.T) {
	const answer = 100 * time.Millisecond
	a := startLimitedHost(t, "127.0.0.2", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(answer)
		io.WriteString(w, "ok")
	})
	c, err := linkcheck.New(linkcheck.Options{Transport: newHostLimit(http.DefaultTransport.(*http.Transport).Clone(), 1),
		UserAgent: "archivio/test (+https://example.org/)", Timeout: 8 * answer, DisableProbe: true})
	if err != nil {
		t.Fatal(err)
	}
	// Each check asks the host twice (HEAD, then GET): the last of
	// them waits about 2*(links-1) answers for its turns, far more than
	// its time, which its own two answers leave room in on a busy
	// machine.
	const links = 12
	verdicts := make([]linkcheck.Result, links)
	var wg sync.WaitGroup
	for i := range links {
		wg.Go(func() { verdicts[i] = c.Check(context.Background(), fmt.Sprintf("%s/link/%d", a.srv.URL, i)) })
	}
	wg.Wait()
	for _, r := range verdicts {
		if r.Verdict != linkcheck.VerdictOK {
			t.Errorf("%s: %s (%s) after %v, want ok", r.URL, r.Verdict, r.Error, r.Elapsed)
		}
	}
	if a.peak != 1 {
		t.Errorf("%d requests at once on the host, want 1", a.peak)
	}
}
