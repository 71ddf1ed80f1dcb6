package pg

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/net/publicsuffix"
)

// politenessKey is what one politeness row stands for, for a URL: its
// host, its registrable domain, or the first address it resolves to, as
// the store's Options say. An address stays itself whatever the mode.
func (s *Store) politenessKey(ctx context.Context, raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("politeness key: %w", err)
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return "", fmt.Errorf("politeness key of %q: no host", raw)
	}
	if net.ParseIP(host) != nil {
		return host, nil
	}
	switch s.opts.Politeness {
	case PolitenessDomain:
		if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
			return d, nil
		}
		return host, nil
	case PolitenessIP:
		addrs, err := s.opts.Resolve(ctx, host)
		if err != nil || len(addrs) == 0 {
			// Unresolvable now: the fetch will say why; pace it as its host.
			return host, nil
		}
		sort.Strings(addrs)
		return addrs[0], nil
	}
	return host, nil
}

// ensureHosts makes the politeness rows of hosts not seen before, with
// the store's default pace.
func (s *Store) ensureHosts(ctx context.Context, tx pgx.Tx, hosts map[string]bool) error {
	if len(hosts) == 0 {
		return nil
	}
	keys := make([]string, 0, len(hosts))
	for h := range hosts {
		keys = append(keys, h)
	}
	sort.Strings(keys) // rows locked in one order by every node
	_, err := tx.Exec(ctx, `INSERT INTO hosts (key, delay_ms, max_in_flight)
		SELECT k, $2, $3 FROM unnest($1::text[]) AS k ON CONFLICT (key) DO NOTHING`,
		keys, s.opts.Delay.Milliseconds(), s.opts.MaxInFlight)
	if err != nil {
		return fmt.Errorf("add hosts: %w", err)
	}
	return nil
}

// HostState is one politeness row and what holds it now.
type HostState struct {
	Key          string
	NextAllowed  time.Time // no fetch starts before; zero when none was ever claimed
	BlockedUntil time.Time // zero, or a 429/503's Retry-After
	Delay        time.Duration
	MaxInFlight  int
	InFlight     int // live leases on its URLs
	Queued       int // URLs waiting
}

// SetHostPace sets a host's delay and fetches at once (a robots.txt
// Crawl-delay makes it one at a time at least that far apart).
func (s *Store) SetHostPace(ctx context.Context, key string, delay time.Duration, maxInFlight int) error {
	if maxInFlight < 1 || delay < 0 {
		return fmt.Errorf("set pace of %s: delay %s, in flight %d: want delay >= 0, in flight >= 1", key, delay, maxInFlight)
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO hosts (key, delay_ms, max_in_flight) VALUES ($1, $2, $3)
		ON CONFLICT (key) DO UPDATE SET delay_ms = excluded.delay_ms, max_in_flight = excluded.max_in_flight`,
		key, delay.Milliseconds(), maxInFlight)
	if err != nil {
		return fmt.Errorf("set pace of %s: %w", key, err)
	}
	return nil
}

// BlockHost keeps every node from fetching a host for d from now (the
// database's now): a 429 or 503 with Retry-After.
func (s *Store) BlockHost(ctx context.Context, key string, d time.Duration) error {
	_, err := s.pool.Exec(ctx, `UPDATE hosts SET blocked_until = GREATEST(COALESCE(blocked_until, now()), now() + $2 * interval '1 millisecond')
		WHERE key = $1`, key, d.Milliseconds())
	if err != nil {
		return fmt.Errorf("block %s: %w", key, err)
	}
	return nil
}

// Hosts returns the politeness rows, those with queued or leased URLs
// first, by key.
func (s *Store) Hosts(ctx context.Context) ([]HostState, error) {
	rows, err := s.pool.Query(ctx, `SELECT h.key, NULLIF(h.next_allowed, '-infinity'), h.blocked_until, h.delay_ms, h.max_in_flight,
		(SELECT COUNT(*) FROM frontier f WHERE f.host = h.key AND f.state = 'queued' AND f.lease_expires > now()),
		(SELECT COUNT(*) FROM frontier f WHERE f.host = h.key AND f.state = 'queued')
		FROM hosts h ORDER BY h.key`)
	if err != nil {
		return nil, fmt.Errorf("read hosts: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (HostState, error) {
		var h HostState
		var next, blocked *time.Time
		var delay int64
		err := r.Scan(&h.Key, &next, &blocked, &delay, &h.MaxInFlight, &h.InFlight, &h.Queued)
		h.NextAllowed, h.BlockedUntil, h.Delay = utc(next), utc(blocked), time.Duration(delay)*time.Millisecond
		return h, err
	})
	if err != nil {
		return nil, fmt.Errorf("read hosts: %w", err)
	}
	return out, nil
}
