// Package wait is archivio's one retry policy, shared by the crawlers'
// Retry transport and the alert webhook: the schedule of waits between
// attempts (Schedule: exponential backoff with jitter from
// github.com/cenkalti/backoff, replaced by a Retry-After), reading a
// Retry-After header, and sleeping until a context ends. Link checks do
// not retry within a check: a failing check counts toward the thresholds
// that decide a link is down, which is their retry over time.
package wait

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryAfter reads a Retry-After header value (RFC 9110 section 10.2.3):
// delay-seconds or an HTTP date, relative to now. The wait is capped at
// limit (huge values would otherwise overflow); a date in the past means
// no wait. ok is false when the value is missing or unreadable.
func RetryAfter(v string, now time.Time, limit time.Duration) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs >= int64(limit/time.Second) {
			return limit, true
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return min(max(t.Sub(now), 0), limit), true
}

// Sleep waits for d or until ctx ends, whichever comes first; it returns
// ctx's error if ctx ended first.
func Sleep(ctx context.Context, d time.Duration) error {
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
