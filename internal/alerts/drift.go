package alerts

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Drift is what a parse health alert says about a source: the crawl that
// made the transition, the baseline it was compared with (the source's
// last healthy crawl), its counts, and the rules that broke, each with
// example pages and their captures.
type Drift struct {
	Source        string `json:"source"`
	CrawlID       int64  `json:"crawl_id"`
	BaselineCrawl int64  `json:"baseline_crawl_id"` // 0 when the source had no healthy crawl
	RecordPages   int    `json:"record_pages"`
	Parsed        int    `json:"parsed"`
	Unreadable    int    `json:"unreadable"`
	// Findings is what broke (drift), or what had broken (recovered).
	Findings []DriftFinding `json:"findings"`
	// DriftSince, in a recovered alert, is when the drift began.
	DriftSince time.Time `json:"drift_since,omitzero"`
}

// DriftFinding is one broken rule: unreadable (record pages the parser
// could not read), field_lost (a field most records had, now almost never
// found), new_unknown_label (a label the parser does not know, on several
// pages).
type DriftFinding struct {
	Rule    string `json:"rule"`
	Summary string `json:"summary"` // for people: "18 of 18 record pages unreadable (0 of 18 in the baseline crawl)"
	Field   string `json:"field,omitempty"`
	Label   string `json:"label,omitempty"`
	// Count of Of pages show it in the crawl; BaseCount of BaseOf in the
	// baseline.
	Count     int       `json:"count"`
	Of        int       `json:"of"`
	BaseCount int       `json:"base_count"`
	BaseOf    int       `json:"base_of"`
	Examples  []Example `json:"examples"`
}

// Example is a record page that shows a finding, with its capture.
type Example struct {
	RecordID int      `json:"record_id"`
	URL      string   `json:"url"`
	Reason   string   `json:"reason,omitempty"` // why an unreadable page was not read
	Capture  *Capture `json:"capture"`
}

// rules lists the findings' rules, each once, in order.
func (d *Drift) rules() string {
	var out []string
	for _, f := range d.Findings {
		if !slices.Contains(out, f.Rule) {
			out = append(out, f.Rule)
		}
	}
	return strings.Join(out, ", ")
}

func driftHeadline(a Alert) string {
	src := a.Drift.Source
	if a.Kind == KindRecovered {
		return oneLine(strings.ToUpper(a.Kind) + " " + src + ": record pages read again")
	}
	s := strings.ToUpper(a.Kind) + " " + src + ": record pages no longer read"
	if r := a.Drift.rules(); r != "" {
		s += " (" + r + ")"
	}
	return oneLine(s)
}

// describeDrift is Describe for parse health alerts.
func describeDrift(b *strings.Builder, a Alert) {
	d := a.Drift
	against := "no earlier healthy crawl to compare with"
	if d.BaselineCrawl != 0 {
		against = fmt.Sprintf("compared with crawl %d, the last healthy one", d.BaselineCrawl)
	}
	switch a.Kind {
	case KindRecovered:
		fmt.Fprintf(b, "The record pages of source %s read as before again: crawl %d, %s.\n", oneLine(d.Source), d.CrawlID, against)
	default:
		fmt.Fprintf(b, "The record pages of source %s no longer read as before: crawl %d, %s.\n", oneLine(d.Source), d.CrawlID, against)
	}
	fmt.Fprintf(b, "Source: %s\n", oneLine(a.URL))
	fmt.Fprintf(b, "Since: %s\n", stamp(a.Since))
	if a.Kind == KindRecovered && !d.DriftSince.IsZero() {
		fmt.Fprintf(b, "Drift since: %s\n", stamp(d.DriftSince))
	}
	fmt.Fprintf(b, "Raised: %s (alert %d)\n", stamp(a.At), a.ID)
	fmt.Fprintf(b, "\nCrawl %d read %d record pages: %d as records, %d unreadable.\n", d.CrawlID, d.RecordPages, d.Parsed, d.Unreadable)
	if len(d.Findings) == 0 {
		return
	}
	if a.Kind == KindRecovered {
		b.WriteString("What had broken:\n")
	} else {
		b.WriteString("What changed:\n")
	}
	for _, f := range d.Findings {
		fmt.Fprintf(b, "- %s\n", oneLine(f.Summary))
		for _, e := range f.Examples {
			fmt.Fprintf(b, "  e.g. record %d: %s\n", e.RecordID, oneLine(e.URL))
			if e.Reason != "" {
				fmt.Fprintf(b, "       %s\n", oneLine(e.Reason))
			}
			if c := e.Capture; c != nil {
				fmt.Fprintf(b, "       captured %s, WARC %s at offset %d\n", stamp(c.At), oneLine(c.WARCFile), c.Offset)
			}
		}
	}
}
