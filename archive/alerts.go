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
	Delivered       string // JSON object: sink name -> "ok" or the error
	Source          string // the source, for parse health alerts
	Detail          string // JSON: what changed, for parse health alerts; "" for link alerts
}

// AddAlert stores an alert and returns its id.
func (s *Store) AddAlert(ctx context.Context, a AlertRow) (int64, error) {
	var capture any
	if a.LastGoodCapture != 0 {
		capture = a.LastGoodCapture
	}
	res, err := s.exec(ctx, insertAlert, a.Kind, a.URL, a.Verdict, FormatTime(a.Since), FormatTime(a.At), capture, a.Source, a.Detail)
	if err != nil {
		return 0, fmt.Errorf("add alert for %s: %w", a.URL, err)
	}
	return res.LastInsertId()
}

const insertAlert = `INSERT INTO alerts (kind, url, verdict, since, at, last_good_capture, source, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

// MarkDelivered records how an alert's delivery went.
func (s *Store) MarkDelivered(ctx context.Context, id int64, delivered string) error {
	if _, err := s.exec(ctx, `UPDATE alerts SET delivered = ? WHERE id = ?`, delivered, id); err != nil {
		return fmt.Errorf("mark alert %d delivered: %w", id, err)
	}
	return nil
}

// Alerts returns every alert, oldest first.
func (s *Store) Alerts(ctx context.Context) ([]AlertRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, url, verdict, since, at, COALESCE(last_good_capture, 0), delivered, source, detail
		FROM alerts ORDER BY at, id`)
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	defer rows.Close()
	var out []AlertRow
	for rows.Next() {
		var a AlertRow
		var since, at string
		if err := rows.Scan(&a.ID, &a.Kind, &a.URL, &a.Verdict, &since, &at, &a.LastGoodCapture, &a.Delivered, &a.Source, &a.Detail); err != nil {
			return nil, fmt.Errorf("list alerts: %w", err)
		}
		a.Since, a.At = ParseTime(since), ParseTime(at)
		out = append(out, a)
	}
	return out, rows.Err()
}
