package warcstore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/warcstore"
	"archivio/archive/warcstore/s3test"
)

// catalog records what the shipper told it, and checks at each "stored"
// that the object is there whole.
type catalog struct {
	t      *testing.T
	store  *warcstore.S3
	closed map[string]string // name -> sha256
	stored []string
	calls  []string
}

func (c *catalog) WARCFileClosed(ctx context.Context, name string, size int64, sum string) error {
	c.calls = append(c.calls, "closed "+name)
	c.closed[name] = sum
	return nil
}

func (c *catalog) WARCFileStored(ctx context.Context, name, location string, size int64, sum string) error {
	c.calls = append(c.calls, "stored "+name)
	if c.closed[name] != sum {
		c.t.Errorf("%s stored with sha256 %s, closed with %s", name, sum, c.closed[name])
	}
	obj, err := c.store.Stat(ctx, name)
	if err != nil || obj.Size != size || obj.SHA256 != sum {
		c.t.Errorf("%s said stored before the object is whole: %+v, %v", name, obj, err)
	}
	if !strings.HasPrefix(location, "s3://"+s3test.Bucket+"/warc/") {
		c.t.Errorf("location %s", location)
	}
	c.stored = append(c.stored, name)
	return nil
}

func exchange(i int) archive.Exchange {
	body := fmt.Sprintf("<html><body>pagina %d %s</body></html>", i, strings.Repeat("x", i*100))
	return archive.Exchange{
		TargetURI: fmt.Sprintf("http://127.0.0.2/page/%d", i),
		Date:      time.Date(2026, 3, 14, 10, 0, i, 0, time.UTC),
		Request:   []byte(fmt.Sprintf("GET /page/%d HTTP/1.1\r\nHost: 127.0.0.2\r\n\r\n", i)),
		Response:  []byte(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n", len(body))),
		Body:      []byte(body),
	}
}

// A node killed mid-file leaves NAME.open with a cut record at its end;
// at its next start the shipper repairs the file, uploads what is whole,
// and every record reads back from the bucket by range.
func TestRecoverShipsWhatAKilledNodeLeft(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t, t.TempDir(), nil)
	s3 := newS3(t, srv)
	dir := t.TempDir()

	// Before the kill: one file closed by rotation, one open.
	w, err := archive.OpenWARCWriter(archive.WARCOptions{Dir: dir, Prefix: "archivio-node1-0a1b2c3d", Hostname: "node1"})
	if err != nil {
		t.Fatal(err)
	}
	var written []archive.Written
	for i := 1; i <= 5; i++ {
		wr, err := w.WriteExchange(ctx, exchange(i), nil)
		if err != nil {
			t.Fatal(err)
		}
		written = append(written, wr)
		if i == 2 {
			if err := w.Rotate(); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The kill: the open file is left as it is, with half a record more.
	opens, _ := filepath.Glob(filepath.Join(dir, "*.open"))
	if len(opens) != 1 {
		t.Fatalf("open files %v", opens)
	}
	killed := t.TempDir()
	data, err := os.ReadFile(opens[0])
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, []byte("\x1f\x8b\x08\x00partial")...)
	if err := os.WriteFile(filepath.Join(killed, filepath.Base(opens[0])), data, 0o644); err != nil {
		t.Fatal(err)
	}
	closed, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	indexes, _ := filepath.Glob(filepath.Join(dir, "*.cdxj"))
	closed = append(closed, indexes...)
	for _, p := range closed {
		b, _ := os.ReadFile(p)
		os.WriteFile(filepath.Join(killed, filepath.Base(p)), b, 0o644)
	}
	w.Close()

	cat := &catalog{t: t, store: s3, closed: map[string]string{}}
	sh := &warcstore.Shipper{Dir: killed, Storage: s3, Catalog: cat}
	reps, objs, err := sh.Recover(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 1 || reps[0].DroppedBytes != int64(len("\x1f\x8b\x08\x00partial")) {
		t.Errorf("repairs %+v", reps)
	}
	if len(objs) != 2 || len(cat.stored) != 2 {
		t.Fatalf("shipped %+v, stored %v", objs, cat.stored)
	}
	for i, c := range cat.calls {
		want := "closed "
		if i%2 == 1 {
			want = "stored "
		}
		if !strings.HasPrefix(c, want) {
			t.Errorf("calls %v: want closed then stored for each file", cat.calls)
			break
		}
	}
	if left, _ := os.ReadDir(killed); len(left) != 0 {
		var names []string
		for _, e := range left {
			names = append(names, e.Name())
		}
		t.Errorf("local copies left after storing: %v", names)
	}
	for i, wr := range written {
		rc, err := s3.Open(ctx, wr.File, wr.Offset, wr.Length)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := archive.ReadResponseFrom(ctx, rc, wr.Offset)
		rc.Close()
		if err != nil {
			t.Fatalf("record %d from the bucket: %v", i+1, err)
		}
		if string(resp.Body) != string(exchange(i+1).Body) || resp.TargetURI != exchange(i+1).TargetURI {
			t.Errorf("record %d read back as %s", i+1, resp.TargetURI)
		}
	}
	// The index went along.
	if _, err := s3.Stat(ctx, written[0].File+".cdxj"); err != nil {
		t.Errorf("index of %s: %v", written[0].File, err)
	}
}

// A node killed while it wrote the first exchange of a new file leaves
// NAME.open with its warcinfo and a cut record: repaired, the file holds
// no response and its index is empty, and it ships all the same (the
// node's next start does not stop at it).
func TestRecoverShipsAFileOfNoWholeExchange(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t, t.TempDir(), nil)
	s3 := newS3(t, srv)
	dir := t.TempDir()
	w, err := archive.OpenWARCWriter(archive.WARCOptions{Dir: dir, Prefix: "archivio-node1-0a1b2c3d", Hostname: "node1"})
	if err != nil {
		t.Fatal(err)
	}
	wr, err := w.WriteExchange(ctx, exchange(1), nil)
	if err != nil {
		t.Fatal(err)
	}
	opens, _ := filepath.Glob(filepath.Join(dir, "*.open"))
	if len(opens) != 1 {
		t.Fatalf("open files %v", opens)
	}
	data, err := os.ReadFile(opens[0])
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	// The kill: the warcinfo whole, the first request record cut.
	killed := t.TempDir()
	cut := data[:wr.RequestOffset+10]
	if err := os.WriteFile(filepath.Join(killed, filepath.Base(opens[0])), cut, 0o644); err != nil {
		t.Fatal(err)
	}

	cat := &catalog{t: t, store: s3, closed: map[string]string{}}
	sh := &warcstore.Shipper{Dir: killed, Storage: s3, Catalog: cat}
	reps, objs, err := sh.Recover(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 1 || reps[0].Records != 1 || reps[0].DroppedBytes != 10 {
		t.Errorf("repairs %+v, want the warcinfo kept and 10 bytes dropped", reps)
	}
	if len(objs) != 1 || len(cat.stored) != 1 || objs[0].Size != wr.RequestOffset {
		t.Fatalf("shipped %+v, stored %v", objs, cat.stored)
	}
	if idx, err := s3.Stat(ctx, wr.File+".cdxj"); err != nil || idx.Size != 0 {
		t.Errorf("index of %s: %+v, %v", wr.File, idx, err)
	}
	if left, _ := os.ReadDir(killed); len(left) != 0 {
		t.Errorf("%d local files left after storing", len(left))
	}
}
