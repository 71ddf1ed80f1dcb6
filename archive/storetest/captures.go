package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"archivio/archive"
)

func capture(url string, d time.Duration, status int, file string, offset int64) *archive.Capture {
	return &archive.Capture{URL: url, Method: "GET", FetchedAt: at(d), Status: status, ContentType: "text/html",
		PayloadDigest: fmt.Sprintf("sha1:%s-%d", file, offset), PayloadLength: 1000, WARCFile: file, WARCOffset: offset,
		WARCLength: 400, WARCRecordID: fmt.Sprintf("<urn:uuid:%s-%d>", file, offset)}
}

func capturesRoundTrip(t *testing.T, ctx context.Context, st archive.CrawlState) {
	crawl := startCrawl(t, ctx, st, "osservatorio", 0)
	full := &archive.Capture{CrawlID: crawl, URL: "https://x/scheda-processo/141", Method: "GET", FetchedAt: at(time.Second),
		Status: 200, ContentType: "text/html; charset=utf-8", ETag: `"v1"`, LastModified: "Sat, 14 Mar 2026 09:00:00 GMT",
		PayloadDigest: "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", PayloadLength: 23456, Truncated: "",
		WARCFile: "archivio-20260314-node1.warc.gz", WARCOffset: 1234, WARCLength: 5678, WARCRecordID: "<urn:uuid:0a1b>"}
	id := must(st.AddCapture(ctx, full))
	if id == 0 || full.ID != id {
		t.Fatalf("capture id %d, set on the capture %d", id, full.ID)
	}
	revisit := &archive.Capture{URL: full.URL, Method: "HEAD", FetchedAt: at(2 * time.Second), Status: 200,
		PayloadDigest: full.PayloadDigest, PayloadLength: 0, Truncated: "length", RevisitOf: id,
		WARCFile: full.WARCFile, WARCOffset: 9999, WARCLength: 300, WARCRecordID: "<urn:uuid:0a1c>"}
	rid := must(st.AddCapture(ctx, revisit))
	for _, want := range []*archive.Capture{full, revisit} {
		got := must(st.Capture(ctx, want.ID))
		if *got != *want {
			t.Errorf("capture read back\n got %+v\nwant %+v", got, want)
		}
	}
	if rid <= id {
		t.Errorf("capture ids %d then %d: want increasing", id, rid)
	}
	// A WARC record is catalogued once.
	dup := *full
	dup.ID = 0
	if _, err := st.AddCapture(ctx, &dup); err == nil {
		t.Error("a second capture at the same file and offset was accepted")
	}
	if _, err := st.Capture(ctx, rid+100); !errors.Is(err, archive.ErrNotFound) {
		t.Errorf("a capture that does not exist: %v", err)
	}
	if n := must(st.CaptureCount(ctx)); n != 2 {
		t.Errorf("capture count %d", n)
	}
}

func captureLookups(t *testing.T, ctx context.Context, st archive.CrawlState) {
	crawl := startCrawl(t, ctx, st, "osservatorio", 0)
	u := "https://x/page"
	add := func(c *archive.Capture) *archive.Capture {
		t.Helper()
		c.CrawlID = crawl
		must(st.AddCapture(ctx, c))
		return c
	}
	old := add(capture(u, time.Minute, 200, "a.warc.gz", 0))
	good := add(capture(u, 2*time.Minute, 200, "a.warc.gz", 500))
	cut := add(capture(u, 3*time.Minute, 200, "a.warc.gz", 1000))
	cut.Truncated = "length" // set after: the stored row is whole; add a truly cut one
	cut2 := capture(u, 4*time.Minute, 200, "b.warc.gz", 0)
	cut2.Truncated = "time"
	add(cut2)
	empty := capture(u, 5*time.Minute, 200, "b.warc.gz", 400)
	empty.PayloadLength = 0
	add(empty)
	gone := add(capture(u, 6*time.Minute, 404, "b.warc.gz", 800))
	revisit := capture(u, 7*time.Minute, 200, "b.warc.gz", 1200)
	revisit.RevisitOf = old.ID
	revisit.PayloadDigest = old.PayloadDigest
	add(revisit)

	if c := must(st.LastGoodCapture(ctx, u)); c.ID != revisit.ID {
		t.Errorf("last good capture %d, want the latest 200 with a whole, non-empty body %d", c.ID, revisit.ID)
	}
	if c := must(st.OriginalCapture(ctx, u, old.PayloadDigest)); c.ID != old.ID {
		t.Errorf("original capture %d, want %d (never a revisit)", c.ID, old.ID)
	}
	if _, err := st.OriginalCapture(ctx, u, "sha1:NONE"); !errors.Is(err, archive.ErrNotFound) {
		t.Errorf("original of an unknown digest: %v", err)
	}
	if _, err := st.LastGoodCapture(ctx, "https://x/never"); !errors.Is(err, archive.ErrNotFound) {
		t.Errorf("last good capture of a URL never fetched: %v", err)
	}
	if c := must(st.CaptureInCrawl(ctx, crawl, u)); c.ID != revisit.ID {
		t.Errorf("capture in crawl %d", c.ID)
	}
	all := must(st.CapturesOf(ctx, crawl))
	if len(all) != 7 || all[0].ID != old.ID || all[1].ID != good.ID || all[5].ID != gone.ID {
		t.Errorf("captures of the crawl in order: %d of them", len(all))
	}
	if ok := must(st.HasCaptureAt(ctx, "a.warc.gz", 500)); !ok {
		t.Error("a capture at a.warc.gz:500 not found")
	}
	if ok := must(st.HasCaptureAt(ctx, "a.warc.gz", 501)); ok {
		t.Error("a capture found where none is")
	}
	offs := must(st.CataloguedOffsets(ctx, "b.warc.gz"))
	if len(offs) != 4 || !offs[0] || !offs[400] || !offs[800] || !offs[1200] {
		t.Errorf("catalogued offsets of b.warc.gz: %v", offs)
	}
	if n := must(st.CrawlRequests(ctx, crawl, at(4*time.Minute))); n != 4 {
		t.Errorf("requests since the fourth minute: %d, want 4", n)
	}
	check(t, st.AddFetchError(ctx, crawl, "https://x/timeout", "timeout", "deadline exceeded", at(time.Minute)))
}
