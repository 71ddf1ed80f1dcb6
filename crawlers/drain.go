package crawlers

import (
	"context"
	"sync"
	"time"
)

// When a crawl stops (Ctrl-C, SIGTERM, a fatal error), no new request
// starts, but the pages in flight get a little time to finish: a body
// nearly received is better archived whole than cut. Their requests carry
// a context of their own, canceled drain after the run's. A page finished
// within that time is archived whole and left queued, so --resume takes it
// from the archive; one still arriving then is cut, archived as
// interrupted (WARC-Truncated: unspecified) by the recording transport,
// never handed on as a page, and left queued, so --resume fetches it
// again. Retry makes no new attempt once the run has stopped.

// stopKey is the context key under which a fetch context keeps the run's
// context, for Retry to see that the run stopped.
type stopKey struct{}

// drainContext returns the context for a run's page requests: it has
// run's values, ends drain after run ends, and carries run for runStopped.
// stop ends it at once and waits for its timer; call it when the run is
// over.
func drainContext(run context.Context, drain time.Duration) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(context.WithValue(context.WithoutCancel(run), stopKey{}, run))
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-done:
			return
		case <-run.Done():
		}
		t := time.NewTimer(drain)
		defer t.Stop()
		select {
		case <-done:
		case <-t.C:
			cancel()
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			close(done)
			wg.Wait()
			cancel()
		})
	}
}

// runStopped reports whether the run a request belongs to has stopped
// (its requests are draining); false for requests outside a crawl.
func runStopped(ctx context.Context) bool {
	run, ok := ctx.Value(stopKey{}).(context.Context)
	return ok && run.Err() != nil
}

// stopContext is ctx, ended too when the run ctx belongs to stops: waits
// that must not outlive the run (a retry's backoff) use it.
func stopContext(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	run, ok := ctx.Value(stopKey{}).(context.Context)
	if !ok {
		return ctx, cancel
	}
	unhook := context.AfterFunc(run, cancel)
	return ctx, func() {
		unhook()
		cancel()
	}
}
