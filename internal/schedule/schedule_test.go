package schedule

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func status(s *Scheduler, name string) JobStatus {
	for _, st := range s.Status() {
		if st.Name == name {
			return st
		}
	}
	return JobStatus{}
}

func TestSecondLevelScheduleRuns(t *testing.T) {
	s := New(Options{})
	var runs atomic.Int32
	if err := s.Add(Job{Name: "tick", Spec: "* * * * * *", Run: func(context.Context) error { runs.Add(1); return nil }}); err != nil {
		t.Fatal(err)
	}
	s.Start()
	defer s.Stop(context.Background())
	waitFor(t, "a run from the schedule", func() bool { return runs.Load() >= 1 })
	if st := status(s, "tick"); st.LastResult != "ok" || st.Next.IsZero() {
		t.Errorf("status %+v", st)
	}
}

func TestSkipIfStillRunningAndNoOverlap(t *testing.T) {
	s := New(Options{})
	release := make(chan struct{})
	var aRuns, bStarted atomic.Int32
	s.Add(Job{Name: "crawl", Spec: "@yearly", Run: func(context.Context) error { aRuns.Add(1); <-release; return nil }})
	s.Add(Job{Name: "links", Spec: "@yearly", Run: func(context.Context) error { bStarted.Add(1); return nil }})
	s.RunNow("crawl")
	waitFor(t, "the crawl to start", func() bool { return aRuns.Load() == 1 })
	s.RunNow("crawl") // still running: skipped
	s.RunNow("links") // waits for its turn
	time.Sleep(50 * time.Millisecond)
	if bStarted.Load() != 0 {
		t.Error("a link check ran while the crawl was still running")
	}
	if st := status(s, "crawl"); !strings.HasPrefix(st.LastResult, "skipped") || !st.Running {
		t.Errorf("crawl status %+v", st)
	}
	close(release)
	waitFor(t, "the link check after the crawl", func() bool { return bStarted.Load() == 1 })
	s.Stop(context.Background())
	if aRuns.Load() != 1 {
		t.Errorf("crawl ran %d times, want 1 (the second trigger was skipped)", aRuns.Load())
	}
}

func TestPanicAndTimeout(t *testing.T) {
	s := New(Options{Timeout: 30 * time.Millisecond})
	var observed []error
	s.opts.Observe = func(job string, _ time.Time, _ time.Duration, err error) { observed = append(observed, err) }
	s.Add(Job{Name: "boom", Spec: "@yearly", Run: func(context.Context) error { panic("kaputt") }})
	s.Add(Job{Name: "slow", Spec: "@yearly", Run: func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }})
	s.RunNow("boom")
	waitFor(t, "the panic to be recovered", func() bool { return status(s, "boom").Runs == 1 })
	s.RunNow("slow")
	waitFor(t, "the timeout", func() bool { return status(s, "slow").Runs == 1 })
	s.Stop(context.Background())
	if st := status(s, "boom"); !strings.Contains(st.LastResult, "panic: kaputt") || st.Failures != 1 {
		t.Errorf("boom: %+v", st)
	}
	if st := status(s, "slow"); !strings.Contains(st.LastResult, "deadline exceeded") {
		t.Errorf("slow: %+v", st)
	}
	if len(observed) != 2 || !errors.Is(observed[0], errPanic) {
		t.Errorf("observed %v", observed)
	}
}

func TestCatchUpRunsMissedJobsOnce(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 30, 0, 0, time.UTC)
	s := New(Options{CatchUp: true, Now: func() time.Time { return now }})
	var missed, onTime, never atomic.Int32
	s.Add(Job{Name: "missed", Spec: "0 * * * *", LastRun: now.Add(-5 * time.Hour), Run: func(context.Context) error { missed.Add(1); return nil }})
	s.Add(Job{Name: "on-time", Spec: "0 * * * *", LastRun: now.Add(-25 * time.Minute), Run: func(context.Context) error { onTime.Add(1); return nil }})
	s.Add(Job{Name: "never-ran", Spec: "0 3 * * 1", Run: func(context.Context) error { never.Add(1); return nil }})
	s.Start()
	waitFor(t, "catch-up runs", func() bool { return missed.Load() == 1 && never.Load() == 1 })
	time.Sleep(30 * time.Millisecond)
	s.Stop(context.Background())
	if missed.Load() != 1 || onTime.Load() != 0 || never.Load() != 1 {
		t.Errorf("runs: missed %d (want 1, not one per missed slot), on time %d (want 0), never ran %d (want 1)", missed.Load(), onTime.Load(), never.Load())
	}
}

// TestCatchUpSaysWhatItRuns checks the catch-up's log: on a first start
// (nothing ever ran) no job is said to have been missed while the daemon
// was down; a job whose slot passed since its last run is.
func TestCatchUpSaysWhatItRuns(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 30, 0, 0, time.UTC)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil))
	s := New(Options{CatchUp: true, Now: func() time.Time { return now }, Logger: log})
	var runs atomic.Int32
	s.Add(Job{Name: "crawl osservatorio", Spec: "0 3 * * 1", Run: func(context.Context) error { runs.Add(1); return nil }})
	s.Add(Job{Name: "links", Spec: "0 */6 * * *", Run: func(context.Context) error { runs.Add(1); return nil }})
	s.Start()
	waitFor(t, "the first runs", func() bool { return runs.Load() == 2 })
	s.Stop(context.Background())
	out := logs.String()
	if strings.Contains(out, "missed") || strings.Count(out, "never run") != 2 {
		t.Errorf("first start, nothing ever ran; the log says:\n%s", out)
	}

	logs.Reset()
	s = New(Options{CatchUp: true, Now: func() time.Time { return now }, Logger: log})
	s.Add(Job{Name: "links", Spec: "0 */6 * * *", LastRun: now.Add(-7 * time.Hour), Run: func(context.Context) error { runs.Add(1); return nil }})
	s.Start()
	waitFor(t, "the missed run", func() bool { return runs.Load() == 3 })
	s.Stop(context.Background())
	if out := logs.String(); !strings.Contains(out, "missed while the daemon was down") || strings.Contains(out, "never run") {
		t.Errorf("a slot passed while down; the log says:\n%s", out)
	}
}

// syncWriter serializes writes from the scheduler's goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

func TestStopCancelsAfterTheDeadline(t *testing.T) {
	s := New(Options{})
	canceled := make(chan struct{})
	s.Add(Job{Name: "long", Spec: "@yearly", Run: func(ctx context.Context) error { <-ctx.Done(); close(canceled); return ctx.Err() }})
	s.RunNow("long")
	waitFor(t, "the job to start", func() bool { return status(s, "long").Running && !status(s, "long").LastStart.IsZero() })
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	s.Stop(ctx)
	select {
	case <-canceled:
	default:
		t.Fatal("Stop returned before the job saw its cancellation")
	}
	if err := s.RunNow("long"); err != nil {
		t.Fatal(err)
	}
	if status(s, "long").Runs != 1 {
		t.Error("a stopped scheduler started a run")
	}
}

func TestBadSpec(t *testing.T) {
	s := New(Options{})
	if err := s.Add(Job{Name: "x", Spec: "61 * * * *", Run: func(context.Context) error { return nil }}); err == nil {
		t.Error("a bad spec was accepted")
	}
}
