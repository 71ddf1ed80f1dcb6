package archive

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestWARCConcurrentWrites has many goroutines write at once, across
// rotations, then reads every record back. Run it with -race.
func TestWARCConcurrentWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w := openTestWriter(t, dir, 64<<10)
	const workers, each = 12, 20

	type result struct {
		ex Exchange
		wr Written
	}
	var mu sync.Mutex
	var results []result
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for g := range workers {
		wg.Go(func() {
			var prev *result
			for i := range each {
				uri := fmt.Sprintf("https://osservatorio.example/w%d/p%d", g, i)
				ex := testExchange(uri, time.Now(), 200, noise(uint64(g*1000+i), 200+(g*97+i*31)%4000), "Content-Type: text/html")
				var orig *Original
				if prev != nil && i%4 == 0 { // same body again: a revisit of the previous capture
					ex.Body = prev.ex.Body
					orig = &Original{TargetURI: prev.ex.TargetURI, Date: prev.ex.Date, RecordID: prev.wr.RecordID}
				}
				wr, err := w.WriteExchange(ctx, ex, orig)
				if err != nil {
					errs <- err
					return
				}
				r := result{ex, wr}
				if orig == nil {
					prev = &r
				}
				mu.Lock()
				results = append(results, r)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	files := warcFiles(t, dir, ".warc.gz")
	if len(files) < 2 {
		t.Errorf("expected rotations, got %v", files)
	}
	type loc struct {
		file   string
		offset int64
	}
	scanned := map[loc]ScannedRecord{}
	records, indexed := 0, 0
	for _, f := range files {
		for _, r := range scanAll(t, filepath.Join(dir, f)) {
			scanned[loc{f, r.Offset}] = r
			records++
		}
		indexed += len(readCDXJ(t, filepath.Join(dir, f+".cdxj")))
	}
	if want := len(files) + 2*workers*each; records != want {
		t.Errorf("%d records in %d files, want %d", records, len(files), want)
	}
	if indexed != workers*each {
		t.Errorf("%d cdxj lines, want %d", indexed, workers*each)
	}
	for _, r := range results {
		got, err := ReadResponse(ctx, filepath.Join(dir, r.wr.File), r.wr.Offset)
		if err != nil {
			t.Fatalf("%s: %v", r.ex.TargetURI, err)
		}
		if got.TargetURI != r.ex.TargetURI || got.RecordID != r.wr.RecordID {
			t.Errorf("%s read back as %s %s", r.ex.TargetURI, got.TargetURI, got.RecordID)
		}
		if !r.wr.Revisit && !bytes.Equal(got.Body, r.ex.Body) {
			t.Errorf("%s: body differs", r.ex.TargetURI)
		}
		req := scanned[loc{r.wr.File, r.wr.RequestOffset}]
		if req.Type != "request" || req.TargetURI != r.ex.TargetURI || req.Length != r.wr.RequestLength {
			t.Errorf("%s: request record %+v", r.ex.TargetURI, req)
		}
	}
}
