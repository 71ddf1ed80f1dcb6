package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"archivio/archive"
)

func keys(es []archive.FrontierEntry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Key)
	}
	return out
}

func frontierKeepsOneEntryPerKey(t *testing.T, ctx context.Context, st archive.CrawlState) {
	id := startCrawl(t, ctx, st, "osservatorio", 0)
	other := startCrawl(t, ctx, st, "fiorano", 0)
	added := must(st.AddToFrontier(ctx, id, []archive.FrontierEntry{
		{Key: "record:7", URL: "https://x/scheda-processo/7"},
		{Key: "url:/admin", URL: "https://x/admin", State: archive.FrontierExcluded, Reason: "robots"},
		{Key: "record:7", URL: "http://x/processi/ambito/scheda-processo/7"}, // another shape, the same record
		{Key: "url:/deep", URL: "https://x/deep", State: archive.FrontierExcluded, Reason: "max_depth"},
	}))
	if !slices.Equal(added, []bool{true, false, false, false}) {
		t.Errorf("added %v: want the record once, exclusions never counted as queued", added)
	}
	// An exclusion gives way to the same key queued; a queued key is
	// never excluded afterwards.
	added = must(st.AddToFrontier(ctx, id, []archive.FrontierEntry{
		{Key: "url:/deep", URL: "https://x/deep?via=short"},
		{Key: "record:7", URL: "https://x/7", State: archive.FrontierExcluded, Reason: "max_pages"},
	}))
	if !slices.Equal(added, []bool{true, false}) {
		t.Errorf("added %v", added)
	}
	q := must(st.Frontier(ctx, id, archive.FrontierQueued))
	if !slices.Equal(keys(q), []string{"record:7", "url:/deep"}) {
		t.Fatalf("queued %v", keys(q))
	}
	if q[0].URL != "https://x/scheda-processo/7" || q[1].URL != "https://x/deep?via=short" || q[1].Reason != "" {
		t.Errorf("queued entries %+v", q)
	}
	ex := must(st.Frontier(ctx, id, archive.FrontierExcluded))
	if len(ex) != 1 || ex[0].Key != "url:/admin" || ex[0].Reason != "robots" {
		t.Errorf("excluded %+v", ex)
	}
	// Keys are per crawl.
	if added := must(st.AddToFrontier(ctx, other, []archive.FrontierEntry{{Key: "record:7", URL: "https://y/7"}})); !added[0] {
		t.Error("a key of another crawl kept this crawl from queuing it")
	}
	if _, err := st.AddToFrontier(ctx, id, []archive.FrontierEntry{{Key: "url:/x", URL: "https://x/x", State: archive.FrontierDone}}); err == nil {
		t.Error("an entry added as done was accepted")
	}
}

func settleIsOneStep(t *testing.T, ctx context.Context, st archive.CrawlState) {
	id := startCrawl(t, ctx, st, "osservatorio", 0)
	must(st.AddToFrontier(ctx, id, []archive.FrontierEntry{{Key: "url:/processi", URL: "https://x/processi"}}))
	added := must(st.SettleFrontier(ctx, id, "url:/processi", archive.FrontierDone, "", []archive.FrontierEntry{
		{Key: "record:1", URL: "https://x/scheda-processo/1"},
		{Key: "url:/admin", URL: "https://x/admin", State: archive.FrontierExcluded, Reason: "robots"},
		{Key: "url:/processi", URL: "https://x/processi"},
	}))
	if !slices.Equal(added, []bool{true, false, false}) {
		t.Errorf("added %v, want only the record newly queued", added)
	}
	if d := must(st.Frontier(ctx, id, archive.FrontierDone)); !slices.Equal(keys(d), []string{"url:/processi"}) {
		t.Errorf("done %v", keys(d))
	}
	// A settle that fails part-way leaves nothing of itself.
	must(st.AddToFrontier(ctx, id, []archive.FrontierEntry{{Key: "url:/p2", URL: "https://x/p2"}}))
	if _, err := st.SettleFrontier(ctx, id, "url:/p2", archive.FrontierDone, "", []archive.FrontierEntry{
		{Key: "record:2", URL: "https://x/2"}, {Key: "record:3", URL: "https://x/3", State: "bogus"},
	}); err == nil {
		t.Fatal("a bad entry was accepted")
	}
	if _, err := st.SettleFrontier(ctx, id, "url:/nowhere", archive.FrontierDone, "", []archive.FrontierEntry{{Key: "record:4", URL: "https://x/4"}}); err == nil {
		t.Error("settling a key never queued was accepted")
	}
	if _, err := st.SettleFrontier(ctx, id, "url:/p2", "queued", "", nil); err == nil {
		t.Error("settling as queued was accepted")
	}
	if q := must(st.Frontier(ctx, id, archive.FrontierQueued)); !slices.Equal(keys(q), []string{"record:1", "url:/p2"}) {
		t.Errorf("queued after failed settles: %v", keys(q))
	}
	must(st.SettleFrontier(ctx, id, "record:1", archive.FrontierFailed, "http_404", nil))
	f := must(st.Frontier(ctx, id, archive.FrontierFailed))
	if len(f) != 1 || f[0].Reason != "http_404" || f[0].State != archive.FrontierFailed {
		t.Errorf("failed %+v", f)
	}
}

func frontierCountsAndMissingRecords(t *testing.T, ctx context.Context, st archive.CrawlState) {
	id := startCrawl(t, ctx, st, "osservatorio", 0)
	// Record 5 is known (it has a version); record 6 is not.
	capID := must(st.AddCapture(ctx, &archive.Capture{URL: "https://x/5", FetchedAt: at(-time.Hour), Status: 200,
		PayloadDigest: "sha1:A", PayloadLength: 10, WARCFile: "a.warc.gz", WARCOffset: 0, WARCLength: 100, WARCRecordID: "<urn:uuid:1>"}))
	must(st.ApplyRecord(ctx, archive.ParsedRecord{ID: 5, URL: "https://x/5", Data: []byte(`{"id":5}`), ParserVersion: "p1"}, capID, at(-time.Hour)))
	must(st.AddToFrontier(ctx, id, []archive.FrontierEntry{
		{Key: "record:5", URL: "https://x/5"}, {Key: "record:6", URL: "https://x/6"},
		{Key: "url:/a", URL: "https://x/a"}, {Key: "url:/b", URL: "https://x/b"},
		{Key: "url:/c", URL: "https://x/c", State: archive.FrontierExcluded, Reason: "robots"},
	}))
	must(st.SettleFrontier(ctx, id, "record:5", archive.FrontierFailed, "http_410", nil))
	must(st.SettleFrontier(ctx, id, "record:6", archive.FrontierFailed, "http_404", nil))
	must(st.SettleFrontier(ctx, id, "url:/a", archive.FrontierDone, "", nil))
	got := must(st.FrontierCounts(ctx, id))
	want := []archive.FrontierCount{
		{State: "done", N: 1}, {State: "excluded", Reason: "robots", N: 1},
		{State: "failed", Reason: "http_404", N: 1}, {State: "failed", Reason: "http_410", N: 1},
		{State: "queued", N: 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("counts %+v\nwant %+v", got, want)
	}
	m := must(st.MissingRecords(ctx, id))
	if len(m) != 1 || m[0].Key != "record:5" || m[0].Reason != "http_410" {
		t.Errorf("missing records %+v: want the known record 5", m)
	}
}
