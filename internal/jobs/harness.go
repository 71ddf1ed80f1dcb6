package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
)

// harness is what every job runs in: the data directory's lock, the
// archive opened, the WARC files a killed run left open repaired, the
// run's record in the catalog, a WARC writer with the recording transport
// over the network, and the delivery of its alerts. Crawl, CheckLinks and
// Reparse each open one and close it when done.
type harness struct {
	job      string // "crawl", "links check", "reparse": names errors
	lock     *archive.DirLock
	st       *archive.Store
	runs     runLog // where the run is recorded: st, or a shared catalog
	repaired []archive.RepairReport
	runID    int64
	w        *archive.WARCWriter
	alerts   *deliverer // the job's own delivery, nil when it has an outbox
	outbox   *Outbox
	now      func() time.Time

	// afterSync, a hook for tests, runs after each sync of the WARC
	// writer made before a commit naming its records.
	afterSync func()
}

// harnessOptions say what a job needs of its harness.
type harnessOptions struct {
	DataDir string
	Job     string
	NoLock  bool // the caller holds the data directory's lock (the daemon)
	// Repair mends the WARC files a killed run left open: jobs that write
	// WARC files do, before they write.
	Repair bool
	Sinks  alerts.Sink // where the job's alerts go besides the catalog
	// Outbox, when set, takes the job's alerts instead of Sinks: the job
	// does not wait for them to go out.
	Outbox *Outbox
	Now    func() time.Time

	afterSync func() // see harness.afterSync
}

// openHarness takes the lock, opens the archive and repairs its WARC
// files as o says.
func openHarness(ctx context.Context, o harnessOptions) (*harness, error) {
	h := &harness{job: o.Job, now: o.Now, outbox: o.Outbox, afterSync: o.afterSync}
	if h.now == nil {
		h.now = time.Now
	}
	if !o.NoLock {
		lock, err := archive.LockDir(o.DataDir)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.Job, err)
		}
		h.lock = lock
	}
	st, err := archive.Open(ctx, o.DataDir)
	if err != nil {
		h.close()
		return nil, err
	}
	h.st, h.runs = st, st
	if h.outbox == nil {
		h.alerts = newDeliverer(o.Sinks, st)
		if !o.NoLock {
			// Holding the lock, it delivers first what a killed run
			// stored and did not deliver.
			if _, err := h.alerts.resume(ctx, ctx, st, nil); err != nil {
				h.close()
				return nil, fmt.Errorf("%s: %w", o.Job, err)
			}
		}
	}
	if o.Repair {
		if h.repaired, err = archive.RepairOpenFiles(ctx, st.WARCDir()); err != nil {
			h.close()
			return nil, fmt.Errorf("%s: repair WARC files: %w", o.Job, err)
		}
	}
	return h, nil
}

// start records a new run of source in the catalog.
func (h *harness) start(ctx context.Context, source, baseURL string) error {
	id, err := h.runs.StartCrawl(ctx, source, baseURL, h.now())
	if err != nil {
		return err
	}
	h.runID = id
	return nil
}

// recordOptions configure the WARC writer and the recording transport.
type recordOptions struct {
	Network     http.RoundTripper // the network under the recording transport
	MaxBody     int64
	WARCMaxSize int64
	// WARCCompression is the gzip level (0 for the default).
	WARCCompression int
	Software        string
}

// syncWARC makes the WARC records written so far durable: the open file is
// synced (its entry in the folder was synced when it was created, and a
// file closed by a rotation was synced before it). Every commit that
// names WARC records runs after it: the catalog never names a record a
// power failure could take away.
func (h *harness) syncWARC() error {
	if h.w == nil {
		return nil
	}
	err := h.w.Sync()
	if h.afterSync != nil {
		h.afterSync()
	}
	return err
}

// openWriter opens the run's WARC writer.
func (h *harness) openWriter(o recordOptions) error {
	w, err := archive.OpenWARCWriter(archive.WARCOptions{Dir: h.st.WARCDir(), MaxFileSize: o.WARCMaxSize, Compression: o.WARCCompression, Software: o.Software, Now: h.now})
	if err != nil {
		return fmt.Errorf("%s: %w", h.job, err)
	}
	h.w = w
	return nil
}

// recorder returns the recording transport over o.Network, writing to the
// run's WARC writer and listing its captures in catalog (the store, or a
// committer of it).
func (h *harness) recorder(o recordOptions, catalog archive.CaptureCatalog) *archive.Recorder {
	return archive.NewRecorder(o.Network, h.w, catalog, archive.RecorderOptions{CrawlID: h.runID, MaxBody: o.MaxBody, Now: h.now})
}

// closeWriter closes the WARC writer, when one is open: its file is
// renamed to its final name with its index beside it.
func (h *harness) closeWriter() error {
	if h.w == nil {
		return nil
	}
	w := h.w
	h.w = nil
	return w.Close()
}

// sendAlert hands a stored alert (a.ID set) over for delivery and returns
// at once. then, when not nil, hears how the delivery went before the run
// is finished; it is not called when the alert went to an outbox, whose
// deliveries may outlast the run.
func (h *harness) sendAlert(ctx context.Context, a alerts.Alert, then func(error)) {
	if h.outbox != nil {
		h.outbox.send(a)
		return
	}
	h.alerts.send(ctx, a, then)
}

// alertDelivery is the state the run's alerts are stored in: pending
// when sinks are to deliver them, none when they are only stored.
func (h *harness) alertDelivery() string {
	d := h.alerts
	if h.outbox != nil {
		d = h.outbox.d
	}
	if d == nil || d.sinks == nil {
		return archive.DeliveryNone
	}
	return archive.DeliveryPending
}

// waitAlerts waits for the run's own alerts to go out; alerts handed to
// an outbox are its owner's to wait for.
func (h *harness) waitAlerts() error {
	if h.alerts == nil {
		return nil
	}
	return h.alerts.wait()
}

// finish waits for the run's alerts to go out, then records how the run
// ended with its report. It writes even when ctx was canceled: a stopped
// run must be recorded as such.
func (h *harness) finish(ctx context.Context, status string, report any, at time.Time) error {
	fin := context.WithoutCancel(ctx)
	alertErr := h.waitAlerts()
	body, err := json.Marshal(report)
	if err != nil {
		return fmt.Errorf("%s: report: %w", h.job, err)
	}
	if err := h.runs.FinishCrawl(fin, h.runID, status, string(body), at); err != nil {
		return err
	}
	return alertErr
}

// close releases everything the harness holds: the writer (when the job
// did not close it), the alerts still going out, the archive, the lock.
func (h *harness) close() {
	if h.w != nil {
		h.closeWriter()
	}
	h.waitAlerts()
	if h.st != nil {
		h.st.Close()
	}
	if h.lock != nil {
		h.lock.Unlock()
	}
}
