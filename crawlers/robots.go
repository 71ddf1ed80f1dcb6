package crawlers

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsAgent is the product token archivio matches in robots.txt groups.
const robotsAgent = "archivio"

// robots is a site's robots.txt as it applies to archivio.
type robots struct {
	data     *robotstxt.RobotsData
	sitemaps []string
	delay    time.Duration
}

// fetchRobots reads base's robots.txt through client (so it is archived).
// A missing robots.txt (4xx) allows everything; a 5xx forbids everything,
// as the robots exclusion standard (RFC 9309) says; a fetch error is an
// error: the site cannot be crawled now.
func fetchRobots(ctx context.Context, client *http.Client, base *url.URL, ua string) (*robots, error) {
	u := base.ResolveReference(&url.URL{Path: "/robots.txt"})
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("robots.txt: %w", err)
	}
	req.Header.Set("User-Agent", ua)
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("robots.txt: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusTooManyRequests {
		// Not "no robots.txt": the site asks to slow down, even after
		// the retries.
		return nil, fmt.Errorf("robots.txt: the site answers 429 Too Many Requests")
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10)) // RFC 9309: at least 500 KiB
	if err != nil {
		return nil, fmt.Errorf("robots.txt: %w", err)
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return nil, fmt.Errorf("robots.txt: %w", err)
	}
	g := data.FindGroup(robotsAgent)
	return &robots{data: data, sitemaps: data.Sitemaps, delay: g.CrawlDelay}, nil
}

// allowed reports whether robots.txt lets archivio fetch u.
func (r *robots) allowed(u *url.URL) bool {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	// TestAgent, unlike a group's Test, also honours the "disallow all"
	// that a 5xx answer for robots.txt means.
	return r.data.TestAgent(p, robotsAgent)
}
