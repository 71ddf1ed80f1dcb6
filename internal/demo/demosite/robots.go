package demosite

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// serveRobots answers /robots.txt.
func (s *Site) serveRobots(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("User-agent: *\nDisallow: /admin/\n")
	if d := s.opts.CrawlDelay; d > 0 {
		fmt.Fprintf(&b, "Crawl-delay: %s\n", strconv.FormatFloat(d.Seconds(), 'f', -1, 64))
	}
	fmt.Fprintf(&b, "\nSitemap: %s/sitemap.xml\n", s.origin(r))
	serveOK(w, r, "text/plain; charset=utf-8", []byte(b.String()), time.Time{})
}
