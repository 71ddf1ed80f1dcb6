package archive

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Headers the Recorder adds to the responses it hands back (never to what
// it archives): the capture mark. Read them with ReadCaptureMark.
const (
	// CaptureHeader carries the catalog id of the capture.
	CaptureHeader = "X-Archivio-Capture"
	// TruncatedHeader carries the WARC-Truncated reason when the body was cut.
	TruncatedHeader = "X-Archivio-Truncated"
	// LengthHeader carries the length of the body handed on (decoded of
	// its content coding), which a caller may read only part of.
	LengthHeader = "X-Archivio-Length"
	// FetchHeader carries how the fetch went, for the crawl log: when the
	// request began (Unix microseconds), its duration (microseconds), the
	// body's size as received, the payload digest, and "revisit" for a
	// revisit record, separated by spaces.
	FetchHeader = "X-Archivio-Fetch"
)

// markHeaders are the capture mark's headers, which Set replaces whole (a
// server's own headers of these names never pass for a mark).
var markHeaders = []string{CaptureHeader, TruncatedHeader, LengthHeader, FetchHeader}

// CaptureMark is what the recording transport tells the caller, in the
// header of a response it hands back, about the capture it made of it.
type CaptureMark struct {
	ID        int64  // the capture's catalog id; 0 when the response was not archived
	Truncated string // the WARC-Truncated reason of a body archived cut; "" when whole
	Length    int64  // the length of the body handed on, decoded; -1 when unknown

	// How the fetch went (the crawl log): when the request began, how long
	// until its body had arrived, the body's size as received (-1 when
	// unknown), its payload digest, and whether it was archived as a
	// revisit.
	Start   time.Time
	Elapsed time.Duration
	Size    int64
	Digest  string
	Revisit bool
}

// ReadCaptureMark reads the capture mark of a response header.
func ReadCaptureMark(h http.Header) CaptureMark {
	m := CaptureMark{Truncated: h.Get(TruncatedHeader), Length: -1, Size: -1}
	m.ID, _ = strconv.ParseInt(h.Get(CaptureHeader), 10, 64)
	if n, err := strconv.ParseInt(h.Get(LengthHeader), 10, 64); err == nil {
		m.Length = n
	}
	if f := strings.Fields(h.Get(FetchHeader)); len(f) >= 4 {
		start, err1 := strconv.ParseInt(f[0], 10, 64)
		elapsed, err2 := strconv.ParseInt(f[1], 10, 64)
		size, err3 := strconv.ParseInt(f[2], 10, 64)
		if err1 == nil && err2 == nil && err3 == nil {
			m.Start, m.Elapsed, m.Size, m.Digest = time.UnixMicro(start).UTC(), time.Duration(elapsed)*time.Microsecond, size, f[3]
			m.Revisit = len(f) > 4 && f[4] == "revisit"
		}
	}
	return m
}

// Set writes the mark into a response header (the Recorder does; tests
// standing in for it may).
func (m CaptureMark) Set(h http.Header) {
	for _, k := range markHeaders {
		h.Del(k)
	}
	if !m.Start.IsZero() && m.Digest != "" {
		v := fmt.Sprintf("%d %d %d %s", m.Start.UnixMicro(), m.Elapsed.Microseconds(), m.Size, m.Digest)
		if m.Revisit {
			v += " revisit"
		}
		h.Set(FetchHeader, v)
	}
	if m.ID != 0 {
		h.Set(CaptureHeader, strconv.FormatInt(m.ID, 10))
	}
	if m.Truncated != "" {
		h.Set(TruncatedHeader, m.Truncated)
	}
	if m.Length >= 0 {
		h.Set(LengthHeader, strconv.FormatInt(m.Length, 10))
	}
}
