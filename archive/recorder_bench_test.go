package archive

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkRecorderLargeBody records 20 MiB answers (more than the spool
// memory: they stream through a temporary file) and reads the first 2 MiB
// of each back, as a crawl does; it reports MB/s of bodies archived.
//
//	go test ./archive -run '^$' -bench RecorderLargeBody -benchmem
func BenchmarkRecorderLargeBody(b *testing.B) {
	unit := bytes.Repeat([]byte("<p>archivio never reads this to the end</p>\n"), 1500)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < (20<<20)/len(unit); i++ {
			w.Write(unit)
		}
	}))
	defer srv.Close()
	st, _ := Open(context.Background(), b.TempDir())
	defer st.Close()
	w, _ := OpenWARCWriter(WARCOptions{Dir: st.WARCDir()})
	defer w.Close()
	rec := NewRecorder(&http.Transport{DisableCompression: true}, w, st, RecorderOptions{})
	c := &http.Client{Transport: rec}
	b.SetBytes(int64((20<<20)/len(unit)) * int64(len(unit)))
	for b.Loop() {
		resp, err := c.Get(srv.URL + "/" + b.Name())
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 2<<20))
		resp.Body.Close()
	}
}
