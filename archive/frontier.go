package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

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
	// Depth is how many links were followed from a seed to reach the URL
	// (a site source's depth; 0 for the observatory), and Via the key of
	// the page that led to it ("" for a seed). Only the shared catalog
	// keeps Via; both keep Depth.
	Depth int
	Via   string
}

// addFrontier inserts an entry unless its key is there: this is how a
// record linked in several URL shapes is fetched once. An excluded entry
// gives way to the same key queued (a page beyond a site source's depth on
// one path may be within it on another); nothing else is overwritten.
// ("excluded." names the row proposed for insertion, SQLite's upsert
// syntax, not the state.)
var addFrontier = writeStatement(`INSERT INTO frontier (crawl_id, key, url, state, reason, depth) VALUES (?, ?, ?, ?, ?, ?)
	ON CONFLICT (crawl_id, key) DO UPDATE SET url = excluded.url, state = excluded.state, reason = excluded.reason, depth = excluded.depth
	WHERE frontier.state = 'excluded' AND excluded.state = 'queued'`)

var settleFrontier = writeStatement(`UPDATE frontier SET state = ?, reason = ? WHERE crawl_id = ? AND key = ?`)

// AddToFrontier records entries in a crawl's frontier, queued or excluded
// as their State says (empty means queued), in one transaction. added[i]
// reports whether entries[i] was newly queued.
func (s *Store) AddToFrontier(ctx context.Context, crawlID int64, entries []FrontierEntry) (added []bool, err error) {
	if err := s.apply(ctx, frontierAdd(crawlID, entries, &added)); err != nil {
		return nil, err
	}
	return added, nil
}

// FrontierAddWrite is AddToFrontier as a Write.
func FrontierAddWrite(crawlID int64, entries []FrontierEntry) Write {
	return frontierAdd(crawlID, entries, nil)
}

func frontierAdd(crawlID int64, entries []FrontierEntry, added *[]bool) Write {
	return Write{what: fmt.Sprintf("add to the frontier of crawl %d", crawlID), run: func(t *txn) error {
		a, err := addEntries(t, crawlID, entries)
		if err != nil {
			return fmt.Errorf("add to the frontier of crawl %d: %w", crawlID, err)
		}
		if added != nil {
			*added = a
		}
		return nil
	}}
}

// SettleFrontier records how a crawl's entry key ended (state done, failed
// or excluded, with its reason) and adds the entries its page yielded, in
// one transaction: a page is never settled without the links it led to,
// whenever the process dies. added is as for AddToFrontier.
func (s *Store) SettleFrontier(ctx context.Context, crawlID int64, key, state, reason string, entries []FrontierEntry) (added []bool, err error) {
	w, err := frontierSettle(crawlID, key, state, reason, entries, &added)
	if err != nil {
		return nil, err
	}
	if err := s.apply(ctx, w); err != nil {
		return nil, err
	}
	return added, nil
}

// SettleWrite is SettleFrontier as a Write: the entry settled and the
// links its page yielded are one write, never split between transactions.
func SettleWrite(crawlID int64, key, state, reason string, entries []FrontierEntry) (Write, error) {
	return frontierSettle(crawlID, key, state, reason, entries, nil)
}

func frontierSettle(crawlID int64, key, state, reason string, entries []FrontierEntry, added *[]bool) (Write, error) {
	switch state {
	case FrontierDone, FrontierFailed, FrontierExcluded:
	default:
		return Write{}, fmt.Errorf("settle %s: bad state %q", key, state)
	}
	return Write{what: fmt.Sprintf("settle %s in crawl %d", key, crawlID), run: func(t *txn) error {
		a, err := addEntries(t, crawlID, entries)
		if err == nil {
			var res sql.Result
			if res, err = t.exec(settleFrontier, state, reason, crawlID, key); err == nil {
				if n, nerr := res.RowsAffected(); nerr != nil || n != 1 {
					err = fmt.Errorf("%s is not in the frontier (%v)", key, nerr)
				}
			}
		}
		if err != nil {
			return fmt.Errorf("settle %s in crawl %d: %w", key, crawlID, err)
		}
		if added != nil {
			*added = a
		}
		return nil
	}}, nil
}

// A frontier entry's URL that starts with its crawl's base URL is stored
// without it, as the bytes that follow (a blob); any other URL as its
// text. frontierURL is the SQL of an entry f's URL.
const frontierURL = `CASE WHEN typeof(f.url) = 'blob' THEN (SELECT c.base_url FROM crawls c WHERE c.id = f.crawl_id) || CAST(f.url AS TEXT)
	ELSE f.url END`

var selectCrawlBase = writeStatement(`SELECT base_url FROM crawls WHERE id = ?`)

// frontierURLValue is url as the frontier of crawl crawlID stores it. A
// crawl the catalog does not hold stores it whole (and the foreign key
// refuses the entry).
func (t *txn) frontierURLValue(crawlID int64, url string) (any, error) {
	base, ok := t.crawlBases[crawlID]
	if !ok {
		err := t.queryRow(selectCrawlBase, crawlID).Scan(&base)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("base URL of crawl %d: %w", crawlID, err)
		}
		if t.crawlBases == nil {
			t.crawlBases = map[int64]string{}
		}
		t.crawlBases[crawlID] = base
	}
	if rest, ok := strings.CutPrefix(url, base); ok && base != "" && rest != "" {
		return []byte(rest), nil
	}
	return url, nil
}

func addEntries(t *txn, crawlID int64, entries []FrontierEntry) ([]bool, error) {
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
		if e.Depth < 0 {
			return nil, fmt.Errorf("add %s: negative depth %d", e.URL, e.Depth)
		}
		url, err := t.frontierURLValue(crawlID, e.URL)
		if err != nil {
			return nil, fmt.Errorf("add %s: %w", e.URL, err)
		}
		res, err := t.exec(addFrontier, crawlID, e.Key, url, state, e.Reason, e.Depth)
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
	return s.frontierRows(ctx, `SELECT f.key, `+frontierURL+`, f.state, f.reason, f.depth FROM frontier f
		WHERE f.crawl_id = ? AND f.state = ? ORDER BY f.rowid`, crawlID, state)
}

// MissingRecords returns the entries of a crawl for records the catalog
// knows (they have versions) whose pages failed: answered 404, 410 or
// another error, or got no answer. The reason says which.
func (s *Store) MissingRecords(ctx context.Context, crawlID int64) ([]FrontierEntry, error) {
	return s.frontierRows(ctx, `SELECT f.key, `+frontierURL+`, f.state, f.reason, f.depth FROM frontier f
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
		if err := rows.Scan(&e.Key, &e.URL, &e.State, &e.Reason, &e.Depth); err != nil {
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

// FrontierState returns the state of a crawl's entry key as committed, or
// an error wrapping ErrNotFound when the frontier has no such entry. It
// reads beside a Committer's writes: what waits in its queue is not there
// yet.
func (s *Store) FrontierState(ctx context.Context, crawlID int64, key string) (string, error) {
	var state string
	err := s.queryRow(ctx, `SELECT state FROM frontier WHERE crawl_id = ? AND key = ?`, crawlID, key).Scan(&state)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", fmt.Errorf("frontier entry %s of crawl %d: %w", key, crawlID, ErrNotFound)
	case err != nil:
		return "", fmt.Errorf("frontier entry %s of crawl %d: %w", key, crawlID, err)
	}
	return state, nil
}

// FrontierKeys calls fn with the key of each of a crawl's entries, in any
// state, reading them one at a time: a crawl that resumes learns what its
// frontier holds without holding it all in memory.
func (s *Store) FrontierKeys(ctx context.Context, crawlID int64, fn func(key string) error) error {
	rows, err := s.rdb.QueryContext(ctx, `SELECT key FROM frontier WHERE crawl_id = ?`, crawlID)
	if err != nil {
		return fmt.Errorf("read the keys of the frontier of crawl %d: %w", crawlID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			return fmt.Errorf("read the keys of the frontier of crawl %d: %w", crawlID, err)
		}
		if err := fn(key); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the keys of the frontier of crawl %d: %w", crawlID, err)
	}
	return nil
}
