package archive

import (
	"context"
	"fmt"
)

// ReparseTarget is what a reparse reads for one record: the capture its
// latest version was read from, and the newest good capture of that page
// (LastGoodCapture's), which may be newer (a 304 or an identical payload).
type ReparseTarget struct {
	RecordID  int
	CaptureID int64    // the latest version's capture
	Capture   *Capture // that capture; nil when the catalog lacks it
	LastGood  *Capture // nil when the page has no good capture
}

// latestCaptures selects, for every record, the capture its latest version
// was read from.
const latestCaptures = `SELECT v.capture_id FROM records r JOIN record_versions v
	ON v.record_id = r.id AND v.version = r.latest_version`

// ReparseTargets lists every record's ReparseTarget, by id, in three
// queries rather than three per record, and without reading the records'
// documents.
func (s *Store) ReparseTargets(ctx context.Context) ([]ReparseTarget, error) {
	var out []ReparseTarget
	err := s.eachRow(ctx, `SELECT r.id, v.capture_id FROM records r JOIN record_versions v
		ON v.record_id = r.id AND v.version = r.latest_version ORDER BY r.id`, func(scan func(...any) error) error {
		var t ReparseTarget
		if err := scan(&t.RecordID, &t.CaptureID); err != nil {
			return err
		}
		out = append(out, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reparse targets: %w", err)
	}
	byID := map[int64]*Capture{}
	err = s.eachRow(ctx, `SELECT `+captureColumns+` FROM captures WHERE id IN (`+latestCaptures+`)`, func(scan func(...any) error) error {
		c, err := scanCapture(scanner(scan))
		if err == nil {
			byID[c.ID] = c
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reparse targets: captures: %w", err)
	}
	// The newest good capture of each page, chosen as LastGoodCapture does.
	byURL := map[string]*Capture{}
	err = s.eachRow(ctx, `SELECT `+captureColumns+` FROM captures WHERE id IN (
		SELECT (SELECT g.id FROM captures g WHERE g.url = c.url AND g.status = 200 AND g.truncated = '' AND g.payload_length > 0
			ORDER BY g.fetched_at DESC, g.id DESC LIMIT 1)
		FROM captures c WHERE c.id IN (`+latestCaptures+`))`, func(scan func(...any) error) error {
		c, err := scanCapture(scanner(scan))
		if err == nil {
			byURL[c.URL] = c
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reparse targets: last good captures: %w", err)
	}
	for i := range out {
		t := &out[i]
		if t.Capture = byID[t.CaptureID]; t.Capture != nil {
			t.LastGood = byURL[t.Capture.URL]
		}
	}
	return out, nil
}

// scanner makes a scan function a row for scanCapture.
type scanner func(...any) error

func (f scanner) Scan(dest ...any) error { return f(dest...) }

// eachRow runs a query on a reading connection and calls fn for each row.
func (s *Store) eachRow(ctx context.Context, q string, fn func(scan func(...any) error) error) error {
	rows, err := s.rdb.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}
