package crawlers

import (
	"context"
	"sync"
)

// job is a URL waiting to be fetched.
type job struct {
	key      string
	url      string
	recordID int
	depth    int
	found    found // how the crawl came to it, for the crawl log
}

// queue holds the URLs a crawl has yet to fetch and hands them to a fixed
// number of workers. Only the small job values wait in memory, never a
// goroutine per URL, so a crawl's memory stays flat however many pages a
// sitemap lists. The crawl is over when the queue is empty and no worker
// is busy: a busy worker may still discover links.
type queue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	pending []job
	head    int
	busy    int
	closed  bool
}

func newQueue() *queue {
	q := &queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *queue) push(j job) {
	q.mu.Lock()
	q.pending = append(q.pending, j)
	q.mu.Unlock()
	q.cond.Signal()
}

// next waits for a job and marks the caller busy; it reports false when the
// crawl is over or closed.
func (q *queue) next() (job, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.head == len(q.pending) && q.busy > 0 && !q.closed {
		q.cond.Wait()
	}
	if q.closed || q.head == len(q.pending) {
		q.closed = true
		q.cond.Broadcast()
		return job{}, false
	}
	j := q.pending[q.head]
	q.pending[q.head] = job{}
	q.head++
	if q.head > 1024 && q.head*2 > len(q.pending) { // reclaim the consumed front
		q.pending = append([]job(nil), q.pending[q.head:]...)
		q.head = 0
	}
	q.busy++
	return j, true
}

// done marks a worker idle again.
func (q *queue) done() {
	q.mu.Lock()
	q.busy--
	q.mu.Unlock()
	q.cond.Broadcast()
}

// close ends the crawl early: workers finish their job and stop.
func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}

// work runs n workers until the crawl is over or ctx ends, and waits for
// them.
func (q *queue) work(ctx context.Context, n int, fetch func(job)) {
	stop := context.AfterFunc(ctx, q.close)
	defer stop()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				j, ok := q.next()
				if !ok {
					return
				}
				fetch(j)
				q.done()
			}
		}()
	}
	wg.Wait()
}
