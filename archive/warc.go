package archive

import (
	"net/http"
	"time"
)

// The WARC layer keeps every HTTP exchange as a request record and a
// response (or revisit) record in WARC/1.1 files, one gzip member per
// record, each file opened by a warcinfo record and indexed by a CDXJ file
// beside it. warc_writer.go writes, warc_reader.go reads, warc_repair.go
// mends files left open by a killed process, cdxj.go indexes.

// Defaults of WARCOptions.
const (
	// DefaultWARCPrefix is the file name prefix when WARCOptions.Prefix is "".
	DefaultWARCPrefix = "archivio"
	// DefaultWARCMaxFileSize is the rotation size when WARCOptions.MaxFileSize is 0: 1 GiB.
	DefaultWARCMaxFileSize int64 = 1 << 30
)

// WARC vocabulary used by the writer and the readers.
const (
	warcOpenSuffix    = ".open"
	warcFileExt       = ".warc.gz"
	warcCDXJExt       = ".cdxj"
	warcRevisitMime   = "warc/revisit"
	warcFormatName    = "WARC File Format 1.1"
	warcConformsTo    = "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
	warcProfileDigest = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
	warcHTTPResponse  = "application/http; msgtype=response"
	warcHTTPRequest   = "application/http; msgtype=request"
	warcFieldsType    = "application/warc-fields"
)

// WARCOptions configure a WARCWriter. Zero values take the documented defaults.
type WARCOptions struct {
	Dir         string           // directory of the WARC files (created if missing); required
	Prefix      string           // file name prefix, default "archivio"
	MaxFileSize int64            // rotate after a file reaches this size, default 1 GiB
	Software    string           // warcinfo "software", e.g. "archivio/devel"; default "archivio"
	Hostname    string           // warcinfo "hostname"; default os.Hostname()
	IsPartOf    string           // warcinfo "isPartOf" (CrawlCollection for a crawl's files); none when ""
	Now         func() time.Time // clock, default time.Now
	// Compression is the gzip level of the records, 1 (fastest) to 9
	// (smallest); 0 means DefaultWARCCompression. Every level writes
	// standard gzip members: it changes only CPU time and file size.
	Compression int
}

// DefaultWARCCompression is the gzip level of WARC records when none is
// set: gzip's own default. WARC files are permanent storage; level 1
// compresses a record page about 2.5 times faster for a file about 11%
// larger (see the README's crawl benchmarks).
const DefaultWARCCompression = 6

// Exchange is one HTTP request and its response, as sent and as received.
type Exchange struct {
	TargetURI string
	Date      time.Time // when the response was received (WARC-Date, UTC, kept to the microsecond); zero means now
	IP        string    // remote IP address, may be ""
	Request   []byte    // the HTTP request as sent: request line, headers, CRLF, body
	Response  []byte    // the HTTP response head as received: status line and headers, ending with the blank line (CRLFCRLF)
	Body      []byte    // the response body as received (still content-coded, e.g. gzip)
	Truncated string    // "" or a WARC-Truncated reason ("length", "time", "disconnect", "unspecified") when Body was cut

	// spool, set by the Recorder instead of Body, holds a body too large
	// to keep in memory (see spooledBody).
	spool *spooledBody
}

// Original identifies an earlier capture with the same payload, for revisit records.
type Original struct {
	TargetURI string
	Date      time.Time
	RecordID  string // "<urn:uuid:...>"; the angle brackets may be left out
}

// Written says where an exchange went.
type Written struct {
	File          string // base name of the WARC file as it will be named once closed (no .open suffix)
	Offset        int64  // byte offset of the response (or revisit) record in the file
	Length        int64  // length in bytes of that record (its gzip member)
	RequestOffset int64  // byte offset of the request record, in the same file
	RequestLength int64  // length in bytes of the request record
	RecordID      string // WARC-Record-ID of the response/revisit record, "<urn:uuid:...>"
	PayloadDigest string // "sha1:BASE32" of Body (for a revisit, the original's, which is the same)
	BlockDigest   string // "sha1:BASE32" of the response (or revisit) record's block
	Revisit       bool
}

// RepairReport says what RepairOpenFiles did to one file.
type RepairReport struct {
	File         string // final base name of the repaired file
	Records      int    // whole records kept (warcinfo, requests, responses, revisits)
	DroppedBytes int64  // bytes cut from the end: the partial last record
	Index        bool   // a closed file whose missing CDXJ index was written
}

// ArchivedResponse is a response (or revisit) record read back from a WARC file.
type ArchivedResponse struct {
	RecordID      string // "<urn:uuid:...>"
	Type          string // "response" or "revisit"
	TargetURI     string
	Date          time.Time
	StatusCode    int         // parsed from the HTTP response head
	Header        http.Header // parsed from the HTTP response head, as stored
	Body          []byte      // the payload as stored (content-coded as received; for a revisit, nil)
	PayloadDigest string
	RefersTo      string // revisit: the original record id
	Truncated     string // WARC-Truncated: "" when the body is whole
}

// ScannedRecord is one record met by ScanWARC. Type, RecordID, TargetURI
// and Date come from the WARC header; StatusCode (responses and revisits
// only) from the HTTP head.
type ScannedRecord struct {
	Offset, Length int64
	Type           string
	RecordID       string
	TargetURI      string
	Date           time.Time
	StatusCode     int
	PayloadDigest  string
}
