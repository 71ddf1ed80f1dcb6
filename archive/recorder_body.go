package archive

import (
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
)

// received is what receive read of a response body.
type received struct {
	coding      string // "gzip" or "deflate" when the payload decodes with its content coding
	handed      int64  // bytes handed on: the payload decoded (or as stored when it does not decode), at most MaxBody
	cut         string // the WARC-Truncated reason, "" when the body is whole
	interrupted bool   // cut because the request's context was canceled
}

// receive streams resp's body into sp, at most max bytes as received and,
// when it is gzip or deflate, at most max bytes decoded: reading stops at
// whichever limit comes first, so a decompression bomb costs max bytes of
// decoding and no more. It returns an error only when the spool cannot
// keep the body (a full disk); a body cut by the network or a limit is
// what it is, with its reason.
func receive(ctx context.Context, resp *http.Response, sp *spooledBody, max int64) (received, error) {
	src := &rawSource{r: resp.Body, sink: sp, left: max}
	var got received
	var dec io.Reader
	switch coding := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); coding {
	case "gzip", "x-gzip":
		if zr, err := gzip.NewReader(src); err == nil {
			dec, got.coding = zr, "gzip"
		}
	case "deflate":
		dec, got.coding = flate.NewReader(src), "deflate"
	}
	overDecoded := false
	if dec != nil {
		buf := copyBufs.Get().(*[]byte)
		var decoded int64
		var err error
		for err == nil {
			var n int
			n, err = dec.Read(*buf)
			decoded += int64(n)
			if decoded > max {
				overDecoded = true
				break
			}
		}
		copyBufs.Put(buf)
		switch {
		case overDecoded:
			got.handed = max
		case decoded > 0 || errors.Is(err, io.EOF):
			got.handed = decoded
		default:
			got.coding = "" // not what its header says: handed on as stored
		}
	}
	if !overDecoded {
		// The rest of the body: all of it when not decoded, else what
		// follows the coded stream.
		buf := copyBufs.Get().(*[]byte)
		io.CopyBuffer(io.Discard, src, *buf)
		copyBufs.Put(buf)
	}
	if src.sinkErr != nil {
		return received{}, src.sinkErr
	}
	if got.coding == "" {
		got.handed = sp.size
	}
	switch {
	case src.over || overDecoded:
		got.cut = "length"
	case src.err == nil:
	case errors.Is(ctx.Err(), context.Canceled):
		got.cut, got.interrupted = "unspecified", true
	case ctx.Err() != nil || isTimeout(src.err):
		got.cut = "time"
	default:
		got.cut = "disconnect"
	}
	return got, nil
}

// copyBufs are the read buffers of receive.
var copyBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// rawSource reads a body as received, at most left bytes, copying what it
// reads into sink. It notes why the body ended: over when more than left
// bytes came (the extra is dropped), err for a read failure.
type rawSource struct {
	r       io.Reader
	sink    io.Writer
	left    int64
	over    bool
	err     error // the read error that ended the body early
	sinkErr error
	done    bool
}

func (s *rawSource) Read(p []byte) (int, error) {
	if s.done {
		return 0, io.EOF
	}
	if int64(len(p)) > s.left+1 {
		p = p[:s.left+1] // one byte more than allowed tells a body that goes on
	}
	n, err := s.r.Read(p)
	if int64(n) > s.left {
		n, s.over, err = int(s.left), true, io.EOF
	}
	s.left -= int64(n)
	if n > 0 {
		if _, werr := s.sink.Write(p[:n]); werr != nil {
			s.sinkErr, s.done = werr, true
			return 0, werr
		}
	}
	if err != nil {
		if !errors.Is(err, io.EOF) {
			s.err = err
		}
		s.done = true
	}
	return n, err
}

// handOn is the body handed to the recorder's caller: the payload read
// back from the spool, decoded when it decodes, got.handed bytes long.
// Closing it releases the spool.
func (got received) handOn(sp *spooledBody) (io.ReadCloser, error) {
	payload, err := sp.payload()
	if err != nil {
		return nil, err
	}
	r := payload
	switch got.coding {
	case "gzip":
		zr, err := gzip.NewReader(payload)
		if err != nil {
			return nil, err
		}
		r = zr
	case "deflate":
		r = flate.NewReader(payload)
	}
	return &spoolBody{Reader: &exactReader{r: r, left: got.handed}, spool: sp}, nil
}

// exactReader reads left bytes of r and then ends. Reading the payload
// again, the decoder stops where it stopped the first time, at handed
// bytes: an error it returns with the last of them (a cut or corrupt
// stream) is not the caller's concern.
type exactReader struct {
	r    io.Reader
	left int64
}

func (e *exactReader) Read(p []byte) (int, error) {
	if e.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > e.left {
		p = p[:e.left]
	}
	n, err := e.r.Read(p)
	e.left -= int64(n)
	if e.left <= 0 {
		return n, io.EOF
	}
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF // the spool holds less than was received
	}
	return n, err
}

// spoolBody is a handed-on body whose Close releases its spool.
type spoolBody struct {
	io.Reader
	spool *spooledBody
	mu    sync.Mutex
}

func (b *spoolBody) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.spool.Close()
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
