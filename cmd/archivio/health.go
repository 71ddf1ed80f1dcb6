package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"archivio/archive"
	"archivio/internal/jobs"
)

// shownLabels bounds the labels and examples a report prints; the JSON
// report has them all.
const shownLabels = 5

// printParseHealth writes a crawl's parse health for people: the record
// pages read and how, fields per record against the previous crawl, the
// fields found markedly less often, unknown and near-miss labels and
// unreadable pages with an example each.
func printParseHealth(w io.Writer, h *jobs.ParseHealthReport) {
	if h == nil {
		return
	}
	prev := "no previous crawl"
	if h.Previous != nil {
		prev = fmt.Sprintf("previous crawl %d: %.1f, %d of %d unreadable", h.Previous.CrawlID, h.Previous.FieldsPerRecord,
			h.Previous.Unreadable, h.Previous.RecordPages)
	}
	fmt.Fprintf(w, "  parse health      %d record pages (%d fetched, %d not modified): %d read, %d unreadable; %.1f fields per record (%s)\n",
		h.RecordPages, h.Fetched, h.NotModified, h.Parsed, h.Unreadable, h.FieldsPerRecord, prev)
	// The fields found markedly less often than in the previous crawl,
	// largest drop first (none to compare when no page was read).
	var fewer []jobs.FieldShare
	for _, f := range h.FieldShares {
		if h.Previous != nil && h.Parsed > 0 && f.PreviousShare-f.Share >= 0.1-1e-9 {
			fewer = append(fewer, f)
		}
	}
	slices.SortStableFunc(fewer, func(a, b jobs.FieldShare) int {
		return cmp.Compare(b.PreviousShare-b.Share, a.PreviousShare-a.Share)
	})
	var parts []string
	for _, f := range fewer[:min(len(fewer), shownLabels)] {
		parts = append(parts, fmt.Sprintf("%s %s (was %s)", f.Field, percent(f.Share), percent(f.PreviousShare)))
	}
	if len(fewer) > shownLabels {
		parts = append(parts, fmt.Sprintf("and %d more", len(fewer)-shownLabels))
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "  fields found less %s\n", strings.Join(parts, ", "))
	}
	printLabels(w, "unknown labels", h.UnknownLabels)
	printLabels(w, "near-miss labels", h.FuzzyLabels)
	for i, p := range h.UnreadableExamples {
		head := "unreadable"
		if i > 0 {
			head = ""
		}
		fmt.Fprintf(w, "  %-17s %s (capture %d): %s\n", head, p.URL, p.CaptureID, p.Reason)
	}
	printDrift(w, h.Drift)
}

// printDrift writes how a crawl was judged against its source's baseline.
func printDrift(w io.Writer, d *jobs.DriftReport) {
	if d == nil {
		return
	}
	against := "no earlier healthy crawl"
	if d.BaselineCrawl != 0 {
		against = fmt.Sprintf("against crawl %d", d.BaselineCrawl)
	}
	switch {
	case !d.Judged:
		fmt.Fprintf(w, "  drift             not judged: too few record pages; the source stays %s\n", orDash(d.State))
		return
	case d.Alert != nil:
		fmt.Fprintf(w, "  drift             %s (%s): alert %d raised\n", strings.ToUpper(d.Alert.Kind), against, d.Alert.ID)
	default:
		fmt.Fprintf(w, "  drift             %s since %s (%s)\n", d.State, d.Since.UTC().Format(time.RFC3339), against)
	}
	for _, f := range d.Findings {
		fmt.Fprintf(w, "                    %s\n", f)
	}
	if d.Undelivered != "" {
		fmt.Fprintf(w, "  not delivered     %s\n", d.Undelivered)
	}
}

func printLabels(w io.Writer, head string, ls []archive.LabelCount) {
	for i, l := range ls {
		if i == shownLabels {
			fmt.Fprintf(w, "  %-17s ... and %d more (all in the JSON report: --format json)\n", "", len(ls)-shownLabels)
			return
		}
		name := fmt.Sprintf("%q", l.Label)
		if l.Field != "" {
			name += " as " + l.Field
		}
		fmt.Fprintf(w, "  %-17s %s on %d pages, e.g. %s\n", head, name, l.Pages, l.Example.URL)
		head = ""
	}
}

func percent(share float64) string {
	return fmt.Sprintf("%.0f%%", share*100)
}
