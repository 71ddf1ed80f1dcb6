package jobs

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestParseGate: parses wait for a slot and for room in the byte budget;
// a parse larger than the budget runs alone; a canceled wait gives up.
func TestParseGate(t *testing.T) {
	g := &parseGate{maxSlots: 2, maxBytes: 100, wake: make(chan struct{})}
	ctx := context.Background()
	if err := g.acquire(ctx, 60); err != nil {
		t.Fatal(err)
	}
	got := make(chan int64, 3)
	go func() {
		if g.acquire(ctx, 50) == nil { // 60 + 50 > 100: waits
			got <- 50
		}
	}()
	select {
	case n := <-got:
		t.Fatalf("a %d-byte parse ran past the budget", n)
	case <-time.After(50 * time.Millisecond):
	}
	if err := g.acquire(ctx, 40); err != nil { // 60 + 40 fits, second slot
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if err := g.acquire(short, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("no slot left: err = %v, want the context's", err)
	}
	g.release(60)
	g.release(40)
	select {
	case <-got:
	case <-time.After(2 * time.Second):
		t.Fatal("the waiting parse never ran")
	}
	g.release(50)
	if err := g.acquire(ctx, 500); err != nil { // larger than the budget: alone
		t.Fatal(err)
	}
	if g.slots != 1 || g.bytes != 500 {
		t.Errorf("slots %d bytes %d", g.slots, g.bytes)
	}
}
