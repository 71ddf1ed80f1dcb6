package cluster

import (
	"crypto/tls"
	"net/http"
	"time"

	"archivio/internal/netguard"
)

// networkTransport is the network under a node's recording transport, as
// a single machine's crawl has it: HTTP/1.1 only (WARC records HTTP/1.x
// messages), bodies as received (no transparent decompression), no proxy
// from the environment, and a dialer that refuses non-public addresses
// unless allowPrivate.
func networkTransport(allowPrivate bool, parallel int) http.RoundTripper {
	return &http.Transport{
		DialContext:           netguard.Dialer(allowPrivate).DialContext,
		TLSNextProto:          map[string]func(string, *tls.Conn) http.RoundTripper{},
		DisableCompression:    true,
		MaxIdleConnsPerHost:   max(parallel, 2),
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
	}
}
