package archive

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The crawl log is one line per fetch of a crawl, in the manner of
// Heritrix's crawl.log, in DIR/logs/crawl-ID.log (ID the crawl's catalog
// id; a resumed crawl appends to its log). Each line holds, separated by
// spaces (a missing value is "-"):
//
//	time status size URL discovery-path via mime thread fetch-time+duration digest source annotations
//
// time is when the line was written (UTC, milliseconds); status the HTTP
// status, or a negative code for a URL that got no answer (CrawlLogNo*);
// size the body's bytes as received; the discovery path the hops from a
// seed ("-" for a seed; L a link, R a redirect, P a prerequisite such as
// robots.txt); via the URL that led here; thread is always "-"; the fetch
// time is when the request began (yyyymmddhhmmssSSS) and the duration its
// milliseconds; digest the payload's ("sha1:..."); source the crawl's
// source; annotations, comma separated: "Nt" for N attempts, lenTrunc,
// timeTrunc, disconnectTrunc or stopTrunc for a body archived cut,
// duplicate:digest for a revisit, and for a URL not fetched the reason
// (robots, max_pages, max_depth, off_site) or the error kind.

// Negative statuses of URLs that got no answer, after Heritrix's.
const (
	CrawlLogDNS       = -1    // no such host, or the resolver failed
	CrawlLogConnect   = -2    // the connection failed (refused, TLS)
	CrawlLogBroken    = -3    // the connection broke (reset, a body cut by a dropped connection)
	CrawlLogTimeout   = -4    // no answer in time
	CrawlLogOther     = -5    // any other failure
	CrawlLogHops      = -4001 // beyond the crawl's depth
	CrawlLogOffSite   = -5000 // out of the crawl's scope (a redirect off the site)
	CrawlLogQuota     = -5003 // beyond --max-pages
	CrawlLogRobots    = -9998 // forbidden by robots.txt
	crawlLogTimestamp = "20060102150405.000"
)

// CrawlLogEntry is one line of a crawl log.
type CrawlLogEntry struct {
	Time        time.Time     // when the fetch ended (the line's time)
	Status      int           // HTTP status, or a negative CrawlLog code
	Size        int64         // bytes of the body as received; -1 when there is none
	URL         string        // the URL fetched (or not fetched)
	Path        string        // discovery path, "" for a seed
	Via         string        // the URL that led here, "" for a seed
	MIME        string        // the answer's media type, "" when none
	Start       time.Time     // when the request began; zero when not fetched
	Duration    time.Duration // how long the fetch took
	Digest      string        // the payload's digest, "" when none
	Source      string        // the crawl's source
	Annotations []string
}

// Line renders the entry without its newline.
func (e CrawlLogEntry) Line() string {
	size := "-"
	if e.Size >= 0 {
		size = strconv.FormatInt(e.Size, 10)
	}
	fetch := "-"
	if !e.Start.IsZero() {
		fetch = strings.Replace(e.Start.UTC().Format(crawlLogTimestamp), ".", "", 1) + "+" + strconv.FormatInt(e.Duration.Milliseconds(), 10)
	}
	mime := e.MIME
	if i := strings.IndexByte(mime, ';'); i >= 0 {
		mime = mime[:i]
	}
	return fmt.Sprintf("%s %5d %10s %s %s %s %s - %s %s %s %s",
		e.Time.UTC().Format("2006-01-02T15:04:05.000Z"), e.Status, size, logField(e.URL), logField(e.Path), logField(e.Via),
		logField(strings.ToLower(strings.TrimSpace(mime))), fetch, logField(e.Digest), logField(e.Source), logField(strings.Join(e.Annotations, ",")))
}

// logField is a value as one field of a line: "-" when empty, spaces and
// control characters percent-encoded.
func logField(s string) string {
	if s == "" {
		return "-"
	}
	return surtEscape(s)
}

// CrawlLogPath is the crawl log of crawl id in the data directory dir.
func CrawlLogPath(dir string, id int64) string {
	return filepath.Join(dir, "logs", "crawl-"+strconv.FormatInt(id, 10)+".log")
}

// CrawlLog writes a crawl's log; safe for concurrent use. Each line goes
// to the file as it is written (one write, appended), so a killed crawl's
// log holds every fetch that ended before the kill.
type CrawlLog struct {
	mu   sync.Mutex
	f    *os.File
	path string
	err  error
}

// OpenCrawlLog opens the log of crawl id in dir for appending, creating
// DIR/logs when needed.
func OpenCrawlLog(dir string, id int64) (*CrawlLog, error) {
	path := CrawlLogPath(dir, id)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open crawl log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open crawl log: %w", err)
	}
	return &CrawlLog{f: f, path: path}, nil
}

// Path is the log's file.
func (l *CrawlLog) Path() string { return l.path }

// Write appends one line. A write that fails is kept as the log's error,
// returned by Close: the crawl goes on, its evidence is in the WARC files.
func (l *CrawlLog) Write(e CrawlLogEntry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil || l.f == nil {
		return
	}
	if _, err := l.f.WriteString(e.Line() + "\n"); err != nil {
		l.err = fmt.Errorf("write crawl log %s: %w", l.path, err)
	}
}

// Close flushes and closes the log, returning the first error met.
func (l *CrawlLog) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return l.err
	}
	err := l.f.Close()
	l.f = nil
	if l.err == nil && err != nil {
		l.err = fmt.Errorf("close crawl log %s: %w", l.path, err)
	}
	return l.err
}
