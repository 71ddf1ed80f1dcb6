package archive

import (
	"fmt"
	"time"
)

// Link states. A link is up until a check fails; then suspect; then down
// once the failure is confirmed: FailThreshold failing checks in a row
// spanning at least FailWindow. A down link is up again after
// RecoverThreshold good checks in a row. Only the transitions up -> down
// (through suspect) and down -> up raise alerts: a suspect link that
// recovers never was down, so flapping below the thresholds is silent.
const (
	StateUp      = "up"
	StateSuspect = "suspect"
	StateDown    = "down"
)

// Thresholds decide when a failing link is down and a down link is up.
type Thresholds struct {
	FailThreshold    int           // failing checks in a row, default 3
	FailWindow       time.Duration // that the failing checks must span, default 24h
	RecoverThreshold int           // good checks in a row, default 2
}

// DefaultThresholds are the defaults of "archivio links check".
func DefaultThresholds() Thresholds {
	return Thresholds{FailThreshold: 3, FailWindow: 24 * time.Hour, RecoverThreshold: 2}
}

// Validate reports thresholds that cannot work.
func (t Thresholds) Validate() error {
	switch {
	case t.FailThreshold < 1:
		return fmt.Errorf("fail threshold %d: must be at least 1", t.FailThreshold)
	case t.RecoverThreshold < 1:
		return fmt.Errorf("recover threshold %d: must be at least 1", t.RecoverThreshold)
	case t.FailWindow < 0:
		return fmt.Errorf("fail window %v: must not be negative", t.FailWindow)
	}
	return nil
}

// LinkState is a link's state and the streaks that move it.
type LinkState struct {
	State      string
	Since      time.Time // when State began
	FailStreak int
	FailSince  time.Time // the first failing check of the current streak
	OKStreak   int
	OKSince    time.Time // the first good check of the current streak
}

// Transition is what a check did to a link's state: "", "down" or "up".
type Transition string

// NextState applies one check, good or failing, made at at.
func NextState(s LinkState, good bool, at time.Time, t Thresholds) (LinkState, Transition) {
	if s.State == "" {
		s.State, s.Since = StateUp, at
	}
	if good {
		if s.OKStreak == 0 {
			s.OKSince = at
		}
		s.OKStreak++
		s.FailStreak, s.FailSince = 0, time.Time{}
		switch s.State {
		case StateSuspect:
			s.State, s.Since = StateUp, at
		case StateDown:
			if s.OKStreak >= t.RecoverThreshold {
				s.State, s.Since = StateUp, s.OKSince
				return s, "up"
			}
		}
		return s, ""
	}
	if s.FailStreak == 0 {
		s.FailSince = at
	}
	s.FailStreak++
	s.OKStreak, s.OKSince = 0, time.Time{}
	if s.State == StateUp {
		s.State, s.Since = StateSuspect, at
	}
	if s.State == StateSuspect && s.FailStreak >= t.FailThreshold && at.Sub(s.FailSince) >= t.FailWindow {
		s.State, s.Since = StateDown, s.FailSince
		return s, "down"
	}
	return s, ""
}
