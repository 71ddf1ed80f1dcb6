package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
)

// TestAlertOfKilledRunSentAtNextRun: "archivio links check" raises a down
// alert and is killed (SIGKILL) while the webhook holds its POST, so the
// alert is stored and its delivery not recorded. The next run, which
// raises no alert of its own, sends it again (the same
// X-Archivio-Alert-Id, for the receiver to dedupe) and records it
// delivered; the run after sends nothing.
func TestAlertOfKilledRunSentAtNextRun(t *testing.T) {
	ctx := context.Background()
	site := httptest.NewServer(http.NotFoundHandler())
	defer site.Close()
	var mu sync.Mutex
	var posts []string // X-Archivio-Alert-Id of each POST
	first := make(chan struct{})
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		posts = append(posts, r.Header.Get(alerts.HeaderAlertID))
		n := len(posts)
		mu.Unlock()
		io.Copy(io.Discard, r.Body) // then the server sees the client go
		if n == 1 {
			close(first)
			select { // held until the run is killed
			case <-r.Context().Done():
			case <-time.After(time.Minute):
			}
		}
	}))
	defer hook.Close()
	dir := t.TempDir()
	st, err := archive.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	err = st.AddSiteLinks(ctx, "osservatorio", "https://www.osservatoriopartecipazione.it/", []string{site.URL + "/gone"}, time.Now())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"links", "check", "--data", dir, "--allow-private", "--snapshot-depth", "-1", "--timeout", "10s",
		"--fail-threshold", "1", "--fail-window", "0", "--exit-zero", "--quiet"}
	runChild := func(kill bool) {
		t.Helper()
		c := child(t, args...)
		c.Env = append(c.Env, "ARCHIVIO_WEBHOOK_URL="+hook.URL, "ARCHIVIO_CONFIG="+dir+"/none.yaml")
		out := &lockedBuffer{}
		c.Stdout, c.Stderr = out, out
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- c.Wait() }()
		if kill {
			select {
			case <-first:
				c.Process.Kill()
				<-exited
			case err := <-exited:
				t.Fatalf("the run ended before its alert reached the webhook: %v\n%s", err, out.String())
			case <-time.After(60 * time.Second):
				c.Process.Kill()
				t.Fatalf("no alert reached the webhook\n%s", out.String())
			}
			return
		}
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("run: %v\n%s", err, out.String())
			}
		case <-time.After(60 * time.Second):
			c.Process.Kill()
			t.Fatalf("the run did not end\n%s", out.String())
		}
	}
	alertRows := func() []archive.AlertRow {
		t.Helper()
		st, err := archive.Open(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		rows, err := st.Alerts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}

	runChild(true)
	rows := alertRows()
	if len(rows) != 1 || rows[0].Delivery != archive.DeliveryPending || rows[0].Kind != "down" {
		t.Fatalf("after the kill: alerts %+v, want one down alert pending", rows)
	}
	id := strconv.FormatInt(rows[0].ID, 10)

	runChild(false)
	rows = alertRows()
	if len(rows) != 1 || rows[0].Delivery != archive.DeliveryDelivered || rows[0].Attempts != 1 {
		t.Fatalf("after the next run: alerts %+v, want the one alert delivered", rows)
	}
	runChild(false)
	mu.Lock()
	defer mu.Unlock()
	if len(posts) != 2 || posts[0] != id || posts[1] != id {
		t.Errorf("webhook POSTs by alert id %v, want %s twice (the killed run's, then the next run's)", posts, id)
	}
}
