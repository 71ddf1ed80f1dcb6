package jobs

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"sync"
	"time"

	"archivio/archive"
	"archivio/parsers"
)

// ReparseReport is what Reparse did.
type ReparseReport struct {
	Records   int      `json:"records"`
	Changed   []int    `json:"changed"` // ids of records that got a new version
	Unchanged int      `json:"unchanged"`
	Failed    []string `json:"failed"` // "id: reason"
	// Unreadable is the record pages kept as parse failures that were read
	// again; Recovered the ids of those the parser now reads (each now a
	// record version, its failure cleared), StillUnreadable the others
	// ("id: reason"), which stay parse failures.
	Unreadable      int      `json:"unreadable"`
	Recovered       []int    `json:"recovered"`
	StillUnreadable []string `json:"still_unreadable"`
}

// Reparse reads each record's latest archived page again with the current
// parser, from the WARC files only, and stores a new version where the
// parser's output changed. Record pages kept as parse failures are read
// again too, from their failed captures: those the parser now reads become
// record versions and their failures are cleared.
//
// It runs as a pipeline: one reader takes the WARC records in file and
// offset order, a pool of parsers (one per CPU) checks, decodes and parses
// them, and the catalog's committer stores the results in group commits.
// A stop commits what was read before it. (A catalog without local files
// or group commits, the shared one, is read through its Payload and
// written a record at a time.)
func Reparse(ctx context.Context, dataDir string, now func() time.Time) (*ReparseReport, error) {
	if now == nil {
		now = time.Now
	}
	h, err := openHarness(ctx, harnessOptions{DataDir: dataDir, Job: "reparse", Now: now})
	if err != nil {
		return nil, err
	}
	defer h.close()
	return reparse(ctx, h.st, now)
}

// ReparseCatalog is what Reparse reads and writes of a catalog, with
// the payloads of its captures: the shared PostgreSQL one (archive/pg,
// given its WARC storage) has it.
type ReparseCatalog interface{ reparseCatalog }

// ReparseIn is Reparse on a catalog already open, such as the shared
// one; the caller closes it.
func ReparseIn(ctx context.Context, st ReparseCatalog, now func() time.Time) (*ReparseReport, error) {
	if now == nil {
		now = time.Now
	}
	return reparse(ctx, st, now)
}

// reparseItem is one page to read again: a record's latest, or the failed
// capture of a page kept as a parse failure.
type reparseItem struct {
	recordID int
	failure  *archive.ParseFailure // nil for a record's latest page
	capture  *archive.Capture
	raw      []byte      // its WARC record, as read (rawRecordReader)
	body     []byte      // or its payload, as read (other catalogs)
	header   http.Header // with its header
	err      error       // reading it failed
}

// reparseRun is a reparse in progress: its report, filled by the parsers
// and the committer's OnCommit calls.
type reparseRun struct {
	st  reparseCatalog
	now func() time.Time
	com *archive.Committer

	mu                    sync.Mutex
	rep                   *ReparseReport
	failed, stillUnreadbl []idReason
}

type idReason struct {
	id     int
	reason string
}

// reparse reads the records of st again.
func reparse(ctx context.Context, st reparseCatalog, now func() time.Time) (*ReparseReport, error) {
	r := &reparseRun{st: st, now: now,
		rep: &ReparseReport{Changed: []int{}, Failed: []string{}, Recovered: []int{}, StillUnreadable: []string{}}}
	items, err := r.plan(ctx)
	if err != nil {
		return nil, err
	}
	var comErr error
	if gc, ok := st.(groupCommitter); ok {
		r.com = gc.NewCommitter(archive.CommitOptions{})
	}
	runErr := r.run(ctx, items)
	if r.com != nil {
		// What was read is committed, also after a stop.
		comErr = r.com.Close()
	}
	rep := r.report()
	if err := errors.Join(runErr, comErr); err != nil {
		return rep, err
	}
	if len(rep.Failed) > 0 {
		return rep, errors.New("reparse: some records could not be read again")
	}
	return rep, nil
}

// plan lists the pages to read, in the order of their WARC records.
func (r *reparseRun) plan(ctx context.Context) ([]*reparseItem, error) {
	latest, err := r.targets(ctx)
	if err != nil {
		return nil, err
	}
	failures, err := r.st.ParseFailures(ctx)
	if err != nil {
		return nil, err
	}
	failed := map[int]bool{}
	for _, f := range failures {
		failed[f.RecordID] = true
	}
	var items []*reparseItem
	for _, v := range latest {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if failed[v.RecordID] {
			continue // its newest capture is the failed one, read below
		}
		r.rep.Records++
		c := v.Capture
		if c == nil {
			if c, err = r.st.Capture(ctx, v.CaptureID); err != nil {
				r.fail(v.RecordID, err.Error())
				continue
			}
		}
		// The newest good capture of the record's page, which may be newer
		// than the version's own (a 304 or identical payload).
		if v.LastGood != nil {
			c = v.LastGood
		} else if v.Capture == nil {
			if newer, err := r.st.LastGoodCapture(ctx, c.URL); err == nil {
				c = newer
			}
		}
		items = append(items, &reparseItem{recordID: v.RecordID, capture: c})
	}
	for i := range failures {
		f := &failures[i]
		r.rep.Unreadable++
		c, err := r.st.Capture(ctx, f.CaptureID)
		if err != nil {
			r.fail(f.RecordID, err.Error())
			continue
		}
		items = append(items, &reparseItem{recordID: f.RecordID, failure: f, capture: c})
	}
	slices.SortFunc(items, func(a, b *reparseItem) int {
		return cmp.Or(cmp.Compare(a.capture.WARCFile, b.capture.WARCFile), cmp.Compare(a.capture.WARCOffset, b.capture.WARCOffset))
	})
	return items, nil
}

// reparseTargetLister is a catalog that lists what a reparse reads in a
// few queries (the SQLite archive); others are asked record by record.
type reparseTargetLister interface {
	ReparseTargets(ctx context.Context) ([]archive.ReparseTarget, error)
}

// targets lists every record's latest version's capture, with the newest
// good capture of its page when the catalog gives it at once.
func (r *reparseRun) targets(ctx context.Context) ([]archive.ReparseTarget, error) {
	if tl, ok := r.st.(reparseTargetLister); ok {
		return tl.ReparseTargets(ctx)
	}
	latest, err := r.st.LatestCaptures(ctx, 0)
	if err != nil {
		return nil, err
	}
	out := make([]archive.ReparseTarget, len(latest))
	for i, v := range latest {
		out[i] = archive.ReparseTarget{RecordID: v.RecordID, CaptureID: v.CaptureID}
	}
	return out, nil
}

// run reads the items in order, parses them in a pool and queues what
// they yield for the committer. It returns when all are done, or the
// first error that stops the reparse (ctx ended, the catalog failed).
func (r *reparseRun) run(ctx context.Context, items []*reparseItem) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	workers := max(1, runtime.GOMAXPROCS(0))
	queue := make(chan *reparseItem, 2*workers)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the reader: WARC records in file and offset order
		defer wg.Done()
		defer close(queue)
		raw, local := r.st.(rawRecordReader)
		var rr *archive.RawRecords
		if local {
			rr = raw.RawRecords()
			defer rr.Close()
		}
		for _, it := range items {
			if ctx.Err() != nil {
				return
			}
			if local {
				it.raw, it.err = rr.Read(ctx, it.capture)
			} else {
				it.body, it.header, it.err = r.st.Payload(ctx, it.capture)
			}
			select {
			case queue <- it:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() { // a parser
			defer wg.Done()
			var dec *archive.PayloadDecoder // its own, for WARC records read as bytes
			if raw, ok := r.st.(rawRecordReader); ok {
				dec = raw.PayloadDecoder()
			}
			for it := range queue {
				if err := r.read(ctx, it, dec); err != nil {
					cancel(err)
				}
			}
		}()
	}
	wg.Wait()
	return context.Cause(ctx)
}

// read checks, decodes and parses one page and queues its writes. An
// error stops the reparse: a page that cannot be read is only reported.
func (r *reparseRun) read(ctx context.Context, it *reparseItem, dec *archive.PayloadDecoder) error {
	if ctx.Err() != nil {
		return nil
	}
	c := it.capture
	var body []byte
	var contentType string
	err := it.err
	if err == nil && it.raw != nil {
		it.body, it.header, err = dec.Payload(ctx, c, it.raw)
		it.raw = nil
	}
	if err == nil {
		body, _ = pageBody(it.header, it.body)
		contentType = it.header.Get("Content-Type")
	}
	if err != nil {
		r.fail(it.recordID, "read archive: "+err.Error())
		return nil
	}
	u, _ := url.Parse(c.URL)
	rec, err := parsers.ParseContext(ctx, body, u, contentType)
	if err != nil && ctx.Err() != nil {
		return ctx.Err() // stopped, not unreadable
	}
	if err != nil {
		if it.failure == nil {
			r.fail(it.recordID, err.Error())
			return nil
		}
		f := *it.failure
		f.Reason, f.ParserVersion, f.LastFailed = err.Error(), parsers.Version, r.now()
		reason := err.Error()
		return r.storeFailure(ctx, f, func() {
			r.mu.Lock()
			r.stillUnreadbl = append(r.stillUnreadbl, idReason{f.RecordID, reason})
			r.mu.Unlock()
		})
	}
	ar, err := ArchiveRecord(rec)
	if err != nil {
		return err
	}
	ar.Page = body // the capture's page: the document is packed against it
	recovered := it.failure != nil
	return r.storeRecord(ctx, ar, c.ID, func(a archive.Applied) {
		r.mu.Lock()
		defer r.mu.Unlock()
		switch {
		case recovered:
			r.rep.Recovered = append(r.rep.Recovered, it.recordID)
			if a.Outcome != archive.VersionUnchanged {
				r.rep.Changed = append(r.rep.Changed, rec.ID)
			}
		case a.Outcome == archive.VersionChanged:
			r.rep.Changed = append(r.rep.Changed, rec.ID)
		default:
			r.rep.Unchanged++
		}
	})
}

// storeRecord stores a record read again; done hears what that did once
// it is committed.
func (r *reparseRun) storeRecord(ctx context.Context, ar archive.ParsedRecord, captureID int64, done func(archive.Applied)) error {
	if r.com != nil {
		return r.com.Write(ctx, archive.RecordWrite(ar, captureID, r.now(), done))
	}
	a, err := r.st.ApplyRecord(ctx, ar, captureID, r.now())
	if err != nil {
		return err
	}
	done(a)
	return nil
}

// storeFailure keeps a page that stays unreadable as a parse failure.
func (r *reparseRun) storeFailure(ctx context.Context, f archive.ParseFailure, done func()) error {
	if r.com != nil {
		return r.com.Write(ctx, archive.ParseFailureWrite(f).OnCommit(done))
	}
	if err := r.st.AddParseFailure(ctx, f); err != nil {
		return err
	}
	done()
	return nil
}

func (r *reparseRun) fail(id int, reason string) {
	r.mu.Lock()
	r.failed = append(r.failed, idReason{id, reason})
	r.mu.Unlock()
}

// report returns the report, its lists in record order.
func (r *reparseRun) report() *ReparseReport {
	r.mu.Lock()
	defer r.mu.Unlock()
	rep := r.rep
	slices.Sort(rep.Changed)
	slices.Sort(rep.Recovered)
	rep.Failed = appendReasons(rep.Failed[:0], r.failed)
	rep.StillUnreadable = appendReasons(rep.StillUnreadable[:0], r.stillUnreadbl)
	return rep
}

func appendReasons(out []string, rs []idReason) []string {
	slices.SortStableFunc(rs, func(a, b idReason) int { return cmp.Compare(a.id, b.id) })
	for _, x := range rs {
		out = append(out, fmt.Sprintf("%d: %s", x.id, x.reason))
	}
	return out
}
