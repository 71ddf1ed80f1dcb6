package osservatorio

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Name is the source's name in the configuration and the catalog.
const Name = "osservatorio"

// Site is the observatory's address.
const Site = "https://www.osservatoriopartecipazione.it"

// SitemapPath is where a crawl looks for a sitemap when robots.txt lists
// none.
const SitemapPath = "/sitemap.xml"

// recordPath matches the record id in every URL shape the observatory uses:
// /scheda-processo/141, /processi/ambito/scheda-processo/141, with or
// without a trailing slash, query or fragment.
var recordPath = regexp.MustCompile(`(?i)/scheda-processo/(\d{1,9})(?:[/?#.]|$)`)

// RecordID returns the observatory record id in a URL or path, in any of its
// shapes (http or https, /scheda-processo/{id},
// /processi/ambito/scheda-processo/{id}).
func RecordID(u string) (int, bool) {
	m := recordPath.FindStringSubmatch(u)
	if m == nil {
		return 0, false
	}
	id, err := strconv.Atoi(m[1])
	if err != nil || id <= 0 {
		return 0, false
	}
	return id, true
}

// RecordKeyPrefix starts the frontier key of every record page.
const RecordKeyPrefix = "record:"

// RecordKey is the key a crawl queues record id under, whatever URL shape
// led to it: "record:141".
func RecordKey(id int) string { return RecordKeyPrefix + strconv.Itoa(id) }

// KeyRecordID returns the record id of a key made by RecordKey.
func KeyRecordID(key string) (int, bool) {
	s, ok := strings.CutPrefix(key, RecordKeyPrefix)
	if !ok {
		return 0, false
	}
	id, err := strconv.Atoi(s)
	if err != nil || id <= 0 {
		return 0, false
	}
	return id, true
}

// RecordURL is the canonical URL of record id on the site base (the
// observatory, or a mirror of it): base's scheme and host, path
// /scheda-processo/{id}, no query or fragment.
func RecordURL(base *url.URL, id int) *url.URL {
	c := *base
	c.Path, c.RawPath, c.RawQuery, c.Fragment, c.RawFragment = fmt.Sprintf("/scheda-processo/%d", id), "", "", "", ""
	return &c
}

// Home is the site's home page on base.
func Home(base *url.URL) *url.URL {
	return base.ResolveReference(&url.URL{Path: "/"})
}

// ListingPrefixes are the path prefixes of the listing pages a crawl
// follows to find records (with their pagination).
func ListingPrefixes() []string { return []string{"/processi"} }
