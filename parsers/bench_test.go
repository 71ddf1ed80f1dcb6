package parsers

import (
	"net/url"
	"os"
	"testing"
)

// BenchmarkParse parses the layout fixtures in turn and reports pages per
// second and allocations per page: over all of them ("all"), and over the
// four layouts the first parser was measured on ("classic": dl, table,
// divs, inline), for comparison with it. The target is at least 2,000
// record pages per second on one core:
//
//	go test ./parsers -run '^$' -bench 'Parse$' -benchmem -cpu 1
func BenchmarkParse(b *testing.B) {
	type page struct {
		body []byte
		u    *url.URL
	}
	sets := map[string][]page{}
	for _, f := range fixtures(b) {
		body, err := os.ReadFile(f.html)
		if err != nil {
			b.Fatal(err)
		}
		u, _ := url.Parse(f.url)
		sets["all"] = append(sets["all"], page{body, u})
		switch f.layout {
		case "dl", "table", "divs", "inline":
			sets["classic"] = append(sets["classic"], page{body, u})
		}
	}
	for _, name := range []string{"all", "classic"} {
		pages := sets[name]
		b.Run(name, func(b *testing.B) {
			var size int64
			for _, p := range pages {
				size += int64(len(p.body))
			}
			b.SetBytes(size / int64(len(pages)))
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				p := pages[i%len(pages)]
				if _, err := Parse(p.body, p.u, ""); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
