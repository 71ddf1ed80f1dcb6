package demosite

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"archivio/internal/demo/pagegen"
)

// Site is the replica of the observatory. Its methods are safe for
// concurrent use, also while its handler serves requests.
type Site struct {
	opts Options // defaults applied

	mu       sync.Mutex
	records  map[int]*record
	ids      []int          // sorted
	requests []string       // path+query of every request, in order
	hits     map[string]int // by path
	uriHits  map[string]int // by path+query, for paths with a query
	admin    int            // requests under /admin
	layout   string         // every record page's layout, when set (SetLayout)
}

// New returns a site with opts. Zero fields take their documented
// defaults; an invalid field gives an error wrapping ErrOptions.
func New(opts Options) (*Site, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	records, ids, err := loadRecords(opts)
	if err != nil {
		return nil, err
	}
	return &Site{
		opts:    opts,
		records: records,
		ids:     ids,
		hits:    make(map[string]int),
		uriHits: make(map[string]int),
	}, nil
}

// Handler returns the site's HTTP handler. It answers GET and HEAD.
func (s *Site) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// IDs returns the ids of the records served, sorted.
func (s *Site) IDs() []int { return slices.Clone(s.ids) }

// Update changes record id: change gets a copy of the record's page to
// edit. From the next request on, the record page shows the new content
// with a new ETag, and its Last-Modified date has moved one day forward.
// The page's ID cannot be changed.
func (s *Site) Update(id int, change func(p *pagegen.Page)) error {
	if change == nil {
		return fmt.Errorf("update record %d: nil change", id)
	}
	s.mu.Lock()
	r, ok := s.records[id]
	var p *pagegen.Page
	if ok {
		p = clonePage(r.page)
	}
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("update record %d: %w", id, ErrUnknownRecord)
	}

	change(p) // outside the lock: change may be slow, or read the site
	p.ID = id

	s.mu.Lock()
	defer s.mu.Unlock()
	r.page = p
	r.modified = r.modified.Add(updateStep)
	return nil
}

// Requests returns the path and query of every request served so far,
// in order, e.g. "/processi?page=2".
func (s *Site) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Hits returns how many requests were served for path. A path without a
// query ("/processi") counts requests whatever their query; one with a
// query ("/processi?page=2") counts requests with exactly that query.
func (s *Site) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.Contains(path, "?") {
		return s.uriHits[path]
	}
	return s.hits[path]
}

// AdminHits returns how many requests were served for /admin or any
// path under /admin/, which robots.txt forbids.
func (s *Site) AdminHits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.admin
}

// noteRequest records r for Requests, Hits and AdminHits.
func (s *Site) noteRequest(r *http.Request) {
	uri := r.URL.RequestURI()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, uri)
	s.hits[r.URL.Path]++
	if r.URL.RawQuery != "" {
		s.uriHits[uri]++
	}
	if isAdmin(r.URL.Path) {
		s.admin++
	}
}

// recordPage returns record id's current page, layout and date.
func (s *Site) recordPage(id int) (record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.records[id]
	if !ok {
		return record{}, false
	}
	rec := *r
	if s.layout != "" {
		rec.layout = s.layout
	}
	return rec, true
}
