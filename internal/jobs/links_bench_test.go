package jobs

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/demo/vnet"
)

// linkHosts serves hosts small pages on inet (404 for paths under /gone/)
// and returns perHost links on each, one in five gone.
func linkHosts(tb testing.TB, inet *vnet.Internet, hosts, perHost int) []string {
	tb.Helper()
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if len(r.URL.Path) > 6 && r.URL.Path[:6] == "/gone/" {
			w.WriteHeader(http.StatusNotFound)
		}
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><h1>Percorso partecipativo</h1><p>%s</p></body></html>", r.Host, r.URL.Path)
	})
	var urls []string
	for h := range hosts {
		host := fmt.Sprintf("www.comune%d.example.it", h)
		if err := inet.Handle(host, page); err != nil {
			tb.Fatal(err)
		}
		for p := range perHost {
			dir := "partecipazione"
			if p%5 == 4 {
				dir = "gone"
			}
			urls = append(urls, fmt.Sprintf("https://%s/%s/%d", host, dir, p))
		}
	}
	return urls
}

// linkDir is a new data directory whose link inventory is urls.
func linkDir(tb testing.TB, urls []string) string {
	tb.Helper()
	ctx := context.Background()
	dir := tb.TempDir()
	st, err := archive.Open(ctx, dir)
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	if err := st.AddSiteLinks(ctx, "osservatorio", "https://"+demoHost+"/", urls, time.Now()); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkLinks checks 400 links on 40 hosts of a virtual internet on
// loopback (8 at once, 2 per host), archiving every answer and
// cataloguing every check; it reports links per second over all the
// runs (the data directory's setup left out).
func BenchmarkLinks(b *testing.B) {
	inet := vnet.New()
	defer inet.Close()
	urls := linkHosts(b, inet, 40, 10)
	checked, seconds := 0, 0.0
	for b.Loop() {
		dir := linkDir(b, urls)
		rep, err := CheckLinks(context.Background(), LinksConfig{
			DataDir: dir, UserAgent: "archivio/bench", Timeout: 10 * time.Second, AllowPrivate: true,
			Transport: vnetTransport(inet), SnapshotDepth: -1,
		})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Checked != len(urls) {
			b.Fatalf("checked %d links of %d", rep.Checked, len(urls))
		}
		checked += rep.Checked
		seconds += rep.Seconds
	}
	b.ReportMetric(float64(checked)/seconds, "links/s")
}
