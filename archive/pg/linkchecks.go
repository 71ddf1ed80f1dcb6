package pg

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

// RecordCheck stores a check in the link's history and moves its state,
// returning the transition it made and the new state, as
// archive.Store.RecordCheck does. The link's row is locked for the
// transaction: nodes checking one link at once take turns, each moving
// the state the other left, so a transition is made (and its alert
// raised) once.
func (s *Store) RecordCheck(ctx context.Context, c archive.Check, works bool, t archive.Thresholds) (archive.Transition, archive.LinkState, error) {
	var tr archive.Transition
	var st archive.LinkState
	err := s.inTx(ctx, func(tx pgx.Tx) (err error) {
		tr, st, err = recordCheck(ctx, tx, c, works, t, 0)
		return err
	})
	if err != nil {
		return "", archive.LinkState{}, fmt.Errorf("record check of %s: %w", c.URL, err)
	}
	return tr, st, nil
}

// recordCheck is RecordCheck in tx; runID, when not 0, is the shared run
// of link checks the check belongs to.
func recordCheck(ctx context.Context, tx pgx.Tx, c archive.Check, works bool, t archive.Thresholds, runID int64) (archive.Transition, archive.LinkState, error) {
	if len(c.Chain) == 0 {
		c.Chain = json.RawMessage("[]")
	}
	var tr archive.Transition
	var st archive.LinkState
	var since, failSince, okSince *string
	err := tx.QueryRow(ctx, `SELECT state, state_since, fail_streak, fail_since, ok_streak, ok_since FROM links WHERE url = $1 FOR UPDATE`, c.URL).
		Scan(&st.State, &since, &st.FailStreak, &failSince, &st.OKStreak, &okSince)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", st, fmt.Errorf("%w: %s is not in the link inventory", archive.ErrNotFound, c.URL)
	}
	if err != nil {
		return "", st, err
	}
	st.Since, st.FailSince, st.OKSince = archive.ParseTime(deref(since)), archive.ParseTime(deref(failSince)), archive.ParseTime(deref(okSince))
	if since == nil {
		st.State = "" // never checked: NextState starts it up
	}
	st, tr = archive.NextState(st, works, c.CheckedAt, t)
	var capture, run *int64
	if c.CaptureID != 0 {
		capture = &c.CaptureID
	}
	if runID != 0 {
		run = &runID
	}
	if _, err := tx.Exec(ctx, `INSERT INTO link_checks (url, checked_at, verdict, status, method, final_url, chain, error, capture_id, elapsed_ms, state, works, run_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, c.URL, archive.FormatTime(c.CheckedAt), c.Verdict, c.Status, c.Method, c.FinalURL,
		string(c.Chain), c.Error, capture, c.Elapsed.Milliseconds(), st.State, works, run); err != nil {
		return "", st, err
	}
	_, err = tx.Exec(ctx, `UPDATE links SET state = $1, state_since = $2, fail_streak = $3, fail_since = $4, ok_streak = $5, ok_since = $6,
		last_checked = $7, last_verdict = $8, redirect_chain = $9,
		last_ok = CASE WHEN $10 THEN $7 ELSE last_ok END,
		last_good_capture = CASE WHEN $11 AND $12::bigint IS NOT NULL THEN $12::bigint ELSE last_good_capture END
		WHERE url = $13`,
		st.State, archive.FormatTime(st.Since), st.FailStreak, textTimeOrNil(st.FailSince), st.OKStreak, textTimeOrNil(st.OKSince),
		archive.FormatTime(c.CheckedAt), c.Verdict, string(c.Chain), works, works && c.Status == 200, capture, c.URL)
	return tr, st, err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func textTimeOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return archive.FormatTime(t)
}

// AddAlert stores an alert and returns its id.
func (s *Store) AddAlert(ctx context.Context, a archive.AlertRow) (int64, error) {
	var capture *int64
	if a.LastGoodCapture != 0 {
		capture = &a.LastGoodCapture
	}
	var id int64
	err := s.pool.QueryRow(ctx, `INSERT INTO alerts (kind, url, verdict, since, at, last_good_capture, source, detail)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		a.Kind, a.URL, a.Verdict, archive.FormatTime(a.Since), archive.FormatTime(a.At), capture, a.Source, a.Detail).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("add alert for %s: %w", a.URL, err)
	}
	return id, nil
}

// MarkDelivered records how an alert's delivery went.
func (s *Store) MarkDelivered(ctx context.Context, id int64, delivered string) error {
	if _, err := s.pool.Exec(ctx, `UPDATE alerts SET delivered = $1 WHERE id = $2`, delivered, id); err != nil {
		return fmt.Errorf("mark alert %d delivered: %w", id, err)
	}
	return nil
}
