package archive

import (
	"context"
	"fmt"
	"time"
)

// AlertRow is a stored alert: one transition of a link (kinds "down" and
// "up") or of a source's parse health ("drift" and "recovered").
type AlertRow struct {
	ID              int64
	Kind            string // "down", "up", "drift" or "recovered"
	URL             string // the link; for parse health, the source's address
	Verdict         string // the check's verdict; for parse health, the rules that broke
	Since           time.Time
	At              time.Time
	LastGoodCapture int64  // capture id, 0 when none
	Delivered       string // JSON object: sink name -> "ok" or the error, and "all": "ok" or "error": the failures
	Source          string // the source, for parse health alerts
	Detail          string // JSON: what changed, for parse health alerts; "" for link alerts
	// Delivery is the alert's delivery state (DeliveryPending, ...):
	// stored as given by AddAlert (DeliveryNone when ""), then moved by
	// MarkDelivered.
	Delivery string
	Attempts int // deliveries tried
	// Wayback is the Wayback Machine copy a down alert named when it was
	// raised (SetAlertWayback), "" when none.
	Wayback string
}

// Delivery states of an alert. An alert is delivered at least once: it is
// stored pending with its transition, in one transaction, when sinks are
// configured, and stays pending until its sinks' outcome is recorded; a
// process killed meanwhile leaves it pending, and the next start of a
// command that delivers alerts (or of the daemon, or of a node) sends it
// again.
const (
	// DeliveryPending: to deliver, never tried or failed fewer than
	// MaxDeliveryAttempts times (retried at the next start).
	DeliveryPending = "pending"
	// DeliveryDelivered: every sink took it.
	DeliveryDelivered = "delivered"
	// DeliveryFailed: its delivery failed MaxDeliveryAttempts times; it
	// is not tried again.
	DeliveryFailed = "failed"
	// DeliveryNone: stored while no sink was configured.
	DeliveryNone = "none"
	// DeliveryUnknown: stored by an archivio that did not record
	// deliveries (before migration 24) and with no outcome recorded:
	// never tried, or stored without sinks. Settled, never re-sent.
	DeliveryUnknown = "unknown"
)

// MaxDeliveryAttempts is how many deliveries of an alert are tried in
// all (each with the sinks' own retries): the first when it is raised,
// the others at the next starts.
const MaxDeliveryAttempts = 3

// AddAlert stores an alert and returns its id.
func (s *Store) AddAlert(ctx context.Context, a AlertRow) (int64, error) {
	var capture any
	if a.LastGoodCapture != 0 {
		capture = a.LastGoodCapture
	}
	res, err := s.exec(ctx, insertAlert, a.Kind, a.URL, a.Verdict, FormatTime(a.Since), FormatTime(a.At), capture, a.Source, a.Detail, AlertDelivery(a.Delivery))
	if err != nil {
		return 0, fmt.Errorf("add alert for %s: %w", a.URL, err)
	}
	return res.LastInsertId()
}

const insertAlert = `INSERT INTO alerts (kind, url, verdict, since, at, last_good_capture, source, detail, delivery) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

// AlertDelivery is the state an alert is stored in: state, or
// DeliveryNone when state is "".
func AlertDelivery(state string) string {
	if state == "" {
		return DeliveryNone
	}
	return state
}

// MarkDelivered records how an alert's delivery went: delivered is the
// sinks' outcome (JSON), outcome DeliveryDelivered, DeliveryFailed or
// DeliveryNone (no sinks). A failed delivery counts an attempt and leaves
// the alert pending until MaxDeliveryAttempts attempts failed.
func (s *Store) MarkDelivered(ctx context.Context, id int64, delivered, outcome string) error {
	if _, err := s.exec(ctx, markDelivered, delivered, outcome, outcome, MaxDeliveryAttempts, outcome, id); err != nil {
		return fmt.Errorf("mark alert %d delivered: %w", id, err)
	}
	return nil
}

// markDelivered is MarkDelivered's statement: its arguments are the
// outcome's JSON, the outcome, the outcome, MaxDeliveryAttempts, the
// outcome and the alert's id (in SET, attempts is the value before).
const markDelivered = `UPDATE alerts SET delivered = ?,
	attempts = attempts + (CASE WHEN ? = 'none' THEN 0 ELSE 1 END),
	delivery = CASE WHEN ? = 'failed' AND attempts + 1 < ? THEN 'pending' ELSE ? END
	WHERE id = ?`

// SetAlertWayback records the Wayback Machine copy a down alert named
// when it was raised (looked up after its storing), so that the alert
// sent again and the listings name it too.
func (s *Store) SetAlertWayback(ctx context.Context, id int64, url string) error {
	if _, err := s.exec(ctx, `UPDATE alerts SET wayback = ? WHERE id = ?`, url, id); err != nil {
		return fmt.Errorf("alert %d: record its Wayback copy: %w", id, err)
	}
	return nil
}

// ClaimPendingAlerts returns the alerts still pending, oldest first: those
// a process stored and did not deliver (killed before their outcome was
// recorded), and those whose delivery failed fewer than
// MaxDeliveryAttempts times. On one machine the caller holds the data
// directory's lock, so no other process is delivering them.
func (s *Store) ClaimPendingAlerts(ctx context.Context) ([]AlertRow, error) {
	return s.alertRows(ctx, `WHERE delivery = 'pending' ORDER BY at, id`)
}

// Alerts returns every alert, oldest first.
func (s *Store) Alerts(ctx context.Context) ([]AlertRow, error) {
	out, err := s.alertRows(ctx, `ORDER BY at, id`)
	if len(out) == 0 {
		return nil, err
	}
	return out, err
}
