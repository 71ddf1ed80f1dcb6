package jobs

import (
	"context"
	"sync"
	"time"
)

// fill completes the report from the counters and the catalog.
func (j *job) fill(ctx context.Context, rep *Report) {
	s := j.stats.Snapshot()
	rep.Finished = j.cfg.Now().UTC()
	rep.Seconds = rep.Finished.Sub(rep.Started).Seconds()
	rep.PagesFetched, rep.NotModified, rep.Bytes, rep.RobotsBlocked = s.Fetched, s.NotModified, s.Bytes, s.Blocked
	rep.RecordsNew, rep.RecordsChanged, rep.RecordsUnchanged = j.newRecs.Load(), j.changed.Load(), j.unchanged.Load()
	rep.Unreadable, rep.FromArchive = j.unreadable.Load(), j.fromArchive.Load()
	if j.rec != nil {
		rep.Cuts = j.rec.Cuts()
	}
	if n, err := j.st.CrawlRequests(ctx, j.crawlID, rep.Started); err == nil {
		rep.Requests = n
	}
	j.mu.Lock()
	rep.Errors = j.errs
	j.mu.Unlock()
	h, err := j.parseHealth(ctx)
	if err != nil {
		j.cfg.Logger.Error("parse health not computed", "crawl", j.crawlID, "err", err)
	}
	rep.ParseHealth = h
}

// progress reports the crawl's state to cfg.Progress until stopped.
func (j *job) progress(ctx context.Context, started time.Time) (stop func()) {
	if j.cfg.Progress == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				j.cfg.Progress(Progress{j.stats.Snapshot(), j.cfg.Now().Sub(started)})
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		j.cfg.Progress(Progress{j.stats.Snapshot(), j.cfg.Now().Sub(started)})
	}
}
