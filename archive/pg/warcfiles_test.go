package pg_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
)

func TestStoredWARCFileFlipsItsCaptures(t *testing.T) {
	ctx := context.Background()
	st := open(t, pg.Options{Node: "node1", RemoteWARCs: true})
	add := func(file string, off int64) { t.Helper(); addCapture(t, st, file, off) }
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

// A capture catalogued after its file was stored is not pending: a
// node's rotation can close and ship the file between the write of an
// exchange and its capture's insert, and a capture left pending then
// would stay so for good, though its record is in the stored file.
func TestCaptureOfAStoredFileIsNotPending(t *testing.T) {
	ctx := context.Background()
	st := open(t, pg.Options{Node: "node1", RemoteWARCs: true})
	if err := st.WARCFileClosed(ctx, "a.warc.gz", 200, "aa"); err != nil {
		t.Fatal(err)
	}
	if err := st.WARCFileStored(ctx, "a.warc.gz", "s3://b/a.warc.gz", 200, "aa"); err != nil {
		t.Fatal(err)
	}
	addCapture(t, st, "a.warc.gz", 100)
	addCapture(t, st, "b.warc.gz", 0)
	fs, err := st.WARCFiles(ctx, "stored")
	if err != nil || len(fs) != 1 || fs[0].Pending != 0 {
		t.Errorf("stored files %+v (%v), want a.warc.gz with no capture pending", fs, err)
	}
	if n, err := st.PendingCaptures(ctx); err != nil || n != 1 {
		t.Errorf("%d captures pending (%v), want b.warc.gz's only", n, err)
	}
}

// Captures catalogued while their file is stored, at once and over
// several connections, are all stored in the end: the flip of a file's
// captures and the insert of a capture of it never miss each other.
func TestCapturesRacingTheirFileStoredEndStored(t *testing.T) {
	ctx := context.Background()
	st := open(t, pg.Options{Node: "node1", RemoteWARCs: true, MaxConns: 8})
	const files, perFile = 20, 8
	var wg sync.WaitGroup
	errs := make(chan error, files*(perFile+1))
	for f := range files {
		name := fmt.Sprintf("f%02d.warc.gz", f)
		for i := range perFile {
			wg.Go(func() {
				_, err := st.AddCapture(ctx, capture(name, int64(i)*100))
				errs <- err
			})
		}
		wg.Go(func() {
			err := st.WARCFileClosed(ctx, name, 10, "aa")
			if err == nil {
				err = st.WARCFileStored(ctx, name, "s3://b/"+name, 10, "aa")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	fs, err := st.WARCFiles(ctx, "stored")
	if err != nil || len(fs) != files {
		t.Fatalf("%d files stored (%v), want %d", len(fs), err, files)
	}
	for _, f := range fs {
		if f.Pending != 0 {
			t.Errorf("%s: stored with %d captures pending", f.Name, f.Pending)
		}
	}
}

func capture(file string, off int64) *archive.Capture {
	return &archive.Capture{URL: "http://127.0.0.2/x", FetchedAt: time.Now(), Status: 200,
		PayloadDigest: "sha1:X", PayloadLength: 1, WARCFile: file, WARCOffset: off, WARCLength: 1, WARCRecordID: "<urn:uuid:x>"}
}

func addCapture(t *testing.T, st *pg.Store, file string, off int64) {
	t.Helper()
	if _, err := st.AddCapture(context.Background(), capture(file, off)); err != nil {
		t.Fatal(err)
	}
}
