package crawlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"archivio/archive"
	"archivio/source/osservatorio"
)

// Options configure a crawl. Zero values take the documented defaults.
type Options struct {
	Base      *url.URL          // the site, e.g. https://www.osservatoriopartecipazione.it
	UserAgent string            // must name archivio and a contact URL
	Transport http.RoundTripper // the archiving transport chain (required)
	// Pacer, when set, is the pacing of the site's requests, which the
	// caller put below the recording transport inside Transport (so that
	// a request's slot is free once its answer has arrived, while it is
	// archived); Run sets its limit and delay. When nil, Run paces
	// Transport from outside.
	Pacer    *Pacer
	Frontier Frontier      // required
	Parallel int           // concurrent requests to the site, default 2
	Delay    time.Duration // pause of each request slot after a request (0: none; the command line defaults to 1s), plus up to half again of jitter; robots.txt's Crawl-delay wins when longer
	Timeout  time.Duration // per request, default 30s
	Drain    time.Duration // how long pages in flight may finish when the crawl stops, default DefaultDrain
	MaxPages int           // stop queuing after this many pages, 0 for no limit
	// KnownKeys is how many of the frontier's keys the crawl remembers,
	// the most recent (0 for the default, 8,192): a key it has let go is
	// offered to the frontier again, which knows it.
	KnownKeys int
	FromID    int // with ToID: also try every record id in [FromID, ToID], at most MaxIDs of them
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
	// Archived, when set, returns the page of a URL the interrupted crawl
	// had already captured (and died before noting so): it is processed
	// from the archive instead of fetched again. It is asked for the
	// resumed entries and for every URL before it is fetched (a crawl
	// that resumes nothing answers false at once).
	Archived func(ctx context.Context, e ResumeEntry) (*Page, bool)
	// Conditional returns the validators of the last good capture of a URL
	// for a conditional request ("" when none). Only record pages are asked
	// conditionally: listing pages are fetched whole, since a 304 would
	// hide the links a crawl discovers through them.
	Conditional func(ctx context.Context, url string) (etag, lastModified string)
	OnPage      func(ctx context.Context, p Page) error // required
	// OnError hears of fetches that got no response.
	OnError func(ctx context.Context, url, kind string, err error)
	// FetchLog, when set, hears of every request of the crawl as it ends
	// (redirect hops, robots.txt and sitemaps included) and of every URL
	// the crawl decides not to fetch, for the crawl log; Source is left
	// for the caller to fill.
	FetchLog func(archive.CrawlLogEntry)
	Logger   *slog.Logger

	// workers is how many fetch at once, default twice the parallelism;
	// one fetches the pages in the order they were queued (Snapshot).
	workers int
	// requestTimeout bounds each page request, its redirects and body
	// included; 0, the default, leaves each attempt to the transport's
	// retries (Snapshot sets it: its transport does not retry).
	requestTimeout time.Duration
}

// Site is a site source's scope.
type Site struct {
	Seeds    []string // where the crawl starts
	Hosts    []string // hosts it may fetch from (a leading "www." and the port do not matter)
	Prefixes []string // path prefixes it follows, e.g. "/partecipa"; "/" for the whole site
	MaxDepth int      // links followed from a seed
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
	case o.KnownKeys < 0:
		return fmt.Errorf("crawl: known keys %d: want 0 or more", o.KnownKeys)
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
