package netguard

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
)

// GuardedDialer dials only addresses Allow accepts. It resolves the host
// itself with Lookup, checks every address, and connects to a checked IP
// (never resolving twice, so DNS rebinding cannot slip a private address
// in). A host written as an IP address in any form a resolver or browser
// would accept (dotted, decimal "2130706433", octal "0177.0.0.1", hex
// "0x7f.1", IPv6, IPv4-mapped IPv6) is parsed as the address it denotes
// and checked, never sent to DNS.
//
// The zero value is ready to use, with the defaults below. DialContext
// may be called concurrently; the fields must not change meanwhile.
type GuardedDialer struct {
	// Lookup resolves a host name. Default:
	// net.DefaultResolver.LookupNetIP(ctx, "ip", host).
	Lookup func(ctx context.Context, host string) ([]netip.Addr, error)
	// Dial connects to an "IP:port" address that Allow accepted. Default:
	// (&net.Dialer{Timeout: 30 * time.Second}).DialContext.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// Allow says whether an address may be dialed. Default: Public.
	Allow func(netip.Addr) bool
}

// DialContext connects to addr ("host:port") on network ("tcp", "tcp4",
// "tcp6"; other networks are passed through with the same checks). When a
// name resolves to several addresses, all must be allowed; they are then
// tried in order. A refusal is an error wrapping ErrUnsafeAddress that
// names the host and the address; a failed lookup keeps the resolver's
// error (a *net.DNSError for the default Lookup) in its chain.
func (g *GuardedDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("guarded dial %s: %w", addr, err)
	}
	ips, err := g.resolve(ctx, network, host)
	if err != nil {
		return nil, err
	}
	dial := g.Dial
	if dial == nil {
		dial = (&net.Dialer{Timeout: 30 * time.Second}).DialContext
	}
	var first error
	for _, ip := range ips {
		conn, err := dial(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return conn, nil
		}
		if first == nil {
			first = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, first
}

// resolve returns the checked addresses to dial for host, in order.
func (g *GuardedDialer) resolve(ctx context.Context, network, host string) ([]netip.Addr, error) {
	allow := g.Allow
	if allow == nil {
		allow = Public
	}
	name := strings.TrimSuffix(host, ".")
	ip, literal, err := parseHostIP(name)
	if err != nil {
		return nil, fmt.Errorf("guarded dial %s: %w", host, err)
	}
	if literal {
		ip = ip.Unmap()
		if !allow(ip) {
			return nil, fmt.Errorf("guarded dial %s: %w: %s", host, ErrUnsafeAddress, ip)
		}
		if !fitsNetwork(network, ip) {
			return nil, fmt.Errorf("guarded dial %s: address %s is not for network %s", host, ip, network)
		}
		return []netip.Addr{ip}, nil
	}

	lookup := g.Lookup
	if lookup == nil {
		lookup = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	found, err := lookup(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("guarded dial %s: %w", host, err)
	}
	var ips []netip.Addr
	for _, a := range found {
		a = a.Unmap()
		if !allow(a) {
			// One bad answer spoils the lot: a name that resolves to a
			// private address among public ones is an attack or a
			// misconfiguration, not a reachable public site.
			return nil, fmt.Errorf("guarded dial %s: %w: %s resolves to %s", host, ErrUnsafeAddress, name, a)
		}
		if fitsNetwork(network, a) && !slices.Contains(ips, a) {
			ips = append(ips, a)
		}
	}
	if len(ips) == 0 {
		return nil, fmt.Errorf("guarded dial %s: %w", host,
			&net.DNSError{Err: "no suitable address", Name: name, IsNotFound: true})
	}
	return ips, nil
}

// fitsNetwork says whether ip can be dialed on network ("tcp4" wants IPv4,
// "tcp6" IPv6, anything else takes both).
func fitsNetwork(network string, ip netip.Addr) bool {
	switch {
	case strings.HasSuffix(network, "4"):
		return ip.Is4()
	case strings.HasSuffix(network, "6"):
		return ip.Is6()
	}
	return true
}

// errBadNumericHost explains a host that ends in a number, so is an IPv4
// address to a browser, but is not a valid one.
var errBadNumericHost = errors.New("host looks like an IPv4 address but is not a valid one")

// parseHostIP reports whether host (without port; brackets around an IPv6
// address are allowed) is an IP address literal, and which address it
// denotes. Besides the standard forms it reads IPv4 in the shorthand that
// inet_aton(3) and the WHATWG URL standard accept: one to four parts
// separated by dots, each decimal, octal (leading 0) or hex (leading 0x),
// the last part filling the remaining bytes ("127.1", "0x7f000001",
// "0177.0.0.1"). A host whose last label is numeric but that is no valid
// address ("1.2.3.256", "4294967296", "0x7g.1") is an error wrapping
// ErrUnsafeAddress: it must not reach a resolver, which might read it
// differently.
func parseHostIP(host string) (ip netip.Addr, literal bool, err error) {
	h := host
	if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		h = h[1 : len(h)-1]
	}
	if a, err := netip.ParseAddr(h); err == nil {
		return a, true, nil
	}
	if strings.Contains(h, ":") {
		return netip.Addr{}, false, fmt.Errorf("%w: %q is not a valid IPv6 address", ErrUnsafeAddress, host)
	}
	h = strings.TrimSuffix(h, ".")
	parts := strings.Split(h, ".")
	if !numericLabel(parts[len(parts)-1]) {
		return netip.Addr{}, false, nil // a name
	}
	a, ok := parseIPv4Shorthand(parts)
	if !ok {
		return netip.Addr{}, false, fmt.Errorf("%w: %w: %q", ErrUnsafeAddress, errBadNumericHost, host)
	}
	return a, true, nil
}

// numericLabel says whether a DNS label reads as a number (decimal, or hex
// with a 0x prefix), which makes the whole host an IPv4 address in the
// WHATWG URL standard's terms.
func numericLabel(s string) bool {
	if s == "" {
		return false
	}
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		for _, c := range s[2:] {
			if !isHex(c) {
				return false
			}
		}
		return true
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isHex(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// parseIPv4Shorthand reads inet_aton forms: a (32 bits), a.b (8.24),
// a.b.c (8.8.16), a.b.c.d.
func parseIPv4Shorthand(parts []string) (netip.Addr, bool) {
	if len(parts) == 0 || len(parts) > 4 {
		return netip.Addr{}, false
	}
	var v uint64
	for i, p := range parts {
		n, ok := parseIPv4Part(p)
		if !ok {
			return netip.Addr{}, false
		}
		if i < len(parts)-1 {
			if n > 0xff {
				return netip.Addr{}, false
			}
			v |= n << (8 * (3 - i))
			continue
		}
		rest := 8 * (4 - i) // bits left for the last part
		if n >= 1<<rest {
			return netip.Addr{}, false
		}
		v |= n
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

// parseIPv4Part reads one part: 0x-prefixed hex, 0-prefixed octal, or
// decimal. "0x" alone is 0, as in inet_aton.
func parseIPv4Part(p string) (uint64, bool) {
	base := 10
	switch {
	case p == "":
		return 0, false
	case len(p) >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'):
		base, p = 16, p[2:]
		if p == "" {
			return 0, true
		}
	case len(p) > 1 && p[0] == '0':
		base, p = 8, p[1:]
	}
	if strings.HasPrefix(p, "+") || strings.HasPrefix(p, "-") {
		return 0, false
	}
	n, err := strconv.ParseUint(p, base, 64)
	if err != nil || n > 0xffffffff {
		return 0, false
	}
	return n, true
}

// VirtualPublic returns an Allow function that accepts Public addresses
// and any address in prefixes: for the virtual internet of the demo and
// the tests, whose hosts resolve into the documentation ranges (TEST-NET)
// that Public refuses.
func VirtualPublic(prefixes ...netip.Prefix) func(netip.Addr) bool {
	ps := slices.Clone(prefixes)
	return func(ip netip.Addr) bool {
		if Public(ip) {
			return true
		}
		ip = ip.Unmap()
		for _, p := range ps {
			if p.Contains(ip) {
				return true
			}
		}
		return false
	}
}
