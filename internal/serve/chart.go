package serve

import (
	"fmt"
	"time"

	"archivio/archive"
	"archivio/linkcheck"
)

// timelinePoints is how many of a link's last checks its timeline shows.
const timelinePoints = 40

// chart is a small inline SVG chart: bars, each with its hover text.
type chart struct {
	Width, Height int
	Bars          []bar
}

type bar struct {
	X, Y, W, H int
	Class      string // ok, bad, suspect, or a crawl status
	Title      string
}

func verdictWorks(v string) bool { return linkcheck.Verdict(v).Works() }

// timelineChart draws a link's checks, oldest left: a tall green bar for
// a check that found it working, a short red one for a failure, the
// verdict, status and time on hover.
func timelineChart(points []archive.TimelinePoint) chart {
	const w, gap, h = 6, 2, 18
	c := chart{Width: max(1, len(points)*(w+gap)), Height: h}
	for i, p := range points {
		b := bar{X: i * (w + gap), W: w, Title: fmt.Sprintf("%s: %s", p.At.UTC().Format("2006-01-02 15:04"), p.Verdict)}
		if p.Status != 0 {
			b.Title += fmt.Sprintf(" (HTTP %d)", p.Status)
		}
		if verdictWorks(p.Verdict) {
			b.Class, b.Y, b.H = "ok", 0, h
		} else {
			b.Class, b.Y, b.H = "bad", h/2, h-h/2
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

// runsChart draws runs over time, oldest left: a bar per run as tall as
// its requests, colored by how it ended.
func runsChart(runs []runRow) chart {
	const w, gap, h = 10, 3, 60
	c := chart{Width: max(1, len(runs)*(w+gap)), Height: h}
	most := 1
	for _, r := range runs {
		most = max(most, int(r.Report.Requests))
	}
	for i := range runs {
		r := runs[len(runs)-1-i]
		bh := max(2, int(r.Report.Requests)*h/most)
		title := fmt.Sprintf("%s %s #%d: %s, %d requests, %d new, %d changed", r.StartedAt.UTC().Format("2006-01-02 15:04"),
			r.Source, r.ID, r.Status, r.Report.Requests, r.Report.RecordsNew, r.Report.RecordsChanged)
		c.Bars = append(c.Bars, bar{X: i * (w + gap), Y: h - bh, W: w, H: bh, Class: r.Status, Title: title})
	}
	return c
}

// durationText is a run's duration for people.
func durationText(start, end time.Time) string {
	if start.IsZero() || end.IsZero() {
		return "—"
	}
	return end.Sub(start).Round(time.Second).String()
}
