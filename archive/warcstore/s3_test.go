package warcstore_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"archivio/archive/warcstore"
	"archivio/archive/warcstore/s3test"
)

// requestLog records the requests an S3 server got, and can fail some.
type requestLog struct {
	mu   sync.Mutex
	reqs []*http.Request
	fail func(*http.Request) bool
}

func (l *requestLog) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.reqs = append(l.reqs, r.Clone(context.Background()))
		fail := l.fail != nil && l.fail(r)
		l.mu.Unlock()
		if fail {
			http.Error(w, "<Error><Code>InternalError</Code></Error>", http.StatusInternalServerError)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (l *requestLog) count(pred func(*http.Request) bool) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, r := range l.reqs {
		if pred(r) {
			n++
		}
	}
	return n
}

func newS3(t *testing.T, srv *s3test.Server) *warcstore.S3 {
	t.Helper()
	s, err := warcstore.NewS3(warcstore.S3Options{Bucket: s3test.Bucket, Prefix: "warc/", Endpoint: srv.URL,
		Region: "eu-south-1", PathStyle: true, PartSize: 5 << 20})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func randomFile(t *testing.T, n int) (string, []byte) {
	t.Helper()
	data := make([]byte, n)
	rand.Read(data)
	path := filepath.Join(t.TempDir(), "a.warc.gz")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, data
}

func isPart(r *http.Request) bool {
	return r.Method == http.MethodPut && r.URL.Query().Has("partNumber")
}

func TestS3PutInPartsAndReadRanges(t *testing.T) {
	ctx := context.Background()
	var log requestLog
	srv := s3test.Start(t, t.TempDir(), log.wrap)
	s := newS3(t, srv)
	path, data := randomFile(t, 11<<20+123)
	obj, err := s.Put(ctx, "a.warc.gz", path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if obj.Size != int64(len(data)) || obj.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("put %+v", obj)
	}
	if n := log.count(isPart); n != 3 {
		t.Errorf("%d parts uploaded, want 3 of at most 5 MiB", n)
	}
	st, err := s.Stat(ctx, "a.warc.gz")
	if err != nil || st.Size != obj.Size || st.SHA256 != obj.SHA256 {
		t.Errorf("stat %+v, %v", st, err)
	}
	for _, r := range [][2]int64{{0, 100}, {5<<20 - 10, 20}, {int64(len(data)) - 7, 7}} {
		rc, err := s.Open(ctx, "a.warc.gz", r[0], r[1])
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, data[r[0]:r[0]+r[1]]) {
			t.Errorf("range %v: %d bytes, %v", r, len(got), err)
		}
	}
	// Checksums only where required: no CRC trailers or aws-chunked
	// bodies, which S3-compatible servers refuse.
	bad := log.count(func(r *http.Request) bool {
		for k := range r.Header {
			if strings.HasPrefix(strings.ToLower(k), "x-amz-checksum-") || strings.EqualFold(k, "x-amz-trailer") {
				return true
			}
		}
		return strings.Contains(r.Header.Get("Content-Encoding"), "aws-chunked")
	})
	if bad != 0 {
		t.Errorf("%d requests carried checksum headers or chunked signing", bad)
	}
}

func TestS3FailedUploadIsAborted(t *testing.T) {
	ctx := context.Background()
	log := requestLog{fail: func(r *http.Request) bool { return isPart(r) && r.URL.Query().Get("partNumber") == "2" }}
	srv := s3test.Start(t, "", log.wrap)
	s := newS3(t, srv)
	path, _ := randomFile(t, 6<<20)
	if _, err := s.Put(ctx, "b.warc.gz", path); err == nil {
		t.Fatal("an upload whose part failed succeeded")
	}
	aborts := log.count(func(r *http.Request) bool { return r.Method == http.MethodDelete && r.URL.Query().Has("uploadId") })
	if aborts != 1 {
		t.Errorf("%d aborts, want 1", aborts)
	}
	if _, err := s.Stat(ctx, "b.warc.gz"); err == nil {
		t.Error("a failed upload left an object")
	}
}

func TestS3NeedsCredentialsFromTheEnvironment(t *testing.T) {
	_, err := warcstore.NewS3(warcstore.S3Options{Bucket: "b", Getenv: func(string) string { return "" }})
	if err == nil || !strings.Contains(err.Error(), "AWS_ACCESS_KEY_ID") {
		t.Errorf("no credentials: %v", err)
	}
}

// An empty file (the index of a WARC file that holds no response: its
// writer was killed before its first exchange was whole) is stored as an
// empty object: S3 takes no empty part.
func TestS3PutEmptyFile(t *testing.T) {
	ctx := context.Background()
	var log requestLog
	srv := s3test.Start(t, t.TempDir(), log.wrap)
	s := newS3(t, srv)
	path, _ := randomFile(t, 0)
	obj, err := s.Put(ctx, "a.warc.gz.cdxj", path)
	if err != nil {
		t.Fatal(err)
	}
	empty := sha256.Sum256(nil)
	if obj.Size != 0 || obj.SHA256 != hex.EncodeToString(empty[:]) {
		t.Errorf("put %+v", obj)
	}
	st, err := s.Stat(ctx, "a.warc.gz.cdxj")
	if err != nil || st.Size != 0 || st.SHA256 != obj.SHA256 {
		t.Errorf("stat %+v, %v", st, err)
	}
	if n := log.count(isPart); n != 0 {
		t.Errorf("%d parts uploaded for an empty file", n)
	}
}
