// Package linkcheck decides whether a link still works. A Checker asks a
// URL with HEAD, confirms with GET when the answer needs a body or HEAD
// looks unsupported, follows redirects one hop at a time (keeping the
// chain), and gives a typed Verdict: ok, redirect, or why not (gone,
// soft_404, parked, redirect_home, blocked, dns_not_found, unsafe_address,
// ...). The phrase tables it reads pages with are in verdict.go, the rules
// that apply them in rules.go.
//
// It fetches through the http.RoundTripper it is given: in archivio the
// recording transport (every request a check makes is evidence) over a
// dialer that refuses non-public addresses. It imports nothing from
// internal/.
package linkcheck
