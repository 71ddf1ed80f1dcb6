// Package leansite serves a lean copy of the observatory for the crawl
// benchmark (tools/crawlbench): N record pages made from one real record
// page (record 141 in pagegen's "dl" layout, its id changed), listed
// PageSize to a listing page under /processi?page=K, each record in one
// URL shape only (/scheda-processo/{id}), with ETags and 304 answers to
// conditional requests, a robots.txt that allows everything and no
// sitemap. Every page is rendered once, when the site is made, so serving
// costs the machine little beside the crawler it measures.
//
// The page's call to action (a link per record to a form) is left out, so
// that a crawler that follows every link (wget) meets the same pages as
// archivio: the listings, the records and a few navigation links.
package leansite

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"

	"archivio/internal/demo/pagegen"
)

// DefaultPageSize is the number of records per listing page.
const DefaultPageSize = 20

// Site is a lean site of N records.
type Site struct {
	n, pageSize int
	// parts are the record page around its id's places: a page is
	// parts[0] id parts[1] id ... parts[n].
	parts       [][]byte
	contentType string
	requests    atomic.Int64
}

// templateID is the id of the record page every page is made from.
const templateID = 141

// cta matches the call to action paragraph of the dl layout.
var cta = regexp.MustCompile(`(?s)<p class="cta">.*?</p>\n`)

// New makes a site of n records, pageSize per listing page (0 for
// DefaultPageSize).
func New(n, pageSize int) (*Site, error) {
	if n < 1 {
		return nil, fmt.Errorf("leansite: %d records: want at least 1", n)
	}
	if pageSize <= 0 {
		pageSize = DefaultPageSize
	}
	srcs, err := pagegen.Sources()
	if err != nil {
		return nil, err
	}
	var text []byte
	for _, s := range srcs {
		if s.ID == templateID {
			text = s.Text
		}
	}
	if text == nil {
		return nil, errors.New("leansite: record 141 is not among pagegen's records")
	}
	p, err := pagegen.ParseText(text)
	if err != nil {
		return nil, err
	}
	body, err := pagegen.Render(p, "dl")
	if err != nil {
		return nil, err
	}
	body = cta.ReplaceAll(body, nil)
	// Relative links resolve against the page's own URL once the base is
	// gone: the navigation stays on the site that served it.
	body = bytes.Replace(body, []byte(`<base href="https://www.osservatoriopartecipazione.it/">`), nil, 1)
	for _, attr := range []string{"href", "src"} {
		body = bytes.ReplaceAll(body, []byte(attr+`="`), []byte(attr+`="/`))
		body = bytes.ReplaceAll(body, []byte(attr+`="/http`), []byte(attr+`="http`))
	}
	return &Site{n: n, pageSize: pageSize, parts: bytes.Split(body, []byte(strconv.Itoa(templateID))),
		contentType: pagegen.ContentType("dl")}, nil
}

// Requests is the number of requests served so far.
func (s *Site) Requests() int64 { return s.requests.Load() }

// RecordPaths are the paths of the record pages, in order.
func (s *Site) RecordPaths() []string {
	out := make([]string, s.n)
	for i := range out {
		out[i] = "/scheda-processo/" + strconv.Itoa(i+1)
	}
	return out
}

// Pages is the number of listing pages.
func (s *Site) Pages() int { return (s.n + s.pageSize - 1) / s.pageSize }

// Handler serves the site.
func (s *Site) Handler() http.Handler {
	return http.HandlerFunc(s.serve)
}

func (s *Site) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	switch p := r.URL.Path; {
	case p == "/robots.txt":
		write(w, r, "text/plain; charset=utf-8", "", []byte("User-agent: *\nAllow: /\n"))
	case p == "/":
		write(w, r, "text/html; charset=utf-8", "", page("Osservatorio", `<p><a href="/processi">Processi</a></p>`))
	case p == "/processi":
		s.listing(w, r)
	case strings.HasPrefix(p, "/scheda-processo/"):
		id, err := strconv.Atoi(strings.TrimPrefix(p, "/scheda-processo/"))
		if err != nil || id < 1 || id > s.n {
			http.NotFound(w, r)
			return
		}
		s.record(w, r, id)
	default:
		http.NotFound(w, r)
	}
}

// record answers record id's page, or 304 when the request names its
// ETag.
func (s *Site) record(w http.ResponseWriter, r *http.Request, id int) {
	etag := `"r` + strconv.Itoa(id) + `"`
	if r.Header.Get("If-None-Match") == etag {
		w.Header().Set("ETag", etag)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	ids := strconv.Itoa(id)
	var b bytes.Buffer
	for i, part := range s.parts {
		if i > 0 {
			b.WriteString(ids)
		}
		b.Write(part)
	}
	write(w, r, s.contentType, etag, b.Bytes())
}

// listing answers /processi?page=K: its records' links, then links to the
// previous and the next page.
func (s *Site) listing(w http.ResponseWriter, r *http.Request) {
	k := 1
	if v := r.URL.Query().Get("page"); v != "" {
		var err error
		if k, err = strconv.Atoi(v); err != nil || k < 1 || k > s.Pages() {
			http.NotFound(w, r)
			return
		}
	}
	var b strings.Builder
	b.WriteString("<ul>\n")
	for id := (k-1)*s.pageSize + 1; id <= min(k*s.pageSize, s.n); id++ {
		fmt.Fprintf(&b, "<li><a href=\"/scheda-processo/%d\">Processo %d</a></li>\n", id, id)
	}
	b.WriteString("</ul>\n")
	switch {
	case k == 2:
		b.WriteString("<a rel=\"prev\" href=\"/processi\">Precedente</a>\n")
	case k > 2:
		fmt.Fprintf(&b, "<a rel=\"prev\" href=\"/processi?page=%d\">Precedente</a>\n", k-1)
	}
	if k < s.Pages() {
		fmt.Fprintf(&b, "<a rel=\"next\" href=\"/processi?page=%d\">Successiva</a>\n", k+1)
	}
	write(w, r, "text/html; charset=utf-8", "", page("Processi - pagina "+strconv.Itoa(k), b.String()))
}

func page(title, body string) []byte {
	return []byte("<!DOCTYPE html>\n<html lang=\"it\"><head><meta charset=\"utf-8\"><title>" + title +
		"</title></head>\n<body>\n" + body + "</body></html>\n")
}

func write(w http.ResponseWriter, r *http.Request, contentType, etag string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if etag != "" {
		h.Set("ETag", etag)
	}
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
