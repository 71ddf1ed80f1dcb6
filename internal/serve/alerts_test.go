package serve

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"archivio/archive"
)

// TestAlertDeliveryShown: the alert listing says how each alert's
// delivery went: delivered, pending (never tried, or tried and failed,
// with each sink's error), failed for good, never to be delivered, or not
// recorded.
func TestAlertDeliveryShown(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := archive.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	add := func(i int, delivery string) int64 {
		id, err := st.AddAlert(ctx, archive.AlertRow{Kind: "down", URL: "http://www.example" + string(rune('a'+i)) + ".it/",
			Verdict: "dns_not_found", Since: at, At: at.Add(time.Duration(i) * time.Minute), Delivery: delivery})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	add(0, archive.DeliveryPending)
	delivered := add(1, archive.DeliveryPending)
	mustDo(t, st.MarkDelivered(ctx, delivered, `{"webhook":"ok"}`, archive.DeliveryDelivered))
	retried := add(2, archive.DeliveryPending)
	mustDo(t, st.MarkDelivered(ctx, retried, `{"error":"sink webhook: status 503","mail":"ok","webhook":"status 503"}`, archive.DeliveryFailed))
	failed := add(3, archive.DeliveryPending)
	for range archive.MaxDeliveryAttempts {
		mustDo(t, st.MarkDelivered(ctx, failed, `{"error":"sink webhook: connection refused","webhook":"connection refused"}`, archive.DeliveryFailed))
	}
	older := add(6, archive.DeliveryPending) // outcome recorded before sinks were named
	mustDo(t, st.MarkDelivered(ctx, older, `{"error":"sink smtp mail.example.org:25: 421 busy"}`, archive.DeliveryFailed))
	add(4, archive.DeliveryNone)
	add(5, archive.DeliveryUnknown)

	// The retried alert named a Wayback copy; its link is known.
	const copyURL = "https://web.archive.org/web/20260301000000/http://www.examplec.it/"
	mustDo(t, st.SetAlertWayback(ctx, retried, copyURL))
	mustDo(t, st.AddSiteLinks(ctx, "test", "http://www.example.it/", []string{"http://www.examplec.it/"}, at))

	s, err := New(Options{Archive: st, DataDir: dir, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	page := get(t, s.Handler(), "/alerts").Body.String()
	for _, want := range []string{
		`<span class="delivery pending">delivery pending: sent at the next start or by the running daemon</span>`,
		`<span class="delivery delivered">delivered to every sink</span>`,
		`<span class="delivery pending">delivery pending after 1 attempt: tried again at the next start or by the running daemon (webhook: status 503)</span>`,
		`<span class="delivery failed">delivery failed after ` + strconv.Itoa(archive.MaxDeliveryAttempts) + ` attempts (webhook: connection refused)</span>`,
		`<span class="delivery none">not delivered: no sink was configured</span>`,
		`<span class="delivery pending">delivery pending after 1 attempt: tried again at the next start or by the running daemon (sink smtp mail.example.org:25: 421 busy)</span>`,
		`<span class="delivery unknown">delivery not recorded (raised by an earlier archivio)</span>`,
		"A copy elsewhere: " + copyURL,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the alert page lacks %s", want)
		}
	}
	link := get(t, s.Handler(), "/link?url="+url.QueryEscape("http://www.examplec.it/")).Body.String()
	if want := `<a href="` + copyURL + `" rel="nofollow noreferrer">the copy in the Wayback Machine it named</a>`; !strings.Contains(link, want) {
		t.Errorf("the link's page lacks %s", want)
	}
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
