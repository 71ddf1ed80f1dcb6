package jobs

import (
	"crypto/tls"
	"net/http"
	"time"

	"archivio/internal/netguard"
)

// defaultTransport is the network under the recording transport: HTTP/1.1
// only (the WARC format records HTTP/1.x messages), no transparent
// decompression (the archive keeps bodies as received), no proxy from the
// environment, and a dialer that refuses non-public addresses unless the
// configuration allows them.
func defaultTransport(cfg Config) http.RoundTripper {
	return &http.Transport{
		DialContext:           netguard.Dialer(cfg.AllowPrivate).DialContext,
		ForceAttemptHTTP2:     false,
		TLSNextProto:          map[string]func(string, *tls.Conn) http.RoundTripper{},
		DisableCompression:    true,
		MaxIdleConnsPerHost:   max(cfg.Parallel, 2),
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
	}
}
