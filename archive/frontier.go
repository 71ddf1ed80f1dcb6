package archive

import (
	"context"
	"database/sql"
	"fmt"

	"archivio/source/osservatorio"
)

// The states of a frontier entry. A crawl queues URLs and settles each
// one: done (an answer that was handled), failed (an error answer or no
// answer; the reason says which) or excluded (not fetched, by a rule the
// reason names: robots, max_pages, max_depth, off_site).
const (
	FrontierQueued   = "queued"
	FrontierDone     = "done"
	FrontierFailed   = "failed"
	FrontierExcluded = "excluded"
)

// FrontierEntry is a URL in a crawl's frontier, under its de-duplication
// key.
type FrontierEntry struct {
	Key    string
	URL    string
	State  string // queued or excluded when added; any state when read
	Reason string // why it failed or was excluded
}

// addFrontier inserts an entry unless its key is there: this is how a
// record linked in several URL shapes is fetched once. An excluded entry
// gives way to the same key queued (a page beyond a site source's depth on
// one path may be within it on another); nothing else is overwritten.
// ("excluded." names the row proposed for insertion, SQLite's upsert
// syntax, not the state.)
const addFrontier = `INSERT INTO frontier (crawl_id, key, url, state, reason) VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (crawl_id, key) DO UPDATE SET url = excluded.url, state = excluded.state, reason = excluded.reason
	WHERE frontier.state = 'excluded' AND excluded.state = 'queued'`

// AddToFrontier records entries in a crawl's frontier, queued or excluded
// as their State says (empty means queued), in one transaction. added[i]
// reports whether entries[i] was newly queued.
func (s *Store) AddToFrontier(ctx context.Context, crawlID int64, entries []FrontierEntry) (added []bool, err error) {
	err = s.frontierTx(ctx, func(tx *sql.Tx, add *sql.Stmt) error {
		added, err = addEntries(ctx, add, crawlID, entries)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("add to the frontier of crawl %d: %w", crawlID, err)
	}
	return added, nil
}

// SettleFrontier records how a crawl's entry key ended (state done, failed
// or excluded, with its reason) and adds the entries its page yielded, in
// one transaction: a page is never settled without the links it led to,
// whenever the process dies. added is as for AddToFrontier.
func (s *Store) SettleFrontier(ctx context.Context, crawlID int64, key, state, reason string, entries []FrontierEntry) (added []bool, err error) {
	switch state {
	case FrontierDone, FrontierFailed, FrontierExcluded:
	default:
		return nil, fmt.Errorf("settle %s: bad state %q", key, state)
	}
	// Prepared before the transaction: the store has one connection,
	// which the transaction holds.
	settle, err := s.prepared(ctx, `UPDATE frontier SET state = ?, reason = ? WHERE crawl_id = ? AND key = ?`)
	if err != nil {
		return nil, fmt.Errorf("settle %s in crawl %d: %w", key, crawlID, err)
	}
	err = s.frontierTx(ctx, func(tx *sql.Tx, add *sql.Stmt) error {
		if added, err = addEntries(ctx, add, crawlID, entries); err != nil {
			return err
		}
		res, err := tx.StmtContext(ctx, settle).ExecContext(ctx, state, reason, crawlID, key)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("%s is not in the frontier (%v)", key, err)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("settle %s in crawl %d: %w", key, crawlID, err)
	}
	return added, nil
}

func (s *Store) frontierTx(ctx context.Context, fn func(tx *sql.Tx, add *sql.Stmt) error) error {
	add, err := s.prepared(ctx, addFrontier)
	if err != nil {
		return err
	}
	return WithTx(ctx, s.db, func(tx *sql.Tx) error {
		return fn(tx, tx.StmtContext(ctx, add))
	})
}

func addEntries(ctx context.Context, add *sql.Stmt, crawlID int64, entries []FrontierEntry) ([]bool, error) {
	added := make([]bool, len(entries))
	for i, e := range entries {
		state := e.State
		switch state {
		case "":
			state = FrontierQueued
		case FrontierQueued, FrontierExcluded:
		default:
			return nil, fmt.Errorf("add %s: bad state %q", e.Key, e.State)
		}
		res, err := add.ExecContext(ctx, crawlID, e.Key, e.URL, state, e.Reason)
		if err != nil {
			return nil, fmt.Errorf("add %s: %w", e.URL, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, err
		}
		added[i] = n == 1 && state == FrontierQueued
	}
	return added, nil
}

// Frontier returns a crawl's entries in one state, in the order they were
// first added.
func (s *Store) Frontier(ctx context.Context, crawlID int64, state string) ([]FrontierEntry, error) {
	return s.frontierRows(ctx, `SELECT key, url, state, reason FROM frontier WHERE crawl_id = ? AND state = ? ORDER BY rowid`, crawlID, state)
}

// MissingRecords returns the entries of a crawl for records the catalog
// knows (they have versions) whose pages failed: answered 404, 410 or
// another error, or got no answer. The reason says which.
func (s *Store) MissingRecords(ctx context.Context, crawlID int64) ([]FrontierEntry, error) {
	return s.frontierRows(ctx, `SELECT f.key, f.url, f.state, f.reason FROM frontier f
		JOIN records r ON f.key = '`+osservatorio.RecordKeyPrefix+`' || r.id
		WHERE f.crawl_id = ? AND f.state = 'failed' ORDER BY r.id`, crawlID)
}

func (s *Store) frontierRows(ctx context.Context, q string, args ...any) ([]FrontierEntry, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read frontier: %w", err)
	}
	defer rows.Close()
	var out []FrontierEntry
	for rows.Next() {
		var e FrontierEntry
		if err := rows.Scan(&e.Key, &e.URL, &e.State, &e.Reason); err != nil {
			return nil, fmt.Errorf("read frontier: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read frontier: %w", err)
	}
	return out, nil
}

// FrontierCount is how many entries of a crawl are in one state for one
// reason.
type FrontierCount struct {
	State, Reason string
	N             int64
}

// FrontierCounts counts a crawl's entries by state and reason.
func (s *Store) FrontierCounts(ctx context.Context, crawlID int64) ([]FrontierCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT state, reason, COUNT(*) FROM frontier WHERE crawl_id = ?
		GROUP BY state, reason ORDER BY state, reason`, crawlID)
	if err != nil {
		return nil, fmt.Errorf("count frontier of crawl %d: %w", crawlID, err)
	}
	defer rows.Close()
	var out []FrontierCount
	for rows.Next() {
		var c FrontierCount
		if err := rows.Scan(&c.State, &c.Reason, &c.N); err != nil {
			return nil, fmt.Errorf("count frontier of crawl %d: %w", crawlID, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count frontier of crawl %d: %w", crawlID, err)
	}
	return out, nil
}
