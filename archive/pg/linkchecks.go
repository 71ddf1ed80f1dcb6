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

// AddAlert stores an alert and returns its id. A pending alert is
// claimed by this process, which is to deliver it.
func (s *Store) AddAlert(ctx context.Context, a archive.AlertRow) (int64, error) {
	var capture *int64
	if a.LastGoodCapture != 0 {
		capture = &a.LastGoodCapture
	}
	var id int64
	err := s.pool.QueryRow(ctx, insertAlert, a.Kind, a.URL, a.Verdict, archive.FormatTime(a.Since), archive.FormatTime(a.At), capture,
		a.Source, a.Detail, archive.AlertDelivery(a.Delivery), s.claimer, s.opts.AlertClaimTTL.Milliseconds()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("add alert for %s: %w", a.URL, err)
	}
	return id, nil
}

// SetAlertWayback records the Wayback Machine copy a down alert named
// when it was raised, as on one machine (archive.Store.SetAlertWayback).
func (s *Store) SetAlertWayback(ctx context.Context, id int64, url string) error {
	if _, err := s.pool.Exec(ctx, `UPDATE alerts SET wayback = $1 WHERE id = $2`, url, id); err != nil {
		return fmt.Errorf("alert %d: record its Wayback copy: %w", id, err)
	}
	return nil
}

// insertAlert stores an alert ($1 to $9: kind, url, verdict, since, at,
// last good capture, source, detail, delivery state), claimed by $10 for
// $11 milliseconds when it is pending.
const insertAlert = `INSERT INTO alerts (kind, url, verdict, since, at, last_good_capture, source, detail, delivery, claim_owner, claim_expires)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
		CASE WHEN $9 = 'pending' THEN $10::text END,
		CASE WHEN $9 = 'pending' THEN now() + $11 * interval '1 millisecond' END)
	RETURNING id`

// MarkDelivered records how an alert's delivery went, as on one machine
// (archive.Store.MarkDelivered), and releases its claim: an alert whose
// delivery failed is retried by the next node starting. The other
// pending alerts this process claimed stay its own for AlertClaimTTL from
// now: it is delivering them in turn.
func (s *Store) MarkDelivered(ctx context.Context, id int64, delivered, outcome string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE alerts SET delivered = $1,
			attempts = attempts + (CASE WHEN $2 = 'none' THEN 0 ELSE 1 END),
			delivery = CASE WHEN $2 = 'failed' AND attempts + 1 < $3 THEN 'pending' ELSE $2 END,
			claim_owner = NULL, claim_expires = NULL
			WHERE id = $4`, delivered, outcome, archive.MaxDeliveryAttempts, id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE alerts SET claim_expires = now() + $2 * interval '1 millisecond'
			WHERE delivery = 'pending' AND claim_owner = $1`, s.claimer, s.opts.AlertClaimTTL.Milliseconds())
		return err
	})
	if err != nil {
		return fmt.Errorf("mark alert %d delivered: %w", id, err)
	}
	return nil
}

// ClaimPendingAlerts claims for this process the pending alerts no live
// claim holds and returns them, oldest first: those a node stored and did
// not deliver (it died, or its claim expired), and those whose delivery
// failed fewer than archive.MaxDeliveryAttempts times. Nodes starting at
// once claim each alert once (FOR UPDATE SKIP LOCKED, then the claim).
func (s *Store) ClaimPendingAlerts(ctx context.Context) ([]archive.AlertRow, error) {
	var ids []int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `UPDATE alerts SET claim_owner = $1, claim_expires = now() + $2 * interval '1 millisecond'
			WHERE id IN (SELECT id FROM alerts WHERE delivery = 'pending' AND (claim_owner IS NULL OR claim_expires < now())
				ORDER BY id FOR UPDATE SKIP LOCKED)
			RETURNING id`, s.claimer, s.opts.AlertClaimTTL.Milliseconds())
		if err != nil {
			return err
		}
		ids, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claim pending alerts: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return s.alertRows(ctx, `WHERE id = ANY($1) ORDER BY at COLLATE "C", id`, ids)
}
