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

	gowarc "github.com/nlnwa/gowarc/v2"
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

// receiveString runs receive over body with header Content-Encoding ce and
// returns what it decided and what the caller would read.
func receiveString(t *testing.T, ctx context.Context, body io.Reader, ce string, max int64) (received, string, int64) {
	t.Helper()
	sp, err := newSpooledBody([]byte("HTTP/1.1 200 OK\r\n\r\n"), 64, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	resp := &http.Response{Header: http.Header{}, Body: io.NopCloser(body)}
	if ce != "" {
		resp.Header.Set("Content-Encoding", ce)
	}
	got, err := receive(ctx, resp, sp, max)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sp.build(func(b gowarc.WarcRecordBuilder) {
		b.AddWarcHeader(gowarc.WarcRecordID, "<urn:uuid:0b0f6f1e-7b1a-4a43-9d7a-3c0c8b1f7a10>")
		b.AddWarcHeaderTime(gowarc.WarcDate, time.Now())
		b.AddWarcHeader(gowarc.ContentType, warcHTTPResponse)
		if got.cut != "" {
			b.AddWarcHeader(gowarc.WarcTruncated, got.cut)
		}
	}); err != nil {
		t.Fatal(err)
	}
	rc, err := got.handOn(sp)
	if err != nil {
		t.Fatal(err)
	}
	handed, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("reading the handed-on body: %v", err)
	}
	return got, string(handed), sp.size
}

func TestReceiveReasons(t *testing.T) {
	ctx := context.Background()
	if got, b, _ := receiveString(t, ctx, strings.NewReader("abc"), "", 10); b != "abc" || got.cut != "" {
		t.Errorf("whole body: %q %+v", b, got)
	}
	if got, b, n := receiveString(t, ctx, strings.NewReader("abcdef"), "", 3); b != "abc" || n != 3 || got.cut != "length" {
		t.Errorf("long body: %q (%d stored) %+v", b, n, got)
	}
	if got, _, _ := receiveString(t, ctx, io.MultiReader(strings.NewReader("ab"), errReader{io.ErrUnexpectedEOF}), "", 10); got.cut != "disconnect" {
		t.Errorf("dropped connection: %+v", got)
	}
	cctx, cancel := context.WithTimeout(ctx, time.Nanosecond)
	defer cancel()
	<-cctx.Done()
	if got, _, _ := receiveString(t, cctx, errReader{context.DeadlineExceeded}, "", 10); got.cut != "time" || got.interrupted {
		t.Errorf("deadline: %+v", got)
	}
	stopped, stop := context.WithCancel(ctx)
	stop()
	if got, _, _ := receiveString(t, stopped, io.MultiReader(strings.NewReader("ab"), errReader{context.Canceled}), "", 10); got.cut != "unspecified" || !got.interrupted {
		t.Errorf("canceled: %+v, want interrupted", got)
	}

	page := strings.Repeat("<p>Processo partecipativo</p>", 100)
	if got, b, _ := receiveString(t, ctx, bytes.NewReader(gzipString(page)), "gzip", 1<<20); b != page || got.cut != "" || got.coding != "gzip" {
		t.Errorf("gzip body: %d bytes handed, %+v", len(b), got)
	}
	// Small when coded, over the limit decoded: cut once the decoded size
	// passes the limit, long before the coded stream ends.
	bomb := gzipString(strings.Repeat("0", 4<<20))
	got, b, stored := receiveString(t, ctx, bytes.NewReader(bomb), "gzip", 64<<10)
	if got.cut != "length" || len(b) != 64<<10 || stored >= int64(len(bomb)) {
		t.Errorf("bomb: %+v, %d bytes handed, %d of %d coded bytes stored", got, len(b), stored, len(bomb))
	}
	// A body labelled gzip that is not: handed on as it came.
	if got, b, _ := receiveString(t, ctx, strings.NewReader("plain text"), "gzip", 100); b != "plain text" || got.coding != "" || got.cut != "" {
		t.Errorf("mislabelled body: %q %+v", b, got)
	}
	// A gzip stream cut short: what decodes is handed on, without an error.
	coded := gzipString(page)
	if got, b, _ := receiveString(t, ctx, io.MultiReader(bytes.NewReader(coded[:len(coded)/2]), errReader{io.ErrUnexpectedEOF}), "gzip", 1<<20); got.cut != "disconnect" || len(b) == 0 || !strings.HasPrefix(page, b) {
		t.Errorf("cut gzip: %d bytes handed, %+v", len(b), got)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// An empty payload (every HEAD answer, an empty page) is never a revisit:
// its digest is that of nothing, shared by every bodiless answer, and a
// revisit record is larger than the response it would replace.
func TestRecorderNoRevisitOfEmptyPayloads(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		if r.URL.Path == "/img.jpg" && r.Method == http.MethodGet {
			io.WriteString(w, "jpeg bytes")
		}
	}))
	defer srv.Close()
	r := newRecording(t, 0)
	ctx := context.Background()
	head := func(url string) *Capture {
		t.Helper()
		resp, err := r.client.Head(url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var id int64
		fmt.Sscan(resp.Header.Get(CaptureHeader), &id)
		c, err := r.st.Capture(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for i := range 2 {
		if c := head(srv.URL + "/img.jpg"); c.RevisitOf != 0 || r.archived(t, c).Type != "response" {
			t.Errorf("HEAD %d: revisit of %d, want a response record", i+1, c.RevisitOf)
		}
		if _, _, c := r.get(t, srv.URL+"/empty"); c.RevisitOf != 0 || r.archived(t, c).Type != "response" {
			t.Errorf("empty page %d: revisit of %d, want a response record", i+1, c.RevisitOf)
		}
	}
	_, _, first := r.get(t, srv.URL+"/img.jpg")
	if _, _, second := r.get(t, srv.URL+"/img.jpg"); second.RevisitOf != first.ID {
		t.Errorf("the image's second GET: revisit of %d, want %d", second.RevisitOf, first.ID)
	}
}

// The capture a conditional request is made against is one with the page
// in it: a later HEAD answer of the same URL (a link check) has the same
// validators and no body, and a 304 would make the crawl read nothing.
func TestLastGoodCaptureHasTheBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"p1"`)
		io.WriteString(w, "<p>record</p>")
	}))
	defer srv.Close()
	r := newRecording(t, 0)
	_, _, page := r.get(t, srv.URL+"/scheda-processo/1")
	resp, err := r.client.Head(srv.URL + "/scheda-processo/1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	last, err := r.st.LastGoodCapture(context.Background(), srv.URL+"/scheda-processo/1")
	if err != nil || last.ID != page.ID {
		t.Errorf("last good capture %+v, %v; want the page's capture %d", last, err, page.ID)
	}
}
