package cluster

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"

	"github.com/temoto/robotstxt"

	"archivio/archive/pg"
)

// robotsAgent is the product token archivio matches in robots.txt groups.
const robotsAgent = "archivio"

// robotsCache holds each host's robots.txt as this node read it.
type robotsCache struct {
	mu    sync.Mutex
	hosts map[string]*hostRobots
}

// hostRobots is one host's robots.txt, read once.
type hostRobots struct {
	mu     sync.Mutex
	read   bool
	data   *robotstxt.RobotsData
	reason string // why the host cannot be crawled now ("" when it can)
}

func (c *robotsCache) host(origin string) *hostRobots {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hosts == nil {
		c.hosts = map[string]*hostRobots{}
	}
	h := c.hosts[origin]
	if h == nil {
		h = &hostRobots{}
		c.hosts[origin] = h
	}
	return h
}

// allowed reports whether the host's robots.txt lets archivio fetch u,
// reading it first (archived) when this node has not. A robots.txt that
// cannot be read gives the reason the URL fails instead: the host cannot
// be crawled now. A missing one (4xx) allows everything; a 5xx forbids
// everything (RFC 9309). A Crawl-delay sets the host's pace for every
// node: one fetch at a time, at least that far apart.
func (n *Node) allowed(ctx context.Context, client *http.Client, l pg.Lease, u *url.URL) (ok bool, reason string, err error) {
	origin := u.Scheme + "://" + u.Host
	h := n.robots.host(origin)
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.read {
		if err := h.fetch(ctx, client, origin, n.UserAgent); err != nil {
			return false, "", err
		}
		h.read = true
		if h.data != nil {
			if d := h.data.FindGroup(robotsAgent).CrawlDelay; d > 0 {
				if err := n.Store.SetHostPace(ctx, l.Host, max(d, n.MinDelay), 1); err != nil {
					return false, "", err
				}
			}
		}
	}
	if h.reason != "" {
		return false, h.reason, nil
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return h.data.TestAgent(p, robotsAgent), "", nil
}

// fetch reads the robots.txt of origin through client (so it is
// archived). Only the node's stop is an error.
func (h *hostRobots) fetch(ctx context.Context, client *http.Client, origin, ua string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/robots.txt", nil)
	if err != nil {
		return fmt.Errorf("robots.txt of %s: %w", origin, err)
	}
	if ua != "" {
		req.Header.Set("User-Agent", ua)
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		h.reason = "robots_unavailable"
		return nil
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusTooManyRequests {
		h.reason = "robots_unavailable"
		return nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	if err != nil {
		h.reason = "robots_unavailable"
		return nil
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		h.reason = "robots_unreadable"
		return nil
	}
	h.data = data
	return nil
}
