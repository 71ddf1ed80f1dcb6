package daemon

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"archivio/archive"
	"archivio/internal/config"
	"archivio/internal/demo/demosite"
	"archivio/internal/demo/vnet"
)

// testDaemon runs a daemon over the demo site on a virtual internet.
func testDaemon(t *testing.T, spec string, delay, shutdownWait time.Duration) (*config.Config, string, context.CancelFunc, <-chan error) {
	t.Helper()
	return testDaemonWith(t, func(cfg *config.Config, o *Options) {
		src := cfg.Sources["osservatorio"]
		src.Schedule, src.Delay = spec, config.Duration(delay)
		cfg.Sources["osservatorio"] = src
		cfg.ShutdownWait = config.Duration(shutdownWait)
	})
}

// testDaemonWith runs a daemon over the demo site on a virtual internet,
// with the settings and options edit makes.
func testDaemonWith(t *testing.T, edit func(*config.Config, *Options)) (*config.Config, string, context.CancelFunc, <-chan error) {
	t.Helper()
	site, err := demosite.New(demosite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inet := vnet.New()
	t.Cleanup(func() { inet.Close() })
	inet.Handle("www.osservatoriopartecipazione.it", site.Handler())
	tr := inet.Transport()
	tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	tr.DisableCompression = true

	cfg := config.Default()
	cfg.Data = t.TempDir()
	cfg.AllowPrivate = true
	cfg.Links.Schedule = "@yearly"

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan string, 1)
	o := Options{Version: "test", Listener: ln, Transport: tr, Started: func(addr string) { started <- addr }}
	edit(cfg, &o)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, cfg, o) }()
	select {
	case addr := <-started:
		return cfg, "http://" + addr, cancel, done
	case err := <-done:
		t.Fatalf("daemon did not start: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("daemon did not start")
	}
	return nil, "", cancel, done
}

func get(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %s", url, resp.StatusCode, b)
	}
	return b
}

func jobRuns(t *testing.T, base, job string) int {
	var st Status
	if err := json.Unmarshal(get(t, base+"/status"), &st); err != nil {
		t.Fatal(err)
	}
	for _, j := range st.Jobs {
		if j.Name == job {
			return j.Runs
		}
	}
	return -1
}

func TestDaemonRunsServesAndStops(t *testing.T) {
	cfg, base, cancel, done := testDaemon(t, "0 3 * * 1", 0, 5*time.Second)
	// Never ran: catch-up runs the crawl and the link check at start.
	deadline := time.Now().Add(30 * time.Second)
	for jobRuns(t, base, "crawl osservatorio") < 1 || jobRuns(t, base, "links") < 1 {
		if time.Now().After(deadline) {
			t.Fatalf("jobs did not run: %s", get(t, base+"/status"))
		}
		time.Sleep(50 * time.Millisecond)
	}
	if string(get(t, base+"/healthz")) != "ok\n" {
		t.Error("healthz")
	}
	var st Status
	json.Unmarshal(get(t, base+"/status"), &st)
	if st.Records != 18 || len(st.Jobs) != 2 || st.Jobs[0].Next.IsZero() {
		t.Errorf("status: %+v", st)
	}
	if len(st.ParseHealth) != 1 || st.ParseHealth[0].State != archive.HealthHealthy || st.ParseHealth[0].LastCrawl == nil ||
		st.ParseHealth[0].LastCrawl.Parsed != 18 || st.Unreadable != 0 {
		t.Errorf("parse health in /status: %+v", st.ParseHealth)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(string(get(t, base+"/metrics"))))
	if err != nil {
		t.Fatalf("metrics do not parse as Prometheus text: %v", err)
	}
	for _, name := range []string{"archivio_pages_fetched_total", "archivio_fetch_errors_total", "archivio_bytes_total",
		"archivio_job_runs_total", "archivio_job_duration_seconds", "archivio_job_last_success_timestamp_seconds",
		"archivio_links", "archivio_alerts_total", "archivio_record_pages_total", "archivio_parse_failures_total",
		"archivio_record_fields", "archivio_unreadable_record_pages", "archivio_unknown_labels", "archivio_fuzzy_labels",
		"archivio_parse_drift"} {
		if _, ok := families[name]; !ok && name != "archivio_fetch_errors_total" {
			t.Errorf("metric %s missing", name)
		}
	}
	if v := families["archivio_pages_fetched_total"].GetMetric()[0].GetCounter().GetValue(); v < 18 {
		t.Errorf("pages fetched = %v", v)
	}
	var feed struct {
		XMLName xml.Name
		ID      string `xml:"id"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	}
	if err := xml.Unmarshal(get(t, base+"/feed.atom"), &feed); err != nil || feed.XMLName.Local != "feed" {
		t.Errorf("feed.atom: %v %v", feed.XMLName, err)
	}
	// The feed is named by the catalog's identity, not by a path, and
	// names its own address.
	if !regexp.MustCompile(`^urn:uuid:[0-9a-f-]{36}$`).MatchString(feed.ID) || strings.Contains(feed.ID, cfg.Data) {
		t.Errorf("feed id %q, want the catalog's urn:uuid", feed.ID)
	}
	if len(feed.Links) != 1 || feed.Links[0].Rel != "self" || feed.Links[0].Href != base+"/feed.atom" {
		t.Errorf("feed links %+v, want rel=self %s/feed.atom", feed.Links, base)
	}

	// One daemon per data directory.
	second := Run(context.Background(), cfg, Options{Listener: mustListen(t)})
	if !errors.Is(second, archive.ErrLocked) {
		t.Errorf("a second daemon on the same data directory: %v", second)
	}

	cancel()
	if err := <-done; err != nil {
		t.Errorf("daemon stop: %v", err)
	}
}

func TestSIGTERMInTheMiddleOfACrawl(t *testing.T) {
	cfg, base, cancel, done := testDaemon(t, "0 3 * * 1", 200*time.Millisecond, 100*time.Millisecond)
	deadline := time.Now().Add(20 * time.Second)
	for {
		var st Status
		json.Unmarshal(get(t, base+"/status"), &st)
		if st.Captures >= 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the crawl did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel() // what SIGTERM does in archivio run
	if err := <-done; err != nil {
		t.Fatalf("daemon stop: %v", err)
	}
	if open, _ := filepath.Glob(filepath.Join(cfg.Data, "warc", "*.open")); len(open) != 0 {
		t.Errorf("WARC files left open: %v", open)
	}
	files, _ := filepath.Glob(filepath.Join(cfg.Data, "warc", "*.warc.gz"))
	n := 0
	for _, f := range files {
		err := archive.ScanWARC(context.Background(), f, func(r archive.ScannedRecord) error {
			n++
			if r.Type == "response" {
				_, err := archive.ReadResponse(context.Background(), f, r.Offset)
				return err
			}
			return nil
		})
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if n == 0 {
		t.Error("nothing archived")
	}
	st, err := archive.Open(context.Background(), cfg.Data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.LastCrawl(context.Background(), "osservatorio")
	if err != nil || c.Status != "interrupted" {
		t.Errorf("crawl after SIGTERM: %+v %v", c, err)
	}
}

func mustListen(t *testing.T) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln
}
