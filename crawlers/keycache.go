package crawlers

// KeyCache is a map of at most n frontier keys to a small state: a key
// put when it is full takes the place of the oldest one put. It is what a
// crawl keeps in memory of a frontier that lives in the catalog. Not safe
// for concurrent use.
type KeyCache struct {
	m    map[string]byte
	ring []string
	next int
}

// NewKeyCache makes a cache of n keys (at least one).
func NewKeyCache(n int) *KeyCache {
	n = max(n, 1)
	return &KeyCache{m: map[string]byte{}, ring: make([]string, n)}
}

// Get returns key's state and whether the cache holds it.
func (c *KeyCache) Get(key string) (byte, bool) {
	s, ok := c.m[key]
	return s, ok
}

// Put sets key's state.
func (c *KeyCache) Put(key string, s byte) {
	if _, ok := c.m[key]; ok {
		c.m[key] = s
		return
	}
	if old := c.ring[c.next]; old != "" {
		delete(c.m, old)
	}
	c.ring[c.next] = key
	c.next = (c.next + 1) % len(c.ring)
	c.m[key] = s
}

// The states of the keys a crawl knows, and how many it keeps.
const (
	keySeen     byte = 1 + iota // queued or settled
	keyExcluded                 // recorded as excluded
)

// crawlKnownKeys is how many keys a crawl keeps in memory: enough for the
// links every page repeats (navigation, listings), and full within a
// couple of thousand pages, so that a crawl's memory does not grow past
// them with the site.
const crawlKnownKeys = 2048
