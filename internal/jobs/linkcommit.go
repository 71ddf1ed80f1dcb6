package jobs

import (
	"context"
	"slices"
	"sync"

	"archivio/archive"
	"archivio/linkcheck"
)

// linkCommits is the catalogue stage of a run of link checks on one
// machine's archive, the crawl's own (archive.Committer): the captures
// the recording transport queues and the checks naming them commit in
// groups, in the order they were queued, the WARC file synced before
// every commit that names records (harness.syncWARC). So, whenever the
// process dies or the power fails:
//
//   - the catalog names no WARC record that is not whole on disk;
//   - a check commits with its captures or after them, never before;
//   - a check counts as done (the report's count, its verdict, its
//     alert) only once it has committed: what a kill loses is only checks
//     not committed, which the next run makes again.
//
// A link's state moves in the check's own write, from the state the
// group's transaction reads, so thresholds (confirmation of failures) and
// transitions are those of checks made one by one, and each transition
// raises one alert, stored in the check's own write (pending when sinks
// are to deliver it): a kill never commits a transition without its
// alert. The alerts are described and handed to the delivery after the
// commit, by workers of the stage: the committer's goroutine only hands
// them over.
type linkCommits struct {
	com    *archive.Committer
	alerts chan linkAlert
	wg     sync.WaitGroup // the alert workers
	once   sync.Once
	err    error
}

// linkAlert is a committed transition of a link and its stored alert,
// to deliver.
type linkAlert struct {
	ctx     context.Context // the check's
	url     string
	verdict string
	done    archive.AlertedCheck
}

// startCommits starts the run's catalogue stage on com, with workers
// alert workers.
func (r *linkRun) startCommits(com *archive.Committer, workers int) *linkCommits {
	lc := &linkCommits{com: com, alerts: make(chan linkAlert, workers)}
	for range workers {
		lc.wg.Go(func() {
			for a := range lc.alerts {
				if err := r.alert(a.ctx, a.url, a.verdict, a.done); err != nil {
					r.fail(err)
				}
			}
		})
	}
	return lc
}

// close commits what is queued, then waits for the alerts of what
// committed; it returns the error that stopped the committer, if any.
func (lc *linkCommits) close() error {
	lc.once.Do(func() {
		lc.err = lc.com.Close()
		close(lc.alerts)
		lc.wg.Wait()
	})
	return lc.err
}

// queueCheck queues the check of l, after the captures the check queued.
// A working record website is then archived from the check's own page,
// read back from the catalog: the check waits for its commit first.
func (r *linkRun) queueCheck(ctx context.Context, l archive.Link, res linkcheck.Result, c archive.Check) {
	works := res.Verdict.Works()
	w := archive.CheckAlertWrite(c, works, r.cfg.Thresholds, r.h.alertDelivery(), r.cfg.Now, func(done archive.AlertedCheck) {
		// On the committer's goroutine: it only counts and hands over.
		r.counted(res)
		r.cfg.Logger.Debug("checked", "url", l.URL, "verdict", res.Verdict, "state", done.State.State)
		if done.Transition != "" {
			r.commits.alerts <- linkAlert{ctx: ctx, url: l.URL, verdict: string(res.Verdict), done: done}
		}
	})
	// A stop still commits what was checked.
	fin := context.WithoutCancel(ctx)
	if err := r.commits.com.Write(fin, w); err != nil {
		r.fail(err)
		return
	}
	if !works || r.cfg.SnapshotDepth < 0 || !slices.Contains(l.Fields, "website") {
		return
	}
	if err := r.commits.com.Flush(fin); err != nil {
		r.fail(err)
		return
	}
	r.snapshot(ctx, l.URL, r.checkedPage(ctx, res))
}
