// Package vnet is a virtual internet on loopback for the demo and the
// tests: a dialer that maps host names to local handlers, so that one host
// can be made to fail DNS, another to time out, another to refuse
// connections or to answer 404, all on 127.0.0.1, the same every run, on a
// machine with or without internet.
//
// An Internet serves each host registered with Handle on two listeners of
// its own, plain HTTP for port 80 and HTTPS for port 443, with a
// certificate signed by a CA made at New. Clients reach the hosts through
// DialContext, or simply through the http.Transport that Transport returns,
// which trusts that CA and nothing else. The servers speak HTTP/1.1 only
// (no ALPN "h2"), so exchanges look the same over both schemes. No address ever leaves loopback:
// a name the Internet does not know fails like NXDOMAIN, and an IP address
// that is not the address of exactly one virtual host has no route.
//
// Every virtual host "resolves" (Resolve) to a fake public address of its
// own, taken from the documentation ranges 192.0.2.0/24, 198.51.100.0/24
// and 203.0.113.0/24 and chosen from a hash of the name, so that address
// guards can be tested; MapIP makes a host resolve to any address, e.g. a
// private one, while it is still served by its handler. Connections made
// by DialContext report the resolved address as their RemoteAddr.
//
// How a host behaves is set by the last of Handle, FailDNS, TempFailDNS,
// Blackhole and Refuse called for it: a host made to fail DNS and then
// handled again is served again.
//
// Every goroutine the package starts (servers, the blackhole, handlers in
// flight) is owned by the Internet and has ended when Close returns.
package vnet
