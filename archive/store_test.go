package archive

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestOpenMigratesOnceAndChecksPragmas(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	st.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %q", mode)
	}
	st.Close()
	if err := st.Close(); !errors.Is(err, ErrStoreClosed) {
		t.Errorf("second Close: %v", err)
	}
	st, err = Open(ctx, dir) // again: nothing to migrate
	if err != nil {
		t.Fatal(err)
	}
	var n int
	st.db.QueryRow("SELECT COUNT(*) FROM schema_migrations").Scan(&n)
	if n != len(migrations)-1 {
		t.Errorf("%d migrations recorded, want %d", n, len(migrations)-1)
	}
	// A database from a newer archivio is refused, not damaged.
	st.db.Exec("INSERT INTO schema_migrations (version) VALUES (999)")
	st.Close()
	if _, err := Open(ctx, dir); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("opening a newer database: %v", err)
	}
}

func TestFrontierAndCrawls(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	id, err := st.StartCrawl(ctx, "osservatorio", "https://x", now)
	if err != nil {
		t.Fatal(err)
	}
	if added, _ := st.AddToFrontier(ctx, id, []FrontierEntry{{Key: "record:141", URL: "https://x/scheda-processo/141"}}); !added[0] {
		t.Error("first enqueue not added")
	}
	if added, _ := st.AddToFrontier(ctx, id, []FrontierEntry{{Key: "record:141", URL: "https://x/processi/ambito/scheda-processo/141"}}); added[0] {
		t.Error("the same record in another shape was queued twice")
	}
	st.AddToFrontier(ctx, id, []FrontierEntry{{Key: "url:/", URL: "https://x/"}})
	st.SettleFrontier(ctx, id, "url:/", FrontierDone, "", nil)
	q, _ := st.Frontier(ctx, id, "queued")
	if len(q) != 1 || q[0].Key != "record:141" {
		t.Errorf("queued: %+v", q)
	}
	c, err := st.UnfinishedCrawl(ctx, "osservatorio")
	if err != nil || c.ID != id || c.Status != "running" {
		t.Fatalf("unfinished: %+v %v", c, err)
	}
	if err := st.FinishCrawl(ctx, id, "done", `{}`, now); err != nil {
		t.Fatal(err)
	}
	if _, err := st.UnfinishedCrawl(ctx, "osservatorio"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a finished crawl is not resumable: %v", err)
	}
}
