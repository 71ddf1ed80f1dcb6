package daemon

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
	"archivio/internal/config"
)

// TestPendingAlertSentAtStart: an alert stored pending by a run killed
// before it delivered it is sent by the daemon's next start, once, and
// recorded delivered; the start after sends it no more. An alert stored
// by an older archivio (migrated: unknown) is never sent.
func TestPendingAlertSentAtStart(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	posts := map[string]int{} // by X-Archivio-Alert-Id
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		posts[r.Header.Get(alerts.HeaderAlertID)]++
		mu.Unlock()
	}))
	defer hook.Close()
	webhook, err := alerts.NewWebhook(alerts.WebhookOptions{URL: hook.URL})
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	at := time.Now().UTC()
	// The second stored pending, and the process killed before it
	// delivered it.
	ids := addAlerts(t, data,
		archive.AlertRow{Kind: "down", URL: "https://old.example/", Verdict: "gone", Since: at, At: at, Delivery: archive.DeliveryUnknown},
		archive.AlertRow{Kind: "down", URL: "https://gone.example/", Verdict: "dns_not_found", Since: at, At: at, Delivery: archive.DeliveryPending})
	old, id := ids[0], ids[1]
	start := func() {
		t.Helper()
		_, _, cancel, done := testDaemonWith(t, func(cfg *config.Config, o *Options) {
			cfg.Data = data
			no := false
			cfg.CatchUp = &no
			o.Sinks = webhook
		})
		// The alert goes out from the outbox while the daemon runs; a stop
		// lets the outbox drain.
		deadline := time.Now().Add(20 * time.Second)
		for {
			mu.Lock()
			n := posts[strconv.FormatInt(id, 10)]
			mu.Unlock()
			if n > 0 || time.Now().After(deadline) {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		cancel()
		if err := <-done; err != nil && err != context.Canceled {
			t.Fatalf("daemon: %v", err)
		}
	}
	start()
	start()
	mu.Lock()
	defer mu.Unlock()
	if n := posts[strconv.FormatInt(id, 10)]; n != 1 {
		t.Errorf("the pending alert was posted %d times over two starts, want once", n)
	}
	if n := posts[strconv.FormatInt(old, 10)]; n != 0 {
		t.Errorf("the alert of an older archivio was posted %d times, want never", n)
	}
	st, err := archive.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.Alerts(ctx)
	if err != nil || len(rows) < 2 {
		t.Fatalf("alerts %+v %v", rows, err)
	}
	for _, r := range rows {
		if r.ID == id && (r.Delivery != archive.DeliveryDelivered || r.Attempts != 1 || !strings.Contains(r.Delivered, `"all":"ok"`)) {
			t.Errorf("the pending alert after two starts: %s after %d attempts, %s", r.Delivery, r.Attempts, r.Delivered)
		}
	}
}

// addAlerts stores rows in the catalog of data and returns their ids.
func addAlerts(t *testing.T, data string, rows ...archive.AlertRow) []int64 {
	t.Helper()
	ctx := context.Background()
	st, err := archive.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var ids []int64
	for _, r := range rows {
		id, err := st.AddAlert(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}
