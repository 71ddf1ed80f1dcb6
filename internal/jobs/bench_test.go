package jobs

import (
	"context"
	"net/http/httptest"
	"testing"

	"archivio/internal/demo/demosite"
)

// BenchmarkCrawl crawls a generated site of 500 records on loopback with
// no delay and 4 parallel requests, archiving, cataloguing and parsing
// everything; it reports pages per second. The comparison with wget is
// go run ./tools/crawlbench.
func BenchmarkCrawl(b *testing.B) {
	for b.Loop() {
		site, err := demosite.New(demosite.Options{Records: 500})
		if err != nil {
			b.Fatal(err)
		}
		srv := httptest.NewServer(site.Handler())
		rep, err := Crawl(context.Background(), Config{
			DataDir: b.TempDir(), Source: "osservatorio", BaseURL: srv.URL, UserAgent: "archivio/bench",
			Parallel: 4, AllowPrivate: true,
		})
		srv.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rep.Requests)/rep.Seconds, "pages/s")
	}
}
