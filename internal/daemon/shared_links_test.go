package daemon

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/cluster"
	"archivio/internal/config"
)

// TestDaemonChecksLinksOnASharedCatalog runs the daemon as a node with
// the link checks of the shared catalog: they are scheduled and run on
// the node (the run recorded in PostgreSQL), and /feed.atom lists the
// shared catalog's alerts, those another node raised among them.
func TestDaemonChecksLinksOnASharedCatalog(t *testing.T) {
	dsn := postgres.Schema(t)
	ctx := context.Background()
	st, err := pg.Open(ctx, dsn, pg.Options{Node: "n1"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const other = "http://127.0.0.1:1/raised-by-another-node"
	if _, err := st.AddAlert(ctx, archive.AlertRow{Kind: "down", URL: other, Verdict: "refused", Since: time.Now(), At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	stored := t.TempDir()
	_, base, cancel, done := testDaemonWith(t, func(cfg *config.Config, o *Options) {
		src := cfg.Sources["osservatorio"]
		src.Schedule, src.Delay = "0 3 * * 1", 0
		cfg.Sources["osservatorio"] = src
		tr := o.Transport
		o.Shared = &Shared{Store: st, LeaseTTL: 2 * time.Minute,
			Crawl: func(ctx context.Context, source string) (*cluster.Report, error) {
				return cluster.Crawl(ctx, cluster.CrawlConfig{Store: st, Storage: &warcstore.Local{Dir: stored}, Node: "n1",
					WARCDir: filepath.Join(cfg.Data, "spool"), Source: source, BaseURL: cfg.Sources[source].BaseURL, Parallel: 2,
					Transport: tr})
			},
			CheckLinks: cluster.LinkCheck{Store: st, Name: "n1", WARCDir: filepath.Join(cfg.Data, "spool-links"),
				Storage: &warcstore.Local{Dir: stored}}.Run,
		}
	})
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("daemon stop: %v", err)
		}
	}()
	deadline := time.Now().Add(60 * time.Second)
	for jobRuns(t, base, "links") < 1 || jobRuns(t, base, "crawl osservatorio") < 1 {
		if time.Now().After(deadline) {
			t.Fatalf("the jobs did not run: %s", get(t, base+"/status"))
		}
		time.Sleep(50 * time.Millisecond)
	}
	c, err := st.LastCrawl(ctx, "links")
	if err != nil || c.Status != "done" {
		t.Fatalf("the link checks' run on the shared catalog: %+v, %v\n%s", c, err, get(t, base+"/status"))
	}
	var s Status
	if err := json.Unmarshal(get(t, base+"/status"), &s); err != nil {
		t.Fatal(err)
	}
	if s.Alerts != 1 || s.Links["up"]+s.Links["suspect"]+s.Links["down"] == 0 || !slices.ContainsFunc(s.Crawls, func(c CrawlState) bool { return c.Source == "links" && c.Status == "done" }) {
		t.Errorf("/status on the node: alerts %d, links %v, last runs %+v", s.Alerts, s.Links, s.Crawls)
	}
	if feed := string(get(t, base+"/feed.atom")); !strings.Contains(feed, other) {
		t.Errorf("/feed.atom does not list the shared catalog's alert:\n%.2000s", feed)
	}
}
