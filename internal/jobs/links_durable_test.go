package jobs

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/demo/vnet"
)

// TestLinkChecksSyncBeforeCommit: every capture a run of link checks
// lists in the catalog was committed after a sync of the WARC file that
// already held its records whole (a power failure never leaves the
// catalog naming a record that is not on disk); the checks commit in
// groups (fewer syncs than captures), each with or after its capture.
func TestLinkChecksSyncBeforeCommit(t *testing.T) {
	ctx := context.Background()
	inet := vnet.New()
	defer inet.Close()
	urls := linkHosts(t, inet, 6, 5)
	dir := linkDir(t, urls)
	watch, err := archive.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()
	warcDir := watch.WARCDir()

	// What each sync saw: the captures already committed, and how much of
	// each WARC file it made durable.
	type syncSeen struct {
		committed map[int64]bool
		size      map[string]int64
	}
	var mu sync.Mutex
	var syncs []syncSeen
	afterSync := func() {
		seen := syncSeen{committed: map[int64]bool{}, size: map[string]int64{}}
		if c, err := watch.LastCrawl(ctx, "links"); err == nil {
			cs, err := watch.CapturesOf(ctx, c.ID)
			if err != nil {
				t.Error(err)
			}
			for _, cp := range cs {
				seen.committed[cp.ID] = true
			}
		}
		entries, err := os.ReadDir(warcDir)
		if err != nil {
			t.Error(err)
		}
		for _, e := range entries {
			if fi, err := e.Info(); err == nil {
				seen.size[strings.TrimSuffix(e.Name(), ".open")] = fi.Size()
			}
		}
		mu.Lock()
		syncs = append(syncs, seen)
		mu.Unlock()
	}
	rep, err := CheckLinks(ctx, LinksConfig{
		DataDir: dir, UserAgent: "archivio/test", Timeout: 5 * time.Second, AllowPrivate: true,
		Transport: vnetTransport(inet), SnapshotDepth: -1, afterSync: afterSync,
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Checked != len(urls) {
		t.Fatalf("checked %d links of %d", rep.Checked, len(urls))
	}
	run, err := watch.LastCrawl(ctx, "links")
	if err != nil {
		t.Fatal(err)
	}
	captures, err := watch.CapturesOf(ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(captures) < len(urls) {
		t.Fatalf("%d captures for %d links", len(captures), len(urls))
	}
	mu.Lock()
	defer mu.Unlock()
	if len(syncs) == 0 || len(syncs) >= len(captures) {
		t.Errorf("%d syncs for %d captures: want group commits", len(syncs), len(captures))
	}
	t.Logf("%d syncs for %d captures of %d links", len(syncs), len(captures), len(urls))
	assertChecksNameCaptures(t, watch, urls, captures, len(urls))
	for _, cp := range captures {
		end := cp.WARCOffset + cp.WARCLength
		durable := false
		for _, s := range syncs {
			if !s.committed[cp.ID] && s.size[filepath.Base(cp.WARCFile)] >= end {
				durable = true
				break
			}
		}
		if !durable {
			t.Errorf("capture %d (%s) committed with no sync of %s up to %d before it (%d syncs)", cp.ID, cp.URL, cp.WARCFile, end, len(syncs))
		}
	}
}

// assertChecksNameCaptures: want of urls have one check each in the
// catalog (the others none), and every check names a capture of the run
// when it names one.
func assertChecksNameCaptures(t *testing.T, st *archive.Store, urls []string, captures []*archive.Capture, want int) {
	t.Helper()
	ids := map[int64]bool{}
	for _, cp := range captures {
		ids[cp.ID] = true
	}
	checked := 0
	for _, u := range urls {
		hist, err := st.LinkHistory(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) > 1 {
			t.Errorf("%s: %d checks in one run", u, len(hist))
		}
		for _, c := range hist {
			checked++
			if c.CaptureID != 0 && !ids[c.CaptureID] {
				t.Errorf("check of %s names capture %d, not in the catalog", u, c.CaptureID)
			}
		}
	}
	if checked != want {
		t.Errorf("%d checks in the catalog, want %d", checked, want)
	}
}

// TestLinkChecksStoppedCountOnlyCommitted: a run stopped midway reports
// as checked exactly the checks the catalog holds, each naming a
// capture the catalog holds.
func TestLinkChecksStoppedCountOnlyCommitted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	inet := vnet.New()
	defer inet.Close()
	urls := linkHosts(t, inet, 10, 6)
	dir := linkDir(t, urls)
	var mu sync.Mutex
	requests := 0
	tr := vnetTransport(inet)
	stopAfter := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		requests++
		if requests == 25 {
			cancel()
		}
		mu.Unlock()
		return tr.RoundTrip(req)
	})
	rep, err := CheckLinks(ctx, LinksConfig{
		DataDir: dir, UserAgent: "archivio/test", Timeout: 5 * time.Second, AllowPrivate: true,
		Transport: stopAfter, SnapshotDepth: -1,
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped run: %v, want context.Canceled", err)
	}
	if rep == nil || rep.Checked == 0 || rep.Checked >= len(urls) {
		t.Fatalf("stopped run checked %v of %d links", rep, len(urls))
	}
	st, err := archive.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	run, err := st.LastCrawl(context.Background(), "links")
	if err != nil {
		t.Fatal(err)
	}
	if run.Status != "interrupted" {
		t.Errorf("run status %q, want interrupted", run.Status)
	}
	captures, err := st.CapturesOf(context.Background(), run.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertChecksNameCaptures(t, st, urls, captures, rep.Checked)
}
