package serve

import (
	"errors"
	"fmt"
	"html"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"archivio/archive"
)

// replayPrefix is where archived content is served, and nothing else.
const replayPrefix = "/replay/"

// replayCSP is the policy of every answer under /replay/: a sandbox (a
// unique origin, no scripts, no forms, no pop-ups, no top navigation),
// and nothing fetched but from this server (whose only answers under
// /replay/ are archived copies).
const replayCSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
	"font-src 'self' data:; media-src 'self' data:; frame-src 'self'; child-src 'self'; form-action 'none'; " +
	"base-uri 'none'; frame-ancestors 'self'"

// maxReplayBody bounds the decoded body of a replayed capture.
const maxReplayBody = 64 << 20

func setReplayHeaders(h http.Header) {
	h.Set("Content-Security-Policy", replayCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-DNS-Prefetch-Control", "off")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Cache-Control", "private, max-age=300")
}

// targetOf splits a path after its prefix into what precedes the URL
// (the timestamp of /replay/TS/URL, or "") and the URL, with the query
// of the request, which belongs to the archived URL. A URL whose "//"
// was merged on the way ("https:/host") is mended.
func targetOf(r *http.Request, prefix string, withStamp bool) (stamp, target string, err error) {
	rest := strings.TrimPrefix(r.URL.EscapedPath(), prefix)
	if withStamp {
		var ok bool
		stamp, rest, ok = strings.Cut(rest, "/")
		if !ok {
			return "", "", badf("want %sTIMESTAMP/URL", prefix)
		}
	}
	if r.URL.RawQuery != "" {
		rest += "?" + r.URL.RawQuery
	}
	for _, s := range []string{"http:/", "https:/"} {
		if strings.HasPrefix(rest, s) && !strings.HasPrefix(rest, s+"/") {
			rest = s + "/" + rest[len(s):]
		}
	}
	u, perr := url.Parse(rest)
	if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(rest) > 8192 {
		return "", "", badf("want an http or https URL after %s", prefix)
	}
	return stamp, rest, nil
}

// parseStamp reads a timestamp of 4 to 14 digits (YYYY[MM[DD[hh[mm[ss]]]]]),
// the missing digits taken as the earliest moment.
func parseStamp(s string) (time.Time, error) {
	if len(s) < 4 || len(s) > 14 {
		return time.Time{}, badf("timestamp %q: want 4 to 14 digits, YYYYMMDDhhmmss", s)
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return time.Time{}, badf("timestamp %q: want digits, YYYYMMDDhhmmss", s)
		}
	}
	full := s + "00000101000000"[len(s):]
	t, err := time.Parse("20060102150405", full)
	if err != nil {
		return time.Time{}, badf("timestamp %q: %v", s, err)
	}
	return t, nil
}

// findCapture is the capture of target nearest to at, trying the other
// scheme (http, https) when the archive has none of target.
func (s *Server) findCapture(r *http.Request, target string, at time.Time) (*archive.Capture, error) {
	c, err := s.o.Archive.NearestCapture(r.Context(), target, at)
	if errors.Is(err, archive.ErrNotFound) {
		if alt := otherScheme(target); alt != "" {
			c, err = s.o.Archive.NearestCapture(r.Context(), alt, at)
		}
	}
	return c, err
}

func otherScheme(u string) string {
	switch {
	case strings.HasPrefix(u, "https://"):
		return "http://" + u[len("https://"):]
	case strings.HasPrefix(u, "http://"):
		return "https://" + u[len("http://"):]
	}
	return ""
}

// replay serves /replay/TIMESTAMP/URL: the archive's copy of URL nearest
// to the time, redirected to its own timestamp when it differs.
func (s *Server) replay(w http.ResponseWriter, r *http.Request) {
	setReplayHeaders(w.Header())
	stamp, target, err := targetOf(r, replayPrefix, true)
	if err != nil {
		s.replayProblem(w, r, http.StatusBadRequest, err.Error(), "")
		return
	}
	at, err := parseStamp(stamp)
	if err != nil {
		s.replayProblem(w, r, http.StatusBadRequest, err.Error(), "")
		return
	}
	if len(stamp) == 14 {
		at = at.Add(500 * time.Millisecond) // the middle of the second: a capture in it is nearest
	}
	c, err := s.findCapture(r, target, at)
	if errors.Is(err, archive.ErrNotFound) {
		s.replayProblem(w, r, http.StatusNotFound, "Not archived: archivio has no copy of this address.", target)
		return
	}
	if err != nil {
		s.replayProblem(w, r, http.StatusInternalServerError, "The archive could not be read.", target)
		s.o.Logger.Error("replay", "url", target, "err", err)
		return
	}
	if ts14(c.FetchedAt) != stamp || c.URL != target {
		w.Header().Set("Location", replayURL(c.FetchedAt, c.URL))
		w.Header().Set("Vary", "accept-datetime")
		w.WriteHeader(http.StatusFound)
		return
	}
	s.serveCapture(w, r, c)
}

// serveCapture writes an archived response: its body decoded and, for
// HTML and CSS, rewritten; its status; a redirect's target as a replay
// URL; the Memento headers.
func (s *Server) serveCapture(w http.ResponseWriter, r *http.Request, c *archive.Capture) {
	ctx := r.Context()
	body, header, err := s.o.Archive.Payload(ctx, c)
	if err != nil {
		s.replayProblem(w, r, http.StatusInternalServerError, "The archived copy could not be read.", c.URL)
		s.o.Logger.Error("replay", "capture", c.ID, "err", err)
		return
	}
	h := w.Header()
	base := absBase(r)
	h.Set("Memento-Datetime", c.FetchedAt.UTC().Format(http.TimeFormat))
	h.Set("Link", mementoLinks(base, c.URL))
	h.Set("X-Archivio-Capture", strconv.FormatInt(c.ID, 10))
	if c.Truncated != "" {
		h.Set("X-Archivio-Truncated", c.Truncated)
	}
	if c.Status >= 300 && c.Status < 400 {
		if loc := header.Get("Location"); loc != "" {
			if next, err := url.Parse(c.URL); err == nil {
				if to, err := next.Parse(loc); err == nil && (to.Scheme == "http" || to.Scheme == "https") {
					h.Set("Location", replayURL(c.FetchedAt, to.String()))
					w.WriteHeader(c.Status)
					return
				}
			}
		}
	}
	body, _ = archive.DecodePayload(header, body, maxReplayBody)
	mediaType, params, err := mime.ParseMediaType(header.Get("Content-Type"))
	if err != nil || mediaType == "" {
		mediaType, params = "application/octet-stream", nil
	}
	ct := mediaType
	if cs := params["charset"]; cs != "" && validToken(cs) {
		ct += "; charset=" + cs
	}
	pageURL, _ := url.Parse(c.URL)
	switch mediaType {
	case "text/html", "application/xhtml+xml":
		body = rewriteHTML(body, pageURL, s.mapper(r, c, body, pageURL, false))
	case "text/css":
		body = []byte(rewriteCSS(string(body), pageURL, s.mapper(r, c, body, pageURL, true)))
	}
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	status := c.Status
	if status < 200 || status >= 600 || (status >= 300 && status < 400) {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// mapper maps the URLs of a page to replay URLs at the page's capture
// time, knowing which of them the archive holds.
func (s *Server) mapper(r *http.Request, c *archive.Capture, body []byte, pageURL *url.URL, css bool) urlMapper {
	urls := pageURLs(body, pageURL, css)
	var all []string
	for _, u := range urls {
		all = append(all, u)
		if alt := otherScheme(u); alt != "" {
			all = append(all, alt)
		}
	}
	have, err := s.o.Archive.ArchivedURLs(r.Context(), all)
	if err != nil {
		s.o.Logger.Warn("replay: archived urls", "err", err)
		have = map[string]bool{}
	}
	return func(abs string) (string, bool) {
		return replayURL(c.FetchedAt, abs), have[abs] || have[otherScheme(abs)]
	}
}

func validToken(s string) bool {
	for _, c := range s {
		if !(c == '-' || c == '_' || c == '.' || c == ':' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return s != ""
}

// replayProblem answers under /replay/ with a short page of the
// interface's own words (still sandboxed).
func (s *Server) replayProblem(w http.ResponseWriter, r *http.Request, status int, msg, target string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>archivio: %s</title></head>`+
		`<body style="font:16px sans-serif;margin:2em;color:#222"><p><strong>%s</strong></p>`,
		html.EscapeString(http.StatusText(status)), html.EscapeString(msg))
	if target != "" {
		fmt.Fprintf(w, `<p>Address: <code>%s</code></p>`, html.EscapeString(target))
	}
	fmt.Fprint(w, `</body></html>`)
}

// absBase is the scheme and host this request reached the interface at.
func absBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
