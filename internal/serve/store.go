package serve

import (
	"context"
	"io"
	"net/http"
	"time"

	"archivio/archive"
)

// Records is what the record pages read of the archive.
type Records interface {
	SearchRecords(ctx context.Context, q archive.RecordQuery) (*archive.RecordPage, error)
	MatchingRecordIDs(ctx context.Context, q archive.RecordQuery) ([]int, error)
	RecordFacets(ctx context.Context) (*archive.RecordFacets, error)
	RecordVersions(ctx context.Context, id int) ([]*archive.RecordVersion, error)
	RecordVersion(ctx context.Context, id, version int) (*archive.RecordVersion, error)
	RecordLinks(ctx context.Context, id int) ([]archive.Link, error)
}

// Links is what the source health pages read.
type Links interface {
	SearchLinks(ctx context.Context, q archive.LinkQuery) (*archive.LinkPage, error)
	Link(ctx context.Context, url string) (*archive.Link, error)
	LinkHistory(ctx context.Context, url string) ([]archive.Check, error)
	LinkTimelines(ctx context.Context, urls []string, n int) (map[string][]archive.TimelinePoint, error)
	LinkRecords(ctx context.Context, url string) ([]archive.LinkRecord, error)
}

// Alerts is what the alert pages and the feed read.
type Alerts interface {
	Alerts(ctx context.Context) ([]archive.AlertRow, error)
	AlertsFor(ctx context.Context, url string) ([]archive.AlertRow, error)
	RecentAlerts(ctx context.Context, limit, offset int) ([]archive.AlertRow, int, error)
	LinkRecords(ctx context.Context, url string) ([]archive.LinkRecord, error)
	Capture(ctx context.Context, id int64) (*archive.Capture, error)
	CatalogID(ctx context.Context) (string, error) // names the alert feed
}

// Runs is what the crawl pages read.
type Runs interface {
	Crawls(ctx context.Context, source string, limit, offset int) (*archive.CrawlPage, error)
	Crawl(ctx context.Context, id int64) (*archive.Crawl, error)
	FetchErrorKinds(ctx context.Context, crawlID int64) (map[string]int, error)
	Overview(ctx context.Context) (*archive.Overview, error)
}

// Captures is what replay, Memento and the raw records read.
type Captures interface {
	Capture(ctx context.Context, id int64) (*archive.Capture, error)
	CaptureAt(ctx context.Context, file string, offset int64) (*archive.Capture, error)
	URLCaptures(ctx context.Context, url string) ([]*archive.Capture, error)
	NearestCapture(ctx context.Context, url string, at time.Time) (*archive.Capture, error)
	ArchivedURLs(ctx context.Context, urls []string) (map[string]bool, error)
	Payload(ctx context.Context, c *archive.Capture) ([]byte, http.Header, error)
	WARCRecord(ctx context.Context, c *archive.Capture) (io.ReadCloser, error)
}

// Archive is everything the interface reads; *archive.Store has it.
type Archive interface {
	Records
	Links
	Alerts
	Runs
	Captures
}

var _ Archive = (*archive.Store)(nil)
