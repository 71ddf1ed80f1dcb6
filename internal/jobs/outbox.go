package jobs

import (
	"context"
	"log/slog"
	"time"

	"archivio/internal/alerts"
)

// DeliveryLog records how an alert's delivery went (the archive's
// MarkDelivered).
type DeliveryLog interface {
	// MarkDelivered records the sinks' outcome (JSON) and the outcome
	// archive.DeliveryDelivered, DeliveryFailed or DeliveryNone.
	MarkDelivered(ctx context.Context, id int64, delivered, outcome string) error
}

// Outbox delivers the alerts of many jobs, one at a time and in the order
// they were raised, for a process that outlives its jobs (the daemon). A
// job given an outbox stores its alerts as usual and hands them over
// without waiting for them to go out: a slow sink (a webhook that takes
// its time, an unreachable SMTP server) then delays neither the job's end
// nor the next run of any job. Whether each alert went out is recorded
// with it, as for a job's own delivery; a failure is also logged, since
// the report of the job that raised it has been written by then.
//
// The outbox's owner closes it (Close), which waits for the alerts still
// queued; canceling the context given to NewOutbox cuts the sinks short.
type Outbox struct {
	d      *deliverer
	ctx    context.Context
	logger *slog.Logger
}

// NewOutbox returns an outbox that sends through sinks (nil: alerts are
// only stored) and records each delivery in log, which must stay open
// until Close returns. ctx bounds the deliveries.
func NewOutbox(ctx context.Context, sinks alerts.Sink, log DeliveryLog, logger *slog.Logger) *Outbox {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Outbox{d: newDeliverer(sinks, log), ctx: ctx, logger: logger}
}

// send queues a stored alert; it returns at once.
func (o *Outbox) send(a alerts.Alert) {
	o.d.send(o.ctx, a, func(err error) {
		if err != nil {
			o.logger.Warn("alert not delivered", "alert", a.ID, "kind", a.Kind, "url", a.URL, "err", err)
		}
	})
}

// Resume queues the alerts st still has pending (stored by a run killed
// before it delivered them, or whose delivery failed and is retried),
// oldest first, except those this outbox is delivering already: what the
// daemon does at its start, ahead of the alerts of any job, and then
// every alerts.retry_every (RetryEvery). It returns how many.
func (o *Outbox) Resume(ctx context.Context, st PendingAlerts) (int, error) {
	n, err := o.d.resume(ctx, o.ctx, st, func(a alerts.Alert, err error) {
		if err != nil {
			o.logger.Warn("alert not delivered", "alert", a.ID, "kind", a.Kind, "url", a.URL, "err", err)
		}
	})
	if n > 0 {
		o.logger.Info("pending alerts queued again", "alerts", n)
	}
	return n, err
}

// RetryEvery queues again, every interval until ctx ends, the alerts st
// has pending and this outbox is not delivering already: those whose
// delivery failed (each try counts an attempt, archive.MaxDeliveryAttempts
// in all) and those another process stored and did not deliver. Without
// sinks it does nothing. It returns when ctx ends; its caller owns the
// goroutine it runs in and waits for it before Close.
func (o *Outbox) RetryEvery(ctx context.Context, st PendingAlerts, every time.Duration) {
	if o.d.sinks == nil {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if _, err := o.Resume(ctx, st); err != nil && ctx.Err() == nil {
			o.logger.Warn("alerts still to deliver not read", "err", err)
		}
	}
}

// Close waits until every queued alert went out (or failed to), and
// returns the first failure to record a delivery.
func (o *Outbox) Close() error {
	return o.d.wait()
}
