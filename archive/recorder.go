package archive

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// transferHeader notes, in the archived response head, that Go's HTTP
// client removed a transfer coding before archivio saw the body.
const transferHeader = "X-Archivio-Removed-Transfer-Encoding"

// ErrNotArchived wraps every failure to keep an exchange (a WARC write, a
// catalog insert): a crawl must stop on it rather than go on fetching what
// it cannot keep.
var ErrNotArchived = errors.New("not archived")

// ErrInterrupted wraps (with context.Canceled) the error of a request
// whose body was cut because its caller stopped (Ctrl-C, SIGTERM): what
// arrived is archived with WARC-Truncated: unspecified, and the response
// is not handed on, so that nothing takes a cut page for a whole one.
var ErrInterrupted = errors.New("interrupted while receiving the body")

// DefaultMaxBody is the largest response body kept whole: 32 MiB.
const DefaultMaxBody = 32 << 20

// RecorderOptions configure a Recorder.
type RecorderOptions struct {
	CrawlID int64 // the crawl the captures belong to; 0 for none
	// MaxBody bounds a body both as received and decoded of its content
	// coding (default DefaultMaxBody): reading stops as soon as either
	// passes it, and the cut is recorded (WARC-Truncated: length). So a
	// decompression bomb costs at most MaxBody of decoding.
	MaxBody int64
	// SpoolMemory is how much of a response is kept in memory while it
	// arrives (default DefaultSpoolMemory); the rest goes to a temporary
	// file.
	SpoolMemory int64
	Now         func() time.Time // clock (default time.Now)
}

// BodyCuts count the responses a Recorder archived with a cut body, by
// reason.
type BodyCuts struct {
	Length      int64 `json:"length"`      // past MaxBody, as received or decoded
	Time        int64 `json:"time"`        // the request's deadline passed mid-body
	Disconnect  int64 `json:"disconnect"`  // the connection failed mid-body (reset, short body, broken chunks)
	Interrupted int64 `json:"interrupted"` // the caller stopped (ErrInterrupted)
}

// Recorder is the recording transport: an http.RoundTripper that keeps
// every exchange it carries (robots.txt, sitemaps, redirects, errors, pages)
// as a WARC request and response record and lists the response in the
// catalog, before the caller sees it. An identical, non-empty payload of a
// URL already captured becomes a revisit record. What is archived is the response as
// received.
//
// Bodies stream: each goes to its WARC record's spool as it arrives (in
// memory up to SpoolMemory, then a temporary file), is measured decoded
// on the way so that MaxBody bounds it as received and decoded, and is
// written to the WARC file from the spool. The response handed back reads
// the body from the spool, decoded of its content coding (gzip, deflate),
// so the caller chooses how much of it to hold in memory; its length is
// in LengthHeader and closing it releases the spool. It carries the
// capture id in CaptureHeader and, for a cut body, the reason in
// TruncatedHeader.
//
// A response that cannot be archived is an error: archivio never uses data
// it did not keep.
type Recorder struct {
	next  http.RoundTripper
	warc  *WARCWriter
	store CaptureCatalog
	opts  RecorderOptions

	length, time, disconnect, interrupted atomic.Int64
}

// CaptureCatalog is where a Recorder lists its captures (a Store).
type CaptureCatalog interface {
	AddCapture(ctx context.Context, c *Capture) (int64, error)
	// OriginalCapture finds the capture a revisit refers to.
	OriginalCapture(ctx context.Context, url, digest string) (*Capture, error)
	Dir() string // the data directory, named when the disk is full
}

// NewRecorder wraps next. The transport next should not decompress on its
// own (http.Transport does not when the request names Accept-Encoding,
// which the Recorder does) and should speak HTTP/1.1, whose status line and
// headers the WARC format records.
func NewRecorder(next http.RoundTripper, w *WARCWriter, s CaptureCatalog, opts RecorderOptions) *Recorder {
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.SpoolMemory <= 0 {
		opts.SpoolMemory = DefaultSpoolMemory
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Recorder{next: next, warc: w, store: s, opts: opts}
}

// Cuts counts the responses archived so far with a cut body.
func (r *Recorder) Cuts() BodyCuts {
	return BodyCuts{Length: r.length.Load(), Time: r.time.Load(), Disconnect: r.disconnect.Load(), Interrupted: r.interrupted.Load()}
}

// RoundTrip sends req, archives the exchange and returns the response.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	req = req.Clone(ctx)
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	var ip string
	// The fetch begins when the network transport asks for a connection:
	// after any pacing of the transports in between.
	start := r.opts.Now()
	var began sync.Once
	trace := &httptrace.ClientTrace{
		GetConn: func(string) { began.Do(func() { start = r.opts.Now() }) },
		GotConn: func(info httptrace.GotConnInfo) {
			if a, ok := info.Conn.RemoteAddr().(*net.TCPAddr); ok {
				ip = a.IP.String()
			}
		},
	}
	resp, err := r.next.RoundTrip(req.WithContext(httptrace.WithClientTrace(ctx, trace)))
	if err != nil {
		return nil, err
	}
	target := req.URL.String()
	notArchived := func(err error) error {
		return fmt.Errorf("record %s: %w: %w", target, ErrNotArchived, diskFull(err, r.store.Dir()))
	}
	head := responseHead(resp)
	dir, err := r.warc.spoolDir()
	if err != nil {
		resp.Body.Close()
		return nil, notArchived(err)
	}
	sp, err := newSpooledBody(head, r.opts.SpoolMemory, dir)
	if err != nil {
		resp.Body.Close()
		return nil, notArchived(err)
	}
	got, err := receive(ctx, resp, sp, r.opts.MaxBody)
	resp.Body.Close()
	if err != nil {
		sp.Close()
		return nil, notArchived(err)
	}
	at := r.opts.Now()
	// What was received is kept even when the request's context ended
	// while reading it.
	ctx = context.WithoutCancel(ctx)

	ex := Exchange{
		TargetURI: target,
		Date:      at,
		IP:        ip,
		Request:   requestBytes(req),
		Response:  head,
		Truncated: got.cut,
		spool:     sp,
	}
	digest := sp.digest()
	var orig *Original
	var revisitOf int64
	// Only a whole, non-empty payload is deduplicated: the digest of an
	// empty one (every HEAD answer) is shared by every bodiless answer,
	// and its revisit record would be larger than the response.
	if got.cut == "" && resp.StatusCode == http.StatusOK && sp.size > 0 {
		if c, err := r.store.OriginalCapture(ctx, ex.TargetURI, digest); err == nil {
			orig = &Original{TargetURI: c.URL, Date: c.FetchedAt, RecordID: c.WARCRecordID}
			revisitOf = c.ID
		} else if !errors.Is(err, ErrNotFound) {
			sp.Close()
			return nil, notArchived(err)
		}
	}
	w, err := r.warc.WriteExchange(ctx, ex, orig)
	if err != nil {
		sp.Close()
		return nil, notArchived(err)
	}
	c := &Capture{
		CrawlID:       r.opts.CrawlID,
		URL:           ex.TargetURI,
		Method:        requestMethod(ex.Request),
		FetchedAt:     at,
		Status:        resp.StatusCode,
		ContentType:   resp.Header.Get("Content-Type"),
		ETag:          resp.Header.Get("ETag"),
		LastModified:  resp.Header.Get("Last-Modified"),
		PayloadDigest: digest,
		PayloadLength: sp.size,
		Truncated:     got.cut,
		RevisitOf:     revisitOf,
		WARCFile:      w.File,
		WARCOffset:    w.Offset,
		WARCLength:    w.Length,
		WARCRecordID:  w.RecordID,
	}
	id, err := r.store.AddCapture(ctx, c)
	if err != nil {
		sp.Close()
		return nil, notArchived(err)
	}
	r.count(got)
	if got.interrupted {
		sp.Close()
		return nil, fmt.Errorf("record %s: %w: %w", target, ErrInterrupted, context.Canceled)
	}
	body, err := got.handOn(sp)
	if err != nil {
		sp.Close()
		return nil, fmt.Errorf("record %s: read the spool back: %w", target, err)
	}
	// The caller gets the body without its content coding, as from Go's
	// client when it negotiates compression itself. The coding header goes
	// even when the body does not decode (a 304 or an error page labelled
	// gzip, a mislabelled body), and Uncompressed is set whatever the
	// coding: nothing downstream may decode again (colly, for one, inflates
	// bodies whose type or URL says gzip, without a limit).
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	CaptureMark{ID: id, Truncated: got.cut, Length: got.handed,
		Start: start, Elapsed: at.Sub(start), Size: sp.size, Digest: digest, Revisit: orig != nil}.Set(resp.Header)
	resp.Uncompressed = true
	resp.ContentLength = got.handed
	resp.Body = body
	return resp, nil
}

func (r *Recorder) count(got received) {
	switch {
	case got.interrupted:
		r.interrupted.Add(1)
	case got.cut == "length":
		r.length.Add(1)
	case got.cut == "time":
		r.time.Add(1)
	case got.cut == "disconnect":
		r.disconnect.Add(1)
	}
}

// requestBytes is the request as sent on the wire: request line, Host and
// headers. Crawl requests have no body.
func requestBytes(req *http.Request) []byte {
	var b bytes.Buffer
	uri := req.URL.RequestURI()
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\n", req.Method, uri)
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	fmt.Fprintf(&b, "Host: %s\r\n", host)
	req.Header.WriteSubset(&b, map[string]bool{"Host": true})
	b.WriteString("\r\n")
	return b.Bytes()
}

// responseHead is the status line and headers as received. Go's client
// takes a chunked transfer coding off the body; the head then says so in
// transferHeader instead of claiming a coding the archived body lacks.
func responseHead(resp *http.Response) []byte {
	var b bytes.Buffer
	proto := resp.Proto
	if proto == "" || strings.HasPrefix(proto, "HTTP/2") || strings.HasPrefix(proto, "HTTP/3") {
		proto = "HTTP/1.1"
	}
	status := resp.Status
	if status == "" || !strings.HasPrefix(status, strconv.Itoa(resp.StatusCode)) {
		status = strconv.Itoa(resp.StatusCode) + " " + http.StatusText(resp.StatusCode)
	}
	fmt.Fprintf(&b, "%s %s\r\n", proto, status)
	h := resp.Header.Clone()
	h.Del(CaptureHeader)
	h.Del(TruncatedHeader)
	if len(resp.TransferEncoding) > 0 {
		h.Set(transferHeader, strings.Join(resp.TransferEncoding, ", "))
	}
	h.Write(&b)
	b.WriteString("\r\n")
	return b.Bytes()
}

// DecodePayload removes a gzip or deflate content coding from an archived
// payload and reports whether it did. A payload that does not decode is
// left as it is; the decoded payload stops at max bytes (a decompression
// bomb costs no more).
func DecodePayload(h http.Header, body []byte, max int64) ([]byte, bool) {
	var zr io.Reader
	var err error
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding"))) {
	case "gzip", "x-gzip":
		zr, err = gzip.NewReader(bytes.NewReader(body))
	case "deflate":
		zr = flate.NewReader(bytes.NewReader(body))
	}
	if zr == nil || err != nil {
		return body, false
	}
	decoded, derr := io.ReadAll(io.LimitReader(zr, max))
	if derr != nil && len(decoded) == 0 {
		return body, false
	}
	return decoded, true
}
