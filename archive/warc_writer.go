package archive

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	gowarc "github.com/nlnwa/gowarc/v2"
)

// WARCWriter writes exchanges to WARC/1.1 files in a directory, rotating
// them by size. Open it with OpenWARCWriter and close it with Close.
//
// The file handling is archivio's own rather than gowarc's WarcFileWriter,
// which cannot give what the catalog and crash safety need: the offset and
// length of each record's gzip member (it reports uncompressed sizes), a
// rotation decided on the real compressed size and never between the two
// records of an exchange, an fsync at rotation and close without an fsync
// per record, errors from closing a file (it logs them and returns nil), and
// an injectable clock for file names and warcinfo dates. gowarc builds and
// marshals every record (warc_records.go).
//
// Each record is compressed in memory and the two records of an exchange
// reach the file in one write call, straight to the operating system
// without user-space buffering, so a killed process loses at most the
// exchange being written; RepairOpenFiles cuts such a partial record.
type WARCWriter struct {
	opts WARCOptions

	mu      sync.Mutex // guards the fields below and serializes writes
	closed  bool
	f       warcFile   // current file, nil before the first write and after rotation
	name    string     // final base name of the current file
	serial  int        // serial of the last file created
	size    int64      // bytes in the current file
	infoEnd int64      // bytes of its warcinfo record
	infoID  string     // WARC-Record-ID of its warcinfo record
	index   *cdxjIndex // CDXJ lines of its responses and revisits

	enc warcEncoders // idle gzip state, used outside mu

	// Hooks for tests: wrapFile wraps each new file (to make it fail),
	// writeIndex writes a CDXJ file (default writeCDXJFile).
	wrapFile   func(*os.File) warcFile
	writeIndex func(path string, index *cdxjIndex) error
}

// warcFile is what the writer needs of an open WARC file.
type warcFile interface {
	io.Writer
	Truncate(size int64) error
	Seek(offset int64, whence int) (int64, error)
	Sync() error
	Close() error
}

// OpenWARCWriter returns a writer for opts.Dir, creating the directory if
// needed. Files are created on the first write.
func OpenWARCWriter(opts WARCOptions) (*WARCWriter, error) {
	if opts.Dir == "" {
		return nil, fmt.Errorf("open warc writer: no directory")
	}
	if opts.Prefix == "" {
		opts.Prefix = DefaultWARCPrefix
	}
	if strings.ContainsAny(opts.Prefix, "/\\ \t\r\n") {
		return nil, fmt.Errorf("open warc writer: prefix %q contains a separator or white space", opts.Prefix)
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultWARCMaxFileSize
	}
	if opts.Software == "" {
		opts.Software = "archivio"
	}
	if opts.Hostname == "" {
		h, err := os.Hostname()
		if err != nil {
			return nil, fmt.Errorf("open warc writer: hostname: %w", err)
		}
		opts.Hostname = h
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Compression == 0 {
		opts.Compression = DefaultWARCCompression
	}
	if opts.Compression < 1 || opts.Compression > 9 {
		return nil, fmt.Errorf("open warc writer: compression level %d: want 1 to 9", opts.Compression)
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("open warc writer: %w", err)
	}
	serial, err := highestWARCSerial(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("open warc writer: %w", err)
	}
	return &WARCWriter{opts: opts, serial: serial, enc: newWARCEncoders(opts.Compression)}, nil
}

// WriteExchange writes a request record and then a response record (or,
// when revisitOf is non-nil, a revisit record with WARC-Profile
// http://netpreserve.org/warc/1.1/revisit/identical-payload-digest,
// WARC-Refers-To-Target-URI, WARC-Refers-To-Date, WARC-Refers-To,
// WARC-Payload-Digest, and a block of the HTTP response head only), each
// naming the other in WARC-Concurrent-To. Both records go to the same file,
// which is rotated first when they would take it past MaxFileSize. When
// WriteExchange returns, the records have reached the operating system.
// Safe for concurrent use; ctx is checked before writing.
func (w *WARCWriter) WriteExchange(ctx context.Context, ex Exchange, revisitOf *Original) (Written, error) {
	if err := ctx.Err(); err != nil {
		return Written{}, fmt.Errorf("write exchange %s: %w", ex.TargetURI, err)
	}
	if err := ex.check(revisitOf); err != nil {
		return Written{}, fmt.Errorf("write exchange %s: %w", ex.TargetURI, err)
	}
	date := ex.Date
	if date.IsZero() {
		date = w.opts.Now()
	}
	date = date.UTC().Truncate(time.Microsecond)
	// Building (digests) and compressing happen outside the writer's lock,
	// so several exchanges are prepared at once while one is written. The
	// records name the warcinfo of the file they go to; when a rotation
	// happens in between, they are encoded again under the lock.
	recs, err := buildWARCExchange(&ex, date, revisitOf)
	if err != nil {
		return Written{}, fmt.Errorf("write exchange %s: %w", ex.TargetURI, err)
	}
	defer recs.close()
	w.mu.Lock()
	infoID := w.infoID
	w.mu.Unlock()
	var pre *encodedExchange
	if infoID != "" && !recs.streamed {
		if pre, err = w.encodeWARCExchange(recs, infoID); err != nil {
			return Written{}, fmt.Errorf("write exchange %s: %w", ex.TargetURI, err)
		}
	}

	w.mu.Lock()
	defer w.mu.Unlock()
	written, err := w.writeLocked(ctx, &ex, date, recs, pre)
	if err != nil {
		return Written{}, fmt.Errorf("write exchange %s: %w", ex.TargetURI, err)
	}
	return written, nil
}

// encodedExchange is an exchange's two records, compressed, for the file
// whose warcinfo is infoID: data holds the request's gzip member and then
// the response's, which reach the file in one write. A streamed response
// is not encoded in memory: data is the request alone, and respSize is an
// upper bound of the response's compressed size.
type encodedExchange struct {
	infoID   string
	data     []byte
	reqLen   int
	respSize int64
}

func (w *WARCWriter) encodeWARCExchange(recs *warcExchangeRecords, infoID string) (*encodedExchange, error) {
	e := w.enc.get()
	defer w.enc.put(e)
	// One buffer for both members, sized for what HTML compresses to,
	// with room for the headers: it seldom has to grow.
	size := recs.request.Block().Size() + 2<<10
	if !recs.streamed {
		size += recs.response.Block().Size()/3 + 2<<10
	}
	data, err := e.encodeWARCRecord(make([]byte, 0, size), recs.request, infoID)
	if err != nil {
		return nil, err
	}
	ex := &encodedExchange{infoID: infoID, reqLen: len(data)}
	if recs.streamed {
		ex.data, ex.respSize = data, streamedSizeBound(recs.response)
		return ex, nil
	}
	if data, err = e.encodeWARCRecord(data, recs.response, infoID); err != nil {
		return nil, err
	}
	ex.data, ex.respSize = data, int64(len(data)-ex.reqLen)
	return ex, nil
}

func (w *WARCWriter) writeLocked(ctx context.Context, ex *Exchange, date time.Time, recs *warcExchangeRecords, pre *encodedExchange) (Written, error) {
	if w.closed {
		return Written{}, ErrWARCWriterClosed
	}
	// Waiting for the lock may have outlasted the context.
	if err := ctx.Err(); err != nil {
		return Written{}, err
	}
	for {
		if w.f == nil {
			if err := w.openFileLocked(); err != nil {
				return Written{}, err
			}
		}
		if pre == nil || pre.infoID != w.infoID {
			var err error
			if pre, err = w.encodeWARCExchange(recs, w.infoID); err != nil {
				return Written{}, err
			}
		}
		req := pre.data[:pre.reqLen]
		n := int64(len(req)) + pre.respSize
		// A file holding more than its warcinfo is rotated before it would
		// pass the limit; an exchange larger than the limit gets a file of
		// its own. (A streamed response counts with an upper bound of its
		// compressed size.)
		if w.size+n > w.opts.MaxFileSize && w.size > w.infoEnd {
			if err := w.finishLocked(); err != nil {
				return Written{}, err
			}
			continue
		}
		offset := w.size
		respLen := pre.respSize
		if recs.streamed {
			var err error
			if respLen, err = w.appendStreamedLocked(req, recs.response); err != nil {
				return Written{}, err
			}
		} else if err := w.appendLocked(pre.data); err != nil {
			return Written{}, err
		}
		h := recs.response.WarcHeader()
		written := Written{
			File:          w.name,
			Offset:        offset + int64(len(req)),
			Length:        respLen,
			RequestOffset: offset,
			RequestLength: int64(len(req)),
			RecordID:      h.Get(gowarc.WarcRecordID),
			PayloadDigest: h.Get(gowarc.WarcPayloadDigest),
			BlockDigest:   h.Get(gowarc.WarcBlockDigest),
			Revisit:       recs.response.Type() == gowarc.Revisit,
		}
		w.index.add(newCDXJEntry(ex.TargetURI, requestMethod(ex.Request), date, ex.Response, written))
		return written, nil
	}
}

// appendLocked writes data at the end of the current file. After a failed
// write the file is cut back to its last whole record; if even that fails
// the file is abandoned as NAME.open for RepairOpenFiles and the next
// write starts a new one.
func (w *WARCWriter) appendLocked(data []byte) error {
	_, err := w.f.Write(data)
	if err == nil {
		w.size += int64(len(data))
		return nil
	}
	return w.undoLocked(err)
}

// appendStreamedLocked writes the compressed request record req and then
// the response record rec, compressed as it is read from its spool, at the
// end of the current file, and returns the length of the response's gzip
// member. A failure is undone as in appendLocked.
func (w *WARCWriter) appendStreamedLocked(req []byte, rec gowarc.WarcRecord) (int64, error) {
	rec.WarcHeader().Set(gowarc.WarcWarcinfoID, w.infoID)
	cw := &countingWriter{w: w.f}
	bw := bufio.NewWriterSize(cw, 256<<10)
	e := w.enc.get()
	defer w.enc.put(e)
	zw := e.zw
	_, err := bw.Write(req)
	if err == nil {
		zw.Reset(bw)
		_, _, err = gowarc.NewMarshaler().Marshal(zw, rec, 0)
		if cerr := zw.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return 0, w.undoLocked(err)
	}
	w.size += cw.n
	return cw.n - int64(len(req)), nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// streamedSizeBound is an upper bound of the compressed size of a
// streamed record: its block, the header, and gzip's worst-case overhead
// for data that does not compress.
func streamedSizeBound(rec gowarc.WarcRecord) int64 {
	block := rec.Block().Size()
	return block + block/1000 + 8<<10
}

// undoLocked cuts the current file back to its last whole record after a
// failed write and returns the write's error. If even that fails the file
// is abandoned as NAME.open for RepairOpenFiles and the next write starts
// a new one.
func (w *WARCWriter) undoLocked(err error) error {
	err = diskFull(fmt.Errorf("write %s: %w", w.name, err), w.opts.Dir)
	terr := w.f.Truncate(w.size)
	if terr == nil {
		_, terr = w.f.Seek(w.size, io.SeekStart)
	}
	if terr != nil {
		w.f.Close()
		w.f = nil
		w.index.discard()
		w.index = nil
		return errors.Join(err, fmt.Errorf("abandon %s%s: %w", w.name, warcOpenSuffix, terr))
	}
	return err
}
