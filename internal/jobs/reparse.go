package jobs

import (
	"context"
	"errors"
	"fmt"
	"net/url"
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

// reparse reads the records of st again.
func reparse(ctx context.Context, st reparseCatalog, now func() time.Time) (*ReparseReport, error) {
	latest, err := st.LatestVersions(ctx, 0)
	if err != nil {
		return nil, err
	}
	failures, err := st.ParseFailures(ctx)
	if err != nil {
		return nil, err
	}
	failed := map[int]bool{}
	for _, f := range failures {
		failed[f.RecordID] = true
	}
	rep := &ReparseReport{Records: len(latest), Changed: []int{}, Failed: []string{}, Recovered: []int{}, StillUnreadable: []string{}}
	for _, v := range latest {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if failed[v.RecordID] {
			// Its newest capture is the failed one, read below.
			rep.Records--
			continue
		}
		c, err := st.Capture(ctx, v.CaptureID)
		if err == nil {
			// The newest good capture of the record's page, which may be
			// newer than the version's own (a 304 or identical payload).
			if newer, err2 := st.LastGoodCapture(ctx, c.URL); err2 == nil {
				c = newer
			}
		}
		if err != nil {
			rep.Failed = append(rep.Failed, fmt.Sprintf("%d: %v", v.RecordID, err))
			continue
		}
		body, header, err := payload(ctx, st, c)
		if err != nil {
			rep.Failed = append(rep.Failed, fmt.Sprintf("%d: read archive: %v", v.RecordID, err))
			continue
		}
		u, _ := url.Parse(c.URL)
		rec, err := parsers.ParseContext(ctx, body, u, header.Get("Content-Type"))
		if err != nil {
			if ctx.Err() != nil {
				return rep, ctx.Err() // stopped, not unreadable
			}
			rep.Failed = append(rep.Failed, fmt.Sprintf("%d: %v", v.RecordID, err))
			continue
		}
		applied, err := applyRecord(ctx, st, rec, c.ID, now())
		if err != nil {
			return rep, err
		}
		if applied.Outcome == archive.VersionChanged {
			rep.Changed = append(rep.Changed, rec.ID)
		} else {
			rep.Unchanged++
		}
	}
	if err := reparseFailures(ctx, st, now, failures, rep); err != nil {
		return rep, err
	}
	if len(rep.Failed) > 0 {
		return rep, errors.New("reparse: some records could not be read again")
	}
	return rep, nil
}

// reparseFailures reads the failed captures of the record pages kept as
// parse failures again with the current parser.
func reparseFailures(ctx context.Context, st reparseCatalog, now func() time.Time, failures []archive.ParseFailure, rep *ReparseReport) error {
	for _, f := range failures {
		if err := ctx.Err(); err != nil {
			return err
		}
		rep.Unreadable++
		c, err := st.Capture(ctx, f.CaptureID)
		if err != nil {
			rep.Failed = append(rep.Failed, fmt.Sprintf("%d: %v", f.RecordID, err))
			continue
		}
		body, header, err := payload(ctx, st, c)
		if err != nil {
			rep.Failed = append(rep.Failed, fmt.Sprintf("%d: read archive: %v", f.RecordID, err))
			continue
		}
		u, _ := url.Parse(c.URL)
		rec, err := parsers.ParseContext(ctx, body, u, header.Get("Content-Type"))
		if err != nil && ctx.Err() != nil {
			return ctx.Err() // stopped, not unreadable
		}
		if err != nil {
			rep.StillUnreadable = append(rep.StillUnreadable, fmt.Sprintf("%d: %v", f.RecordID, err))
			f.Reason, f.ParserVersion, f.LastFailed = err.Error(), parsers.Version, now()
			if err := st.AddParseFailure(ctx, f); err != nil {
				return err
			}
			continue
		}
		applied, err := applyRecord(ctx, st, rec, c.ID, now())
		if err != nil {
			return err
		}
		rep.Recovered = append(rep.Recovered, f.RecordID)
		if applied.Outcome != archive.VersionUnchanged {
			rep.Changed = append(rep.Changed, rec.ID)
		}
	}
	return nil
}
