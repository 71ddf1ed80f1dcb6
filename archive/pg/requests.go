package pg

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// pollBusy is how long PaceRequest says to wait when a host has as many
// requests in flight as its pace allows: one of them ends soon.
const pollBusy = 20 * time.Millisecond

// PaceRequest asks leave to send one request of a shared run of link
// checks to rawURL's host now, by the database's clock: the host's next
// allowed time has come, it is not blocked (a Retry-After), and fewer
// than its maximum of requests are in flight (this node's and the other
// nodes', and the URLs of crawls leased on it). Granted, the request is
// counted in flight until ReleaseRequest (or until the store's lease TTL
// passes, for a node that died), and the host's next allowed time moves
// to its delay from now; slot is then not 0. Refused, wait says when to
// ask again. A host not paced yet is paced at delay and maxInFlight.
func (s *Store) PaceRequest(ctx context.Context, rawURL string, delay time.Duration, maxInFlight int) (slot int64, wait time.Duration, err error) {
	if maxInFlight < 1 || delay < 0 {
		return 0, 0, fmt.Errorf("pace request to %s: delay %s, in flight %d: want delay >= 0, in flight >= 1", rawURL, delay, maxInFlight)
	}
	key, kerr := s.politenessKey(ctx, rawURL)
	if kerr != nil {
		key = noHost
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		slot, wait = 0, 0
		if _, err := tx.Exec(ctx, `INSERT INTO hosts (key, delay_ms, max_in_flight) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`,
			key, delay.Milliseconds(), maxInFlight); err != nil {
			return err
		}
		var ms float64
		var limit int
		if err := tx.QueryRow(ctx, `SELECT max_in_flight, GREATEST(0, EXTRACT(EPOCH FROM GREATEST(next_allowed, COALESCE(blocked_until, now())) - now()) * 1000)
			FROM hosts WHERE key = $1 FOR UPDATE`, key).Scan(&limit, &ms); err != nil {
			return err
		}
		if ms > 0 {
			wait = time.Duration(ms * float64(time.Millisecond))
			return nil
		}
		// Counted after the host's row is locked, as Claim counts: the
		// requests of link checks, and the URLs of crawls leased (a
		// crawl's lease is its one fetch; a link's lease is not a
		// request, its requests are counted here).
		var inFlight int
		if err := tx.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM host_requests WHERE host = $1 AND expires > now())
			+ (SELECT COUNT(*) FROM frontier WHERE host = $1 AND state = 'queued' AND lease_expires > now() AND key NOT LIKE $2)`,
			key, LinkKeyPrefix+"%").Scan(&inFlight); err != nil {
			return err
		}
		if inFlight >= limit {
			wait = pollBusy
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE hosts SET next_allowed = clock_timestamp() + delay_ms * interval '1 millisecond' WHERE key = $1`, key); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `INSERT INTO host_requests (host, owner, expires) VALUES ($1, $2, now() + $3 * interval '1 millisecond') RETURNING id`,
			key, s.opts.Node, s.opts.LeaseTTL.Milliseconds()).Scan(&slot)
	})
	if err != nil {
		return 0, 0, fmt.Errorf("pace request to %s: %w", rawURL, err)
	}
	return slot, wait, nil
}

// ReleaseRequest ends a request PaceRequest granted: it no longer counts
// in flight, and its host's next allowed time is at least its delay from
// now. The delay runs from the start of a request and again from its
// end: the next request reaches the host at least the delay after this
// one's answer, whatever time passed between a grant and its request
// leaving (a busy node, a slow connection), which counting from grants
// alone would take out of the gap. Requests whose time passed are
// cleared with it.
func (s *Store) ReleaseRequest(ctx context.Context, slot int64) error {
	if _, err := s.pool.Exec(ctx, `WITH gone AS (DELETE FROM host_requests WHERE id = $1 OR expires <= now() - interval '1 minute' RETURNING id, host)
		UPDATE hosts SET next_allowed = GREATEST(next_allowed, clock_timestamp() + delay_ms * interval '1 millisecond')
		FROM gone WHERE gone.id = $1 AND hosts.key = gone.host`, slot); err != nil {
		return fmt.Errorf("release request %d: %w", slot, err)
	}
	return nil
}
