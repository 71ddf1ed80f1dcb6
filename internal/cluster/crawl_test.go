package cluster_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/cluster"
	"archivio/internal/demo/demosite"
	"archivio/source/osservatorio"
)

// TestCrawlJoinsWithItsIDs: a node that joins a running crawl of the
// observatory with --ids adds those ids to it, and the crawl's records
// are the site's, each once; ids the site does not have fail with its
// answer.
func TestCrawlJoinsWithItsIDs(t *testing.T) {
	ctx := context.Background()
	site, err := demosite.New(demosite.Options{Records: 6})
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
	// Another node started the crawl, with the home page only.
	started, _, err := st.JoinCrawl(ctx, "osservatorio", srv.URL, time.Now(), []archive.FrontierEntry{{Key: "url:/", URL: srv.URL + "/"}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := cluster.Crawl(ctx, cluster.CrawlConfig{Store: st, Storage: &warcstore.Local{Dir: t.TempDir()}, Node: "n1",
		WARCDir: t.TempDir(), Source: "osservatorio", BaseURL: srv.URL, Parallel: 2, FromID: 1, ToID: 9, AllowPrivate: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.CrawlID != started || !rep.Joined || !rep.FinishedHere || rep.RecordsNew != 6 || rep.Frontier.Unsettled != 0 {
		t.Errorf("report %+v", rep)
	}
	ids, err := st.RecordIDs(ctx)
	if err != nil || len(ids) != 6 {
		t.Errorf("records %v (%v), want the site's 6", ids, err)
	}
	// Ids the site does not have failed with its 404 (records the
	// archive never held: not missing ones).
	f, err := st.Frontier(ctx, started, archive.FrontierFailed)
	if err != nil || len(f) != 3 || f[0].Key != osservatorio.RecordKey(7) || f[2].Key != osservatorio.RecordKey(9) || f[0].Reason != "http_404" ||
		len(rep.MissingRecords) != 0 || rep.Frontier.Failed["http_404"] != 3 {
		t.Errorf("failed entries %+v (%v), report %+v", f, err, rep)
	}
}
