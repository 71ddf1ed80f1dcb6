// Package s3test serves an S3-compatible bucket on loopback for tests
// (gofakes3), on disk or in memory, and sets the credentials a client
// reads from the environment.
package s3test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3afero"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// Bucket is the bucket the server holds.
const Bucket = "archivio-test"

// Server is an S3-compatible server on 127.0.0.1.
type Server struct {
	URL string
	srv *httptest.Server
}

// Start serves a bucket from the folder dir (in memory when dir is ""),
// wrapping the handler with wrap when not nil (to make requests fail),
// until the test ends; AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set
// for the test.
func Start(t testing.TB, dir string, wrap func(http.Handler) http.Handler) *Server {
	t.Helper()
	var backend gofakes3.Backend
	if dir == "" {
		backend = s3mem.New()
	} else {
		fs, err := s3afero.FsPath(dir, s3afero.FsPathCreate)
		if err != nil {
			t.Fatal(err)
		}
		mb, err := s3afero.MultiBucket(fs)
		if err != nil {
			t.Fatal(err)
		}
		backend = mb
	}
	if err := backend.CreateBucket(Bucket); err != nil {
		t.Fatal(err)
	}
	h := gofakes3.New(backend).Server()
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	t.Setenv("AWS_ACCESS_KEY_ID", "archivio-test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "archivio-test-secret")
	return &Server{URL: srv.URL, srv: srv}
}
