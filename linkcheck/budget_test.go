package linkcheck

import (
	"context"
	"testing"
	"time"
)

// TestBudgetPauses: a check's context ends when its time has run, not
// counting the time its requests were paused (waiting for their turn at
// a host), however many wait at once; Pause on a context of no check
// does nothing, and a resume after the time ran out does not revive it.
func TestBudgetPauses(t *testing.T) {
	const d = 80 * time.Millisecond
	t.Run("runs out", func(t *testing.T) {
		ctx, cancel := withBudget(context.Background(), d)
		defer cancel()
		start := time.Now()
		<-ctx.Done()
		if el := time.Since(start); el < d-5*time.Millisecond {
			t.Errorf("ended after %v, want %v", el, d)
		}
		if context.Cause(ctx) != context.DeadlineExceeded {
			t.Errorf("cause %v, want the deadline", context.Cause(ctx))
		}
	})
	t.Run("paused time not counted", func(t *testing.T) {
		ctx, cancel := withBudget(context.Background(), d)
		defer cancel()
		start := time.Now()
		r1 := Pause(ctx)
		r2 := Pause(ctx) // two requests waiting at once
		time.Sleep(2 * d)
		r1()
		time.Sleep(d / 2)
		if ctx.Err() != nil {
			t.Fatal("ended while a request still waited")
		}
		r2()
		r2() // a second resume is no second one
		<-ctx.Done()
		if el := time.Since(start); el < 2*d+d/2+d-10*time.Millisecond {
			t.Errorf("ended after %v, want at least %v (the paused %v not counted)", el, 2*d+d/2+d, 2*d+d/2)
		}
	})
	t.Run("resume after the end", func(t *testing.T) {
		ctx, cancel := withBudget(context.Background(), d)
		defer cancel()
		<-ctx.Done()
		resume := Pause(ctx)
		resume()
		if ctx.Err() == nil {
			t.Fatal("a check whose time ran out came back")
		}
	})
	t.Run("not a check", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		resume := Pause(ctx)
		<-ctx.Done()
		resume()
	})
	t.Run("parent ends", func(t *testing.T) {
		parent, stop := context.WithCancel(context.Background())
		ctx, cancel := withBudget(parent, time.Hour)
		defer cancel()
		resume := Pause(ctx)
		stop()
		<-ctx.Done()
		resume()
	})
}
