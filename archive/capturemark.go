package archive

import (
	"net/http"
	"strconv"
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
)

// CaptureMark is what the recording transport tells the caller, in the
// header of a response it hands back, about the capture it made of it.
type CaptureMark struct {
	ID        int64  // the capture's catalog id; 0 when the response was not archived
	Truncated string // the WARC-Truncated reason of a body archived cut; "" when whole
	Length    int64  // the length of the body handed on, decoded; -1 when unknown
}

// ReadCaptureMark reads the capture mark of a response header.
func ReadCaptureMark(h http.Header) CaptureMark {
	m := CaptureMark{Truncated: h.Get(TruncatedHeader), Length: -1}
	m.ID, _ = strconv.ParseInt(h.Get(CaptureHeader), 10, 64)
	if n, err := strconv.ParseInt(h.Get(LengthHeader), 10, 64); err == nil {
		m.Length = n
	}
	return m
}

// Set writes the mark into a response header (the Recorder does; tests
// standing in for it may).
func (m CaptureMark) Set(h http.Header) {
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
