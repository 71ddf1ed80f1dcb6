package archive

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// offsetsCatalog lists captures at the offsets it holds, and no original.
type offsetsCatalog map[int64]bool

func (c offsetsCatalog) CataloguedOffsets(context.Context, string) (map[int64]bool, error) {
	return c, nil
}

func (offsetsCatalog) OriginalCapture(context.Context, string, string) (*Capture, error) {
	return nil, ErrNotFound
}

// TestListUncatalogued: the records of a file that the catalog lacks are
// given as captures, with the method of their request (from the CDXJ
// index or, without one, from the file), and the file names the crawl
// its writer was told.
func TestListUncatalogued(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w, err := OpenWARCWriter(WARCOptions{Dir: dir, Prefix: "t", Hostname: "h", IsPartOf: CrawlCollection(7)})
	if err != nil {
		t.Fatal(err)
	}
	var ws []Written
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		wr, err := w.WriteExchange(ctx, Exchange{TargetURI: "http://example.test/" + method, Date: time.Now(),
			Request:  []byte(method + " /" + method + " HTTP/1.1\r\nHost: example.test\r\n\r\n"),
			Response: []byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nETag: \"e\"\r\n\r\n"), Body: []byte("body")}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, wr)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, ws[0].File)
	if id, ok, err := WARCCrawl(ctx, path); err != nil || !ok || id != 7 {
		t.Errorf("WARCCrawl = %d, %v, %v; want 7", id, ok, err)
	}
	for _, indexed := range []bool{true, false} {
		if !indexed {
			os.Remove(path + warcCDXJExt)
		}
		var got []*Capture
		n, err := ListUncatalogued(ctx, offsetsCatalog{ws[0].Offset: true}, path, func(c *Capture) error {
			got = append(got, c)
			return nil
		})
		if err != nil || n != 1 || len(got) != 1 {
			t.Fatalf("indexed %v: %d captures %+v (%v), want the HEAD's", indexed, n, got, err)
		}
		c := got[0]
		if c.URL != "http://example.test/HEAD" || c.Method != http.MethodHead || c.Status != 200 || c.ETag != `"e"` ||
			c.WARCFile != ws[1].File || c.WARCOffset != ws[1].Offset || c.WARCLength != ws[1].Length ||
			c.WARCRecordID != ws[1].RecordID || c.PayloadDigest != ws[1].PayloadDigest || c.PayloadLength != 4 || c.CrawlID != 0 {
			t.Errorf("indexed %v: capture %+v of %+v", indexed, c, ws[1])
		}
	}

	// A file whose writer was told no crawl names none.
	w, err = OpenWARCWriter(WARCOptions{Dir: dir, Prefix: "u", Hostname: "h"})
	if err != nil {
		t.Fatal(err)
	}
	wr, err := w.WriteExchange(ctx, Exchange{TargetURI: "http://example.test/", Date: time.Now(),
		Request:  []byte("GET / HTTP/1.1\r\nHost: example.test\r\n\r\n"),
		Response: []byte("HTTP/1.1 200 OK\r\n\r\n"), Body: []byte("body")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if id, ok, err := WARCCrawl(ctx, filepath.Join(dir, wr.File)); err != nil || ok {
		t.Errorf("WARCCrawl of a file naming no crawl = %d, %v, %v", id, ok, err)
	}
}
