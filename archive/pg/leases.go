package pg

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

// ErrLeaseLost is returned by Complete when the lease is no longer this
// node's: it expired and another node took the URL over (or this node
// restarted). The work done under it must not be recorded as the URL's.
var ErrLeaseLost = errors.New("lease lost")

// Lease is a URL of a crawl's frontier that a node may fetch until
// Expires, unless it extends the lease by a heartbeat. ID is the fencing
// token: every claim of a URL gets a new one.
type Lease struct {
	CrawlID int64
	Key     string
	URL     string
	Host    string // the politeness key
	ID      int64
	Expires time.Time
	Depth   int    // links followed from a seed
	Via     string // the key of the page that led to it, "" for a seed
}

// shallowest is the least depth of a crawl's queued URLs.
const shallowest = `SELECT depth FROM frontier WHERE crawl_id = $1 AND state = 'queued' ORDER BY depth LIMIT 1`

// readyHosts are the politeness rows that may be fetched now (by the
// database's clock), with a URL of the crawl waiting at depth $3, locked for this
// transaction; rows another node is claiming from are skipped.
const readyHosts = `SELECT h.key, h.delay_ms, h.max_in_flight FROM hosts h
	WHERE h.next_allowed <= now() AND (h.blocked_until IS NULL OR h.blocked_until <= now())
	AND EXISTS (SELECT 1 FROM frontier f WHERE f.crawl_id = $1 AND f.host = h.key AND f.state = 'queued' AND f.depth = $3
		AND (f.lease_expires IS NULL OR f.lease_expires <= now()))
	ORDER BY h.next_allowed, h.key LIMIT $2
	FOR UPDATE OF h SKIP LOCKED`

// Claim leases up to n URLs of a crawl's frontier to this node, in one
// short transaction committed before any of them is fetched. A host is
// claimed from only when its next allowed time has come, it is not
// blocked, and fewer than its maximum of URLs are leased; a host with a
// delay gives one URL per claim, and its next allowed time moves to the
// delay from now. URLs whose lease expired are claimable again. Only the
// shallowest queued URLs are claimed: a URL at depth d+1 waits until
// every URL at depth d is settled, so that each URL enters the frontier
// at the depth of its shortest path from a seed whatever the order nodes
// finish pages in (all URLs of the observatory's crawl are at depth 0).
func (s *Store) Claim(ctx context.Context, crawlID int64, n int) ([]Lease, error) {
	var out []Lease
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		out = out[:0]
		var depth int
		err := tx.QueryRow(ctx, shallowest, crawlID).Scan(&depth)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, readyHosts, crawlID, n, depth)
		if err != nil {
			return err
		}
		type host struct {
			key         string
			delayMS     int64
			maxInFlight int
		}
		var hosts []host
		var h host
		if _, err := pgx.ForEachRow(rows, []any{&h.key, &h.delayMS, &h.maxInFlight}, func() error {
			hosts = append(hosts, h)
			return nil
		}); err != nil {
			return err
		}
		for _, h := range hosts {
			if len(out) >= n {
				break
			}
			// Counted after the host's row is locked: a statement of its
			// own sees every claim committed before the lock was taken.
			var inFlight int
			// The requests of link checks in flight on the host count too.
			if err := tx.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM frontier WHERE host = $1 AND state = 'queued' AND lease_expires > now())
				+ (SELECT COUNT(*) FROM host_requests WHERE host = $1 AND expires > now())`,
				h.key).Scan(&inFlight); err != nil {
				return err
			}
			room := min(h.maxInFlight-inFlight, n-len(out))
			if h.delayMS > 0 {
				room = min(room, 1)
			}
			if room <= 0 {
				continue
			}
			rows, err := tx.Query(ctx, `UPDATE frontier f SET lease_owner = $3, lease_id = nextval('lease_ids'),
				lease_expires = now() + $4 * interval '1 millisecond', attempts = attempts + 1
				FROM (SELECT crawl_id, key FROM frontier WHERE crawl_id = $1 AND host = $2 AND state = 'queued' AND depth = $6
					AND (lease_expires IS NULL OR lease_expires <= now()) ORDER BY seq LIMIT $5 FOR UPDATE SKIP LOCKED) pick
				WHERE f.crawl_id = pick.crawl_id AND f.key = pick.key
				RETURNING f.key, f.url, f.lease_id, f.lease_expires, f.depth, f.via`, crawlID, h.key, s.opts.Node, s.opts.LeaseTTL.Milliseconds(), room, depth)
			if err != nil {
				return err
			}
			var l Lease
			fetches := 0
			if _, err := pgx.ForEachRow(rows, []any{&l.Key, &l.URL, &l.ID, &l.Expires, &l.Depth, &l.Via}, func() error {
				l.CrawlID, l.Host, l.Expires = crawlID, h.key, l.Expires.UTC()
				out = append(out, l)
				// A link's lease is not a request: each request of its
				// check is paced by PaceRequest.
				if !strings.HasPrefix(l.Key, LinkKeyPrefix) {
					fetches++
				}
				return nil
			}); err != nil {
				return err
			}
			if fetches > 0 {
				if _, err := tx.Exec(ctx, `UPDATE hosts SET next_allowed = clock_timestamp() + delay_ms * interval '1 millisecond' WHERE key = $1`,
					h.key); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim from crawl %d: %w", crawlID, err)
	}
	return out, nil
}

// Complete settles a leased URL (done, failed or excluded, with its
// reason) and queues the entries its page yielded, in one transaction,
// only if the lease is still this node's: otherwise nothing of it is
// recorded, the captures made under it (captureIDs) are kept but marked
// as duplicates, and the error is ErrLeaseLost. The host's next allowed
// time moves to at least its delay from now: the pause after a fetch.
func (s *Store) Complete(ctx context.Context, l Lease, state, reason string, entries []archive.FrontierEntry, captureIDs []int64) ([]bool, error) {
	added, _, err := s.CompleteWith(ctx, l, state, reason, entries, captureIDs, Writes{})
	return added, err
}

// Writes are what a completion records with the URL's outcome, in its
// transaction and under its fence: what the page held.
type Writes struct {
	// Record, read from capture RecordCapture, is applied as ApplyRecord
	// applies it, at SeenAt.
	Record        *archive.ParsedRecord
	RecordCapture int64
	SeenAt        time.Time
	Seen          int                   // a record confirmed unchanged at SeenAt (its page answered 304)
	Failure       *archive.ParseFailure // the page kept as a parse failure
	Result        *archive.ParseResult  // how the record page came out in the crawl
	// SiteLinks are the links a site source's page (SitePage) holds to
	// other sites, added to the link inventory at SeenAt as one
	// machine's crawl adds them (links already known stay, active again).
	SiteSource string
	SitePage   string
	SiteLinks  []string
}

// CompleteWith is Complete that also records w in the same transaction:
// a node that lost its lease records none of it. It returns how the
// record was applied, when w has one.
func (s *Store) CompleteWith(ctx context.Context, l Lease, state, reason string, entries []archive.FrontierEntry, captureIDs []int64, w Writes) ([]bool, archive.Applied, error) {
	if err := settleState(l.Key, state); err != nil {
		return nil, archive.Applied{}, err
	}
	var applied archive.Applied
	keys := []string{l.Key}
	for _, e := range entries {
		keys = append(keys, e.Key)
	}
	var added []bool
	lost := false
	err := s.inTx(ctx, func(tx pgx.Tx) (err error) {
		lost = false
		if len(entries) > 0 {
			if err := lockBudget(ctx, tx, l.CrawlID); err != nil {
				return err
			}
		}
		if err := lockKeys(ctx, tx, l.CrawlID, keys); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE frontier SET state = $1, reason = $2, lease_owner = NULL, lease_id = NULL, lease_expires = NULL
			WHERE crawl_id = $3 AND key = $4 AND state = 'queued' AND lease_id = $5 AND lease_owner = $6`,
			state, reason, l.CrawlID, l.Key, l.ID, s.opts.Node)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			lost = true
			return ErrLeaseLost
		}
		if added, err = s.addEntries(ctx, tx, l.CrawlID, entries); err != nil {
			return err
		}
		if _, err = tx.Exec(ctx, `UPDATE hosts SET next_allowed = GREATEST(next_allowed, clock_timestamp() + delay_ms * interval '1 millisecond')
			WHERE key = $1`, l.Host); err != nil {
			return err
		}
		return s.writeAlso(ctx, tx, w, &applied)
	})
	if lost {
		if len(captureIDs) > 0 {
			if _, err := s.pool.Exec(ctx, `UPDATE captures SET duplicate = TRUE WHERE id = ANY($1)`, captureIDs); err != nil {
				return nil, archive.Applied{}, fmt.Errorf("complete %s: %w; marking its captures as duplicates: %v", l.Key, ErrLeaseLost, err)
			}
		}
		return nil, archive.Applied{}, fmt.Errorf("complete %s (lease %d): %w", l.Key, l.ID, ErrLeaseLost)
	}
	if err != nil {
		return nil, archive.Applied{}, fmt.Errorf("complete %s in crawl %d: %w", l.Key, l.CrawlID, err)
	}
	return added, applied, nil
}

// writeAlso records a completion's Writes in its transaction.
func (s *Store) writeAlso(ctx context.Context, tx pgx.Tx, w Writes, applied *archive.Applied) error {
	if w.Record != nil {
		a, err := applyRecord(ctx, tx, *w.Record, w.RecordCapture, w.SeenAt)
		if err != nil {
			return fmt.Errorf("apply record %d: %w", w.Record.ID, err)
		}
		*applied = a
	}
	if w.Seen != 0 {
		if _, err := tx.Exec(ctx, `UPDATE records SET last_seen = GREATEST(last_seen, $1) WHERE id = $2`, archive.FormatTime(w.SeenAt), w.Seen); err != nil {
			return fmt.Errorf("record %d seen: %w", w.Seen, err)
		}
	}
	if w.Failure != nil {
		if err := addParseFailure(ctx, tx, *w.Failure); err != nil {
			return err
		}
	}
	if len(w.SiteLinks) > 0 {
		if err := addSiteLinks(ctx, tx, w.SiteSource, w.SitePage, w.SiteLinks, w.SeenAt); err != nil {
			return err
		}
	}
	if w.Result != nil {
		return addParseResult(ctx, tx, *w.Result)
	}
	return nil
}

// addSiteLinks adds the links of a site source's page to the link
// inventory, in one statement each for links and site_links.
func addSiteLinks(ctx context.Context, tx pgx.Tx, source, page string, urls []string, at time.Time) error {
	if _, err := tx.Exec(ctx, `INSERT INTO links (url, first_seen) SELECT u, $2 FROM unnest($1::text[]) AS u ORDER BY u
		ON CONFLICT (url) DO UPDATE SET active = TRUE`, urls, at); err != nil {
		return fmt.Errorf("add links of %s: %w", page, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO site_links (url, source, page_url, first_seen) SELECT u, $2, $3, $4 FROM unnest($1::text[]) AS u
		ON CONFLICT DO NOTHING`, urls, source, page, archive.FormatTime(at)); err != nil {
		return fmt.Errorf("add links of %s: %w", page, err)
	}
	return nil
}

// Release gives a lease back unsettled (a node stopping before it
// fetched the URL): the URL is claimable at once.
func (s *Store) Release(ctx context.Context, l Lease) error {
	_, err := s.pool.Exec(ctx, `UPDATE frontier SET lease_owner = NULL, lease_id = NULL, lease_expires = NULL
		WHERE crawl_id = $1 AND key = $2 AND lease_id = $3`, l.CrawlID, l.Key, l.ID)
	if err != nil {
		return fmt.Errorf("release %s: %w", l.Key, err)
	}
	return nil
}

// NextClaim says when a claim from the crawl may next find something, by
// the database's clock, as a wait from now (for the shallowest queued
// URLs, the only ones Claim gives): 0 when a URL is ready, and
// ok false when nothing of the crawl is queued any more.
func (s *Store) NextClaim(ctx context.Context, crawlID int64) (wait time.Duration, ok bool, err error) {
	var ms *float64
	err = s.pool.QueryRow(ctx, `SELECT EXTRACT(EPOCH FROM MIN(GREATEST(now(), h.next_allowed, COALESCE(h.blocked_until, now()),
			COALESCE(f.lease_expires, now()))) - now()) * 1000
		FROM frontier f JOIN hosts h ON h.key = f.host WHERE f.crawl_id = $1 AND f.state = 'queued'
		AND f.depth = (`+shallowest+`)`, crawlID).Scan(&ms)
	if err != nil {
		return 0, false, fmt.Errorf("next claim of crawl %d: %w", crawlID, err)
	}
	if ms == nil {
		return 0, false, nil
	}
	return max(0, time.Duration(*ms*float64(time.Millisecond))), true, nil
}

// LeaseState is a leased URL, for the status.
type LeaseState struct {
	CrawlID int64
	Key     string
	Owner   string
	ID      int64
	Expires time.Time
	Expired bool
}

// Leases returns the leases of unsettled URLs, live and expired, by
// owner and key.
func (s *Store) Leases(ctx context.Context) ([]LeaseState, error) {
	rows, err := s.pool.Query(ctx, `SELECT crawl_id, key, lease_owner, lease_id, lease_expires, lease_expires <= now()
		FROM frontier WHERE lease_owner IS NOT NULL AND state = 'queued' ORDER BY lease_owner, key`)
	if err != nil {
		return nil, fmt.Errorf("read leases: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (LeaseState, error) {
		var l LeaseState
		err := r.Scan(&l.CrawlID, &l.Key, &l.Owner, &l.ID, &l.Expires, &l.Expired)
		l.Expires = l.Expires.UTC()
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("read leases: %w", err)
	}
	return out, nil
}

// Duplicates returns the ids of the captures made under a lease that was
// lost: kept in the archive, but not the URL's outcome.
func (s *Store) Duplicates(ctx context.Context) ([]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT id FROM captures WHERE duplicate ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read duplicate captures: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("read duplicate captures: %w", err)
	}
	return ids, nil
}
