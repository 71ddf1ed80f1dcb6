package jobs

import (
	"context"
	"fmt"

	"archivio/archive"
	"archivio/internal/alerts"
)

// AlertReader is what rebuilding the stored alerts reads of the archive.
type AlertReader interface {
	CaptureFinder
	Alerts(ctx context.Context) ([]archive.AlertRow, error)
	LinkRecords(ctx context.Context, url string) ([]archive.LinkRecord, error)
}

// CaptureFinder finds a capture by its id.
type CaptureFinder interface {
	Capture(ctx context.Context, id int64) (*archive.Capture, error)
}

// StoredAlerts rebuilds every alert from the database, oldest first: a
// link alert with the records citing its URL and its last good capture, a
// parse health alert with its drift.
func StoredAlerts(ctx context.Context, st AlertReader) ([]alerts.Alert, error) {
	rows, err := st.Alerts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]alerts.Alert, 0, len(rows))
	for _, r := range rows {
		a := alerts.Alert{ID: r.ID, Kind: r.Kind, URL: r.URL, Verdict: r.Verdict, Since: r.Since, At: r.At,
			Records: []alerts.RecordRef{}, LastGoodCapture: CaptureRef(ctx, st, r.LastGoodCapture)}
		if r.Detail != "" {
			if a.Drift, err = driftOf(r.Detail); err != nil {
				return nil, fmt.Errorf("alert %d: %w", r.ID, err)
			}
			out = append(out, a)
			continue
		}
		recs, err := st.LinkRecords(ctx, r.URL)
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			a.Records = append(a.Records, alerts.RecordRef{ID: rec.ID, Title: rec.Title, URL: rec.URL})
		}
		out = append(out, a)
	}
	return out, nil
}

// CaptureRef describes a capture for alerts and listings, nil for none.
func CaptureRef(ctx context.Context, st CaptureFinder, id int64) *alerts.Capture {
	if id == 0 {
		return nil
	}
	c, err := st.Capture(ctx, id)
	if err != nil {
		return nil
	}
	return &alerts.Capture{URL: c.URL, At: c.FetchedAt, WARCFile: c.WARCFile, Offset: c.WARCOffset}
}
