package cluster

import (
	"maps"
	"sync"
	"sync/atomic"
)

// Stats count what one node did.
type Stats struct {
	Pages    atomic.Int64 // answers fetched
	Bytes    atomic.Int64 // their bodies' bytes
	Excluded atomic.Int64 // URLs robots.txt forbids

	mu   sync.Mutex
	errs map[string]int64
}

func (s *Stats) count(kind string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.errs == nil {
		s.errs = map[string]int64{}
	}
	s.errs[kind]++
}

// Errors returns the failed fetches by kind (http_404, fetch_error, ...).
func (s *Stats) Errors() map[string]int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := maps.Clone(s.errs)
	if out == nil {
		out = map[string]int64{}
	}
	return out
}

// Stats returns the node's counts so far.
func (n *Node) Stats() *Stats { return &n.stats }
