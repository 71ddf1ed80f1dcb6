package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"archivio/archive"
)

// Open makes a fresh, empty catalog for one test; the suite closes it.
type Open func(t *testing.T) archive.CrawlState

// Run runs the whole suite, each case on a catalog of its own.
func Run(t *testing.T, open Open) {
	cases := []struct {
		name string
		fn   func(t *testing.T, ctx context.Context, st archive.CrawlState)
	}{
		{"RunsStartFinishAndResume", runsStartFinishAndResume},
		{"SupersededRunsAreNotResumed", supersededRunsAreNotResumed},
		{"FrontierKeepsOneEntryPerKey", frontierKeepsOneEntryPerKey},
		{"SettleIsOneStep", settleIsOneStep},
		{"FrontierCountsAndMissingRecords", frontierCountsAndMissingRecords},
		{"CapturesRoundTrip", capturesRoundTrip},
		{"CaptureLookups", captureLookups},
		{"RecordVersions", recordVersions},
		{"StaleCaptureNeverOverrides", staleCaptureNeverOverrides},
		{"ReadingsAsOf", readingsAsOf},
		{"ParseFailuresFollowTheNewestCapture", parseFailuresFollowTheNewestCapture},
		{"RecordListingFollowsTheLatestVersion", recordListingFollowsTheLatestVersion},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() { st.Close() })
			defer func() {
				if r := recover(); r != nil {
					f, ok := r.(failed)
					if !ok {
						panic(r)
					}
					t.Fatal(f.err)
				}
			}()
			c.fn(t, context.Background(), st)
		})
	}
}

// at is a fixed moment plus d, to the nanosecond: both backends keep it.
func at(d time.Duration) time.Time {
	return time.Date(2026, 3, 14, 9, 26, 53, 589793238, time.UTC).Add(d)
}

// failed carries an error out of must to the case that called it.
type failed struct{ err error }

// must returns v, or ends the case with err: the case's runner recovers
// it and fails the test.
func must[T any](v T, err error) T {
	if err != nil {
		panic(failed{err})
	}
	return v
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func startCrawl(t *testing.T, ctx context.Context, st archive.CrawlState, source string, d time.Duration) int64 {
	t.Helper()
	return must(st.StartCrawl(ctx, source, "https://"+source+".example", at(d)))
}

func runsStartFinishAndResume(t *testing.T, ctx context.Context, st archive.CrawlState) {
	if _, err := st.UnfinishedCrawl(ctx, "osservatorio"); !errors.Is(err, archive.ErrNotFound) {
		t.Fatalf("unfinished crawl of an empty catalog: %v, want ErrNotFound", err)
	}
	a := startCrawl(t, ctx, st, "osservatorio", 0)
	b := startCrawl(t, ctx, st, "fiorano", time.Second)
	if a == 0 || b <= a {
		t.Fatalf("crawl ids %d, %d: want increasing and not 0", a, b)
	}
	c := must(st.Crawl(ctx, a))
	if c.Source != "osservatorio" || c.BaseURL != "https://osservatorio.example" || c.Status != "running" ||
		!c.StartedAt.Equal(at(0)) || !c.FinishedAt.IsZero() || c.Report != "" {
		t.Errorf("crawl as started: %+v", c)
	}
	if u := must(st.UnfinishedCrawl(ctx, "osservatorio")); u.ID != a {
		t.Errorf("unfinished crawl %d, want the running one %d", u.ID, a)
	}
	check(t, st.FinishCrawl(ctx, a, "interrupted", `{"pages":3}`, at(time.Minute)))
	c = must(st.Crawl(ctx, a))
	if c.Status != "interrupted" || c.Report != `{"pages":3}` || !c.FinishedAt.Equal(at(time.Minute)) {
		t.Errorf("crawl as finished: %+v", c)
	}
	if u := must(st.UnfinishedCrawl(ctx, "osservatorio")); u.ID != a {
		t.Errorf("an interrupted crawl is resumable: got %d", u.ID)
	}
	check(t, st.ReopenCrawl(ctx, a))
	c = must(st.Crawl(ctx, a))
	if c.Status != "running" || !c.FinishedAt.IsZero() {
		t.Errorf("crawl reopened: %+v", c)
	}
	check(t, st.FinishCrawl(ctx, a, "done", `{}`, at(2*time.Minute)))
	if _, err := st.UnfinishedCrawl(ctx, "osservatorio"); !errors.Is(err, archive.ErrNotFound) {
		t.Errorf("a done crawl is not resumable: %v", err)
	}
	if l := must(st.LastCrawl(ctx, "fiorano")); l.ID != b {
		t.Errorf("last crawl of fiorano %d, want %d", l.ID, b)
	}
	if _, err := st.Crawl(ctx, b+100); !errors.Is(err, archive.ErrNotFound) {
		t.Errorf("a crawl that does not exist: %v", err)
	}
}

func supersededRunsAreNotResumed(t *testing.T, ctx context.Context, st archive.CrawlState) {
	old := startCrawl(t, ctx, st, "osservatorio", 0)
	failed := startCrawl(t, ctx, st, "osservatorio", time.Second)
	check(t, st.FinishCrawl(ctx, failed, "failed", `{"unsettled":2}`, at(2*time.Second)))
	other := startCrawl(t, ctx, st, "fiorano", 3*time.Second)
	fresh := startCrawl(t, ctx, st, "osservatorio", 4*time.Second)
	check(t, st.SupersedeUnfinished(ctx, "osservatorio", fresh, at(5*time.Second)))
	c := must(st.Crawl(ctx, old))
	if c.Status != "interrupted" || !c.FinishedAt.Equal(at(5*time.Second)) {
		t.Errorf("a running crawl superseded: %+v", c)
	}
	if c := must(st.Crawl(ctx, failed)); c.Status != "failed" || !c.FinishedAt.Equal(at(2*time.Second)) {
		t.Errorf("a failed crawl superseded keeps its status and end: %+v", c)
	}
	if u := must(st.UnfinishedCrawl(ctx, "osservatorio")); u.ID != fresh {
		t.Errorf("unfinished crawl %d, want only the new one %d", u.ID, fresh)
	}
	check(t, st.FinishCrawl(ctx, fresh, "done", `{}`, at(time.Hour)))
	if u, err := st.UnfinishedCrawl(ctx, "osservatorio"); !errors.Is(err, archive.ErrNotFound) {
		t.Errorf("superseded crawls resumed: %+v, %v", u, err)
	}
	if u := must(st.UnfinishedCrawl(ctx, "fiorano")); u.ID != other {
		t.Errorf("another source's crawl is left alone: %d", u.ID)
	}
}
