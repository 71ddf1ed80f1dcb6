package archive

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"
)

// A Committer is the catalogue stage of a crawl: the one goroutine that
// writes the catalog while the crawl runs. Writes (captures, settled
// frontier entries, records, parse results) wait in a bounded queue and
// are committed in groups: one transaction every MaxCaptures captures or
// MaxDelay after the oldest waiting write, whichever comes first. A writer
// whose write finds the queue full waits (backpressure), so memory stays
// bounded whatever the crawl's size.
//
// The durability rules, in the order they happen:
//
//  1. A capture's WARC record is written whole to its file (write(2)
//     returned) before its capture is queued (Recorder.RoundTrip).
//  2. Before the transaction of a group that holds captures commits, the
//     open WARC file is flushed to the disk (WARCWriter.Sync; its entry in
//     the folder was synced when it was created; a file closed by a
//     rotation was flushed, then its index written, then it was renamed
//     and the folder synced, before the next record went to a new file).
//     So every WARC record the catalog names is whole on disk, after a
//     kill -9 and after a power failure alike. (The catalog's own commit
//     is then durable as SQLite's WAL with synchronous=NORMAL makes it:
//     after a power failure the last commits may be lost, never the WARC
//     records they name.)
//  3. Writes commit in the order they were queued, and a Write is never
//     split between transactions: a frontier entry is settled in the same
//     transaction as the links its page yielded, and after the capture and
//     the record read from that page (jobs queue them first). A settled
//     page is never without its links or its record, whenever the process
//     dies.
//  4. A write counts as done (its OnCommit calls run) only once its
//     transaction has committed. What a kill loses is only what was not
//     committed: captures whose records are in the WARC files (the next
//     run catalogues them from the files, see RepairOpenFiles and the
//     crawl's reconcile), and pages left queued, which --resume takes from
//     the archive rather than fetch again.
//  5. Flush and Close return once everything queued before them has
//     committed: a crawl that ends, or is stopped, commits what it did.
//
// After a failed commit (a full disk) the Committer takes no more writes:
// every later call returns the error, and what was queued is dropped.
type Committer struct {
	s    *Store
	opts CommitOptions

	mu      sync.Mutex
	queue   []*pending
	queued  int   // writes waiting, in filled entries
	err     error // the first failure: nothing commits after it
	closing bool
	wake    chan struct{} // the loop's doorbell (one slot)
	space   chan struct{} // closed and replaced when writes leave the queue
	done    chan struct{} // closed when the loop has ended

	digests digestSet // the full captures' payload digests, for OriginalCapture
}

// CommitOptions configure a Committer. Zero values take the defaults.
type CommitOptions struct {
	// MaxCaptures commits a group once it holds this many captures
	// (default 128).
	MaxCaptures int
	// MaxDelay commits a group at most this long after its oldest write
	// was queued (default 100ms).
	MaxDelay time.Duration
	// MaxQueued is the most writes waiting (default 4096): a writer waits
	// while the queue is full.
	MaxQueued int
	// Sync, when set, runs before the commit of every group that holds
	// captures: the WARC writer's Sync, which makes their records durable.
	Sync func() error
}

// Committer defaults.
const (
	DefaultCommitCaptures = 128
	DefaultCommitDelay    = 100 * time.Millisecond
	DefaultCommitQueue    = 4096
)

// ErrCommitterClosed is returned by a write to a closed Committer.
var ErrCommitterClosed = errors.New("catalog committer closed")

// pending is a queue entry: writes to commit together (a Slot until
// filled), or a flush mark.
type pending struct {
	writes []Write
	ready  bool
	at     time.Time
	flush  chan error // a Flush waiting for everything before it
}

// NewCommitter starts the catalogue stage of s. Close it to commit what
// waits and stop it.
func (s *Store) NewCommitter(opts CommitOptions) *Committer {
	if opts.MaxCaptures <= 0 {
		opts.MaxCaptures = DefaultCommitCaptures
	}
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = DefaultCommitDelay
	}
	if opts.MaxQueued <= 0 {
		opts.MaxQueued = DefaultCommitQueue
	}
	c := &Committer{s: s, opts: opts, wake: make(chan struct{}, 1), space: make(chan struct{}), done: make(chan struct{})}
	if s.readOnly {
		c.err = ErrReadOnly
	}
	go c.loop()
	return c
}

// Dir is the store's data directory (the Recorder names it when the disk
// is full).
func (c *Committer) Dir() string { return c.s.Dir() }

// AddCapture queues the capture of c, giving it its id: the capture is in
// the catalog once its group commits. The recording transport lists its
// captures here.
func (c *Committer) AddCapture(ctx context.Context, cp *Capture) (int64, error) {
	id, err := c.s.newCaptureID(ctx)
	if err != nil {
		return 0, err
	}
	cp.ID = id
	if err := c.Write(ctx, CaptureWrite(cp).OnCommit(func() { c.digests.add(cp) })); err != nil {
		return 0, err
	}
	return id, nil
}

// OriginalCapture finds the capture a revisit refers to among the
// committed ones (Store.OriginalCapture). A digest no committed full
// capture has is answered ErrNotFound without a query (digestSet).
func (c *Committer) OriginalCapture(ctx context.Context, url, digest string) (*Capture, error) {
	if err := c.digests.load(ctx, c.s); err == nil && !c.digests.mayHave(digest) {
		return nil, fmt.Errorf("original capture of %s: %w", url, ErrNotFound)
	}
	return c.s.OriginalCapture(ctx, url, digest)
}

// Write queues writes, to commit together in one transaction, after
// everything queued before them. It waits while the queue is full, until
// ctx ends.
func (c *Committer) Write(ctx context.Context, writes ...Write) error {
	if len(writes) == 0 {
		return c.Err()
	}
	_, err := c.enqueue(ctx, &pending{writes: writes, ready: true}, len(writes))
	return err
}

// A Slot is a place in a Committer's queue held for writes not known yet
// (a page still being parsed): what is queued after it commits after it.
// Fill it exactly once.
type Slot struct {
	c *Committer
	p *pending
}

// Reserve holds the next place in the queue. It waits while the queue is
// full, until ctx ends.
func (c *Committer) Reserve(ctx context.Context) (*Slot, error) {
	p := &pending{}
	if _, err := c.enqueue(ctx, p, 1); err != nil {
		return nil, err
	}
	return &Slot{c: c, p: p}, nil
}

// Fill gives the slot its writes (none is fine): they commit together, in
// the slot's place.
func (sl *Slot) Fill(writes ...Write) {
	c := sl.c
	c.mu.Lock()
	if !sl.p.ready {
		sl.p.writes, sl.p.ready = writes, true
		c.queued += len(writes) - 1 // the slot counted for one while empty
	}
	c.mu.Unlock()
	c.ring()
}

// Flush waits until everything queued before it has committed, and
// returns the error that stopped the committer, if any.
func (c *Committer) Flush(ctx context.Context) error {
	p := &pending{ready: true, flush: make(chan error, 1)}
	if _, err := c.enqueue(ctx, p, 0); err != nil {
		return err
	}
	select {
	case err := <-p.flush:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Err returns the error that stopped the committer, if any.
func (c *Committer) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Close commits what is queued and stops the committer. A slot never
// filled is an error (what follows it still commits). Close returns the
// error that stopped the committer, if any.
func (c *Committer) Close() error {
	c.mu.Lock()
	c.closing = true
	c.mu.Unlock()
	c.ring()
	<-c.done
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *Committer) enqueue(ctx context.Context, p *pending, n int) (*pending, error) {
	c.mu.Lock()
	for c.err == nil && !c.closing && c.queued+n > c.opts.MaxQueued && c.queued > 0 {
		space := c.space
		c.mu.Unlock()
		c.ring() // a full queue commits at once
		select {
		case <-space:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		c.mu.Lock()
	}
	defer c.mu.Unlock()
	if c.err != nil {
		return nil, c.err
	}
	if c.closing {
		return nil, ErrCommitterClosed
	}
	p.at = time.Now()
	c.queue = append(c.queue, p)
	c.queued += n
	if p.ready {
		c.ring()
	}
	return p, nil
}

// ring wakes the loop.
func (c *Committer) ring() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// loop commits groups until the committer closes.
func (c *Committer) loop() {
	defer close(c.done)
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		group, n, wait, stop := c.next()
		if stop {
			return
		}
		if group == nil {
			if wait > 0 {
				timer.Reset(wait)
				select {
				case <-c.wake:
				case <-timer.C:
				}
				timer.Stop()
			} else {
				<-c.wake
			}
			continue
		}
		err := c.commit(group)
		c.mu.Lock()
		if err != nil && c.err == nil {
			c.err = err
		}
		err = c.err
		c.queued -= n
		close(c.space)
		c.space = make(chan struct{})
		c.mu.Unlock()
		for _, p := range group {
			if p.flush != nil {
				p.flush <- err
			}
		}
	}
}

// next takes the group to commit now, or says how long to wait for one
// (0: until rung), or that the loop is over.
func (c *Committer) next() (group []*pending, n int, wait time.Duration, stop bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing && len(c.queue) == 0 {
		return nil, 0, 0, true
	}
	// The ready head of the queue: what may commit now, in order.
	captures, ready, flush := 0, 0, false
	for _, p := range c.queue {
		if !p.ready {
			if !c.closing {
				break
			}
			// Closing with a slot never filled: its page's writes are
			// lost; what follows commits all the same.
			p.ready = true
			c.queued--
			if c.err == nil {
				c.err = fmt.Errorf("catalog committer closed with a reserved slot never filled")
			}
		}
		ready++
		flush = flush || p.flush != nil
		for _, w := range p.writes {
			if w.names {
				captures++
			}
		}
		if captures >= c.opts.MaxCaptures {
			break
		}
	}
	if ready == 0 {
		return nil, 0, 0, false
	}
	age := time.Since(c.queue[0].at)
	due := c.closing || c.err != nil || flush || captures >= c.opts.MaxCaptures ||
		c.queued >= c.opts.MaxQueued || age >= c.opts.MaxDelay
	if !due {
		return nil, 0, c.opts.MaxDelay - age, false
	}
	group = slices.Clone(c.queue[:ready])
	// The taken entries are cleared: the queue's array would otherwise
	// keep them, and their writes, from the collector.
	clear(c.queue[:ready])
	c.queue = c.queue[ready:]
	for _, p := range group {
		n += len(p.writes)
	}
	return group, n, 0, false
}

// commit runs a group's writes in one transaction, after making the WARC
// records its captures name durable, then their OnCommit calls. After a
// failure nothing commits: the writes are dropped.
func (c *Committer) commit(group []*pending) error {
	if err := c.Err(); err != nil {
		return err
	}
	var writes []Write
	names := false
	for _, p := range group {
		for _, w := range p.writes {
			writes = append(writes, w)
			names = names || w.names
		}
	}
	if len(writes) == 0 {
		return nil
	}
	// The catalog runs on even when the crawl was stopped: a stop commits
	// what it did.
	ctx := context.Background()
	if names && c.opts.Sync != nil {
		if err := c.opts.Sync(); err != nil {
			return fmt.Errorf("commit catalog: make the WARC records durable first: %w", err)
		}
	}
	if err := c.s.prepareWrites(ctx); err != nil {
		return fmt.Errorf("commit catalog: %w", diskFull(err, c.s.Dir()))
	}
	if err := c.s.runWrites(ctx, writes); err != nil {
		return fmt.Errorf("commit catalog: %w", diskFull(err, c.s.Dir()))
	}
	for _, w := range writes {
		if w.done != nil {
			w.done()
		}
	}
	return nil
}
