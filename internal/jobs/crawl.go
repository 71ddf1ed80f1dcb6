package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/internal/alerts"
	"archivio/source/osservatorio"
)

// Config is one crawl's settings. Zero values take the defaults of
// crawlers.Options and archive.WARCOptions.
type Config struct {
	DataDir   string
	Source    string // the source's name, e.g. "osservatorio"
	BaseURL   string
	UserAgent string
	Parallel  int
	Delay     time.Duration
	Timeout   time.Duration
	MaxPages  int
	FromID    int
	ToID      int
	Resume    bool
	// AllowPrivate lets the crawl reach loopback and private addresses
	// (tests, a local mirror). Ignored when Transport is set.
	AllowPrivate bool
	MaxBody      int64
	WARCMaxSize  int64
	Software     string // for the warcinfo records, e.g. "archivio/devel"
	// Transport is the network below the recording transport; default an
	// HTTP/1.1 transport whose dialer refuses non-public addresses.
	Transport http.RoundTripper
	Retry     crawlers.RetryOptions
	Logger    *slog.Logger
	// Progress, when set, is called about twice a second while the crawl
	// runs, and once at the end.
	Progress func(Progress)
	Now      func() time.Time
	// NoLock says the caller already holds the data directory's lock (the
	// daemon holds it for its whole life).
	NoLock bool
	// Site makes this the crawl of a site source (municipal pages): its
	// pages are archived, and their links to other sites join the link
	// inventory.
	Site *crawlers.Site
	// Drain is how long pages in flight may finish when the crawl is
	// stopped (default crawlers.DefaultDrain).
	Drain time.Duration
	// Drift decides when the record pages no longer read as before; the
	// zero value means archive.DefaultDriftThresholds.
	Drift archive.DriftThresholds
	// Sinks deliver the parse health alerts (drift, recovered), which are
	// stored either way.
	Sinks alerts.Sink
}

// Progress is the live state of a crawl.
type Progress struct {
	crawlers.StatsSnapshot
	Elapsed time.Duration
}

// Report is what a crawl did.
type Report struct {
	CrawlID          int64            `json:"crawl_id"`
	Source           string           `json:"source"`
	BaseURL          string           `json:"base_url"`
	Resumed          bool             `json:"resumed"`
	Status           string           `json:"status"` // done, interrupted, failed
	Error            string           `json:"error,omitempty"`
	Started          time.Time        `json:"started"`
	Finished         time.Time        `json:"finished"`
	Seconds          float64          `json:"seconds"`
	Requests         int64            `json:"requests"` // archived responses, retries and redirects included
	PagesFetched     int64            `json:"pages_fetched"`
	NotModified      int64            `json:"not_modified"`
	Bytes            int64            `json:"bytes"`
	FromArchive      int64            `json:"from_archive"` // resumed pages taken from the archive, not fetched again
	RecordsNew       int64            `json:"records_new"`
	RecordsChanged   int64            `json:"records_changed"`
	RecordsUnchanged int64            `json:"records_unchanged"`
	RecordsMissing   int64            `json:"records_missing"`    // records of the archive whose pages failed: len(MissingRecords)
	Unreadable       int64            `json:"records_unreadable"` // record pages kept as parse failures
	RobotsBlocked    int64            `json:"robots_blocked"`
	Errors           map[string]int64 `json:"errors"` // by kind: timeout, dns_not_found, http_404, http_5xx, ...
	// Cuts counts the responses archived with a cut body, by reason, each
	// attempt (retries included): length (past --max-body, as received or
	// decoded), time (the timeout), disconnect (a dropped connection) and
	// interrupted (the stop; such pages stay queued for --resume).
	Cuts           archive.BodyCuts       `json:"cuts"`
	Frontier       FrontierReport         `json:"frontier"`
	MissingRecords []MissingRecord        `json:"missing_records,omitempty"`
	Repaired       []archive.RepairReport `json:"repaired,omitempty"`
	WARCDir        string                 `json:"warc_dir"`
	Database       string                 `json:"database"`
	ParseHealth    *ParseHealthReport     `json:"parse_health,omitempty"` // nil when no record page was read
}

// Crawl crawls cfg's source. It returns the report whenever the crawl
// started, also when it was interrupted (ctx canceled) or failed.
func Crawl(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Drift == (archive.DriftThresholds{}) {
		cfg.Drift = archive.DefaultDriftThresholds()
	}
	if err := cfg.Drift.Validate(); err != nil {
		return nil, fmt.Errorf("crawl: drift thresholds: %w", err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("crawl: base URL %q is not an http(s) address", cfg.BaseURL)
	}
	if !cfg.NoLock {
		lock, err := archive.LockDir(cfg.DataDir)
		if err != nil {
			return nil, fmt.Errorf("crawl: %w", err)
		}
		defer lock.Unlock()
	}
	st, err := archive.Open(ctx, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	j := &job{cfg: cfg, base: base, st: st, errs: map[string]int64{}, parsing: newParseGate()}
	return j.run(ctx)
}

// job is one crawl in progress.
type job struct {
	cfg     Config
	base    *url.URL
	st      *archive.Store
	crawlID int64
	stats   crawlers.Stats
	rec     *archive.Recorder

	newRecs, changed, unchanged, unreadable, fromArchive atomic.Int64

	parsing *parseGate // bounds the parses running at once

	mu   sync.Mutex
	errs map[string]int64
}

func (j *job) run(ctx context.Context) (*Report, error) {
	cfg := j.cfg
	rep := &Report{Source: cfg.Source, BaseURL: j.base.String(), Started: cfg.Now().UTC(),
		WARCDir: j.st.WARCDir(), Database: j.st.Dir() + "/" + archive.DBName}

	repaired, err := archive.RepairOpenFiles(ctx, j.st.WARCDir())
	if err != nil {
		return nil, fmt.Errorf("crawl: repair WARC files: %w", err)
	}
	rep.Repaired = repaired
	var resume []crawlers.ResumeEntry
	if cfg.Resume {
		c, err := j.st.UnfinishedCrawl(ctx, cfg.Source)
		switch {
		case errors.Is(err, archive.ErrNotFound):
			cfg.Logger.Info("no interrupted crawl to resume: starting a new one", "source", cfg.Source)
		case err != nil:
			return nil, err
		default:
			j.crawlID, rep.Resumed = c.ID, true
			if err := j.st.ReopenCrawl(ctx, c.ID); err != nil {
				return nil, err
			}
			if err := j.reconcile(ctx, repaired, c.StartedAt); err != nil {
				return nil, err
			}
			queued, err := j.st.Frontier(ctx, c.ID, "queued")
			if err != nil {
				return nil, err
			}
			for _, e := range queued {
				resume = append(resume, crawlers.ResumeEntry{Key: e.Key, URL: e.URL})
			}
			if len(resume) == 0 {
				cfg.Logger.Info("the interrupted crawl had nothing left to fetch", "crawl", c.ID)
			}
		}
	}
	if j.crawlID == 0 {
		if j.crawlID, err = j.st.StartCrawl(ctx, cfg.Source, j.base.String(), cfg.Now()); err != nil {
			return nil, err
		}
		// A fresh crawl supersedes any unfinished one: resuming that later
		// would replay older pages over newer versions.
		if err := j.st.SupersedeUnfinished(ctx, cfg.Source, j.crawlID, cfg.Now()); err != nil {
			return nil, err
		}
	}
	rep.CrawlID = j.crawlID

	w, err := archive.OpenWARCWriter(archive.WARCOptions{
		Dir: j.st.WARCDir(), MaxFileSize: cfg.WARCMaxSize, Software: cfg.Software, Now: cfg.Now,
	})
	if err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	next := cfg.Transport
	if next == nil {
		next = defaultTransport(cfg)
	}
	rec := archive.NewRecorder(next, w, j.st, archive.RecorderOptions{CrawlID: j.crawlID, MaxBody: cfg.MaxBody, Now: cfg.Now})
	j.rec = rec
	retry := cfg.Retry
	if retry.AttemptTimeout == 0 {
		retry.AttemptTimeout = cfg.Timeout
		if retry.AttemptTimeout <= 0 {
			retry.AttemptTimeout = 30 * time.Second
		}
	}
	if retry.OnRetry == nil {
		retry.OnRetry = func(req *http.Request, attempt int, wait time.Duration, reason string) {
			cfg.Logger.Info("retrying", "url", req.URL.String(), "attempt", attempt, "wait", wait.Round(time.Millisecond), "reason", reason)
		}
	}
	transport := crawlers.NewRetry(rec, retry)

	known, err := j.known(ctx)
	if err != nil {
		return nil, err
	}
	stopProgress := j.progress(ctx, rep.Started)
	crawlErr := crawlers.Run(ctx, crawlers.Options{
		Base: j.base, UserAgent: cfg.UserAgent, Transport: transport, Frontier: frontier{j.st, j.crawlID},
		Parallel: cfg.Parallel, Delay: cfg.Delay, Timeout: cfg.Timeout, Drain: cfg.Drain, MaxPages: cfg.MaxPages,
		FromID: cfg.FromID, ToID: cfg.ToID, Known: known, Resume: resume, Archived: j.archived, Conditional: j.conditional, Site: cfg.Site,
		OnPage: j.onPage, OnError: j.onError, Logger: cfg.Logger,
	}, &j.stats)
	stopProgress()
	closeErr := w.Close()

	// The crawl's own context may be canceled: what follows must still be
	// written for the crawl to be resumable.
	fin := context.WithoutCancel(ctx)
	rep.Status = "done"
	switch {
	case crawlErr != nil && ctx.Err() != nil:
		rep.Status = "interrupted"
	case crawlErr != nil:
		rep.Status, rep.Error = "failed", crawlErr.Error()
	case closeErr != nil:
		rep.Status, rep.Error = "failed", closeErr.Error()
	}
	j.fill(fin, rep)
	// The completeness invariant: a crawl that ran to its end has settled
	// every URL it queued, in every run of it. (An interrupted one reports
	// what it left queued for --resume.)
	if err := j.settled(fin, rep); err != nil && rep.Status == "done" {
		rep.Status, rep.Error = "failed", err.Error()
	}
	driftErr := j.judgeDrift(fin, rep)
	body, _ := json.Marshal(rep)
	if err := j.st.FinishCrawl(fin, j.crawlID, rep.Status, string(body), rep.Finished); err != nil {
		return rep, err
	}
	if driftErr != nil {
		return rep, fmt.Errorf("crawl %s: %w", cfg.Source, driftErr)
	}
	switch rep.Status {
	case "failed":
		return rep, fmt.Errorf("crawl %s: %s", cfg.Source, rep.Error)
	case "interrupted":
		return rep, ctx.Err()
	}
	return rep, nil
}

// fill completes the report from the counters and the catalog.
func (j *job) fill(ctx context.Context, rep *Report) {
	s := j.stats.Snapshot()
	rep.Finished = j.cfg.Now().UTC()
	rep.Seconds = rep.Finished.Sub(rep.Started).Seconds()
	rep.PagesFetched, rep.NotModified, rep.Bytes, rep.RobotsBlocked = s.Fetched, s.NotModified, s.Bytes, s.Blocked
	rep.RecordsNew, rep.RecordsChanged, rep.RecordsUnchanged = j.newRecs.Load(), j.changed.Load(), j.unchanged.Load()
	rep.Unreadable, rep.FromArchive = j.unreadable.Load(), j.fromArchive.Load()
	if j.rec != nil {
		rep.Cuts = j.rec.Cuts()
	}
	if n, err := j.st.CrawlRequests(ctx, j.crawlID, rep.Started); err == nil {
		rep.Requests = n
	}
	j.mu.Lock()
	rep.Errors = j.errs
	j.mu.Unlock()
	h, err := j.parseHealth(ctx)
	if err != nil {
		j.cfg.Logger.Error("parse health not computed", "crawl", j.crawlID, "err", err)
	}
	rep.ParseHealth = h
}

// progress reports the crawl's state to cfg.Progress until stopped.
func (j *job) progress(ctx context.Context, started time.Time) (stop func()) {
	if j.cfg.Progress == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				j.cfg.Progress(Progress{j.stats.Snapshot(), j.cfg.Now().Sub(started)})
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		j.cfg.Progress(Progress{j.stats.Snapshot(), j.cfg.Now().Sub(started)})
	}
}

func (j *job) countError(kind string) {
	j.mu.Lock()
	j.errs[kind]++
	j.mu.Unlock()
}

// onPage handles a fetched page: a record page is parsed and stored as a
// new version when its content changed.
func (j *job) onPage(ctx context.Context, p crawlers.Page) error {
	if kind := cutKind(p); kind != "" {
		// A page known only in part is an error of its own kind, so that a
		// crawl that lost content never reports "errors none".
		j.countError(kind)
		if p.RecordID == 0 {
			j.cfg.Logger.Warn("page cut: links read from the part received", "url", p.URL, "kind", kind, "reason", p.Truncated)
		}
	}
	switch {
	case p.Status == http.StatusNotModified:
		if p.RecordID != 0 {
			return j.recordNotModified(ctx, p)
		}
		return nil
	case p.Status == http.StatusNotFound || p.Status == http.StatusGone:
		j.countError(fmt.Sprintf("http_%d", p.Status))
		return nil
	case p.Status >= 500:
		j.countError("http_5xx")
		return nil
	case p.Status == http.StatusTooManyRequests:
		j.countError("http_429")
		return nil
	case p.Status >= 400:
		j.countError(fmt.Sprintf("http_%d", p.Status))
		return nil
	case p.Status == http.StatusOK && j.cfg.Site != nil:
		return j.siteLinks(ctx, p)
	case p.Status != http.StatusOK || p.RecordID == 0:
		return nil
	case p.Truncated != "":
		// A page cut in transfer would make a version with fields missing;
		// the record keeps its last whole version, and the cut is an error.
		j.cfg.Logger.Warn("record page cut; not parsed", "url", p.URL, "reason", p.Truncated)
		return nil
	}
	// A page archived whole but longer than the parse limit is read from
	// its first part, as the parse limit intends: its fields come first.
	return j.readRecord(ctx, recordPage{RecordID: p.RecordID, URL: p.URL, Body: p.Body,
		ContentType: p.Header.Get("Content-Type"), CaptureID: p.CaptureID, OverLimit: p.BodyCut})
}

// cutKind is the error kind of a page that answered 200 with a body known
// only in part: too_large past --max-body (as received or decoded) or past
// the parse limit (crawlers.MaxPageBody), timeout or disconnected when the
// body was cut by the timeout or a dropped connection; "" for a whole page.
func cutKind(p crawlers.Page) string {
	switch {
	case p.Status != http.StatusOK:
		return ""
	case p.Truncated == "" && p.BodyCut:
		return "too_large"
	}
	return crawlers.CutKind(p.Truncated)
}

func (j *job) onError(ctx context.Context, u, kind string, err error) {
	j.countError(kind)
	if e := j.st.AddFetchError(context.WithoutCancel(ctx), j.crawlID, u, kind, err.Error(), j.cfg.Now()); e != nil {
		j.cfg.Logger.Error("fetch error not recorded", "url", u, "err", e)
	}
}

// conditional gives the validators of the capture a record page was last
// read from: the capture of its open parse failure when it has one (always
// newer than its latest version: reading a newer capture clears the
// failure), else the capture of its latest version. Never a newer capture
// that was not read (a crash): a 304 would then hide a page archivio has
// no version of.
//
// A failed page is asked with its failed capture's validators because a
// 304 then says the page is still exactly that capture, which
// recordNotModified reads again from the archive with the current parser:
// the page is not fetched whole while it stays the same, and a parser that
// has learned its markup turns it into a record at the next crawl. Asking
// with the last version's validators instead would fetch the broken page
// whole at every crawl for as long as it stays broken.
func (j *job) conditional(ctx context.Context, u string) (etag, lastModified string) {
	id, ok := osservatorio.RecordID(u)
	if !ok {
		return "", ""
	}
	var captureID int64
	if f, err := j.st.ParseFailure(ctx, id); err == nil {
		captureID = f.CaptureID
	} else if vs, err := j.st.LatestVersions(ctx, id); err == nil && len(vs) > 0 {
		captureID = vs[0].CaptureID
	}
	if captureID == 0 {
		return "", ""
	}
	c, err := j.st.Capture(ctx, captureID)
	if err != nil || c.URL != u {
		return "", ""
	}
	return c.ETag, c.LastModified
}

// siteLinks adds a site page's links to other sites to the link inventory.
func (j *job) siteLinks(ctx context.Context, p crawlers.Page) error {
	var out []string
	seen := map[string]bool{}
	for _, l := range p.Links {
		lu, err := url.Parse(l)
		if err != nil || (lu.Scheme != "http" && lu.Scheme != "https") || lu.Host == "" || seen[l] || onHosts(lu.Host, j.cfg.Site.Hosts) {
			continue
		}
		seen[l] = true
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil
	}
	return j.st.AddSiteLinks(ctx, j.cfg.Source, p.URL, out, j.cfg.Now())
}

func onHosts(host string, hosts []string) bool {
	h := strings.TrimPrefix(strings.ToLower(host), "www.")
	for _, x := range hosts {
		if strings.TrimPrefix(strings.ToLower(x), "www.") == h {
			return true
		}
	}
	return false
}
