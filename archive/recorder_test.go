package archive

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// recording is a Store, a WARC writer and a client whose transport records.
type recording struct {
	st     *Store
	w      *WARCWriter
	client *http.Client
}

func newRecording(t *testing.T, maxBody int64) *recording {
	t.Helper()
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w, err := OpenWARCWriter(WARCOptions{Dir: st.WARCDir(), Software: "archivio/test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	tr := &http.Transport{DisableCompression: true}
	rec := NewRecorder(tr, w, st, RecorderOptions{MaxBody: maxBody})
	return &recording{st: st, w: w, client: &http.Client{Transport: rec}}
}

func (r *recording) get(t *testing.T, url string) (*http.Response, []byte, *Capture) {
	t.Helper()
	resp, err := r.client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	fmt.Sscan(resp.Header.Get(CaptureHeader), &id)
	c, err := r.st.Capture(context.Background(), id)
	if err != nil {
		t.Fatalf("capture of %s not in the catalog: %v", url, err)
	}
	return resp, body, c
}

func (r *recording) archived(t *testing.T, c *Capture) *ArchivedResponse {
	t.Helper()
	a, err := ReadResponse(context.Background(), filepath.Join(r.st.WARCDir(), c.WARCFile+".open"), c.WARCOffset)
	if err != nil {
		a, err = ReadResponse(context.Background(), filepath.Join(r.st.WARCDir(), c.WARCFile), c.WARCOffset)
	}
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func gzipString(s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

func TestRecorder(t *testing.T) {
	page := strings.Repeat("<p>Processo partecipativo</p>", 50)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "text/html")
			w.Write(gzipString(page))
		case "/chunked":
			w.Header().Set("Content-Type", "text/html")
			w.(http.Flusher).Flush() // no Content-Length: chunked
			io.WriteString(w, page)
		case "/same":
			w.Header().Set("ETag", `"e1"`)
			io.WriteString(w, "identical payload")
		case "/big":
			io.WriteString(w, strings.Repeat("x", 10_000))
		case "/missing":
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	r := newRecording(t, 4096)

	t.Run("gzip kept as received, decoded for the caller", func(t *testing.T) {
		resp, body, c := r.get(t, srv.URL+"/gzip")
		if string(body) != page || resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("caller got %d bytes, Content-Encoding %q", len(body), resp.Header.Get("Content-Encoding"))
		}
		a := r.archived(t, c)
		if !bytes.Equal(a.Body, gzipString(page)) || a.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("archived body is not the gzip as received (%d bytes, %q)", len(a.Body), a.Header.Get("Content-Encoding"))
		}
		if c.PayloadDigest != PayloadDigest(gzipString(page)) || a.PayloadDigest != c.PayloadDigest {
			t.Errorf("payload digest %s / %s", c.PayloadDigest, a.PayloadDigest)
		}
	})
	t.Run("removed chunked coding is said, not hidden", func(t *testing.T) {
		_, body, c := r.get(t, srv.URL+"/chunked")
		a := r.archived(t, c)
		if string(body) != page || string(a.Body) != page {
			t.Fatalf("body: caller %d bytes, archive %d", len(body), len(a.Body))
		}
		if a.Header.Get("Transfer-Encoding") != "" || a.Header.Get(transferHeader) != "chunked" {
			t.Errorf("archived head: Transfer-Encoding %q, %s %q", a.Header.Get("Transfer-Encoding"), transferHeader, a.Header.Get(transferHeader))
		}
	})
	t.Run("identical payload becomes a revisit", func(t *testing.T) {
		_, _, first := r.get(t, srv.URL+"/same")
		_, body, second := r.get(t, srv.URL+"/same")
		if string(body) != "identical payload" {
			t.Errorf("caller body %q", body)
		}
		if first.RevisitOf != 0 || second.RevisitOf != first.ID {
			t.Errorf("revisit_of: first %d, second %d (first id %d)", first.RevisitOf, second.RevisitOf, first.ID)
		}
		a := r.archived(t, second)
		if a.Type != "revisit" || a.RefersTo != first.WARCRecordID {
			t.Errorf("second record: type %q refers to %q, want revisit of %q", a.Type, a.RefersTo, first.WARCRecordID)
		}
		last, err := r.st.LastGoodCapture(context.Background(), srv.URL+"/same")
		if err != nil || last.ETag != `"e1"` {
			t.Errorf("last good capture: %+v %v", last, err)
		}
	})
	t.Run("an oversized body is cut and the cut recorded", func(t *testing.T) {
		resp, body, c := r.get(t, srv.URL+"/big")
		if len(body) != 4096 || c.Truncated != "length" || resp.Header.Get(TruncatedHeader) != "length" {
			t.Errorf("%d bytes, catalog truncated %q, header %q", len(body), c.Truncated, resp.Header.Get(TruncatedHeader))
		}
		if a := r.archived(t, c); a.Truncated != "length" || len(a.Body) != 4096 {
			t.Errorf("WARC-Truncated %q, %d bytes", a.Truncated, len(a.Body))
		}
	})
	t.Run("error answers are archived too", func(t *testing.T) {
		resp, _, c := r.get(t, srv.URL+"/missing")
		if resp.StatusCode != 404 || c.Status != 404 {
			t.Errorf("status %d, catalog %d", resp.StatusCode, c.Status)
		}
	})
}

func TestRecorderFailsWhenItCannotArchive(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "x") }))
	defer srv.Close()
	r := newRecording(t, 0)
	if err := r.w.Close(); err != nil {
		t.Fatal(err)
	}
	resp, err := r.client.Get(srv.URL)
	if err == nil {
		resp.Body.Close()
		t.Fatal("a response that could not be archived was handed over")
	}
}

func TestReadBodyReasons(t *testing.T) {
	ctx := context.Background()
	if b, why := readBody(ctx, strings.NewReader("abc"), 10); string(b) != "abc" || why != "" {
		t.Errorf("whole body: %q %q", b, why)
	}
	if b, why := readBody(ctx, strings.NewReader("abcdef"), 3); string(b) != "abc" || why != "length" {
		t.Errorf("long body: %q %q", b, why)
	}
	if _, why := readBody(ctx, io.MultiReader(strings.NewReader("ab"), errReader{io.ErrUnexpectedEOF}), 10); why != "disconnect" {
		t.Errorf("dropped connection: %q", why)
	}
	cctx, cancel := context.WithTimeout(ctx, time.Nanosecond)
	defer cancel()
	<-cctx.Done()
	if _, why := readBody(cctx, errReader{context.DeadlineExceeded}, 10); why != "time" {
		t.Errorf("deadline: %q", why)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
