package archive

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"path/filepath"

	kflate "github.com/klauspost/compress/flate"
)

// docWindow is how far back DEFLATE reaches: the most of a dictionary it
// can use.
const docWindow = 32 << 10

// pageDict returns the dictionary a document of format 2 is packed
// against: the text of page (pageText), then docDict1 (nearest the
// document, as in format 1), at most docWindow bytes in all. Of a page
// whose text is longer than there is room for, the first part is kept:
// a record page shows its title and fields before its footer. It is part
// of the format: it never changes (a better one is a new format byte).
func pageDict(buf, page []byte) []byte {
	buf = pageText(buf[:0], page, docWindow-len(docDict1))
	return append(buf, docDict1...)
}

// docPageLevel is the DEFLATE level of format 2. Packing against a page
// first runs the compressor over the whole dictionary (about 6 KB of a
// record page's text), so the level's cost is paid on the page as well
// as on the document: on the fullest fixture record level 3 packs in
// about 46 microseconds against 85 at the default level 6, for 513 bytes
// against 458 (`go test ./archive -run '^$' -bench DocFormats -v`), and
// a catalog of the 2,000-record lean site grows from 1,835 to 1,864
// bytes per record. Any level reads back alike: it is not part of the
// format.
const docPageLevel = 3

// packPage returns doc packed in format 2 against page, the body it was
// read from.
func (c *docCodec) packPage(doc, page []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(doc)/3 + 16)
	b.WriteByte(docDeflate2)
	b.Write(binary.AppendUvarint(nil, uint64(len(page))))
	b.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(doc)))
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dict = pageDict(c.dict, page)
	if c.w2 == nil {
		var err error
		if c.w2, err = kflate.NewWriter(&b, docPageLevel); err != nil {
			return nil, fmt.Errorf("pack document: %w", err)
		}
	}
	c.w2.ResetDict(&b, c.dict)
	if _, err := c.w2.Write(doc); err != nil {
		return nil, fmt.Errorf("pack document: %w", err)
	}
	if err := c.w2.Close(); err != nil {
		return nil, fmt.Errorf("pack document: %w", err)
	}
	return b.Bytes(), nil
}

// errNoPage marks a document of format 2 read where its page is not at
// hand.
var errNoPage = errors.New("the document is packed against its page, which was not read")

// unpack2 unpacks data, a document of format 2, reading its page with
// page.
func (c *docCodec) unpack2(data []byte, page func(n int) ([]byte, error)) ([]byte, error) {
	n, k := binary.Uvarint(data[1:])
	if k <= 0 || n > 1<<40 || len(data) < 1+k+4 {
		return nil, fmt.Errorf("unpack document: %w: bad header", errPackedDoc)
	}
	sum := binary.BigEndian.Uint32(data[1+k:])
	if page == nil {
		return nil, fmt.Errorf("unpack document: %w", errNoPage)
	}
	body, err := page(int(n))
	if err != nil {
		return nil, fmt.Errorf("unpack document: %w", err)
	}
	if len(body) != int(n) {
		return nil, fmt.Errorf("unpack document: the page read is %d bytes, the document was packed against %d", len(body), n)
	}
	buf, _ := c.dicts.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	*buf = pageDict(*buf, body)
	doc, err := c.inflate(data[1+k+4:], *buf)
	c.dicts.Put(buf)
	if err != nil {
		return nil, err
	}
	if crc32.ChecksumIEEE(doc) != sum {
		return nil, fmt.Errorf("unpack document: %w: the page read does not give the document back (checksum differs)", errPackedDoc)
	}
	return doc, nil
}

// docRef says where the page of a record version is: its capture and
// that capture's WARC record, and for a revisit the original's record,
// whose payload it is.
type docRef struct {
	CaptureID  int64
	File       string
	Offset     int64
	Length     int64
	OrigFile   string // "" when the capture is not a revisit
	OrigOffset int64
	OrigLength int64
}

// dest are the destinations of docRefColumns for Scan.
func (r *docRef) dest() []any {
	return []any{&r.CaptureID, &r.File, &r.Offset, &r.Length, &r.OrigFile, &r.OrigOffset, &r.OrigLength}
}

// The columns of a docRef for the record version v, with docRefJoin.
const (
	docRefColumns = `COALESCE(v.capture_id, 0), COALESCE((SELECT f.name FROM warc_files f WHERE f.id = dc.warc_file), ''),
		COALESCE(dc.warc_offset, 0), COALESCE(dc.warc_length, 0),
		COALESCE((SELECT f.name FROM warc_files f WHERE f.id = dco.warc_file), ''), COALESCE(dco.warc_offset, 0), COALESCE(dco.warc_length, 0)`
	docRefJoin = ` LEFT JOIN captures dc ON dc.id = v.capture_id LEFT JOIN captures dco ON dco.id = dc.revisit_of`
	// docOf is the JSON text of the document of version v in SQL.
	docOf = `archivio_doc(v.data, ` + docRefColumns + `)`
)

// docPage reads the first n bytes of the page of ref: its capture's
// payload, decoded of its content coding, as the parser read it.
func (s *Store) docPage(ctx context.Context, ref docRef, n int) ([]byte, error) {
	return s.readPage(ctx, ref, n, func(file string, offset, _ int64) (*ArchivedResponse, error) {
		return ReadResponse(ctx, filepath.Join(s.WARCDir(), file), offset)
	})
}

// pageReader reads the pages of many documents in turn (unpackDocs),
// keeping the WARC files it read open and its decoder's buffers. One
// goroutine uses it at a time; Close it.
type pageReader struct {
	s   *Store
	raw *RawRecords
	dec *PayloadDecoder
}

func (s *Store) newPageReader() *pageReader {
	return &pageReader{s: s, raw: s.RawRecords(), dec: s.PayloadDecoder()}
}

// page is docPage.
func (r *pageReader) page(ctx context.Context, ref docRef, n int) ([]byte, error) {
	return r.s.readPage(ctx, ref, n, func(file string, offset, length int64) (*ArchivedResponse, error) {
		raw, err := r.raw.Read(ctx, &Capture{ID: ref.CaptureID, WARCFile: file, WARCOffset: offset, WARCLength: length})
		if err != nil {
			return nil, err
		}
		return r.dec.response(ctx, offset, raw)
	})
}

func (r *pageReader) Close() error { return r.raw.Close() }

// readPage is docPage reading WARC records with read.
func (s *Store) readPage(ctx context.Context, ref docRef, n int, read func(file string, offset, length int64) (*ArchivedResponse, error)) ([]byte, error) {
	if ref.File == "" {
		return nil, fmt.Errorf("page of capture %d: the capture is not in the catalog", ref.CaptureID)
	}
	resp, err := read(ref.File, ref.Offset, ref.Length)
	if err != nil {
		return nil, fmt.Errorf("page of capture %d: %s: %w", ref.CaptureID, ref.File, err)
	}
	body := resp.Body
	if ref.OrigFile != "" {
		o, err := read(ref.OrigFile, ref.OrigOffset, ref.OrigLength)
		if err != nil {
			return nil, fmt.Errorf("page of capture %d: its original: %s: %w", ref.CaptureID, ref.OrigFile, err)
		}
		body = o.Body
	}
	decoded, _ := DecodePayload(resp.Header, body, int64(n))
	if len(decoded) < n {
		return nil, fmt.Errorf("page of capture %d: %d bytes, the document was packed against %d", ref.CaptureID, len(decoded), n)
	}
	return decoded[:n], nil
}

// doc returns the document stored as data for the version whose page is
// ref.
func (s *Store) doc(ctx context.Context, data []byte, ref docRef) ([]byte, error) {
	if len(data) == 0 || data[0] != docDeflate2 {
		return s.docs.unpack(data)
	}
	doc, err := s.docs.unpackPage(data, func(n int) ([]byte, error) { return s.docPage(ctx, ref, n) })
	if err != nil {
		return nil, fmt.Errorf("document read from capture %d: %w", ref.CaptureID, err)
	}
	return doc, nil
}

// unpackSQL is archivio_doc: data unpacked, its page read (for format 2)
// where ref, the values of docRefColumns, says it is.
func (c *docCodec) unpackSQL(data []byte, ref []any) ([]byte, error) {
	if len(data) == 0 || data[0] != docDeflate2 {
		return c.unpack(data)
	}
	if len(ref) != 7 || c.pages == nil {
		return nil, fmt.Errorf("unpack document: %w", errNoPage)
	}
	var r docRef
	r.CaptureID, _ = ref[0].(int64)
	r.File, _ = ref[1].(string)
	r.Offset, _ = ref[2].(int64)
	r.Length, _ = ref[3].(int64)
	r.OrigFile, _ = ref[4].(string)
	r.OrigOffset, _ = ref[5].(int64)
	r.OrigLength, _ = ref[6].(int64)
	doc, err := c.unpackPage(data, func(n int) ([]byte, error) { return c.pages(context.Background(), r, n) })
	if err != nil {
		return nil, fmt.Errorf("document read from capture %d: %w", r.CaptureID, err)
	}
	return doc, nil
}
