package pg

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

// LinkRunSource is the source of a run of link checks in the crawls
// table. A run shared by the nodes queues its links in the frontier of
// its row, keyed by LinkKeyPrefix and the link's URL, and is claimed,
// leased, heartbeated, released and settled as a crawl's URLs are.
const (
	LinkRunSource = "links"
	LinkKeyPrefix = "link:"
)

// ErrLinkRunRecent is JoinLinkCheck's answer when no run is going and
// one started since the time it was given: that turn's links are
// checked already.
var ErrLinkRunRecent = errors.New("a run of link checks of the shared catalog started since this turn came, and is over")

// noHost is the politeness key of a link whose URL names no host: it is
// still queued (its check says why it cannot be asked), paced as one.
const noHost = "(no host)"

// JoinLinkCheck gives a node the run of link checks it shares with the
// others: the running one when there is one (joined true), else a new
// one, started at at with every active link of the inventory queued in
// the same transaction. The hosts of the links not paced yet are paced at
// delay and maxInFlight over all nodes (a host already paced, by a crawl
// or an earlier run, keeps its pace). Nodes starting together agree on
// one run: the choice is made under the lock JoinCrawl takes for a
// source. A running run with nothing queued in its frontier (left by an
// older archivio, whose runs queued nothing) is superseded. With since
// not zero, no run is started when one started at or after since: the
// error is then ErrLinkRunRecent (a scheduled turn that came after the
// other nodes' run of the same turn ended).
func (s *Store) JoinLinkCheck(ctx context.Context, at, since time.Time, delay time.Duration, maxInFlight int) (id int64, joined bool, err error) {
	if maxInFlight < 1 || delay < 0 {
		return 0, false, fmt.Errorf("join link check: delay %s, in flight %d: want delay >= 0, in flight >= 1", delay, maxInFlight)
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('archivio crawl ' || $1))`, LinkRunSource); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `SELECT c.id FROM crawls c WHERE c.source = $1 AND c.status = 'running'
			AND (NULLIF(c.report, '') IS NULL OR c.report::jsonb -> 'superseded_by' IS NULL)
			AND EXISTS (SELECT 1 FROM frontier f WHERE f.crawl_id = c.id)
			ORDER BY c.id DESC LIMIT 1`, LinkRunSource).Scan(&id)
		if err == nil {
			joined = true
			return nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if !since.IsZero() {
			var recent bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM crawls WHERE source = $1 AND started_at >= $2)`,
				LinkRunSource, archive.FormatTime(since)).Scan(&recent); err != nil {
				return err
			}
			if recent {
				return ErrLinkRunRecent
			}
		}
		if err := tx.QueryRow(ctx, `INSERT INTO crawls (source, base_url, started_at, status) VALUES ($1, '', $2, 'running') RETURNING id`,
			LinkRunSource, archive.FormatTime(at)).Scan(&id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE crawls SET status = CASE status WHEN 'running' THEN 'interrupted' ELSE status END,
			finished_at = COALESCE(finished_at, $1),
			report = (COALESCE(NULLIF(report, ''), '{}')::jsonb || jsonb_build_object('superseded_by', $2::bigint))::text
			WHERE source = $3 AND id < $2 AND status IN ('running', 'interrupted', 'failed')`, archive.FormatTime(at), id, LinkRunSource); err != nil {
			return err
		}
		return s.queueLinks(ctx, tx, id, delay, maxInFlight)
	})
	if errors.Is(err, ErrLinkRunRecent) {
		return 0, false, err
	}
	if err != nil {
		return 0, false, fmt.Errorf("join link check: %w", err)
	}
	return id, joined, nil
}

// queueLinks queues every active link in run id's frontier.
func (s *Store) queueLinks(ctx context.Context, tx pgx.Tx, id int64, delay time.Duration, maxInFlight int) error {
	rows, err := tx.Query(ctx, `SELECT url FROM links WHERE active ORDER BY url`)
	if err != nil {
		return err
	}
	urls, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	if len(urls) == 0 {
		return nil
	}
	n := len(urls)
	ks, sts, rs, hs := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	hosts := map[string]bool{}
	for i, u := range urls {
		h, err := s.politenessKey(ctx, u)
		if err != nil {
			h = noHost
		}
		ks[i], sts[i], hs[i] = LinkKeyPrefix+u, archive.FrontierQueued, h
		hosts[h] = true
	}
	keys := make([]string, 0, len(hosts))
	for h := range hosts {
		keys = append(keys, h)
	}
	sort.Strings(keys) // rows locked in one order by every node
	if _, err := tx.Exec(ctx, `INSERT INTO hosts (key, delay_ms, max_in_flight)
		SELECT k, $2, $3 FROM unnest($1::text[]) AS k ON CONFLICT (key) DO NOTHING`,
		keys, delay.Milliseconds(), maxInFlight); err != nil {
		return fmt.Errorf("add hosts: %w", err)
	}
	_, err = tx.Exec(ctx, `INSERT INTO frontier (crawl_id, key, url, state, reason, host)
		SELECT $1, k, u, st, r, h FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS e(k, u, st, r, h, n)
		ORDER BY n`, id, ks, urls, sts, rs, hs)
	return err
}

// CheckSettled is how CompleteCheck settled a link.
type CheckSettled struct {
	Transition archive.Transition
	State      archive.LinkState
	// AlertID is the alert the transition raised, stored in the same
	// transaction (0 without a transition); LastGoodCapture is the
	// link's, as the alert names it.
	AlertID         int64
	LastGoodCapture int64
}

// CompleteCheck settles a leased link of a run of link checks with its
// check, in one transaction and only if the lease is still this node's:
// the frontier entry is done, the check is in the link's history (named
// by its run), its state moved, and the alert of a transition stored,
// at at, in the delivery state alertDelivery (archive.DeliveryPending
// when sinks will deliver it: then claimed by this process, see
// ClaimPendingAlerts). A node that lost its lease records none of it: the check's
// capture is kept but marked as a duplicate, and the error is
// ErrLeaseLost. The host's next allowed time moves to at least its delay
// from now.
func (s *Store) CompleteCheck(ctx context.Context, l Lease, c archive.Check, works bool, t archive.Thresholds, at time.Time, alertDelivery string) (CheckSettled, error) {
	var out CheckSettled
	lost := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		out, lost = CheckSettled{}, false
		if err := lockKeys(ctx, tx, l.CrawlID, []string{l.Key}); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE frontier SET state = 'done', reason = '', lease_owner = NULL, lease_id = NULL, lease_expires = NULL
			WHERE crawl_id = $1 AND key = $2 AND state = 'queued' AND lease_id = $3 AND lease_owner = $4`,
			l.CrawlID, l.Key, l.ID, s.opts.Node)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			lost = true
			return ErrLeaseLost
		}
		if out.Transition, out.State, err = recordCheck(ctx, tx, c, works, t, l.CrawlID); err != nil {
			return err
		}
		if _, err = tx.Exec(ctx, `UPDATE hosts SET next_allowed = GREATEST(next_allowed, clock_timestamp() + delay_ms * interval '1 millisecond')
			WHERE key = $1`, l.Host); err != nil {
			return err
		}
		if out.Transition == "" {
			return nil
		}
		var good *int64
		if err := tx.QueryRow(ctx, `SELECT last_good_capture FROM links WHERE url = $1`, c.URL).Scan(&good); err != nil {
			return err
		}
		if good != nil {
			out.LastGoodCapture = *good
		}
		return tx.QueryRow(ctx, insertAlert, string(out.Transition), c.URL, c.Verdict, archive.FormatTime(out.State.Since),
			archive.FormatTime(at), good, "", "", archive.AlertDelivery(alertDelivery), s.claimer, s.opts.AlertClaimTTL.Milliseconds()).Scan(&out.AlertID)
	})
	if lost {
		if c.CaptureID != 0 {
			if _, err := s.pool.Exec(ctx, `UPDATE captures SET duplicate = TRUE WHERE id = $1`, c.CaptureID); err != nil {
				return CheckSettled{}, fmt.Errorf("complete check of %s: %w; marking its capture as a duplicate: %v", c.URL, ErrLeaseLost, err)
			}
		}
		return CheckSettled{}, fmt.Errorf("complete check of %s (lease %d): %w", c.URL, l.ID, ErrLeaseLost)
	}
	if err != nil {
		return CheckSettled{}, fmt.Errorf("complete check of %s in run %d: %w", c.URL, l.CrawlID, err)
	}
	return out, nil
}

// LinkRunTally is a run of link checks as the catalog has it, over all
// nodes.
type LinkRunTally struct {
	Links     int            // queued when the run began
	Checked   int            // settled with a check
	Failed    map[string]int // settled without one, by reason
	Unsettled int            // still queued
	// Verdicts counts the run's checks by verdict.
	Verdicts map[string]int
	// Incomplete lists what the run lacks to be whole: a link settled
	// done without exactly one check of the run, or failed without a
	// reason; empty when every link was checked once or failed with a
	// reason.
	Incomplete []string
}

// LinkRun tallies run id of link checks: what is settled, how, and
// whether every link settled done holds exactly one check of the run.
func (s *Store) LinkRun(ctx context.Context, id int64) (*LinkRunTally, error) {
	t := &LinkRunTally{Failed: map[string]int{}, Verdicts: map[string]int{}}
	rows, err := s.pool.Query(ctx, `SELECT state, reason, COUNT(*) FROM frontier WHERE crawl_id = $1 GROUP BY state, reason`, id)
	if err != nil {
		return nil, fmt.Errorf("tally link check %d: %w", id, err)
	}
	var state, reason string
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&state, &reason, &n}, func() error {
		t.Links += n
		switch state {
		case archive.FrontierDone:
			t.Checked += n
		case archive.FrontierQueued:
			t.Unsettled += n
		default:
			t.Failed[reason] += n
			if reason == "" {
				t.Incomplete = append(t.Incomplete, fmt.Sprintf("%d links %s without a reason", n, state))
			}
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("tally link check %d: %w", id, err)
	}
	rows, err = s.pool.Query(ctx, `SELECT verdict, COUNT(*) FROM link_checks WHERE run_id = $1 GROUP BY verdict`, id)
	if err != nil {
		return nil, fmt.Errorf("tally link check %d: %w", id, err)
	}
	if _, err := pgx.ForEachRow(rows, []any{&reason, &n}, func() error {
		t.Verdicts[reason] = n
		return nil
	}); err != nil {
		return nil, fmt.Errorf("tally link check %d: %w", id, err)
	}
	rows, err = s.pool.Query(ctx, `SELECT f.url, (SELECT COUNT(*) FROM link_checks c WHERE c.run_id = $1 AND c.url = f.url) AS n
		FROM frontier f WHERE f.crawl_id = $1 AND f.state = 'done'
		AND (SELECT COUNT(*) FROM link_checks c WHERE c.run_id = $1 AND c.url = f.url) <> 1 ORDER BY f.url LIMIT 20`, id)
	if err != nil {
		return nil, fmt.Errorf("tally link check %d: %w", id, err)
	}
	var u string
	if _, err := pgx.ForEachRow(rows, []any{&u, &n}, func() error {
		t.Incomplete = append(t.Incomplete, fmt.Sprintf("%s checked %d times", u, n))
		return nil
	}); err != nil {
		return nil, fmt.Errorf("tally link check %d: %w", id, err)
	}
	return t, nil
}
