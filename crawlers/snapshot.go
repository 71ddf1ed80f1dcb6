package crawlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
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
	// Fetched, when set, is Start's answer that the caller archived a
	// moment ago (the link check's GET of the same URL): the snapshot
	// reads Start's links from it instead of asking the site again.
	Fetched *Page
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
// A snapshot is a crawl (Run) whose scope is Start's site: its seed is
// Start, its host Start's, every path, Depth link hops, with a frontier in
// memory and pages fetched in the order they were queued, breadth first.
// Only links on the same site as Start are followed (ignoring a leading
// "www." and the port), never to files that are not pages (images,
// documents, by extension: Start itself is always fetched), and only from
// pages that answered 200 with an HTML content type. Redirects are
// followed within the site where robots.txt allows; other redirect
// answers are kept as they are. A page a redirect led to is not fetched
// again, nor is Start when the caller gives its answer (Fetched).
//
// Snapshot returns an error only when Start itself was not fetched: a
// bad option, robots.txt unreadable (RFC 9309: assume everything
// forbidden) or forbidding Start (ErrStartDisallowed), no answer for
// Start, or an answer the transport could not archive. Failures of other
// pages count in Errors. When ctx ends, Snapshot stops promptly (a page
// in flight gets DefaultDrain to finish) and returns what it fetched with
// ctx's error. The result is nil only for bad options.
func Snapshot(ctx context.Context, o SnapshotOptions) (*SnapshotResult, error) {
	start, err := o.defaults()
	if err != nil {
		return nil, err
	}
	res := &SnapshotResult{}
	var mu sync.Mutex  // guards res and noAnswer against the crawl's callbacks
	var noAnswer error // why a page got no answer; Start's when no page did
	var stats Stats
	base := &url.URL{Scheme: start.Scheme, Host: start.Host}
	site := &Site{Seeds: []string{start.String()}, Hosts: []string{start.Host}, Prefixes: []string{"/"}, MaxDepth: o.Depth}
	frontier := &memFrontier{}
	resume, archived := fetchedStart(frontier, &scope{base: base, site: site}, start, o.Fetched)
	err = Run(ctx, Options{
		Base: base, UserAgent: o.UserAgent, Transport: o.Transport,
		Frontier: frontier, Parallel: 1, Delay: o.Delay, Timeout: o.Timeout, MaxPages: o.MaxPages, Logger: o.Logger,
		Site: site, Resume: resume, Archived: archived,
		workers: 1, requestTimeout: o.Timeout,
		OnPage: func(_ context.Context, p Page) error {
			mu.Lock()
			defer mu.Unlock()
			res.Pages = append(res.Pages, SnapshotPage{URL: p.URL, Status: p.Status, CaptureID: p.CaptureID, Depth: p.Depth, Truncated: p.Truncated})
			if p.Status >= 400 {
				res.Errors++
			}
			if p.Truncated != "" {
				res.Cut++
				o.Logger.Warn("snapshot: body cut", "url", p.URL, "reason", p.Truncated)
			}
			o.Logger.Debug("snapshot: fetched", "url", p.URL, "status", p.Status, "capture", p.CaptureID, "depth", p.Depth)
			return nil
		},
		OnError: func(_ context.Context, u, kind string, err error) {
			mu.Lock()
			defer mu.Unlock()
			res.Errors++
			if noAnswer == nil {
				noAnswer = err
			}
			o.Logger.Warn("snapshot: fetch failed", "url", u, "kind", kind, "err", err)
		},
	}, &stats)
	res.Blocked = int(stats.Blocked.Load())
	switch {
	case err != nil:
		return res, fmt.Errorf("snapshot %s: %w", start, err)
	case len(res.Pages) > 0:
		return res, nil
	case noAnswer != nil:
		return res, fmt.Errorf("snapshot %s: %w", start, noAnswer)
	case res.Blocked > 0:
		return res, fmt.Errorf("snapshot %s: %w", start, ErrStartDisallowed)
	}
	return res, fmt.Errorf("snapshot %s: no answer", start)
}

// fetchedStart makes Start's answer already fetched the snapshot's first
// page: queued in the frontier and taken as a resumed entry from the
// archive, so the crawl reads its links and does not fetch it again.
func fetchedStart(f *memFrontier, sc *scope, start *url.URL, p *Page) ([]ResumeEntry, func(context.Context, ResumeEntry) (*Page, bool)) {
	if p == nil {
		return nil, nil
	}
	t, ok := sc.classifySite(start, true)
	if !ok {
		return nil, nil
	}
	f.add([]Link{{Key: t.key, URL: t.url}})
	page := *p
	page.Key, page.Depth, page.Links = t.key, 0, nil
	return []ResumeEntry{{Key: t.key, URL: t.url}}, func(_ context.Context, e ResumeEntry) (*Page, bool) {
		if e.Key != t.key {
			return nil, false
		}
		p := page
		return &p, true
	}
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
