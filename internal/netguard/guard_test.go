package netguard

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name, addr string
		public     bool
	}{
		{"public IPv4", "151.101.1.69:443", true},
		{"public IPv6", "[2a04:4e42::645]:443", true},
		{"loopback", "127.0.0.1:80", false},
		{"loopback range", "127.8.9.10:80", false},
		{"IPv6 loopback", "[::1]:80", false},
		{"private 10/8", "10.0.0.5:80", false},
		{"private 172.16/12", "172.31.255.1:80", false},
		{"private 192.168/16", "192.168.1.1:80", false},
		{"link-local (cloud metadata)", "169.254.169.254:80", false},
		{"IPv4-mapped IPv6 loopback", "[::ffff:127.0.0.1]:80", false},
		{"IPv4-mapped IPv6 private", "[::ffff:10.1.2.3]:80", false},
		{"unique local IPv6", "[fd00::1]:80", false},
		{"IPv6 link-local", "[fe80::1]:80", false},
		{"unspecified", "0.0.0.0:80", false},
		{"carrier NAT", "100.64.1.1:80", false},
		{"documentation", "192.0.2.10:80", false},
		{"multicast", "224.0.0.1:80", false},
		{"broadcast", "255.255.255.255:80", false},
		{"6to4 of a private address", "[2002:0a00:0001::1]:80", false},
		{"not an IP", "localhost:80", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(tt.addr)
			if (err == nil) != tt.public {
				t.Errorf("Check(%q) = %v, want public %v", tt.addr, err, tt.public)
			}
			if err != nil && !errors.Is(err, ErrUnsafeAddress) {
				t.Errorf("Check(%q) error does not wrap ErrUnsafeAddress: %v", tt.addr, err)
			}
		})
	}
}

// TestDialerRefusesLoopback dials a real loopback server: the guarded
// dialer refuses it whatever the spelling of the address, the unguarded
// one (for tests and the demo) connects.
func TestDialerRefusesLoopback(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	for _, host := range []string{"127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.0.0.1", "localhost"} {
		client := &http.Client{Transport: &http.Transport{DialContext: Dialer(false).DialContext}}
		_, err := client.Get("http://" + net.JoinHostPort(host, port) + "/")
		if err == nil || !errors.Is(err, ErrUnsafeAddress) {
			// Some spellings do not resolve at all on every system; those
			// never connect either, which is what matters.
			var dns *net.DNSError
			if !errors.As(err, &dns) {
				t.Errorf("%s: err = %v, want an unsafe address", host, err)
			}
		}
	}
	conn, err := Dialer(true).DialContext(context.Background(), "tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatalf("allowPrivate dialer: %v", err)
	}
	conn.Close()
}
