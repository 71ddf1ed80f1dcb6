package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vbauerster/mpb/v8"

	"archivio/crawlers"
	"archivio/internal/jobs"
)

// lockedBuffer is a buffer the bar's goroutine and the test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestProgressBarShowsRateETAAndQueue drives the terminal progress bar
// with a crawl's progress and checks what it draws: pages settled of those
// queued, the rate, the time left, the queue, pages not modified and
// errors, and a log line above the bar; finish ends its goroutine.
func TestProgressBarShowsRateETAAndQueue(t *testing.T) {
	var out lockedBuffer
	bar := newProgressBar(&out, mpb.WithAutoRefresh(), mpb.WithRefreshRate(10*time.Millisecond))
	for i := int64(1); i <= 20; i++ {
		bar.update(jobs.Progress{StatsSnapshot: crawlers.StatsSnapshot{Fetched: 3 * i, NotModified: i, Errors: 1, Queued: 200},
			Elapsed: time.Duration(i) * 100 * time.Millisecond})
		time.Sleep(15 * time.Millisecond)
	}
	if _, err := bar.Write([]byte("level=INFO msg=retrying url=https://example.org/\n")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	done := make(chan struct{})
	go func() { bar.finish(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("finish did not return")
	}
	got := out.String()
	for _, want := range []string{"crawling", "81/200 pages", "/s", "ETA", "119 queued", "20 not modified", "1 errors", "msg=retrying"} {
		if !strings.Contains(got, want) {
			t.Errorf("the bar never showed %q:\n%q", want, got[max(0, len(got)-600):])
		}
	}
}
