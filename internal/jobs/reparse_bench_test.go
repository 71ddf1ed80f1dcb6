package jobs

import (
	"context"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"archivio/internal/demo/leansite"
)

// BenchmarkReparse reads again the 2,000 records of an archive made by a
// crawl of the lean benchmark site (one WARC file, every record page a
// real record's), with the same parser: every record comes out unchanged.
// It reports records per second; the target is 2,500 on the development
// machine's 2 cores.
func BenchmarkReparse(b *testing.B) {
	const records = 2000
	site, err := leansite.New(records, leansite.DefaultPageSize)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler())
	dir := b.TempDir()
	_, err = Crawl(context.Background(), Config{DataDir: dir, Source: "osservatorio", BaseURL: srv.URL,
		UserAgent: "archivio/bench", Parallel: 4, AllowPrivate: true})
	srv.Close()
	if err != nil {
		b.Fatal(err)
	}
	cpu0 := processCPU()
	for b.Loop() {
		rep, err := Reparse(context.Background(), dir, nil)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Records != records || rep.Unchanged != records {
			b.Fatalf("reparse: %d records, %d unchanged; want %d of each", rep.Records, rep.Unchanged, records)
		}
	}
	b.ReportMetric(float64(b.N*records)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric((processCPU()-cpu0).Seconds()*1000/float64(b.N*records), "cpu-ms/record")
}

// processCPU is the user and system time the process has used: what a
// benchmark costs whatever else runs on the machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
