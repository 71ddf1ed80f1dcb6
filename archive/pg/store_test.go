package pg_test

import (
	"context"
	"os"
	"testing"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/pg/pgtest"
	"archivio/archive/storetest"
)

// server is the PostgreSQL server of this package's tests (see pgtest).
var server *pgtest.Env

func TestMain(m *testing.M) {
	server = pgtest.Setup()
	code := m.Run()
	server.Close()
	os.Exit(code)
}

// open opens a Store on a fresh schema of its own.
func open(t *testing.T, opts pg.Options) *pg.Store {
	t.Helper()
	st, err := pg.Open(context.Background(), server.Schema(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestCatalogContract runs the catalog's contract suite against
// PostgreSQL, the same suite the SQLite Store passes.
func TestCatalogContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) archive.CrawlState { return open(t, pg.Options{}) })
}

func TestMigrationsAreIdempotent(t *testing.T) {
	dsn := server.Schema(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		st, err := pg.Open(ctx, dsn, pg.Options{})
		if err != nil {
			t.Fatalf("open %d: %v", i+1, err)
		}
		st.Close()
	}
}
