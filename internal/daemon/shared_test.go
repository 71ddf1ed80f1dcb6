package daemon

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil/promlint"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"archivio/archive/pg"
	"archivio/archive/pg/pgtest"
	"archivio/archive/warcstore"
	"archivio/internal/cluster"
	"archivio/internal/config"
)

// postgres is the PostgreSQL server of the tests that need one, started
// on first use.
var postgres = pgtest.Lazy()

func TestMain(m *testing.M) {
	code := m.Run()
	postgres.Close()
	os.Exit(code)
}

// TestDaemonOnASharedCatalog runs the daemon as a node of a shared
// catalog: its crawl is the node's part of the shared crawl (the records
// land in PostgreSQL), the link checks are not scheduled when the node is
// given none to run, and /status and
// /metrics show the nodes, leases, hosts and WARC files.
func TestDaemonOnASharedCatalog(t *testing.T) {
	dsn := postgres.Schema(t)
	ctx := context.Background()
	st, err := pg.Open(ctx, dsn, pg.Options{Node: "n1"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stored := t.TempDir()
	_, base, cancel, done := testDaemonWith(t, func(cfg *config.Config, o *Options) {
		src := cfg.Sources["osservatorio"]
		src.Schedule, src.Delay = "0 3 * * 1", 0
		cfg.Sources["osservatorio"] = src
		tr := o.Transport
		o.Shared = &Shared{Store: st, LeaseTTL: 2 * time.Minute, Crawl: func(ctx context.Context, source string) (*cluster.Report, error) {
			return cluster.Crawl(ctx, cluster.CrawlConfig{Store: st, Storage: &warcstore.Local{Dir: stored}, Node: "n1",
				WARCDir: filepath.Join(cfg.Data, "spool"), Source: source, BaseURL: cfg.Sources[source].BaseURL, Parallel: 2,
				Transport: tr})
		}}
	})
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("daemon stop: %v", err)
		}
	}()
	deadline := time.Now().Add(30 * time.Second)
	for jobRuns(t, base, "crawl osservatorio") < 1 {
		if time.Now().After(deadline) {
			t.Fatalf("the crawl did not run: %s", get(t, base+"/status"))
		}
		time.Sleep(50 * time.Millisecond)
	}
	var s Status
	if err := json.Unmarshal(get(t, base+"/status"), &s); err != nil {
		t.Fatal(err)
	}
	if s.Records != 18 || len(s.Jobs) != 1 || s.Jobs[0].LastResult != "ok" || s.Cluster == nil {
		t.Fatalf("status: %s", get(t, base+"/status"))
	}
	c := s.Cluster
	if len(c.Nodes) != 1 || c.Nodes[0].Name != "n1" || c.Nodes[0].Stopped.IsZero() || len(c.Leases) != 0 ||
		len(c.Hosts) != 1 || c.Hosts[0].Key != "www.osservatoriopartecipazione.it" || c.WARC.Stored == 0 || c.WARC.CapturesPending != 0 {
		t.Errorf("cluster in /status: %+v", c)
	}
	if len(s.Crawls) != 1 || s.Crawls[0].Status != "done" {
		t.Errorf("last runs: %+v", s.Crawls)
	}
	text := string(get(t, base+"/metrics"))
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(text))
	if err != nil {
		t.Fatalf("metrics do not parse as Prometheus text: %v", err)
	}
	// The checks of "promtool check metrics" (its linter): names, units,
	// help texts, counters' _total; none for the whole page.
	problems, err := promlint.New(strings.NewReader(text)).Lint()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("metric %s: %s", p.Metric, p.Text)
	}
	value := func(name string, labels map[string]string) float64 {
		for _, m := range families[name].GetMetric() {
			ok := true
			for _, l := range m.GetLabel() {
				ok = ok && labels[l.GetName()] == l.GetValue()
			}
			if ok && len(m.GetLabel()) == len(labels) {
				return m.GetGauge().GetValue()
			}
		}
		t.Errorf("metric %s %v missing", name, labels)
		return -1
	}
	if v := value("archivio_cluster_nodes", map[string]string{"state": "stopped"}); v != 1 {
		t.Errorf("stopped nodes = %v", v)
	}
	if v := value("archivio_cluster_node_last_heartbeat_timestamp_seconds", map[string]string{"node": "n1"}); v < float64(time.Now().Add(-time.Minute).Unix()) {
		t.Errorf("last heartbeat = %v", v)
	}
	if v := value("archivio_cluster_warc_files", map[string]string{"state": "stored"}); v != float64(c.WARC.Stored) {
		t.Errorf("stored files = %v", v)
	}
	for _, name := range []string{"archivio_cluster_leases", "archivio_cluster_fetches_in_flight", "archivio_cluster_urls_queued",
		"archivio_cluster_hosts_blocked", "archivio_cluster_captures_pending", "archivio_records", "archivio_pages_fetched_total"} {
		if _, ok := families[name]; !ok {
			t.Errorf("metric %s missing", name)
		}
	}
	if v := value("archivio_records", nil); v != 18 {
		t.Errorf("records = %v", v)
	}
}
