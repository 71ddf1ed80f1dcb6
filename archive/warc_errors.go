package archive

import (
	"errors"
	"fmt"
	"io"
	"syscall"

	"github.com/mattn/go-sqlite3"
)

// Errors of the WARC layer. Test with errors.Is.
var (
	// ErrWARCWriterClosed is returned by WriteExchange after Close.
	ErrWARCWriterClosed = errors.New("warc writer closed")
	// ErrWARCCorrupt marks a record that is not a whole, well-formed WARC
	// record: a cut gzip member, a block shorter than its Content-Length,
	// a malformed header.
	ErrWARCCorrupt = errors.New("corrupt warc record")
	// ErrWARCDigest marks a record whose block or payload does not match
	// its WARC-Block-Digest or WARC-Payload-Digest.
	ErrWARCDigest = errors.New("warc digest mismatch")
	// ErrWARCNotResponse is returned by ReadResponse for a record that is
	// neither a response nor a revisit.
	ErrWARCNotResponse = errors.New("warc record is not a response")
	// ErrDiskFull is wrapped by the errors of writes that failed for lack
	// of space (ENOSPC, a disk quota, SQLite's "database or disk is
	// full"), with the system's error.
	ErrDiskFull = errors.New("disk full")
)

// warcRecordError locates a failure in a WARC file.
type warcRecordError struct {
	Offset int64
	Err    error
}

func (e *warcRecordError) Error() string {
	return fmt.Sprintf("record at offset %d: %v", e.Offset, e.Err)
}

func (e *warcRecordError) Unwrap() error { return e.Err }

// warcCorruptf returns an error wrapping ErrWARCCorrupt (and cause, when
// not nil, so that io.ErrUnexpectedEOF and friends stay visible).
func warcCorruptf(cause error, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if errors.Is(cause, io.EOF) {
		cause = io.ErrUnexpectedEOF // a record ended early; io.EOF means a clean end of file
	}
	if cause != nil {
		return fmt.Errorf("%w: %s: %w", ErrWARCCorrupt, msg, cause)
	}
	return fmt.Errorf("%w: %s", ErrWARCCorrupt, msg)
}

// diskFull wraps err with ErrDiskFull and advice when it says that dir's
// device has no space left (ENOSPC, a quota, SQLite's SQLITE_FULL);
// other errors, and errors wrapped already, are returned as they are.
func diskFull(err error, dir string) error {
	if err == nil || errors.Is(err, ErrDiskFull) || !isDiskFull(err) {
		return err
	}
	return fmt.Errorf("%w: no space left for %s (free space, then run again: a crawl continues with --resume): %w", ErrDiskFull, dir, err)
}

func isDiskFull(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrFull {
		return true
	}
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
