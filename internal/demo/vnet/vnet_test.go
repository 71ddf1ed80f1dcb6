package vnet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// newNet returns an Internet closed at the end of the test.
func newNet(t *testing.T) *Internet {
	t.Helper()
	n := New()
	t.Cleanup(func() {
		if err := n.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return n
}

// hello answers "NAME scheme" for each request.
func hello(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		fmt.Fprintf(w, "%s %s %s", name, scheme, r.Host)
	})
}

// client returns a client over n with a short timeout.
func client(n *Internet, timeout time.Duration) *http.Client {
	tr := n.Transport()
	return &http.Client{Transport: tr, Timeout: timeout}
}

func get(t *testing.T, c *http.Client, url string) (string, error) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return string(b), fmt.Errorf("status %s", resp.Status)
	}
	return string(b), nil
}

func TestHandleHTTPAndHTTPS(t *testing.T) {
	n := newNet(t)
	for _, host := range []string{"www.osservatoriopartecipazione.it", "www.comune.bologna.it"} {
		if err := n.Handle(host, hello(host)); err != nil {
			t.Fatal(err)
		}
	}
	c := client(n, 5*time.Second)
	cases := []struct{ url, want string }{
		{"http://www.osservatoriopartecipazione.it/", "www.osservatoriopartecipazione.it http www.osservatoriopartecipazione.it"},
		{"https://www.osservatoriopartecipazione.it/x", "www.osservatoriopartecipazione.it https www.osservatoriopartecipazione.it"},
		{"http://www.comune.bologna.it/", "www.comune.bologna.it http www.comune.bologna.it"},
		{"https://WWW.Comune.Bologna.IT./", "www.comune.bologna.it https"}, // names are case-insensitive, trailing dot allowed
	}
	for _, tc := range cases {
		got, err := get(t, c, tc.url)
		if err != nil {
			t.Fatalf("GET %s: %v", tc.url, err)
		}
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("GET %s = %q, want prefix %q", tc.url, got, tc.want)
		}
	}
	if got := n.Hits("www.osservatoriopartecipazione.it"); got != 2 {
		t.Errorf("Hits(osservatorio) = %d, want 2", got)
	}
	if got := n.Hits("www.comune.bologna.it"); got != 2 {
		t.Errorf("Hits(comune) = %d, want 2", got)
	}
	if got := n.Hits("nowhere.example"); got != 0 {
		t.Errorf("Hits(unknown) = %d, want 0", got)
	}
}

func TestHandleAgainSwapsHandler(t *testing.T) {
	n := newNet(t)
	if err := n.Handle("a.example", hello("first")); err != nil {
		t.Fatal(err)
	}
	if err := n.Handle("a.example", hello("second")); err != nil {
		t.Fatal(err)
	}
	got, err := get(t, client(n, 5*time.Second), "https://a.example/")
	if err != nil || !strings.HasPrefix(got, "second") {
		t.Fatalf("GET = %q, %v; want the second handler", got, err)
	}
}

func TestDNSFailures(t *testing.T) {
	n := newNet(t)
	if err := n.Handle("www.fabbricaideedistretto.it", hello("x")); err != nil {
		t.Fatal(err)
	}
	n.FailDNS("www.fabbricaideedistretto.it") // after Handle: the last call wins
	n.TempFailDNS("flaky.example")
	cases := []struct {
		name, host          string
		notFound, temporary bool
	}{
		{"FailDNS", "www.fabbricaideedistretto.it", true, false},
		{"TempFailDNS", "flaky.example", false, true},
		{"unknown host", "never-registered.example", true, false},
		{"localhost is not special", "localhost", true, false},
	}
	c := client(n, 5*time.Second)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			check := func(what string, err error) {
				t.Helper()
				var dnsErr *net.DNSError
				if !errors.As(err, &dnsErr) {
					t.Fatalf("%s: error %v (%T) is not a *net.DNSError", what, err, err)
				}
				if dnsErr.IsNotFound != tc.notFound || dnsErr.IsTemporary != tc.temporary {
					t.Errorf("%s: %+v: IsNotFound=%v IsTemporary=%v, want %v %v", what, dnsErr, dnsErr.IsNotFound, dnsErr.IsTemporary, tc.notFound, tc.temporary)
				}
				if dnsErr.Name != tc.host {
					t.Errorf("%s: Name = %q, want %q", what, dnsErr.Name, tc.host)
				}
			}
			_, err := get(t, c, "https://"+tc.host+"/")
			check("GET", err)
			_, err = n.DialContext(context.Background(), "tcp", tc.host+":80")
			var opErr *net.OpError
			if !errors.As(err, &opErr) || opErr.Op != "dial" {
				t.Errorf("DialContext error %v is not a dial *net.OpError", err)
			}
			check("DialContext", err)
			_, err = n.Resolve(tc.host)
			check("Resolve", err)
		})
	}
	if got := n.Hits("www.fabbricaideedistretto.it"); got != 0 {
		t.Errorf("Hits = %d after DNS failures, want 0", got)
	}

	// Handle again: served again.
	if err := n.Handle("www.fabbricaideedistretto.it", hello("back")); err != nil {
		t.Fatal(err)
	}
	if got, err := get(t, c, "http://www.fabbricaideedistretto.it/"); err != nil || !strings.HasPrefix(got, "back") {
		t.Errorf("after Handle again: %q, %v", got, err)
	}
}

func TestRefuse(t *testing.T) {
	n := newNet(t)
	if err := n.Handle("refusing.example", hello("x")); err != nil {
		t.Fatal(err)
	}
	n.Refuse("refusing.example")
	n.Refuse("down.example")
	if err := n.Handle("served.example", hello("x")); err != nil {
		t.Fatal(err)
	}
	n.MapIP("nolistener.example", "198.51.100.200")
	c := client(n, 5*time.Second)
	for _, url := range []string{
		"http://refusing.example/",
		"https://refusing.example/",
		"https://down.example/",
		"http://served.example:8080/", // only ports 80 and 443 listen
		"http://nolistener.example/",  // resolves, nothing listens
	} {
		_, err := get(t, c, url)
		if !errors.Is(err, syscall.ECONNREFUSED) {
			t.Errorf("GET %s: %v, want ECONNREFUSED", url, err)
		}
	}
	_, err := n.DialContext(context.Background(), "tcp", "down.example:443")
	var opErr *net.OpError
	if !errors.As(err, &opErr) || opErr.Addr == nil {
		t.Fatalf("DialContext: %v, want *net.OpError with Addr", err)
	}
	ip, _ := n.Resolve("down.example")
	if want := net.JoinHostPort(ip, "443"); opErr.Addr.String() != want {
		t.Errorf("OpError.Addr = %s, want %s", opErr.Addr, want)
	}
}

func TestBlackholeTimesOut(t *testing.T) {
	before := runtime.NumGoroutine()
	n := New()
	n.Blackhole("slow.example")
	if err := n.Handle("served.example", hello("x")); err != nil {
		t.Fatal(err)
	}
	n.Blackhole("served.example") // handled, then blackholed
	c := client(n, 200*time.Millisecond)
	for _, url := range []string{"http://slow.example/", "https://slow.example/", "https://served.example/"} {
		start := time.Now()
		_, err := get(t, c, url)
		var netErr net.Error
		if !errors.As(err, &netErr) || !netErr.Timeout() {
			t.Errorf("GET %s: %v, want a timeout", url, err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("GET %s took %v", url, d)
		}
	}
	if got := n.Hits("served.example"); got != 0 {
		t.Errorf("Hits = %d, want 0", got)
	}

	// A connection still open when Close is called.
	held, err := n.DialContext(context.Background(), "tcp", "slow.example:80")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	c.CloseIdleConnections()

	start := time.Now()
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %v", d)
	}
	// The blackhole closed the held connection.
	held.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := held.Read(make([]byte, 1)); !errors.Is(err, io.EOF) {
		t.Errorf("read from held connection after Close: %v, want EOF", err)
	}
	held.Close()
	waitGoroutines(t, before)
}

// waitGoroutines fails unless the number of goroutines falls back to at
// most want within a few seconds.
func waitGoroutines(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := runtime.NumGoroutine()
		if got <= want {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("%d goroutines, want at most %d:\n%s", got, want, buf)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestCloseEndsHandlersInFlight(t *testing.T) {
	before := runtime.NumGoroutine()
	n := New()
	started := make(chan struct{})
	returned := make(chan struct{})
	err := n.Handle("hang.example", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer close(returned)
		close(started)
		<-r.Context().Done()
	}))
	if err != nil {
		t.Fatal(err)
	}
	tr := n.Transport()
	errc := make(chan error, 1)
	go func() {
		resp, err := (&http.Client{Transport: tr}).Get("https://hang.example/")
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	<-started
	start := time.Now()
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %v", d)
	}
	select {
	case <-returned:
	default:
		t.Error("Close returned before the handler did")
	}
	if err := <-errc; err == nil {
		t.Error("request in flight at Close succeeded")
	}
	tr.CloseIdleConnections()
	waitGoroutines(t, before)
}

func TestAfterClose(t *testing.T) {
	n := New()
	if err := n.Handle("a.example", hello("a")); err != nil {
		t.Fatal(err)
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	if err := n.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := n.Handle("b.example", hello("b")); !errors.Is(err, ErrClosed) {
		t.Errorf("Handle after Close: %v, want ErrClosed", err)
	}
	if _, err := n.DialContext(context.Background(), "tcp", "a.example:80"); !errors.Is(err, ErrClosed) {
		t.Errorf("DialContext after Close: %v, want ErrClosed", err)
	}
}

func TestResolve(t *testing.T) {
	a, b := newNet(t), newNet(t)
	hosts := []string{"www.osservatoriopartecipazione.it", "www.comune.bologna.it", "www.fabbricaideedistretto.it", "parked.example"}
	// Register in opposite orders: addresses depend on the name only.
	for i := range hosts {
		if err := a.Handle(hosts[i], hello("a")); err != nil {
			t.Fatal(err)
		}
		b.Refuse(hosts[len(hosts)-1-i])
	}
	seen := map[string]string{}
	for _, h := range hosts {
		ipA, err := a.Resolve(h)
		if err != nil {
			t.Fatal(err)
		}
		ipB, err := b.Resolve(strings.ToUpper(h))
		if err != nil {
			t.Fatal(err)
		}
		if again, _ := a.Resolve(h); again != ipA {
			t.Errorf("Resolve(%s) changed: %s then %s", h, ipA, again)
		}
		if ipA != ipB {
			t.Errorf("Resolve(%s) = %s in one Internet, %s in another", h, ipA, ipB)
		}
		addr, err := netip.ParseAddr(ipA)
		if err != nil {
			t.Fatal(err)
		}
		inTestNet := false
		for _, p := range []string{"192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"} {
			inTestNet = inTestNet || netip.MustParsePrefix(p).Contains(addr)
		}
		if !inTestNet || addr.IsPrivate() || addr.IsLoopback() {
			t.Errorf("Resolve(%s) = %s, want a TEST-NET address", h, ipA)
		}
		if other, dup := seen[ipA]; dup {
			t.Errorf("%s and %s both resolve to %s", h, other, ipA)
		}
		seen[ipA] = h
	}
	if got, err := a.Resolve("10.1.2.3"); err != nil || got != "10.1.2.3" {
		t.Errorf("Resolve(IP) = %q, %v", got, err)
	}
}

func TestResolveManyHostsDistinct(t *testing.T) {
	n := newNet(t)
	seen := map[string]bool{}
	for i := range poolSize {
		h := fmt.Sprintf("host%d.example", i)
		n.Refuse(h)
		ip, err := n.Resolve(h)
		if err != nil {
			t.Fatal(err)
		}
		if seen[ip] {
			t.Fatalf("%s got %s, already taken", h, ip)
		}
		seen[ip] = true
	}
	n.Refuse("one-too-many.example") // shares an address, still resolves
	if _, err := n.Resolve("one-too-many.example"); err != nil {
		t.Fatal(err)
	}
}

func TestMapIP(t *testing.T) {
	n := newNet(t)
	if err := n.Handle("intranet.example", hello("intranet")); err != nil {
		t.Fatal(err)
	}
	n.MapIP("intranet.example", "10.0.0.5")
	n.MapIP("loop.example", "127.0.0.1") // resolves, not served
	n.MapIP("bad.example", "not-an-ip")

	if ip, err := n.Resolve("intranet.example"); err != nil || ip != "10.0.0.5" {
		t.Errorf("Resolve(intranet) = %q, %v", ip, err)
	}
	if ip, err := n.Resolve("loop.example"); err != nil || ip != "127.0.0.1" {
		t.Errorf("Resolve(loop) = %q, %v", ip, err)
	}
	if _, err := n.Resolve("bad.example"); !errors.Is(err, ErrBadIP) {
		t.Errorf("Resolve(bad) = %v, want ErrBadIP", err)
	}

	c := client(n, 5*time.Second)
	if got, err := get(t, c, "https://intranet.example/"); err != nil || !strings.HasPrefix(got, "intranet https") {
		t.Errorf("GET intranet by name: %q, %v", got, err)
	}
	// Dialing the mapped address reaches the host too (a client that pins
	// the address it checked).
	if got, err := get(t, c, "http://10.0.0.5/"); err != nil || !strings.HasPrefix(got, "intranet http") {
		t.Errorf("GET intranet by address: %q, %v", got, err)
	}
	conn, err := n.DialContext(context.Background(), "tcp", "intranet.example:80")
	if err != nil {
		t.Fatal(err)
	}
	if got := conn.RemoteAddr().String(); got != "10.0.0.5:80" {
		t.Errorf("RemoteAddr = %s, want 10.0.0.5:80", got)
	}
	conn.Close()
}

func TestNothingLeavesLoopback(t *testing.T) {
	n := newNet(t)
	if err := n.Handle("a.example", hello("a")); err != nil {
		t.Fatal(err)
	}
	// A real listener on loopback that vnet did not open must be
	// unreachable, even by its exact address.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	for _, addr := range []string{ln.Addr().String(), "8.8.8.8:53", "[2001:db8::1]:443", "127.0.0.1:80"} {
		_, err := n.DialContext(context.Background(), "tcp", addr)
		if !errors.Is(err, ErrNoRoute) {
			t.Errorf("DialContext(%s) = %v, want ErrNoRoute", addr, err)
		}
	}
	if _, err := n.DialContext(context.Background(), "udp", "a.example:53"); !errors.Is(err, ErrNoRoute) {
		t.Errorf("udp: %v, want ErrNoRoute", err)
	}
	// The fake address of a host reaches that host.
	ip, _ := n.Resolve("a.example")
	conn, err := n.DialContext(context.Background(), "tcp", net.JoinHostPort(ip, "80"))
	if err != nil {
		t.Fatalf("dial %s: %v", ip, err)
	}
	conn.Close()
}

func TestTLSTrustsOnlyTheVirtualCA(t *testing.T) {
	n := newNet(t)
	if err := n.Handle("a.example", hello("a")); err != nil {
		t.Fatal(err)
	}
	other := newNet(t)
	tr := n.Transport()
	tr.TLSClientConfig = other.TLSConfig() // another Internet's CA
	_, err := get(t, &http.Client{Transport: tr, Timeout: 5 * time.Second}, "https://a.example/")
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("GET with a foreign CA: %v, want a certificate error", err)
	}
	if cfg := n.TLSConfig(); cfg == n.TLSConfig() {
		t.Error("TLSConfig returns the same value twice; want a fresh config")
	}
	if tr := n.Transport(); tr.Proxy != nil || tr.TLSClientConfig == nil || tr.DialContext == nil {
		t.Errorf("Transport: %+v", tr)
	}
}

func TestDialHonoursContext(t *testing.T) {
	n := newNet(t)
	if err := n.Handle("a.example", hello("a")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := n.DialContext(ctx, "tcp", "a.example:80"); !errors.Is(err, context.Canceled) {
		t.Errorf("DialContext with a canceled context: %v", err)
	}
}

func TestHandleBadHost(t *testing.T) {
	n := newNet(t)
	for _, host := range []string{"", "a.example:80", "http://a.example", "127.0.0.1", "a b"} {
		if err := n.Handle(host, hello("x")); !errors.Is(err, ErrBadHost) {
			t.Errorf("Handle(%q) = %v, want ErrBadHost", host, err)
		}
	}
	if err := n.Handle("a.example", nil); err == nil {
		t.Error("Handle with nil handler: no error")
	}
}
