package daemon

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/internal/alerts"
	"archivio/internal/cluster"
	"archivio/internal/config"
)

// alertCatalog is where a retry test stores its alert and reads it back.
type alertCatalog struct {
	add    func(archive.AlertRow) int64
	alerts func() []archive.AlertRow
	edit   func(*config.Config, *Options) // makes the daemon use it
}

// countingSink takes every alert and counts them.
type countingSink struct {
	mu sync.Mutex
	n  int
}

func (c *countingSink) Name() string { return "counting" }

func (c *countingSink) Send(context.Context, alerts.Alert) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	return nil
}

// TestFailedDeliveryRetriedWhileRunning: an alert whose delivery fails
// while the daemon runs is sent again every alerts.retry_every, without a
// restart, until its sink takes it; then it is recorded delivered, each
// try counted, and never sent again. The retries go to the failing sink
// alone: another sink, which took the alert at the first try, gets it
// once. On one machine and on a node of a
// shared catalog, where the alert was stored by another node whose claim
// lapsed.
func TestFailedDeliveryRetriedWhileRunning(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		ctx := context.Background()
		data := t.TempDir()
		testRetriedWhileRunning(t, alertCatalog{
			add: func(r archive.AlertRow) int64 { return addAlerts(t, data, r)[0] },
			alerts: func() []archive.AlertRow {
				st, err := archive.OpenReadOnly(ctx, data)
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				rows, err := st.Alerts(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return rows
			},
			edit: func(cfg *config.Config, o *Options) { cfg.Data = data },
		})
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := postgres.Schema(t)
		ctx := context.Background()
		// The node that stored the alert holds its claim for a moment only.
		other, err := pg.Open(ctx, dsn, pg.Options{Node: "n0", AlertClaimTTL: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		st, err := pg.Open(ctx, dsn, pg.Options{Node: "n1"})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		testRetriedWhileRunning(t, alertCatalog{
			add: func(r archive.AlertRow) int64 {
				id, err := other.AddAlert(ctx, r)
				if err != nil {
					t.Fatal(err)
				}
				time.Sleep(10 * time.Millisecond) // the claim lapses
				return id
			},
			alerts: func() []archive.AlertRow {
				rows, err := st.Alerts(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return rows
			},
			edit: func(cfg *config.Config, o *Options) {
				o.Shared = &Shared{Store: st, LeaseTTL: 2 * time.Minute, Crawl: func(context.Context, string) (*cluster.Report, error) {
					return &cluster.Report{}, nil
				}}
			},
		})
	})
}

func testRetriedWhileRunning(t *testing.T, cat alertCatalog) {
	var mu sync.Mutex
	up := false
	refused, taken := 0, 0
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if !up {
			refused++
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			return
		}
		taken++
	}))
	defer hook.Close()
	// One try per delivery: the sink's own retries are apart.
	webhook, err := alerts.NewWebhook(alerts.WebhookOptions{URL: hook.URL, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().UTC()
	id := cat.add(archive.AlertRow{Kind: "down", URL: "https://gone.example/", Verdict: "dns_not_found", Since: at, At: at, Delivery: archive.DeliveryPending})
	every := 2 * time.Second
	other := &countingSink{}
	_, _, cancel, done := testDaemonWith(t, func(cfg *config.Config, o *Options) {
		no := false
		cfg.CatchUp = &no
		cfg.Alerts.RetryEvery = config.Duration(every)
		o.Sinks = alerts.Multi{webhook, other}
		cat.edit(cfg, o)
	})
	defer cancel()
	state := func() archive.AlertRow {
		t.Helper()
		for _, r := range cat.alerts() {
			if r.ID == id {
				return r
			}
		}
		t.Fatalf("alert %d not stored", id)
		return archive.AlertRow{}
	}
	waitFor := func(what string, ok func(archive.AlertRow) bool) archive.AlertRow {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			r := state()
			if ok(r) {
				return r
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: alert %d is %s after %d attempts", what, id, r.Delivery, r.Attempts)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	// The start's delivery fails: the alert stays pending.
	r := waitFor("the first try", func(r archive.AlertRow) bool { return r.Attempts >= 1 })
	if r.Delivery != archive.DeliveryPending {
		t.Fatalf("after a failed try the alert is %s, want pending", r.Delivery)
	}
	mu.Lock()
	up = true
	mu.Unlock()
	// The next retry delivers it, the daemon still running.
	r = waitFor("a retry", func(r archive.AlertRow) bool { return r.Delivery == archive.DeliveryDelivered })
	if r.Attempts < 2 || r.Attempts > archive.MaxDeliveryAttempts || r.Delivered != `{"all":"ok","counting":"ok","`+webhook.Name()+`":"ok"}` {
		t.Errorf("delivered after %d attempts as %s, want 2 to %d, ok", r.Attempts, r.Delivered, archive.MaxDeliveryAttempts)
	}
	// Two more retry periods: nothing is sent again.
	time.Sleep(2*every + every/2)
	cancel()
	if err := <-done; err != nil && err != context.Canceled {
		t.Fatalf("daemon: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if taken != 1 || refused < 1 || refused+taken != r.Attempts {
		t.Errorf("the webhook refused %d and took %d posts of alert %s, recorded %d attempts: want it taken once, each try counted",
			refused, taken, strconv.FormatInt(id, 10), r.Attempts)
	}
	other.mu.Lock()
	defer other.mu.Unlock()
	if other.n != 1 {
		t.Errorf("the sink that took the alert at the first try was sent it %d times, want once", other.n)
	}
}
