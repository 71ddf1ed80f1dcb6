package crawlers

import (
	"net/url"
	"path"
	"strings"

	"archivio/source/osservatorio"
)

// target is a URL the crawl may fetch, with the key that de-duplicates it.
type target struct {
	key      string
	url      string
	recordID int
}

// scope decides what a crawl fetches: the site's record pages, whatever
// URL shape links to them, and its listing pages.
type scope struct {
	base     *url.URL
	prefixes []string // listing paths to follow, e.g. "/processi"
	site     *Site    // a site source's scope, nil for the observatory
}

// onSite reports whether a host belongs to the crawl.
func (s *scope) onSite(host string) bool {
	if s.site == nil {
		return sameSite(host, s.base.Host)
	}
	for _, h := range s.site.Hosts {
		if sameSite(host, h) {
			return true
		}
	}
	return false
}

// classifySite is classify for a site source: its hosts, its prefixes,
// pages only (a seed is fetched whatever its file type); every page keyed
// by host, path and query.
func (s *scope) classifySite(u *url.URL, seed bool) (target, bool) {
	if (u.Scheme != "http" && u.Scheme != "https") || !s.onSite(u.Host) {
		return target{}, false
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	if !seed && skipExt[strings.ToLower(path.Ext(p))] {
		return target{}, false
	}
	follow := false
	for _, pre := range s.site.Prefixes {
		follow = follow || pre == "/" || p == pre || strings.HasPrefix(p, strings.TrimSuffix(pre, "/")+"/")
	}
	if !follow {
		return target{}, false
	}
	c := *u
	c.Path, c.Fragment = p, ""
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	return target{key: "url:" + host + p + querySuffix(u.RawQuery), url: c.String()}, true
}

// skipExt are file types that are never pages.
var skipExt = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".svg": true, ".ico": true,
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".zip": true, ".css": true,
	".js": true, ".mp4": true, ".mp3": true, ".odt": true, ".ods": true, ".xml": true, ".json": true,
}

// classify turns a link into a target, or reports that the crawl does not
// follow it. A record page in any shape (http or https,
// /scheda-processo/{id}, /processi/ambito/scheda-processo/{id}) becomes
// the record's canonical URL on the base site, keyed by its id.
func (s *scope) classify(u *url.URL) (target, bool) {
	if u != nil && s.site != nil {
		return s.classifySite(u, false)
	}
	if u == nil || (u.Scheme != "http" && u.Scheme != "https") || !sameSite(u.Host, s.base.Host) {
		return target{}, false
	}
	if id, ok := osservatorio.RecordID(u.Path); ok {
		return s.record(id), true
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	if skipExt[strings.ToLower(path.Ext(p))] {
		return target{}, false
	}
	follow := p == "/"
	for _, pre := range s.prefixes {
		follow = follow || p == pre || strings.HasPrefix(p, strings.TrimSuffix(pre, "/")+"/")
	}
	if !follow {
		return target{}, false
	}
	c := *s.base
	c.Path, c.RawPath, c.RawQuery, c.Fragment = p, "", u.RawQuery, ""
	return target{key: "url:" + p + querySuffix(u.RawQuery), url: c.String()}, true
}

// record is the canonical target of a record id.
func (s *scope) record(id int) target {
	return target{key: osservatorio.RecordKey(id), url: osservatorio.RecordURL(s.base, id).String(), recordID: id}
}

func querySuffix(q string) string {
	if q == "" {
		return ""
	}
	return "?" + q
}

// sameSite compares hosts ignoring case, a leading "www." and the port.
func sameSite(a, b string) bool {
	norm := func(h string) string {
		h = strings.ToLower(h)
		if host, _, found := strings.Cut(h, ":"); found {
			h = host
		}
		return strings.TrimPrefix(h, "www.")
	}
	return norm(a) == norm(b)
}

// Target is how the crawl of site s keys u and the URL it fetches for it,
// or ok false when the crawl does not follow u (a seed is followed
// whatever its file type): the rule one machine's crawl applies, for the
// nodes of a shared catalog.
func (s *Site) Target(u *url.URL, seed bool) (key, target string, ok bool) {
	t, ok := (&scope{site: s}).classifySite(u, seed)
	return t.key, t.url, ok
}
