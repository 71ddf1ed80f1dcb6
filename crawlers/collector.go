package crawlers

import (
	"context"
	"net/http"
	"net/http/cookiejar"

	"github.com/gocolly/colly/v2"
)

// newCollector makes a colly collector for archivio, bound to ctx. colly's
// defaults and its COLLY_* environment variables (read by NewCollector
// after the options) are overridden on purpose, field by field:
// robots.txt is obeyed by archivio itself (with Crawl-delay, which colly
// ignores), bodies are limited by the archiving transport (colly would
// cut at 10 MiB silently), nothing is cached outside the archive,
// charsets are left to the parsers (charsetShield), de-duplication is the
// caller's, requests are synchronous (callers run their own workers), and
// cookies live in a jar of the run's own.
func newCollector(ctx context.Context, userAgent string, transport http.RoundTripper) *colly.Collector {
	c := colly.NewCollector(colly.StdlibContext(ctx))
	c.UserAgent = userAgent
	c.Headers = nil
	c.Async = false
	c.IgnoreRobotsTxt = true
	c.MaxBodySize = 0
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
