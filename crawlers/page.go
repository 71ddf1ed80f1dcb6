package crawlers

import (
	"net/http"
	"sync/atomic"
)

// Page is a fetched page handed to Options.OnPage.
type Page struct {
	URL       string // the URL fetched (after redirects)
	Key       string // the frontier key it was queued under
	RecordID  int    // the observatory record id, 0 for other pages
	Status    int
	Header    http.Header
	Body      []byte // decoded of any content coding, at most MaxPageBody bytes
	CaptureID int64  // the catalog id of the archived response, 0 if unknown
	Truncated string // why the archived body was cut (its WARC-Truncated), "" when whole
	// BodyCut says Body is only the first MaxPageBody bytes of a longer
	// page (archived whole unless Truncated says otherwise).
	BodyCut bool
	Depth   int // links followed from a seed (site sources)
	// Links are the targets of the page's links (<a href>, <area href>),
	// resolved, read once by the crawl from an HTML page that answered
	// 200 (from its first MaxPageBody bytes); nil for other pages.
	Links []string
}

// ResumeEntry is a queued frontier entry of an interrupted crawl, with the
// depth it was queued at.
type ResumeEntry struct {
	Key, URL string
	Depth    int
}

// Stats count what a crawl did. Read them with Snapshot while it runs.
type Stats struct {
	Queued, Fetched, NotModified, Errors, Blocked, Bytes atomic.Int64
}

// StatsSnapshot is a copy of Stats.
type StatsSnapshot struct {
	Queued, Fetched, NotModified, Errors, Blocked, Bytes int64
}

// Snapshot copies the counters.
func (s *Stats) Snapshot() StatsSnapshot {
	return StatsSnapshot{s.Queued.Load(), s.Fetched.Load(), s.NotModified.Load(), s.Errors.Load(), s.Blocked.Load(), s.Bytes.Load()}
}
