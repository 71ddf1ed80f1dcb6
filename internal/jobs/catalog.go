package jobs

import (
	"context"
	"net/http"
	"time"

	"archivio/archive"
)

// The archive as the jobs use it: small interfaces, each what one part of
// a job needs of the catalog, so that another catalog backend can stand
// behind them. *archive.Store is the one there is; the harness opens it.

// runLog records the runs of jobs (crawls, link checks) and their reports.
type runLog interface {
	StartCrawl(ctx context.Context, source, baseURL string, at time.Time) (int64, error)
	FinishCrawl(ctx context.Context, id int64, status, report string, at time.Time) error
}

// resumable finds and reopens an interrupted crawl.
type resumable interface {
	UnfinishedCrawl(ctx context.Context, source string) (*archive.Crawl, error)
	ReopenCrawl(ctx context.Context, id int64) error
	SupersedeUnfinished(ctx context.Context, source string, id int64, at time.Time) error
}

// frontierStore is a crawl's durable frontier.
type frontierStore interface {
	AddToFrontier(ctx context.Context, crawlID int64, entries []archive.FrontierEntry) ([]bool, error)
	SettleFrontier(ctx context.Context, crawlID int64, key, state, reason string, entries []archive.FrontierEntry) ([]bool, error)
	Frontier(ctx context.Context, crawlID int64, state string) ([]archive.FrontierEntry, error)
	FrontierCounts(ctx context.Context, crawlID int64) ([]archive.FrontierCount, error)
	MissingRecords(ctx context.Context, crawlID int64) ([]archive.FrontierEntry, error)
	frontierLookup
}

// captureReader finds captures and reads their payloads.
type captureReader interface {
	Capture(ctx context.Context, id int64) (*archive.Capture, error)
	Payload(ctx context.Context, c *archive.Capture) ([]byte, http.Header, error)
}

// captureStore is the catalog of captures as a crawl uses it: the
// recording transport's, and what resuming and conditional requests read.
type captureStore interface {
	archive.CaptureCatalog
	captureReader
	CaptureInCrawl(ctx context.Context, crawlID int64, url string) (*archive.Capture, error)
	LastGoodCapture(ctx context.Context, url string) (*archive.Capture, error)
	CataloguedOffsets(ctx context.Context, file string) (map[int64]bool, error)
	CrawlRequests(ctx context.Context, crawlID int64, since time.Time) (int64, error)
	AddFetchError(ctx context.Context, crawlID int64, url, kind, msg string, at time.Time) error
	WARCDir() string
}

// recordStore holds the records and their versions.
type recordStore interface {
	recordWriter
	RecordSeen(ctx context.Context, id int, seenAt time.Time) error
	LatestVersions(ctx context.Context, id int) ([]*archive.RecordVersion, error)
	LatestCaptures(ctx context.Context, id int) ([]archive.VersionCapture, error)
	RecordIDs(ctx context.Context) ([]int, error)
}

// parseFailures are the record pages kept as parse failures.
type parseFailures interface {
	AddParseFailure(ctx context.Context, f archive.ParseFailure) error
	ParseFailure(ctx context.Context, recordID int) (*archive.ParseFailure, error)
	ParseFailures(ctx context.Context) ([]archive.ParseFailure, error)
}

// healthStore is parse health: how each record page came out, and each
// source's drift state.
type healthStore interface {
	HealthReader
	parseFailures
	AddParseResult(ctx context.Context, r archive.ParseResult) error
	LastFieldsFound(ctx context.Context, id int) ([]string, error)
	DriftState(ctx context.Context, source string) (*archive.DriftState, error)
	SetDriftState(ctx context.Context, d archive.DriftState, alert *archive.AlertRow) (int64, error)
	UnreadablePages(ctx context.Context, crawlID int64, n int) ([]archive.PageRef, error)
	PagesWithoutField(ctx context.Context, crawlID int64, field string, n int) ([]archive.PageRef, error)
	PagesWithUnknownLabel(ctx context.Context, crawlID int64, label string, n int) ([]archive.PageRef, error)
}

// deliveryLog records how an alert's delivery went.
type deliveryLog = DeliveryLog

// crawlCatalog is what a crawl uses of the archive.
type crawlCatalog interface {
	runLog
	resumable
	frontierStore
	captureStore
	recordStore
	healthStore
	deliveryLog
	AddSiteLinks(ctx context.Context, source, pageURL string, urls []string, at time.Time) error
}

// linksCatalog is what a run of link checks uses of the archive.
type linksCatalog interface {
	runLog
	archive.CaptureCatalog
	captureReader
	deliveryLog
	Links(ctx context.Context, state string, activeOnly bool) ([]archive.Link, error)
	Link(ctx context.Context, url string) (*archive.Link, error)
	LinkRecords(ctx context.Context, url string) ([]archive.LinkRecord, error)
	AddAlert(ctx context.Context, a archive.AlertRow) (int64, error)
	SetAlertWayback(ctx context.Context, id int64, url string) error
}

// reparseCatalog is what Reparse uses of the archive.
type reparseCatalog interface {
	captureReader
	recordWriter
	parseFailures
	LatestCaptures(ctx context.Context, id int) ([]archive.VersionCapture, error)
	LastGoodCapture(ctx context.Context, url string) (*archive.Capture, error)
}

// rawRecordReader is a catalog whose WARC records reparse reads as bytes,
// in order, to check and decode them in its parse pool (the SQLite
// archive's local files).
type rawRecordReader interface {
	RawRecords() *archive.RawRecords
	PayloadDecoder() *archive.PayloadDecoder
}

// groupCommitter is a catalog written in group commits (archive.Committer).
type groupCommitter interface {
	NewCommitter(opts archive.CommitOptions) *archive.Committer
}

// The archive's Store is each of them.
var (
	_ crawlCatalog    = (*archive.Store)(nil)
	_ linksCatalog    = (*archive.Store)(nil)
	_ reparseCatalog  = (*archive.Store)(nil)
	_ rawRecordReader = (*archive.Store)(nil)
	_ groupCommitter  = (*archive.Store)(nil)
)
