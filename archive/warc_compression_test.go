package archive

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"archivio/internal/demo/leansite"
)

// leanPage is a record page of the lean benchmark site (record 141's
// page, the fullest record).
func leanPage(t testing.TB) []byte {
	t.Helper()
	site, err := leansite.New(1, 0)
	if err != nil {
		t.Fatal(err)
	}
	rr := httptest.NewRecorder()
	site.Handler().ServeHTTP(rr, httptest.NewRequest("GET", site.RecordPaths()[0], nil))
	if rr.Code != 200 || rr.Body.Len() < 4000 {
		t.Fatalf("record page: %d, %d bytes", rr.Code, rr.Body.Len())
	}
	return rr.Body.Bytes()
}

// TestWARCCompressionLevels: every level writes WARC files that read back
// whole (gzip members with the same records), a faster level a larger
// file; a level out of range is refused.
func TestWARCCompressionLevels(t *testing.T) {
	body := leanPage(t)
	sizes := map[int]int64{}
	for _, level := range []int{1, 6, 9} {
		dir := t.TempDir()
		w, err := OpenWARCWriter(WARCOptions{Dir: dir, Compression: level, Now: newWARCTestClock().Now})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 20 {
			ex := testExchange(fmt.Sprintf("http://example.org/scheda-processo/%d", i), time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC), 200, body, "Content-Type: text/html")
			if _, err := w.WriteExchange(t.Context(), ex, nil); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		files := warcFiles(t, dir, warcFileExt)
		if len(files) != 1 {
			t.Fatalf("level %d: files %v", level, files)
		}
		path := filepath.Join(dir, files[0])
		checkWithGowarc(t, path, 41) // warcinfo, 20 requests, 20 responses
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		sizes[level] = fi.Size()
	}
	if !(sizes[1] > sizes[6] && sizes[1] > sizes[9]) {
		t.Errorf("file sizes by level %v: want level 1 largest", sizes)
	}
	for _, bad := range []int{-1, 10} {
		_, err := OpenWARCWriter(WARCOptions{Dir: t.TempDir(), Compression: bad})
		if err == nil || !strings.Contains(err.Error(), "compression level") {
			t.Errorf("level %d: %v, want refused", bad, err)
		}
	}
}

// BenchmarkWARCCompression writes the exchange of a lean site's record
// page at each gzip level and reports the bytes written per page.
//
//	go test ./archive -run '^$' -bench WARCCompression
func BenchmarkWARCCompression(b *testing.B) {
	body := leanPage(b)
	for _, level := range []int{1, 3, 6, 9} {
		b.Run(fmt.Sprintf("level%d", level), func(b *testing.B) {
			w, err := OpenWARCWriter(WARCOptions{Dir: b.TempDir(), Compression: level})
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()
			var bytes int64
			i := 0
			for b.Loop() {
				ex := testExchange(fmt.Sprintf("http://example.org/scheda-processo/%d", i), time.Now(), 200, body, "Content-Type: text/html")
				wr, err := w.WriteExchange(b.Context(), ex, nil)
				if err != nil {
					b.Fatal(err)
				}
				bytes += wr.Length + wr.RequestLength
				i++
			}
			b.ReportMetric(float64(bytes)/float64(i), "bytes/page")
		})
	}
}
