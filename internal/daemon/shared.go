package daemon

import (
	"context"
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"archivio/archive/pg"
	"archivio/internal/cluster"
	"archivio/internal/jobs"
	"archivio/internal/schedule"
)

// Shared is the shared catalog of a daemon that is one node of several
// (store: postgres): each source's crawl runs as this machine's part of
// the source's shared crawl, the time of each source's last crawl comes
// from the shared catalog, and /status and /metrics show the nodes, the
// leases, the hosts and the WARC files not stored yet.
type Shared struct {
	Store    *pg.Store
	LeaseTTL time.Duration // a node is alive with a heartbeat this recent
	// Crawl runs this machine's part of the source's shared crawl.
	Crawl func(ctx context.Context, source string) (*cluster.Report, error)
	// CheckLinks, when set, runs this node's part of the link checks of
	// the shared catalog (cluster.LinkCheck): they are scheduled as on
	// one machine, and a turn while other nodes check joins their run.
	CheckLinks func(ctx context.Context, cfg jobs.LinksConfig) (*jobs.LinksReport, error)
}

// sharedLinksJob runs this node's part of the link checks of the shared
// catalog: it joins the run other nodes are making, or starts one.
func (d *daemon) sharedLinksJob(ctx context.Context, cfg jobs.LinksConfig) error {
	// A turn that comes after the other nodes' run of the same turn
	// ended starts no other: a run started within half the schedule's
	// period is this turn's.
	if sched, err := schedule.Parse(d.cfg.Links.Schedule); err == nil {
		now := time.Now()
		next := sched.Next(now)
		cfg.RunSince = now.Add(-sched.Next(next).Sub(next) / 2)
	}
	rep, err := d.o.Shared.CheckLinks(ctx, cfg)
	if errors.Is(err, pg.ErrLinkRunRecent) {
		d.o.Logger.Info("link checks skipped: the other nodes checked the links of this turn")
		return nil
	}
	d.m.observeLinks(rep)
	return d.refreshCounts(ctx, err)
}

// sharedCrawlJob is a source's crawl on a node.
func (d *daemon) sharedCrawlJob(name string) func(context.Context) error {
	return func(ctx context.Context) error {
		rep, err := d.o.Shared.Crawl(ctx, name)
		if rep != nil {
			d.m.pages.Add(float64(rep.PagesFetched))
			d.m.bytes.Add(float64(rep.Bytes))
			for kind, n := range rep.Errors {
				d.m.fetchErrors.WithLabelValues(kind).Add(float64(n))
			}
			d.m.recordPages.WithLabelValues(name).Add(float64(rep.RecordsNew + rep.RecordsChanged + rep.RecordsUnchanged + rep.Unreadable))
			d.m.parseFailures.WithLabelValues(name).Add(float64(rep.Unreadable))
		}
		return d.refreshCounts(ctx, err)
	}
}

// sharedCounts sets the gauges read from the shared catalog.
func (d *daemon) sharedCounts(ctx context.Context) error {
	ids, err := d.o.Shared.Store.RecordIDs(ctx)
	if err != nil {
		return err
	}
	d.m.recordsTotal.Set(float64(len(ids)))
	links, err := d.o.Shared.Store.Links(ctx, "", true)
	if err != nil {
		return err
	}
	states := map[string]int{}
	for _, l := range links {
		states[l.State]++
	}
	for _, state := range []string{"up", "suspect", "down"} {
		d.m.links.WithLabelValues(state).Set(float64(states[state]))
	}
	d.m.initSources(d.cfg.SourceNames())
	return nil
}

// sharedStatus is /status on a node: the shared archive's counts and the
// cluster's state.
func (d *daemon) sharedStatus(ctx context.Context) (*Summary, *cluster.Status, error) {
	cs, err := cluster.ReadStatus(ctx, d.o.Shared.Store, d.o.Shared.LeaseTTL)
	if err != nil {
		return nil, nil, err
	}
	o, err := d.o.Shared.Store.Overview(ctx)
	if err != nil {
		return nil, nil, err
	}
	s := &Summary{Records: cs.Records, Captures: cs.Captures, Links: o.Links, LinksDown: o.LinksDown, Alerts: o.Alerts}
	for _, name := range append(d.cfg.SourceNames(), "links") {
		if c, err := d.o.Shared.Store.LastCrawl(ctx, name); err == nil {
			s.Crawls = append(s.Crawls, CrawlState{Source: c.Source, Status: c.Status, Started: c.StartedAt, Finished: c.FinishedAt})
		}
	}
	return s, cs, nil
}

// clusterCollector reads the cluster's state from the shared catalog at
// each scrape of /metrics. Its labels are bounded: node names (a
// deployment's few machines) and fixed states; hosts, whose number is the
// sites', are summed.
type clusterCollector struct {
	shared *Shared

	nodes, heartbeat, nodeLeases, leases, inFlight, queued, blocked, files, pending *prometheus.Desc
}

func newClusterCollector(s *Shared) *clusterCollector {
	return &clusterCollector{shared: s,
		nodes:      prometheus.NewDesc("archivio_cluster_nodes", "Crawler nodes of the shared catalog, by state (alive, stopped, not_alive).", []string{"state"}, nil),
		heartbeat:  prometheus.NewDesc("archivio_cluster_node_last_heartbeat_timestamp_seconds", "When each node last said it was alive (Unix time).", []string{"node"}, nil),
		nodeLeases: prometheus.NewDesc("archivio_cluster_node_leases", "Live leases each node holds on the shared frontier.", []string{"node"}, nil),
		leases:     prometheus.NewDesc("archivio_cluster_leases", "Leases on unsettled URLs of the shared frontier, by state (live, expired).", []string{"state"}, nil),
		inFlight:   prometheus.NewDesc("archivio_cluster_fetches_in_flight", "Fetches in flight over all nodes and hosts (live leases).", nil, nil),
		queued:     prometheus.NewDesc("archivio_cluster_urls_queued", "URLs queued on the shared frontier, over all hosts.", nil, nil),
		blocked:    prometheus.NewDesc("archivio_cluster_hosts_blocked", "Hosts no node may fetch now (a 429 or 503 with Retry-After).", nil, nil),
		files:      prometheus.NewDesc("archivio_cluster_warc_files", "WARC files of the nodes, by state (open, pending_upload, stored).", []string{"state"}, nil),
		pending:    prometheus.NewDesc("archivio_cluster_captures_pending", "Captures whose WARC file is not stored yet.", nil, nil),
	}
}

func (c *clusterCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.nodes, c.heartbeat, c.nodeLeases, c.leases, c.inFlight, c.queued, c.blocked, c.files, c.pending} {
		ch <- d
	}
}

func (c *clusterCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := cluster.ReadStatus(ctx, c.shared.Store, c.shared.LeaseTTL)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.nodes, err)
		return
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	states := map[string]int{"alive": 0, "stopped": 0, "not_alive": 0}
	for _, n := range s.Nodes {
		switch {
		case !n.Stopped.IsZero():
			states["stopped"]++
		case n.Alive:
			states["alive"]++
		default:
			states["not_alive"]++
		}
		gauge(c.heartbeat, float64(n.LastHeartbeat.UnixMilli())/1000, n.Name)
		gauge(c.nodeLeases, float64(n.Leases), n.Name)
	}
	for st, n := range states {
		gauge(c.nodes, float64(n), st)
	}
	live, expired := 0, 0
	for _, l := range s.Leases {
		if l.Expired {
			expired++
		} else {
			live++
		}
	}
	gauge(c.leases, float64(live), "live")
	gauge(c.leases, float64(expired), "expired")
	var inFlight, queued, blocked int
	for _, h := range s.Hosts {
		inFlight += h.InFlight
		queued += h.Queued
		if !h.BlockedUntil.IsZero() {
			blocked++
		}
	}
	gauge(c.inFlight, float64(inFlight))
	gauge(c.queued, float64(queued))
	gauge(c.blocked, float64(blocked))
	gauge(c.files, float64(s.WARC.Open), "open")
	gauge(c.files, float64(s.WARC.PendingUpload), "pending_upload")
	gauge(c.files, float64(s.WARC.Stored), "stored")
	gauge(c.pending, float64(s.WARC.CapturesPending))
}
