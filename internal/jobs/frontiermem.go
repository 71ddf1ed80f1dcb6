package jobs

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"archivio/archive"
	"archivio/crawlers"
)

// frontierMemory answers at once which links a crawl newly queues, as its
// frontier will once the committer's writes are in, in memory that does
// not grow with the site: only the keys whose writes wait in the
// committer are all held (pending); committed keys are looked up in the
// catalog, through a bounded cache of the recent ones and a filter of
// every key of the crawl (archive.KeyFilter), which spares the lookup of
// a key never seen. A key leaves pending only once its write has
// committed, so whatever is not in memory is in the catalog: a link is
// never taken as known before it is durably queued, and never queued
// twice.
type frontierMemory struct {
	crawlID int64
	st      frontierLookup

	mu      sync.Mutex
	known   *archive.KeyFilter      // every key recorded in the crawl's frontier, committed or not
	pending map[string]pendingEntry // keys whose last change waits in the committer
	// pendingPeak is the most keys pending since pending was made: a map
	// keeps the room of its largest size, so an empty one that was large
	// is made anew.
	pendingPeak int
	cache       *crawlers.KeyCache // committed keys, the recent ones
	gen         uint64

	// done are the changes committed since the memory was last used:
	// the committer notes them here without waiting for mu, which a
	// writer may hold while it waits for room in the committer's queue.
	doneMu sync.Mutex
	done   []keyChange
}

// frontierLookup reads a crawl's committed frontier.
type frontierLookup interface {
	FrontierState(ctx context.Context, crawlID int64, key string) (string, error)
	FrontierKeys(ctx context.Context, crawlID int64, fn func(key string) error) error
}

// What the memory tells of a key.
const (
	keyAbsent   byte = iota
	keyExcluded      // recorded as excluded
	keyQueued        // queued or settled
)

// pendingEntry is a key's state and the change that set it.
type pendingEntry struct {
	state byte
	gen   uint64
}

// keyChange is a change of the memory, to be committed.
type keyChange struct {
	key string
	gen uint64
}

// Sizes of the memory: the filter of keys is 2^21 bits (256 KB), which
// spares at least 99% of the lookups of new keys up to 200,000 keys; the
// cache holds the last 2,048 keys looked up or committed (the links every
// page repeats: navigation, listings), full within a couple of thousand
// pages.
const (
	frontierFilterBits = 21
	frontierCacheKeys  = 2048
)

// newFrontierMemory makes the memory of crawl crawlID's frontier: the
// keys the catalog holds for it (a resumed crawl) go in its filter.
func newFrontierMemory(ctx context.Context, st frontierLookup, crawlID int64) (*frontierMemory, error) {
	return newFrontierMemorySized(ctx, st, crawlID, frontierFilterBits, frontierCacheKeys)
}

// newFrontierMemorySized is newFrontierMemory with a filter of
// 2^filterBits bits and a cache of cacheKeys keys.
func newFrontierMemorySized(ctx context.Context, st frontierLookup, crawlID int64, filterBits uint, cacheKeys int) (*frontierMemory, error) {
	m := &frontierMemory{crawlID: crawlID, st: st, known: archive.NewKeyFilter(filterBits),
		pending: map[string]pendingEntry{}, cache: crawlers.NewKeyCache(cacheKeys)}
	err := st.FrontierKeys(ctx, crawlID, func(key string) error {
		m.known.Add(key)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// state is what the frontier holds of key. m.mu is held.
func (m *frontierMemory) state(ctx context.Context, key string) (byte, error) {
	if p, ok := m.pending[key]; ok {
		return p.state, nil
	}
	if s, ok := m.cache.Get(key); ok {
		return s, nil
	}
	if !m.known.MayHave(key) {
		return keyAbsent, nil
	}
	st, err := m.st.FrontierState(ctx, m.crawlID, key)
	var s byte
	switch {
	case errors.Is(err, archive.ErrNotFound):
		return keyAbsent, nil
	case err != nil:
		return 0, err
	case st == archive.FrontierExcluded:
		s = keyExcluded
	default:
		s = keyQueued
	}
	m.cache.Put(key, s)
	return s, nil
}

// set records a change of key, pending until committed. m.mu is held.
func (m *frontierMemory) set(key string, s byte) keyChange {
	m.gen++
	m.pending[key] = pendingEntry{state: s, gen: m.gen}
	m.pendingPeak = max(m.pendingPeak, len(m.pending))
	m.known.Add(key)
	return keyChange{key, m.gen}
}

// add records links as the frontier will: an excluded link unless its key
// is there, a queued one unless its key is there other than excluded. It
// returns, for each link, whether it was newly queued or newly recorded as
// excluded, the links that change the frontier, and the changes to pass
// to committed once their write has committed. m.mu is held.
func (m *frontierMemory) add(ctx context.Context, links []crawlers.Link) (added []bool, changed []crawlers.Link, changes []keyChange, err error) {
	m.drain()
	added = make([]bool, len(links))
	for i, l := range links {
		s, err := m.state(ctx, l.Key)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("frontier: %w", err)
		}
		switch {
		case l.Excluded != "" && s == keyAbsent:
			changes = append(changes, m.set(l.Key, keyExcluded))
		case l.Excluded == "" && s != keyQueued:
			changes = append(changes, m.set(l.Key, keyQueued))
		default:
			continue
		}
		added[i] = true
		changed = append(changed, l)
	}
	return added, changed, changes, nil
}

// settle checks that key is in the frontier and adds links as add does.
func (m *frontierMemory) settle(ctx context.Context, key string, links []crawlers.Link) (added []bool, changed []crawlers.Link, changes []keyChange, err error) {
	m.drain()
	s, err := m.state(ctx, key)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("settle %s: %w", key, err)
	}
	if s == keyAbsent {
		return nil, nil, nil, fmt.Errorf("settle %s: not in the frontier", key)
	}
	return m.add(ctx, links)
}

// committed notes that the write of changes has committed. It never
// waits for m.mu.
func (m *frontierMemory) committed(changes []keyChange) {
	m.doneMu.Lock()
	m.done = append(m.done, changes...)
	m.doneMu.Unlock()
}

// drain moves the keys whose changes have committed from pending to the
// cache, unless changed again since. m.mu is held.
func (m *frontierMemory) drain() {
	m.doneMu.Lock()
	done := m.done
	m.done = nil
	m.doneMu.Unlock()
	for _, c := range done {
		if p, ok := m.pending[c.key]; ok && p.gen == c.gen {
			delete(m.pending, c.key)
			m.cache.Put(c.key, p.state)
		}
	}
	if len(m.pending) == 0 && m.pendingPeak > 256 {
		m.pending, m.pendingPeak = map[string]pendingEntry{}, 0
	}
}
