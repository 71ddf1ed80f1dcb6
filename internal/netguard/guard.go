// Package netguard keeps archivio's fetches on the public internet. Links
// come from records and are untrusted: without a guard, a record could
// make archivio fetch from the machine it runs on or the private network
// around it. The guard checks the address actually dialed, so it holds
// after DNS resolution, on every redirect hop, and for every way of
// writing an address (decimal, octal, hex, IPv6-mapped IPv4): by then the
// address is a parsed IP.
package netguard

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// ErrUnsafeAddress is returned when a dial goes to a non-public address.
var ErrUnsafeAddress = errors.New("address is not public")

// Public reports whether ip is a public unicast address: not loopback,
// private (RFC 1918, RFC 4193), link-local, shared (RFC 6598),
// unspecified, multicast, broadcast, documentation or otherwise reserved.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	for _, p := range reserved {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

var reserved = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // shared address space (carrier NAT)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // TEST-NET-1
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // TEST-NET-2
	netip.MustParsePrefix("203.0.113.0/24"),  // TEST-NET-3
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use IPv4/IPv6 translation
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("2002::/16"),       // 6to4, which can embed private IPv4
}

// Check returns an error wrapping ErrUnsafeAddress when address
// ("ip:port", as a dialer has it after resolution) is not public.
func Check(address string) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		host = address
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%w: %q is not an IP address", ErrUnsafeAddress, address)
	}
	if !Public(ip) {
		return fmt.Errorf("%w: %s", ErrUnsafeAddress, ip)
	}
	return nil
}

// Control is a net.Dialer Control function that refuses non-public
// addresses. It runs for the address being connected, after resolution.
func Control(network, address string, _ syscall.RawConn) error {
	return Check(address)
}

// Dialer returns a dialer that refuses non-public addresses, unless
// allowPrivate is set (tests and the demo, which run on loopback).
func Dialer(allowPrivate bool) *net.Dialer {
	d := &net.Dialer{Timeout: 30e9, KeepAlive: 30e9}
	if !allowPrivate {
		d.Control = Control
	}
	return d
}
