package jobs

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"archivio/archive"
	"archivio/internal/store"
	"archivio/parsers"
)

// ReparseReport is what Reparse did.
type ReparseReport struct {
	Records   int      `json:"records"`
	Changed   []int    `json:"changed"` // ids of records that got a new version
	Unchanged int      `json:"unchanged"`
	Failed    []string `json:"failed"` // "id: reason"
}

// Reparse reads each record's latest archived page again with the current
// parser, from the WARC files only, and stores a new version where the
// parser's output changed.
func Reparse(ctx context.Context, dataDir string, now func() time.Time) (*ReparseReport, error) {
	if now == nil {
		now = time.Now
	}
	lock, err := archive.LockDir(dataDir)
	if err != nil {
		return nil, fmt.Errorf("reparse: %w", err)
	}
	defer lock.Unlock()
	st, err := archive.Open(ctx, dataDir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	recs := store.NewRecords(st)
	latest, err := recs.Latest(ctx, 0)
	if err != nil {
		return nil, err
	}
	j := &job{st: st, cfg: Config{Now: now}}
	rep := &ReparseReport{Records: len(latest), Changed: []int{}, Failed: []string{}}
	for _, v := range latest {
		if err := ctx.Err(); err != nil {
			return rep, err
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
		body, header, err := j.payload(ctx, c)
		if err != nil {
			rep.Failed = append(rep.Failed, fmt.Sprintf("%d: read archive: %v", v.RecordID, err))
			continue
		}
		u, _ := url.Parse(c.URL)
		rec, err := parsers.Parse(body, u, header.Get("Content-Type"))
		if err != nil {
			rep.Failed = append(rep.Failed, fmt.Sprintf("%d: %v", v.RecordID, err))
			continue
		}
		applied, err := recs.Apply(ctx, rec, c.ID, now())
		if err != nil {
			return rep, err
		}
		if applied.Outcome == store.Changed {
			rep.Changed = append(rep.Changed, rec.ID)
		} else {
			rep.Unchanged++
		}
	}
	if len(rep.Failed) > 0 {
		return rep, errors.New("reparse: some records could not be read again")
	}
	return rep, nil
}
