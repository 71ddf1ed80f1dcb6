package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"sync"

	"archivio/archive"
	"archivio/internal/alerts"
)

// deliverer sends stored alerts through the sinks, one at a time and in
// the order given, from a goroutine of its own: a slow sink (a webhook
// that takes its time to answer, an SMTP server) holds up no check, no
// lock and no other alert's storing. Each delivery's outcome is recorded
// with the alert (MarkDelivered). The job that owns a deliverer waits for
// it (wait) before it reports.
type deliverer struct {
	sinks alerts.Sink // nil: alerts are only stored
	log   deliveryLog

	mu     sync.Mutex
	queue  []delivery
	queued map[int64]bool // the alerts queued or going out, by id
	// seen are, while a resume runs (watching > 0), the alerts queued
	// when it began or since, delivered meanwhile or not: those it must
	// not queue again, whatever it read of them.
	seen     map[int64]bool
	watching int
	// taken are the last maxTaken alerts queued, in order, and taking
	// holds them for lookup: an alert a job hands over (send) after a
	// resume took it from the catalog goes out once.
	taken   []int64
	taking  map[int64]bool
	running bool
	err     error // the first failure to record a delivery
	wg      sync.WaitGroup
}

// delivery is an alert waiting to go out, and what to do once it went
// (then hears the sinks' error, nil when delivered).
type delivery struct {
	ctx  context.Context
	a    alerts.Alert
	then func(error)
	// done are the sinks that took the alert at an earlier attempt: a
	// retry leaves them out (an e-mail is not sent twice because the
	// webhook failed).
	done map[string]bool
}

func newDeliverer(sinks alerts.Sink, log deliveryLog) *deliverer {
	return &deliverer{sinks: sinks, log: log}
}

// maxTaken bounds deliverer.taken: far more alerts than a daemon raises
// between storing one and handing it over.
const maxTaken = 4096

// send queues a stored alert (a.ID set) for delivery and returns at once;
// one a resume queued already is not queued again. then, when not nil, is
// called from the delivering goroutine.
func (d *deliverer) send(ctx context.Context, a alerts.Alert, then func(error)) {
	d.enqueue(delivery{ctx: ctx, a: a, then: then}, true)
}

// enqueue queues x, unless first says it is an alert's first sending and
// it was taken already.
func (d *deliverer) enqueue(x delivery, first bool) {
	a := x.a
	d.mu.Lock()
	defer d.mu.Unlock()
	if first && d.taking[a.ID] {
		return
	}
	if d.taking == nil {
		d.taking = map[int64]bool{}
	}
	if !d.taking[a.ID] {
		d.taking[a.ID] = true
		d.taken = append(d.taken, a.ID)
		if len(d.taken) > maxTaken {
			delete(d.taking, d.taken[0])
			d.taken = d.taken[1:]
		}
	}
	d.queue = append(d.queue, x)
	if d.queued == nil {
		d.queued = map[int64]bool{}
	}
	d.queued[a.ID] = true
	if d.seen != nil {
		d.seen[a.ID] = true
	}
	if !d.running {
		d.running = true
		d.wg.Add(1)
		go d.run()
	}
}

func (d *deliverer) run() {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		if len(d.queue) == 0 {
			d.running = false
			d.mu.Unlock()
			return
		}
		next := d.queue[0]
		d.queue = d.queue[1:]
		d.mu.Unlock()
		d.deliver(next)
		d.mu.Lock()
		delete(d.queued, next.a.ID)
		d.mu.Unlock()
	}
}

// deliver sends one alert to the sinks that did not take it yet and
// records how it went: each sink's "ok" or error by its name, those of
// earlier attempts kept, and "all": "ok" once every sink took it, else
// "error": the failures of this attempt.
func (d *deliverer) deliver(x delivery) {
	var sendErr error
	delivered := map[string]string{}
	outcome := archive.DeliveryNone
	if d.sinks != nil {
		for name := range x.done {
			delivered[name] = "ok"
		}
		results := alerts.SendExcept(x.ctx, d.sinks, x.a, func(name string) bool { return x.done[name] })
		for _, o := range results {
			delivered[o.Sink] = "ok"
			if o.Err != nil {
				delivered[o.Sink] = o.Err.Error()
			}
		}
		if sendErr = alerts.Failures(results); sendErr != nil {
			delivered["error"] = sendErr.Error()
			outcome = archive.DeliveryFailed
		} else {
			delivered["all"] = "ok"
			outcome = archive.DeliveryDelivered
		}
	}
	body, _ := json.Marshal(delivered)
	// Recorded even when the run was stopped meanwhile. A process killed
	// between the sinks' answer and this record leaves the alert pending:
	// it is sent again at the next start (at least once).
	if err := d.log.MarkDelivered(context.WithoutCancel(x.ctx), x.a.ID, string(body), outcome); err != nil {
		d.mu.Lock()
		if d.err == nil {
			d.err = fmt.Errorf("alert %d: %w", x.a.ID, err)
		}
		d.mu.Unlock()
	}
	if x.then != nil {
		x.then(sendErr)
	}
}

// PendingAlerts is a catalog holding alerts still to deliver.
type PendingAlerts interface {
	AlertReader
	// ClaimPendingAlerts returns the pending alerts this process is to
	// deliver, oldest first (on a shared catalog, claimed for it).
	ClaimPendingAlerts(ctx context.Context) ([]archive.AlertRow, error)
}

// resume queues the alerts st still has pending (stored by a run killed
// before it delivered them, or whose delivery failed and is retried), in
// the order they were raised; it returns how many. One queued or going
// out already is not queued twice (an outbox that retries while it
// delivers). They are read with ctx and sent with sendCtx (an outbox's
// own, which outlives a daemon's stop). then, when not nil, hears how
// each went. Without sinks it sends nothing: the alerts stay pending for
// a run that has sinks.
func (d *deliverer) resume(ctx, sendCtx context.Context, st PendingAlerts, then func(alerts.Alert, error)) (int, error) {
	if d.sinks == nil {
		return 0, nil
	}
	d.mu.Lock()
	if d.watching++; d.seen == nil {
		d.seen = maps.Clone(d.queued)
		if d.seen == nil {
			d.seen = map[int64]bool{}
		}
	}
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		if d.watching--; d.watching == 0 {
			d.seen = nil
		}
		d.mu.Unlock()
	}()
	rows, err := st.ClaimPendingAlerts(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range rows {
		d.mu.Lock()
		seen := d.seen[r.ID]
		d.mu.Unlock()
		if seen {
			continue
		}
		a, err := storedAlert(ctx, st, r)
		if err != nil {
			return 0, err
		}
		x := delivery{ctx: sendCtx, a: a, done: sinksDone(r.Delivered)}
		if then != nil {
			x.then = func(err error) { then(a, err) }
		}
		d.enqueue(x, false)
		n++
	}
	return n, nil
}

// sinksDone are the sinks an alert's recorded outcome says took it (at
// an earlier attempt). An outcome recorded before sinks were named, or
// unreadable, names none: every sink is tried again.
func sinksDone(delivered string) map[string]bool {
	o, err := ParseOutcome(delivered)
	if err != nil {
		return nil
	}
	return o.Done()
}

// DeliverPending delivers through sinks the alerts st still has pending
// (stored by a run killed before it delivered them, or whose delivery
// failed fewer than archive.MaxDeliveryAttempts times), in order, and
// records each outcome in st: what a command run on a shared catalog does
// at its start. It returns how many it sent, and the first failure to
// read or record them; a failed delivery is logged.
func DeliverPending(ctx context.Context, st interface {
	PendingAlerts
	DeliveryLog
}, sinks alerts.Sink, logger *slog.Logger) (int, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	d := newDeliverer(sinks, st)
	n, err := d.resume(ctx, ctx, st, func(a alerts.Alert, err error) {
		if err != nil {
			logger.Warn("alert not delivered", "alert", a.ID, "kind", a.Kind, "url", a.URL, "err", err)
		}
	})
	if werr := d.wait(); err == nil {
		err = werr
	}
	if n > 0 {
		logger.Info("pending alerts delivered again", "alerts", n)
	}
	return n, err
}

// wait waits until every queued alert went out, and returns the first
// failure to record a delivery.
func (d *deliverer) wait() error {
	d.wg.Wait()
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}
