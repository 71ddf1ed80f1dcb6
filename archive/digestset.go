package archive

import (
	"context"
	"fmt"
	"sync"
)

// digestSet remembers the payload digests of the full captures in the
// catalog (200, whole, not revisits) in a KeyFilter of fixed size: a
// Committer answers "no original" for a digest it never saw without
// asking the catalog, which a crawl of new pages would otherwise do for
// every one of them. A digest it may hold is looked up as before. Loaded
// from the catalog once, it learns the captures the Committer commits;
// its memory is the same whatever the catalog's size.
type digestSet struct {
	once sync.Once
	err  error
	set  *KeyFilter // nil until loaded
	mu   sync.Mutex // guards set's assignment
}

// digestFilterBits is the digest filter's size: 2^21 bits, 256 KB.
const digestFilterBits = 21

// load reads the digests of the catalog's full captures, once.
func (d *digestSet) load(ctx context.Context, s *Store) error {
	d.once.Do(func() {
		set := NewKeyFilter(digestFilterBits)
		rows, err := s.rdb.QueryContext(ctx, `SELECT DISTINCT payload_digest FROM captures
			WHERE status = 200 AND revisit_of IS NULL AND truncated = ''`)
		if err != nil {
			d.err = fmt.Errorf("payload digests of the catalog: %w", err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			var dg string
			if err := rows.Scan(storedColumn{&dg, digestText}); err != nil {
				d.err = fmt.Errorf("payload digests of the catalog: %w", err)
				return
			}
			set.Add(dg)
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

func (d *digestSet) filter() *KeyFilter {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.set
}

// mayHave reports whether a full capture may have this digest.
func (d *digestSet) mayHave(digest string) bool {
	set := d.filter()
	return set == nil || set.MayHave(digest)
}

// add notes a committed capture.
func (d *digestSet) add(c *Capture) {
	if c.Status != 200 || c.RevisitOf != 0 || c.Truncated != "" {
		return
	}
	if set := d.filter(); set != nil {
		set.Add(c.PayloadDigest)
	}
}
