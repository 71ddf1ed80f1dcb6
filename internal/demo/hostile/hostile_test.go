package hostile

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestGzipBombInflatesToWhatItSays(t *testing.T) {
	srv := httptest.NewServer(GzipBomb("text/html", 64<<20))
	defer srv.Close()
	tr := &http.Transport{DisableCompression: true}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil || int64(len(raw)) != resp.ContentLength {
		t.Fatalf("%d bytes of %d: %v", len(raw), resp.ContentLength, err)
	}
	if len(raw) > 100<<10 {
		t.Errorf("64 MiB bomb is %d bytes on the wire", len(raw))
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, zr)
	if err != nil || n != 64<<20 {
		t.Errorf("inflated to %d bytes: %v", n, err)
	}
}

func TestDroppedBreaksTheBody(t *testing.T) {
	body := []byte("<html><body>" + string(make([]byte, 10000)) + "</body></html>")
	for _, how := range []string{Reset, Short, BrokenChunks} {
		srv := httptest.NewServer(Dropped(how, "text/html", body))
		resp, err := http.Get(srv.URL)
		if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		srv.Close()
		if err == nil || len(got) >= len(body) {
			t.Errorf("%s: %d of %d bytes, error %v: want a broken body", how, len(got), len(body), err)
		}
		if how == Short && !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("short body: %v, want unexpected EOF", err)
		}
	}
}
