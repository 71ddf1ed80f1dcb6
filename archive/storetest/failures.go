package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"archivio/archive"
)

// parseFailuresFollowTheNewestCapture: a record page's failure is the one
// of its newest capture, keeps its first time, and is cleared when a
// capture as new is read as the record.
func parseFailuresFollowTheNewestCapture(t *testing.T, ctx context.Context, st archive.CrawlState) {
	if _, err := st.ParseFailure(ctx, 141); !errors.Is(err, archive.ErrNotFound) {
		t.Fatalf("no failure yet: %v", err)
	}
	crawl := startCrawl(t, ctx, st, "osservatorio", 0)
	c1 := must(st.AddCapture(ctx, capture("https://x/141", 0, 200, "a.warc.gz", 0)))
	c2 := must(st.AddCapture(ctx, capture("https://x/141", time.Hour, 200, "a.warc.gz", 500)))
	c3 := must(st.AddCapture(ctx, capture("https://x/141", 2*time.Hour, 200, "a.warc.gz", 1000)))
	// Another record read before any failure is stored: a catalog that
	// keeps in memory which records have one has read them by then.
	c7 := must(st.AddCapture(ctx, capture("https://x/7", 0, 200, "a.warc.gz", 1500)))
	must(st.ApplyRecord(ctx, archive.ParsedRecord{ID: 7, URL: "https://x/7", Data: []byte(`{"id":7}`), ParserVersion: "p1"}, c7, at(0)))
	fail := func(c int64, crawlID int64, reason string, d time.Duration) archive.ParseFailure {
		return archive.ParseFailure{RecordID: 141, URL: "https://x/141", CaptureID: c, CrawlID: crawlID, Reason: reason,
			ParserVersion: "p1", LastFailed: at(d)}
	}
	check(t, st.AddParseFailure(ctx, fail(c2, crawl, "no title", time.Hour)))
	// An older capture's failure, found later, does not replace it.
	check(t, st.AddParseFailure(ctx, fail(c1, 0, "older", 3*time.Hour)))
	f := must(st.ParseFailure(ctx, 141))
	if f.CaptureID != c2 || f.Reason != "no title" || f.CrawlID != crawl || !f.FirstFailed.Equal(at(time.Hour)) || !f.LastFailed.Equal(at(time.Hour)) {
		t.Errorf("after an older capture's failure: %+v", f)
	}
	// A newer one does, keeping the first time and the crawl that found it.
	check(t, st.AddParseFailure(ctx, fail(c3, 0, "no fields", 4*time.Hour)))
	f = must(st.ParseFailure(ctx, 141))
	if f.CaptureID != c3 || f.Reason != "no fields" || f.CrawlID != crawl || !f.FirstFailed.Equal(at(time.Hour)) || !f.LastFailed.Equal(at(4*time.Hour)) {
		t.Errorf("after a newer capture's failure: %+v", f)
	}
	if fs := must(st.ParseFailures(ctx)); len(fs) != 1 || fs[0] != *f {
		t.Errorf("parse failures %+v, want %+v", fs, f)
	}
	// Read from an older capture, the record does not clear it; from
	// the failed capture itself, it does.
	rec := archive.ParsedRecord{ID: 141, URL: "https://x/141", Data: []byte(`{"id":141}`), ParserVersion: "p2"}
	must(st.ApplyRecord(ctx, rec, c2, at(5*time.Hour)))
	if _, err := st.ParseFailure(ctx, 141); err != nil {
		t.Errorf("after reading an older capture: %v", err)
	}
	must(st.ApplyRecord(ctx, rec, c3, at(6*time.Hour)))
	if _, err := st.ParseFailure(ctx, 141); !errors.Is(err, archive.ErrNotFound) {
		t.Errorf("after reading the failed capture: %v", err)
	}
}
