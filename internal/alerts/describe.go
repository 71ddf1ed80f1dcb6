package alerts

import (
	"fmt"
	"strings"
	"time"
)

// Describe is the plain-text description of an alert used by the Atom
// feed, the e-mail body and the log line: what happened to the URL, the
// verdict, since when, the records that cite it (id and title) and
// archivio's last good capture of it. Lines end with "\n"; the text ends
// with a newline.
//
// A parse health alert (drift, recovered) says instead which source, which
// crawl against which baseline, the counts, and each broken rule with
// example pages and their captures.
func Describe(a Alert) string {
	var b strings.Builder
	if a.Drift != nil {
		describeDrift(&b, a)
		return b.String()
	}
	switch a.Kind {
	case KindDown:
		fmt.Fprintf(&b, "%s went down", oneLine(a.URL))
	case KindUp:
		fmt.Fprintf(&b, "%s is back up", oneLine(a.URL))
	default:
		fmt.Fprintf(&b, "%s changed state (%s)", oneLine(a.URL), oneLine(a.Kind))
	}
	if a.Verdict != "" {
		fmt.Fprintf(&b, " (verdict %s)", oneLine(a.Verdict))
	}
	b.WriteString(".\n")
	fmt.Fprintf(&b, "Since: %s\n", stamp(a.Since))
	fmt.Fprintf(&b, "Raised: %s (alert %d)\n", stamp(a.At), a.ID)

	b.WriteString("\n")
	switch len(a.Records) {
	case 0:
		b.WriteString("No record cites this link.\n")
	case 1:
		b.WriteString("Cited by 1 record:\n")
	default:
		fmt.Fprintf(&b, "Cited by %d records:\n", len(a.Records))
	}
	for _, r := range a.Records {
		fmt.Fprintf(&b, "- record %d: %s\n", r.ID, oneLine(r.Title))
		if r.URL != "" {
			fmt.Fprintf(&b, "  %s\n", oneLine(r.URL))
		}
	}

	b.WriteString("\n")
	c := a.LastGoodCapture
	if c == nil || c.WARCFile == "" {
		b.WriteString("Last good capture: none in the archive.\n")
		if c != nil && c.Wayback != "" { // a copy another archive holds
			fmt.Fprintf(&b, "A copy elsewhere: %s\n", oneLine(c.Wayback))
		}
		return b.String()
	}
	fmt.Fprintf(&b, "Last good capture: %s\n", stamp(c.At))
	if c.URL != "" {
		fmt.Fprintf(&b, "  URL: %s\n", oneLine(c.URL))
	}
	fmt.Fprintf(&b, "  WARC: %s at offset %d\n", oneLine(c.WARCFile), c.Offset)
	if c.Wayback != "" {
		fmt.Fprintf(&b, "  Replay: %s\n", oneLine(c.Wayback))
	}
	return b.String()
}

// stamp formats a time for people and machines alike: RFC 3339 in UTC,
// "unknown" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format(time.RFC3339)
}
