package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"archivio/archive"
	"archivio/crawlers/wait"
	"archivio/internal/alerts"
	"archivio/internal/netguard"
	"archivio/linkcheck"
)

// LinksCatalog is what a run of link checks needs of a catalog other
// than one machine's archive (the shared PostgreSQL catalog): the links
// and their checks, state and alerts, the run's record, and the captures
// of the exchanges it archives.
type LinksCatalog interface {
	linksCatalog
}

// LinkLease is a link of a shared run of link checks leased to this
// node: it checks it, then settles it through the queue, which refuses
// once the lease is lost.
type LinkLease struct {
	Run  int64
	Key  string
	URL  string
	Host string // its politeness key
	ID   int64  // the fencing token
}

// ErrLinkLeaseLost is a LinkQueue's answer to the settling of a lease
// that is no longer this node's: another node took the link over.
var ErrLinkLeaseLost = errors.New("link lease lost")

// SettledCheck is how a queue settled a link with its check.
type SettledCheck struct {
	Transition archive.Transition
	State      archive.LinkState
	// AlertID is the transition's alert, stored with the check (0 when
	// none); LastGoodCapture is the link's, for the alert.
	AlertID         int64
	LastGoodCapture int64
}

// LinkRunTally is a shared run as the catalog has it, over all nodes.
type LinkRunTally struct {
	Links      int            `json:"links"`
	Checked    int            `json:"checked"`
	Failed     map[string]int `json:"failed"`
	Unsettled  int            `json:"unsettled"`
	Verdicts   map[string]int `json:"verdicts"`
	Incomplete []string       `json:"incomplete,omitempty"`
}

// LinkQueue is a shared run of link checks: its links, leased to the
// nodes in small claims, settled each under its lease's fence, paced
// per host over all nodes.
type LinkQueue interface {
	// Claim leases up to n links whose host may be asked now. With none,
	// wait says when one may be, and more is false when nothing of the
	// run is queued on any node.
	Claim(ctx context.Context, n int) (ls []LinkLease, wait time.Duration, more bool, err error)
	// Complete settles a leased link with its check, moving its state
	// and storing the alert of a transition at at, all or nothing; it
	// fails with ErrLinkLeaseLost when the lease is no longer this
	// node's, and with archive.ErrNotFound when the link left the
	// inventory. The alert is stored in the delivery state
	// alertDelivery (archive.DeliveryPending when sinks deliver it).
	Complete(ctx context.Context, l LinkLease, c archive.Check, works bool, t archive.Thresholds, at time.Time, alertDelivery string) (SettledCheck, error)
	// Fail settles a leased link unchecked, with the reason.
	Fail(ctx context.Context, l LinkLease, reason string) error
	// Release gives a lease back unsettled.
	Release(ctx context.Context, l LinkLease) error
	// Block keeps every node from asking rawURL's host for d.
	Block(ctx context.Context, rawURL string, d time.Duration) error
	// Pace asks leave to send one request to rawURL's host now, over
	// all nodes: granted, done ends the request (it counts in flight
	// until then); refused, done is nil and wait says when to ask again.
	Pace(ctx context.Context, rawURL string) (done func(), wait time.Duration, err error)
	// Tally is the run over all nodes.
	Tally(ctx context.Context) (*LinkRunTally, error)
	// Finish marks the run done with its report when nothing of it is
	// queued, and says whether this call did.
	Finish(ctx context.Context, report string, at time.Time) (bool, error)
}

// SharedLinks is where a node's part of a shared run of link checks
// keeps what it does: the catalog, the run's queue, and the WARC writer
// of the node, whose files the node ships.
type SharedLinks struct {
	Catalog LinksCatalog
	Queue   LinkQueue
	Run     int64 // the run, joined by the caller
	Joined  bool  // another node started the run
	Node    string
	Writer  *archive.WARCWriter
	// Sync makes the records Writer wrote durable, before each capture
	// is committed to the catalog; default Writer.Sync.
	Sync func() error
}

// SharedRun is a shared run of link checks in a node's report: the
// run over all nodes when the node left it.
type SharedRun struct {
	ID           int64        `json:"id"`
	Node         string       `json:"node"`
	Joined       bool         `json:"joined"`        // another node started it
	FinishedHere bool         `json:"finished_here"` // this node marked it done
	Tally        LinkRunTally `json:"tally"`
}

// MaxRetryAfter bounds how long an answer's Retry-After keeps the nodes
// from a host during a run of link checks or a shared crawl: a run must
// end, whatever a site asks.
const MaxRetryAfter = 10 * time.Minute

// CheckSharedLinks is this node's part of a run of link checks shared by
// the nodes of a catalog: it claims links in small batches (Parallel at
// once on this node, each host's pace kept over all nodes on every
// request a check sends, redirect hops and snapshots included), checks each
// with the single machine's checker, settles it with its check, state
// move and alert in one fenced transaction, and archives the exchanges
// through s.Writer. It returns when nothing of the run is queued on any
// node; the node that then finds every link checked once (or failed with
// a reason) marks the run done. cfg.DataDir, cfg.NoLock and cfg.PerHost
// are not used: hosts are paced by the queue.
func CheckSharedLinks(ctx context.Context, cfg LinksConfig, s SharedLinks) (*LinksReport, error) {
	if s.Catalog == nil || s.Writer == nil || s.Queue == nil || s.Run == 0 {
		return nil, errors.New("links check: a shared catalog, its run's queue and a WARC writer are needed")
	}
	cfg, err := linksDefaults(cfg)
	if err != nil {
		return nil, err
	}
	started := cfg.Now()
	h := &harness{job: "links check", runs: s.Catalog, now: cfg.Now, outbox: cfg.Outbox, runID: s.Run}
	if h.outbox == nil {
		h.alerts = newDeliverer(cfg.Sinks, s.Catalog)
	}
	defer h.close()
	next := cfg.Transport
	if next == nil {
		next = guardedTransport(cfg.AllowPrivate)
	}
	next = pacedTransport{next: retryAfter{next: next, q: s.Queue, log: cfg.Logger}, q: s.Queue}
	syncWARC := s.Sync
	if syncWARC == nil {
		syncWARC = s.Writer.Sync
	}
	// Each capture commits on its own: the WARC file holding its records
	// is synced first.
	recorder := archive.NewRecorder(next, s.Writer, archive.SyncFirst(s.Catalog, syncWARC), archive.RecorderOptions{CrawlID: s.Run, MaxBody: cfg.MaxBody, Now: cfg.Now})
	checker, err := linkcheck.New(linkcheck.Options{
		Transport: recorder, UserAgent: cfg.UserAgent, Timeout: cfg.Timeout, Now: cfg.Now,
		UnsafeAddress: netguard.ErrUnsafeAddress,
	})
	if err != nil {
		return nil, fmt.Errorf("links check: %w", err)
	}
	r := &linkRun{cfg: cfg, st: s.Catalog, h: h, checker: checker, transport: recorder,
		rep: &LinksReport{Verdicts: map[string]int{}, States: map[string]int{}, Alerts: []alerts.Alert{}}}
	run := &SharedRun{ID: s.Run, Node: s.Node, Joined: s.Joined}
	r.rep.Run = run

	wctx, stop := context.WithCancelCause(ctx)
	var wg sync.WaitGroup
	for range cfg.Parallel {
		wg.Go(func() {
			// A checker that fails stops the node's part: its lease is
			// released, the others finish theirs.
			if err := r.claimLoop(wctx, s.Queue); err != nil {
				r.fail(err)
				stop(err)
			}
		})
	}
	wg.Wait()
	stop(nil)

	fin := context.WithoutCancel(ctx)
	alertErr := h.waitAlerts()
	r.rep.Seconds = cfg.Now().Sub(started).Seconds()
	if all, err := s.Catalog.Links(fin, "", true); err == nil {
		for _, l := range all {
			r.rep.States[l.State]++
		}
	}
	tally, err := s.Queue.Tally(fin)
	if err != nil {
		return r.rep, errors.Join(r.err, err)
	}
	run.Tally = *tally
	if ctx.Err() != nil || r.err != nil || tally.Unsettled > 0 {
		// Stopped, failed, or stopped while other nodes hold leases: the
		// run goes on (or is taken over when their leases expire).
		return r.rep, errors.Join(r.err, alertErr, ctx.Err())
	}
	if len(tally.Incomplete) > 0 {
		err := fmt.Errorf("links check: run %d is incomplete: %v", s.Run, tally.Incomplete)
		body, _ := json.Marshal(run)
		return r.rep, errors.Join(err, s.Catalog.FinishCrawl(fin, s.Run, "failed", string(body), cfg.Now()), alertErr)
	}
	body, err := json.Marshal(struct {
		Run        int64        `json:"run"`
		FinishedBy string       `json:"finished_by"`
		Tally      LinkRunTally `json:"tally"`
		States     map[string]int
	}{s.Run, s.Node, *tally, r.rep.States})
	if err != nil {
		return r.rep, err
	}
	if run.FinishedHere, err = s.Queue.Finish(fin, string(body), cfg.Now()); err != nil {
		return r.rep, err
	}
	return r.rep, alertErr
}

// claimLoop claims one link at a time, checks and settles it, until
// nothing of the run is queued on any node.
func (r *linkRun) claimLoop(ctx context.Context, q LinkQueue) error {
	for ctx.Err() == nil {
		// Claimed whole or not at all: a claim cut by the stop could
		// commit its lease and return an error, leaving the link leased
		// to a node that no longer checks it until the lease expires.
		ls, wait, more, err := q.Claim(context.WithoutCancel(ctx), 1)
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			for _, l := range ls {
				q.Release(context.WithoutCancel(ctx), l)
			}
			return nil
		}
		if len(ls) == 0 {
			if !more {
				return nil
			}
			select {
			case <-ctx.Done():
			case <-time.After(min(max(wait, 5*time.Millisecond), 200*time.Millisecond)):
			}
			continue
		}
		if err := r.checkLeased(ctx, q, ls[0]); err != nil {
			return err
		}
	}
	return nil
}

// checkLeased checks a leased link and settles it.
func (r *linkRun) checkLeased(ctx context.Context, q LinkQueue, l LinkLease) error {
	res := r.checker.Check(ctx, l.URL)
	if ctx.Err() != nil {
		// An interrupted check says nothing about the link: it returns
		// to the queue at once.
		return q.Release(context.WithoutCancel(ctx), l)
	}
	chain, _ := json.Marshal(res.Chain)
	at := r.cfg.Now()
	out, err := q.Complete(ctx, l, archive.Check{
		URL: l.URL, CheckedAt: res.CheckedAt, Verdict: string(res.Verdict), Status: res.Status, Method: res.Method,
		FinalURL: res.FinalURL, Chain: chain, Error: res.Error, CaptureID: res.CaptureID, Elapsed: res.Elapsed,
	}, res.Verdict.Works(), r.cfg.Thresholds, at, r.h.alertDelivery())
	switch {
	case errors.Is(err, ErrLinkLeaseLost):
		r.cfg.Logger.Warn("lease lost: another node took the link over", "url", l.URL)
		return nil
	case errors.Is(err, archive.ErrNotFound):
		return q.Fail(ctx, l, "not_in_inventory")
	case err != nil:
		q.Release(context.WithoutCancel(ctx), l)
		return err
	}
	r.mu.Lock()
	r.rep.Checked++
	r.rep.Verdicts[string(res.Verdict)]++
	r.mu.Unlock()
	if res.Verdict.Works() && r.cfg.SnapshotDepth >= 0 {
		if link, err := r.st.Link(ctx, l.URL); err == nil && slices.Contains(link.Fields, "website") {
			r.snapshot(ctx, l.URL, r.checkedPage(ctx, res))
		}
	}
	r.cfg.Logger.Debug("checked", "url", l.URL, "verdict", res.Verdict, "state", out.State.State)
	if out.AlertID == 0 {
		return nil
	}
	a, err := r.describe(ctx, l.URL, string(out.Transition), string(res.Verdict), out.State.Since, at, out.LastGoodCapture)
	if err != nil {
		// Stored with the check: it is in the catalog and its feed, but
		// this node could not say more of it.
		r.cfg.Logger.Warn("describing an alert", "url", l.URL, "err", err)
	}
	a.ID = out.AlertID
	r.dispatch(ctx, a)
	return nil
}

// retryAfter tells the queue of a 429 or 503 with a Retry-After (seconds
// or an HTTP date): no node asks the host until then (at most
// MaxRetryAfter).
type retryAfter struct {
	next http.RoundTripper
	q    LinkQueue
	log  *slog.Logger
}

func (t retryAfter) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable) {
		return resp, err
	}
	if d, ok := wait.RetryAfter(resp.Header.Get("Retry-After"), time.Now(), MaxRetryAfter); ok && d > 0 {
		if berr := t.q.Block(req.Context(), req.URL.String(), d); berr != nil {
			t.log.Warn("blocking a host after its Retry-After", "url", req.URL.String(), "err", berr)
		}
	}
	return resp, nil
}
