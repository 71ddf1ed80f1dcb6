package jobs

import (
	"context"
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
// catalog naming a record that is not on disk).
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
