package crawlers

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"archivio/parsers"
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
	if u == nil || (u.Scheme != "http" && u.Scheme != "https") || !sameSite(u.Host, s.base.Host) {
		return target{}, false
	}
	if id, ok := parsers.RecordID(u.Path); ok {
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
	c := *s.base
	c.Path, c.RawPath, c.RawQuery, c.Fragment = fmt.Sprintf("/scheda-processo/%d", id), "", "", ""
	return target{key: fmt.Sprintf("record:%d", id), url: c.String(), recordID: id}
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
