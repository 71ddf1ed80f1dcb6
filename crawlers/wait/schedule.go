package wait

import (
	"time"

	"github.com/cenkalti/backoff/v5"
)

// Schedule is the waiting between the attempts of one request, the same
// for every retry in archivio (a crawl's requests, webhook deliveries):
// exponential backoff from the library github.com/cenkalti/backoff (the
// first retry waits base, each later one twice as long, each ±50% at
// random so that parallel clients do not retry in step, none longer than
// max), replaced by the server's Retry-After when it gives one. A Schedule
// is for one request; it is not safe for concurrent use.
type Schedule struct {
	steps backoff.ExponentialBackOff
	max   time.Duration
}

// NewSchedule returns the schedule of one request's retries.
func NewSchedule(base, max time.Duration) *Schedule {
	return &Schedule{
		steps: backoff.ExponentialBackOff{InitialInterval: base, RandomizationFactor: 0.5, Multiplier: 2, MaxInterval: max},
		max:   max,
	}
}

// Next is the wait before the next attempt. retryAfter is the failed
// answer's Retry-After header, "" when it had none or no answer came: a
// readable one (seconds or an HTTP date, read against now) replaces the
// backoff step. The wait is never longer than max; within is false when
// the server asked for longer, so a caller may give up instead of waiting
// less than it was asked.
func (s *Schedule) Next(retryAfter string, now time.Time) (d time.Duration, within bool) {
	step := min(s.steps.NextBackOff(), s.max) // the library caps the step, not its jitter
	if ra, ok := RetryAfter(retryAfter, now, 24*time.Hour); ok {
		return min(ra, s.max), ra <= s.max
	}
	return step, true
}
