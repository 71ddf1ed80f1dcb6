package archive

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"time"
)

// Headers the Recorder adds to the responses it hands back (never to what
// it archives).
const (
	// CaptureHeader carries the catalog id of the capture.
	CaptureHeader = "X-Archivio-Capture"
	// TruncatedHeader carries the WARC-Truncated reason when the body was cut.
	TruncatedHeader = "X-Archivio-Truncated"
	// transferHeader notes, in the archived response head, that Go's HTTP
	// client removed a transfer coding before archivio saw the body.
	transferHeader = "X-Archivio-Removed-Transfer-Encoding"
)

// ErrNotArchived wraps every failure to keep an exchange (a WARC write, a
// catalog insert): a crawl must stop on it rather than go on fetching what
// it cannot keep.
var ErrNotArchived = errors.New("not archived")

// DefaultMaxBody is the largest response body kept whole: 32 MiB.
const DefaultMaxBody = 32 << 20

// RecorderOptions configure a Recorder.
type RecorderOptions struct {
	CrawlID int64            // the crawl the captures belong to; 0 for none
	MaxBody int64            // bodies are cut after this many bytes (default DefaultMaxBody), the cut recorded
	Now     func() time.Time // clock (default time.Now)
}

// Recorder is the recording transport: an http.RoundTripper that keeps
// every exchange it carries (robots.txt, sitemaps, redirects, errors, pages)
// as a WARC request and response record and lists the response in the
// catalog, before the caller sees it. An identical payload of a URL already
// captured becomes a revisit record. The response handed back has its body
// decoded (gzip, deflate) and carries the capture id in CaptureHeader;
// what is archived is the response as received.
//
// A response that cannot be archived is an error: archivio never uses data
// it did not keep.
type Recorder struct {
	next  http.RoundTripper
	warc  *WARCWriter
	store *Store
	opts  RecorderOptions
}

// NewRecorder wraps next. The transport next should not decompress on its
// own (http.Transport does not when the request names Accept-Encoding,
// which the Recorder does) and should speak HTTP/1.1, whose status line and
// headers the WARC format records.
func NewRecorder(next http.RoundTripper, w *WARCWriter, s *Store, opts RecorderOptions) *Recorder {
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Recorder{next: next, warc: w, store: s, opts: opts}
}

// RoundTrip sends req, archives the exchange and returns the response.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	req = req.Clone(ctx)
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	var ip string
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if a, ok := info.Conn.RemoteAddr().(*net.TCPAddr); ok {
			ip = a.IP.String()
		}
	}}
	resp, err := r.next.RoundTrip(req.WithContext(httptrace.WithClientTrace(ctx, trace)))
	if err != nil {
		return nil, err
	}
	body, truncated := readBody(ctx, resp.Body, r.opts.MaxBody)
	resp.Body.Close()
	at := r.opts.Now()
	// What was received is kept even when the request's deadline passed
	// while reading it (the cut is recorded as WARC-Truncated: time).
	ctx = context.WithoutCancel(ctx)

	digest := PayloadDigest(body)
	ex := Exchange{
		TargetURI: req.URL.String(),
		Date:      at,
		IP:        ip,
		Request:   requestBytes(req),
		Response:  responseHead(resp),
		Body:      body,
		Truncated: truncated,
	}
	var orig *Original
	var revisitOf int64
	if truncated == "" && resp.StatusCode == http.StatusOK {
		if c, err := r.store.OriginalCapture(ctx, ex.TargetURI, digest); err == nil {
			orig = &Original{TargetURI: c.URL, Date: c.FetchedAt, RecordID: c.WARCRecordID}
			revisitOf = c.ID
		} else if !errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("record %s: %w: %w", ex.TargetURI, ErrNotArchived, err)
		}
	}
	w, err := r.warc.WriteExchange(ctx, ex, orig)
	if err != nil {
		return nil, fmt.Errorf("record %s: %w: %w", ex.TargetURI, ErrNotArchived, err)
	}
	c := &Capture{
		CrawlID:       r.opts.CrawlID,
		URL:           ex.TargetURI,
		FetchedAt:     at,
		Status:        resp.StatusCode,
		ContentType:   resp.Header.Get("Content-Type"),
		ETag:          resp.Header.Get("ETag"),
		LastModified:  resp.Header.Get("Last-Modified"),
		PayloadDigest: digest,
		PayloadLength: int64(len(body)),
		Truncated:     truncated,
		RevisitOf:     revisitOf,
		WARCFile:      w.File,
		WARCOffset:    w.Offset,
		WARCLength:    w.Length,
		WARCRecordID:  w.RecordID,
	}
	id, err := r.store.AddCapture(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("record %s: %w: %w", ex.TargetURI, ErrNotArchived, err)
	}
	resp.Header.Set(CaptureHeader, strconv.FormatInt(id, 10))
	if truncated != "" {
		resp.Header.Set(TruncatedHeader, truncated)
	}
	decodeForCaller(resp, body, r.opts.MaxBody)
	return resp, nil
}

// readBody reads at most max bytes of a body and says why it stopped early:
// "length" past max, "time" when the request's deadline passed, and
// "disconnect" when the connection failed mid-body.
func readBody(ctx context.Context, rc io.Reader, max int64) ([]byte, string) {
	body, err := io.ReadAll(io.LimitReader(rc, max+1))
	switch {
	case int64(len(body)) > max:
		return body[:max], "length"
	case err == nil:
		return body, ""
	case ctx.Err() != nil || isTimeout(err):
		return body, "time"
	default:
		return body, "disconnect"
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// PayloadDigest is the WARC payload digest of a body: "sha1:" and the
// base32 SHA-1, as WARC readers compute it.
func PayloadDigest(body []byte) string {
	sum := sha1.Sum(body)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
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

// decodeForCaller gives the caller the body without its content coding,
// as Go's client does when it negotiates compression itself.
// The coding header goes even when the body does not decode (a 304 or an
// error page labelled gzip, a mislabelled body): the caller must never try
// to decode again.
func decodeForCaller(resp *http.Response, body []byte, max int64) {
	if decoded, ok := DecodePayload(resp.Header, body, max); ok {
		body = decoded
	}
	if resp.Header.Get("Content-Encoding") != "" {
		resp.Header.Del("Content-Encoding")
		resp.Header.Del("Content-Length")
		resp.Uncompressed = true
	}
	resp.ContentLength = int64(len(body))
	resp.Body = io.NopCloser(bytes.NewReader(body))
}

// DecodePayload removes a gzip or deflate content coding from an archived
// payload and reports whether it did. A payload that does not decode is
// left as it is; a decompression bomb stops at ten times max.
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
	decoded, derr := io.ReadAll(io.LimitReader(zr, 10*max))
	if derr != nil && len(decoded) == 0 {
		return body, false
	}
	return decoded, true
}
