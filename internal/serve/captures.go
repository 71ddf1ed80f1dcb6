package serve

import (
	"fmt"
	"io"
	"net/http"
	"strconv"

	"archivio/archive"
)

// capture reads the capture a request's {id} names.
func (s *Server) capture(r *http.Request) (*archive.Capture, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.o.Archive.Capture(r.Context(), id)
}

// capturePage shows one capture: what it is (URL, time, status, digest,
// WARC file and offset, a link to the raw record), its citation, and the
// page itself replayed in a sandboxed frame.
func (s *Server) capturePage(w http.ResponseWriter, r *http.Request) {
	c, err := s.capture(r)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "capture", "Capture of "+c.URL, "records", map[string]any{
		"Capture": c, "Replay": replayURL(c.FetchedAt, c.URL), "Raw": warcPath(c),
		"Citation": captureCitation(absBase(r), c),
	})
}

// warcPath is where a capture's raw WARC record is served.
func warcPath(c *archive.Capture) string {
	return fmt.Sprintf("/warc/%s/%d", c.WARCFile, c.WARCOffset)
}

// warcRecord serves a capture's WARC record as stored (a gzip member),
// found by its file and offset only when the catalog lists that place.
func (s *Server) warcRecord(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	off, err := strconv.ParseInt(r.PathValue("offset"), 10, 64)
	if err != nil || off < 0 {
		s.fail(w, r, http.StatusBadRequest, "offset: want a number of bytes from 0")
		return
	}
	if file == "" || len(file) > 255 {
		s.fail(w, r, http.StatusBadRequest, "file: want a WARC file name")
		return
	}
	c, err := s.o.Archive.CaptureAt(r.Context(), file, off)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	rc, err := s.o.Archive.WARCRecord(r.Context(), c)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	defer rc.Close()
	h := w.Header()
	h.Set("Content-Type", "application/warc")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%d.warc.gz"`, safeName(c.WARCFile), c.WARCOffset))
	h.Set("Content-Length", strconv.FormatInt(c.WARCLength, 10))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	if r.Method == http.MethodHead {
		return
	}
	if _, err := io.Copy(w, rc); err != nil {
		s.o.Logger.Warn("warc record", "file", file, "offset", off, "err", err)
	}
}

// safeName keeps the characters of a file name that need no quoting.
func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c == '-' || c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			b[i] = '_'
		}
	}
	return string(b)
}
