package jobs

import (
	"context"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
)

// DriftCatalog is what judging a shared crawl's drift uses of its
// catalog: the crawls' parse health, the source's state and its alerts.
type DriftCatalog interface {
	driftCatalog
	HealthReader
	DeliveryLog
}

// SharedDrift is a finished crawl of a shared catalog whose parse health
// is to be judged, once, by the node that finished it.
type SharedDrift struct {
	Catalog    DriftCatalog
	Source     string
	BaseURL    string // the source's address, the alert's URL
	CrawlID    int64
	Started    time.Time
	Thresholds archive.DriftThresholds
	// Sinks deliver the alert of a transition; Outbox, when set, takes
	// it instead.
	Sinks  alerts.Sink
	Outbox *Outbox
	Now    func() time.Time
}

// JudgeSharedDrift computes a finished shared crawl's parse health,
// compares it with the previous crawl's, and judges its drift as one
// machine's crawl does: the source's state moves, and a transition
// raises one alert, stored with the state (a catalog that finds the crawl
// judged already refuses the move, and nothing is raised), then
// delivered. It returns nil when the crawl read no record page.
func JudgeSharedDrift(ctx context.Context, d SharedDrift) (*ParseHealthReport, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	rep, err := CrawlHealth(ctx, d.Catalog, d.CrawlID)
	if err != nil || rep == nil {
		return rep, err
	}
	h := &harness{job: "crawl", outbox: d.Outbox, now: d.Now}
	if h.outbox == nil {
		h.alerts = newDeliverer(d.Sinks, d.Catalog)
	}
	defer h.close()
	err = drifter{st: d.Catalog, source: d.Source, base: d.BaseURL, crawlID: d.CrawlID, started: d.Started,
		thresholds: d.Thresholds, now: d.Now, send: h.sendAlert, delivery: h.alertDelivery()}.judge(ctx, rep)
	if dr := rep.Drift; dr != nil && dr.Alert != nil {
		// Delivered before the report says how it went.
		if werr := h.waitAlerts(); werr != nil && dr.Undelivered == "" {
			dr.Undelivered = werr.Error()
		}
	}
	return rep, err
}
