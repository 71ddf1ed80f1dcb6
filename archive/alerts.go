package archive

import (
	"context"
	"fmt"
	"time"
)

// AlertRow is a stored alert: one transition of a link.
type AlertRow struct {
	ID              int64
	Kind            string // "down" or "up"
	URL             string
	Verdict         string
	Since           time.Time
	At              time.Time
	LastGoodCapture int64  // capture id, 0 when none
	Delivered       string // JSON object: sink name -> "ok" or the error
}

// AddAlert stores an alert and returns its id.
func (s *Store) AddAlert(ctx context.Context, a AlertRow) (int64, error) {
	var capture any
	if a.LastGoodCapture != 0 {
		capture = a.LastGoodCapture
	}
	res, err := s.exec(ctx, `INSERT INTO alerts (kind, url, verdict, since, at, last_good_capture) VALUES (?, ?, ?, ?, ?, ?)`,
		a.Kind, a.URL, a.Verdict, FormatTime(a.Since), FormatTime(a.At), capture)
	if err != nil {
		return 0, fmt.Errorf("add alert for %s: %w", a.URL, err)
	}
	return res.LastInsertId()
}

// MarkDelivered records how an alert's delivery went.
func (s *Store) MarkDelivered(ctx context.Context, id int64, delivered string) error {
	if _, err := s.exec(ctx, `UPDATE alerts SET delivered = ? WHERE id = ?`, delivered, id); err != nil {
		return fmt.Errorf("mark alert %d delivered: %w", id, err)
	}
	return nil
}

// Alerts returns every alert, oldest first.
func (s *Store) Alerts(ctx context.Context) ([]AlertRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, url, verdict, since, at, COALESCE(last_good_capture, 0), delivered
		FROM alerts ORDER BY at, id`)
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	defer rows.Close()
	var out []AlertRow
	for rows.Next() {
		var a AlertRow
		var since, at string
		if err := rows.Scan(&a.ID, &a.Kind, &a.URL, &a.Verdict, &since, &at, &a.LastGoodCapture, &a.Delivered); err != nil {
			return nil, fmt.Errorf("list alerts: %w", err)
		}
		a.Since, a.At = ParseTime(since), ParseTime(at)
		out = append(out, a)
	}
	return out, rows.Err()
}
