package archive

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
)

// RawRecords reads the WARC records of captures as bytes, keeping each
// WARC file open once it was read from: a job that reads many captures
// (reparse) asks for them in file and offset order, so the disk reads
// ahead, and checks and decodes them elsewhere (PayloadFromRaw), in
// parallel. One goroutine uses a RawRecords at a time. Close it.
type RawRecords struct {
	dir   string
	files map[string]*os.File
}

// RawRecords returns a reader of the store's WARC records.
func (s *Store) RawRecords() *RawRecords {
	return &RawRecords{dir: s.WARCDir(), files: map[string]*os.File{}}
}

// Read returns the bytes of c's WARC record (its gzip member, WARCLength
// bytes at WARCOffset), unchecked.
func (r *RawRecords) Read(ctx context.Context, c *Capture) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if c.WARCLength <= 0 || c.WARCOffset < 0 {
		return nil, fmt.Errorf("read record of capture %d: %w", c.ID, warcCorruptf(nil, "no length or offset in the catalog"))
	}
	f := r.files[c.WARCFile]
	if f == nil {
		var err error
		if f, err = warcOpenPath(filepath.Join(r.dir, c.WARCFile)); err != nil {
			return nil, fmt.Errorf("read record of capture %d: %w", c.ID, err)
		}
		r.files[c.WARCFile] = f
	}
	buf := make([]byte, c.WARCLength)
	if _, err := f.ReadAt(buf, c.WARCOffset); err != nil {
		if errors.Is(err, io.EOF) {
			err = warcCorruptf(io.ErrUnexpectedEOF, "record cut short at the end of the file")
		}
		return nil, fmt.Errorf("read record of capture %d: %s at %d: %w", c.ID, c.WARCFile, c.WARCOffset, err)
	}
	return buf, nil
}

// Close closes the files read.
func (r *RawRecords) Close() error {
	var errs []error
	for name, f := range r.files {
		errs = append(errs, f.Close())
		delete(r.files, name)
	}
	return errors.Join(errs...)
}

// PayloadFromRaw is Payload for capture c whose WARC record raw holds (as
// RawRecords.Read returned it): the record is checked as ReadResponse
// checks it, and a revisit's payload is read from its original capture.
func (s *Store) PayloadFromRaw(ctx context.Context, c *Capture, raw []byte) (body []byte, header http.Header, err error) {
	return s.PayloadDecoder().Payload(ctx, c, raw)
}

// PayloadDecoder is PayloadFromRaw for many records in turn: it keeps its
// buffers and gzip reader from one record to the next, where each
// PayloadFromRaw makes its own (about 130 KB). A job that decodes many
// records (reparse) has one per worker; one goroutine uses it at a time.
type PayloadDecoder struct {
	s  *Store
	sc *warcScanner
	rd bytes.Reader
}

// PayloadDecoder returns a decoder of the WARC records RawRecords reads.
func (s *Store) PayloadDecoder() *PayloadDecoder { return &PayloadDecoder{s: s} }

// Payload is PayloadFromRaw.
func (d *PayloadDecoder) Payload(ctx context.Context, c *Capture, raw []byte) (body []byte, header http.Header, err error) {
	resp, err := d.response(ctx, c.WARCOffset, raw)
	if err != nil {
		return nil, nil, fmt.Errorf("payload of capture %d: %s: %w", c.ID, c.WARCFile, err)
	}
	return d.s.payloadOf(ctx, c, resp)
}

// response is ReadResponseFrom on raw with the decoder's scanner.
func (d *PayloadDecoder) response(ctx context.Context, offset int64, raw []byte) (*ArchivedResponse, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d.rd.Reset(raw)
	if d.sc == nil {
		d.sc = newWARCScanner(&d.rd, offset, true)
	} else {
		d.sc.reset(&d.rd, offset)
	}
	resp, err := scanResponse(d.sc)
	if err != nil {
		return nil, fmt.Errorf("read response at %d: %w", offset, err)
	}
	return resp, nil
}
