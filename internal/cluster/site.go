package cluster

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/internal/jobs"
)

// siteCrawl is a site source's crawl as a node runs it: from its seeds,
// the pages on its hosts under its prefixes, up to its depth, keyed as
// one machine's crawl keys them; every URL enters the frontier with its
// depth and the page that led to it, and nodes claim one depth after the
// other (see pg.Store.Claim), so each page is reached at the depth of its
// shortest path from a seed, as one machine's crawl in the order of a
// queue reaches it. A page's links to other sites go to the link
// inventory, as one machine's crawl adds them.
type siteCrawl struct {
	site   *crawlers.Site
	source string
	now    func() time.Time
}

// seeds are the site's start pages, at depth 0.
func (s *siteCrawl) seeds() []archive.FrontierEntry {
	var out []archive.FrontierEntry
	for _, raw := range s.site.Seeds {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		if key, target, ok := s.site.Target(u, true); ok {
			out = append(out, archive.FrontierEntry{Key: key, URL: target})
		}
	}
	return out
}

// page reads an answer: an HTML page's links on the site become entries
// one link deeper (excluded, max_depth, past the site's depth), its
// links to other sites are added to the link inventory; a redirect on
// the site is followed at the same depth, one off it is excluded
// (off_site).
func (s *siteCrawl) page(_ context.Context, p Page) (Outcome, error) {
	l := p.Lease
	if p.Status >= 300 && p.Status < 400 {
		loc := p.Header.Get("Location")
		if loc == "" {
			return Outcome{}, nil
		}
		to, err := p.URL.Parse(loc)
		if err != nil {
			return Outcome{}, nil
		}
		if !s.onSite(to.Host) {
			return Outcome{State: archive.FrontierExcluded, Reason: "off_site"}, nil
		}
		if key, target, ok := s.site.Target(to, false); ok {
			return Outcome{Entries: []archive.FrontierEntry{{Key: key, URL: target, Depth: l.Depth, Via: l.Key}}}, nil
		}
		return Outcome{}, nil
	}
	if p.Status != http.StatusOK || !strings.Contains(p.Header.Get("Content-Type"), "html") {
		return Outcome{}, nil
	}
	var out Outcome
	seen := map[string]bool{}
	for _, raw := range crawlers.PageLinks(p.Body, p.URL) {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		if key, target, ok := s.site.Target(u, false); ok {
			e := archive.FrontierEntry{Key: key, URL: target, Depth: l.Depth + 1, Via: l.Key}
			if e.Depth > s.site.MaxDepth {
				e.State, e.Reason = archive.FrontierExcluded, "max_depth"
			}
			out.Entries = append(out.Entries, e)
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || seen[raw] || jobs.OnHosts(u.Host, s.site.Hosts) {
			continue
		}
		seen[raw] = true
		out.Writes.SiteLinks = append(out.Writes.SiteLinks, raw)
	}
	if len(out.Writes.SiteLinks) > 0 {
		out.Writes.SiteSource, out.Writes.SitePage, out.Writes.SeenAt = s.source, p.URL.String(), s.now()
	}
	return out, nil
}

// onSite reports whether host is one of the site's, as one machine's
// crawl compares them (case, a leading "www." and the port aside).
func (s *siteCrawl) onSite(host string) bool {
	for _, h := range s.site.Hosts {
		if sameSite(host, h) {
			return true
		}
	}
	return false
}
