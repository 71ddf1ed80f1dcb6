package archive

import (
	"context"
	"fmt"
	"hash/maphash"
	"sync"
)

// digestSet remembers the payload digests of the full captures in the
// catalog (200, whole, not revisits), hashed: a Committer answers "no
// original" for a digest it lacks without asking the catalog, which a
// crawl of new pages would otherwise do for every one of them. A digest
// it holds (or a hash collision) is looked up as before. Loaded from the
// catalog once, it learns the captures the Committer commits.
type digestSet struct {
	once sync.Once
	err  error

	mu   sync.Mutex
	seed maphash.Seed
	set  map[uint64]struct{}
}

// load reads the digests of the catalog's full captures, once.
func (d *digestSet) load(ctx context.Context, s *Store) error {
	d.once.Do(func() {
		d.seed = maphash.MakeSeed()
		set := map[uint64]struct{}{}
		rows, err := s.rdb.QueryContext(ctx, `SELECT DISTINCT payload_digest FROM captures
			WHERE status = 200 AND revisit_of IS NULL AND truncated = ''`)
		if err != nil {
			d.err = fmt.Errorf("payload digests of the catalog: %w", err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			var dg string
			if err := rows.Scan(&dg); err != nil {
				d.err = fmt.Errorf("payload digests of the catalog: %w", err)
				return
			}
			set[maphash.String(d.seed, dg)] = struct{}{}
		}
		if err := rows.Err(); err != nil {
			d.err = fmt.Errorf("payload digests of the catalog: %w", err)
			return
		}
		d.mu.Lock()
		d.set = set
		d.mu.Unlock()
	})
	return d.err
}

// mayHave reports whether a full capture may have this digest.
func (d *digestSet) mayHave(digest string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.set == nil {
		return true
	}
	_, ok := d.set[maphash.String(d.seed, digest)]
	return ok
}

// add notes a committed capture.
func (d *digestSet) add(c *Capture) {
	if c.Status != 200 || c.RevisitOf != 0 || c.Truncated != "" {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.set != nil {
		d.set[maphash.String(d.seed, c.PayloadDigest)] = struct{}{}
	}
}
