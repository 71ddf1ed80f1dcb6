package pg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

func (s *Store) alertRows(ctx context.Context, tail string, a ...any) ([]archive.AlertRow, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, kind, url, verdict, since, at, COALESCE(last_good_capture, 0), delivered, source, detail, delivery, attempts, wayback
		FROM alerts `+tail, a...)
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (archive.AlertRow, error) {
		var x archive.AlertRow
		var since, at string
		err := r.Scan(&x.ID, &x.Kind, &x.URL, &x.Verdict, &since, &at, &x.LastGoodCapture, &x.Delivered, &x.Source, &x.Detail, &x.Delivery, &x.Attempts, &x.Wayback)
		x.Since, x.At = archive.ParseTime(since), archive.ParseTime(at)
		return x, err
	})
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	return out, nil
}

// Alerts returns every alert, oldest first.
func (s *Store) Alerts(ctx context.Context) ([]archive.AlertRow, error) {
	out, err := s.alertRows(ctx, `ORDER BY at COLLATE "C", id`)
	if len(out) == 0 {
		return nil, err
	}
	return out, err
}

// AlertsFor returns the alerts raised for url, newest first.
func (s *Store) AlertsFor(ctx context.Context, url string) ([]archive.AlertRow, error) {
	return s.alertRows(ctx, `WHERE url = $1 ORDER BY at COLLATE "C" DESC, id DESC`, url)
}

// RecentAlerts returns a page of the alerts, newest first, and their
// number in all.
func (s *Store) RecentAlerts(ctx context.Context, limit, offset int) ([]archive.AlertRow, int, error) {
	var total int
	if err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM alerts`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list alerts: %w", err)
	}
	rows, err := s.alertRows(ctx, `ORDER BY at COLLATE "C" DESC, id DESC LIMIT $1 OFFSET $2`, limit, offset)
	return rows, total, err
}
