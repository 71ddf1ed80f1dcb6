package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/archive/warcstore/s3test"
)

// sameRecords checks that the shared catalog holds the records one
// machine's archive holds, each with one version of the same content.
func sameRecords(t *testing.T, ctx context.Context, one *archive.Store, st *pg.Store, want int) {
	t.Helper()
	ids, err := one.RecordIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	shared, err := st.RecordIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != want || !slices.Equal(ids, shared) {
		t.Fatalf("records: one machine %d %v, nodes %d %v", len(ids), ids, len(shared), shared)
	}
	for _, id := range ids {
		a, err := one.RecordVersions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		b, err := st.RecordVersions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(a) != 1 || len(b) != 1 {
			t.Errorf("record %d: %d versions on one machine, %d on the nodes; want 1", id, len(a), len(b))
			continue
		}
		if !bytes.Equal(a[0].Data, b[0].Data) {
			t.Errorf("record %d differs:\none machine %s\nnodes       %s", id, a[0].Data, b[0].Data)
		}
	}
}

// checkBucket checks a shared crawl's captures and files: nothing pending,
// every capture read back from the bucket by range, every record page
// captured (more than once only for duplicates and refetched pages),
// every file stored and
// every record of it readable, every response record catalogued: those
// a killed node wrote and had not listed when it died too, listed at its
// next start as duplicates.
func checkBucket(t *testing.T, ctx context.Context, st *pg.Store, bucket *s3test.Server, crawl int64, records, refetched int) ([]*archive.Capture, []pg.WARCFile) {
	t.Helper()
	caps, err := st.CapturesOf(ctx, crawl)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := st.PendingCaptures(ctx); err != nil || n != 0 {
		t.Errorf("%d captures pending upload (%v)", n, err)
	}
	s3, err := warcstore.NewS3(warcstore.S3Options{Bucket: s3test.Bucket, Prefix: "warc/", Endpoint: bucket.URL, PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	recordPages := map[string]int{}
	for _, c := range caps {
		rc, err := s3.Open(ctx, c.WARCFile, c.WARCOffset, c.WARCLength)
		if err != nil {
			t.Fatalf("capture %d: %v", c.ID, err)
		}
		resp, err := archive.ReadResponseFrom(ctx, rc, c.WARCOffset)
		rc.Close()
		if err != nil || resp.TargetURI != c.URL || resp.StatusCode != c.Status {
			t.Errorf("capture %d of %s read back from the bucket: %v", c.ID, c.URL, err)
		}
		if strings.Contains(c.URL, "/scheda-processo/") && c.Status == 200 {
			recordPages[c.URL]++
		}
	}
	dups, err := st.Duplicates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	again := 0
	for _, n := range recordPages {
		again += n - 1
	}
	if again > len(dups)+refetched {
		t.Errorf("record pages captured %d times more than once, with %d duplicates and %d refetches", again, len(dups), refetched)
	}
	if len(recordPages) != records {
		t.Errorf("%d record pages captured, want %d", len(recordPages), records)
	}
	// Every record of every stored file reads back.
	files, err := st.WARCFiles(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d captures, %d record pages, %d duplicates, %d WARC files", len(caps), len(recordPages), len(dups), len(files))
	dl := t.TempDir()
	responses := map[string]bool{}
	for _, f := range files {
		if f.State != "stored" {
			t.Errorf("%s: %s", f.Name, f.State)
			continue
		}
		rc, err := s3.Open(ctx, f.Name, 0, -1)
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dl, f.Name)
		os.WriteFile(path, data, 0o644)
		if err := archive.ScanWARC(ctx, path, func(r archive.ScannedRecord) error {
			if r.Type == "response" || r.Type == "revisit" {
				responses[fmt.Sprintf("%s@%d", f.Name, r.Offset)] = true
			}
			return nil
		}); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
	listed := map[string]bool{}
	for _, c := range caps {
		key := fmt.Sprintf("%s@%d", c.WARCFile, c.WARCOffset)
		listed[key] = true
		if !responses[key] {
			t.Errorf("capture %d (%s at %d) is no response record of the stored files", c.ID, c.WARCFile, c.WARCOffset)
		}
	}
	var unlisted []string
	for key := range responses {
		if !listed[key] {
			unlisted = append(unlisted, key)
		}
	}
	if len(unlisted) > 0 {
		slices.Sort(unlisted)
		t.Errorf("%d response records in the bucket catalogued by no capture: %v", len(unlisted), unlisted)
	}

	return caps, files
}
