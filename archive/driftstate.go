package archive

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// DriftState is a source's parse health state.
type DriftState struct {
	Source string `json:"source"`
	// State is HealthHealthy or HealthDrift; "" when no crawl of the
	// source was judged yet.
	State         string         `json:"state"`
	Since         time.Time      `json:"since"`          // when State began
	SinceCrawl    int64          `json:"since_crawl"`    // the crawl that made State begin
	LastCrawl     int64          `json:"last_crawl"`     // the last crawl judged
	BaselineCrawl int64          `json:"baseline_crawl"` // the last healthy crawl: later crawls are compared with it
	Findings      []DriftFinding `json:"findings"`       // while in drift, what broke
}

// DriftState returns a source's parse health state; State is "" when no
// crawl of the source was judged yet.
func (s *Store) DriftState(ctx context.Context, source string) (*DriftState, error) {
	d, err := scanDrift(s.queryRow(ctx, `SELECT `+driftColumns+` FROM parse_drift WHERE source = ?`, source))
	if errors.Is(err, sql.ErrNoRows) {
		return &DriftState{Source: source, Findings: []DriftFinding{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("parse health state of %s: %w", source, err)
	}
	return d, nil
}

// DriftStates returns the parse health state of every judged source, by
// source.
func (s *Store) DriftStates(ctx context.Context) ([]DriftState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+driftColumns+` FROM parse_drift ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("parse health states: %w", err)
	}
	defer rows.Close()
	out := []DriftState{}
	for rows.Next() {
		d, err := scanDrift(rows)
		if err != nil {
			return nil, fmt.Errorf("parse health states: %w", err)
		}
		out = append(out, *d)
	}
	return out, rows.Err()
}

// SetDriftState stores a source's parse health state and, when the state
// changed, its alert, in one transaction: a transition is never stored
// without its alert. It returns the alert's id, 0 when there is none.
func (s *Store) SetDriftState(ctx context.Context, d DriftState, alert *AlertRow) (int64, error) {
	findings := d.Findings
	if findings == nil {
		findings = []DriftFinding{}
	}
	fj, err := json.Marshal(findings)
	if err != nil {
		return 0, fmt.Errorf("set parse health state of %s: %w", d.Source, err)
	}
	var id int64
	err = WithTx(ctx, s.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO parse_drift
			(source, state, since, since_crawl, last_crawl, baseline_crawl, findings) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			d.Source, d.State, FormatTime(d.Since), nullID(d.SinceCrawl), nullID(d.LastCrawl), nullID(d.BaselineCrawl), string(fj))
		if err != nil || alert == nil {
			return err
		}
		var capture any
		if alert.LastGoodCapture != 0 {
			capture = alert.LastGoodCapture
		}
		res, err := tx.ExecContext(ctx, insertAlert, alert.Kind, alert.URL, alert.Verdict, FormatTime(alert.Since),
			FormatTime(alert.At), capture, alert.Source, alert.Detail, AlertDelivery(alert.Delivery))
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("set parse health state of %s: %w", d.Source, err)
	}
	return id, nil
}

const driftColumns = `source, state, since, COALESCE(since_crawl, 0), COALESCE(last_crawl, 0), COALESCE(baseline_crawl, 0), findings`

func scanDrift(row interface{ Scan(...any) error }) (*DriftState, error) {
	var d DriftState
	var since, findings string
	if err := row.Scan(&d.Source, &d.State, &since, &d.SinceCrawl, &d.LastCrawl, &d.BaselineCrawl, &findings); err != nil {
		return nil, err
	}
	d.Since = ParseTime(since)
	if err := json.Unmarshal([]byte(findings), &d.Findings); err != nil {
		return nil, fmt.Errorf("read findings: %w", err)
	}
	return &d, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
