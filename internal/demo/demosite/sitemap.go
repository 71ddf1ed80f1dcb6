package demosite

import (
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// sitemapLimit is the most URLs one sitemap file may list (sitemaps.org).
// Above it, /sitemap.xml is a sitemap index of /sitemap-1.xml, ...
const sitemapLimit = 50000

// serveSitemap answers /sitemap.xml and, for very large sites, its parts
// /sitemap-N.xml. Record URLs use the request's scheme and host.
func (s *Site) serveSitemap(w http.ResponseWriter, r *http.Request) {
	origin := html.EscapeString(s.origin(r))
	parts := (len(s.ids) + sitemapLimit - 1) / sitemapLimit
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")

	if r.URL.Path == "/sitemap.xml" && parts > 1 {
		b.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for i := 1; i <= parts; i++ {
			fmt.Fprintf(&b, "<sitemap><loc>%s/sitemap-%d.xml</loc></sitemap>\n", origin, i)
		}
		b.WriteString("</sitemapindex>\n")
		serveOK(w, r, "application/xml", []byte(b.String()), time.Time{})
		return
	}

	part := 1
	if r.URL.Path != "/sitemap.xml" {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/sitemap-"), ".xml"))
		if err != nil || parts < 2 || n < 1 || n > parts || r.URL.Path != fmt.Sprintf("/sitemap-%d.xml", n) {
			s.serveError(w, r, http.StatusNotFound)
			return
		}
		part = n
	}
	first := (part - 1) * sitemapLimit
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, id := range s.ids[first:min(first+sitemapLimit, len(s.ids))] {
		rec, _ := s.recordPage(id)
		fmt.Fprintf(&b, "<url><loc>%s%s%d</loc><lastmod>%s</lastmod></url>\n",
			origin, recordPrefix, id, rec.modified.UTC().Format(time.RFC3339))
	}
	b.WriteString("</urlset>\n")
	serveOK(w, r, "application/xml", []byte(b.String()), time.Time{})
}
