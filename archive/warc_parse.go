package archive

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
)

// archivio reads WARC files with its own parser rather than gowarc's
// Unmarshaler, for three reasons: gowarc panics on some malformed input
// (a record starting "WARC/\n" indexes a slice at -1), which a reader of
// files cut by a crash must survive; ScanWARC and the catalog need each
// record's exact gzip member offset and length, which gowarc's reader
// does not give for the last record of a file; and a reader of evidence
// must report a wrong digest or Content-Length rather than "fix" the
// record, gowarc's default. The format is simple: a version line, header
// fields, a blank line, Content-Length bytes of block, CRLFCRLF; in a
// .warc.gz file, each record is one gzip member. The tests check that
// gowarc's strict reader and warcio.js read what archivio writes.

// warcMaxHeaderBytes bounds the WARC header and the HTTP head of a record.
const warcMaxHeaderBytes = 1 << 20

// warcParsed is one record as read by a warcScanner.
type warcParsed struct {
	offset, length int64
	fields         map[string]string // first value of each WARC header field, by lowercased name
	typ            string
	date           time.Time
	head           []byte // HTTP head of an application/http block
	status         int    // status code of a response or revisit head, 0 if none
	payload        []byte // block after the HTTP head, when kept; nil for a revisit
}

// get returns the first value of a WARC header field.
func (p *warcParsed) get(name string) string { return p.fields[strings.ToLower(name)] }

// scanned is the record as ScanWARC reports it.
func (p *warcParsed) scanned() ScannedRecord {
	return ScannedRecord{
		Offset:        p.offset,
		Length:        p.length,
		Type:          p.typ,
		RecordID:      p.get("WARC-Record-ID"),
		TargetURI:     strings.Trim(p.get("WARC-Target-URI"), "<>"),
		Date:          p.date,
		StatusCode:    p.status,
		PayloadDigest: p.get("WARC-Payload-Digest"),
	}
}

// warcScanner reads the records of a WARC file in order, gzipped (one
// record per member) or not, checking each: structure, Content-Length,
// end-of-record marker, gzip CRC, block and payload digests. Members are
// inflated by klauspost/compress's gzip reader (standard gzip, about a
// fifth faster than the standard library's on a record page).
type warcScanner struct {
	cr          *warcCountingReader
	br          *bufio.Reader
	base        int64 // file offset where reading started
	gz          *gzip.Reader
	rr          *bufio.Reader // over gz
	keepPayload bool
}

func newWARCScanner(r io.Reader, base int64, keepPayload bool) *warcScanner {
	cr := &warcCountingReader{r: r}
	return &warcScanner{cr: cr, br: bufio.NewReaderSize(cr, 64<<10), base: base, keepPayload: keepPayload}
}

// reset makes s read from r, which starts at file offset base, keeping
// its buffers and gzip reader.
func (s *warcScanner) reset(r io.Reader, base int64) {
	s.cr.r, s.cr.n = r, 0
	s.br.Reset(s.cr)
	s.base = base
}

// pos is the file offset of the next unread byte.
func (s *warcScanner) pos() int64 { return s.base + s.cr.n - int64(s.br.Buffered()) }

// next reads the next record. It returns io.EOF at a clean end of file and
// a *warcRecordError for a record it cannot read whole.
func (s *warcScanner) next() (*warcParsed, error) {
	start := s.pos()
	magic, err := s.br.Peek(5)
	if len(magic) == 0 && errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	var rec *warcParsed
	switch {
	case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		rec, err = s.nextGzip()
	case bytes.Equal(magic, []byte("WARC/")):
		rec, err = parseWARCRecord(s.br, s.keepPayload)
	default:
		err = warcCorruptf(nil, "neither a gzip member nor a WARC record starts here")
	}
	if err != nil {
		return nil, &warcRecordError{Offset: start, Err: err}
	}
	rec.offset, rec.length = start, s.pos()-start
	return rec, nil
}

// nextGzip reads a record that is a whole gzip member.
func (s *warcScanner) nextGzip() (*warcParsed, error) {
	// s.br is an io.ByteReader, so the gzip reader reads no byte past the
	// member's end and s.pos stays exact.
	var err error
	if s.gz == nil {
		s.gz, err = gzip.NewReader(s.br)
	} else {
		err = s.gz.Reset(s.br)
	}
	if err != nil {
		return nil, warcCorruptf(err, "gzip header")
	}
	s.gz.Multistream(false)
	if s.rr == nil {
		s.rr = bufio.NewReaderSize(s.gz, 32<<10)
	} else {
		s.rr.Reset(s.gz)
	}
	rec, err := parseWARCRecord(s.rr, s.keepPayload)
	if err != nil {
		return nil, err
	}
	// Reading to the member's end checks its CRC and length.
	n, err := io.Copy(io.Discard, s.rr)
	if err != nil {
		return nil, warcCorruptf(err, "gzip member")
	}
	if n > 0 {
		return nil, warcCorruptf(nil, "%d bytes follow the record in its gzip member", n)
	}
	return rec, nil
}

// parseWARCRecord reads one record from r.
func parseWARCRecord(r *bufio.Reader, keepPayload bool) (*warcParsed, error) {
	budget := warcMaxHeaderBytes
	version, err := warcReadLine(r, &budget)
	if err != nil {
		return nil, warcCorruptf(err, "version line")
	}
	if version != "WARC/1.1" && version != "WARC/1.0" {
		return nil, warcCorruptf(nil, "unsupported version %q", version)
	}
	rec := &warcParsed{fields: map[string]string{}}
	last := ""
	for {
		line, err := warcReadLine(r, &budget)
		if err != nil {
			return nil, warcCorruptf(err, "header")
		}
		if line == "" {
			break
		}
		if line[0] == ' ' || line[0] == '\t' { // folded continuation
			if last == "" {
				return nil, warcCorruptf(nil, "header starts with a continuation line")
			}
			rec.fields[last] += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, warcCorruptf(nil, "header line %q has no colon", line)
		}
		name = strings.ToLower(strings.TrimSpace(name))
		last = ""
		if _, seen := rec.fields[name]; !seen {
			rec.fields[name] = strings.TrimSpace(value)
			last = name
		}
	}
	for _, f := range []string{"WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length"} {
		if rec.get(f) == "" {
			return nil, warcCorruptf(nil, "no %s", f)
		}
	}
	rec.typ = rec.get("WARC-Type")
	if rec.date, err = time.Parse(time.RFC3339Nano, rec.get("WARC-Date")); err != nil {
		return nil, warcCorruptf(err, "WARC-Date")
	}
	length, err := strconv.ParseInt(rec.get("Content-Length"), 10, 64)
	if err != nil || length < 0 {
		return nil, warcCorruptf(nil, "Content-Length %q", rec.get("Content-Length"))
	}
	if err := rec.readBlock(r, length, keepPayload, &budget); err != nil {
		return nil, err
	}
	var end [4]byte
	if _, err := io.ReadFull(r, end[:]); err != nil {
		return nil, warcCorruptf(err, "end of record")
	}
	if string(end[:]) != "\r\n\r\n" {
		return nil, warcCorruptf(nil, "record does not end with CRLFCRLF")
	}
	return rec, nil
}

// readBlock reads the length bytes of the block, splitting an HTTP block
// into head and payload, and checks the digests the header declares.
func (rec *warcParsed) readBlock(r io.Reader, length int64, keepPayload bool, budget *int) error {
	blockDigest, err := newWARCDigest(rec.get("WARC-Block-Digest"))
	if err != nil {
		return warcCorruptf(err, "WARC-Block-Digest")
	}
	limited := &io.LimitedReader{R: r, N: length}
	block := io.TeeReader(limited, blockDigest)
	isHTTP := strings.HasPrefix(strings.ToLower(rec.get("Content-Type")), "application/http")
	var payloadDigest *warcDigest
	if !isHTTP {
		// A warcinfo record's fields are kept (ReadWARCInfo), up to the
		// bound of a header.
		var dst io.Writer = io.Discard
		var buf bytes.Buffer
		if keepPayload && rec.typ == "warcinfo" && length <= warcMaxHeaderBytes {
			dst = &buf
		}
		if _, err := io.Copy(dst, block); err != nil {
			return warcCorruptf(err, "block")
		}
		rec.payload = buf.Bytes()
	} else {
		if rec.typ != "revisit" { // a revisit's payload digest is the original's
			if payloadDigest, err = newWARCDigest(rec.get("WARC-Payload-Digest")); err != nil {
				return warcCorruptf(err, "WARC-Payload-Digest")
			}
		}
		br := bufio.NewReader(block)
		if rec.head, err = warcReadHead(br, budget); err != nil {
			return warcCorruptf(err, "HTTP head")
		}
		if rec.typ == "response" || rec.typ == "revisit" {
			rec.status, _ = warcStatusCode(rec.head)
		}
		var dst io.Writer = io.Discard
		if payloadDigest != nil {
			dst = payloadDigest
		}
		var buf bytes.Buffer
		if keepPayload && rec.typ != "revisit" {
			// The payload is the rest of the block: room for it is made
			// once (up to 1 MiB, whatever the header claims), not grown
			// copy by copy.
			buf.Grow(br.Buffered() + int(min(limited.N, 1<<20)))
			dst = io.MultiWriter(dst, &buf)
		}
		if _, err := io.Copy(dst, br); err != nil {
			return warcCorruptf(err, "block")
		}
		if keepPayload && rec.typ != "revisit" {
			rec.payload = buf.Bytes()
			if rec.payload == nil {
				rec.payload = []byte{}
			}
		}
	}
	if limited.N > 0 {
		return warcCorruptf(io.ErrUnexpectedEOF, "block has %d of its %d bytes (Content-Length)", length-limited.N, length)
	}
	if err := blockDigest.check("block"); err != nil {
		return err
	}
	if payloadDigest != nil {
		return payloadDigest.check("payload")
	}
	return nil
}

// warcReadLine reads a line and returns it without its CRLF or LF,
// charging its length to budget.
func warcReadLine(r *bufio.Reader, budget *int) (string, error) {
	var line []byte
	for {
		frag, err := r.ReadSlice('\n')
		if *budget -= len(frag); *budget < 0 {
			return "", fmt.Errorf("longer than %d bytes", warcMaxHeaderBytes)
		}
		line = append(line, frag...)
		if err == nil {
			break
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return "", err
	}
	line = bytes.TrimSuffix(line, []byte("\n"))
	return string(bytes.TrimSuffix(line, []byte("\r"))), nil
}

// warcReadHead reads an HTTP head up to and including its blank line, or
// to the end of the block when it has none (as a revisit's block may).
func warcReadHead(r *bufio.Reader, budget *int) ([]byte, error) {
	var head []byte
	lineStart := 0
	for {
		frag, err := r.ReadSlice('\n')
		if *budget -= len(frag); *budget < 0 {
			return nil, fmt.Errorf("longer than %d bytes", warcMaxHeaderBytes)
		}
		head = append(head, frag...)
		switch {
		case err == nil: // a whole line
			if len(bytes.TrimRight(head[lineStart:], "\r\n")) == 0 {
				return head, nil
			}
			lineStart = len(head)
		case errors.Is(err, bufio.ErrBufferFull): // a long line goes on
		case errors.Is(err, io.EOF):
			return head, nil
		default:
			return nil, err
		}
	}
}

// warcCountingReader counts the bytes read through it.
type warcCountingReader struct {
	r io.Reader
	n int64
}

func (c *warcCountingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
