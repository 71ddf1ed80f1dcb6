package netguard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// fakeNet records what a GuardedDialer asks of its Lookup and Dial.
type fakeNet struct {
	mu      sync.Mutex
	answers map[string][]string // host -> addresses Lookup returns
	lookups []string
	dials   []string
	refuse  map[string]bool // "ip:port" addresses Dial refuses
}

func (f *fakeNet) lookup(_ context.Context, host string) ([]netip.Addr, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lookups = append(f.lookups, host)
	ans, ok := f.answers[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	var out []netip.Addr
	for _, a := range ans {
		out = append(out, netip.MustParseAddr(a))
	}
	return out, nil
}

func (f *fakeNet) dial(_ context.Context, network, addr string) (net.Conn, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.dials = append(f.dials, addr)
	if f.refuse[addr] {
		return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
	}
	c1, c2 := net.Pipe()
	c2.Close()
	return c1, nil
}

func (f *fakeNet) dialer(allow func(netip.Addr) bool) *GuardedDialer {
	return &GuardedDialer{Lookup: f.lookup, Dial: f.dial, Allow: allow}
}

// TestGuardedDialerLiteralForms: every spelling of an address is read as
// the address it denotes, checked, and never sent to DNS. These are the
// traps: a resolver (glibc's inet_aton, a browser's URL parser) reads
// "2130706433", "0177.0.0.1" and "0x7f.1" as 127.0.0.1.
func TestGuardedDialerLiteralForms(t *testing.T) {
	tests := []struct {
		name, host string
		dialed     string // "" when refused
	}{
		{"dotted loopback", "127.0.0.1", ""},
		{"decimal loopback", "2130706433", ""},
		{"octal loopback", "0177.0.0.1", ""},
		{"hex shorthand loopback", "0x7f.1", ""},
		{"hex whole loopback", "0x7F000001", ""},
		{"two-part loopback", "127.1", ""},
		{"three-part loopback", "127.0.1", ""},
		{"trailing dot", "127.0.0.1.", ""},
		{"mixed octal and hex metadata", "0251.0xfe.0251.0376", ""},
		{"decimal metadata", "2852039166", ""},
		{"private as a.b", "10.5", ""},
		{"IPv4-mapped IPv6 loopback", "[::ffff:127.0.0.1]", ""},
		{"IPv4-mapped IPv6 in hex", "[::ffff:7f00:1]", ""},
		{"bracketed IPv6 loopback", "[::1]", ""},
		{"long IPv6 loopback", "[0:0:0:0:0:0:0:1]", ""},
		{"IPv6 link-local with zone", "[fe80::1%eth0]", ""},
		{"zero", "0", ""},
		{"numeric but invalid: part over 255", "1.2.3.256", ""},
		{"numeric but invalid: over 32 bits", "4294967296", ""},
		{"numeric but invalid: bad hex", "0x7g.0.0.1", ""},
		{"numeric but invalid: bad octal", "08.0.0.1", ""},
		{"numeric last label after a name", "intranet.10", ""},
		{"public dotted", "8.8.8.8", "8.8.8.8:80"},
		{"public decimal", "134744072", "8.8.8.8:80"},
		{"public hex parts", "0x08.0x08.0x08.0x08", "8.8.8.8:80"},
		{"public octal parts", "010.010.010.010", "8.8.8.8:80"},
		{"public IPv4-mapped is dialed as IPv4", "[::ffff:8.8.8.8]", "8.8.8.8:80"},
		{"public IPv6", "[2a04:4e42::645]", "[2a04:4e42::645]:80"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeNet{}
			conn, err := f.dialer(nil).DialContext(context.Background(), "tcp", tt.host+":80")
			if len(f.lookups) != 0 {
				t.Errorf("%s was sent to DNS: %v", tt.host, f.lookups)
			}
			if tt.dialed == "" {
				if err == nil {
					conn.Close()
					t.Fatalf("%s: dialed %v, want a refusal", tt.host, f.dials)
				}
				if !errors.Is(err, ErrUnsafeAddress) {
					t.Errorf("%s: error %v does not wrap ErrUnsafeAddress", tt.host, err)
				}
				if len(f.dials) != 0 {
					t.Errorf("%s: refused but dialed %v", tt.host, f.dials)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", tt.host, err)
			}
			conn.Close()
			if len(f.dials) != 1 || f.dials[0] != tt.dialed {
				t.Errorf("%s: dialed %v, want [%s]", tt.host, f.dials, tt.dialed)
			}
		})
	}
}

func TestGuardedDialerLookup(t *testing.T) {
	f := &fakeNet{answers: map[string][]string{
		"intranet.example": {"10.0.0.5"},
		"rebind.example":   {"93.184.215.14", "127.0.0.1"},
		"mapped.example":   {"::ffff:169.254.169.254"},
		"public.example":   {"93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"},
		"dual.example":     {"93.184.215.14", "151.101.1.69"},
		"v6only.example":   {"2606:2800:21f:cb07:6820:80da:af6b:8b2c"},
		"nothing.example":  {},
	}, refuse: map[string]bool{"93.184.215.14:443": true}}
	ctx := context.Background()

	t.Run("private answer refused, naming host and address", func(t *testing.T) {
		_, err := f.dialer(nil).DialContext(ctx, "tcp", "intranet.example:443")
		if !errors.Is(err, ErrUnsafeAddress) {
			t.Fatalf("err = %v, want ErrUnsafeAddress", err)
		}
		if msg := err.Error(); !strings.Contains(msg, "intranet.example") || !strings.Contains(msg, "10.0.0.5") {
			t.Errorf("error %q does not name the host and the address", msg)
		}
	})
	t.Run("public and private answers refused", func(t *testing.T) {
		_, err := f.dialer(nil).DialContext(ctx, "tcp", "rebind.example:80")
		if !errors.Is(err, ErrUnsafeAddress) || !strings.Contains(err.Error(), "127.0.0.1") {
			t.Fatalf("err = %v, want ErrUnsafeAddress naming 127.0.0.1", err)
		}
	})
	t.Run("IPv4-mapped answer is unmapped and refused", func(t *testing.T) {
		_, err := f.dialer(nil).DialContext(ctx, "tcp", "mapped.example:80")
		if !errors.Is(err, ErrUnsafeAddress) {
			t.Fatalf("err = %v, want ErrUnsafeAddress", err)
		}
	})
	t.Run("lookup failure keeps the DNS error", func(t *testing.T) {
		_, err := f.dialer(nil).DialContext(ctx, "tcp", "www.fabbricaideedistretto.it:80")
		var dnsErr *net.DNSError
		if !errors.As(err, &dnsErr) || !dnsErr.IsNotFound || errors.Is(err, ErrUnsafeAddress) {
			t.Fatalf("err = %v, want a not-found *net.DNSError", err)
		}
	})
	t.Run("empty answer is not found", func(t *testing.T) {
		_, err := f.dialer(nil).DialContext(ctx, "tcp", "nothing.example:80")
		var dnsErr *net.DNSError
		if !errors.As(err, &dnsErr) || !dnsErr.IsNotFound {
			t.Fatalf("err = %v, want a not-found *net.DNSError", err)
		}
	})
	t.Run("dials the checked IP, not the name, resolving once", func(t *testing.T) {
		f.mu.Lock()
		f.lookups, f.dials = nil, nil
		f.mu.Unlock()
		conn, err := f.dialer(nil).DialContext(ctx, "tcp", "dual.example.:443")
		if err != nil {
			t.Fatal(err)
		}
		conn.Close()
		// The first address refuses; the second is tried.
		if want := []string{"93.184.215.14:443", "151.101.1.69:443"}; !slices.Equal(f.dials, want) {
			t.Errorf("dials = %v, want %v", f.dials, want)
		}
		if want := []string{"dual.example"}; !slices.Equal(f.lookups, want) {
			t.Errorf("lookups = %v, want %v", f.lookups, want)
		}
	})
	t.Run("network picks the family", func(t *testing.T) {
		f.mu.Lock()
		f.dials = nil
		f.mu.Unlock()
		conn, err := f.dialer(nil).DialContext(ctx, "tcp6", "public.example:80")
		if err != nil {
			t.Fatal(err)
		}
		conn.Close()
		if want := []string{"[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:80"}; !slices.Equal(f.dials, want) {
			t.Errorf("dials = %v, want %v", f.dials, want)
		}
		if _, err := f.dialer(nil).DialContext(ctx, "tcp4", "v6only.example:80"); err == nil {
			t.Error("tcp4 to an IPv6-only host: no error")
		}
	})
}

func TestGuardedDialerAllowOverride(t *testing.T) {
	f := &fakeNet{answers: map[string][]string{
		"www.osservatoriopartecipazione.it": {"198.51.100.7"},
		"intranet.example":                  {"10.0.0.5"},
	}}
	ctx := context.Background()
	if _, err := f.dialer(nil).DialContext(ctx, "tcp", "www.osservatoriopartecipazione.it:443"); !errors.Is(err, ErrUnsafeAddress) {
		t.Fatalf("default Allow let TEST-NET through: %v", err)
	}
	virtual := VirtualPublic(netip.MustParsePrefix("198.51.100.0/24"), netip.MustParsePrefix("203.0.113.0/24"))
	conn, err := f.dialer(virtual).DialContext(ctx, "tcp", "www.osservatoriopartecipazione.it:443")
	if err != nil {
		t.Fatalf("VirtualPublic refused TEST-NET: %v", err)
	}
	conn.Close()
	if want := []string{"198.51.100.7:443"}; !slices.Equal(f.dials, want) {
		t.Errorf("dials = %v, want %v", f.dials, want)
	}
	for _, host := range []string{"intranet.example", "127.0.0.1", "192.0.2.1"} {
		if _, err := f.dialer(virtual).DialContext(ctx, "tcp", host+":80"); !errors.Is(err, ErrUnsafeAddress) {
			t.Errorf("VirtualPublic let %s through: %v", host, err)
		}
	}
	if !VirtualPublic()(netip.MustParseAddr("151.101.1.69")) {
		t.Error("VirtualPublic refuses a public address")
	}
	if !VirtualPublic(netip.MustParsePrefix("198.51.100.0/24"))(netip.MustParseAddr("::ffff:198.51.100.9")) {
		t.Error("VirtualPublic refuses an IPv4-mapped address in its prefixes")
	}
	everything := func(netip.Addr) bool { return true }
	conn, err = f.dialer(everything).DialContext(ctx, "tcp", "intranet.example:80")
	if err != nil {
		t.Fatalf("Allow everything: %v", err)
	}
	conn.Close()
}

// TestGuardedDialerHTTP dials a real loopback server through
// http.Transport with the default Dial: refused by default, reached when
// Allow accepts loopback, and never by the name.
func TestGuardedDialerHTTP(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	lookup := func(_ context.Context, host string) ([]netip.Addr, error) {
		if host != "loop.example" {
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		}
		return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
	}
	get := func(g *GuardedDialer, host string) error {
		tr := &http.Transport{DialContext: g.DialContext}
		defer tr.CloseIdleConnections()
		resp, err := (&http.Client{Transport: tr}).Get("http://" + net.JoinHostPort(host, port) + "/")
		if err != nil {
			return err
		}
		resp.Body.Close()
		return nil
	}
	for _, host := range []string{"loop.example", "127.0.0.1", "2130706433", "0x7f.1"} {
		if err := get(&GuardedDialer{Lookup: lookup}, host); !errors.Is(err, ErrUnsafeAddress) {
			t.Errorf("%s: %v, want ErrUnsafeAddress", host, err)
		}
	}
	loopback := func(a netip.Addr) bool { return a.IsLoopback() }
	for _, host := range []string{"loop.example", "2130706433"} {
		if err := get(&GuardedDialer{Lookup: lookup, Allow: loopback}, host); err != nil {
			t.Errorf("%s with loopback allowed: %v", host, err)
		}
	}
}

func ExampleGuardedDialer() {
	g := &GuardedDialer{
		Lookup: func(_ context.Context, host string) ([]netip.Addr, error) {
			return []netip.Addr{netip.MustParseAddr("10.0.0.5")}, nil // a record's link into an intranet
		},
	}
	for _, addr := range []string{"intranet.example:80", "0x7f.1:80", "[::ffff:169.254.169.254]:80"} {
		_, err := g.DialContext(context.Background(), "tcp", addr)
		fmt.Println(errors.Is(err, ErrUnsafeAddress), err)
	}
	// Output:
	// true guarded dial intranet.example: address is not public: intranet.example resolves to 10.0.0.5
	// true guarded dial 0x7f.1: address is not public: 127.0.0.1
	// true guarded dial ::ffff:169.254.169.254: address is not public: 169.254.169.254
}
