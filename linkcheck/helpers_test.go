package linkcheck

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/demo/vnet"
	"archivio/internal/netguard"
)

// lcStamp stands in for the recording transport: it numbers every
// response in the capture header, as archive.Recorder does, and logs
// every request that passed.
type lcStamp struct {
	next http.RoundTripper

	mu   sync.Mutex
	n    int64
	log  []string         // "METHOD URL", in order
	ids  map[string]int64 // "METHOD URL" -> capture id of its last answer
	errs int
}

func (s *lcStamp) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := s.next.RoundTrip(req)
	key := req.Method + " " + req.URL.String()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, key)
	if err != nil {
		s.errs++
		return nil, err
	}
	s.n++
	s.ids[key] = s.n
	archive.CaptureMark{ID: s.n, Length: -1}.Set(resp.Header)
	return resp, nil
}

func (s *lcStamp) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

// lcWorld is a virtual internet reached through a GuardedDialer that lets
// vnet's TEST-NET addresses pass, as the demo wires it.
type lcWorld struct {
	n     *vnet.Internet
	tr    *http.Transport
	stamp *lcStamp
}

func newLCWorld(t *testing.T) *lcWorld {
	t.Helper()
	n := vnet.New()
	guard := &netguard.GuardedDialer{
		Lookup: func(_ context.Context, host string) ([]netip.Addr, error) {
			ip, err := n.Resolve(host)
			if err != nil {
				return nil, err
			}
			a, err := netip.ParseAddr(ip)
			if err != nil {
				return nil, fmt.Errorf("vnet address %q: %w", ip, err)
			}
			return []netip.Addr{a}, nil
		},
		Dial: n.DialContext,
		Allow: netguard.VirtualPublic(
			netip.MustParsePrefix("192.0.2.0/24"),
			netip.MustParsePrefix("198.51.100.0/24"),
			netip.MustParsePrefix("203.0.113.0/24"),
		),
	}
	tr := n.Transport()
	tr.DialContext = guard.DialContext
	w := &lcWorld{n: n, tr: tr, stamp: &lcStamp{next: tr, ids: map[string]int64{}}}
	t.Cleanup(func() {
		tr.CloseIdleConnections()
		n.Close()
	})
	return w
}

func (w *lcWorld) checker(t *testing.T, mod func(*Options)) *Checker {
	t.Helper()
	o := Options{Transport: w.stamp, UserAgent: "archivio-test (+https://example.org/archivio)", Timeout: 5 * time.Second,
		UnsafeAddress: netguard.ErrUnsafeAddress}
	if mod != nil {
		mod(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (w *lcWorld) handle(t *testing.T, host string, h http.HandlerFunc) {
	t.Helper()
	if err := w.n.Handle(host, h); err != nil {
		t.Fatal(err)
	}
}

// lcPage answers status with an HTML page.
func lcPage(status int, html string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprint(w, html)
	}
}

func lcRedirect(status int, to string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, status) }
}

// lcRoutes serves exact paths and 404s the rest.
func lcRoutes(routes map[string]http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if h, ok := routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		http.NotFound(w, r)
	}
}
