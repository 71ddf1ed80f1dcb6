package parsers

import (
	"net/url"
	"os"
	"testing"
)

// BenchmarkParse parses every layout fixture in turn and reports pages per
// second and allocations per page. The target is at least 2,000 record
// pages per second on one core:
//
//	go test ./parsers -run '^$' -bench Parse -benchmem -cpu 1
func BenchmarkParse(b *testing.B) {
	type page struct {
		body []byte
		u    *url.URL
	}
	var pages []page
	var size int64
	for _, f := range fixtures(b) {
		body, err := os.ReadFile(f.html)
		if err != nil {
			b.Fatal(err)
		}
		u, _ := url.Parse(f.url)
		pages = append(pages, page{body, u})
		size += int64(len(body))
	}
	b.SetBytes(size / int64(len(pages)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p := pages[i%len(pages)]
		if _, err := Parse(p.body, p.u, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
