package jobs

import (
	"context"
	"net/http/httptest"
	"testing"

	"archivio/internal/demo/leansite"
)

// BenchmarkCrawlLean crawls the lean benchmark site (2,000 copies of a
// real record page, as go run ./tools/crawlbench does) in-process, with
// 4 parallel requests and no delay, and reports records per second and
// the process's CPU per record (the site's serving included, a small
// part of it). It is the benchmark to profile the crawl's own costs:
//
//	go test ./internal/jobs -run '^$' -bench CrawlLean -cpuprofile /tmp/cpu.out
func BenchmarkCrawlLean(b *testing.B) {
	const records = 2000
	cpu0 := processCPU()
	for b.Loop() {
		site, err := leansite.New(records, leansite.DefaultPageSize)
		if err != nil {
			b.Fatal(err)
		}
		srv := httptest.NewServer(site.Handler())
		rep, err := Crawl(context.Background(), Config{DataDir: b.TempDir(), Source: "osservatorio", BaseURL: srv.URL,
			UserAgent: "archivio/bench", Parallel: 4, AllowPrivate: true})
		srv.Close()
		if err != nil {
			b.Fatal(err)
		}
		if rep.RecordsNew != records {
			b.Fatalf("crawl: %d new records, want %d", rep.RecordsNew, records)
		}
	}
	b.ReportMetric(float64(b.N*records)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric((processCPU()-cpu0).Seconds()*1000/float64(b.N*records), "cpu-ms/record")
}
