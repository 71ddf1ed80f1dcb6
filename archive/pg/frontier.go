package pg

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
	"archivio/source/osservatorio"
)

// addFrontier inserts a batch of entries (crawl, then arrays of key, URL,
// state, reason, politeness key, depth, via) unless their keys are there; an excluded
// entry gives way to the same key queued, nothing else is overwritten. It
// returns the keys it queued.
const addFrontier = `INSERT INTO frontier (crawl_id, key, url, state, reason, host, depth, via)
	SELECT $1, k, u, st, r, h, d, v FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[]) WITH ORDINALITY AS e(k, u, st, r, h, d, v, n)
	ORDER BY n
	ON CONFLICT (crawl_id, key) DO UPDATE SET url = excluded.url, state = excluded.state, reason = excluded.reason, host = excluded.host,
		depth = excluded.depth, via = excluded.via
	WHERE frontier.state = 'excluded' AND excluded.state = 'queued'
	RETURNING key, state`

// AddToFrontier records entries in a crawl's frontier, queued or excluded
// as their State says (empty means queued), in one statement. added[i]
// reports whether entries[i] was newly queued.
func (s *Store) AddToFrontier(ctx context.Context, crawlID int64, entries []archive.FrontierEntry) ([]bool, error) {
	var added []bool
	err := s.inTx(ctx, func(tx pgx.Tx) (err error) {
		added, err = s.addEntries(ctx, tx, crawlID, entries)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("add to the frontier of crawl %d: %w", crawlID, err)
	}
	return added, nil
}

// SettleFrontier records how a crawl's entry key ended and adds the
// entries its page yielded, in one transaction.
func (s *Store) SettleFrontier(ctx context.Context, crawlID int64, key, state, reason string, entries []archive.FrontierEntry) ([]bool, error) {
	if err := settleState(key, state); err != nil {
		return nil, err
	}
	keys := []string{key}
	for _, e := range entries {
		keys = append(keys, e.Key)
	}
	var added []bool
	err := s.inTx(ctx, func(tx pgx.Tx) (err error) {
		if err := lockBudget(ctx, tx, crawlID); err != nil {
			return err
		}
		if err := lockKeys(ctx, tx, crawlID, keys); err != nil {
			return err
		}
		if added, err = s.addEntries(ctx, tx, crawlID, entries); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE frontier SET state = $1, reason = $2, lease_owner = NULL, lease_id = NULL, lease_expires = NULL
			WHERE crawl_id = $3 AND key = $4`, state, reason, crawlID, key)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return fmt.Errorf("%s is not in the frontier", key)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("settle %s in crawl %d: %w", key, crawlID, err)
	}
	return added, nil
}

func settleState(key, state string) error {
	switch state {
	case archive.FrontierDone, archive.FrontierFailed, archive.FrontierExcluded:
		return nil
	}
	return fmt.Errorf("settle %s: bad state %q", key, state)
}

// addEntries inserts entries in one batch. Within the batch, a key's
// first entry stands unless a later one queues what it excluded, as if
// they were added one by one.
func (s *Store) addEntries(ctx context.Context, tx pgx.Tx, crawlID int64, entries []archive.FrontierEntry) ([]bool, error) {
	added := make([]bool, len(entries))
	if len(entries) == 0 {
		return added, nil
	}
	pick := map[string]int{} // key -> the index of the entry proposed for it
	var order []string
	for i, e := range entries {
		switch e.State {
		case "", archive.FrontierQueued, archive.FrontierExcluded:
		default:
			return nil, fmt.Errorf("add %s: bad state %q", e.Key, e.State)
		}
		j, seen := pick[e.Key]
		switch {
		case !seen:
			pick[e.Key] = i
			order = append(order, e.Key)
		case state(entries[j]) == archive.FrontierExcluded && state(e) == archive.FrontierQueued:
			pick[e.Key] = i
		}
	}
	n := len(order)
	ks, us, sts, rs, hs := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	ds, vs := make([]int32, n), make([]string, n)
	hosts := map[string]bool{}
	for i, k := range order {
		e := entries[pick[k]]
		h, err := s.politenessKey(ctx, e.URL)
		if err != nil {
			return nil, fmt.Errorf("add %s: %w", e.URL, err)
		}
		if e.Depth < 0 {
			return nil, fmt.Errorf("add %s: negative depth %d", e.URL, e.Depth)
		}
		ks[i], us[i], sts[i], rs[i], hs[i], ds[i], vs[i] = k, e.URL, state(e), e.Reason, h, int32(e.Depth), e.Via
		if sts[i] == archive.FrontierQueued {
			hosts[h] = true
		}
	}
	if err := budget(ctx, tx, crawlID, ks, sts, rs); err != nil {
		return nil, err
	}
	if err := s.ensureHosts(ctx, tx, hosts); err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, addFrontier, crawlID, ks, us, sts, rs, hs, ds, vs)
	if err != nil {
		return nil, err
	}
	var key, st string
	_, err = pgx.ForEachRow(rows, []any{&key, &st}, func() error {
		if st == archive.FrontierQueued {
			added[pick[key]] = true
		}
		return nil
	})
	return added, err
}

// budget keeps a crawl with a page budget (crawls.max_pages) within it:
// the entries of the batch that would be newly queued past it are
// recorded excluded (max_pages) instead, in the batch's order. The
// crawl's row is locked while its queued URLs are counted, so that the
// completions of all nodes count one after the other.
func budget(ctx context.Context, tx pgx.Tx, crawlID int64, ks, sts, rs []string) error {
	if !slices.Contains(sts, archive.FrontierQueued) {
		return nil
	}
	var limit int
	if err := tx.QueryRow(ctx, `SELECT max_pages FROM crawls WHERE id = $1`, crawlID).Scan(&limit); err != nil || limit == 0 {
		return err
	}
	if err := lockBudget(ctx, tx, crawlID); err != nil {
		return err
	}
	var queued int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM frontier WHERE crawl_id = $1 AND state <> 'excluded'`, crawlID).Scan(&queued); err != nil {
		return err
	}
	rows, err := tx.Query(ctx, `SELECT key, state FROM frontier WHERE crawl_id = $1 AND key = ANY($2::text[])`, crawlID, ks)
	if err != nil {
		return err
	}
	have := map[string]string{}
	var k, st string
	if _, err := pgx.ForEachRow(rows, []any{&k, &st}, func() error {
		have[k] = st
		return nil
	}); err != nil {
		return err
	}
	room := max(limit-queued, 0)
	for i := range ks {
		if sts[i] != archive.FrontierQueued {
			continue
		}
		if st, ok := have[ks[i]]; ok && st != archive.FrontierExcluded {
			continue // there already: nothing is added
		}
		if room == 0 {
			sts[i], rs[i] = archive.FrontierExcluded, "max_pages"
			continue
		}
		room--
	}
	return nil
}

// lockBudget locks the row of a crawl with a page budget, before any of
// its frontier rows: every transaction that may queue URLs of it takes
// its locks in that order.
func lockBudget(ctx context.Context, tx pgx.Tx, crawlID int64) error {
	_, err := tx.Exec(ctx, `SELECT 1 FROM crawls WHERE id = $1 AND max_pages > 0 FOR UPDATE`, crawlID)
	return err
}

func state(e archive.FrontierEntry) string {
	if e.State == "" {
		return archive.FrontierQueued
	}
	return e.State
}

// Frontier returns a crawl's entries in one state, in the order they were
// first added.
func (s *Store) Frontier(ctx context.Context, crawlID int64, state string) ([]archive.FrontierEntry, error) {
	return s.frontierRows(ctx, `SELECT key, url, state, reason, depth, via FROM frontier WHERE crawl_id = $1 AND state = $2 ORDER BY seq`, crawlID, state)
}

// MissingRecords returns the failed entries of a crawl for records the
// catalog knows.
func (s *Store) MissingRecords(ctx context.Context, crawlID int64) ([]archive.FrontierEntry, error) {
	return s.frontierRows(ctx, `SELECT f.key, f.url, f.state, f.reason, f.depth, f.via FROM frontier f
		JOIN records r ON f.key = '`+osservatorio.RecordKeyPrefix+`' || r.id
		WHERE f.crawl_id = $1 AND f.state = 'failed' ORDER BY r.id`, crawlID)
}

func (s *Store) frontierRows(ctx context.Context, q string, args ...any) ([]archive.FrontierEntry, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read frontier: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (archive.FrontierEntry, error) {
		var e archive.FrontierEntry
		err := r.Scan(&e.Key, &e.URL, &e.State, &e.Reason, &e.Depth, &e.Via)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("read frontier: %w", err)
	}
	return out, nil
}

// FrontierCounts counts a crawl's entries by state and reason.
func (s *Store) FrontierCounts(ctx context.Context, crawlID int64) ([]archive.FrontierCount, error) {
	rows, err := s.pool.Query(ctx, `SELECT state, reason, COUNT(*) FROM frontier WHERE crawl_id = $1
		GROUP BY state, reason ORDER BY state COLLATE "C", reason COLLATE "C"`, crawlID)
	if err != nil {
		return nil, fmt.Errorf("count frontier of crawl %d: %w", crawlID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (archive.FrontierCount, error) {
		var c archive.FrontierCount
		err := r.Scan(&c.State, &c.Reason, &c.N)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("count frontier of crawl %d: %w", crawlID, err)
	}
	return out, nil
}
