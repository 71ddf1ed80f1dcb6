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
)

// Frontier remembers what a crawl has queued and fetched. Enqueue reports
// whether a key is new: a key is fetched once per crawl.
type Frontier interface {
	Enqueue(ctx context.Context, key, url string) (bool, error)
	MarkDone(ctx context.Context, key string) error
}

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
	MaxPages  int               // stop queuing after this many pages, 0 for no limit
	FromID    int               // with ToID: also try every record id in [FromID, ToID]
	ToID      int
	Follow    []string // listing path prefixes to follow, default ["/processi"]
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

func (o *Options) defaults() error {
	if o.Base == nil || o.Transport == nil || o.Frontier == nil || o.OnPage == nil {
		return errors.New("crawl: Base, Transport, Frontier and OnPage are required")
	}
	if o.UserAgent == "" {
		return errors.New("crawl: a User-Agent naming archivio is required")
	}
	if o.Parallel <= 0 {
		o.Parallel = 2
	}
	if o.Delay < 0 {
		o.Delay = 0
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.Follow == nil {
		o.Follow = []string{"/processi"}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// crawler is one run: a colly collector bound to the run's context.
type crawler struct {
	opts   Options
	scope  scope
	robots *robots
	c      *colly.Collector
	stats  *Stats
	ctx    context.Context // the run's: canceled by fail
	cancel context.CancelFunc
	queue  *queue

	mu         sync.Mutex
	err        error // the first fatal error (an archive that cannot be written)
	queued     int
	client     *http.Client       // for robots.txt and sitemaps
	hostRobots map[string]*robots // robots.txt of a site source's other hosts
	// seen holds the keys this run has offered the frontier: most links
	// (navigation, listings) repeat on every page, and the frontier need
	// hear of each only once. Keys are short, so this stays small.
	seen map[string]bool
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
	client := &http.Client{Transport: opts.Transport, Timeout: opts.Timeout}
	cr := &crawler{opts: opts, scope: scope{base: opts.Base, prefixes: opts.Follow, site: opts.Site}, stats: stats, ctx: runCtx, cancel: cancel,
		queue: newQueue(), seen: map[string]bool{}, client: client, hostRobots: map[string]*robots{}}
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
		cr.resume(e)
	}
	// Seeding again on resume finds what an interrupted seeding missed; the
	// frontier skips every key already queued or done.
	cr.seed(ctx, client, delay)
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
	c := newCollector(cr.ctx, o.UserAgent, o.Transport)
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

// seed queues the starting points: the home page, the sitemaps' pages and
// the enumerated ids.
func (cr *crawler) seed(ctx context.Context, client *http.Client, delay time.Duration) {
	o := cr.opts
	if o.Site != nil {
		for _, s := range o.Site.Seeds {
			if u, err := url.Parse(s); err == nil {
				if t, ok := cr.scope.classify(u); ok {
					cr.request(t.key, t.url, 0, 0)
				}
			}
		}
		return
	}
	home, _ := cr.scope.classify(o.Base.ResolveReference(&url.URL{Path: "/"}))
	cr.request(home.key, home.url, 0, 0)

	sitemaps := cr.robots.sitemaps
	if len(sitemaps) == 0 {
		sitemaps = []string{o.Base.ResolveReference(&url.URL{Path: "/sitemap.xml"}).String()}
	}
	wait := func(ctx context.Context) error {
		return sleepCtx(ctx, delay+jitter(delay/2))
	}
	// A sitemap, listed or nested in an index, is read only on the site
	// and where robots.txt allows.
	allowed := func(s string) bool {
		u, err := url.Parse(s)
		return err == nil && sameSite(u.Host, o.Base.Host) && cr.robots.allowed(u)
	}
	pages, err := readSitemaps(ctx, client, o.UserAgent, sitemaps, wait, allowed)
	if err != nil {
		return
	}
	for _, p := range pages {
		cr.link(p, 0)
	}
	for id := o.FromID; id > 0 && id <= o.ToID; id++ {
		t := cr.scope.record(id)
		cr.request(t.key, t.url, id, 0)
	}
}

func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d)
}

// link queues a URL discovered at depth when the crawl follows it.
func (cr *crawler) link(raw string, depth int) {
	u, err := url.Parse(raw)
	if err != nil {
		return
	}
	if t, ok := cr.scope.classify(u); ok {
		cr.request(t.key, t.url, t.recordID, depth)
	}
}

// request queues a URL unless its key was seen, robots.txt forbids it, or
// the page limit is reached.
func (cr *crawler) request(key, rawURL string, recordID, depth int) {
	if cr.ctx.Err() != nil {
		return
	}
	if s := cr.opts.Site; s != nil && depth > s.MaxDepth {
		return
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return
	}
	if !cr.allowed(u) {
		cr.stats.Blocked.Add(1)
		return
	}
	cr.mu.Lock()
	if cr.seen[key] || (cr.opts.MaxPages > 0 && cr.queued >= cr.opts.MaxPages) {
		cr.mu.Unlock()
		return
	}
	cr.seen[key] = true
	added, err := cr.opts.Frontier.Enqueue(cr.ctx, key, rawURL)
	if err != nil || !added {
		cr.mu.Unlock()
		if err != nil {
			cr.fail(err)
		}
		return
	}
	cr.queued++
	cr.mu.Unlock()
	cr.send(key, rawURL, recordID, depth)
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
	rid := 0
	if strings.HasPrefix(e.Key, "record:") {
		rid, _ = strconv.Atoi(strings.TrimPrefix(e.Key, "record:"))
	}
	cr.mu.Lock()
	cr.queued++
	cr.seen[e.Key] = true
	cr.mu.Unlock()
	cr.send(e.Key, e.URL, rid, 0)
}

func (cr *crawler) send(key, rawURL string, recordID, depth int) {
	cr.stats.Queued.Add(1)
	cr.queue.push(job{key: key, url: rawURL, recordID: recordID, depth: depth})
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
	if err := cr.c.Request(http.MethodGet, j.url, nil, ctx, nil); err != nil && cr.ctx.Err() == nil {
		cr.opts.Logger.Debug("not requested", "url", j.url, "err", err)
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
	key := r.Ctx.Get("key")
	rid, _ := strconv.Atoi(r.Ctx.Get("record"))
	depth, _ := strconv.Atoi(r.Ctx.Get("depth"))
	restoreContentType(*r.Headers)
	capture, _ := strconv.ParseInt(r.Headers.Get(archive.CaptureHeader), 10, 64)
	p := Page{
		URL: r.Request.URL.String(), Key: key, RecordID: rid, Status: r.StatusCode,
		Header: *r.Headers, Body: r.Body, CaptureID: capture, Truncated: r.Headers.Get(archive.TruncatedHeader),
		BodyCut: bodyCut(r), Depth: depth,
	}
	if n, err := strconv.ParseInt(r.Headers.Get(archive.LengthHeader), 10, 64); err == nil {
		cr.stats.Bytes.Add(n) // the whole body, of which colly read at most MaxPageBody
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

// bodyCut reports whether colly read only part of a body: the recording
// transport says how long the body it handed on is.
func bodyCut(r *colly.Response) bool {
	n, err := strconv.ParseInt(r.Headers.Get(archive.LengthHeader), 10, 64)
	return err == nil && n > int64(len(r.Body))
}

// handle gives a page to OnPage, notes it done, and follows its links when
// it is an HTML page that answered 200.
func (cr *crawler) handle(p *Page) {
	if err := cr.opts.OnPage(cr.ctx, *p); err != nil {
		cr.fail(err)
		return
	}
	if err := cr.opts.Frontier.MarkDone(cr.ctx, p.Key); err != nil {
		cr.fail(err)
		return
	}
	if p.Status != http.StatusOK || !strings.Contains(p.Header.Get("Content-Type"), "html") {
		return
	}
	u, err := url.Parse(p.URL)
	if err != nil {
		return
	}
	for _, l := range pageLinks(p.Body, u) {
		cr.link(l, p.Depth+1)
	}
}

func (cr *crawler) onError(r *colly.Response, err error) {
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
	if err := cr.opts.Frontier.MarkDone(cr.ctx, r.Ctx.Get("key")); err != nil {
		cr.fail(err)
	}
}

// replay handles a page taken from the archive as if just fetched: the
// callback, then link discovery.
func (cr *crawler) replay(p *Page) {
	cr.stats.Queued.Add(1)
	cr.handle(p)
}
