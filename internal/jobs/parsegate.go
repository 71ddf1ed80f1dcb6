package jobs

import (
	"context"
	"runtime"
	"sync"

	"archivio/crawlers"
)

// parseGate bounds the parses that run at once, by count and by size. A
// page's tree costs tens of times its size in memory, so however many
// fetches are in flight, at most one parse per CPU runs, and the pages
// being parsed add up to at most one page at the parse limit
// (crawlers.MaxPageBody): memory stays bounded by the limit, not by
// --parallel. A page larger than the budget still runs, alone.
type parseGate struct {
	mu       sync.Mutex
	slots    int
	maxSlots int
	bytes    int64
	maxBytes int64
	wake     chan struct{} // closed and replaced when a parse ends
}

func newParseGate() *parseGate {
	return &parseGate{maxSlots: max(1, runtime.GOMAXPROCS(0)), maxBytes: crawlers.MaxPageBody, wake: make(chan struct{})}
}

// acquire waits until a parse of n bytes may run, or ctx ends.
func (g *parseGate) acquire(ctx context.Context, n int64) error {
	for {
		g.mu.Lock()
		if g.slots < g.maxSlots && (g.bytes == 0 || g.bytes+n <= g.maxBytes) {
			g.slots++
			g.bytes += n
			g.mu.Unlock()
			return nil
		}
		wake := g.wake
		g.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// release ends a parse of n bytes.
func (g *parseGate) release(n int64) {
	g.mu.Lock()
	g.slots--
	g.bytes -= n
	close(g.wake)
	g.wake = make(chan struct{})
	g.mu.Unlock()
}
