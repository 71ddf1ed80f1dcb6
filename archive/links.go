package archive

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Link is one URL of the link inventory with its health.
type Link struct {
	URL             string          `json:"url"`
	State           string          `json:"state"`
	StateSince      time.Time       `json:"state_since"`
	Verdict         string          `json:"verdict"` // of the last check
	RecordIDs       []int           `json:"record_ids"`
	Fields          []string        `json:"fields"`
	DeclaredGone    bool            `json:"declared_gone"`
	Active          bool            `json:"active"` // still cited by a record's latest version
	LastChecked     time.Time       `json:"last_checked"`
	LastOK          time.Time       `json:"last_ok"`
	LastGoodCapture int64           `json:"last_good_capture"` // capture id, 0 when none
	RedirectChain   json.RawMessage `json:"redirect_chain"`
}

// Links returns the link inventory, by URL: every link when state is "",
// else those in that state; only links a record still cites when
// activeOnly.
func (s *Store) Links(ctx context.Context, state string, activeOnly bool) ([]Link, error) {
	where, args := "", []any{}
	if state != "" {
		where += ` AND l.state = ?`
		args = append(args, state)
	}
	if activeOnly {
		where += ` AND l.active = 1`
	}
	return s.listLinks(ctx, where, args...)
}

// Link returns one link of the inventory.
func (s *Store) Link(ctx context.Context, url string) (*Link, error) {
	ls, err := s.listLinks(ctx, ` AND l.url = ?`, url)
	if err != nil {
		return nil, err
	}
	if len(ls) == 0 {
		return nil, fmt.Errorf("link %s: %w", url, ErrNotFound)
	}
	return &ls[0], nil
}

func (s *Store) listLinks(ctx context.Context, where string, args ...any) ([]Link, error) {
	q := `SELECT l.url, l.state, COALESCE(l.state_since, ''), l.last_verdict, l.active, COALESCE(l.last_checked, ''),
		COALESCE(l.last_ok, ''), COALESCE(l.last_good_capture, 0), l.redirect_chain,
		COALESCE(GROUP_CONCAT(DISTINCT r.record_id), ''), COALESCE(GROUP_CONCAT(DISTINCT ` + linkFieldText + `), ''), COALESCE(MAX(r.declared_gone), 0),
		COALESCE(GROUP_CONCAT(DISTINCT 'site:' || sl.source), '')
		FROM links l LEFT JOIN link_refs r ON r.link_id = l.id LEFT JOIN site_links sl ON sl.url = l.url WHERE 1 = 1`
	rows, err := s.db.QueryContext(ctx, q+where+` GROUP BY l.id ORDER BY l.url`, args...)
	if err != nil {
		return nil, fmt.Errorf("list links: %w", err)
	}
	defer rows.Close()
	var out []Link
	for rows.Next() {
		var l Link
		var since, checked, ok, ids, fields, chain, sites string
		if err := rows.Scan(&l.URL, &l.State, &since, &l.Verdict, &l.Active, &checked, &ok, &l.LastGoodCapture,
			&chain, &ids, &fields, &l.DeclaredGone, &sites); err != nil {
			return nil, fmt.Errorf("list links: %w", err)
		}
		l.StateSince, l.LastChecked, l.LastOK = ParseTime(since), ParseTime(checked), ParseTime(ok)
		l.RedirectChain = json.RawMessage(chain)
		l.RecordIDs = splitInts(ids)
		l.Fields = splitSorted(strings.Trim(fields+","+sites, ","))
		out = append(out, l)
	}
	return out, rows.Err()
}

func splitInts(s string) []int {
	out := []int{}
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(p); err == nil {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}

func splitSorted(s string) []string {
	out := []string{}
	if s != "" {
		out = strings.Split(s, ",")
	}
	sort.Strings(out)
	return out
}

// Check is one check of a link, as stored in its history.
type Check struct {
	URL       string          `json:"url"`
	CheckedAt time.Time       `json:"checked_at"`
	Verdict   string          `json:"verdict"`
	Status    int             `json:"status"`
	Method    string          `json:"method"`
	FinalURL  string          `json:"final_url"`
	Chain     json.RawMessage `json:"chain"`
	Error     string          `json:"error"`
	CaptureID int64           `json:"capture_id"`
	Elapsed   time.Duration   `json:"elapsed"`
}

// RecordCheck stores a check in the link's history and moves its state,
// returning the transition it made and the new state. works says whether
// the check's verdict means the link works (the checker decides).
func (s *Store) RecordCheck(ctx context.Context, c Check, works bool, t Thresholds) (Transition, LinkState, error) {
	var tr Transition
	var st LinkState
	err := s.apply(ctx, CheckWrite(c, works, t, func(t Transition, s LinkState) { tr, st = t, s }))
	if err != nil {
		return "", LinkState{}, err
	}
	return tr, st, nil
}

// CheckWrite is RecordCheck as a Write: the check is stored and its
// link's state moved in the write's transaction, from the state the
// transaction reads, so checks of one link move it in the order they
// commit. then hears the transition and the new state once the write has
// committed (never for a write that did not). A check naming a capture
// is queued after the capture's own write, so that it commits with it
// or after it.
func CheckWrite(c Check, works bool, th Thresholds, then func(Transition, LinkState)) Write {
	if len(c.Chain) == 0 {
		c.Chain = json.RawMessage("[]")
	}
	var tr Transition
	var st LinkState
	w := Write{what: "record check of " + c.URL, run: func(t *txn) error {
		err := recordCheck(t.ctx, t.tx, c, works, th, &tr, &st)
		if err != nil {
			return fmt.Errorf("record check of %s: %w", c.URL, err)
		}
		return nil
	}}
	if then != nil {
		w = w.OnCommit(func() { then(tr, st) })
	}
	return w
}

// AlertedCheck is what a check's write with its alert (CheckAlertWrite)
// committed: the transition ("" for none), the link's new state, and the
// transition's alert, stored in the same transaction.
type AlertedCheck struct {
	Transition      Transition
	State           LinkState
	AlertID         int64 // 0 without a transition
	AlertAt         time.Time
	LastGoodCapture int64 // the link's, as the alert names it
}

// CheckAlertWrite is CheckWrite that also stores the alert of a
// transition in the write's transaction, in the delivery state delivery
// (DeliveryPending when sinks are to deliver it), raised at now(): a
// transition is never committed without its alert, which a run killed
// before delivering it leaves pending for the next. then hears what
// committed.
func CheckAlertWrite(c Check, works bool, th Thresholds, delivery string, now func() time.Time, then func(AlertedCheck)) Write {
	if len(c.Chain) == 0 {
		c.Chain = json.RawMessage("[]")
	}
	var out AlertedCheck
	w := Write{what: "record check of " + c.URL, run: func(t *txn) error {
		out = AlertedCheck{}
		if err := recordCheck(t.ctx, t.tx, c, works, th, &out.Transition, &out.State); err != nil {
			return fmt.Errorf("record check of %s: %w", c.URL, err)
		}
		if out.Transition == "" {
			return nil
		}
		var good sql.NullInt64
		if err := t.tx.QueryRowContext(t.ctx, `SELECT last_good_capture FROM links WHERE url = ?`, c.URL).Scan(&good); err != nil {
			return fmt.Errorf("alert of %s: %w", c.URL, err)
		}
		out.LastGoodCapture, out.AlertAt = good.Int64, now()
		res, err := t.tx.ExecContext(t.ctx, insertAlert, string(out.Transition), c.URL, c.Verdict, FormatTime(out.State.Since),
			FormatTime(out.AlertAt), nullID(out.LastGoodCapture), "", "", AlertDelivery(delivery))
		if err != nil {
			return fmt.Errorf("alert of %s: %w", c.URL, err)
		}
		out.AlertID, err = res.LastInsertId()
		return err
	}}
	if then != nil {
		w = w.OnCommit(func() { then(out) })
	}
	return w
}

func recordCheck(ctx context.Context, tx *sql.Tx, c Check, works bool, t Thresholds, tr *Transition, st *LinkState) error {
	prev, err := linkState(ctx, tx, c.URL)
	if err != nil {
		return err
	}
	good := works
	*st, *tr = NextState(prev, good, c.CheckedAt, t)
	var capture any
	if c.CaptureID != 0 {
		capture = c.CaptureID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO link_checks (url, checked_at, verdict, status, method, final_url, chain, error, capture_id, elapsed_ms, state, works)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.URL, FormatTime(c.CheckedAt), c.Verdict, c.Status, c.Method, c.FinalURL,
		string(c.Chain), c.Error, capture, c.Elapsed.Milliseconds(), st.State, good); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE links SET state = ?, state_since = ?, fail_streak = ?, fail_since = ?, ok_streak = ?, ok_since = ?,
		last_checked = ?, last_verdict = ?, redirect_chain = ?,
		last_ok = CASE WHEN ? THEN ? ELSE last_ok END,
		last_good_capture = CASE WHEN ? AND ? IS NOT NULL THEN ? ELSE last_good_capture END
		WHERE url = ?`,
		st.State, FormatTime(st.Since), st.FailStreak, nullTime(st.FailSince), st.OKStreak, nullTime(st.OKSince),
		FormatTime(c.CheckedAt), c.Verdict, string(c.Chain),
		good, FormatTime(c.CheckedAt),
		good && c.Status == 200, capture, capture,
		c.URL)
	return err
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return FormatTime(t)
}

func linkState(ctx context.Context, tx *sql.Tx, url string) (LinkState, error) {
	var st LinkState
	var since, failSince, okSince sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT state, state_since, fail_streak, fail_since, ok_streak, ok_since FROM links WHERE url = ?`, url).
		Scan(&st.State, &since, &st.FailStreak, &failSince, &st.OKStreak, &okSince)
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("%w: %s is not in the link inventory", ErrNotFound, url)
	}
	st.Since, st.FailSince, st.OKSince = ParseTime(since.String), ParseTime(failSince.String), ParseTime(okSince.String)
	if !since.Valid {
		st.State = "" // never checked: NextState starts it up
	}
	return st, err
}

// LinkHistory returns the checks of a link, oldest first.
func (s *Store) LinkHistory(ctx context.Context, url string) ([]Check, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT url, checked_at, verdict, status, method, final_url, chain, error,
		COALESCE(capture_id, 0), elapsed_ms FROM link_checks WHERE url = ? ORDER BY checked_at, id`, url)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", url, err)
	}
	defer rows.Close()
	var out []Check
	for rows.Next() {
		var c Check
		var at, chain string
		var ms int64
		if err := rows.Scan(&c.URL, &at, &c.Verdict, &c.Status, &c.Method, &c.FinalURL, &chain, &c.Error, &c.CaptureID, &ms); err != nil {
			return nil, fmt.Errorf("history of %s: %w", url, err)
		}
		c.CheckedAt, c.Chain, c.Elapsed = ParseTime(at), json.RawMessage(chain), time.Duration(ms)*time.Millisecond
		out = append(out, c)
	}
	return out, rows.Err()
}

// LinkRecord is a record citing a link.
type LinkRecord struct {
	ID    int
	Title string
	URL   string
}

// LinkRecords returns the records whose latest version cites url.
func (s *Store) LinkRecords(ctx context.Context, url string) ([]LinkRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT r.id, COALESCE(rs.title, ''), r.url
		FROM link_refs l JOIN records r ON r.id = l.record_id
		LEFT JOIN record_summaries rs ON rs.record_id = r.id
		WHERE l.link_id = (SELECT id FROM links WHERE url = ?) ORDER BY r.id`, url)
	if err != nil {
		return nil, fmt.Errorf("records citing %s: %w", url, err)
	}
	defer rows.Close()
	var out []LinkRecord
	for rows.Next() {
		var r LinkRecord
		if err := rows.Scan(&r.ID, &r.Title, &r.URL); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// AddSiteLinks adds the links found on a page of a site source to the
// link inventory (links already known stay as they are, active again).
func (s *Store) AddSiteLinks(ctx context.Context, source, pageURL string, urls []string, at time.Time) error {
	return s.apply(ctx, SiteLinksWrite(source, pageURL, urls, at))
}

// insertSiteLink notes a site source's page citing a link (linkIDs adds
// the link itself).
var insertSiteLink = writeStatement(`INSERT OR IGNORE INTO site_links (url, source, page_url, first_seen) VALUES (?, ?, ?, ?)`)

// SiteLinksWrite is AddSiteLinks as a Write.
func SiteLinksWrite(source, pageURL string, urls []string, at time.Time) Write {
	return Write{what: "add links of " + pageURL, run: func(t *txn) error {
		if _, err := linkIDs(t, urls, at); err != nil {
			return fmt.Errorf("add links of %s: %w", pageURL, err)
		}
		for _, u := range urls {
			if _, err := t.exec(insertSiteLink, u, source, pageURL, FormatTime(at)); err != nil {
				return fmt.Errorf("add links of %s: %w", pageURL, err)
			}
		}
		return nil
	}}
}
