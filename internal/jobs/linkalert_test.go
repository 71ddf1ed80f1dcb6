package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
	"archivio/internal/demo/vnet"
)

// TestSlowWebhookStallsNoCheck: a link goes down at the first check, and
// the webhook its alert goes to takes 10 seconds to answer. The other
// links are checked meanwhile, all of them, while the webhook still holds
// the alert; the alert is delivered once it answers, and recorded so.
// (The webhook is released as soon as the checks are seen done, so the
// test does not wait the 10 seconds.)
func TestSlowWebhookStallsNoCheck(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	inet := vnet.New()
	t.Cleanup(func() { inet.Close() })
	const live = 12
	rec := archive.ParsedRecord{ID: 141, URL: "https://" + demoHost + "/scheda-processo/141", Data: json.RawMessage(`{"id":141}`), ParserVersion: "scheda/test"}
	gone := "http://www.fabbricaideedistretto.it/"
	inet.FailDNS("www.fabbricaideedistretto.it")
	rec.Links = append(rec.Links, archive.CitedLink{URL: gone, Field: "source_notes", Source: "text"})
	for i := range live {
		host := fmt.Sprintf("www.comune%02d.example.it", i)
		inet.Handle(host, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, "<html><head><title>Comune</title></head><body><h1>Partecipazione</h1><p>Il percorso.</p></body></html>")
		}))
		rec.Links = append(rec.Links, archive.CitedLink{URL: "https://" + host + "/", Field: "description", Source: "text"})
	}
	st, err := archive.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	capture, err := st.AddCapture(ctx, &archive.Capture{URL: rec.URL, FetchedAt: time.Now(), Status: 200, PayloadDigest: "sha1:X",
		WARCFile: "f.warc.gz", WARCLength: 1, WARCRecordID: "<urn:uuid:x>"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyRecord(ctx, rec, capture, time.Now()); err != nil {
		t.Fatal(err)
	}
	st.Close()

	got := make(chan struct{}, 1)
	release := make(chan struct{})
	var posts atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		select {
		case got <- struct{}{}:
		default:
		}
		select { // a webhook that takes 10 s to answer
		case <-release:
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer hook.Close()
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	webhook, err := alerts.NewWebhook(alerts.WebhookOptions{URL: hook.URL, Client: &http.Client{Timeout: time.Minute}})
	if err != nil {
		t.Fatal(err)
	}

	type result struct {
		rep *LinksReport
		err error
	}
	done := make(chan result, 1)
	go func() {
		rep, err := CheckLinks(ctx, LinksConfig{
			DataDir: dir, UserAgent: "archivio/test", Timeout: 5 * time.Second, Parallel: 2, AllowPrivate: true,
			Transport: vnetTransport(inet), Sinks: webhook, SnapshotDepth: -1,
			Thresholds: archive.Thresholds{FailThreshold: 1, FailWindow: 0, RecoverThreshold: 1},
		})
		done <- result{rep, err}
	}()

	select {
	case <-got:
	case r := <-done:
		t.Fatalf("the check ended before the webhook heard of the alert: %+v %v", r.rep, r.err)
	case <-time.After(20 * time.Second):
		t.Fatal("the webhook got no alert")
	}
	// The webhook holds the alert. Every other link must be checked now,
	// not after it answers.
	deadline := time.Now().Add(5 * time.Second)
	for {
		n := checkedLinks(t, dir)
		if n == live+1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d links checked while the webhook held an alert: a slow webhook stalls the checks", n, live+1)
		}
		time.Sleep(20 * time.Millisecond)
	}
	close(release)
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.rep.Checked != live+1 || len(r.rep.Alerts) != 1 || r.rep.Alerts[0].URL != gone || len(r.rep.Undeliver) != 0 {
		t.Errorf("report: checked %d, alerts %+v, undelivered %v", r.rep.Checked, r.rep.Alerts, r.rep.Undeliver)
	}
	if n := posts.Load(); n != 1 {
		t.Errorf("webhook posts %d, want 1", n)
	}
	ro, err := archive.OpenReadOnly(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	as, err := ro.Alerts(ctx)
	if err != nil || len(as) != 1 || as[0].Delivery != archive.DeliveryDelivered || !strings.Contains(as[0].Delivered, `"all":"ok"`) {
		t.Errorf("stored alerts %+v %v: want one, delivered", as, err)
	}
}

// checkedLinks counts the links of dir's catalog checked at least once.
func checkedLinks(t *testing.T, dir string) int {
	t.Helper()
	st, err := archive.OpenReadOnly(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ls, err := st.Links(context.Background(), "", true)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range ls {
		if !l.LastChecked.IsZero() {
			n++
		}
	}
	return n
}
