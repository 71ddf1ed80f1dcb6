package archive_test

import (
	"context"
	"testing"

	"archivio/archive"
	"archivio/archive/storetest"
)

// TestCatalogContract runs the catalog's contract suite against SQLite;
// archive/pg runs the same suite against PostgreSQL.
func TestCatalogContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) archive.CrawlState {
		st, err := archive.Open(context.Background(), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}
