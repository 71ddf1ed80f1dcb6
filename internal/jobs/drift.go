package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
)

// DriftReport is how a crawl's parse health was judged against its
// source's baseline, the source's last healthy crawl.
type DriftReport struct {
	// Judged is false when the crawl read too few record pages to say
	// anything: the source's state holds.
	Judged        bool                   `json:"judged"`
	State         string                 `json:"state"` // the source's state after the crawl: healthy or drift
	Since         time.Time              `json:"since"`
	BaselineCrawl int64                  `json:"baseline_crawl_id"` // what the crawl was compared with, 0 for none
	Findings      []archive.DriftFinding `json:"findings"`          // the rules the crawl breaks
	Alert         *alerts.Alert          `json:"alert,omitempty"`   // the alert raised, on a transition
	Undelivered   string                 `json:"undelivered,omitempty"`
}

// examplesPerFinding bounds the example pages a drift alert names for
// each broken rule.
const examplesPerFinding = 3

// judgeDrift compares a finished crawl's parse health with the source's
// baseline and moves the source's state: healthy -> drift raises one
// drift alert, drift -> healthy one recovered alert, and a state that
// holds raises nothing. Only crawls that finished ("done") are judged.
func (j *job) judgeDrift(ctx context.Context, rep *Report) error {
	h := rep.ParseHealth
	if rep.Status != "done" || h == nil {
		return nil
	}
	return drifter{st: j.st, source: j.cfg.Source, base: j.base.String(), crawlID: j.crawlID, started: rep.Started,
		thresholds: j.cfg.Drift, now: j.cfg.Now, send: j.h.sendAlert, delivery: j.h.alertDelivery()}.judge(ctx, h)
}

// driftCatalog is what judging a crawl's drift uses of a catalog.
type driftCatalog interface {
	CaptureFinder
	ParseHealth(ctx context.Context, crawlID int64) (*archive.ParseHealth, error)
	DriftState(ctx context.Context, source string) (*archive.DriftState, error)
	SetDriftState(ctx context.Context, d archive.DriftState, alert *archive.AlertRow) (int64, error)
	UnreadablePages(ctx context.Context, crawlID int64, n int) ([]archive.PageRef, error)
	PagesWithoutField(ctx context.Context, crawlID int64, field string, n int) ([]archive.PageRef, error)
	PagesWithUnknownLabel(ctx context.Context, crawlID int64, label string, n int) ([]archive.PageRef, error)
}

// drifter judges one finished crawl's drift.
type drifter struct {
	st         driftCatalog
	source     string
	base       string // the source's address, the alert's URL
	crawlID    int64
	started    time.Time
	thresholds archive.DriftThresholds
	now        func() time.Time
	// send hands a stored alert over for delivery; delivery is the state
	// it is stored in (harness.alertDelivery).
	send     func(ctx context.Context, a alerts.Alert, then func(error))
	delivery string
}

// judge sets h.Drift, moving the source's state and raising the alert
// of a transition.
func (j drifter) judge(ctx context.Context, h *ParseHealthReport) error {
	state, err := j.st.DriftState(ctx, j.source)
	if err != nil {
		return err
	}
	if state.LastCrawl >= j.crawlID {
		return nil // judged already
	}
	var base *archive.ParseHealth
	if state.BaselineCrawl != 0 {
		if base, err = j.st.ParseHealth(ctx, state.BaselineCrawl); err != nil {
			return err
		}
	}
	findings, judged := archive.JudgeDrift(&h.ParseHealth, base, j.thresholds)
	dr := &DriftReport{Judged: judged, State: state.State, Since: state.Since, BaselineCrawl: state.BaselineCrawl,
		Findings: []archive.DriftFinding{}}
	h.Drift = dr
	if !judged {
		return nil
	}
	for i := range findings {
		if findings[i].Examples, err = j.findingExamples(ctx, findings[i]); err != nil {
			return err
		}
	}
	dr.Findings = append(dr.Findings, findings...)

	next := *state
	next.LastCrawl = j.crawlID
	kind := ""
	switch {
	case len(findings) == 0:
		if state.State == archive.HealthDrift {
			kind = alerts.KindRecovered
		}
		if state.State != archive.HealthHealthy {
			next.Since, next.SinceCrawl = j.started, j.crawlID
		}
		next.State, next.BaselineCrawl, next.Findings = archive.HealthHealthy, j.crawlID, nil
	case state.State != archive.HealthDrift:
		kind = alerts.KindDrift
		next.State, next.Since, next.SinceCrawl, next.Findings = archive.HealthDrift, j.started, j.crawlID, findings
	default:
		next.Findings = findings // drift holds: what is broken now
	}
	dr.State, dr.Since = next.State, next.Since
	if kind == "" {
		_, err := j.st.SetDriftState(ctx, next, nil)
		return err
	}

	a := alerts.Alert{Kind: kind, URL: j.base, Since: next.Since, At: j.now(), Records: []alerts.RecordRef{},
		Drift: &alerts.Drift{Source: j.source, CrawlID: j.crawlID, BaselineCrawl: state.BaselineCrawl,
			RecordPages: h.RecordPages, Parsed: h.Parsed, Unreadable: h.Unreadable, Findings: []alerts.DriftFinding{}}}
	shown := findings
	if kind == alerts.KindRecovered {
		shown = state.Findings // what had broken
		a.Drift.DriftSince = state.Since
	}
	for _, f := range shown {
		a.Drift.Findings = append(a.Drift.Findings, alertFinding(ctx, j.st, f))
	}
	a.Verdict = rules(findings)
	detail, err := json.Marshal(a.Drift)
	if err != nil {
		return err
	}
	a.ID, err = j.st.SetDriftState(ctx, next, &archive.AlertRow{Kind: kind, URL: a.URL, Verdict: a.Verdict, Since: a.Since, At: a.At,
		Source: j.source, Detail: string(detail), Delivery: j.delivery})
	if err != nil {
		return err
	}
	dr.Alert = &a
	// Delivered by the harness, which waits for it before the report is
	// written.
	j.send(ctx, a, func(err error) {
		if err != nil {
			dr.Undelivered = err.Error()
		}
	})
	return nil
}

// findingExamples are the pages that show a finding in this crawl.
func (j drifter) findingExamples(ctx context.Context, f archive.DriftFinding) ([]archive.PageRef, error) {
	switch f.Rule {
	case archive.RuleUnreadable:
		return j.st.UnreadablePages(ctx, j.crawlID, examplesPerFinding)
	case archive.RuleFieldLost:
		return j.st.PagesWithoutField(ctx, j.crawlID, f.Field, examplesPerFinding)
	case archive.RuleNewUnknownLabel:
		return j.st.PagesWithUnknownLabel(ctx, j.crawlID, f.Label, examplesPerFinding)
	}
	return nil, nil
}

// alertFinding is a finding as alerts describe it, with its examples'
// captures.
func alertFinding(ctx context.Context, st CaptureFinder, f archive.DriftFinding) alerts.DriftFinding {
	out := alerts.DriftFinding{Rule: f.Rule, Summary: f.String(), Field: f.Field, Label: f.Label, Count: f.Count, Of: f.Of,
		BaseCount: f.BaseCount, BaseOf: f.BaseOf, Examples: []alerts.Example{}}
	for _, e := range f.Examples {
		out.Examples = append(out.Examples, alerts.Example{RecordID: e.RecordID, URL: e.URL, Reason: e.Reason,
			Capture: CaptureRef(ctx, st, e.CaptureID)})
	}
	return out
}

// rules lists the findings' rules, each once, in order.
func rules(fs []archive.DriftFinding) string {
	var out []string
	for _, f := range fs {
		if !slices.Contains(out, f.Rule) {
			out = append(out, f.Rule)
		}
	}
	return strings.Join(out, ", ")
}

// driftOf reads a stored parse health alert's detail.
func driftOf(detail string) (*alerts.Drift, error) {
	var d alerts.Drift
	if err := json.Unmarshal([]byte(detail), &d); err != nil {
		return nil, fmt.Errorf("read drift alert: %w", err)
	}
	return &d, nil
}
