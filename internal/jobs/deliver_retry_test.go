package jobs

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
)

// gatedSink holds the alerts it is told to until the gate opens, and
// remembers what it was sent.
type gatedSink struct {
	hold map[int64]bool
	gate chan struct{}
	mu   sync.Mutex
	sent []int64
}

func (s *gatedSink) Name() string { return "test" }

func (s *gatedSink) Send(ctx context.Context, a alerts.Alert) error {
	if s.hold[a.ID] {
		select {
		case <-s.gate:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, a.ID)
	return nil
}

func (s *gatedSink) sentIDs() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

// claimHook runs then after the pending alerts were read, before resume
// looks at them.
type claimHook struct {
	*archive.Store
	then func()
}

func (c claimHook) ClaimPendingAlerts(ctx context.Context) ([]archive.AlertRow, error) {
	rows, err := c.Store.ClaimPendingAlerts(ctx)
	c.then()
	return rows, err
}

// TestResumeSkipsAlertsGoingOut: an outbox that retries the pending
// alerts while it delivers queues none twice: not one whose delivery is
// under way, not one delivered between the catalog's answer (still
// pending) and the queuing, and not one a job hands over after a retry
// took it. An alert pending and not going out is queued.
func TestResumeSkipsAlertsGoingOut(t *testing.T) {
	ctx := context.Background()
	st, err := archive.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Now().UTC()
	add := func(url string) int64 {
		id, err := st.AddAlert(ctx, archive.AlertRow{Kind: "down", URL: url, Verdict: "dns_not_found", Since: at, At: at, Delivery: archive.DeliveryPending})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	x := add("https://x.example/")
	sink := &gatedSink{gate: make(chan struct{})}
	sink.hold = map[int64]bool{x: true}
	d := newDeliverer(sink, st)
	d.send(ctx, alerts.Alert{ID: x, Kind: "down", URL: "https://x.example/"}, nil)

	// x is going out (held by the sink): a resume leaves it be.
	n, err := d.resume(ctx, ctx, claimHook{st, func() {}}, nil)
	if err != nil || n != 0 {
		t.Fatalf("resume while x goes out: queued %d (%v), want none", n, err)
	}

	// Now x is delivered after the catalog said it was pending, and y is
	// pending too.
	y := add("https://y.example/")
	delivered := func() {
		close(sink.gate)
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			d.mu.Lock()
			going := d.queued[x]
			d.mu.Unlock()
			if !going {
				return
			}
			if time.Now().After(deadline) {
				t.Error("x was never delivered")
				return
			}
		}
	}
	n, err = d.resume(ctx, ctx, claimHook{st, delivered}, nil)
	if err != nil || n != 1 {
		t.Fatalf("resume after x went out: queued %d (%v), want y alone", n, err)
	}
	if err := d.wait(); err != nil {
		t.Fatal(err)
	}
	// z is stored by a job, and a resume takes it from the catalog
	// before the job hands it over: it goes out once.
	z := add("https://z.example/")
	n, err = d.resume(ctx, ctx, claimHook{st, func() {}}, nil)
	if err != nil || n != 1 {
		t.Fatalf("resume with z stored: queued %d (%v), want z", n, err)
	}
	d.send(ctx, alerts.Alert{ID: z, Kind: "down", URL: "https://z.example/"}, nil)
	if err := d.wait(); err != nil {
		t.Fatal(err)
	}
	if got := sink.sentIDs(); !slices.Equal(got, []int64{x, y, z}) {
		t.Errorf("the sink was sent %v, want x, y, z, each once", got)
	}
	rows, err := st.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Delivery != archive.DeliveryDelivered || r.Attempts != 1 {
			t.Errorf("alert %d: %s after %d attempts, want delivered after one", r.ID, r.Delivery, r.Attempts)
		}
	}
	// The retries seen are forgotten once no resume runs.
	if d.seen != nil || d.watching != 0 {
		t.Errorf("after the resumes: seen %v, watching %d", d.seen, d.watching)
	}
}
