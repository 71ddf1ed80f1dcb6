package leansite

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"archivio/parsers"
)

func get(t *testing.T, srv *httptest.Server, path string, h http.Header) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestLeanSite(t *testing.T) {
	s, err := New(45, 20)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	// Listings: 20 records each, one URL shape, prev and next.
	_, list := get(t, srv, "/processi?page=2", nil)
	links := regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(list, -1)
	var records, pages []string
	for _, l := range links {
		if strings.HasPrefix(l[1], "/scheda-processo/") {
			records = append(records, l[1])
		} else {
			pages = append(pages, l[1])
		}
	}
	if len(records) != 20 || records[0] != "/scheda-processo/21" || records[19] != "/scheda-processo/40" {
		t.Errorf("listing page 2 links records %v", records)
	}
	if strings.Join(pages, " ") != "/processi /processi?page=3" {
		t.Errorf("listing page 2 links pages %v", pages)
	}
	if resp, _ := get(t, srv, "/processi?page=4", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("page past the last: %d", resp.StatusCode)
	}

	// A record page: the real page with its id, an ETag, 304 when asked
	// with it, read by the parser as that record.
	resp, body := get(t, srv, "/scheda-processo/37", nil)
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != http.StatusOK || etag == "" {
		t.Fatalf("record page: %d, ETag %q", resp.StatusCode, etag)
	}
	if strings.Contains(body, "141") || strings.Contains(body, "integra-informazioni") {
		t.Errorf("record page still names the template's id or its call to action")
	}
	u, _ := url.Parse(srv.URL + "/scheda-processo/37")
	rec, err := parsers.Parse([]byte(body), u, resp.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	if rec.ID != 37 || rec.Title == nil || rec.Status == nil {
		t.Errorf("parsed record %d %v %v", rec.ID, rec.Title, rec.Status)
	}
	for _, l := range regexp.MustCompile(`(?:href|src)="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		if !strings.HasPrefix(l[1], "/") && !strings.HasPrefix(l[1], "http") {
			t.Errorf("relative link %q left on a record page", l[1])
		}
	}
	if resp, _ := get(t, srv, "/scheda-processo/37", http.Header{"If-None-Match": {etag}}); resp.StatusCode != http.StatusNotModified {
		t.Errorf("conditional request: %d, want 304", resp.StatusCode)
	}
	if resp, _ := get(t, srv, "/scheda-processo/46", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("record past the last: %d", resp.StatusCode)
	}
	if got := s.Requests(); got != 5 {
		t.Errorf("requests counted %d, want 5", got)
	}
}
