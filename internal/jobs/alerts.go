package jobs

import (
	"context"
	"fmt"

	"archivio/archive"
	"archivio/internal/alerts"
)

// AlertReader is what rebuilding the stored alerts reads of the archive.
type AlertReader interface {
	CaptureFinder
	Alerts(ctx context.Context) ([]archive.AlertRow, error)
	LinkRecords(ctx context.Context, url string) ([]archive.LinkRecord, error)
}

// CaptureFinder finds a capture by its id.
type CaptureFinder interface {
	Capture(ctx context.Context, id int64) (*archive.Capture, error)
}

// StoredAlerts rebuilds every alert from the database, oldest first: a
// link alert with the records citing its URL and its last good capture, a
// parse health alert with its drift.
func StoredAlerts(ctx context.Context, st AlertReader) ([]alerts.Alert, error) {
	rows, err := st.Alerts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]alerts.Alert, 0, len(rows))
	for _, r := range rows {
		a, err := storedAlert(ctx, st, r)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// StoredAlert is a stored alert with how its delivery went, as
// "archivio alerts" lists it.
type StoredAlert struct {
	alerts.Alert
	Delivery Delivery `json:"delivery"`
}

// Delivery is how an alert's delivery went.
type Delivery struct {
	// State is pending (to deliver, or failed and retried at the next
	// start), delivered, failed (given up after
	// archive.MaxDeliveryAttempts attempts), none (stored with no sinks)
	// or unknown (stored by an archivio that did not record it).
	State    string `json:"state"`
	Attempts int    `json:"attempts"`
	// Outcome is each sink's answer by its name (a retry goes only to
	// the sinks that did not answer "ok"): see Outcome.
	Outcome Outcome `json:"outcome"`
}

// String is the delivery for people: "delivered", "pending", "failed
// 1/3, to be retried: why", ...
func (d Delivery) String() string {
	switch {
	case d.State == archive.DeliveryPending && d.Attempts > 0:
		return fmt.Sprintf("failed %d/%d, to be retried: %s", d.Attempts, archive.MaxDeliveryAttempts, d.Outcome["error"])
	case d.State == archive.DeliveryFailed && d.Outcome["error"] != "":
		return fmt.Sprintf("failed after %d attempts: %s", d.Attempts, d.Outcome["error"])
	case d.State == archive.DeliveryNone:
		return "none (no sinks)"
	}
	return d.State
}

// StoredAlertsWithDelivery is StoredAlerts with each alert's delivery.
func StoredAlertsWithDelivery(ctx context.Context, st AlertReader) ([]StoredAlert, error) {
	rows, err := st.Alerts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]StoredAlert, 0, len(rows))
	for _, r := range rows {
		a, err := storedAlert(ctx, st, r)
		if err != nil {
			return nil, err
		}
		outcome, err := ParseOutcome(r.Delivered)
		if err != nil {
			return nil, fmt.Errorf("alert %d: delivery %q: %w", r.ID, r.Delivered, err)
		}
		d := Delivery{State: r.Delivery, Attempts: r.Attempts, Outcome: outcome}
		out = append(out, StoredAlert{Alert: a, Delivery: d})
	}
	return out, nil
}

// storedAlert rebuilds one stored alert: a link alert with the records
// citing its URL, its last good capture and the Wayback copy it named
// when it was raised, a parse health alert with its drift.
func storedAlert(ctx context.Context, st AlertReader, r archive.AlertRow) (alerts.Alert, error) {
	a := alerts.Alert{ID: r.ID, Kind: r.Kind, URL: r.URL, Verdict: r.Verdict, Since: r.Since, At: r.At,
		Records: []alerts.RecordRef{}, LastGoodCapture: CaptureRef(ctx, st, r.LastGoodCapture)}
	if r.Detail != "" {
		var err error
		if a.Drift, err = driftOf(r.Detail); err != nil {
			return a, fmt.Errorf("alert %d: %w", r.ID, err)
		}
		return a, nil
	}
	if r.Wayback != "" {
		if a.LastGoodCapture == nil {
			a.LastGoodCapture = &alerts.Capture{}
		}
		a.LastGoodCapture.Wayback = r.Wayback
	}
	recs, err := st.LinkRecords(ctx, r.URL)
	if err != nil {
		return a, err
	}
	for _, rec := range recs {
		a.Records = append(a.Records, alerts.RecordRef{ID: rec.ID, Title: rec.Title, URL: rec.URL})
	}
	return a, nil
}

// CaptureRef describes a capture for alerts and listings, nil for none.
func CaptureRef(ctx context.Context, st CaptureFinder, id int64) *alerts.Capture {
	if id == 0 {
		return nil
	}
	c, err := st.Capture(ctx, id)
	if err != nil {
		return nil
	}
	return &alerts.Capture{URL: c.URL, At: c.FetchedAt, WARCFile: c.WARCFile, Offset: c.WARCOffset}
}
