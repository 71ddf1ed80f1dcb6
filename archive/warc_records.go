package archive

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"net"
	"runtime"
	"strings"
	"sync"
	"time"

	gowarc "github.com/nlnwa/gowarc/v2"
)

// Records are built with gowarc's record builder, which sets Content-Length
// and computes the block and payload digests, and serialized with its
// marshaler. Validation is strict and nothing is "fixed": a record gowarc
// would have to alter is refused rather than archived differently from
// what was received.
//
// gowarc's builder calls uuid.EnableRandPool, an unsynchronized write to a
// package variable of github.com/google/uuid, every time it is created, so
// the writer builds records only while holding its lock.

// warcExchangeRecords are the two built records of one exchange.
type warcExchangeRecords struct {
	request  gowarc.WarcRecord
	response gowarc.WarcRecord // response or revisit
	// spooled says the response record belongs to the exchange's spool
	// (closed by its owner, not by close); streamed says it is too large
	// to compress in memory and goes to the file as it is compressed.
	spooled, streamed bool
}

func (r *warcExchangeRecords) close() {
	if r.request != nil {
		r.request.Close()
	}
	if r.response != nil && !r.spooled {
		r.response.Close()
	}
}

// warcBaseOptions are the gowarc options for building records: strict
// validation, no repairs, sha1/base32 digests.
func warcBaseOptions() []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{
		gowarc.WithVersion(gowarc.V1_1),
		gowarc.WithStrictValidation(),
		gowarc.WithFixContentLength(false),
		gowarc.WithFixDigest(false),
		gowarc.WithFixSyntaxErrors(false),
		gowarc.WithAddMissingRecordId(false),
		gowarc.WithDefaultDigestAlgorithm("sha1"),
		gowarc.WithDefaultDigestEncoding(gowarc.Base32),
	}
}

// warcRecordOptions are the gowarc options for building one record whose
// block has size bytes, kept in memory.
func warcRecordOptions(size int) []gowarc.WarcRecordOption {
	return append(warcBaseOptions(), gowarc.WithBufferMaxMemBytes(int64(size)+1024))
}

// validWARCTruncated are the WARC-Truncated reasons of WARC/1.1.
var validWARCTruncated = map[string]bool{"length": true, "time": true, "disconnect": true, "unspecified": true}

// check verifies that ex is what WriteExchange documents.
func (ex *Exchange) check(revisitOf *Original) error {
	switch {
	case ex.TargetURI == "":
		return fmt.Errorf("empty target URI")
	case strings.ContainsAny(ex.TargetURI, " \r\n\t"):
		return fmt.Errorf("target URI %q contains white space", ex.TargetURI)
	case !bytes.Contains(ex.Request, []byte("\r\n\r\n")):
		return fmt.Errorf("request has no end of headers (CRLFCRLF)")
	case !bytes.HasPrefix(ex.Response, []byte("HTTP/")):
		return fmt.Errorf("response head does not start with a status line")
	case bytes.Index(ex.Response, []byte("\r\n\r\n")) != len(ex.Response)-4:
		return fmt.Errorf("response head must end with its only blank line (CRLFCRLF)")
	case ex.Truncated != "" && !validWARCTruncated[ex.Truncated]:
		return fmt.Errorf("unknown WARC-Truncated reason %q", ex.Truncated)
	case ex.IP != "" && net.ParseIP(ex.IP) == nil:
		return fmt.Errorf("IP %q is not an IP address", ex.IP)
	}
	if revisitOf != nil {
		switch {
		case revisitOf.RecordID == "":
			return fmt.Errorf("revisit without the original's record id")
		case revisitOf.TargetURI == "" || strings.ContainsAny(revisitOf.TargetURI, " \r\n\t"):
			return fmt.Errorf("revisit: bad original target URI %q", revisitOf.TargetURI)
		case revisitOf.Date.IsZero():
			return fmt.Errorf("revisit without the original's date")
		}
	}
	return nil
}

// buildWARCExchange builds the request record and the response (or revisit)
// record of ex, each pointing at the other with WARC-Concurrent-To.
func buildWARCExchange(ex *Exchange, date time.Time, revisitOf *Original) (*warcExchangeRecords, error) {
	reqID, err := newWARCRecordID()
	if err != nil {
		return nil, err
	}
	respID, err := newWARCRecordID()
	if err != nil {
		return nil, err
	}
	recs := &warcExchangeRecords{}
	common := func(b gowarc.WarcRecordBuilder, id, other string) {
		b.AddWarcHeader(gowarc.WarcRecordID, id)
		b.AddWarcHeaderTime(gowarc.WarcDate, date)
		b.AddWarcHeader(gowarc.WarcTargetURI, ex.TargetURI)
		if ex.IP != "" {
			b.AddWarcHeader(gowarc.WarcIPAddress, ex.IP)
		}
		b.AddWarcHeader(gowarc.WarcConcurrentTo, other)
	}

	rb := newRecordBuilder(gowarc.Request, warcRecordOptions(len(ex.Request))...)
	common(rb, reqID, respID)
	rb.AddWarcHeader(gowarc.ContentType, warcHTTPRequest)
	if _, err := rb.Write(ex.Request); err != nil {
		rb.Close()
		return nil, fmt.Errorf("build request record: %w", err)
	}
	if recs.request, _, err = rb.Build(); err != nil {
		recs.close()
		return nil, fmt.Errorf("build request record: %w", err)
	}

	responseHeaders := func(b gowarc.WarcRecordBuilder) {
		common(b, respID, reqID)
		b.AddWarcHeader(gowarc.ContentType, warcHTTPResponse)
		if ex.Truncated != "" {
			b.AddWarcHeader(gowarc.WarcTruncated, ex.Truncated)
		}
	}
	if ex.spool != nil {
		// The response record is built from the spool even when a revisit
		// is written instead: the spool's owner reads the body back from it.
		rec, err := ex.spool.build(responseHeaders)
		if err != nil {
			recs.close()
			return nil, fmt.Errorf("build response record: %w", err)
		}
		if revisitOf == nil {
			recs.response, recs.spooled, recs.streamed = rec, true, ex.spool.large()
			return recs, nil
		}
	}
	if revisitOf == nil {
		b := newRecordBuilder(gowarc.Response, warcRecordOptions(len(ex.Response)+len(ex.Body))...)
		responseHeaders(b)
		_, err = b.Write(ex.Response)
		if err == nil {
			_, err = b.Write(ex.Body)
		}
		if err != nil {
			b.Close()
			recs.close()
			return nil, fmt.Errorf("build response record: %w", err)
		}
		if recs.response, _, err = b.Build(); err != nil {
			recs.close()
			return nil, fmt.Errorf("build response record: %w", err)
		}
		return recs, nil
	}

	// A revisit keeps the HTTP head only; its payload digest is that of the
	// body received now, which equals the original's by definition of the
	// identical-payload-digest profile.
	b := newRecordBuilder(gowarc.Revisit, warcRecordOptions(len(ex.Response))...)
	common(b, respID, reqID)
	b.AddWarcHeader(gowarc.ContentType, warcHTTPResponse)
	b.AddWarcHeader(gowarc.WarcProfile, warcProfileDigest)
	b.AddWarcHeader(gowarc.WarcRefersTo, warcAngle(revisitOf.RecordID))
	b.AddWarcHeader(gowarc.WarcRefersToTargetURI, revisitOf.TargetURI)
	b.AddWarcHeaderTime(gowarc.WarcRefersToDate, revisitOf.Date.UTC().Truncate(time.Microsecond))
	if ex.spool != nil {
		b.AddWarcHeader(gowarc.WarcPayloadDigest, ex.spool.digest())
	} else {
		b.AddWarcHeader(gowarc.WarcPayloadDigest, warcSHA1(ex.Body))
	}
	if ex.Truncated != "" {
		b.AddWarcHeader(gowarc.WarcTruncated, ex.Truncated)
	}
	if _, err := b.Write(ex.Response); err != nil {
		b.Close()
		recs.close()
		return nil, fmt.Errorf("build revisit record: %w", err)
	}
	if recs.response, _, err = b.Build(); err != nil {
		recs.close()
		return nil, fmt.Errorf("build revisit record: %w", err)
	}
	return recs, nil
}

// buildWARCInfo builds the warcinfo record that opens the file name.
func buildWARCInfo(name, software, hostname, isPartOf string, date time.Time) (gowarc.WarcRecord, error) {
	id, err := newWARCRecordID()
	if err != nil {
		return nil, err
	}
	// Written by hand rather than with gowarc.WarcFields, which would
	// canonicalize the field names ("conformsTo" to "Conformsto").
	var block bytes.Buffer
	fields := [][2]string{
		{"software", software},
		{"hostname", hostname},
		{"format", warcFormatName},
		{"conformsTo", warcConformsTo},
	}
	if isPartOf != "" {
		fields = append(fields, [2]string{"isPartOf", isPartOf})
	}
	for _, f := range fields {
		fmt.Fprintf(&block, "%s: %s\r\n", f[0], warcFieldValue(f[1]))
	}
	b := newRecordBuilder(gowarc.Warcinfo, warcRecordOptions(block.Len())...)
	b.AddWarcHeader(gowarc.WarcRecordID, id)
	b.AddWarcHeaderTime(gowarc.WarcDate, date.UTC().Truncate(time.Microsecond))
	b.AddWarcHeader(gowarc.WarcFilename, name)
	b.AddWarcHeader(gowarc.ContentType, warcFieldsType)
	if _, err := b.Write(block.Bytes()); err != nil {
		b.Close()
		return nil, fmt.Errorf("build warcinfo record: %w", err)
	}
	rec, _, err := b.Build()
	if err != nil {
		if rec != nil {
			rec.Close()
		}
		return nil, fmt.Errorf("build warcinfo record: %w", err)
	}
	return rec, nil
}

// encodeWARCRecord appends rec to out as one gzip member, after pointing
// it at the warcinfo record infoID of the file it goes to, and returns the
// extended slice. It may be called again for another file: the built
// blocks are kept in memory.
func (e *warcEncoder) encodeWARCRecord(out []byte, rec gowarc.WarcRecord, infoID string) ([]byte, error) {
	if infoID != "" {
		rec.WarcHeader().Set(gowarc.WarcWarcinfoID, infoID)
	}
	// gowarc writes a record in many small pieces: marshal into memory,
	// then compress in one write with the encoder's gzip writer (a new one
	// allocates about a megabyte of state, which dominated a crawl's CPU).
	e.plain.Reset()
	if err := marshalWARCRecord(&e.plain, rec); err != nil {
		return out, fmt.Errorf("marshal %s record: %w", rec.Type(), err)
	}
	buf := bytes.NewBuffer(out)
	e.zw.Reset(buf)
	if _, err := e.zw.Write(e.plain.Bytes()); err != nil {
		return out, fmt.Errorf("compress %s record: %w", rec.Type(), err)
	}
	if err := e.zw.Close(); err != nil {
		return out, fmt.Errorf("compress %s record: %w", rec.Type(), err)
	}
	return buf.Bytes(), nil
}

// marshalWARCRecord writes rec to buf as gowarc's marshaler does (version
// line, header, a blank line, the block, two line ends), byte for byte,
// but reads the block into buf itself: gowarc copies it with io.Copy,
// which allocates a 32 KB buffer for every record.
func marshalWARCRecord(buf *bytes.Buffer, rec gowarc.WarcRecord) error {
	fmt.Fprintf(buf, "%v\r\n", rec.Version())
	if _, err := rec.WarcHeader().Write(buf); err != nil {
		return err
	}
	buf.WriteString("\r\n")
	r, err := rec.Block().RawBytes()
	if err != nil {
		return err
	}
	if _, err := buf.ReadFrom(r); err != nil {
		return err
	}
	buf.WriteString("\r\n\r\n")
	return nil
}

// warcEncoder is the reusable state of compressing records: a gzip writer
// of the writer's level and the buffer a record is marshalled into. It
// holds no data between records: every use starts with a reset.
type warcEncoder struct {
	zw    *gzip.Writer
	plain bytes.Buffer
}

// warcEncoders are a writer's encoders: at most one per CPU (each holds
// about a megabyte of compression state), made when first needed and
// kept. Compressing is CPU work: more at once would not be faster. An
// encoder is held only while a record is compressed, never while waiting
// for anything else, so waiting for one always ends.
type warcEncoders struct {
	level int
	mu    sync.Mutex
	made  int
	max   int
	idle  chan *warcEncoder
}

func newWARCEncoders(level int) warcEncoders {
	n := max(2, runtime.GOMAXPROCS(0))
	return warcEncoders{level: level, max: n, idle: make(chan *warcEncoder, n)}
}

// get takes an idle encoder, makes one, or waits for one; put gives it
// back.
func (p *warcEncoders) get() *warcEncoder {
	select {
	case e := <-p.idle:
		return e
	default:
	}
	p.mu.Lock()
	if p.made < p.max {
		p.made++
		p.mu.Unlock()
		zw, _ := gzip.NewWriterLevel(nil, p.level) // the level was checked when the writer opened
		return &warcEncoder{zw: zw}
	}
	p.mu.Unlock()
	return <-p.idle
}

func (p *warcEncoders) put(e *warcEncoder) {
	if e.plain.Cap() > 4*DefaultSpoolMemory {
		e.plain = bytes.Buffer{} // a rare large record's buffer is not kept
	}
	p.idle <- e // never full: there are at most max encoders
}

// newWARCRecordID returns a fresh "<urn:uuid:...>" (a random, version 4 UUID).
func newWARCRecordID() (string, error) {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		return "", fmt.Errorf("new record id: %w", err)
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]), nil
}

// warcAngle puts a record id between angle brackets unless it already is.
func warcAngle(id string) string {
	if strings.HasPrefix(id, "<") && strings.HasSuffix(id, ">") {
		return id
	}
	return "<" + strings.Trim(id, "<>") + ">"
}

// warcFieldValue makes s safe as a one-line field value.
func warcFieldValue(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// builderMu serializes the making of record builders: gowarc's
// NewRecordBuilder writes a package variable of the uuid library each time
// (uuid.EnableRandPool), a data race between concurrent writers. Only the
// making is serialized; digests and the rest run in parallel.
var builderMu sync.Mutex

func newRecordBuilder(t gowarc.RecordType, opts ...gowarc.WarcRecordOption) gowarc.WarcRecordBuilder {
	builderMu.Lock()
	defer builderMu.Unlock()
	return gowarc.NewRecordBuilder(t, opts...)
}
