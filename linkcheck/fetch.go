package linkcheck

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"

	"archivio/archive"
	"archivio/crawlers"
)

// Why following redirects stopped; each makes a server_error.
var (
	errRedirectLoop     = errors.New("redirect loop")
	errTooManyRedirects = errors.New("too many redirects")
	errBadRedirect      = errors.New("bad redirect")
)

func isRedirectErr(err error) bool {
	return errors.Is(err, errRedirectLoop) || errors.Is(err, errTooManyRedirects) || errors.Is(err, errBadRedirect)
}

// attempt is one method's walk down a redirect chain.
type attempt struct {
	method  string
	hops    []Hop
	final   *url.URL // the last URL requested
	status  int      // of the last answer, 0 for none
	header  http.Header
	page    checkPage           // the final body, GET only
	capture archive.CaptureMark // what the recording transport made of the last answer
	err     error               // no usable answer: network failure or a redirect problem
}

// needsGet reports whether a HEAD attempt must be confirmed with GET: a
// 2xx whose body matters (soft 404s and parking pages are told by it),
// statuses that often mean HEAD is unsupported or mishandled (400, 403,
// 404, 405, 5xx), or a connection dropped without an answer.
func (c *Checker) needsGet(a *attempt) bool {
	if parkedChain(a.hops) {
		return false
	}
	if a.err != nil {
		if c.unsafe(a.err) || isRedirectErr(a.err) {
			return false
		}
		switch crawlers.ErrorKind(a.err) {
		case "reset", "other":
			return true
		}
		return false
	}
	switch st := a.status; {
	case st >= 200 && st < 300:
		return bodyMatters(a.header)
	case st == 400, st == 403, st == 404, st == 405, st >= 500:
		return true
	}
	return false
}

// checkSession is one check's client: redirects are not followed by it
// but by follow, so that each hop is seen; cookies persist for the check
// (sites that set a cookie and redirect to themselves are not loops).
type checkSession struct {
	c      *Checker
	client *http.Client
}

func (c *Checker) newSession() *checkSession {
	jar, _ := cookiejar.New(nil) // cannot fail without options
	return &checkSession{c: c, client: &http.Client{
		Transport:     c.opts.Transport,
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// follow requests u with method and follows redirects, up to
// MaxRedirects, recording every hop. A GET's final body is read (at most
// MaxBody bytes) into the attempt's page.
func (s *checkSession) follow(ctx context.Context, method string, u *url.URL) *attempt {
	a := &attempt{method: method}
	visits := map[string]int{}
	for cur := u; ; {
		a.final = cur
		visits[cur.String()]++
		resp, err := s.do(ctx, method, cur)
		if err != nil {
			a.hops = append(a.hops, Hop{URL: cur.String()})
			a.err = err
			return a
		}
		a.hops = append(a.hops, Hop{URL: cur.String(), Status: resp.StatusCode})
		a.status, a.header = resp.StatusCode, resp.Header
		a.capture = archive.ReadCaptureMark(resp.Header)
		next, err := redirectTarget(cur, resp)
		if next == nil && err == nil {
			if method == http.MethodGet {
				a.page = readCheckPage(s.readBody(resp), resp.Header)
			}
			resp.Body.Close()
			return a
		}
		setCookie := len(resp.Cookies()) > 0
		drainClose(resp)
		if err != nil {
			a.err = err
			return a
		}
		seen := visits[next.String()]
		switch {
		case len(a.hops) > s.c.opts.MaxRedirects:
			a.err = fmt.Errorf("%w: stopped after %d redirects at %s", errTooManyRedirects, s.c.opts.MaxRedirects, cur)
		case seen > 1 || seen == 1 && !setCookie:
			a.err = fmt.Errorf("%w: %s -> %s", errRedirectLoop, hopURLs(a.hops), next)
		}
		if a.err != nil {
			return a
		}
		cur = next
	}
}

// do sends one request.
func (s *checkSession) do(ctx context.Context, method string, u *url.URL) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", u, err)
	}
	req.Header.Set("User-Agent", s.c.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	req.Header.Set("Accept-Language", "it,en;q=0.8")
	return s.client.Do(req)
}

// readBody reads at most MaxBody bytes. A body cut short by the network is
// judged on what arrived. A gzip body the transport left encoded is
// decoded (the recording transport decodes for its callers already).
func (s *checkSession) readBody(resp *http.Response) []byte {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, s.c.opts.MaxBody))
	ce := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	if resp.Uncompressed || ce != "gzip" && ce != "x-gzip" || !bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		return body
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return body
	}
	decoded, _ := io.ReadAll(io.LimitReader(zr, s.c.opts.MaxBody))
	if len(decoded) == 0 {
		return body
	}
	return decoded
}

// drainClose reads a little of a body not needed, so the connection can be
// reused, and closes it.
func drainClose(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	resp.Body.Close()
}

// redirectTarget returns where a redirect answer points, nil for an answer
// that is not a redirect, or an error wrapping errBadRedirect.
func redirectTarget(cur *url.URL, resp *http.Response) (*url.URL, error) {
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
	default:
		return nil, nil
	}
	loc := resp.Header.Get("Location")
	if loc == "" {
		return nil, fmt.Errorf("%w: %d without Location at %s", errBadRedirect, resp.StatusCode, cur)
	}
	next, err := cur.Parse(loc)
	if err != nil {
		return nil, fmt.Errorf("%w: Location %q at %s: %w", errBadRedirect, loc, cur, err)
	}
	if next.Scheme != "http" && next.Scheme != "https" || next.Hostname() == "" {
		return nil, fmt.Errorf("%w: Location %q at %s is not an http(s) URL", errBadRedirect, loc, cur)
	}
	next.Fragment, next.RawFragment = "", ""
	return next, nil
}

func hopURLs(hops []Hop) string {
	urls := make([]string, len(hops))
	for i, h := range hops {
		urls[i] = h.URL
	}
	return strings.Join(urls, " -> ")
}

// hostSample is what a host answers for its home page or for a random
// missing path.
type hostSample struct {
	status int
	final  *url.URL
	page   checkPage
}

// sampleEntry is a sample being fetched (done open) or fetched.
type sampleEntry struct {
	done chan struct{}
	s    hostSample
	ok   bool
}

// sample returns what the origin (scheme and host) of on answers for kind
// "home" (its root, "/") or "probe" (a random path that does not exist),
// fetching it once per Checker; concurrent checks wait for the one fetch.
// A fetch cut short by the caller's context is forgotten, to be tried
// again by a later check.
func (c *Checker) sample(ctx context.Context, kind string, on *url.URL) (hostSample, bool) {
	origin := url.URL{Scheme: on.Scheme, Host: strings.ToLower(on.Host), Path: "/"}
	key := kind + " " + origin.String()
	c.mu.Lock()
	e, found := c.samples[key]
	if !found {
		e = &sampleEntry{done: make(chan struct{})}
		c.samples[key] = e
	}
	c.mu.Unlock()
	if found {
		select {
		case <-e.done:
			return e.s, e.ok
		case <-ctx.Done():
			return hostSample{}, false
		}
	}

	target := origin
	if kind == "probe" {
		target.Path = "/archivio-missing-" + strconv.FormatUint(rand.Uint64(), 36)
	}
	a := c.newSession().follow(ctx, http.MethodGet, &target)
	e.s, e.ok = hostSample{status: a.status, final: a.final, page: a.page}, a.err == nil
	if a.err != nil {
		c.log.DebugContext(ctx, "link check: no host sample", "kind", kind, "url", target.String(), "err", a.err)
		if ctx.Err() != nil {
			c.mu.Lock()
			delete(c.samples, key)
			c.mu.Unlock()
		}
	}
	close(e.done)
	return e.s, e.ok
}
