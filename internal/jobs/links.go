package jobs

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
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
	DataDir      string
	UserAgent    string
	Timeout      time.Duration // per link, default 20s
	Thresholds   archive.Thresholds
	Parallel     int // links checked at once, default 8
	PerHost      int // at once on one host, default 2
	AllowPrivate bool
	MaxBody      int64
	Software     string
	// Transport is the network below the recording transport; default an
	// HTTP/1.1 transport whose dialer resolves each host itself and refuses
	// non-public addresses (unless AllowPrivate).
	Transport http.RoundTripper
	Sinks     alerts.Sink // where alerts go (besides the database)
	NoLock    bool        // the caller holds the data directory's lock
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
}

// MaxLinksParallel is the most links a check asks at once.
const MaxLinksParallel = 64

// CheckLinks checks every link the records cite once, archives each
// answer as evidence, moves each link's state, and raises an alert for
// each transition (up -> down, down -> up).
func CheckLinks(ctx context.Context, cfg LinksConfig) (*LinksReport, error) {
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
		return nil, fmt.Errorf("links check: %w", err)
	}
	if cfg.Parallel < 0 || cfg.Parallel > MaxLinksParallel || cfg.Timeout < 0 {
		return nil, fmt.Errorf("links check: parallel %d (want 1 to %d), timeout %v (must not be negative)", cfg.Parallel, MaxLinksParallel, cfg.Timeout)
	}
	if cfg.Parallel == 0 {
		cfg.Parallel = 8
	}
	if cfg.PerHost <= 0 {
		cfg.PerHost = 2
	}
	if !cfg.NoLock {
		lock, err := archive.LockDir(cfg.DataDir)
		if err != nil {
			return nil, fmt.Errorf("links check: %w", err)
		}
		defer lock.Unlock()
	}
	st, err := archive.Open(ctx, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if _, err := archive.RepairOpenFiles(ctx, st.WARCDir()); err != nil {
		return nil, fmt.Errorf("links check: repair WARC files: %w", err)
	}
	started := cfg.Now()
	runID, err := st.StartCrawl(ctx, "links", "", started)
	if err != nil {
		return nil, err
	}
	w, err := archive.OpenWARCWriter(archive.WARCOptions{Dir: st.WARCDir(), Software: cfg.Software, Now: cfg.Now})
	if err != nil {
		return nil, fmt.Errorf("links check: %w", err)
	}
	next := cfg.Transport
	if next == nil {
		next = guardedTransport(cfg.AllowPrivate)
	}
	recorder := archive.NewRecorder(next, w, st, archive.RecorderOptions{CrawlID: runID, MaxBody: cfg.MaxBody, Now: cfg.Now})
	checker, err := linkcheck.New(linkcheck.Options{
		Transport: recorder, UserAgent: cfg.UserAgent, Timeout: cfg.Timeout, Now: cfg.Now,
		UnsafeAddress: netguard.ErrUnsafeAddress,
	})
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("links check: %w", err)
	}
	links, err := st.Links(ctx, "", true)
	if err != nil {
		w.Close()
		return nil, err
	}

	r := &linkRun{cfg: cfg, st: st, checker: checker, transport: recorder, rep: &LinksReport{Verdicts: map[string]int{}, States: map[string]int{}, Alerts: []alerts.Alert{}}}
	r.checkAll(ctx, links)
	closeErr := w.Close()

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
	body, _ := json.Marshal(r.rep)
	if err := st.FinishCrawl(fin, runID, status, string(body), cfg.Now()); err != nil {
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
	st        *archive.Store
	checker   *linkcheck.Checker
	transport http.RoundTripper // archiving, for snapshots

	mu    sync.Mutex // guards rep, err, hosts; serializes alert delivery
	rep   *LinksReport
	err   error
	hosts map[string]chan struct{}
}

// checkAll checks the links with at most Parallel at once and PerHost on
// one host.
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
	tr, state, err := r.st.RecordCheck(ctx, archive.Check{
		URL: l.URL, CheckedAt: res.CheckedAt, Verdict: string(res.Verdict), Status: res.Status, Method: res.Method,
		FinalURL: res.FinalURL, Chain: chain, Error: res.Error, CaptureID: res.CaptureID, Elapsed: res.Elapsed,
	}, res.Verdict.Works(), r.cfg.Thresholds)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		if r.err == nil {
			r.err = err
		}
		return
	}
	r.rep.Checked++
	r.rep.Verdicts[string(res.Verdict)]++
	if res.Verdict.Works() && slices.Contains(l.Fields, "website") {
		r.mu.Unlock()
		r.snapshot(ctx, l.URL)
		r.mu.Lock()
	}
	r.cfg.Logger.Debug("checked", "url", l.URL, "verdict", res.Verdict, "state", state.State)
	if tr == "" {
		return
	}
	if err := r.alert(ctx, l.URL, string(tr), string(res.Verdict), state.Since); err != nil && r.err == nil {
		r.err = err
	}
}

// snapshot archives a live record website and its same-site pages, so
// that when the site vanishes archivio still has its own copy. Failures
// are logged: the check itself is already recorded.
func (r *linkRun) snapshot(ctx context.Context, u string) {
	depth := r.cfg.SnapshotDepth
	switch {
	case depth == 0:
		depth = crawlers.DefaultSnapshotDepth
	case depth < 0:
		return
	}
	res, err := crawlers.Snapshot(ctx, crawlers.SnapshotOptions{
		Start: u, Depth: depth, Transport: r.transport, UserAgent: r.cfg.UserAgent,
		Delay: r.cfg.SnapshotDelay, Timeout: r.cfg.Timeout, Logger: r.cfg.Logger,
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

// alert stores and delivers one transition. Called with r.mu held, so
// alerts go out one at a time.
func (r *linkRun) alert(ctx context.Context, u, kind, verdict string, since time.Time) error {
	a := alerts.Alert{Kind: kind, URL: u, Verdict: verdict, Since: since, At: r.cfg.Now(), Records: []alerts.RecordRef{}}
	recs, err := r.st.LinkRecords(ctx, u)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		a.Records = append(a.Records, alerts.RecordRef{ID: rec.ID, Title: rec.Title, URL: rec.URL})
	}
	var captureID int64
	if l, err := r.st.Link(ctx, u); err == nil {
		captureID = l.LastGoodCapture
	}
	if captureID != 0 {
		if c, err := r.st.Capture(ctx, captureID); err == nil {
			a.LastGoodCapture = &alerts.Capture{URL: c.URL, At: c.FetchedAt, WARCFile: c.WARCFile, Offset: c.WARCOffset}
		}
	}
	if kind == "down" && r.cfg.Wayback != nil {
		if snap, err := r.cfg.Wayback.Latest(ctx, u); err == nil {
			if a.LastGoodCapture == nil {
				a.LastGoodCapture = &alerts.Capture{}
			}
			a.LastGoodCapture.Wayback = snap.URL
		} else {
			r.cfg.Logger.Info("no Wayback copy", "url", u, "err", err)
		}
	}
	a.ID, err = r.st.AddAlert(ctx, archive.AlertRow{Kind: kind, URL: u, Verdict: verdict, Since: since, At: a.At, LastGoodCapture: captureID})
	if err != nil {
		return err
	}
	r.rep.Alerts = append(r.rep.Alerts, a)
	delivered := map[string]string{}
	if r.cfg.Sinks != nil {
		if err := r.cfg.Sinks.Send(ctx, a); err != nil {
			delivered["error"] = err.Error()
			r.rep.Undeliver = append(r.rep.Undeliver, fmt.Sprintf("alert %d (%s %s): %v", a.ID, kind, u, err))
		} else {
			delivered["all"] = "ok"
		}
	}
	body, _ := json.Marshal(delivered)
	return r.st.MarkDelivered(ctx, a.ID, string(body))
}
