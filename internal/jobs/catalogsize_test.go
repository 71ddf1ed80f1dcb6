package jobs

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"archivio/archive"
	"archivio/internal/demo/leansite"
)

// catalogPerRecord is the most the catalog may take per record and its
// capture on the lean benchmark site, in bytes: what this archivio takes
// (about 1,860, the documents packed against their pages and the records'
// links naming their link by its id; README "Catalog size") and a little
// room, under the project's target of 2,048.
const catalogPerRecord = 1920

// TestCatalogSizePerRecord crawls the lean benchmark site (2,000 copies of
// the fullest record's page, as tools/crawlbench does) and fails when the
// catalog, archivio.db once the crawl has closed it (its write-ahead log
// folded in), takes more than catalogPerRecord per record.
func TestCatalogSizePerRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls 2,000 pages")
	}
	const records = 2000
	site, err := leansite.New(records, leansite.DefaultPageSize)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	dir := t.TempDir()
	rep, err := Crawl(context.Background(), Config{DataDir: dir, Source: "osservatorio", BaseURL: srv.URL,
		UserAgent: "archivio/test (+https://example.org/contact)", Parallel: 4, AllowPrivate: true})
	if err != nil || rep.RecordsNew != records {
		t.Fatalf("crawl: %v; report %+v", err, rep)
	}
	fi, err := os.Stat(filepath.Join(dir, archive.DBName))
	if err != nil {
		t.Fatal(err)
	}
	if wal, err := os.Stat(filepath.Join(dir, archive.DBName+"-wal")); err == nil && wal.Size() > 0 {
		t.Fatalf("the write-ahead log holds %d bytes after the crawl", wal.Size())
	}
	per := float64(fi.Size()) / records
	t.Logf("catalog: %d bytes, %.0f per record", fi.Size(), per)
	if per > catalogPerRecord {
		t.Errorf("the catalog takes %.0f bytes per record and capture, more than %d", per, catalogPerRecord)
	}
}
