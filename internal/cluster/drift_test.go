package cluster_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/cluster"
	"archivio/internal/demo/demosite"
	"archivio/internal/demo/pagegen"
)

// TestSharedCrawlJudgesDriftOnce crawls a demo site three times with two
// nodes each: a healthy crawl, one after the site moved to a
// script-rendered front end (every record page unreadable), and one
// while it stays so. The node that finishes each crawl judges its parse
// health: the source goes to drift with one drift alert over both
// nodes, and the drift that holds raises none.
func TestSharedCrawlJudgesDriftOnce(t *testing.T) {
	ctx := context.Background()
	site, err := demosite.New(demosite.Options{Records: 12})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	dsn := server.Schema(t)
	var stores []*pg.Store
	for i := range 2 {
		st, err := pg.Open(ctx, dsn, pg.Options{Node: fmt.Sprintf("n%d", i+1)})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		stores = append(stores, st)
	}
	storage := &warcstore.Local{Dir: t.TempDir()}
	thresholds := archive.DriftThresholds{UnreadableShare: 0.05, FieldWasShare: 0.5, FieldNowShare: 0.1, MinPages: 3}
	crawl := func() []*cluster.Report {
		var wg sync.WaitGroup
		reps := make([]*cluster.Report, len(stores))
		for i, st := range stores {
			wg.Go(func() {
				rep, err := cluster.Crawl(ctx, cluster.CrawlConfig{Store: st, Storage: storage, Node: fmt.Sprintf("n%d", i+1),
					WARCDir: t.TempDir(), Source: "osservatorio", BaseURL: srv.URL, Parallel: 2, AllowPrivate: true, Drift: thresholds})
				if err != nil {
					t.Errorf("n%d: %v", i+1, err)
				}
				reps[i] = rep
			})
		}
		wg.Wait()
		return reps
	}
	judged := func(reps []*cluster.Report) *cluster.Report {
		t.Helper()
		var by *cluster.Report
		for _, r := range reps {
			if r == nil {
				t.FailNow()
			}
			if r.FinishedHere {
				if by != nil {
					t.Fatalf("two nodes finished crawl %d", r.CrawlID)
				}
				by = r
			} else if r.ParseHealth != nil {
				t.Errorf("%s judged crawl %d without finishing it", r.Node, r.CrawlID)
			}
		}
		if by == nil || by.ParseHealth == nil || by.ParseHealth.Drift == nil || !by.ParseHealth.Drift.Judged {
			t.Fatalf("crawl not judged by the node that finished it: %+v", by)
		}
		return by
	}
	alertsNow := func() []archive.AlertRow {
		as, err := stores[0].Alerts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return as
	}

	first := judged(crawl())
	if d := first.ParseHealth.Drift; d.State != archive.HealthHealthy || d.Alert != nil || len(alertsNow()) != 0 {
		t.Fatalf("healthy crawl: %+v, alerts %v", d, alertsNow())
	}
	if h := first.ParseHealth; h.RecordPages != 12 || h.Parsed != 12 || h.Fields["status"] != 12 || h.FieldsPerRecord < 5 {
		t.Errorf("parse health of the healthy crawl: %d pages, %d parsed, fields %v (%.1f a record)", h.RecordPages, h.Parsed, h.Fields, h.FieldsPerRecord)
	}
	site.SetLayout(pagegen.ShellLayout)
	broken := judged(crawl())
	d := broken.ParseHealth.Drift
	if d.State != archive.HealthDrift || d.Alert == nil || d.Alert.Kind != "drift" || d.BaselineCrawl != first.CrawlID ||
		broken.ParseHealth.Unreadable != broken.ParseHealth.RecordPages || len(d.Findings) != 1 || d.Findings[0].Rule != archive.RuleUnreadable {
		t.Fatalf("broken crawl: %+v", d)
	}
	as := alertsNow()
	if len(as) != 1 || as[0].Kind != "drift" || as[0].Source != "osservatorio" || as[0].ID != d.Alert.ID {
		t.Fatalf("alerts after the site changed: %+v", as)
	}
	held := judged(crawl())
	if d := held.ParseHealth.Drift; d.State != archive.HealthDrift || d.Alert != nil {
		t.Errorf("drift held: %+v", d)
	}
	if as := alertsNow(); len(as) != 1 {
		t.Errorf("alerts after the drift held: %+v", as)
	}
	// The judgement is the catalog's once: a late try on the same crawl
	// is refused.
	state, err := stores[1].DriftState(ctx, "osservatorio")
	if err != nil || state.LastCrawl != held.CrawlID {
		t.Fatalf("state %+v, %v", state, err)
	}
	if _, err := stores[1].SetDriftState(ctx, *state, &archive.AlertRow{Kind: "recovered", URL: srv.URL}); err == nil {
		t.Errorf("a second judgement of crawl %d was stored", held.CrawlID)
	}
}

// TestSharedCrawlJudgesACrawlLeftUnjudged: the node that finished a crawl
// dies before judging its drift (the site had moved to a script-rendered
// front end meanwhile) and the site is mended before the next crawl. The
// next crawl's node judges the crawl left unjudged before starting its
// own: the drift is alerted, late, then its end; without it the drift
// would pass unseen.
func TestSharedCrawlJudgesACrawlLeftUnjudged(t *testing.T) {
	ctx := context.Background()
	site, err := demosite.New(demosite.Options{Records: 12})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	st, err := pg.Open(ctx, server.Schema(t), pg.Options{Node: "n1"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	storage := &warcstore.Local{Dir: t.TempDir()}
	thresholds := archive.DriftThresholds{UnreadableShare: 0.05, FieldWasShare: 0.5, FieldNowShare: 0.1, MinPages: 3}
	crawl := func(unjudged bool) *cluster.Report {
		t.Helper()
		cfg := cluster.CrawlConfig{Store: st, Storage: storage, Node: "n1", WARCDir: t.TempDir(), Source: "osservatorio",
			BaseURL: srv.URL, Parallel: 2, AllowPrivate: true, Drift: thresholds}
		if unjudged {
			cluster.LeaveUnjudged(&cfg)
		}
		rep, err := cluster.Crawl(ctx, cfg)
		if err != nil || !rep.FinishedHere {
			t.Fatalf("crawl: %v; %+v", err, rep)
		}
		return rep
	}
	crawl(false)
	site.SetLayout(pagegen.ShellLayout)
	broken := crawl(true)
	if as, err := st.Alerts(ctx); err != nil || len(as) != 0 {
		t.Fatalf("alerts after the crawl left unjudged: %+v, %v", as, err)
	}
	if err := site.SetLayout(""); err != nil { // each record's own layout again
		t.Fatal(err)
	}
	mended := crawl(false)
	as, err := st.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, a := range as {
		kinds = append(kinds, a.Kind)
	}
	if fmt.Sprint(kinds) != "[drift recovered]" {
		t.Fatalf("alerts %v: want the drift of crawl %d, then its end", kinds, broken.CrawlID)
	}
	state, err := st.DriftState(ctx, "osservatorio")
	if err != nil || state.LastCrawl != mended.CrawlID || state.State != archive.HealthHealthy {
		t.Fatalf("state %+v, %v: want healthy, judged on crawl %d", state, err, mended.CrawlID)
	}
}
