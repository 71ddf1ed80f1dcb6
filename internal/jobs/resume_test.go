package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
)

// TestDeliverPending: the alerts a killed run left pending are sent by
// the next start, in the order they were raised, once; a start without
// sinks leaves them pending; a failed delivery stays pending, shown as
// failed and retried, until archive.MaxDeliveryAttempts attempts failed.
func TestDeliverPending(t *testing.T) {
	ctx := context.Background()
	st, err := archive.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var ids []int64
	for i, u := range []string{"http://b.example", "http://a.example"} {
		id, err := st.AddAlert(ctx, archive.AlertRow{Kind: "down", URL: u, Verdict: "gone", Since: at, At: at.Add(time.Duration(i) * time.Minute),
			Delivery: archive.DeliveryPending})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if n, err := DeliverPending(ctx, st, nil, nil); err != nil || n != 0 {
		t.Fatalf("without sinks: %d sent, %v", n, err)
	}
	sink := &recordingSink{fail: map[string]bool{"http://a.example": true}}
	if n, err := DeliverPending(ctx, st, sink, nil); err != nil || n != 2 {
		t.Fatalf("first start: %d sent, %v", n, err)
	}
	if !slices.Equal(sink.sent, ids) {
		t.Errorf("sent %v, want %v (oldest first)", sink.sent, ids)
	}
	list, err := StoredAlertsWithDelivery(ctx, st)
	if err != nil || len(list) != 2 {
		t.Fatalf("alerts %+v %v", list, err)
	}
	if d := list[0].Delivery; d.String() != "delivered" || d.Attempts != 1 {
		t.Errorf("delivered alert: %q %+v", d, d)
	}
	if d := list[1].Delivery.String(); d != "failed 1/3, to be retried: sink test: refused" {
		t.Errorf("failed alert: %q", d)
	}
	// The next starts retry only the failed one, until it gave up.
	for range archive.MaxDeliveryAttempts + 1 {
		if _, err := DeliverPending(ctx, st, sink, nil); err != nil {
			t.Fatal(err)
		}
	}
	want := append(slices.Clone(ids), ids[1], ids[1])
	if !slices.Equal(sink.sent, want) {
		t.Errorf("sent %v over the starts, want %v", sink.sent, want)
	}
	list, _ = StoredAlertsWithDelivery(ctx, st)
	if d := list[1].Delivery.String(); !strings.HasPrefix(d, "failed after 3 attempts") {
		t.Errorf("failed alert after the starts: %q", d)
	}
}

// flakySink fails its first n deliveries, then takes them.
type flakySink struct {
	name string
	mu   sync.Mutex
	n    int
	sent []int64
}

func (s *flakySink) Name() string { return s.name }

func (s *flakySink) Send(_ context.Context, a alerts.Alert) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, a.ID)
	if len(s.sent) <= s.n {
		return errors.New("503 Service Unavailable")
	}
	return nil
}

// TestRetryGoesToTheSinksThatFailed: an alert the e-mail took and the
// webhook did not is retried to the webhook alone; its outcome keeps
// each sink's answer across the attempts.
func TestRetryGoesToTheSinksThatFailed(t *testing.T) {
	ctx := context.Background()
	st, err := archive.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	id, err := st.AddAlert(ctx, archive.AlertRow{Kind: "down", URL: "http://a.example", Verdict: "gone", Since: at, At: at, Delivery: archive.DeliveryPending})
	if err != nil {
		t.Fatal(err)
	}
	mail := &flakySink{name: "smtp mail.example.org:25"}
	hook := &flakySink{name: "webhook hooks.example.org", n: 1}
	sinks := alerts.Multi{mail, hook}
	outcome := func() (archive.AlertRow, map[string]string) {
		t.Helper()
		rows, err := st.Alerts(ctx)
		if err != nil || len(rows) != 1 {
			t.Fatalf("alerts %+v %v", rows, err)
		}
		var m map[string]string
		if err := json.Unmarshal([]byte(rows[0].Delivered), &m); err != nil {
			t.Fatal(err)
		}
		return rows[0], m
	}

	if _, err := DeliverPending(ctx, st, sinks, nil); err != nil {
		t.Fatal(err)
	}
	row, m := outcome()
	if row.Delivery != archive.DeliveryPending || row.Attempts != 1 || m[mail.name] != "ok" || m[hook.name] != "503 Service Unavailable" || m["all"] != "" ||
		m["error"] != "sink webhook hooks.example.org: 503 Service Unavailable" {
		t.Fatalf("after the first attempt: %s after %d, outcome %v", row.Delivery, row.Attempts, m)
	}

	if _, err := DeliverPending(ctx, st, sinks, nil); err != nil {
		t.Fatal(err)
	}
	row, m = outcome()
	if row.Delivery != archive.DeliveryDelivered || row.Attempts != 2 || m[mail.name] != "ok" || m[hook.name] != "ok" || m["all"] != "ok" || m["error"] != "" {
		t.Errorf("after the retry: %s after %d, outcome %v", row.Delivery, row.Attempts, m)
	}
	if !slices.Equal(mail.sent, []int64{id}) || !slices.Equal(hook.sent, []int64{id, id}) {
		t.Errorf("the e-mail was sent %v and the webhook %v; want the e-mail once, the webhook twice", mail.sent, hook.sent)
	}
	if got := sinksDone(`{"error":"refused"}`); len(got) != 0 {
		t.Errorf("an outcome recorded before sinks were named names sinks done: %v", got)
	}
}
