package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"archivio/internal/jobs"
)

// progressBar draws one live status line on a terminal and keeps log lines
// written through it above the line.
type progressBar struct {
	mu   sync.Mutex
	w    io.Writer
	line string
}

// Write prints a log line above the bar.
func (p *progressBar) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\033[K")
	n, err := p.w.Write(b)
	if p.line != "" {
		fmt.Fprint(p.w, p.line)
	}
	return n, err
}

// update redraws the bar from a crawl's progress.
func (p *progressBar) update(pr jobs.Progress) {
	rate := 0.0
	if s := pr.Elapsed.Seconds(); s > 0 {
		rate = float64(pr.Fetched+pr.NotModified) / s
	}
	queue := pr.Queued - pr.Fetched - pr.NotModified - pr.Errors
	p.mu.Lock()
	defer p.mu.Unlock()
	p.line = fmt.Sprintf("crawling: %d pages, %d not modified, %d queued, %.1f pages/s, %d errors, %s",
		pr.Fetched, pr.NotModified, max(queue, 0), rate, pr.Errors, pr.Elapsed.Round(time.Second))
	fmt.Fprint(p.w, "\r\033[K"+p.line)
}

// finish ends the bar's line.
func (p *progressBar) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.line != "" {
		fmt.Fprintln(p.w)
		p.line = ""
	}
}
