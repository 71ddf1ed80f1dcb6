package pg

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"archivio/archive"
)

// RecordCheck stores a check in the link's history and moves its state,
// returning the transition it made and the new state, as
// archive.Store.RecordCheck does. The link's row is locked for the
// transaction: nodes checking one link at once take turns, each moving
// the state the other left, so a transition is made (and its alert
// raised) once.
func (s *Store) RecordCheck(ctx context.Context, c archive.Check, works bool, t archive.Thresholds) (archive.Transition, archive.LinkState, error) {
	if len(c.Chain) == 0 {
		c.Chain = json.RawMessage("[]")
	}
	var tr archive.Transition
	var st archive.LinkState
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var since, failSince, okSince *string
		err := tx.QueryRow(ctx, `SELECT state, state_since, fail_streak, fail_since, ok_streak, ok_since FROM links WHERE url = $1 FOR UPDATE`, c.URL).
			Scan(&st.State, &since, &st.FailStreak, &failSince, &st.OKStreak, &okSince)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("%w: %s is not in the link inventory", archive.ErrNotFound, c.URL)
		}
		if err != nil {
			return err
		}
		st.Since, st.FailSince, st.OKSince = archive.ParseTime(deref(since)), archive.ParseTime(deref(failSince)), archive.ParseTime(deref(okSince))
		if since == nil {
			st.State = "" // never checked: NextState starts it up
		}
		st, tr = archive.NextState(st, works, c.CheckedAt, t)
		var capture *int64
		if c.CaptureID != 0 {
			capture = &c.CaptureID
		}
		if _, err := tx.Exec(ctx, `INSERT INTO link_checks (url, checked_at, verdict, status, method, final_url, chain, error, capture_id, elapsed_ms, state, works)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, c.URL, archive.FormatTime(c.CheckedAt), c.Verdict, c.Status, c.Method, c.FinalURL,
			string(c.Chain), c.Error, capture, c.Elapsed.Milliseconds(), st.State, works); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE links SET state = $1, state_since = $2, fail_streak = $3, fail_since = $4, ok_streak = $5, ok_since = $6,
			last_checked = $7, last_verdict = $8, redirect_chain = $9,
			last_ok = CASE WHEN $10 THEN $7 ELSE last_ok END,
			last_good_capture = CASE WHEN $11 AND $12::bigint IS NOT NULL THEN $12::bigint ELSE last_good_capture END
			WHERE url = $13`,
			st.State, archive.FormatTime(st.Since), st.FailStreak, textTimeOrNil(st.FailSince), st.OKStreak, textTimeOrNil(st.OKSince),
			archive.FormatTime(c.CheckedAt), c.Verdict, string(c.Chain), works, works && c.Status == 200, capture, c.URL)
		return err
	})
	if err != nil {
		return "", archive.LinkState{}, fmt.Errorf("record check of %s: %w", c.URL, err)
	}
	return tr, st, nil
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

// ErrLinkCheckRunning is LockLinkCheck's answer while another node runs
// the link checks of the catalog.
var ErrLinkCheckRunning = errors.New("a link check of the shared catalog is running on another node")

// lockLinkCheck is the advisory lock a node holds while it checks the
// catalog's links.
const lockLinkCheck = 0x6c696e6b // "link"

// LinkCheckLock is a node's hold on the catalog's link checks: one node
// runs them at a time. It is a session lock on a connection of its own,
// so the server releases it when the node's connection ends (the node
// died): another node may then take over.
type LinkCheckLock struct {
	conn *pgxpool.Conn
}

// LockLinkCheck takes the link checks' lock, or fails at once with
// ErrLinkCheckRunning when another node holds it.
func (s *Store) LockLinkCheck(ctx context.Context) (*LinkCheckLock, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock the link checks: %w", err)
	}
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, lockLinkCheck).Scan(&ok); err != nil {
		conn.Release()
		return nil, fmt.Errorf("lock the link checks: %w", err)
	}
	if !ok {
		conn.Release()
		return nil, ErrLinkCheckRunning
	}
	return &LinkCheckLock{conn: conn}, nil
}

// Unlock releases the lock (the connection is closed when the unlock
// fails, which releases it too).
func (l *LinkCheckLock) Unlock(ctx context.Context) error {
	_, err := l.conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, lockLinkCheck)
	if err != nil {
		l.conn.Conn().Close(ctx)
	}
	l.conn.Release()
	if err != nil {
		return fmt.Errorf("unlock the link checks: %w", err)
	}
	return nil
}
