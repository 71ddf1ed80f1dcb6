package archive

import (
	"context"
	"time"
)

// The catalog's contract: what a catalog backend provides, whatever its
// engine. The consumers (internal/jobs, internal/export, internal/daemon,
// internal/serve) each declare the small part they use; these interfaces
// gather the parts that make a crawl's durable state, so that the SQLite
// Store and the PostgreSQL one (archive/pg) are held to the same
// behaviour by one test suite (archive/storetest), run against both.

// CrawlRuns records the runs of crawls: their start, end, report, and
// which interrupted one a resume continues.
type CrawlRuns interface {
	StartCrawl(ctx context.Context, source, baseURL string, at time.Time) (int64, error)
	FinishCrawl(ctx context.Context, id int64, status, report string, at time.Time) error
	ReopenCrawl(ctx context.Context, id int64) error
	UnfinishedCrawl(ctx context.Context, source string) (*Crawl, error)
	SupersedeUnfinished(ctx context.Context, source string, id int64, at time.Time) error
	Crawl(ctx context.Context, id int64) (*Crawl, error)
	LastCrawl(ctx context.Context, source string) (*Crawl, error)
}

// FrontierLog is a crawl's durable frontier: every URL queued under its
// de-duplication key, settled once with the links its page yielded.
type FrontierLog interface {
	AddToFrontier(ctx context.Context, crawlID int64, entries []FrontierEntry) ([]bool, error)
	SettleFrontier(ctx context.Context, crawlID int64, key, state, reason string, entries []FrontierEntry) ([]bool, error)
	Frontier(ctx context.Context, crawlID int64, state string) ([]FrontierEntry, error)
	FrontierCounts(ctx context.Context, crawlID int64) ([]FrontierCount, error)
	MissingRecords(ctx context.Context, crawlID int64) ([]FrontierEntry, error)
}

// CaptureLog is the catalog of captures: where each archived response's
// WARC record is, and the lookups a crawl makes of them.
type CaptureLog interface {
	AddCapture(ctx context.Context, c *Capture) (int64, error)
	Capture(ctx context.Context, id int64) (*Capture, error)
	OriginalCapture(ctx context.Context, url, digest string) (*Capture, error)
	LastGoodCapture(ctx context.Context, url string) (*Capture, error)
	CaptureInCrawl(ctx context.Context, crawlID int64, url string) (*Capture, error)
	CapturesOf(ctx context.Context, crawlID int64) ([]*Capture, error)
	CaptureCount(ctx context.Context) (int64, error)
	HasCaptureAt(ctx context.Context, file string, offset int64) (bool, error)
	CataloguedOffsets(ctx context.Context, file string) (map[int64]bool, error)
	CrawlRequests(ctx context.Context, crawlID int64, since time.Time) (int64, error)
	AddFetchError(ctx context.Context, crawlID int64, url, kind, msg string, at time.Time) error
}

// RecordLog holds the records and their versions.
type RecordLog interface {
	ApplyRecord(ctx context.Context, rec ParsedRecord, captureID int64, seenAt time.Time) (Applied, error)
	RecordSeen(ctx context.Context, id int, seenAt time.Time) error
	LatestVersions(ctx context.Context, id int) ([]*RecordVersion, error)
	LatestCaptures(ctx context.Context, id int) ([]VersionCapture, error)
	RecordVersions(ctx context.Context, id int) ([]*RecordVersion, error)
	RecordIDs(ctx context.Context) ([]int, error)
}

// ArchiveReading is what the reading commands (export, diff, records,
// serve) read: records, links and captures as known at a moment, and the
// record listing of the web interface.
type ArchiveReading interface {
	SearchRecords(ctx context.Context, q RecordQuery) (*RecordPage, error)
	RecordFacets(ctx context.Context) (*RecordFacets, error)
	VersionsAsOf(ctx context.Context, asOf time.Time, fn func(*VersionAt) error) error
	VersionChanges(ctx context.Context, from, to time.Time, fn func(id int, before, after []byte) error) error
	LinksAsOf(ctx context.Context, asOf time.Time) ([]LinkAt, error)
	CapturesByID(ctx context.Context, ids []int64, fn func(*Capture) error) error
	ParseFailures(ctx context.Context) ([]ParseFailure, error)
}

// FailureLog keeps the record pages the parser could not read as
// records: one per record, that of its newest capture, cleared when a
// capture as new or newer is read as the record (ApplyRecord).
type FailureLog interface {
	AddParseFailure(ctx context.Context, f ParseFailure) error
	ParseFailure(ctx context.Context, recordID int) (*ParseFailure, error)
}

// CrawlState is the contract whole: what a crawl writes and reads back of
// its durable state. Both backends are one.
type CrawlState interface {
	CrawlRuns
	FrontierLog
	CaptureLog
	RecordLog
	ArchiveReading
	FailureLog
	Close() error
}

var _ CrawlState = (*Store)(nil)
