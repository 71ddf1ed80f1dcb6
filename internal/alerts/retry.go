package alerts

import (
	"context"
	"math/rand/v2"
	"time"

	"archivio/crawlers/wait"
)

// maxWait caps every wait between webhook attempts, whether it comes from
// the backoff or from a Retry-After header.
const maxWait = 5 * time.Minute

// backoff is the wait after failed attempt n (1-based) when the receiver
// did not say how long to wait: base doubled n-1 times, plus up to half of
// that again as jitter, capped at maxWait.
func backoff(base time.Duration, n int) time.Duration {
	d := base
	for i := 1; i < n && d < maxWait; i++ {
		d *= 2
	}
	if d >= maxWait {
		return maxWait
	}
	if half := int64(d / 2); half > 0 {
		d += time.Duration(rand.Int64N(half))
	}
	return min(d, maxWait)
}

// retryAfter reads a Retry-After header value, capped at maxWait.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	return wait.RetryAfter(v, now, maxWait)
}

// sleep waits for d or until ctx ends, whichever comes first.
func sleep(ctx context.Context, d time.Duration) error { return wait.Sleep(ctx, d) }
