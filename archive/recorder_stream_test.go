package archive

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestRecorderStreamsLargeBodies: bodies larger than the spool memory go
// through a temporary file into the WARC file, read back identical, with
// their digests, also as revisits and across a rotation; the temporary
// files go when the caller closes the body, and the spool folder with the
// writer.
func TestRecorderStreamsLargeBodies(t *testing.T) {
	big := noise(7, 300<<10) // does not compress
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		switch r.URL.Path {
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "text/html")
			w.Write(gzipString(string(bytes.Repeat([]byte("<p>pagina</p>"), 50_000))))
		default:
			w.Write(big)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w, err := OpenWARCWriter(WARCOptions{Dir: st.WARCDir(), Software: "archivio/test", MaxFileSize: 500 << 10})
	if err != nil {
		t.Fatal(err)
	}
	rec := NewRecorder(&http.Transport{DisableCompression: true}, w, st, RecorderOptions{SpoolMemory: 16 << 10})
	client := &http.Client{Transport: rec}
	r := &recording{st: st, w: w, client: client}
	spool := filepath.Join(st.WARCDir(), spoolDirName)

	var captures []*Capture
	for _, path := range []string{"/a", "/a", "/b", "/gzip"} {
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		if files, _ := os.ReadDir(spool); len(files) == 0 && path != "/gzip" {
			t.Errorf("%s: no temporary file while the body is open", path)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if files, _ := os.ReadDir(spool); len(files) != 0 {
			t.Errorf("%s: %d temporary files left after the body was closed", path, len(files))
		}
		want := big
		if path == "/gzip" {
			want = bytes.Repeat([]byte("<p>pagina</p>"), 50_000)
		}
		if !bytes.Equal(body, want) || resp.Header.Get(LengthHeader) != strconv.Itoa(len(want)) {
			t.Errorf("%s: caller got %d bytes (length header %s), want %d", path, len(body), resp.Header.Get(LengthHeader), len(want))
		}
		id, _ := strconv.ParseInt(resp.Header.Get(CaptureHeader), 10, 64)
		c, err := st.Capture(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		captures = append(captures, c)
	}
	if captures[1].RevisitOf != captures[0].ID || captures[2].RevisitOf != 0 {
		t.Errorf("revisits: %d of %d, %d", captures[1].RevisitOf, captures[0].ID, captures[2].RevisitOf)
	}
	if captures[0].WARCFile == captures[2].WARCFile {
		t.Errorf("no rotation between two 300 KiB responses in 500 KiB files")
	}
	for i, c := range captures {
		a := r.archived(t, c)
		if i == 1 {
			if a.Type != "revisit" || a.PayloadDigest != PayloadDigest(big) {
				t.Errorf("revisit: %s %s", a.Type, a.PayloadDigest)
			}
			continue
		}
		if i < 3 && !bytes.Equal(a.Body, big) || c.PayloadDigest != PayloadDigest(a.Body) || c.PayloadLength != int64(len(a.Body)) {
			t.Errorf("%s: archived %d bytes, digest %s (catalog %s)", c.URL, len(a.Body), PayloadDigest(a.Body), c.PayloadDigest)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(spool); !os.IsNotExist(err) {
		t.Errorf("spool folder left after Close: %v", err)
	}
	for _, f := range warcFiles(t, st.WARCDir(), ".warc.gz") {
		f = filepath.Join(st.WARCDir(), f)
		if err := ScanWARC(ctx, f, func(s ScannedRecord) error {
			if s.Type == "response" || s.Type == "revisit" {
				_, err := ReadResponse(ctx, f, s.Offset)
				return err
			}
			return nil
		}); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
