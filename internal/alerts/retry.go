package alerts

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
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

// retryAfter reads a Retry-After header value (RFC 9110 section 10.2.3):
// delay-seconds or an HTTP date, relative to now. The wait is capped at
// maxWait; a date in the past means no wait. ok is false when the value is
// missing or unreadable.
func retryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs >= int64(maxWait/time.Second) {
			return maxWait, true
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	d = t.Sub(now)
	return min(max(d, 0), maxWait), true
}

// sleep waits for d or until ctx ends, whichever comes first; it returns
// ctx's error if ctx ended first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
