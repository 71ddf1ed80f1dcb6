package wait

import (
	"net/http"
	"testing"
	"time"
)

// TestScheduleBacksOffAndHonoursRetryAfter checks the waits of one
// request's retries: doubling from the base, ±50% at random, never over
// the maximum; a Retry-After replaces the step (and still counts as one),
// capped at the maximum, with within false past it.
func TestScheduleBacksOffAndHonoursRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
	for range 200 { // the jitter is random: check the bounds many times
		s := NewSchedule(time.Second, 10*time.Second)
		for i, step := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second} {
			d, within := s.Next("", now)
			lo, hi := step/2, min(step*3/2, 10*time.Second)
			if d < lo || d > hi || !within {
				t.Fatalf("wait %d = %v (within %v), want in [%v, %v]", i+1, d, within, lo, hi)
			}
		}
	}
	s := NewSchedule(time.Second, time.Minute)
	if d, within := s.Next("7", now); d != 7*time.Second || !within {
		t.Errorf("Retry-After 7: %v %v", d, within)
	}
	if d, _ := s.Next("", now); d < time.Second || d > 3*time.Second {
		t.Errorf("the step after a Retry-After is the second one: %v, want in [1s, 3s]", d)
	}
	if d, within := s.Next(now.Add(30*time.Second).Format(http.TimeFormat), now); d != 30*time.Second || !within {
		t.Errorf("Retry-After as a date: %v %v", d, within)
	}
	if d, within := s.Next("3600", now); d != time.Minute || within {
		t.Errorf("Retry-After over the maximum: %v %v, want the maximum and within false", d, within)
	}
	if d, within := s.Next("soon", now); d > time.Minute || !within {
		t.Errorf("an unreadable Retry-After is the backoff step: %v %v", d, within)
	}
}
