package demosite

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Path shapes of a record page.
const (
	recordPrefix       = "/scheda-processo/"
	ambitoRecordPrefix = "/processi/ambito/scheda-processo/"
)

// htmlType is the Content-Type of the site's own pages.
const htmlType = "text/html; charset=utf-8"

// serveHTTP routes one request.
func (s *Site) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.noteRequest(r)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.serveError(w, r, http.StatusMethodNotAllowed)
		return
	}
	path := r.URL.Path
	switch {
	case path == "/robots.txt":
		s.serveRobots(w, r)
	case path == "/sitemap.xml" || strings.HasPrefix(path, "/sitemap-"):
		s.serveSitemap(w, r)
	case path == "/":
		s.serveHome(w, r)
	case path == "/processi":
		s.serveListing(w, r)
	case path == "/mappa":
		s.serveMap(w, r)
	case isAdmin(path):
		s.serveError(w, r, http.StatusForbidden)
	case strings.HasPrefix(path, recordPrefix) || strings.HasPrefix(path, ambitoRecordPrefix):
		s.serveRecord(w, r)
	case isAsset(path):
		s.serveAsset(w, r)
	default:
		s.serveError(w, r, http.StatusNotFound)
	}
}

// isAdmin reports whether path is in the reserved area.
func isAdmin(path string) bool {
	return path == "/admin" || strings.HasPrefix(path, "/admin/")
}

// recordID returns the id in a record page path, which must be written
// in canonical decimal form ("/scheda-processo/141", not ".../0141/").
func recordID(path string) (int, bool) {
	rest, ok := strings.CutPrefix(path, ambitoRecordPrefix)
	if !ok {
		rest, ok = strings.CutPrefix(path, recordPrefix)
	}
	if !ok {
		return 0, false
	}
	id, err := strconv.Atoi(rest)
	if err != nil || id <= 0 || strconv.Itoa(id) != rest {
		return 0, false
	}
	return id, true
}

// serveOK answers 200 with body, an ETag (the quoted SHA-1 of the body)
// and, unless modified is zero, Last-Modified; conditional and range
// requests are answered by http.ServeContent, HEAD without a body.
func serveOK(w http.ResponseWriter, r *http.Request, contentType string, body []byte, modified time.Time) {
	sum := sha1.Sum(body)
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("ETag", `"`+hex.EncodeToString(sum[:])+`"`)
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", modified, bytes.NewReader(body))
}

// serveError answers status with the site's page for it.
func (s *Site) serveError(w http.ResponseWriter, r *http.Request, status int) {
	writeBody(w, r, status, htmlType, s.errorPage(r, status))
}

// writeBody answers status with body; HEAD gets the headers only.
func writeBody(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// origin returns the scheme and host the request was made to, e.g.
// "https://www.osservatoriopartecipazione.it" or "http://127.0.0.1:8080".
func (s *Site) origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = s.opts.Host
	}
	return scheme + "://" + host
}
