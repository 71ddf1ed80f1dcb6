package archive

import (
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"hash"
	"io"

	gowarc "github.com/nlnwa/gowarc/v2"
)

// DefaultSpoolMemory is how much of a response the recorder keeps in
// memory while it arrives (1 MiB): beyond it the response goes to a
// temporary file in the WARC directory's spool folder (spoolDirName).
const DefaultSpoolMemory = 1 << 20

// spoolDirName is the folder, inside the WARC directory, of the temporary
// files of responses larger than the spool memory. The files live while
// their response is written and read; RepairOpenFiles clears what a killed
// process left there.
const spoolDirName = ".spool"

// spooledBody is a response body kept for its WARC record as it arrives.
//
// Its store is the block buffer of the gowarc builder that makes the
// response record: the HTTP head, then the body, in memory up to the spool
// threshold and in a temporary file beyond it. So a large body goes to
// disk once, as it arrives, and is read back from there for the record's
// digests, for the compressed WARC record, and for the recorder's caller;
// memory stays a small multiple of the threshold whatever the body's
// size.
//
// A spooledBody is used by one goroutine at a time: the recorder writes
// it, the WARC writer builds and writes its record, then the recorder's
// caller reads it. Close releases the temporary file.
type spooledBody struct {
	b      gowarc.WarcRecordBuilder // until built
	rec    gowarc.WarcRecord        // the built response record, once built
	head   int64                    // bytes of the HTTP head at the start of the block
	size   int64                    // bytes of the body
	mem    int64                    // the in-memory threshold
	sha    hash.Hash                // of the body, for the payload digest
	err    error                    // the first write failure (a full disk)
	closed bool
}

// newSpooledBody starts the block of a response record with head; the
// body follows through Write. Past mem bytes the block goes to a temporary
// file in dir, which must exist.
func newSpooledBody(head []byte, mem int64, dir string) (*spooledBody, error) {
	opts := append(warcBaseOptions(), gowarc.WithBufferMaxMemBytes(mem), gowarc.WithBufferTmpDir(dir))
	s := &spooledBody{b: newRecordBuilder(gowarc.Response, opts...), head: int64(len(head)), mem: mem, sha: sha1.New()}
	if _, err := s.b.Write(head); err != nil {
		s.Close()
		return nil, fmt.Errorf("spool response: %w", err)
	}
	return s, nil
}

// Write adds body bytes.
func (s *spooledBody) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.b == nil {
		return 0, errors.New("spool response: body written after its record was built")
	}
	n, err := s.b.Write(p)
	s.sha.Write(p[:n])
	s.size += int64(n)
	if err != nil {
		s.err = fmt.Errorf("spool response: %w", err)
		return n, s.err
	}
	return n, nil
}

// digest is the WARC payload digest of the body written so far.
func (s *spooledBody) digest() string {
	return "sha1:" + base32.StdEncoding.EncodeToString(s.sha.Sum(nil))
}

// large reports whether the block outgrew the memory threshold: its record
// is then streamed to the WARC file rather than compressed in memory.
func (s *spooledBody) large() bool { return s.head+s.size > s.mem }

// build makes the response record from the spool with the header fields
// that set adds. Built once: later calls return the record.
func (s *spooledBody) build(set func(gowarc.WarcRecordBuilder)) (gowarc.WarcRecord, error) {
	if s.rec != nil {
		return s.rec, nil
	}
	if s.b == nil {
		return nil, errors.New("spool response: closed")
	}
	set(s.b)
	rec, _, err := s.b.Build()
	if err != nil {
		if rec != nil {
			rec.Close()
		} else {
			s.b.Close()
		}
		s.b = nil
		return nil, err
	}
	s.b, s.rec = nil, rec
	return rec, nil
}

// payload reads the body from its start, once the record is built.
func (s *spooledBody) payload() (io.Reader, error) {
	if s.rec == nil {
		return nil, errors.New("spool response: not built")
	}
	pb, ok := s.rec.Block().(gowarc.PayloadBlock)
	if !ok {
		return nil, errors.New("spool response: the record has no payload")
	}
	return pb.PayloadBytes()
}

// Close releases the spool and its temporary file.
func (s *spooledBody) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	switch {
	case s.rec != nil:
		return s.rec.Close()
	case s.b != nil:
		return s.b.Close()
	}
	return nil
}
