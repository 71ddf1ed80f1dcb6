package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/internal/alerts"
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
	// WARCCompression is the gzip level of the WARC records (1 to 9; 0
	// for archive.DefaultWARCCompression).
	WARCCompression int
	Software        string // for the warcinfo records, e.g. "archivio/devel"
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
	// Commit sets how the catalog's group commits are made (zero values:
	// archive's defaults); its Sync is the crawl's own (the WARC writer's).
	Commit archive.CommitOptions
	// Drift decides when the record pages no longer read as before; the
	// zero value means archive.DefaultDriftThresholds.
	Drift archive.DriftThresholds
	// Sinks deliver the parse health alerts (drift, recovered), which are
	// stored either way.
	Sinks alerts.Sink
	// Outbox, when set, takes those alerts instead of Sinks, and the crawl
	// does not wait for them to go out (the daemon's).
	Outbox *Outbox
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
	CrawlLog       string                 `json:"crawl_log"` // DIR/logs/crawl-ID.log: one line per fetch
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
	h, err := openHarness(ctx, harnessOptions{DataDir: cfg.DataDir, Job: "crawl", NoLock: cfg.NoLock, Repair: true,
		Sinks: cfg.Sinks, Outbox: cfg.Outbox, Now: cfg.Now})
	if err != nil {
		return nil, err
	}
	defer h.close()
	j := &job{cfg: cfg, base: base, h: h, st: h.st, errs: map[string]int64{}, parsing: newParseGate()}
	return j.run(ctx)
}

// job is one crawl in progress.
type job struct {
	cfg     Config
	base    *url.URL
	h       *harness
	st      crawlCatalog
	crawlID int64
	stats   crawlers.Stats
	rec     *archive.Recorder
	pl      *pipeline // the stages past the fetch: parse, catalogue
	resumed bool      // the crawl continues an interrupted one

	newRecs, changed, unchanged, unreadable, fromArchive atomic.Int64

	parsing *parseGate // bounds the parses running at once
	// inArchive holds the records the archive had when the crawl began,
	// stored or kept as parse failures: only their pages can be asked
	// for conditionally.
	inArchive map[int]bool

	mu   sync.Mutex
	errs map[string]int64
}

func (j *job) run(ctx context.Context) (*Report, error) {
	cfg := j.cfg
	rep := &Report{Source: cfg.Source, BaseURL: j.base.String(), Started: cfg.Now().UTC(),
		WARCDir: j.st.WARCDir(), Database: j.st.Dir() + "/" + archive.DBName, Repaired: j.h.repaired}
	resume, err := j.begin(ctx, rep)
	if err != nil {
		return nil, err
	}
	mem, err := newFrontierMemory(ctx, j.st, j.crawlID)
	if err != nil {
		return nil, err
	}
	known, err := j.known(ctx)
	if err != nil {
		return nil, err
	}
	if err := j.loadArchived(ctx, known); err != nil {
		return nil, err
	}
	clog, err := archive.OpenCrawlLog(j.st.Dir(), j.crawlID)
	if err != nil {
		return nil, err
	}
	defer clog.Close()
	rep.CrawlLog = clog.Path()
	next := cfg.Transport
	if next == nil {
		next = defaultTransport(cfg)
	}
	// The pacing sits below the recording transport: a request holds its
	// slot while its answer arrives, not while it is archived.
	pacer := crawlers.NewPacer(next, cfg.Parallel, cfg.Delay)
	ro := recordOptions{Network: pacer, MaxBody: cfg.MaxBody, WARCMaxSize: cfg.WARCMaxSize, WARCCompression: cfg.WARCCompression, Software: cfg.Software}
	if err := j.h.openWriter(ro); err != nil {
		return nil, err
	}
	runCtx, stopRun := context.WithCancelCause(ctx)
	defer stopRun(nil)
	j.pl = newPipeline(runCtx, j.h.st, j.h.w, j.crawlID, cfg.Commit, stopRun)
	j.rec = j.h.recorder(ro, j.pl.com)
	stopProgress := j.progress(ctx, rep.Started)
	crawlErr := crawlers.Run(runCtx, crawlers.Options{
		Base: j.base, UserAgent: cfg.UserAgent, Transport: crawlers.NewRetry(j.rec, j.retryOptions()), Pacer: pacer,
		Frontier: frontier{mem: mem, pl: j.pl},
		Parallel: cfg.Parallel, Delay: cfg.Delay, Timeout: cfg.Timeout, Drain: cfg.Drain, MaxPages: cfg.MaxPages,
		FromID: cfg.FromID, ToID: cfg.ToID, Known: known, Resume: resume, Archived: j.archived, Conditional: j.conditional, Site: cfg.Site,
		OnPage: j.onPage, OnError: j.onError, Logger: cfg.Logger,
		FetchLog: func(e archive.CrawlLogEntry) {
			e.Source = cfg.Source
			clog.Write(e)
		},
	}, &j.stats)
	stopProgress()
	// The pages read are stored and everything queued is committed (the
	// committer makes the WARC records durable before each commit), then
	// the WARC file is closed.
	pipeErr := j.pl.close()
	closeErr := errors.Join(j.h.closeWriter(), clog.Close())

	// The crawl's own context may be canceled: what follows must still be
	// written for the crawl to be resumable.
	fin := context.WithoutCancel(ctx)
	rep.Status = "done"
	switch {
	case pipeErr != nil:
		rep.Status, rep.Error = "failed", pipeErr.Error()
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
	if err := j.h.finish(fin, rep.Status, rep, rep.Finished); err != nil {
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

// begin starts the crawl's run in the catalog, or reopens the interrupted
// crawl it resumes, and returns what that one left queued.
func (j *job) begin(ctx context.Context, rep *Report) ([]crawlers.ResumeEntry, error) {
	cfg := j.cfg
	var resume []crawlers.ResumeEntry
	if cfg.Resume {
		c, err := j.st.UnfinishedCrawl(ctx, cfg.Source)
		switch {
		case errors.Is(err, archive.ErrNotFound):
			cfg.Logger.Info("no interrupted crawl to resume: starting a new one", "source", cfg.Source)
		case err != nil:
			return nil, err
		default:
			j.crawlID, j.h.runID, rep.Resumed, j.resumed = c.ID, c.ID, true, true
			if err := j.st.ReopenCrawl(ctx, c.ID); err != nil {
				return nil, err
			}
			if err := j.reconcile(ctx, j.h.repaired, c.StartedAt); err != nil {
				return nil, err
			}
			queued, err := j.st.Frontier(ctx, c.ID, "queued")
			if err != nil {
				return nil, err
			}
			for _, e := range queued {
				resume = append(resume, crawlers.ResumeEntry{Key: e.Key, URL: e.URL, Depth: e.Depth})
			}
			if len(resume) == 0 {
				cfg.Logger.Info("the interrupted crawl had nothing left to fetch", "crawl", c.ID)
			}
		}
	}
	if j.crawlID == 0 {
		if err := j.h.start(ctx, cfg.Source, j.base.String()); err != nil {
			return nil, err
		}
		j.crawlID = j.h.runID
		// A fresh crawl supersedes any unfinished one: resuming that later
		// would replay older pages over newer versions.
		if err := j.st.SupersedeUnfinished(ctx, cfg.Source, j.crawlID, cfg.Now()); err != nil {
			return nil, err
		}
	}
	rep.CrawlID = j.crawlID
	return resume, nil
}

// retryOptions are the crawl's retries: each attempt bounded by the
// request timeout, each retry logged.
func (j *job) retryOptions() crawlers.RetryOptions {
	cfg := j.cfg
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
	return retry
}
