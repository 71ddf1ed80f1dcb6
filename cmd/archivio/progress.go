package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"archivio/internal/jobs"
)

// progressBar is a crawl's live progress on a terminal, drawn by the
// library github.com/vbauerster/mpb: pages settled of those queued so far,
// a bar, the rate and the time left (both moving averages), and what is
// waiting, not modified and failed. Log lines written through it go
// above the bar. The queue grows as the crawl discovers pages, so the time
// left is that of the pages known so far.
type progressBar struct {
	p   *mpb.Progress
	bar *mpb.Bar

	mu   sync.Mutex
	last jobs.Progress // for the counts decorator, read by mpb's goroutine
	at   time.Duration // elapsed at the last update
}

// newProgressBar starts a bar drawn on w. Its refresh goroutine is owned
// by the bar and ends in finish.
func newProgressBar(w io.Writer, opts ...mpb.ContainerOption) *progressBar {
	pb := &progressBar{}
	pb.p = mpb.New(append([]mpb.ContainerOption{mpb.WithOutput(w), mpb.WithWidth(96), mpb.WithRefreshRate(200 * time.Millisecond)}, opts...)...)
	pb.bar = pb.p.New(0, mpb.BarStyle().Lbound("[").Rbound("]"),
		mpb.PrependDecorators(
			decor.Name("crawling "),
			decor.CountersNoUnit("%d/%d pages", decor.WCSyncWidth),
		),
		mpb.AppendDecorators(
			decor.EwmaSpeed(nil, " %.1f/s", 30),
			decor.Name(" ETA "),
			decor.EwmaETA(decor.ET_STYLE_GO, 30),
			decor.Any(pb.counts),
		),
	)
	return pb
}

// Write prints a log line above the bar.
func (pb *progressBar) Write(b []byte) (int, error) {
	return pb.p.Write(b)
}

// update moves the bar to a crawl's progress.
func (pb *progressBar) update(pr jobs.Progress) {
	settled := int64(pr.Fetched + pr.NotModified + pr.Errors)
	pb.mu.Lock()
	step := pr.Elapsed - pb.at
	pb.at, pb.last = pr.Elapsed, pr
	pb.mu.Unlock()
	pb.bar.SetTotal(max(int64(pr.Queued), settled), false)
	pb.bar.EwmaSetCurrent(settled, step)
}

// counts is the bar's last part: the queue, pages not modified, errors.
func (pb *progressBar) counts(decor.Statistics) string {
	pb.mu.Lock()
	defer pb.mu.Unlock()
	pr := pb.last
	return fmt.Sprintf(", %d queued, %d not modified, %d errors", max(pr.Queued-pr.Fetched-pr.NotModified-pr.Errors, 0), pr.NotModified, pr.Errors)
}

// finish completes the bar at what was settled and waits for its last
// drawing.
func (pb *progressBar) finish() {
	pb.bar.SetTotal(-1, true)
	pb.p.Wait()
}
