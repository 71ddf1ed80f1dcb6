package jobs

import (
	"context"
	"fmt"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
)

// alert hands one committed transition of a link, its alert stored with
// it, to the run's deliverer. It holds no lock the other checks need: the
// records citing the link, its last good capture and the Wayback lookup
// are read by this check's goroutine alone, and the sinks (a webhook may
// take its time) are the deliverer's, which sends alerts one at a time,
// in order, while the checks go on.
func (r *linkRun) alert(ctx context.Context, u, verdict string, done archive.AlertedCheck) error {
	a, err := r.describe(ctx, u, string(done.Transition), verdict, done.State.Since, done.AlertAt, done.LastGoodCapture)
	if err != nil {
		// Stored with the check, and pending: the next start sends it.
		return err
	}
	a.ID = done.AlertID
	if c := a.LastGoodCapture; c != nil && c.Wayback != "" {
		if err := r.st.SetAlertWayback(ctx, a.ID, c.Wayback); err != nil {
			// The alert goes out with it all the same; sent again, it
			// lacks it.
			r.cfg.Logger.Warn("Wayback copy of an alert not recorded", "alert", a.ID, "err", err)
		}
	}
	r.dispatch(ctx, a)
	return nil
}

// describe is the alert of a link's transition: the records citing the
// link, its last good capture and, for a down link, its latest Wayback
// copy.
func (r *linkRun) describe(ctx context.Context, u, kind, verdict string, since, at time.Time, captureID int64) (alerts.Alert, error) {
	a := alerts.Alert{Kind: kind, URL: u, Verdict: verdict, Since: since, At: at, Records: []alerts.RecordRef{}}
	recs, err := r.st.LinkRecords(ctx, u)
	if err != nil {
		return a, err
	}
	for _, rec := range recs {
		a.Records = append(a.Records, alerts.RecordRef{ID: rec.ID, Title: rec.Title, URL: rec.URL})
	}
	a.LastGoodCapture = CaptureRef(ctx, r.st, captureID)
	if kind == "down" && r.cfg.Wayback != nil {
		if snap, err := r.cfg.Wayback.Latest(ctx, u); err == nil {
			if a.LastGoodCapture == nil {
				a.LastGoodCapture = &alerts.Capture{}
			}
			a.LastGoodCapture.Wayback = snap.URL
		} else {
			r.cfg.Logger.Info("no Wayback copy", "url", u, "err", err)
		}
	}
	return a, nil
}

// dispatch adds a stored alert (a.ID set) to the run's report and hands
// it to the run's deliverer.
func (r *linkRun) dispatch(ctx context.Context, a alerts.Alert) {
	r.mu.Lock()
	r.rep.Alerts = append(r.rep.Alerts, a)
	r.mu.Unlock()
	r.h.sendAlert(ctx, a, func(err error) {
		if err == nil {
			return
		}
		r.mu.Lock()
		r.rep.Undeliver = append(r.rep.Undeliver, fmt.Sprintf("alert %d (%s %s): %v", a.ID, a.Kind, a.URL, err))
		r.mu.Unlock()
	})
}
