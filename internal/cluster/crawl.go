package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/crawlers"
	"archivio/internal/alerts"
	"archivio/internal/jobs"
	"archivio/source/osservatorio"
)

// CrawlConfig is one node's part in a crawl of the observatory, or of a
// site source, shared by several nodes.
type CrawlConfig struct {
	Store     *pg.Store         // the shared catalog, opened with this node's name
	Storage   warcstore.Storage // where closed WARC files go
	Node      string            // this node's name
	WARCDir   string            // the node's own folder of WARC files before they are shipped
	LogDir    string            // when set, the node's crawl log goes to LogDir/logs/crawl-ID.log
	Source    string            // the source's name, e.g. "osservatorio"
	BaseURL   string
	UserAgent string
	Software  string        // in the WARC files' warcinfo records
	Parallel  int           // fetches at once on this node, and on the site over all nodes
	Delay     time.Duration // between two fetches of the site, over all nodes
	Timeout   time.Duration
	MaxBody   int64
	MaxFile   int64 // rotate WARC files at this size
	FromID    int   // also try every record id from FromID to ToID
	// MaxPages, when not 0, is a new crawl's page budget over all nodes
	// (--max-pages): at most that many URLs queued, the rest excluded
	// (max_pages). A node joining a running crawl keeps its budget.
	MaxPages int
	ToID     int
	// Site makes this the crawl of a site source: its seeds, hosts,
	// prefixes and depth, as one machine's crawl takes them (BaseURL is
	// its first seed).
	Site      *crawlers.Site
	Heartbeat time.Duration // default a third of the lease TTL
	LeaseTTL  time.Duration
	Rotate    time.Duration // close and ship the WARC file this often; default 1 minute
	// Transport is the network below the recording transport; default
	// one refusing non-public addresses unless AllowPrivate.
	Transport    http.RoundTripper
	AllowPrivate bool
	// Drift judges the parse health of the crawl, once, by the node that
	// finishes it (default archive.DefaultDriftThresholds, as one
	// machine's crawl); the alert of a transition goes to Sinks (or
	// Outbox).
	Drift  archive.DriftThresholds
	Sinks  alerts.Sink
	Outbox *jobs.Outbox
	Logger *slog.Logger
	Now    func() time.Time

	leaveUnjudged bool // for tests: leave as a node that died before judging
}

// Report is what one node did in a shared crawl, and the crawl as the
// catalog has it when the node left it.
type Report struct {
	CrawlID  int64     `json:"crawl_id"`
	Source   string    `json:"source"`
	BaseURL  string    `json:"base_url"`
	Node     string    `json:"node"`
	Joined   bool      `json:"joined"` // the node joined a crawl another node started
	Status   string    `json:"status"` // done, interrupted, failed
	Error    string    `json:"error,omitempty"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	Seconds  float64   `json:"seconds"`
	// This node's part.
	PagesFetched     int64            `json:"pages_fetched"`
	Bytes            int64            `json:"bytes"`
	RecordsNew       int64            `json:"records_new"`
	RecordsChanged   int64            `json:"records_changed"`
	RecordsUnchanged int64            `json:"records_unchanged"`
	Unreadable       int64            `json:"records_unreadable"`
	RobotsBlocked    int64            `json:"robots_blocked"`
	Errors           map[string]int64 `json:"errors"`
	// The whole crawl, over every node.
	Frontier       jobs.FrontierReport  `json:"frontier"`
	ParseOutcomes  map[string]int64     `json:"parse_outcomes"`
	MissingRecords []jobs.MissingRecord `json:"missing_records,omitempty"`
	FinishedHere   bool                 `json:"finished_here"` // this node marked the crawl done
	// ParseHealth is the crawl's parse health and the judgement of its
	// drift, by the node that finished it (nil on the others).
	ParseHealth *jobs.ParseHealthReport `json:"parse_health,omitempty"`
	WARCPending int64                   `json:"warc_captures_pending"`
	Repaired    []archive.RepairReport  `json:"repaired,omitempty"`
	CrawlLog    string                  `json:"crawl_log,omitempty"` // this node's lines of the crawl log
}

// Crawl runs this node's part of the crawl of the observatory at
// cfg.BaseURL: it joins the crawl of the source running on the shared
// catalog, or starts one (its seeds: the home page, the sitemap, the ids
// asked for and every record the archive holds), fetches what it claims
// until nothing of the crawl is queued on any node, ships its WARC files,
// and the first node to find the crawl settled marks it done. With
// cfg.Site it is a site source's crawl instead (see siteCrawl): its
// seeds, one depth after the other. It returns
// the report whenever the node took part, also when it was stopped or
// failed.
func Crawl(ctx context.Context, cfg CrawlConfig) (*Report, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Drift == (archive.DriftThresholds{}) {
		cfg.Drift = archive.DefaultDriftThresholds()
	}
	if cfg.Transport == nil {
		cfg.Transport = networkTransport(cfg.AllowPrivate, cfg.Parallel)
	}
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("crawl: base URL %q is not an http(s) address", cfg.BaseURL)
	}
	st := cfg.Store
	// The site's pace, set by every node alike before any of its URLs is
	// queued: one row per host over all nodes.
	paced := []string{base.String()}
	if cfg.Site != nil {
		for _, h := range cfg.Site.Hosts {
			paced = append(paced, (&url.URL{Scheme: base.Scheme, Host: h}).String())
		}
	}
	for _, u := range paced {
		key, err := st.HostKey(ctx, u)
		if err != nil {
			return nil, err
		}
		if err := st.SetHostPace(ctx, key, cfg.Delay, max(cfg.Parallel, 1)); err != nil {
			return nil, err
		}
	}
	obs := newObservatory(base, st, cfg.Logger, cfg.Now)
	var seeds []archive.FrontierEntry
	onPage, prepare := obs.page, obs.prepare
	if cfg.Site != nil {
		site := &siteCrawl{site: cfg.Site, source: cfg.Source, now: cfg.Now}
		seeds, onPage, prepare = site.seeds(), site.page, nil
		if len(seeds) == 0 {
			return nil, fmt.Errorf("crawl %s: no seed is on the site's hosts and prefixes", cfg.Source)
		}
	} else {
		known, err := st.RecordIDs(ctx)
		if err != nil {
			return nil, err
		}
		seeds = obs.seeds(known, cfg.FromID, cfg.ToID)
	}
	if err := judgeLeftCrawl(ctx, cfg); err != nil {
		return nil, err
	}
	rep := &Report{Source: cfg.Source, BaseURL: base.String(), Node: cfg.Node, Started: cfg.Now().UTC()}
	id, joined, err := st.JoinCrawl(ctx, cfg.Source, base.String(), cfg.Now(), seeds, cfg.MaxPages)
	if err != nil {
		return nil, err
	}
	rep.CrawlID, rep.Joined, obs.crawlID = id, joined, id
	if joined && cfg.FromID > 0 && cfg.Site == nil {
		// The ids this node was asked to try join the running crawl too.
		if _, err := st.AddToFrontier(ctx, id, obs.seeds(nil, cfg.FromID, cfg.ToID)); err != nil {
			return nil, err
		}
	}
	cfg.Logger.Info("crawl", "crawl", id, "node", cfg.Node, "joined", joined)
	heartbeat := cfg.Heartbeat
	if heartbeat <= 0 && cfg.LeaseTTL > 0 {
		heartbeat = cfg.LeaseTTL / 3
	}
	var fetchLog func(archive.CrawlLogEntry)
	if cfg.LogDir != "" {
		clog, err := archive.OpenCrawlLog(cfg.LogDir, id)
		if err != nil {
			return nil, err
		}
		defer clog.Close()
		rep.CrawlLog = clog.Path()
		fetchLog = func(e archive.CrawlLogEntry) {
			e.Source = cfg.Source
			clog.Write(e)
		}
	}
	n := &Node{Store: st, FetchLog: fetchLog, Name: cfg.Node, WARCDir: cfg.WARCDir, Storage: cfg.Storage, Transport: cfg.Transport, CrawlID: id,
		Parallel: cfg.Parallel, Heartbeat: heartbeat, Rotate: cfg.Rotate, MaxFile: cfg.MaxFile, Timeout: cfg.Timeout,
		OnPage: onPage, Prepare: prepare, UserAgent: cfg.UserAgent, Robots: true, MinDelay: cfg.Delay, MaxBody: cfg.MaxBody,
		Software: cfg.Software, Log: cfg.Logger}
	runErr := n.Run(ctx)

	fin := context.WithoutCancel(ctx)
	rep.Status = "done"
	switch {
	case runErr != nil && ctx.Err() != nil:
		rep.Status = "interrupted"
	case runErr != nil:
		rep.Status, rep.Error = "failed", runErr.Error()
	}
	s := n.Stats()
	rep.PagesFetched, rep.Bytes, rep.RobotsBlocked, rep.Errors = s.Pages.Load(), s.Bytes.Load(), s.Excluded.Load(), s.Errors()
	rep.RecordsNew, rep.RecordsChanged, rep.RecordsUnchanged, rep.Unreadable = obs.newRecs.Load(), obs.changed.Load(), obs.unchanged.Load(), obs.unreadable.Load()
	if err := crawlState(fin, st, rep); err != nil && rep.Status == "done" {
		rep.Status, rep.Error = "failed", err.Error()
	}
	rep.Finished = cfg.Now().UTC()
	rep.Seconds = rep.Finished.Sub(rep.Started).Seconds()
	if rep.Status == "done" && rep.Frontier.Unsettled == 0 {
		body, _ := json.Marshal(crawlReport(rep))
		done, err := st.FinishSettled(fin, id, string(body), rep.Finished)
		if err != nil {
			rep.Status, rep.Error = "failed", err.Error()
		}
		rep.FinishedHere = done
		if done && !cfg.leaveUnjudged {
			// The node that finished the crawl judges its drift, once.
			started := rep.Started
			if c, err := st.Crawl(fin, id); err == nil {
				started = c.StartedAt // the crawl's, not this node's part's
			}
			rep.ParseHealth, err = jobs.JudgeSharedDrift(fin, jobs.SharedDrift{Catalog: st, Source: cfg.Source, BaseURL: base.String(),
				CrawlID: id, Started: started, Thresholds: cfg.Drift, Sinks: cfg.Sinks, Outbox: cfg.Outbox, Now: cfg.Now})
			if err != nil && !errors.Is(err, pg.ErrDriftJudged) {
				rep.Status, rep.Error = "failed", fmt.Sprintf("judge the parse health: %v", err)
			}
		}
	}
	switch rep.Status {
	case "failed":
		return rep, fmt.Errorf("crawl %s: %s", cfg.Source, rep.Error)
	case "interrupted":
		return rep, ctx.Err()
	}
	return rep, nil
}

// crawlState fills the report's picture of the whole crawl.
func crawlState(ctx context.Context, st *pg.Store, rep *Report) error {
	counts, err := st.FrontierCounts(ctx, rep.CrawlID)
	if err != nil {
		return err
	}
	f := jobs.FrontierReport{Failed: map[string]int64{}, Excluded: map[string]int64{}}
	for _, c := range counts {
		f.URLs += c.N
		switch c.State {
		case archive.FrontierDone:
			f.Done += c.N
		case archive.FrontierFailed:
			f.Failed[c.Reason] += c.N
		case archive.FrontierExcluded:
			f.Excluded[c.Reason] += c.N
		default:
			f.Unsettled += c.N
		}
	}
	rep.Frontier = f
	if rep.ParseOutcomes, err = st.ParseOutcomes(ctx, rep.CrawlID); err != nil {
		return err
	}
	missing, err := st.MissingRecords(ctx, rep.CrawlID)
	if err != nil {
		return err
	}
	rep.MissingRecords = nil
	for _, m := range missing {
		id, _ := osservatorio.KeyRecordID(m.Key)
		rep.MissingRecords = append(rep.MissingRecords, jobs.MissingRecord{ID: id, URL: m.URL, Reason: m.Reason})
	}
	rep.WARCPending, err = st.PendingCaptures(ctx)
	return err
}

// crawlReport is the report stored with the crawl: the whole crawl's
// state, not one node's part.
func crawlReport(r *Report) any {
	return struct {
		CrawlID        int64                `json:"crawl_id"`
		Source         string               `json:"source"`
		BaseURL        string               `json:"base_url"`
		Status         string               `json:"status"`
		FinishedBy     string               `json:"finished_by"`
		Frontier       jobs.FrontierReport  `json:"frontier"`
		ParseOutcomes  map[string]int64     `json:"parse_outcomes"`
		MissingRecords []jobs.MissingRecord `json:"missing_records,omitempty"`
	}{r.CrawlID, r.Source, r.BaseURL, "done", r.Node, r.Frontier, r.ParseOutcomes, r.MissingRecords}
}

// judgeLeftCrawl judges the source's last crawl when it is done but its
// drift was never judged: the node that finished it died before it could
// (judging follows the crawl's finish, outside its transaction). The
// drift alert of that crawl is then raised late, by the next node that
// starts a crawl of the source, never lost; a crawl judged already is
// left as it is (the catalog refuses a second judgement).
func judgeLeftCrawl(ctx context.Context, cfg CrawlConfig) error {
	st := cfg.Store
	last, err := st.LastCrawl(ctx, cfg.Source)
	if errors.Is(err, archive.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if last.Status != "done" {
		return nil
	}
	state, err := st.DriftState(ctx, cfg.Source)
	if err != nil {
		return err
	}
	if state.LastCrawl >= last.ID {
		return nil
	}
	h, err := jobs.JudgeSharedDrift(ctx, jobs.SharedDrift{Catalog: st, Source: cfg.Source, BaseURL: last.BaseURL,
		CrawlID: last.ID, Started: last.StartedAt, Thresholds: cfg.Drift, Sinks: cfg.Sinks, Outbox: cfg.Outbox, Now: cfg.Now})
	if err != nil && !errors.Is(err, pg.ErrDriftJudged) {
		return fmt.Errorf("judge the parse health of crawl %d, finished unjudged: %w", last.ID, err)
	}
	if err == nil && h != nil && h.Drift != nil && h.Drift.Judged {
		cfg.Logger.Info("judged a crawl finished unjudged", "crawl", last.ID, "node", cfg.Node, "state", h.Drift.State)
	}
	return nil
}
