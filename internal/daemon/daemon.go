// Package daemon is "archivio run": it holds the data directory, runs the
// configured crawls and link checks on their cron schedules, serves
// /healthz, /metrics, /status and /feed.atom, and on SIGTERM or SIGINT
// stops scheduling, lets jobs in flight finish (or cancels them at the
// deadline), closes everything and returns.
package daemon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sort"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"archivio/archive"
	"archivio/internal/alerts"
	"archivio/internal/cluster"
	"archivio/internal/config"
	"archivio/internal/jobs"
	"archivio/internal/schedule"
	"archivio/internal/setup"
)

// Options are what the daemon needs besides its configuration. Its jobs
// are built from the configuration as the command line builds them
// (internal/setup).
type Options struct {
	Version   string
	Logger    *slog.Logger
	Sinks     alerts.Sink       // alert sinks (setup.Sinks of the same settings)
	Listener  net.Listener      // default: listen on cfg.Listen
	Transport http.RoundTripper // the network for crawls and checks; default the guarded ones
	Jitter    time.Duration     // before each run, default 30s
	// Started, when set, is called once the schedules run and the HTTP
	// server listens, with the address it listens on.
	Started func(addr string)
	// Interface, when set, is served on the daemon's listener beside its
	// own paths (the web interface, when serve.listen is the daemon's
	// address).
	Interface http.Handler
	// Shared, when set, makes the daemon a node of a shared catalog
	// (store: postgres): see Shared.
	Shared *Shared
}

// Run runs the daemon until ctx ends.
func Run(ctx context.Context, cfg *config.Config, o Options) error {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	lock, err := archive.LockDir(cfg.Data)
	if err != nil {
		return fmt.Errorf("run: %w", err)
	}
	defer lock.Unlock()

	// The alerts of every job go out through one outbox of the daemon's,
	// so a slow sink delays no job and no job's next run; it has its own
	// handle on the catalog to record each delivery.
	obStore, err := archive.Open(ctx, cfg.Data)
	if err != nil {
		return fmt.Errorf("run: %w", err)
	}
	defer obStore.Close()
	obCtx, obCancel := context.WithCancel(context.WithoutCancel(ctx))
	defer obCancel()
	var delivered interface {
		jobs.DeliveryLog
		jobs.PendingAlerts
	} = obStore
	if o.Shared != nil {
		delivered = o.Shared.Store // a node's alerts are the shared catalog's
	}
	outbox := jobs.NewOutbox(obCtx, o.Sinks, delivered, o.Logger)
	defer closeOutbox(outbox, obCancel, time.Duration(cfg.ShutdownWait), o.Logger)
	// First go out the alerts a killed run stored and did not deliver
	// (on a shared catalog, those no live node holds), oldest first.
	if _, err := outbox.Resume(ctx, delivered); err != nil {
		return fmt.Errorf("run: alerts still to deliver: %w", err)
	}
	// Then, every alerts.retry_every, those whose delivery failed. The
	// retries end before the outbox closes (the defers run last first).
	retryCtx, stopRetry := context.WithCancel(ctx)
	retried := make(chan struct{})
	go func() {
		defer close(retried)
		outbox.RetryEvery(retryCtx, delivered, time.Duration(cfg.Alerts.RetryEvery))
	}()
	defer func() {
		stopRetry()
		<-retried
	}()

	d := &daemon{cfg: cfg, o: o, m: newMetrics(), started: time.Now(), outbox: outbox}
	if o.Shared != nil {
		d.m.reg.MustRegister(newClusterCollector(o.Shared))
	}
	if err := d.initMetrics(ctx); err != nil {
		return err
	}
	catchUp := cfg.CatchUp == nil || *cfg.CatchUp
	d.sched = schedule.New(schedule.Options{
		Location: cfg.Location(), Timeout: time.Duration(cfg.JobTimeout), Jitter: o.Jitter, CatchUp: catchUp,
		Logger: o.Logger, Observe: d.m.observeRun,
	})
	if err := d.addJobs(ctx); err != nil {
		return err
	}

	ln := o.Listener
	if ln == nil {
		if ln, err = net.Listen("tcp", cfg.Listen); err != nil {
			return fmt.Errorf("run: listen on %s: %w", cfg.Listen, err)
		}
	}
	d.addr = ln.Addr().String()
	srv := &http.Server{Handler: d.routes(), ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	d.sched.Start()
	o.Logger.Info("archivio running", "listen", ln.Addr().String(), "data", cfg.Data, "jobs", len(d.sched.Status()))
	if o.Started != nil {
		o.Started(ln.Addr().String())
	}

	var runErr error
	select {
	case <-ctx.Done():
		o.Logger.Info("stopping: letting jobs in flight finish", "deadline", time.Duration(cfg.ShutdownWait))
	case err := <-serveErr:
		runErr = fmt.Errorf("run: http server: %w", err)
	}
	stopCtx, cancel := context.WithTimeout(context.Background(), time.Duration(cfg.ShutdownWait))
	defer cancel()
	d.sched.Stop(stopCtx)
	shutCtx, cancel2 := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel2()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		o.Logger.Warn("http server shutdown", "err", err)
	}
	o.Logger.Info("archivio stopped")
	return runErr
}

// daemon is one running daemon.
type daemon struct {
	cfg     *config.Config
	o       Options
	m       *metrics
	sched   *schedule.Scheduler
	started time.Time
	addr    string // the address the HTTP server listens on
	outbox  *jobs.Outbox
}

// closeOutbox lets the alerts still queued go out, for at most wait;
// then the deliveries in flight are cut short, and recorded as failed.
func closeOutbox(ob *jobs.Outbox, cancel context.CancelFunc, wait time.Duration, logger *slog.Logger) {
	done := make(chan error, 1)
	go func() { done <- ob.Close() }()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	var err error
	select {
	case err = <-done:
	case <-timer.C:
		logger.Warn("stopping: alerts still going out are cut short", "waited", wait)
		cancel()
		err = <-done
	}
	if err != nil {
		logger.Error("recording an alert's delivery", "err", err)
	}
}

// addJobs schedules a crawl per source and the link checks, with the time
// each last ran (for catch-up) from the database.
func (d *daemon) addJobs(ctx context.Context) error {
	st, err := archive.Open(ctx, d.cfg.Data)
	if err != nil {
		return err
	}
	defer st.Close()
	names := make([]string, 0, len(d.cfg.Sources))
	for n := range d.cfg.Sources {
		names = append(names, n)
	}
	sort.Strings(names)
	var last interface {
		LastCrawl(ctx context.Context, source string) (*archive.Crawl, error)
	} = st
	if d.o.Shared != nil {
		last = d.o.Shared.Store
	}
	for _, name := range names {
		src := d.cfg.Sources[name]
		job := schedule.Job{Name: "crawl " + name, Spec: src.Schedule, Run: d.crawlJob(name)}
		if c, err := last.LastCrawl(ctx, name); err == nil {
			job.LastRun = c.StartedAt
		}
		if err := d.sched.Add(job); err != nil {
			return fmt.Errorf("run: %w", err)
		}
	}
	if d.o.Shared != nil && d.o.Shared.CheckLinks == nil {
		d.o.Logger.Info("link checks are not scheduled on this node")
		return nil
	}
	links := schedule.Job{Name: "links", Spec: d.cfg.Links.Schedule, Run: d.linksJob()}
	if c, err := last.LastCrawl(ctx, "links"); err == nil {
		links.LastRun = c.StartedAt
	}
	if err := d.sched.Add(links); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	return nil
}

func (d *daemon) crawlJob(name string) func(context.Context) error {
	if d.o.Shared != nil {
		return d.sharedCrawlJob(name)
	}
	return func(ctx context.Context) error {
		cfg := setup.Crawl(d.cfg, name, d.o.Version)
		cfg.Transport, cfg.Logger, cfg.Outbox = d.o.Transport, d.o.Logger, d.outbox
		cfg.NoLock = true
		cfg.Resume = true // a crawl cut short by a stop or a crash continues at its next run
		rep, err := jobs.Crawl(ctx, cfg)
		d.m.observeCrawl(rep)
		return d.refreshCounts(ctx, err)
	}
}

func (d *daemon) linksJob() func(context.Context) error {
	return func(ctx context.Context) error {
		cfg := setup.LinkCheck(d.cfg, d.o.Version)
		cfg.Transport, cfg.Logger, cfg.Outbox = d.o.Transport, d.o.Logger, d.outbox
		cfg.NoLock = true
		if d.o.Shared != nil {
			return d.sharedLinksJob(ctx, cfg)
		}
		rep, err := jobs.CheckLinks(ctx, cfg)
		d.m.observeLinks(rep)
		return d.refreshCounts(ctx, err)
	}
}

// refreshCounts updates the gauges read from the database after a job.
func (d *daemon) refreshCounts(ctx context.Context, jobErr error) error {
	if err := d.initMetrics(context.WithoutCancel(ctx)); err != nil && jobErr == nil {
		return err
	}
	return jobErr
}

// initMetrics sets the gauges from the database.
func (d *daemon) initMetrics(ctx context.Context) error {
	if d.o.Shared != nil {
		return d.sharedCounts(ctx)
	}
	s, err := summarize(ctx, d.cfg.Data)
	if err != nil {
		return err
	}
	for _, state := range []string{"up", "suspect", "down"} {
		d.m.links.WithLabelValues(state).Set(float64(s.Links[state]))
	}
	d.m.recordsTotal.Set(float64(s.Records))
	d.m.initSources(d.cfg.SourceNames())
	d.m.setParseHealth(s)
	return nil
}

func (d *daemon) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(d.m.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /status", d.serveStatus)
	mux.HandleFunc("GET /feed.atom", d.serveFeed)
	if d.o.Interface != nil {
		mux.Handle("/", d.o.Interface)
	}
	return mux
}

// Status is the daemon's picture, served at /status.
type Status struct {
	Version string               `json:"version"`
	Data    string               `json:"data"`
	Since   time.Time            `json:"running_since"`
	Jobs    []schedule.JobStatus `json:"jobs"`
	Summary
	// Cluster is the shared archive's nodes, leases, hosts and WARC
	// files, on a node of a shared catalog.
	Cluster *cluster.Status `json:"cluster,omitempty"`
}

func (d *daemon) serveStatus(w http.ResponseWriter, r *http.Request) {
	var s *Summary
	var cs *cluster.Status
	var err error
	if d.o.Shared != nil {
		s, cs, err = d.sharedStatus(r.Context())
	} else {
		s, err = summarize(r.Context(), d.cfg.Data)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(Status{Version: d.o.Version, Data: d.cfg.Data, Since: d.started, Jobs: d.sched.Status(), Summary: *s, Cluster: cs})
}

// feedCatalog is what /feed.atom reads: the alerts and the catalog's
// identity, of one machine's archive or of the shared catalog.
type feedCatalog interface {
	jobs.AlertReader
	CatalogID(ctx context.Context) (string, error)
}

// feedURL is the address of /feed.atom: on the listen address, or on the
// host the request named when the daemon listens on every address.
func (d *daemon) feedURL(r *http.Request) string {
	host := d.addr
	if h, _, err := net.SplitHostPort(host); err == nil {
		if ip := net.ParseIP(h); h == "" || ip != nil && ip.IsUnspecified() {
			host = r.Host
		}
	}
	return (&url.URL{Scheme: "http", Host: host, Path: "/feed.atom"}).String()
}

func (d *daemon) serveFeed(w http.ResponseWriter, r *http.Request) {
	var st feedCatalog
	if d.o.Shared != nil {
		st = d.o.Shared.Store
	} else {
		local, err := archive.Open(r.Context(), d.cfg.Data)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer local.Close()
		st = local
	}
	list, err := jobs.StoredAlerts(r.Context(), st)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	updated := d.started
	if len(list) > 0 {
		updated = list[len(list)-1].At
	}
	id, err := st.CatalogID(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	body, err := alerts.RenderAtom(alerts.Feed{Title: setup.AtomTitle, ID: "urn:uuid:" + id, Self: d.feedURL(r)}, updated, list)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write(body)
}
