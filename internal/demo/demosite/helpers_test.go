package demosite

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"
)

// newSite returns a site with opts, failing the test on error.
func newSite(t testing.TB, opts Options) *Site {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatalf("New(%+v): %v", opts, err)
	}
	return s
}

// serve returns a test server for s, closed at the end of the test.
func serve(t testing.TB, s *Site) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

// response is what fetch got.
type response struct {
	status int
	header http.Header
	body   []byte
}

// fetch sends method url with the given headers through c.
func fetch(t testing.TB, c *http.Client, method, url string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, url, err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: body}
}

// get fetches url with GET and no extra headers.
func get(t testing.TB, c *http.Client, url string) response {
	t.Helper()
	return fetch(t, c, http.MethodGet, url, nil)
}

// noRedirect is a client that reports redirects instead of following
// them.
func noRedirect(c *http.Client) *http.Client {
	cc := *c
	cc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cc
}

var hrefRE = regexp.MustCompile(`href="([^"]*)"`)

// hrefs returns the href attribute values in body, in order.
func hrefs(body []byte) []string {
	var out []string
	for _, m := range hrefRE.FindAllSubmatch(body, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

var recordLinkRE = regexp.MustCompile(`^(?:https?://[^/]+)?(?:/processi/ambito)?/scheda-processo/([0-9]+)$`)

// linkID returns the record id a link points at, if it is a record link.
func linkID(href string) (int, bool) {
	m := recordLinkRE.FindStringSubmatch(href)
	if m == nil {
		return 0, false
	}
	id, err := strconv.Atoi(m[1])
	return id, err == nil
}

// newTLSServer returns an HTTPS test server for s, closed at the end of
// the test.
func newTLSServer(t testing.TB, s *Site) *httptest.Server {
	t.Helper()
	srv := httptest.NewTLSServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

// serveDirect calls h for GET target on DefaultHost over plain HTTP,
// without a network.
func serveDirect(t testing.TB, h http.Handler, target string) response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Host = DefaultHost
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}
