package archive

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testCapture(crawlID int64, n int) *Capture {
	return &Capture{CrawlID: crawlID, URL: fmt.Sprintf("https://x/p/%d", n), FetchedAt: time.Now(), Status: 200,
		PayloadDigest: "sha1:X", WARCFile: "f.warc.gz", WARCOffset: int64(n) * 100, WARCLength: 100, WARCRecordID: fmt.Sprintf("<urn:%d>", n)}
}

// countRows counts rows of a table as a reader sees them (committed).
func countRows(t *testing.T, st *Store, table string) int {
	t.Helper()
	var n int
	if err := st.db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCommitterGroupsWrites: writes commit in groups of MaxCaptures
// captures, or MaxDelay after the oldest; a write counts as done only once
// committed; the WARC files are synced before every commit that holds
// captures, and not for one that holds none.
func TestCommitterGroupsWrites(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	crawl, _ := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	var syncs atomic.Int32
	com := st.NewCommitter(CommitOptions{MaxCaptures: 10, MaxDelay: time.Hour, Sync: func() error {
		syncs.Add(1)
		return nil
	}})
	var committed atomic.Int32
	var ids []int64
	for i := range 9 {
		c := testCapture(crawl, i)
		id, err := com.AddCapture(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		if err := com.Write(ctx, FetchErrorWrite(crawl, c.URL, "timeout", "x", time.Now()).OnCommit(func() { committed.Add(1) })); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(50 * time.Millisecond)
	if n := countRows(t, st, "captures"); n != 0 || committed.Load() != 0 || syncs.Load() != 0 {
		t.Fatalf("9 captures of a group of 10: %d committed, %d counted, %d syncs; want none yet", n, committed.Load(), syncs.Load())
	}
	if _, err := com.AddCapture(ctx, testCapture(crawl, 9)); err != nil { // the tenth: the group commits
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	// The writes' callbacks run once their transaction has committed,
	// after the rows are visible: wait for both.
	for countRows(t, st, "captures") != 10 || committed.Load() < 9 {
		if time.Now().After(deadline) {
			t.Fatalf("group of 10 captures not committed: %d writes counted", committed.Load())
		}
		time.Sleep(time.Millisecond)
	}
	if syncs.Load() != 1 || committed.Load() != 9 {
		t.Errorf("after one group: %d syncs, %d writes counted; want 1 and 9", syncs.Load(), committed.Load())
	}
	for i, id := range ids {
		c, err := st.Capture(ctx, id)
		if err != nil || c.URL != fmt.Sprintf("https://x/p/%d", i) {
			t.Errorf("capture id %d: %v %v", id, c, err)
		}
	}
	// A flush commits what waits at once; a group without captures needs
	// no sync.
	if err := com.Write(ctx, FetchErrorWrite(crawl, "https://x/late", "timeout", "x", time.Now())); err != nil {
		t.Fatal(err)
	}
	if err := com.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, st, "fetch_errors"); n != 10 || syncs.Load() != 1 {
		t.Errorf("after flush: %d fetch errors, %d syncs; want 10 and 1", n, syncs.Load())
	}
	if err := com.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := com.AddCapture(ctx, testCapture(crawl, 99)); !errors.Is(err, ErrCommitterClosed) {
		t.Errorf("write after close: %v", err)
	}
	// Captures added directly take ids after those the committer gave.
	id, err := st.AddCapture(ctx, testCapture(crawl, 100))
	if err != nil || id <= ids[len(ids)-1] {
		t.Errorf("direct capture after the committer's: id %d, %v", id, err)
	}
}

// TestCommitterDelay: a write commits at most MaxDelay after it was
// queued, however few wait.
func TestCommitterDelay(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	crawl, _ := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	com := st.NewCommitter(CommitOptions{MaxCaptures: 1000, MaxDelay: 20 * time.Millisecond})
	defer com.Close()
	done := make(chan struct{})
	if err := com.Write(ctx, FetchErrorWrite(crawl, "https://x/1", "timeout", "x", time.Now()).OnCommit(func() { close(done) })); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a lone write was not committed after its delay")
	}
	if n := countRows(t, st, "fetch_errors"); n != 1 {
		t.Errorf("%d fetch errors committed, want 1", n)
	}
}

// TestCommitterSlotKeepsOrder: what is queued after a reserved slot
// commits only after the slot is filled, and in one transaction with it
// when they are ready together; the slot's writes come first.
func TestCommitterSlotKeepsOrder(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	crawl, _ := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	if _, err := st.AddToFrontier(ctx, crawl, []FrontierEntry{{Key: "url:/processi", URL: "https://x/processi"}}); err != nil {
		t.Fatal(err)
	}
	com := st.NewCommitter(CommitOptions{MaxDelay: time.Millisecond})
	slot, err := com.Reserve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The page's child is settled after the page's slot: it needs the
	// entry the slot's settle adds.
	child, _ := SettleWrite(crawl, "record:1", FrontierDone, "", nil)
	if err := com.Write(ctx, child); err != nil {
		t.Fatal(err)
	}
	time.Sleep(30 * time.Millisecond)
	if n := countRows(t, st, "frontier WHERE state = 'done'"); n != 0 {
		t.Fatalf("%d entries settled before the slot ahead of them was filled", n)
	}
	settle, _ := SettleWrite(crawl, "url:/processi", FrontierDone, "", []FrontierEntry{{Key: "record:1", URL: "https://x/scheda-processo/1"}})
	slot.Fill(settle)
	if err := com.Flush(ctx); err != nil {
		t.Fatalf("flush after the slot was filled: %v", err)
	}
	if n := countRows(t, st, "frontier WHERE state = 'done'"); n != 2 {
		t.Errorf("%d entries settled, want 2", n)
	}
	if err := com.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestCommitterFailureStops: a write that fails rolls back its whole
// group, and the committer then takes no more writes: the error comes
// back to every caller, flushes included, and nothing counts as done.
func TestCommitterFailureStops(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	crawl, _ := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	com := st.NewCommitter(CommitOptions{MaxDelay: time.Hour})
	var counted atomic.Int32
	if _, err := com.AddCapture(ctx, testCapture(crawl, 1)); err != nil {
		t.Fatal(err)
	}
	bad, _ := SettleWrite(crawl, "record:404", FrontierDone, "", nil) // not in the frontier
	if err := com.Write(ctx, bad.OnCommit(func() { counted.Add(1) })); err != nil {
		t.Fatal(err)
	}
	err = com.Flush(ctx)
	if err == nil {
		t.Fatal("flush of a failing group: no error")
	}
	if n := countRows(t, st, "captures"); n != 0 || counted.Load() != 0 {
		t.Errorf("after a failed group: %d captures committed, %d writes counted; want none", n, counted.Load())
	}
	if err2 := com.Write(ctx, FetchErrorWrite(crawl, "https://x", "timeout", "x", time.Now())); err2 == nil {
		t.Error("write after a failure: no error")
	}
	if err2 := com.Close(); err2 == nil {
		t.Error("close after a failure: no error")
	}
}

// TestCommitterBackpressure: a writer waits while the queue is full, and
// goes on once a group has committed; the queue never holds more than its
// bound.
func TestCommitterBackpressure(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	crawl, _ := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	slowSync := make(chan struct{})
	com := st.NewCommitter(CommitOptions{MaxCaptures: 1000, MaxQueued: 8, MaxDelay: time.Hour, Sync: func() error {
		<-slowSync
		return nil
	}})
	var wrote atomic.Int32
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 30 {
			if _, err := com.AddCapture(ctx, testCapture(crawl, i)); err != nil {
				t.Error(err)
				return
			}
			wrote.Add(1)
		}
	}()
	time.Sleep(100 * time.Millisecond)
	if n := wrote.Load(); n > 16 {
		t.Errorf("%d writes queued while the committer was held, want at most the queue's 8 and one group's", n)
	}
	close(slowSync)
	wg.Wait()
	if err := com.Close(); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, st, "captures"); n != 30 {
		t.Errorf("%d captures committed, want 30", n)
	}
}

// TestCommitterOriginalCapture: the committer finds the original of a
// revisit among the captures committed before it started and those it
// committed itself, and answers a digest no full capture has without
// one.
func TestCommitterOriginalCapture(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	crawl, _ := st.StartCrawl(ctx, "osservatorio", "https://x", time.Now())
	before := testCapture(crawl, 1)
	before.PayloadDigest = "sha1:BEFORE"
	if _, err := st.AddCapture(ctx, before); err != nil {
		t.Fatal(err)
	}
	com := st.NewCommitter(CommitOptions{MaxDelay: time.Hour})
	defer com.Close()
	if c, err := com.OriginalCapture(ctx, before.URL, "sha1:BEFORE"); err != nil || c.ID != before.ID {
		t.Errorf("original committed before the committer: %+v %v", c, err)
	}
	if _, err := com.OriginalCapture(ctx, before.URL, "sha1:NONE"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown digest: %v, want ErrNotFound", err)
	}
	mine := testCapture(crawl, 2)
	mine.PayloadDigest = "sha1:MINE"
	if _, err := com.AddCapture(ctx, mine); err != nil {
		t.Fatal(err)
	}
	if _, err := com.OriginalCapture(ctx, mine.URL, "sha1:MINE"); !errors.Is(err, ErrNotFound) {
		t.Errorf("capture not committed yet found: %v", err)
	}
	if err := com.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if c, err := com.OriginalCapture(ctx, mine.URL, "sha1:MINE"); err != nil || c.ID != mine.ID {
		t.Errorf("original committed by the committer: %+v %v", c, err)
	}
	cut := testCapture(crawl, 3)
	cut.PayloadDigest, cut.Truncated = "sha1:CUT", "length"
	if _, err := com.AddCapture(ctx, cut); err != nil {
		t.Fatal(err)
	}
	if err := com.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := com.OriginalCapture(ctx, cut.URL, "sha1:CUT"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a cut capture taken as an original: %v", err)
	}
}
