package crawlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"

	"archivio/archive"
)

// Snapshot defaults. DefaultSnapshotDepth is archivio's configured default
// for Depth; the zero Depth means "only Start".
const (
	DefaultSnapshotDepth    = 1
	DefaultSnapshotMaxPages = 25
	DefaultSnapshotDelay    = time.Second
	DefaultSnapshotTimeout  = 20 * time.Second
)

// ErrSnapshotOptions is wrapped by Snapshot's errors for bad options.
var ErrSnapshotOptions = errors.New("invalid snapshot options")

// ErrStartDisallowed is wrapped by Snapshot's error when the site's
// robots.txt forbids archivio the start page itself.
var ErrStartDisallowed = errors.New("robots.txt disallows the start page")

// SnapshotOptions configure a Snapshot. Zero values take the documented
// defaults; Start, Transport and UserAgent are required.
type SnapshotOptions struct {
	Start string // the website URL: an absolute http(s) URL
	// Depth is how many link hops from Start are followed: 0 fetches only
	// Start, 1 (DefaultSnapshotDepth) also the pages Start links to.
	Depth    int
	MaxPages int // pages fetched at most, Start included; default 25
	// Transport carries every request, robots.txt included: the
	// archiving, guarded transport chain. Required.
	Transport http.RoundTripper
	UserAgent string // required: names archivio and a contact URL
	// Delay is the pause between two requests to the site, default 1s,
	// plus up to half again of jitter; robots.txt's Crawl-delay wins when
	// longer.
	Delay   time.Duration
	Timeout time.Duration // per request, redirects included; default 20s
	Logger  *slog.Logger  // debug notes and failed fetches; default discards
}

// SnapshotResult is what a Snapshot fetched.
type SnapshotResult struct {
	Pages []SnapshotPage // every answer, in fetch order; Start first
	// Blocked counts same-site links within Depth (and same-site
	// redirects) that robots.txt forbids, each URL once.
	Blocked int
	// Errors counts fetches that got no answer, and answers with a 4xx
	// or 5xx status (those are in Pages too: their answer was archived).
	Errors int
	// Cut counts pages whose body was archived cut (WARC-Truncated: past
	// the size limit as received or decoded, a timeout, a dropped
	// connection); they are in Pages, with the reason.
	Cut int
}

// SnapshotPage is one fetched page.
type SnapshotPage struct {
	URL       string // the URL whose answer was kept: the one fetched, after same-site redirects
	Status    int
	CaptureID int64  // the catalog id of the archived answer, 0 if unknown
	Depth     int    // link hops from Start
	Truncated string // why the archived body was cut (its WARC-Truncated), "" when whole
}

// Snapshot keeps a copy of a website while it lives: it fetches Start and
// the same-site HTML pages it leads to, up to Depth link hops and MaxPages
// pages, each URL once, one request at a time and politely (robots.txt and
// its Crawl-delay, a delay with jitter between requests). Archiving is the
// transport's: Snapshot only reports what was fetched and the capture ids
// the transport put in its capture mark (archive.ReadCaptureMark).
//
// Only links on the same site as Start are followed (ignoring a leading
// "www." and the port), never to files that are not pages (images,
// documents, by extension: Start itself is always fetched), and only from
// pages that answered 200 with an HTML content type. Redirects are
// followed within the site where robots.txt allows; other redirect
// answers are kept as they are.
//
// Snapshot returns an error only when Start itself was not fetched: a
// bad option, robots.txt unreadable (RFC 9309: assume everything
// forbidden) or forbidding Start (ErrStartDisallowed), no answer for
// Start, or an answer the transport could not archive. Failures of other
// pages count in Errors. When ctx ends, Snapshot stops promptly and
// returns what it fetched with ctx's error. The result is nil only for
// bad options.
func Snapshot(ctx context.Context, o SnapshotOptions) (*SnapshotResult, error) {
	start, err := o.defaults()
	if err != nil {
		return nil, err
	}
	s := &snapshotter{opts: o, start: start, ctx: ctx, res: &SnapshotResult{},
		seen: map[string]bool{}, done: map[string]bool{}}
	if err := s.run(); err != nil {
		return s.res, fmt.Errorf("snapshot %s: %w", start, err)
	}
	return s.res, nil
}

// defaults checks o, applies the defaults and returns Start parsed.
func (o *SnapshotOptions) defaults() (*url.URL, error) {
	var errs []error
	start, err := url.Parse(strings.TrimSpace(o.Start))
	switch {
	case err != nil:
		errs = append(errs, fmt.Errorf("Start: %w", err))
	case start.Scheme != "http" && start.Scheme != "https" || start.Hostname() == "":
		errs = append(errs, fmt.Errorf("Start %q: not an absolute http(s) URL", o.Start))
	}
	if o.Transport == nil {
		errs = append(errs, errors.New("Transport: required"))
	}
	if strings.TrimSpace(o.UserAgent) == "" {
		errs = append(errs, errors.New("UserAgent: required"))
	}
	if o.Depth < 0 || o.MaxPages < 0 || o.Delay < 0 || o.Timeout < 0 {
		errs = append(errs, errors.New("Depth, MaxPages, Delay, Timeout: must not be negative"))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrSnapshotOptions, errors.Join(errs...))
	}
	start.Fragment, start.RawFragment = "", ""
	if o.MaxPages == 0 {
		o.MaxPages = DefaultSnapshotMaxPages
	}
	if o.Delay == 0 {
		o.Delay = DefaultSnapshotDelay
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultSnapshotTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return start, nil
}

// snapJob is a queued page and its distance from Start.
type snapJob struct {
	url   string
	depth int
}

// snapshotter is one Snapshot: a colly collector bound to its context,
// used by one goroutine, one request at a time.
type snapshotter struct {
	opts   SnapshotOptions
	start  *url.URL
	ctx    context.Context
	robots *robots
	c      *colly.Collector
	delay  time.Duration
	res    *SnapshotResult
	seen   map[string]bool // snapshotKey of every URL queued, blocked or fetched
	done   map[string]bool // snapshotKey of every URL whose answer was kept
	queue  []snapJob

	// The answer to the request in flight, set by colly's callbacks
	// (which run before Request returns: the collector is synchronous).
	resp    *colly.Response
	respErr error
}

func (s *snapshotter) run() error {
	o := s.opts
	client := &http.Client{Transport: o.Transport, Timeout: o.Timeout}
	r, err := fetchRobots(s.ctx, client, s.start, o.UserAgent)
	if err != nil {
		return err
	}
	s.robots = r
	s.delay = max(o.Delay, r.delay)
	if !r.allowed(s.start) {
		s.res.Blocked++
		return ErrStartDisallowed
	}
	s.newCollector()

	s.seen[snapshotKey(s.start)] = true
	s.queue = append(s.queue, snapJob{url: s.start.String()})
	for fetched := 0; len(s.queue) > 0 && fetched < o.MaxPages; {
		j := s.queue[0]
		s.queue = s.queue[1:]
		if u, err := url.Parse(j.url); err == nil && s.done[snapshotKey(u)] {
			continue // a redirect led to it after it was queued
		}
		fetched++
		// The pause comes before each page, Start's too (robots.txt was
		// the request before it). It is ours rather than a colly
		// LimitRule's: colly sleeps without heeding the context.
		if err := sleepCtx(s.ctx, s.delay+jitter(s.delay/2)); err != nil {
			return err
		}
		if err := s.fetch(j); err != nil {
			return err
		}
	}
	return s.ctx.Err()
}

// newCollector makes the snapshot's collector (see newCollector).
func (s *snapshotter) newCollector() {
	o := s.opts
	c := newCollector(s.ctx, o.UserAgent, o.Transport)
	c.SetRequestTimeout(o.Timeout)
	c.SetRedirectHandler(s.redirect)
	c.OnRequest(func(r *colly.Request) {
		if s.ctx.Err() != nil {
			r.Abort()
		}
	})
	c.OnResponse(func(r *colly.Response) { s.resp = r })
	c.OnError(func(r *colly.Response, err error) {
		if r.StatusCode == 0 {
			s.respErr = err
		}
	})
	// No OnHTML callback: links are found by pageLinks.
	s.c = c
}

// redirect follows redirects within the site, where robots.txt allows.
func (s *snapshotter) redirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return fmt.Errorf("stopped after %d redirects", len(via))
	}
	if !sameSite(req.URL.Host, s.start.Host) {
		return http.ErrUseLastResponse // off-site: keep the redirect answer
	}
	if !s.robots.allowed(req.URL) {
		if k := snapshotKey(req.URL); !s.seen[k] {
			s.seen[k] = true
			s.res.Blocked++
		}
		return http.ErrUseLastResponse
	}
	return nil
}

// fetch requests one page, notes the answer and queues its links. Its
// error ends the snapshot: Start not fetched, or an answer not archived.
func (s *snapshotter) fetch(j snapJob) error {
	s.resp, s.respErr = nil, nil
	err := s.c.Request(http.MethodGet, j.url, nil, nil, nil)
	if s.resp == nil && s.respErr == nil {
		s.respErr = err // refused before sending, e.g. an unparsable URL
	}
	if s.resp == nil {
		switch {
		case s.ctx.Err() != nil:
			return s.ctx.Err()
		case errors.Is(s.respErr, archive.ErrNotArchived):
			return s.respErr
		}
		s.res.Errors++
		if j.depth == 0 {
			if s.respErr == nil {
				s.respErr = errors.New("no answer")
			}
			return s.respErr
		}
		s.opts.Logger.Warn("snapshot: fetch failed", "url", j.url, "kind", ErrorKind(s.respErr), "err", s.respErr)
		return nil
	}
	r := s.resp
	restoreContentType(*r.Headers)
	mark := archive.ReadCaptureMark(*r.Headers)
	capture := mark.ID
	final := r.Request.URL
	s.seen[snapshotKey(final)] = true
	s.done[snapshotKey(final)] = true
	cut := mark.Truncated
	s.res.Pages = append(s.res.Pages, SnapshotPage{URL: final.String(), Status: r.StatusCode, CaptureID: capture, Depth: j.depth, Truncated: cut})
	if r.StatusCode >= 400 {
		s.res.Errors++
	}
	if cut != "" {
		s.res.Cut++
		s.opts.Logger.Warn("snapshot: body cut", "url", final.String(), "reason", cut)
	}
	s.opts.Logger.Debug("snapshot: fetched", "url", final.String(), "status", r.StatusCode, "capture", capture, "depth", j.depth)
	if r.StatusCode != http.StatusOK || j.depth >= s.opts.Depth || !strings.Contains(r.Headers.Get("Content-Type"), "html") {
		return nil
	}
	for _, l := range pageLinks(r.Body, final) {
		s.link(l, j.depth+1)
	}
	return nil
}

// link queues a discovered URL when the snapshot follows it: http(s), on
// Start's site, not a file by its extension, not seen, allowed by
// robots.txt (counted in Blocked when not).
func (s *snapshotter) link(raw string, depth int) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !sameSite(u.Host, s.start.Host) {
		return
	}
	if skipExt[strings.ToLower(path.Ext(u.Path))] {
		return
	}
	u.Fragment, u.RawFragment = "", ""
	k := snapshotKey(u)
	if s.seen[k] {
		return
	}
	s.seen[k] = true
	if !s.robots.allowed(u) {
		s.res.Blocked++
		return
	}
	s.queue = append(s.queue, snapJob{url: u.String(), depth: depth})
}

// snapshotKey identifies a page within a snapshot: host (lower case,
// without a default port), path and query; not the scheme, so that a
// site's http and https links to a page fetch it once, and not the
// fragment.
func snapshotKey(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	return host + p + querySuffix(u.RawQuery)
}
