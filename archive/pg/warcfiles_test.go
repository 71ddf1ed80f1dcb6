package pg_test

import (
	"context"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
)

func TestStoredWARCFileFlipsItsCaptures(t *testing.T) {
	ctx := context.Background()
	st := open(t, pg.Options{Node: "node1", RemoteWARCs: true})
	add := func(file string, off int64) {
		t.Helper()
		if _, err := st.AddCapture(ctx, &archive.Capture{URL: "http://127.0.0.2/x", FetchedAt: time.Now(), Status: 200,
			PayloadDigest: "sha1:X", PayloadLength: 1, WARCFile: file, WARCOffset: off, WARCLength: 1, WARCRecordID: "<urn:uuid:x>"}); err != nil {
			t.Fatal(err)
		}
	}
	pending := func() int64 {
		t.Helper()
		n, err := st.PendingCaptures(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := st.WARCFileOpened(ctx, "a.warc.gz"); err != nil {
		t.Fatal(err)
	}
	add("a.warc.gz", 0)
	add("a.warc.gz", 100)
	add("b.warc.gz", 0)
	if n := pending(); n != 3 {
		t.Fatalf("%d pending, want every capture pending until its file is stored", n)
	}
	if err := st.WARCFileClosed(ctx, "a.warc.gz", 200, "aa"); err != nil {
		t.Fatal(err)
	}
	if err := st.WARCFileStored(ctx, "a.warc.gz", "s3://b/a.warc.gz", 200, "bb"); err == nil {
		t.Error("a file stored with another digest than it closed with was accepted")
	}
	if n := pending(); n != 3 {
		t.Errorf("%d pending after a refused flip", n)
	}
	if err := st.WARCFileStored(ctx, "a.warc.gz", "s3://b/a.warc.gz", 200, "aa"); err != nil {
		t.Fatal(err)
	}
	if n := pending(); n != 1 {
		t.Errorf("%d pending, want b's only", n)
	}
	fs, err := st.WARCFiles(ctx, "")
	if err != nil || len(fs) != 1 || fs[0].State != "stored" || fs[0].Node != "node1" || fs[0].Location != "s3://b/a.warc.gz" || fs[0].Pending != 0 {
		t.Errorf("files %+v, %v", fs, err)
	}
	// A file closed again after it was stored (a re-ship after a kill)
	// stays stored.
	if err := st.WARCFileClosed(ctx, "a.warc.gz", 200, "aa"); err != nil {
		t.Fatal(err)
	}
	if fs, _ := st.WARCFiles(ctx, "stored"); len(fs) != 1 {
		t.Errorf("stored files %+v", fs)
	}
}

// The Store is the catalog a warcstore.Shipper reports to.
var _ warcstore.Catalog = (*pg.Store)(nil)
