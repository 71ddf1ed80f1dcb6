package vnet

import (
	"fmt"
	"io"
	"net"
	"sync"
)

// blackhole is one loopback listener, shared by every blackholed host,
// that accepts connections and never answers: it reads and discards what
// clients send until they hang up or the Internet closes.
type blackhole struct {
	ln   net.Listener
	addr string

	mu     sync.Mutex
	closed bool
	conns  map[net.Conn]struct{}
}

// blackholeLocked returns the Internet's blackhole, starting it on first
// use. Its goroutines are counted in n.wg.
func (n *Internet) blackholeLocked() (*blackhole, error) {
	if n.hole != nil {
		return n.hole, nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen blackhole: %w", err)
	}
	b := &blackhole{ln: ln, addr: ln.Addr().String(), conns: make(map[net.Conn]struct{})}
	n.hole = b
	n.wg.Go(func() { b.acceptLoop(&n.wg) })
	return b, nil
}

// acceptLoop accepts until the listener closes. Each connection is
// drained by a goroutine of its own, counted in wg.
func (b *blackhole) acceptLoop(wg *sync.WaitGroup) {
	for {
		c, err := b.ln.Accept()
		if err != nil {
			return
		}
		b.mu.Lock()
		if b.closed {
			b.mu.Unlock()
			c.Close()
			return
		}
		b.conns[c] = struct{}{}
		wg.Add(1) // the accept loop's own count keeps wg above zero here
		b.mu.Unlock()
		go func() {
			defer wg.Done()
			_, _ = io.Copy(io.Discard, c)
			b.mu.Lock()
			delete(b.conns, c)
			b.mu.Unlock()
			c.Close()
		}()
	}
}

// close stops accepting and ends every held connection.
func (b *blackhole) close() {
	b.mu.Lock()
	b.closed = true
	for c := range b.conns {
		c.Close()
	}
	b.mu.Unlock()
	b.ln.Close()
}
