package crawlers

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"

	"archivio/archive"
	"archivio/source/osservatorio"
)

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
	pacer    *pacer
	// site carries the requests to the site, paced: the pacer over
	// Transport, or Transport itself when the pacer is inside it.
	site http.RoundTripper

	mu     sync.Mutex
	err    error // the first fatal error (an archive that cannot be written)
	queued int
	client *http.Client // robots.txt and sitemaps of the site, paced like its pages
	// hostClient reads the robots.txt of a site source's other hosts,
	// outside the pacing: it may be asked while a redirect holds a slot.
	hostClient *http.Client
	hostRobots map[string]*robots // robots.txt of each host, by hostKey
	// known holds the keys the frontier has queued (or settled) or
	// recorded as excluded, the most recent of them: most links
	// (navigation, listings) repeat on every page, and the frontier need
	// hear of each only once. A key joins it only once the frontier has
	// it. It is bounded (crawlKnownKeys), so the crawl's memory does not
	// grow with the site: a key it has let go is asked of the frontier
	// again.
	known *KeyCache
	// answered holds the keys of pages whose answer came through a
	// redirect from another URL: fetched already, they are not fetched
	// again when their own turn comes.
	answered map[string]bool
	// found holds, for the crawl log, how the crawl came to each queued
	// key that is not a seed, until its page is handled.
	found map[string]found
}

// Run crawls a site within its scope. For the observatory: robots.txt,
// its sitemaps (or /sitemap.xml), the home page and the listing pages they
// lead to, and every record page found, each record once whatever URL
// shape links to it. For a site (Options.Site): its seeds and the pages
// they lead to within its hosts, path prefixes and depth. It returns when
// the frontier is exhausted or ctx ends; stats count what was done either
// way.
func Run(ctx context.Context, opts Options, stats *Stats) error {
	if err := opts.defaults(); err != nil {
		return err
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	fetchCtx, stopDraining := drainContext(runCtx, opts.Drain)
	defer stopDraining()
	var paced *pacer
	var site http.RoundTripper
	if opts.Pacer != nil {
		paced, site = opts.Pacer.p, opts.Transport
		paced.set(opts.Parallel, opts.Delay)
	} else {
		paced = newPacer(opts.Transport, opts.Parallel, opts.Delay)
		site = paced
	}
	cr := &crawler{opts: opts, scope: scope{base: opts.Base, prefixes: opts.Follow, site: opts.Site}, stats: stats, ctx: runCtx, cancel: cancel,
		fetchCtx: fetchCtx, queue: newQueue(), pacer: paced, site: site, known: NewKeyCache(cmp.Or(opts.KnownKeys, crawlKnownKeys)), answered: map[string]bool{},
		hostRobots: map[string]*robots{}, found: map[string]found{}}
	cr.client = &http.Client{Transport: cr.logged(site), Timeout: opts.Timeout}
	cr.hostClient = &http.Client{Transport: cr.logged(opts.Transport), Timeout: opts.Timeout}
	ctx = runCtx

	r, err := fetchRobots(ctx, cr.client, opts.Base, opts.UserAgent)
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
	paced.set(parallel, delay)
	if opts.Site == nil && !r.allowed(osservatorio.Home(opts.Base)) {
		opts.Logger.Warn("robots.txt forbids the site's home page", "site", opts.Base.String())
	}
	cr.newCollector()

	for _, e := range opts.Resume {
		if ctx.Err() != nil {
			break
		}
		cr.resume(e)
	}
	// Seeding again on resume finds what an interrupted seeding missed; the
	// frontier skips every key already queued or settled.
	if err := cr.seed(ctx); err != nil && ctx.Err() == nil {
		cr.fail(err)
	}
	// Twice the parallelism keeps the site's request slots busy while
	// workers parse; the pacer does the pacing. One worker fetches the
	// pages in the order they were queued.
	workers := opts.workers
	if workers <= 0 {
		workers = 2 * parallel
	}
	cr.queue.work(ctx, workers, cr.fetch)
	if cr.err != nil {
		return cr.err
	}
	return ctx.Err()
}

// newCollector makes the run's collector (see newCollector), paced by the
// run's pacer.
func (cr *crawler) newCollector() {
	o := cr.opts
	c := newCollector(cr.fetchCtx, o.UserAgent, cr.logged(cr.site))
	// No client-wide timeout by default: it would cover every retry and
	// backoff. Each attempt has its own, in the Retry transport below.
	c.SetRequestTimeout(o.requestTimeout)
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
	c.OnRequest(cr.onRequest)
	c.OnResponse(cr.onResponse)
	c.OnError(cr.onError)
	// No OnHTML callback: links are found by pageLinks, so colly never
	// builds a document tree.
	cr.c = c
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
		if r, err = fetchRobots(cr.ctx, cr.hostClient, origin, cr.opts.UserAgent); err != nil {
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
			p.Depth = e.Depth
			cr.replay(p)
			return
		}
	}
	rid, _ := osservatorio.KeyRecordID(e.Key)
	cr.mu.Lock()
	cr.queued++
	cr.known.Put(e.Key, keySeen)
	cr.mu.Unlock()
	cr.send(job{key: e.Key, url: e.URL, recordID: rid, depth: e.Depth})
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
	cr.mu.Lock()
	answered := cr.answered[j.key]
	cr.mu.Unlock()
	if answered {
		// A redirect led to this page after it was queued, and its answer
		// was handled then: it is not fetched again.
		if err := cr.commit(j.key, &Outcome{State: archive.FrontierDone}, nil); err != nil {
			cr.fail(err)
		}
		cr.forget(j.key)
		return
	}
	if cr.opts.Archived != nil {
		// A resumed crawl may meet pages the interrupted one captured
		// before it could settle the page that led to them: they are taken
		// from the archive, not fetched again.
		if p, ok := cr.opts.Archived(cr.ctx, ResumeEntry{Key: j.key, URL: j.url, Depth: j.depth}); ok {
			p.Depth = j.depth
			cr.handle(p)
			return
		}
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

func (cr *crawler) handle(p *Page) {
	p.Links = htmlLinks(p)
	if err := cr.opts.OnPage(cr.ctx, *p); err != nil {
		cr.fail(err)
		return
	}
	if p.Truncated != "" && cr.ctx.Err() != nil {
		return // cut by the stop, maybe: left queued, a resumed crawl fetches it again
	}
	cr.noteAnswered(p)
	o := cr.outcome(p)
	if err := cr.commit(p.Key, &o, cr.screen(cr.pageCandidates(p))); err != nil {
		cr.fail(err)
	}
	cr.forget(p.Key)
}

func (cr *crawler) replay(p *Page) {
	cr.stats.Queued.Add(1)
	cr.handle(p)
}

// noteAnswered notes the key of a page's final URL when a redirect led
// there from another key: that page is fetched once.
func (cr *crawler) noteAnswered(p *Page) {
	u, err := url.Parse(p.URL)
	if err != nil {
		return
	}
	if t, ok := cr.scope.classify(u); ok && t.key != p.Key {
		cr.mu.Lock()
		cr.answered[t.key] = true
		cr.mu.Unlock()
	}
}
