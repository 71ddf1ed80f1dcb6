package archive

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestNextState runs check sequences through the state machine: each step
// is "+" (good) or "-" (failing) with the hours since the start, and the
// alerts it must raise.
func TestNextState(t *testing.T) {
	th := DefaultThresholds() // 3 failing over 24h; 2 good to recover
	tests := []struct {
		name   string
		steps  string // space-separated: "-0 -12 -24 +30"
		alerts string // transitions in order, e.g. "down up"
		final  string
	}{
		{"always up", "+0 +6 +12", "", StateUp},
		{"one failure is suspect", "+0 -6", "", StateSuspect},
		{"three failures within a day are not enough", "-0 -6 -12", "", StateSuspect},
		{"sustained failure: exactly one alert", "-0 -6 -12 -18 -24 -30 -36", "down", StateDown},
		{"failures spanning a day but too few", "-0 -25", "", StateSuspect},
		{"flapping below the thresholds", "-0 -12 +13 -20 -30 +31 -40 -60 +61", "", StateUp},
		{"recovery needs two good checks", "-0 -12 -24 +30", "down", StateDown},
		{"recovery: exactly one alert", "-0 -12 -24 +30 +36 +42", "down up", StateUp},
		{"flapping while down gives no up", "-0 -12 -24 +30 -36 +42 -48", "down", StateDown},
		{"down, up, down again", "-0 -12 -24 +30 +36 -40 -50 -70", "down up down", StateDown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			var s LinkState
			var got []string
			for _, step := range strings.Fields(tt.steps) {
				var h int
				if _, err := fmt.Sscan(step[1:], &h); err != nil {
					t.Fatal(err)
				}
				var tr Transition
				s, tr = NextState(s, step[0] == '+', start.Add(time.Duration(h)*time.Hour), th)
				if tr != "" {
					got = append(got, string(tr))
				}
			}
			if strings.Join(got, " ") != tt.alerts || s.State != tt.final {
				t.Errorf("alerts %q state %s, want %q %s", got, s.State, tt.alerts, tt.final)
			}
		})
	}
}

func TestNextStateSince(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	th := Thresholds{FailThreshold: 2, FailWindow: time.Hour, RecoverThreshold: 1}
	s, _ := NextState(LinkState{}, false, start, th)
	s, tr := NextState(s, false, start.Add(2*time.Hour), th)
	if tr != "down" || !s.Since.Equal(start) {
		t.Errorf("down since %v (%q), want the first failing check %v", s.Since, tr, start)
	}
	s, tr = NextState(s, true, start.Add(5*time.Hour), th)
	if tr != "up" || !s.Since.Equal(start.Add(5*time.Hour)) {
		t.Errorf("up since %v (%q)", s.Since, tr)
	}
	if err := (Thresholds{FailThreshold: 0, RecoverThreshold: 1}).Validate(); err == nil {
		t.Error("a zero fail threshold must not validate")
	}
}
