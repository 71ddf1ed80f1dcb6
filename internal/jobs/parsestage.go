package jobs

import (
	"context"
	"runtime"
	"sync"

	"archivio/crawlers"
)

// parseStage is a pool of parsers, one per CPU, fed by a bounded queue.
// The queue holds at most maxTasks pages and maxBytes of their bodies (a
// page larger than that waits alone), so a fetcher whose page finds it full
// waits: fetching slows to what parsing keeps up with, and memory stays
// bounded whatever the site's size. Each parse also passes the parse gate
// (parsegate.go), which bounds the trees being built at once.
type parseStage struct {
	mu       sync.Mutex
	tasks    []parseTask
	head     int
	bytes    int64
	closed   bool
	more     chan struct{} // closed and replaced when a task arrives or the stage closes
	room     chan struct{} // closed and replaced when a task leaves the queue
	maxTasks int
	maxBytes int64
	wg       sync.WaitGroup
}

// parseTask is one page to read: run does the work, size is its body's.
type parseTask struct {
	size int64
	run  func()
}

// newParseStage starts the pool's workers, one per CPU. Close it to run
// what waits and stop them.
func newParseStage() *parseStage {
	workers := max(1, runtime.GOMAXPROCS(0))
	ps := &parseStage{more: make(chan struct{}), room: make(chan struct{}),
		maxTasks: 4 * workers, maxBytes: 2 * crawlers.MaxPageBody}
	for range workers {
		ps.wg.Add(1)
		go func() {
			defer ps.wg.Done()
			for {
				t, ok := ps.take()
				if !ok {
					return
				}
				t.run()
			}
		}()
	}
	return ps
}

// submit queues a task, waiting while the queue is full or until ctx
// ends.
func (ps *parseStage) submit(ctx context.Context, size int64, run func()) error {
	ps.mu.Lock()
	for !ps.closed && !ps.fits(size) {
		room := ps.room
		ps.mu.Unlock()
		select {
		case <-room:
		case <-ctx.Done():
			return ctx.Err()
		}
		ps.mu.Lock()
	}
	defer ps.mu.Unlock()
	if ps.closed {
		return errParseStageClosed
	}
	ps.tasks = append(ps.tasks, parseTask{size: size, run: run})
	ps.bytes += size
	close(ps.more)
	ps.more = make(chan struct{})
	return nil
}

func (ps *parseStage) fits(size int64) bool {
	n := len(ps.tasks) - ps.head
	return n == 0 || (n < ps.maxTasks && ps.bytes+size <= ps.maxBytes)
}

// take waits for a task; false once the stage is closed and empty.
func (ps *parseStage) take() (parseTask, bool) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for ps.head == len(ps.tasks) {
		if ps.closed {
			return parseTask{}, false
		}
		more := ps.more
		ps.mu.Unlock()
		<-more
		ps.mu.Lock()
	}
	t := ps.tasks[ps.head]
	ps.tasks[ps.head] = parseTask{}
	ps.head++
	if ps.head == len(ps.tasks) {
		ps.tasks, ps.head = ps.tasks[:0], 0
	}
	ps.bytes -= t.size
	close(ps.room)
	ps.room = make(chan struct{})
	return t, true
}

// close lets the workers run what is queued, then waits for them.
func (ps *parseStage) close() {
	ps.mu.Lock()
	if !ps.closed {
		ps.closed = true
		close(ps.more)
		ps.more = make(chan struct{})
		close(ps.room)
		ps.room = make(chan struct{})
	}
	ps.mu.Unlock()
	ps.wg.Wait()
}
