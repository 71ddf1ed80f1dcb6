package cluster_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/cluster"
	"archivio/internal/jobs"
)

// TestSharedLinkCheckReadsRetryAfterDates: a link answering 429 with a
// Retry-After given as an HTTP date (the form RFC 9110 allows beside a
// number of seconds) blocks its host for every node until that date, as
// one given in seconds does.
func TestSharedLinkCheckReadsRetryAfterDates(t *testing.T) {
	ctx := context.Background()
	const wait = 2 * time.Minute
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", time.Now().Add(wait).UTC().Format(http.TimeFormat))
		http.Error(w, "too many requests", http.StatusTooManyRequests)
	}))
	defer srv.Close()
	dsn := server.Schema(t)
	st, err := pg.Open(ctx, dsn, pg.Options{Node: "n1"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `INSERT INTO links (url, first_seen) VALUES ($1, $2)`, srv.URL+"/busy", archive.FormatTime(time.Now())); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	before, err := st.Now(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lc := cluster.LinkCheck{Store: st, Name: "n1", WARCDir: t.TempDir(), Storage: &warcstore.Local{Dir: t.TempDir()}, Heartbeat: time.Second}
	// The check may wait for the blocked host until its timeout: what
	// matters here is the block.
	_, _ = lc.Run(ctx, jobs.LinksConfig{UserAgent: "archivio/test (+https://example.org/)", Timeout: 2 * time.Second,
		AllowPrivate: true, Parallel: 1, PerHost: 1})
	// The date is to the second.
	checkBlocked(t, st, before, wait, time.Second)
}
