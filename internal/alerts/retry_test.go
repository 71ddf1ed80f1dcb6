package alerts

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header string
		want   time.Duration
		ok     bool
	}{
		{"seconds", "2", 2 * time.Second, true},
		{"zero seconds", "0", 0, true},
		{"spaces around", " 7 ", 7 * time.Second, true},
		{"seconds capped at 5 minutes", "3600", 5 * time.Minute, true},
		{"huge seconds do not overflow", "99999999999999999", 5 * time.Minute, true},
		{"HTTP date", now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{"HTTP date capped", now.Add(time.Hour).Format(http.TimeFormat), 5 * time.Minute, true},
		{"HTTP date in the past means now", now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"RFC 850 date", now.Add(10 * time.Second).Format("Monday, 02-Jan-06 15:04:05 GMT"), 10 * time.Second, true},
		{"missing", "", 0, false},
		{"negative", "-5", 0, false},
		{"fraction", "1.5", 0, false},
		{"garbage", "soon", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := retryAfter(tc.header, now)
			if got != tc.want || ok != tc.ok {
				t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tc.header, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestBackoffDoublesWithJitterAndCap(t *testing.T) {
	for range 50 { // jitter is random: check the bounds many times
		for n, base := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
			d := backoff(time.Second, n+1)
			if d < base || d >= base+base/2 {
				t.Fatalf("backoff(1s, %d) = %v, want in [%v, %v)", n+1, d, base, base+base/2)
			}
		}
		if d := backoff(time.Second, 30); d != maxWait {
			t.Fatalf("backoff(1s, 30) = %v, want the cap %v", d, maxWait)
		}
		if d := backoff(4*time.Minute, 1); d > maxWait {
			t.Fatalf("backoff(4m, 1) = %v, over the cap", d)
		}
	}
}
