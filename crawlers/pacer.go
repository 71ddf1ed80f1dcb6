package crawlers

import (
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// pacer is a crawl's politeness, as an http.RoundTripper every request of
// the crawl to its site passes through (robots.txt, sitemaps, pages, each
// redirect hop): at most limit requests at once, and each of those slots
// rests delay, plus up to half again of jitter, after a request ends
// (its body closed) before it carries the next. That is colly's LimitRule,
// but the rest heeds the run's stop, and the delay and limit can change
// once robots.txt is read (its Crawl-delay). The rest is taken before the
// next request, so the first one waits for nothing.
type pacer struct {
	next http.RoundTripper

	mu     sync.Mutex
	limit  int
	delay  time.Duration
	busy   int
	rested []time.Time   // when the request of each idle slot ended; a fresh slot has none
	free   chan struct{} // closed and replaced when a slot is freed or the first in line changes
	// line are the requests waiting for a slot, in their order of
	// arrival: a slot goes to the first, so a request that comes back
	// for another slot at once (the worker of the request just ended)
	// never passes one that waits. A crawl taking its pages in order
	// sends them in that order.
	line []*waiter
}

// waiter is a request's place in line (not of size zero: each is its
// own pointer).
type waiter struct{ _ byte }

// Pacer is a crawl's pacing made by its caller, to put below the
// recording transport (Options.Pacer): a request's slot is then held while
// its answer arrives, not while it is archived, and the pause is taken
// between the network's requests. It paces every request that passes
// through it, each redirect hop and each retry included.
type Pacer struct{ p *pacer }

// NewPacer returns a pacing of at most limit requests at once, each slot
// pausing delay (plus up to half again of jitter) after its request; Run
// sets both again once robots.txt is read.
func NewPacer(next http.RoundTripper, limit int, delay time.Duration) *Pacer {
	return &Pacer{newPacer(next, limit, delay)}
}

// RoundTrip sends req when a slot is free and has rested.
func (p *Pacer) RoundTrip(req *http.Request) (*http.Response, error) { return p.p.RoundTrip(req) }

func newPacer(next http.RoundTripper, limit int, delay time.Duration) *pacer {
	return &pacer{next: next, limit: max(limit, 1), delay: delay, free: make(chan struct{})}
}

// set changes the limit and the delay, for the requests to come.
func (p *pacer) set(limit int, delay time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.limit, p.delay = max(limit, 1), delay
	p.wakeLocked() // a larger limit has room for those in line
	if n := len(p.rested); n > p.limit {
		// Keep the slots that rested least: the pause is never shortened.
		latest(p.rested)
		p.rested = p.rested[n-p.limit:]
	}
}

// latest sorts times so that the latest come last.
func latest(ts []time.Time) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Before(ts[j-1]); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

func (p *pacer) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := p.acquire(req); err != nil {
		return nil, err
	}
	resp, err := p.next.RoundTrip(req)
	if err != nil {
		p.release()
		return nil, err
	}
	resp.Body = &pacedBody{ReadCloser: resp.Body, p: p}
	return resp, nil
}

// acquire waits for a slot and its rest. The wait ends early when the
// request's context ends or the run it belongs to stops.
func (p *pacer) acquire(req *http.Request) error {
	ctx, cancel := stopContext(req.Context())
	defer cancel()
	var me *waiter // this request's place in line, once it waits
	for {
		p.mu.Lock()
		if p.busy < p.limit && (len(p.line) == 0 || p.line[0] == me) {
			if me != nil {
				p.line = p.line[1:]
				p.wakeLocked() // the next in line may take a slot left
			}
			p.busy++
			var ended time.Time
			if n := len(p.rested); n > 0 {
				// The slot that rested longest.
				latest(p.rested)
				ended, p.rested = p.rested[0], p.rested[1:]
			}
			delay := p.delay
			p.mu.Unlock()
			if delay <= 0 || ended.IsZero() {
				return nil
			}
			wait := time.Until(ended.Add(delay + jitter(delay/2)))
			if err := sleepCtx(ctx, wait); err != nil {
				p.mu.Lock()
				p.busy--
				p.rested = append(p.rested, ended)
				p.wakeLocked()
				p.mu.Unlock()
				return err
			}
			return nil
		}
		if me == nil {
			me = new(waiter)
			p.line = append(p.line, me)
		}
		free := p.free
		p.mu.Unlock()
		select {
		case <-free:
		case <-ctx.Done():
			p.mu.Lock()
			p.line = slices.DeleteFunc(p.line, func(w *waiter) bool { return w == me })
			p.wakeLocked()
			p.mu.Unlock()
			return ctx.Err()
		}
	}
}

// release frees a slot whose request ended now.
func (p *pacer) release() {
	p.mu.Lock()
	p.busy--
	p.rested = append(p.rested, time.Now())
	p.wakeLocked()
	p.mu.Unlock()
}

func (p *pacer) wakeLocked() {
	close(p.free)
	p.free = make(chan struct{})
}

// pacedBody frees its request's slot when closed.
type pacedBody struct {
	io.ReadCloser
	p    *pacer
	once sync.Once
}

func (b *pacedBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.p.release)
	return err
}
