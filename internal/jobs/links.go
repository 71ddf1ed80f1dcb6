package jobs

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/internal/alerts"
	"archivio/internal/netguard"
	"archivio/internal/wayback"
	"archivio/linkcheck"
)

// LinksConfig is one run of link checks.
type LinksConfig struct {
	DataDir    string
	UserAgent  string
	Timeout    time.Duration // per link, default 20s
	Thresholds archive.Thresholds
	Parallel   int // links checked at once, default 8
	PerHost    int // at once on one host, default LinksPerHost
	// HostDelay is the least time between two checks on one host, over
	// all nodes, of a run shared by the nodes of a catalog (a host not
	// paced yet is paced so); one machine's run does not use it.
	HostDelay time.Duration
	// RunSince, for a shared run: when no run is going and one started
	// at or after RunSince, this turn's links were checked and no run
	// is started (a scheduled turn that came late).
	RunSince     time.Time
	AllowPrivate bool
	MaxBody      int64
	Software     string
	// Transport is the network below the recording transport; default an
	// HTTP/1.1 transport whose dialer resolves each host itself and refuses
	// non-public addresses (unless AllowPrivate).
	Transport http.RoundTripper
	Sinks     alerts.Sink // where alerts go (besides the database)
	// Outbox, when set, takes the alerts instead of Sinks, and the run
	// does not wait for them to go out (the daemon's).
	Outbox *Outbox
	NoLock bool // the caller holds the data directory's lock
	// SnapshotDepth is how far to archive each live record website
	// (a Link field) and its same-site pages: 0 means the default, 1;
	// -1 none; -2 only the page (the check's own capture).
	SnapshotDepth int
	SnapshotDelay time.Duration // between snapshot pages, default 1s
	// Wayback, when set, is a Wayback Machine availability endpoint: a
	// down alert then also names the latest Wayback copy.
	Wayback *wayback.Client
	Logger  *slog.Logger
	Now     func() time.Time

	afterSync func() // see harness.afterSync
}

// LinksReport is what a run of link checks did.
type LinksReport struct {
	Checked   int            `json:"checked"`
	Snapshots int            `json:"snapshot_pages"` // pages of live record websites archived
	Verdicts  map[string]int `json:"verdicts"`
	States    map[string]int `json:"states"`
	Alerts    []alerts.Alert `json:"alerts"`
	Seconds   float64        `json:"seconds"`
	Undeliver []string       `json:"undelivered,omitempty"`
	// Run is the shared run of link checks this node took part in (store:
	// postgres); Checked, Verdicts and Alerts are then this node's part.
	Run *SharedRun `json:"run,omitempty"`
}

// MaxLinksParallel is the most links a check asks at once.
const MaxLinksParallel = 64

// LinksPerHost is how many links a check asks at once on one host.
const LinksPerHost = 2

// CheckLinks checks every link the records cite once, archives each
// answer as evidence, moves each link's state, and raises an alert for
// each transition (up -> down, down -> up).
func CheckLinks(ctx context.Context, cfg LinksConfig) (*LinksReport, error) {
	cfg, err := linksDefaults(cfg)
	if err != nil {
		return nil, err
	}
	h, err := openHarness(ctx, harnessOptions{DataDir: cfg.DataDir, Job: "links check", NoLock: cfg.NoLock, Repair: true,
		Sinks: cfg.Sinks, Outbox: cfg.Outbox, Now: cfg.Now, afterSync: cfg.afterSync})
	if err != nil {
		return nil, err
	}
	defer h.close()
	ro := recordOptions{MaxBody: cfg.MaxBody, Software: cfg.Software}
	if err := h.openWriter(ro); err != nil {
		return nil, err
	}
	// The checks and their captures go to the catalog in group commits,
	// the WARC file synced before each (linkCommits).
	com := h.st.NewCommitter(archive.CommitOptions{Sync: h.syncWARC})
	defer com.Close()
	return checkLinksIn(ctx, cfg, h, h.st, com, func(next http.RoundTripper) (http.RoundTripper, error) {
		ro.Network = next
		return h.recorder(ro, com), nil
	})
}

// linksDefaults fills and checks cfg.
func linksDefaults(cfg LinksConfig) (LinksConfig, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Thresholds == (archive.Thresholds{}) {
		cfg.Thresholds = archive.DefaultThresholds()
	}
	if err := cfg.Thresholds.Validate(); err != nil {
		return cfg, fmt.Errorf("links check: %w", err)
	}
	if cfg.Parallel < 0 || cfg.Parallel > MaxLinksParallel || cfg.Timeout < 0 {
		return cfg, fmt.Errorf("links check: parallel %d (want 1 to %d), timeout %v (must not be negative)", cfg.Parallel, MaxLinksParallel, cfg.Timeout)
	}
	if cfg.Parallel == 0 {
		cfg.Parallel = 8
	}
	if cfg.PerHost <= 0 {
		cfg.PerHost = LinksPerHost
	}
	return cfg, nil
}

// checkLinksIn is a run of link checks in h, on the catalog st, through
// the recording transport record makes over the network. The checks
// commit in com's group commits (linkCommits).
func checkLinksIn(ctx context.Context, cfg LinksConfig, h *harness, st linksCatalog, com *archive.Committer, record func(next http.RoundTripper) (http.RoundTripper, error)) (*LinksReport, error) {
	started := cfg.Now()
	if err := h.start(ctx, "links", ""); err != nil {
		return nil, err
	}
	next := cfg.Transport
	if next == nil {
		next = guardedTransport(cfg.AllowPrivate)
	}
	// Every request counts on its host, not only a link's first.
	next = newHostLimit(next, cfg.PerHost)
	recorder, err := record(next)
	if err != nil {
		return nil, err
	}
	checker, err := linkcheck.New(linkcheck.Options{
		Transport: recorder, UserAgent: cfg.UserAgent, Timeout: cfg.Timeout, Now: cfg.Now,
		UnsafeAddress: netguard.ErrUnsafeAddress,
	})
	if err != nil {
		return nil, fmt.Errorf("links check: %w", err)
	}
	links, err := st.Links(ctx, "", true)
	if err != nil {
		return nil, err
	}

	r := &linkRun{cfg: cfg, st: st, h: h, checker: checker, transport: recorder,
		rep: &LinksReport{Verdicts: map[string]int{}, States: map[string]int{}, Alerts: []alerts.Alert{}}}
	r.commits = r.startCommits(com, cfg.Parallel)
	r.checkAll(ctx, links)
	if err := r.commits.close(); err != nil {
		r.fail(err)
	}
	closeErr := h.closeWriter()

	fin := context.WithoutCancel(ctx)
	status := "done"
	if ctx.Err() != nil {
		status = "interrupted"
	}
	r.rep.Seconds = cfg.Now().Sub(started).Seconds()
	if all, err := st.Links(fin, "", true); err == nil {
		for _, l := range all {
			r.rep.States[l.State]++
		}
	}
	// finish waits for the alerts still going out: the report says which
	// were not delivered.
	if err := h.finish(fin, status, r.rep, cfg.Now()); err != nil {
		return r.rep, err
	}
	if r.err != nil {
		return r.rep, r.err
	}
	if closeErr != nil {
		return r.rep, closeErr
	}
	return r.rep, ctx.Err()
}

// guardedTransport is the network for link checks: links come from
// records and are untrusted, so the dialer resolves every host itself and
// connects only to public addresses, on every redirect hop.
func guardedTransport(allowPrivate bool) *http.Transport {
	t := &http.Transport{
		ForceAttemptHTTP2:     false,
		TLSNextProto:          map[string]func(string, *tls.Conn) http.RoundTripper{},
		DisableCompression:    true,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
	}
	if allowPrivate {
		t.DialContext = netguard.Dialer(true).DialContext
	} else {
		t.DialContext = (&netguard.GuardedDialer{}).DialContext
	}
	return t
}

// linkRun is one run of checks.
type linkRun struct {
	cfg       LinksConfig
	st        linksCatalog
	h         *harness // the run's alerts go out through it
	checker   *linkcheck.Checker
	transport http.RoundTripper // archiving, for snapshots
	commits   *linkCommits      // the group commits; nil: a transaction per check

	mu    sync.Mutex // guards rep, err, hosts; held only to update them
	rep   *LinksReport
	err   error
	hosts map[string]chan struct{}
}

// checkAll checks the links with at most Parallel at once and PerHost on
// one host (and the transport lets at most PerHost requests at once go
// to any one host, whichever link they are for).
func (r *linkRun) checkAll(ctx context.Context, links []archive.Link) {
	r.hosts = map[string]chan struct{}{}
	global := make(chan struct{}, r.cfg.Parallel)
	var wg sync.WaitGroup
	for _, l := range links {
		if ctx.Err() != nil {
			break
		}
		global <- struct{}{}
		wg.Add(1)
		go func(l archive.Link) {
			defer wg.Done()
			defer func() { <-global }()
			host := r.hostSlot(l.URL)
			select {
			case host <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-host }()
			r.check(ctx, l)
		}(l)
	}
	wg.Wait()
}

func (r *linkRun) hostSlot(raw string) chan struct{} {
	host := raw
	if u, err := url.Parse(raw); err == nil {
		host = u.Hostname()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	ch, ok := r.hosts[host]
	if !ok {
		ch = make(chan struct{}, r.cfg.PerHost)
		r.hosts[host] = ch
	}
	return ch
}

func (r *linkRun) check(ctx context.Context, l archive.Link) {
	res := r.checker.Check(ctx, l.URL)
	if ctx.Err() != nil {
		return // an interrupted check says nothing about the link
	}
	chain, _ := json.Marshal(res.Chain)
	c := archive.Check{
		URL: l.URL, CheckedAt: res.CheckedAt, Verdict: string(res.Verdict), Status: res.Status, Method: res.Method,
		FinalURL: res.FinalURL, Chain: chain, Error: res.Error, CaptureID: res.CaptureID, Elapsed: res.Elapsed,
	}
	r.queueCheck(ctx, l, res, c)
}

// counted adds a committed check to the report.
func (r *linkRun) counted(res linkcheck.Result) {
	r.mu.Lock()
	r.rep.Checked++
	r.rep.Verdicts[string(res.Verdict)]++
	r.mu.Unlock()
}

// fail keeps the run's first error.
func (r *linkRun) fail(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err == nil {
		r.err = err
	}
}

// checkedPage is the page a check fetched whole with GET from the link's
// own URL, read back from the archive, for the snapshot to start from; nil
// when the check has none (a HEAD, a redirect, a cut body).
func (r *linkRun) checkedPage(ctx context.Context, res linkcheck.Result) *crawlers.Page {
	if res.Method != http.MethodGet || res.Status != http.StatusOK || res.FinalURL != res.URL || res.CaptureID == 0 {
		return nil
	}
	c, err := r.st.Capture(ctx, res.CaptureID)
	if err != nil || c.Truncated != "" {
		return nil
	}
	body, header, cut, err := pagePayload(ctx, r.st, c)
	if err != nil {
		return nil
	}
	return &crawlers.Page{URL: c.URL, Status: c.Status, Header: header, Body: body, CaptureID: c.ID, BodyCut: cut}
}

// snapshot archives a live record website and its same-site pages, so
// that when the site vanishes archivio still has its own copy. It starts
// from the page the check fetched, when it has one, rather than asking the
// site for it again. Failures are logged: the check itself is already
// recorded.
func (r *linkRun) snapshot(ctx context.Context, u string, fetched *crawlers.Page) {
	depth := r.cfg.SnapshotDepth
	switch {
	case depth == 0:
		depth = crawlers.DefaultSnapshotDepth
	case depth < 0:
		return
	}
	res, err := crawlers.Snapshot(ctx, crawlers.SnapshotOptions{
		Start: u, Depth: depth, Transport: r.transport, UserAgent: r.cfg.UserAgent,
		Delay: r.cfg.SnapshotDelay, Timeout: r.cfg.Timeout, Logger: r.cfg.Logger, Fetched: fetched,
	})
	if res != nil {
		r.mu.Lock()
		r.rep.Snapshots += len(res.Pages)
		r.mu.Unlock()
	}
	if err != nil {
		r.cfg.Logger.Warn("snapshot of a record website failed", "url", u, "err", err)
	}
}
