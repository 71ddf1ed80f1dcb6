package crawlers

import (
	"context"
	"net/http"
	"net/http/cookiejar"

	"github.com/gocolly/colly/v2"
)

// MaxPageBody is the most of a page's body, decoded, that a crawl or a
// snapshot hands on to link discovery and the record parser: 2 MiB, three
// hundred times a typical record page. The archive keeps the whole body
// (up to --max-body); a page longer than this is marked BodyCut: its links
// are read from the first MaxPageBody bytes only, and a record page that
// long is not parsed.
const MaxPageBody = 2 << 20

// newCollector makes a colly collector for archivio, bound to ctx. colly's
// defaults and its COLLY_* environment variables (read by NewCollector
// after the options) are overridden on purpose, field by field:
// robots.txt is obeyed by archivio itself (with Crawl-delay, which colly
// ignores), colly reads at most MaxPageBody of a body (the archiving
// transport has archived all of it, and says its length), nothing is
// cached outside the archive,
// charsets are left to the parsers (charsetShield), de-duplication is the
// caller's, requests are synchronous (callers run their own workers), and
// cookies live in a jar of the run's own.
func newCollector(ctx context.Context, userAgent string, transport http.RoundTripper) *colly.Collector {
	c := colly.NewCollector(colly.StdlibContext(ctx))
	c.UserAgent = userAgent
	c.Headers = nil
	c.Async = false
	c.IgnoreRobotsTxt = true
	c.MaxBodySize = MaxPageBody
	c.MaxDepth = 0
	c.MaxRequests = 0
	c.CacheDir = ""
	c.DetectCharset = false
	c.CheckHead = false
	c.ParseHTTPErrorResponse = true
	c.AllowURLRevisit = true
	c.AllowedDomains = nil
	c.DisallowedDomains = nil
	c.URLFilters = nil
	c.DisallowedURLFilters = nil
	c.TraceHTTP = false
	jar, _ := cookiejar.New(nil) // never fails without options
	c.SetCookieJar(jar)
	c.WithTransport(charsetShield{transport})
	return c
}
