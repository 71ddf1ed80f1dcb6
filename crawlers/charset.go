package crawlers

import (
	"mime"
	"net/http"
)

// originalTypeHeader carries a response's Content-Type past colly.
const originalTypeHeader = "X-Archivio-Content-Type"

// charsetShield keeps colly from transcoding bodies. colly converts a body
// to UTF-8 whenever the Content-Type names a charset, whatever its
// DetectCharset setting, but leaves the Content-Type saying the old
// charset, so the parsers would decode twice. The shield hides the charset
// parameter from colly and keeps the header as received in
// originalTypeHeader; onResponse restores it.
type charsetShield struct{ next http.RoundTripper }

func (s charsetShield) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := s.next.RoundTrip(req)
	if err != nil || resp == nil {
		return resp, err
	}
	ct := resp.Header.Get("Content-Type")
	if ct == "" {
		return resp, nil
	}
	resp.Header.Set(originalTypeHeader, ct)
	if mt, params, err := mime.ParseMediaType(ct); err == nil {
		delete(params, "charset")
		resp.Header.Set("Content-Type", mime.FormatMediaType(mt, params))
	} else {
		resp.Header.Set("Content-Type", "application/octet-stream")
	}
	return resp, nil
}

// restoreContentType puts the Content-Type as received back.
func restoreContentType(h http.Header) {
	if ct := h.Get(originalTypeHeader); ct != "" {
		h.Set("Content-Type", ct)
		h.Del(originalTypeHeader)
	}
}
