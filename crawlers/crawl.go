package crawlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"

	"archivio/archive"
	"archivio/source/osservatorio"
)

// Page is a fetched page handed to Options.OnPage.
type Page struct {
	URL       string // the URL fetched (after redirects)
	Key       string // the frontier key it was queued under
	RecordID  int    // the observatory record id, 0 for other pages
	Status    int
	Header    http.Header
	Body      []byte // decoded of any content coding, at most MaxPageBody bytes
	CaptureID int64  // the catalog id of the archived response, 0 if unknown
	Truncated string // why the archived body was cut (its WARC-Truncated), "" when whole
	// BodyCut says Body is only the first MaxPageBody bytes of a longer
	// page (archived whole unless Truncated says otherwise).
	BodyCut bool
	Depth   int // links followed from a seed (site sources)
	// Links are the targets of the page's links (<a href>, <area href>),
	// resolved, read once by the crawl from an HTML page that answered
	// 200 (from its first MaxPageBody bytes); nil for other pages.
	Links []string
}

// Options configure a crawl. Zero values take the documented defaults.
type Options struct {
	Base      *url.URL          // the site, e.g. https://www.osservatoriopartecipazione.it
	UserAgent string            // must name archivio and a contact URL
	Transport http.RoundTripper // the archiving transport chain (required)
	Frontier  Frontier          // required
	Parallel  int               // concurrent requests to the site, default 2
	Delay     time.Duration     // pause between requests, default 1s, plus up to half again of jitter; robots.txt's Crawl-delay wins when longer
	Timeout   time.Duration     // per request, default 30s
	Drain     time.Duration     // how long pages in flight may finish when the crawl stops, default DefaultDrain
	MaxPages  int               // stop queuing after this many pages, 0 for no limit
	FromID    int               // with ToID: also try every record id in [FromID, ToID], at most MaxIDs of them
	ToID      int
	// Known are the ids of the records the archive holds: each is
	// requested even when no page links to it any more, so that a record
	// that vanished from the site is reported, not silently dropped.
	// Ignored for site sources.
	Known  []int
	Follow []string // listing path prefixes to follow, default ["/processi"]
	// Site, when set, makes this a crawl of a site source (municipal
	// pages) instead of the observatory: its seeds, hosts, path prefixes
	// and depth replace the observatory's home, sitemaps and listings.
	Site *Site
	// Resume, when set, continues an interrupted crawl: these queued
	// entries are fetched instead of starting from the home page.
	Resume []ResumeEntry
	// Archived, when set, returns a resumed entry's page when the
	// interrupted crawl had already captured it (and died before noting
	// so): it is processed from the archive instead of fetched again.
	Archived func(ctx context.Context, e ResumeEntry) (*Page, bool)
	// Conditional returns the validators of the last good capture of a URL
	// for a conditional request ("" when none). Only record pages are asked
	// conditionally: listing pages are fetched whole, since a 304 would
	// hide the links a crawl discovers through them.
	Conditional func(ctx context.Context, url string) (etag, lastModified string)
	OnPage      func(ctx context.Context, p Page) error // required
	// OnError hears of fetches that got no response.
	OnError func(ctx context.Context, url, kind string, err error)
	Logger  *slog.Logger
}

// Site is a site source's scope.
type Site struct {
	Seeds    []string // where the crawl starts
	Hosts    []string // hosts it may fetch from (a leading "www." and the port do not matter)
	Prefixes []string // path prefixes it follows, e.g. "/partecipa"; "/" for the whole site
	MaxDepth int      // links followed from a seed
}

// ResumeEntry is a queued frontier entry of an interrupted crawl.
type ResumeEntry struct{ Key, URL string }

// Stats count what a crawl did. Read them with Snapshot while it runs.
type Stats struct {
	Queued, Fetched, NotModified, Errors, Blocked, Bytes atomic.Int64
}

// StatsSnapshot is a copy of Stats.
type StatsSnapshot struct {
	Queued, Fetched, NotModified, Errors, Blocked, Bytes int64
}

// Snapshot copies the counters.
func (s *Stats) Snapshot() StatsSnapshot {
	return StatsSnapshot{s.Queued.Load(), s.Fetched.Load(), s.NotModified.Load(), s.Errors.Load(), s.Blocked.Load(), s.Bytes.Load()}
}

// MaxParallel is the most concurrent requests a crawl makes to a site.
const MaxParallel = 32

func (o *Options) defaults() error {
	if o.Base == nil || o.Transport == nil || o.Frontier == nil || o.OnPage == nil {
		return errors.New("crawl: Base, Transport, Frontier and OnPage are required")
	}
	if o.UserAgent == "" {
		return errors.New("crawl: a User-Agent naming archivio is required")
	}
	switch {
	case o.Parallel < 0 || o.Parallel > MaxParallel:
		return fmt.Errorf("crawl: parallel %d: want 1 to %d (0 for the default)", o.Parallel, MaxParallel)
	case o.Delay < 0:
		return fmt.Errorf("crawl: delay %v: must not be negative", o.Delay)
	case o.Timeout < 0:
		return fmt.Errorf("crawl: timeout %v: must not be negative", o.Timeout)
	case o.MaxPages < 0:
		return fmt.Errorf("crawl: max pages %d: must not be negative", o.MaxPages)
	}
	if o.FromID != 0 || o.ToID != 0 {
		if err := CheckIDRange(o.FromID, o.ToID); err != nil {
			return fmt.Errorf("crawl: %w", err)
		}
	}
	if o.Parallel == 0 {
		o.Parallel = 2
	}
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	if o.Drain <= 0 {
		o.Drain = DefaultDrain
	}
	if o.Follow == nil {
		o.Follow = osservatorio.ListingPrefixes()
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// DefaultDrain is how long the pages in flight when a crawl stops may take
// to finish (Options.Drain).
const DefaultDrain = 2 * time.Second

// crawler is one run: a colly collector bound to the run's context.
type crawler struct {
	opts   Options
	scope  scope
	robots *robots
	c      *colly.Collector
	stats  *Stats
	ctx    context.Context // the run's: canceled by fail
	cancel context.CancelFunc
	// fetchCtx carries the pages' requests: it ends Drain after ctx, so
	// that pages in flight when the run stops may finish (see
	// drainContext).
	fetchCtx context.Context
	queue    *queue

	mu         sync.Mutex
	err        error // the first fatal error (an archive that cannot be written)
	queued     int
	client     *http.Client       // for robots.txt and sitemaps
	hostRobots map[string]*robots // robots.txt of a site source's other hosts
	// seen holds the keys the frontier has queued (or settled) for this
	// run: most links (navigation, listings) repeat on every page, and
	// the frontier need hear of each only once. A key joins it only once
	// the frontier has it. Keys are short, so this stays small.
	seen map[string]bool
	// excluded holds the keys the frontier has recorded as excluded.
	excluded map[string]bool
}

// Run crawls the site: robots.txt, its sitemaps (or /sitemap.xml), the home
// page and the listing pages they lead to, and every record page found, each
// record once whatever URL shape links to it. It returns when the frontier
// is exhausted or ctx ends; stats count what was done either way.
func Run(ctx context.Context, opts Options, stats *Stats) error {
	if err := opts.defaults(); err != nil {
		return err
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	fetchCtx, stopDraining := drainContext(runCtx, opts.Drain)
	defer stopDraining()
	client := &http.Client{Transport: opts.Transport, Timeout: opts.Timeout}
	cr := &crawler{opts: opts, scope: scope{base: opts.Base, prefixes: opts.Follow, site: opts.Site}, stats: stats, ctx: runCtx, cancel: cancel,
		fetchCtx: fetchCtx, queue: newQueue(), seen: map[string]bool{}, excluded: map[string]bool{}, client: client, hostRobots: map[string]*robots{}}
	ctx = runCtx

	r, err := fetchRobots(ctx, client, opts.Base, opts.UserAgent)
	if err != nil {
		return fmt.Errorf("crawl %s: %w", opts.Base, err)
	}
	cr.robots = r
	cr.hostRobots[hostKey(opts.Base.Host)] = r
	delay, parallel := opts.Delay, opts.Parallel
	if r.delay > 0 {
		// Crawl-delay is the time between two requests to the site: one at
		// a time, at least that far apart.
		delay, parallel = max(delay, r.delay), 1
		opts.Logger.Info("robots.txt sets a Crawl-delay: one request at a time", "crawl_delay", r.delay, "delay", delay)
	}
	if !r.allowed(opts.Base.ResolveReference(&url.URL{Path: "/"})) {
		opts.Logger.Warn("robots.txt forbids the site's home page", "site", opts.Base.String())
	}
	if err := cr.newCollector(delay, parallel); err != nil {
		return err
	}

	for _, e := range opts.Resume {
		if ctx.Err() != nil {
			break
		}
		cr.resume(e)
	}
	// Seeding again on resume finds what an interrupted seeding missed; the
	// frontier skips every key already queued or settled.
	if err := cr.seed(ctx, client, delay); err != nil && ctx.Err() == nil {
		cr.fail(err)
	}
	// Twice the parallelism keeps the site's request slots busy while
	// workers parse; colly's limit rule does the pacing.
	cr.queue.work(ctx, 2*parallel, cr.fetch)
	if cr.err != nil {
		return cr.err
	}
	return ctx.Err()
}

// newCollector makes the run's collector (see newCollector), paced by
// colly's limit rule.
func (cr *crawler) newCollector(delay time.Duration, parallel int) error {
	o := cr.opts
	c := newCollector(cr.fetchCtx, o.UserAgent, o.Transport)
	// No client-wide timeout: it would cover every retry and backoff.
	// Each attempt has its own, in the Retry transport below colly.
	c.SetRequestTimeout(0)
	c.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return fmt.Errorf("stopped after %d redirects", len(via))
		}
		if !cr.scope.onSite(req.URL.Host) {
			return http.ErrUseLastResponse // off-site: keep the redirect answer
		}
		if !cr.allowed(req.URL) {
			cr.stats.Blocked.Add(1)
			return http.ErrUseLastResponse // robots.txt forbids the target
		}
		return nil
	})
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: parallel, Delay: delay, RandomDelay: delay / 2}); err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	c.OnRequest(cr.onRequest)
	c.OnResponse(cr.onResponse)
	c.OnError(cr.onError)
	// No OnHTML callback: links are found by pageLinks, so colly never
	// builds a document tree.
	cr.c = c
	return nil
}

func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d)
}

// allowed checks u against the robots.txt of its host, reading it (through
// the archiving transport) the first time a site source's other host
// comes up. An unreadable robots.txt forbids the host.
func (cr *crawler) allowed(u *url.URL) bool {
	h := hostKey(u.Host)
	cr.mu.Lock()
	r, ok := cr.hostRobots[h]
	cr.mu.Unlock()
	if !ok {
		origin := &url.URL{Scheme: u.Scheme, Host: u.Host}
		var err error
		if r, err = fetchRobots(cr.ctx, cr.client, origin, cr.opts.UserAgent); err != nil {
			cr.opts.Logger.Warn("robots.txt unreadable: host skipped", "host", u.Host, "err", err)
			r = nil
		}
		cr.mu.Lock()
		cr.hostRobots[h] = r
		cr.mu.Unlock()
	}
	return r != nil && r.allowed(u)
}

func hostKey(h string) string { return strings.ToLower(h) }

// resume requests an entry an interrupted crawl had queued but not
// fetched, or processes it from the archive when it had been captured.
func (cr *crawler) resume(e ResumeEntry) {
	if cr.opts.Archived != nil {
		if p, ok := cr.opts.Archived(cr.ctx, e); ok {
			cr.replay(p)
			return
		}
	}
	rid, _ := osservatorio.KeyRecordID(e.Key)
	cr.mu.Lock()
	cr.queued++
	cr.seen[e.Key] = true
	cr.mu.Unlock()
	cr.send(job{key: e.Key, url: e.URL, recordID: rid})
}

func (cr *crawler) send(j job) {
	cr.stats.Queued.Add(1)
	cr.queue.push(j)
}

// fetch runs one queued job through colly and returns when its page and
// callbacks are done.
func (cr *crawler) fetch(j job) {
	if cr.ctx.Err() != nil {
		return
	}
	ctx := colly.NewContext()
	ctx.Put("key", j.key)
	ctx.Put("record", strconv.Itoa(j.recordID))
	ctx.Put("depth", strconv.Itoa(j.depth))
	err := cr.c.Request(http.MethodGet, j.url, nil, ctx, nil)
	if err == nil || cr.ctx.Err() != nil || ctx.Get("handled") != "" {
		return
	}
	// colly refused the request before any callback: settle it, or it
	// would stay queued for ever.
	cr.opts.Logger.Warn("not requested", "url", j.url, "err", err)
	cr.stats.Errors.Add(1)
	if cr.opts.OnError != nil {
		cr.opts.OnError(cr.ctx, j.url, "not_requested", err)
	}
	if err := cr.commit(j.key, &Outcome{archive.FrontierFailed, "not_requested"}, nil); err != nil {
		cr.fail(err)
	}
}

// fail records the first fatal error and stops the run: what is queued
// stays queued for --resume.
func (cr *crawler) fail(err error) {
	cr.mu.Lock()
	if cr.err == nil {
		cr.err = err
	}
	cr.mu.Unlock()
	cr.cancel()
}

func (cr *crawler) onRequest(r *colly.Request) {
	if cr.ctx.Err() != nil {
		r.Abort()
		return
	}
	if cr.opts.Conditional != nil && r.Ctx.Get("record") != "0" {
		etag, lm := cr.opts.Conditional(cr.ctx, r.URL.String())
		if etag != "" {
			r.Headers.Set("If-None-Match", etag)
		}
		if lm != "" {
			r.Headers.Set("If-Modified-Since", lm)
		}
	}
}

func (cr *crawler) onResponse(r *colly.Response) {
	r.Ctx.Put("handled", "1")
	if cr.ctx.Err() != nil {
		// Finished while the run drained: archived whole, and left queued
		// for --resume, which takes it from the archive.
		return
	}
	key := r.Ctx.Get("key")
	rid, _ := strconv.Atoi(r.Ctx.Get("record"))
	depth, _ := strconv.Atoi(r.Ctx.Get("depth"))
	restoreContentType(*r.Headers)
	mark := archive.ReadCaptureMark(*r.Headers)
	p := Page{
		URL: r.Request.URL.String(), Key: key, RecordID: rid, Status: r.StatusCode,
		Header: *r.Headers, Body: r.Body, CaptureID: mark.ID, Truncated: mark.Truncated,
		// The recording transport says how long the body it handed on is:
		// colly read at most MaxPageBody of it.
		BodyCut: mark.Length > int64(len(r.Body)), Depth: depth,
	}
	if mark.Length >= 0 {
		cr.stats.Bytes.Add(mark.Length) // the whole body, of which colly read at most MaxPageBody
	} else {
		cr.stats.Bytes.Add(int64(len(r.Body)))
	}
	if r.StatusCode == http.StatusNotModified {
		cr.stats.NotModified.Add(1)
	} else {
		cr.stats.Fetched.Add(1)
	}
	cr.handle(&p)
}

// handle gives a page to OnPage, then settles it and queues the links it
// leads to (when it is an HTML page that answered 200) in one step.
func (cr *crawler) handle(p *Page) {
	p.Links = htmlLinks(p)
	if err := cr.opts.OnPage(cr.ctx, *p); err != nil {
		cr.fail(err)
		return
	}
	if p.Truncated != "" && cr.ctx.Err() != nil {
		return // cut by the stop, maybe: left queued, a resumed crawl fetches it again
	}
	o := cr.outcome(p)
	if err := cr.commit(p.Key, &o, cr.screen(cr.pageCandidates(p))); err != nil {
		cr.fail(err)
	}
}

func (cr *crawler) onError(r *colly.Response, err error) {
	r.Ctx.Put("handled", "1")
	if r.StatusCode != 0 {
		return // an HTTP answer: onResponse has it (ParseHTTPErrorResponse)
	}
	if errors.Is(err, archive.ErrNotArchived) {
		cr.fail(fmt.Errorf("crawl stopped: %w", err)) // left queued: nothing unarchived is used
		return
	}
	kind := ErrorKind(err)
	if kind == "canceled" || cr.ctx.Err() != nil {
		return // left queued: a resumed crawl fetches it
	}
	cr.stats.Errors.Add(1)
	u := r.Request.URL.String()
	cr.opts.Logger.Warn("fetch failed", "url", u, "kind", kind, "err", err)
	if cr.opts.OnError != nil {
		cr.opts.OnError(cr.ctx, u, kind, err)
	}
	if err := cr.commit(r.Ctx.Get("key"), &Outcome{archive.FrontierFailed, kind}, nil); err != nil {
		cr.fail(err)
	}
}

// replay handles a page taken from the archive as if just fetched: the
// callback, then link discovery.
func (cr *crawler) replay(p *Page) {
	cr.stats.Queued.Add(1)
	cr.handle(p)
}
