package cluster

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/crawlers"
	"archivio/crawlers/wait"
	"archivio/internal/jobs"
)

// Node is one crawler node. Fill the fields and call Run.
type Node struct {
	Store     *pg.Store         // the shared catalog, opened with this node's name
	Name      string            // the node's name (its Store's Options.Node), in its WARC file names
	WARCDir   string            // the node's own folder of WARC files
	Storage   warcstore.Storage // where closed WARC files go
	Transport http.RoundTripper // below the recording transport; default http.DefaultTransport
	CrawlID   int64
	Parallel  int           // fetches at once on this node; default 2
	Heartbeat time.Duration // default a third of the lease TTL's default: 40 s
	Rotate    time.Duration // close and ship the WARC file this often; default 1 minute
	MaxFile   int64         // rotate at this size too; default 1 GiB
	Timeout   time.Duration // per request; default 30 s
	// Links returns the URLs a fetched page leads to (default: the
	// href of its a elements), and Scope says which of them the crawl
	// takes (default: all).
	Links func(page *url.URL, body []byte) []string
	Scope func(*url.URL) bool
	// OnPage, when set, handles every answer instead of Links and Scope:
	// it reads what the page holds (a record) and says what the URL's
	// completion records with it. An error stops the node; the URL's
	// lease is released.
	OnPage func(ctx context.Context, p Page) (Outcome, error)
	// Prepare, when set, may add headers to a URL's request (validators
	// for a conditional request).
	Prepare func(ctx context.Context, l pg.Lease, req *http.Request)
	// FetchLog, when set, hears of every URL the node settles: its
	// fetch, or why it was not fetched (the crawl log).
	FetchLog func(archive.CrawlLogEntry)
	// UserAgent is sent with every request; Robots makes the node obey
	// each host's robots.txt (fetched once per host and node, through the
	// recording transport), its Crawl-delay raising the host's pace to
	// at least MinDelay.
	UserAgent string
	Robots    bool
	MinDelay  time.Duration
	MaxBody   int64  // cut bodies past this many bytes (the cut is recorded); default archive.DefaultMaxBody
	Software  string // in the WARC files' warcinfo records
	Log       *slog.Logger

	robots    robotsCache
	stats     Stats
	afterSync func() // for tests: runs after each sync of the WARC writer
}

// Outcome is what OnPage makes of a page: the entries it leads to, and
// what the URL's completion writes with its outcome, in one transaction
// under the lease's fence (a node that lost its lease writes none of it).
type Outcome struct {
	Entries []archive.FrontierEntry
	Writes  pg.Writes
	// State and Reason, when State is set, settle the URL otherwise than
	// its answer's status says (a redirect off the site: excluded).
	State, Reason string
	// Settled, when set, is called once the completion committed, with
	// how the record was applied.
	Settled func(archive.Applied)
}

// Page is an answer a node fetched, for OnPage.
type Page struct {
	Lease     pg.Lease
	URL       *url.URL
	Status    int
	Header    http.Header
	Body      []byte
	CaptureID int64  // 0 when not archived
	Truncated string // the WARC-Truncated reason of a body archived cut
}

// shortID is 8 random hex digits, naming a run's WARC files apart. Not
// google/uuid's random UUIDs: the WARC library switches their pool on at
// every record it builds, a race with another goroutine making one.
func shortID() string {
	var b [4]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// catalog is the shared catalog as the recording transport sees it.
type catalog struct {
	*pg.Store
	dir string
}

func (c catalog) Dir() string { return c.dir }

// syncing is w.Sync, then after (a hook for tests) when not nil.
func syncing(w *archive.WARCWriter, after func()) func() error {
	return func() error {
		err := w.Sync()
		if after != nil {
			after()
		}
		return err
	}
}

// Run repairs, lists in the catalog (listLeftovers) and ships what a
// previous run of this node left, registers
// the node (releasing its old leases), and crawls until nothing of the
// crawl is queued on any node or ctx ends; then it closes and ships its
// last WARC file.
func (n *Node) Run(ctx context.Context) (err error) {
	n.defaults()
	if err := os.MkdirAll(n.WARCDir, 0o755); err != nil {
		return fmt.Errorf("node %s: %w", n.Name, err)
	}
	ship := &warcstore.Shipper{Dir: n.WARCDir, Storage: n.Storage, Catalog: n.Store, Log: n.Log,
		List: listLeftovers(n.Store, n.Name, n.Log), Ready: allListed(n.Store)}
	if reps, objs, err := ship.Recover(ctx); err != nil {
		return fmt.Errorf("node %s: %w", n.Name, err)
	} else if len(reps)+len(objs) > 0 {
		n.Log.Info("recovered warc files", "node", n.Name, "repaired", len(reps), "shipped", len(objs))
	}
	released, err := n.Store.Register(ctx)
	if err != nil {
		return err
	}
	n.Log.Info("node registered", "node", n.Name, "released_leases", released)
	w, err := archive.OpenWARCWriter(archive.WARCOptions{Dir: n.WARCDir, Prefix: "archivio-" + n.Name + "-" + shortID(),
		MaxFileSize: n.MaxFile, Hostname: n.Name, Software: n.Software, IsPartOf: archive.CrawlCollection(n.CrawlID)})
	if err != nil {
		return err
	}
	defer func() {
		cerr := w.Close()
		// Shipped with a context of its own: a stopped node still ships
		// what it closed, or leaves it for its next start.
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		_, serr := ship.Ship(sctx)
		// Said after the last file is shipped: a stopped node has
		// nothing left to do for the archive.
		err = errors.Join(err, cerr, serr, n.Store.Stop(sctx))
	}()
	// Each capture commits on its own: the WARC file holding its records
	// is synced first.
	rec := archive.NewRecorder(n.Transport, w, archive.SyncFirst(catalog{n.Store, n.WARCDir}, syncing(w, n.afterSync)), archive.RecorderOptions{CrawlID: n.CrawlID, MaxBody: n.MaxBody})
	client := &http.Client{Transport: rec, Timeout: n.Timeout, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Add(2)
	go func() {
		defer wg.Done()
		n.every(ctx, n.Heartbeat, func() error { return n.Store.Heartbeat(ctx) }, cancel)
	}()
	go func() {
		defer wg.Done()
		n.every(ctx, n.Rotate, func() error {
			if err := w.Rotate(); err != nil {
				return err
			}
			_, err := ship.Ship(ctx)
			return err
		}, cancel)
	}()
	var fwg sync.WaitGroup
	errs := make([]error, n.Parallel)
	for i := range n.Parallel {
		fwg.Add(1)
		go func() {
			defer fwg.Done()
			// A fetcher that fails stops the node: the others would wait
			// for the URL it held.
			if errs[i] = n.fetchLoop(ctx, client); errs[i] != nil {
				cancel(errs[i])
			}
		}()
	}
	fwg.Wait()
	cause := context.Cause(ctx) // nil when the crawl ran out of work
	cancel(nil)
	for _, e := range errs {
		if e != nil && errors.Is(cause, e) {
			cause = nil // the fetcher's own error, said once
		}
	}
	return errors.Join(append(errs, cause)...)
}

func (n *Node) defaults() {
	if n.Transport == nil {
		n.Transport = http.DefaultTransport
	}
	if n.Parallel <= 0 {
		n.Parallel = 2
	}
	if n.Heartbeat <= 0 {
		n.Heartbeat = 40 * time.Second
	}
	if n.Rotate <= 0 {
		n.Rotate = time.Minute
	}
	if n.Timeout <= 0 {
		n.Timeout = 30 * time.Second
	}
	if n.Links == nil {
		n.Links = hrefs
	}
	if n.Scope == nil {
		n.Scope = func(*url.URL) bool { return true }
	}
	if n.Log == nil {
		n.Log = slog.New(slog.DiscardHandler)
	}
}

// every runs fn every d until ctx ends; an error stops the node.
func (n *Node) every(ctx context.Context, d time.Duration, fn func() error, stop context.CancelCauseFunc) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := fn(); err != nil && ctx.Err() == nil {
				stop(err)
				return
			}
		}
	}
}

// fetchLoop claims one URL at a time, fetches and settles it, until
// nothing of the crawl is queued.
func (n *Node) fetchLoop(ctx context.Context, client *http.Client) error {
	for ctx.Err() == nil {
		// Claimed whole or not at all: a claim cut by the stop could
		// commit its lease and return an error, leaving the URL leased to
		// a node that no longer fetches it until the lease expires.
		ls, err := n.Store.Claim(context.WithoutCancel(ctx), n.CrawlID, 1)
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			for _, l := range ls {
				n.Store.Release(context.WithoutCancel(ctx), l)
			}
			return nil
		}
		if len(ls) == 0 {
			wait, more, err := n.Store.NextClaim(ctx, n.CrawlID)
			if err != nil {
				return err
			}
			if !more {
				return nil
			}
			select {
			case <-ctx.Done():
			case <-time.After(min(max(wait, 5*time.Millisecond), 200*time.Millisecond)):
			}
			continue
		}
		if err := n.fetch(ctx, client, ls[0]); err != nil {
			return err
		}
	}
	return nil
}

func (n *Node) fetch(ctx context.Context, client *http.Client, l pg.Lease) error {
	page, err := url.Parse(l.URL)
	if err != nil {
		_, err := n.Store.Complete(ctx, l, archive.FrontierFailed, "bad_url", nil, nil)
		return err
	}
	if n.Robots {
		ok, reason, err := n.allowed(ctx, client, l, page)
		switch {
		case err != nil:
			n.Store.Release(context.WithoutCancel(ctx), l)
			return err
		case reason != "":
			n.stats.count(reason)
			n.logNotFetched(l, archive.CrawlLogOther, reason)
			return n.complete(ctx, l, archive.FrontierFailed, reason, Outcome{}, nil)
		case !ok:
			n.stats.Excluded.Add(1)
			n.logNotFetched(l, archive.CrawlLogRobots, "robots")
			return n.complete(ctx, l, archive.FrontierExcluded, "robots", Outcome{}, nil)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, l.URL, nil)
	if err != nil {
		return err
	}
	if n.UserAgent != "" {
		req.Header.Set("User-Agent", n.UserAgent)
	}
	if n.Prepare != nil {
		n.Prepare(ctx, l, req)
	}
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, archive.ErrNotArchived) || ctx.Err() != nil {
			n.Store.Release(context.WithoutCancel(ctx), l)
			return err
		}
		n.stats.count("fetch_error")
		n.logNotFetched(l, archive.CrawlLogOther, "fetch_error")
		return n.complete(ctx, l, archive.FrontierFailed, "fetch_error", Outcome{}, nil)
	}
	body, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	mark := archive.ReadCaptureMark(resp.Header)
	var ids []int64
	if mark.ID != 0 {
		ids = append(ids, mark.ID)
	}
	n.stats.Pages.Add(1)
	n.stats.Bytes.Add(int64(len(body)))
	n.logFetch(l, resp, mark)
	if rerr != nil {
		n.stats.count("read_error")
		return n.complete(ctx, l, archive.FrontierFailed, "read_error", Outcome{}, ids)
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		// Capped as a link check's: a site asking for more cannot stall
		// the crawl.
		if d, ok := wait.RetryAfter(resp.Header.Get("Retry-After"), time.Now(), jobs.MaxRetryAfter); ok && d > 0 {
			if err := n.Store.BlockHost(ctx, l.Host, d); err != nil {
				n.Log.Warn("blocking a host after its Retry-After", "node", n.Name, "url", l.URL, "err", err)
			}
		}
	}
	state, reason := archive.FrontierDone, ""
	if resp.StatusCode >= 400 {
		state, reason = archive.FrontierFailed, fmt.Sprintf("http_%d", resp.StatusCode)
	}
	// A body cut in transfer settles the URL failed, as one machine's
	// crawl settles it, whatever its status or OnPage says.
	cut := crawlers.CutReason(mark.Truncated)
	if cut != "" {
		state, reason = archive.FrontierFailed, cut
	}
	switch {
	case cut != "":
		n.stats.count(crawlers.CutKind(mark.Truncated))
	case state != archive.FrontierDone:
		n.stats.count(reason)
	}
	if n.OnPage != nil {
		out, err := n.OnPage(ctx, Page{Lease: l, URL: page, Status: resp.StatusCode, Header: resp.Header, Body: body,
			CaptureID: mark.ID, Truncated: mark.Truncated})
		if err != nil {
			n.Store.Release(context.WithoutCancel(ctx), l)
			return fmt.Errorf("node %s: %s: %w", n.Name, l.URL, err)
		}
		if out.State != "" && cut == "" {
			state, reason = out.State, out.Reason
		}
		return n.complete(ctx, l, state, reason, out, ids)
	}
	if resp.StatusCode >= 400 {
		return n.complete(ctx, l, state, reason, Outcome{}, ids)
	}
	// A cut page's links are read from the part received.
	var entries []archive.FrontierEntry
	for _, raw := range n.Links(page, body) {
		u, err := page.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		u.Fragment = ""
		if n.Scope(u) {
			entries = append(entries, archive.FrontierEntry{Key: "url:" + u.String(), URL: u.String()})
		}
	}
	return n.complete(ctx, l, state, reason, Outcome{Entries: entries}, ids)
}

// complete settles the lease; a lease lost to another node is no error
// (the capture stays, marked duplicate), anything else stops the node.
func (n *Node) complete(ctx context.Context, l pg.Lease, state, reason string, out Outcome, ids []int64) error {
	_, applied, err := n.Store.CompleteWith(ctx, l, state, reason, out.Entries, ids, out.Writes)
	if err == nil && out.Settled != nil {
		out.Settled(applied)
	}
	if errors.Is(err, pg.ErrLeaseLost) {
		n.Log.Warn("lease lost: another node took the URL over", "node", n.Name, "url", l.URL)
		return nil
	}
	if err != nil {
		// The node stops; the URL returns to the others at once.
		n.Store.Release(context.WithoutCancel(ctx), l)
	}
	return err
}

// logFetch writes a fetch's line of the crawl log.
func (n *Node) logFetch(l pg.Lease, resp *http.Response, mark archive.CaptureMark) {
	if n.FetchLog == nil {
		return
	}
	e := archive.CrawlLogEntry{Time: time.Now().UTC(), Status: resp.StatusCode, Size: mark.Size, URL: l.URL,
		MIME: resp.Header.Get("Content-Type"), Start: mark.Start, Duration: mark.Elapsed, Digest: mark.Digest}
	switch mark.Truncated {
	case "":
	case "length":
		e.Annotations = append(e.Annotations, "lenTrunc")
	case "time":
		e.Annotations = append(e.Annotations, "timeTrunc")
	case "disconnect":
		e.Annotations = append(e.Annotations, "disconnectTrunc")
	default:
		e.Annotations = append(e.Annotations, "stopTrunc")
	}
	if mark.Revisit {
		e.Annotations = append(e.Annotations, "duplicate:"+mark.Digest)
	}
	n.FetchLog(e)
}

// logNotFetched writes the crawl log's line of a URL the node settled
// without an answer.
func (n *Node) logNotFetched(l pg.Lease, status int, reason string) {
	if n.FetchLog != nil {
		n.FetchLog(archive.CrawlLogEntry{Time: time.Now().UTC(), Status: status, Size: -1, URL: l.URL, Annotations: []string{reason}})
	}
}
