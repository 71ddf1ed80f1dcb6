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
	"archivio/internal/alerts"
	"archivio/internal/config"
)

// TestFailedDeliveryRetriedWhileRunning: an alert whose delivery fails
// while the daemon runs is sent again every alerts.retry_every, without a
// restart, until its sink takes it; then it is recorded delivered, each
// try counted, and never sent again.
func TestFailedDeliveryRetriedWhileRunning(t *testing.T) {
	ctx := context.Background()
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
	data := t.TempDir()
	at := time.Now().UTC()
	id := addAlerts(t, data, archive.AlertRow{Kind: "down", URL: "https://gone.example/", Verdict: "dns_not_found", Since: at, At: at, Delivery: archive.DeliveryPending})[0]
	every := 2 * time.Second
	_, _, cancel, done := testDaemonWith(t, func(cfg *config.Config, o *Options) {
		cfg.Data = data
		no := false
		cfg.CatchUp = &no
		cfg.Alerts.RetryEvery = config.Duration(every)
		o.Sinks = webhook
	})
	defer cancel()
	state := func() archive.AlertRow {
		t.Helper()
		st, err := archive.OpenReadOnly(ctx, data)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		rows, err := st.Alerts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
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
	if r.Attempts < 2 || r.Attempts > archive.MaxDeliveryAttempts || r.Delivered != `{"all":"ok"}` {
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
}
