// Package schedule runs archivio's jobs on cron schedules: each job with a
// timeout, panic recovery, skipped when its previous run is still going,
// started after a little jitter, and never overlapping another job (they
// all write the same data directory). A job missed while the daemon was
// down runs once at start, not once per missed slot, and so does a job
// that has never run.
package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// parser reads the schedules archivio accepts: five fields, an optional
// leading seconds field, or a descriptor such as @every 6h or @daily.
var parser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Parse reads a schedule as the scheduler will run it. It is the one cron
// parser: archivio.yaml's schedules are checked with it too.
func Parse(spec string) (cron.Schedule, error) { return parser.Parse(spec) }

// Job is one scheduled job.
type Job struct {
	Name    string // e.g. "crawl osservatorio", "links"
	Spec    string
	Run     func(ctx context.Context) error
	LastRun time.Time // when it last ran before this daemon started (for catch-up); zero if never
}

// Options configure a Scheduler.
type Options struct {
	Location *time.Location   // default Europe/Rome... or UTC when unavailable
	Timeout  time.Duration    // per run, default 6h
	Jitter   time.Duration    // up to this long before each run, default 0
	CatchUp  bool             // run once at start a job whose slot passed while down
	Logger   *slog.Logger     // default discards
	Now      func() time.Time // default time.Now
	// Observe, when set, hears of every finished run (for metrics).
	Observe func(job string, started time.Time, d time.Duration, err error)
}

// JobStatus is a job's state for /status and "archivio status".
type JobStatus struct {
	Name       string    `json:"name"`
	Spec       string    `json:"schedule"`
	Running    bool      `json:"running"`
	LastStart  time.Time `json:"last_start"`
	LastEnd    time.Time `json:"last_end"`
	LastResult string    `json:"last_result"` // ok, error: ..., skipped, panic: ...
	Next       time.Time `json:"next"`
	Runs       int       `json:"runs"`
	Failures   int       `json:"failures"`
}

// Scheduler owns the cron runner and every run it starts.
type Scheduler struct {
	opts Options
	cron *cron.Cron

	ctx      context.Context // runs' parent: canceled by Stop after the grace period
	cancel   context.CancelFunc
	stopping chan struct{}  // closed when Stop begins: runs not yet started give up
	write    sync.Mutex     // jobs take turns with the data directory
	wg       sync.WaitGroup // runs in flight

	mu    sync.Mutex
	jobs  map[string]*entry
	order []string
}

type entry struct {
	job     Job
	id      cron.EntryID
	running bool
	status  JobStatus
}

// New makes a scheduler; add jobs, then Start.
func New(opts Options) *Scheduler {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 6 * time.Hour
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Scheduler{opts: opts, ctx: ctx, cancel: cancel, stopping: make(chan struct{}), jobs: map[string]*entry{}}
	s.cron = cron.New(cron.WithLocation(opts.Location), cron.WithParser(parser), cron.WithLogger(cronLogger{opts.Logger}))
	return s
}

// Add schedules a job.
func (s *Scheduler) Add(j Job) error {
	if _, err := Parse(j.Spec); err != nil {
		return fmt.Errorf("schedule %s: %q: %w", j.Name, j.Spec, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.jobs[j.Name]; dup {
		return fmt.Errorf("schedule %s: added twice", j.Name)
	}
	e := &entry{job: j, status: JobStatus{Name: j.Name, Spec: j.Spec, LastStart: j.LastRun}}
	id, err := s.cron.AddFunc(j.Spec, func() { s.trigger(j.Name) })
	if err != nil {
		return fmt.Errorf("schedule %s: %w", j.Name, err)
	}
	e.id = id
	s.jobs[j.Name] = e
	s.order = append(s.order, j.Name)
	return nil
}

// Start starts the schedules, and the catch-up runs: of jobs that have
// never run (a new archive), and of jobs whose slot passed while the
// daemon was down. Each is logged as what it is.
func (s *Scheduler) Start() {
	s.cron.Start()
	if !s.opts.CatchUp {
		return
	}
	now := s.opts.Now()
	s.mu.Lock()
	var missed, first []string
	for _, name := range s.order {
		e := s.jobs[name]
		if e.job.LastRun.IsZero() {
			first = append(first, name) // never ran (a new archive): nothing was missed
			continue
		}
		sched, _ := Parse(e.job.Spec)
		if next := sched.Next(e.job.LastRun.In(s.opts.Location)); next.Before(now) {
			missed = append(missed, name)
		}
	}
	s.mu.Unlock()
	for _, name := range first {
		s.opts.Logger.Info("running a job that has never run", "job", name)
		s.trigger(name)
	}
	for _, name := range missed {
		s.opts.Logger.Info("running a job missed while the daemon was down", "job", name)
		s.trigger(name)
	}
}

// RunNow starts a job outside its schedule (skipped when it is running).
func (s *Scheduler) RunNow(name string) error {
	s.mu.Lock()
	_, ok := s.jobs[name]
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("no job %q", name)
	}
	s.trigger(name)
	return nil
}

// trigger starts one run of a job unless it is still running.
func (s *Scheduler) trigger(name string) {
	s.mu.Lock()
	e := s.jobs[name]
	stopping := false
	select {
	case <-s.stopping:
		stopping = true
	default:
	}
	if e == nil || stopping {
		s.mu.Unlock()
		return
	}
	if e.running {
		e.status.LastResult = "skipped: still running"
		s.mu.Unlock()
		s.opts.Logger.Warn("job skipped: still running", "job", name)
		return
	}
	e.running = true
	s.wg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.wg.Done()
		s.run(e)
	}()
}

// run waits for its jitter and its turn, then runs the job with a timeout,
// recovering from a panic.
func (s *Scheduler) run(e *entry) {
	defer func() {
		s.mu.Lock()
		e.running = false
		s.mu.Unlock()
	}()
	if j := s.opts.Jitter; j > 0 {
		t := time.NewTimer(rand.N(j))
		defer t.Stop()
		select {
		case <-t.C:
		case <-s.stopping:
			return
		}
	}
	s.write.Lock()
	defer s.write.Unlock()
	select {
	case <-s.stopping:
		return // the daemon is stopping: a run not yet begun is not begun
	default:
	}
	ctx, cancel := context.WithTimeout(s.ctx, s.opts.Timeout)
	defer cancel()
	started := s.opts.Now()
	s.mu.Lock()
	e.status.LastStart = started
	s.mu.Unlock()
	err := safeRun(ctx, e.job.Run)
	d := s.opts.Now().Sub(started)
	s.mu.Lock()
	e.status.Runs++
	e.status.LastEnd = s.opts.Now()
	if err != nil {
		e.status.Failures++
		e.status.LastResult = "error: " + err.Error()
	} else {
		e.status.LastResult = "ok"
	}
	s.mu.Unlock()
	if err != nil {
		s.opts.Logger.Error("job failed", "job", e.job.Name, "err", err, "duration", d.Round(time.Millisecond))
	} else {
		s.opts.Logger.Info("job done", "job", e.job.Name, "duration", d.Round(time.Millisecond))
	}
	if s.opts.Observe != nil {
		s.opts.Observe(e.job.Name, started, d, err)
	}
}

// errPanic marks a run that panicked.
var errPanic = errors.New("panic")

func safeRun(ctx context.Context, fn func(context.Context) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errPanic, r)
		}
	}()
	return fn(ctx)
}

// Stop stops scheduling, lets runs in flight finish until ctx ends, then
// cancels them and waits for them to return.
func (s *Scheduler) Stop(ctx context.Context) {
	s.mu.Lock()
	select {
	case <-s.stopping:
	default:
		close(s.stopping)
	}
	s.mu.Unlock()
	<-s.cron.Stop().Done()
	done := make(chan struct{})
	go func() {
		s.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		s.opts.Logger.Warn("jobs still running at the deadline: canceling them")
		s.cancel()
		<-done
	}
	s.cancel()
}

// Status returns every job's state, by name.
func (s *Scheduler) Status() []JobStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]JobStatus, 0, len(s.jobs))
	for _, e := range s.jobs {
		st := e.status
		st.Running = e.running
		st.Next = s.cron.Entry(e.id).Next
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}
