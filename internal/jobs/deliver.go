package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

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

	mu      sync.Mutex
	queue   []delivery
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
}

func newDeliverer(sinks alerts.Sink, log deliveryLog) *deliverer {
	return &deliverer{sinks: sinks, log: log}
}

// send queues a stored alert (a.ID set) for delivery and returns at once.
// then, when not nil, is called from the delivering goroutine.
func (d *deliverer) send(ctx context.Context, a alerts.Alert, then func(error)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.queue = append(d.queue, delivery{ctx: ctx, a: a, then: then})
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
	}
}

// deliver sends one alert and records how it went.
func (d *deliverer) deliver(x delivery) {
	var sendErr error
	delivered := map[string]string{}
	if d.sinks != nil {
		if sendErr = d.sinks.Send(x.ctx, x.a); sendErr != nil {
			delivered["error"] = sendErr.Error()
		} else {
			delivered["all"] = "ok"
		}
	}
	body, _ := json.Marshal(delivered)
	// Recorded even when the run was stopped meanwhile.
	if err := d.log.MarkDelivered(context.WithoutCancel(x.ctx), x.a.ID, string(body)); err != nil {
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

// wait waits until every queued alert went out, and returns the first
// failure to record a delivery.
func (d *deliverer) wait() error {
	d.wg.Wait()
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}
