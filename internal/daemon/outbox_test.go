package daemon

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
	"archivio/internal/config"
)

// TestSlowWebhookDelaysNoJob: the link checks run every second and raise
// alerts (the demo's records cite hosts the virtual internet does not
// know), and the webhook the alerts go to answers only when the test lets
// it. Meanwhile the link check keeps finishing and running again, and the
// daemon still stops promptly; once the webhook answers, every alert is
// recorded as delivered.
func TestSlowWebhookDelaysNoJob(t *testing.T) {
	release := make(chan struct{})
	var posts atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer hook.Close()
	released := false
	defer func() {
		if !released {
			close(release)
		}
	}()
	webhook, err := alerts.NewWebhook(alerts.WebhookOptions{URL: hook.URL, Client: &http.Client{Timeout: time.Minute}})
	if err != nil {
		t.Fatal(err)
	}
	cfg, base, cancel, done := testDaemonWith(t, func(cfg *config.Config, o *Options) {
		src := cfg.Sources["osservatorio"]
		src.Delay = 0
		cfg.Sources["osservatorio"] = src
		cfg.Links.Schedule = "@every 1s"
		cfg.Links.FailThreshold, cfg.Links.FailWindow = 1, 0 // down at the first failing check
		cfg.ShutdownWait = config.Duration(20 * time.Second)
		o.Sinks = webhook
	})
	defer cancel()

	// Wait for the first alert to reach the webhook, which holds it.
	deadline := time.Now().Add(60 * time.Second)
	for posts.Load() == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no alert reached the webhook: %s", get(t, base+"/status"))
		}
		time.Sleep(50 * time.Millisecond)
	}
	held := jobRuns(t, base, "links")
	// While the webhook still holds it, the link check runs again, twice.
	for jobRuns(t, base, "links") < held+2 {
		if time.Now().After(deadline) {
			t.Fatalf("the link check did not run again while the webhook held an alert (runs %d, then %d)", held, jobRuns(t, base, "links"))
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := posts.Load(); got != 1 {
		t.Fatalf("the webhook got %d posts while holding the first, want 1 (one delivery at a time)", got)
	}

	close(release)
	released = true
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("daemon stop: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the daemon did not stop")
	}
	st, err := archive.Open(context.Background(), cfg.Data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.Alerts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("no alert stored")
	}
	for _, a := range rows {
		if !strings.Contains(a.Delivered, `"ok"`) {
			t.Errorf("alert %d (%s %s) recorded as %s, want delivered", a.ID, a.Kind, a.URL, a.Delivered)
		}
	}
	if int(posts.Load()) != len(rows) {
		t.Errorf("the webhook got %d posts for %d alerts", posts.Load(), len(rows))
	}
}
