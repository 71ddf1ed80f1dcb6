package linkcheck

import (
	"context"
	"sync"
	"time"
)

// A check's time (Options.Timeout) is the time its requests spend going
// to the site and back, not the time they wait for their turn at a host:
// a transport that holds a request back for politeness (at most so many
// at once on a host, a delay between two, a Retry-After) calls Pause for
// as long as it waits. Otherwise a host with many links, or a slow one,
// would time out checks that never left the machine, and links would be
// reported failing for archivio's own queue.

// budgetKey is the context key of a check's budget.
type budgetKey struct{}

// budget ends a check's context once its time has run, counting only
// the time no request of it was paused.
type budget struct {
	mu      sync.Mutex
	left    time.Duration // time left when last resumed
	resumed time.Time     // when the clock last started
	paused  int           // requests waiting now
	timer   *time.Timer
}

// withBudget returns a context that ends d after now, not counting the
// time spent between Pause and its resume, and a function releasing it.
func withBudget(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	b := &budget{left: d, resumed: time.Now()}
	b.timer = time.AfterFunc(d, func() { cancel(context.DeadlineExceeded) })
	return context.WithValue(ctx, budgetKey{}, b), func() {
		b.timer.Stop()
		cancel(context.Canceled)
	}
}

// Pause stops the clock of the check ctx belongs to until the returned
// function is called (once); requests of a check may wait at the same
// time, the clock runs again when none waits. On a context of no check it
// does nothing.
func Pause(ctx context.Context) (resume func()) {
	b, ok := ctx.Value(budgetKey{}).(*budget)
	if !ok {
		return func() {}
	}
	b.mu.Lock()
	if b.paused == 0 {
		if b.timer.Stop() {
			b.left -= time.Since(b.resumed)
		} else {
			b.left = 0 // the time ran out already: the check is over
		}
	}
	b.paused++
	b.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			b.mu.Lock()
			defer b.mu.Unlock()
			if b.paused--; b.paused == 0 {
				b.resumed = time.Now()
				b.timer.Reset(max(b.left, 0))
			}
		})
	}
}
