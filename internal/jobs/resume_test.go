package jobs

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"archivio/archive"
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
	if d := list[1].Delivery.String(); d != "failed 1/3, to be retried: refused" {
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
