package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore/s3test"
	"archivio/internal/alerts"
)

// TestPendingAlertOfDeadNodeSentOnce: a node of a shared catalog stored an
// alert pending and died before delivering it. Once its claim expired,
// two nodes starting "archivio links check" at once send it once between
// them, through the webhook, and it is recorded delivered; the next start
// sends nothing.
func TestPendingAlertOfDeadNodeSentOnce(t *testing.T) {
	ctx := context.Background()
	dsn := postgres.Schema(t)
	bucket := s3test.Start(t, t.TempDir(), nil)
	cfg, getenv := sharedConfig(t, dsn, bucket.URL)
	var mu sync.Mutex
	posts := map[string]int{}
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		posts[r.Header.Get(alerts.HeaderAlertID)]++
		mu.Unlock()
	}))
	defer hook.Close()

	dead, err := pg.Open(ctx, dsn, pg.Options{Node: "dead", AlertClaimTTL: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().UTC()
	id, err := dead.AddAlert(ctx, archive.AlertRow{Kind: "down", URL: "https://gone.example/", Verdict: "dns_not_found", Since: at, At: at,
		Delivery: archive.DeliveryPending})
	dead.Close()
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // its claim expires

	start := func(nodes ...string) {
		t.Helper()
		var wg sync.WaitGroup
		for _, node := range nodes {
			env := func(k string) string {
				switch k {
				case "ARCHIVIO_NODE":
					return node
				case "ARCHIVIO_WEBHOOK_URL":
					return hook.URL
				}
				return getenv(k)
			}
			data := t.TempDir()
			wg.Go(func() {
				if out, errOut, err := runOn(t, nil, env, "links", "check", "--config", cfg, "--data", data, "--quiet", "--exit-zero"); err != nil {
					t.Errorf("%s: links check: %v\n%s%s", node, err, out, errOut)
				}
			})
		}
		wg.Wait()
	}
	start("checker1", "checker2")
	start("checker1")
	mu.Lock()
	if n := posts[strconv.FormatInt(id, 10)]; n != 1 {
		t.Errorf("the dead node's alert was posted %d times, want once (posts %v)", n, posts)
	}
	mu.Unlock()
	st, err := pg.Open(ctx, dsn, pg.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.Alerts(ctx)
	if err != nil || len(rows) != 1 {
		t.Fatalf("alerts %+v %v", rows, err)
	}
	if r := rows[0]; r.Delivery != archive.DeliveryDelivered || r.Attempts != 1 {
		t.Errorf("the alert: %s", fmt.Sprintf("%s after %d attempts (%s)", r.Delivery, r.Attempts, r.Delivered))
	}
}
