package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/jobs"
)

// LinkCheck is a node's part of a run of the link checks of the shared
// catalog: every node that runs them at the same time shares the run
// (pg.JoinLinkCheck), claiming links in small leased batches, each host
// paced over all nodes; the exchanges go to the node's own WARC files,
// shipped to Storage as a crawling node's are.
type LinkCheck struct {
	Store     *pg.Store         // the shared catalog
	Name      string            // the node's name, in its WARC file names
	WARCDir   string            // the node's own folder of WARC files
	Storage   warcstore.Storage // where closed WARC files go
	MaxFile   int64             // rotate at this size; default 1 GiB
	Software  string
	Heartbeat time.Duration // extends this node's leases; default 40 s
	Log       *slog.Logger

	afterSync func() // for tests: runs after each sync of the WARC writer
}

// Run joins the running run of link checks, or starts one with every
// active link queued, and checks links of it with cfg (jobs.CheckLinks'
// settings) until nothing of it is queued on any node. A host not paced
// yet is paced at cfg.HostDelay and cfg.PerHost over all nodes. With
// cfg.RunSince set and a run started since over, it starts none and
// fails with pg.ErrLinkRunRecent. The node is
// registered first, which releases at once the leases a killed run of
// it left. The run's WARC files, and those a killed run of this node
// left, are shipped before it returns.
func (c LinkCheck) Run(ctx context.Context, cfg jobs.LinksConfig) (rep *jobs.LinksReport, err error) {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	perHost := cfg.PerHost
	if perHost <= 0 {
		perHost = jobs.LinksPerHost
	}
	if c.Heartbeat <= 0 {
		c.Heartbeat = 40 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if err := os.MkdirAll(c.WARCDir, 0o755); err != nil {
		return nil, fmt.Errorf("links check on node %s: %w", c.Name, err)
	}
	ship := &warcstore.Shipper{Dir: c.WARCDir, Storage: c.Storage, Catalog: c.Store, Log: c.Log,
		List: listLeftovers(c.Store, c.Name, c.Log), Ready: allListed(c.Store)}
	if reps, objs, err := ship.Recover(ctx); err != nil {
		return nil, fmt.Errorf("links check on node %s: %w", c.Name, err)
	} else if len(reps)+len(objs) > 0 {
		c.Log.Info("recovered warc files", "node", c.Name, "repaired", len(reps), "shipped", len(objs))
	}
	released, err := c.Store.Register(ctx)
	if err != nil {
		return nil, err
	}
	run, joined, err := c.Store.JoinLinkCheck(ctx, cfg.Now(), cfg.RunSince, max(cfg.HostDelay, 0), perHost)
	if err != nil {
		return nil, err
	}
	c.Log.Info("links check", "run", run, "node", c.Name, "joined", joined, "released_leases", released)
	w, err := archive.OpenWARCWriter(archive.WARCOptions{Dir: c.WARCDir, Prefix: "archivio-" + c.Name + "-links-" + shortID(),
		MaxFileSize: c.MaxFile, Hostname: c.Name, Software: c.Software, IsPartOf: archive.CrawlCollection(run), Now: cfg.Now})
	if err != nil {
		return nil, fmt.Errorf("links check on node %s: %w", c.Name, err)
	}
	hctx, stopBeat := context.WithCancelCause(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(c.Heartbeat)
		defer t.Stop()
		for {
			select {
			case <-hctx.Done():
				return
			case <-t.C:
				if err := c.Store.Heartbeat(hctx); err != nil && hctx.Err() == nil {
					stopBeat(err) // the node's leases are no longer sure: it stops
					return
				}
			}
		}
	})
	rep, err = jobs.CheckSharedLinks(hctx, cfg, jobs.SharedLinks{Catalog: catalog{c.Store, c.WARCDir},
		Queue: linkQueue{st: c.Store, run: run, delay: max(cfg.HostDelay, 0), perHost: perHost, log: c.Log}, Run: run, Joined: joined, Node: c.Name, Writer: w,
		Sync: syncing(w, c.afterSync)})
	if cause := context.Cause(hctx); cause != nil && ctx.Err() == nil {
		err = errors.Join(err, cause)
	}
	stopBeat(nil)
	wg.Wait()
	cerr := w.Close()
	// Shipped with a context of its own: a stopped run still ships what
	// it wrote, or leaves it for the node's next start.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	_, serr := ship.Ship(sctx)
	return rep, errors.Join(err, cerr, serr, c.Store.Stop(sctx))
}

// linkQueue is a run of link checks in the shared catalog's frontier.
type linkQueue struct {
	st      *pg.Store
	run     int64
	delay   time.Duration // the pace of a host not paced yet
	perHost int
	log     *slog.Logger
}

func lease(l jobs.LinkLease) pg.Lease {
	return pg.Lease{CrawlID: l.Run, Key: l.Key, URL: l.URL, Host: l.Host, ID: l.ID}
}

func (q linkQueue) Claim(ctx context.Context, n int) ([]jobs.LinkLease, time.Duration, bool, error) {
	ls, err := q.st.Claim(ctx, q.run, n)
	if err != nil {
		return nil, 0, false, err
	}
	if len(ls) == 0 {
		wait, more, err := q.st.NextClaim(ctx, q.run)
		return nil, wait, more, err
	}
	out := make([]jobs.LinkLease, len(ls))
	for i, l := range ls {
		out[i] = jobs.LinkLease{Run: l.CrawlID, Key: l.Key, URL: l.URL, Host: l.Host, ID: l.ID}
	}
	return out, 0, true, nil
}

func (q linkQueue) Complete(ctx context.Context, l jobs.LinkLease, c archive.Check, works bool, t archive.Thresholds, at time.Time, alertDelivery string) (jobs.SettledCheck, error) {
	s, err := q.st.CompleteCheck(ctx, lease(l), c, works, t, at, alertDelivery)
	if errors.Is(err, pg.ErrLeaseLost) {
		return jobs.SettledCheck{}, fmt.Errorf("%w: %w", jobs.ErrLinkLeaseLost, err)
	}
	return jobs.SettledCheck{Transition: s.Transition, State: s.State, AlertID: s.AlertID, LastGoodCapture: s.LastGoodCapture}, err
}

func (q linkQueue) Fail(ctx context.Context, l jobs.LinkLease, reason string) error {
	_, err := q.st.Complete(ctx, lease(l), archive.FrontierFailed, reason, nil, nil)
	if errors.Is(err, pg.ErrLeaseLost) {
		return nil // the node that took it over settles it
	}
	return err
}

func (q linkQueue) Release(ctx context.Context, l jobs.LinkLease) error {
	return q.st.Release(ctx, lease(l))
}

func (q linkQueue) Block(ctx context.Context, rawURL string, d time.Duration) error {
	key, err := q.st.HostKey(ctx, rawURL)
	if err != nil {
		return err
	}
	return q.st.BlockHost(ctx, key, d)
}

func (q linkQueue) Tally(ctx context.Context) (*jobs.LinkRunTally, error) {
	t, err := q.st.LinkRun(ctx, q.run)
	if err != nil {
		return nil, err
	}
	return &jobs.LinkRunTally{Links: t.Links, Checked: t.Checked, Failed: t.Failed, Unsettled: t.Unsettled, Verdicts: t.Verdicts,
		Incomplete: t.Incomplete}, nil
}

func (q linkQueue) Finish(ctx context.Context, report string, at time.Time) (bool, error) {
	return q.st.FinishSettled(ctx, q.run, report, at)
}

func (q linkQueue) Pace(ctx context.Context, rawURL string) (func(), time.Duration, error) {
	slot, wait, err := q.st.PaceRequest(ctx, rawURL, q.delay, q.perHost)
	if err != nil || slot == 0 {
		return nil, wait, err
	}
	return func() {
		// Released even when the request's context ended; a slot not
		// released leaves the count when the lease TTL passes.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if err := q.st.ReleaseRequest(rctx, slot); err != nil {
			q.log.Warn("releasing a paced request", "url", rawURL, "err", err)
		}
	}, 0, nil
}
