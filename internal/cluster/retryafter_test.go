package cluster_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/cluster"
	"archivio/internal/jobs"
)

// TestCrawlRetryAfterIsCapped: a site answering 429 with a Retry-After of
// a day blocks its host for every node of a shared crawl for
// jobs.MaxRetryAfter only (as a link check does), not for the day it
// asks; a Retry-After within the cap is kept as asked, in seconds or as
// an HTTP date.
func TestCrawlRetryAfterIsCapped(t *testing.T) {
	for _, tc := range []struct {
		name, retryAfter string
		date             time.Duration // when not 0, Retry-After is the HTTP date this long after the answer
		want, tol        time.Duration // an HTTP date is to the second
	}{
		{"a day", "86400", 0, jobs.MaxRetryAfter, 0},
		{"two minutes", "120", 0, 2 * time.Minute, 0},
		{"an HTTP date in two minutes", "", 2 * time.Minute, 2 * time.Minute, time.Second},
		{"an HTTP date in a day", "", 24 * time.Hour, jobs.MaxRetryAfter, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				ra := tc.retryAfter
				if tc.date != 0 {
					ra = time.Now().Add(tc.date).UTC().Format(http.TimeFormat)
				}
				w.Header().Set("Retry-After", ra)
				http.Error(w, "too many requests", http.StatusTooManyRequests)
			}))
			defer srv.Close()
			st, err := pg.Open(ctx, server.Schema(t), pg.Options{Node: "n1", Delay: -1, MaxInFlight: 2})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			crawl, err := st.StartCrawl(ctx, "test", srv.URL, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			seed := srv.URL + "/p/0"
			if _, err := st.AddToFrontier(ctx, crawl, []archive.FrontierEntry{{Key: "url:" + seed, URL: seed}}); err != nil {
				t.Fatal(err)
			}
			n := &cluster.Node{Store: st, Name: "n1", WARCDir: t.TempDir(), Storage: &warcstore.Local{Dir: t.TempDir()}, CrawlID: crawl,
				Heartbeat: time.Second, Timeout: 5 * time.Second}
			before, err := st.Now(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := n.Run(ctx); err != nil {
				t.Fatal(err)
			}
			checkBlocked(t, st, before, tc.want, tc.tol)
		})
	}
}

// checkBlocked checks that one host of st is blocked, until want after
// a 429 answered at or after before (less tol, for an HTTP date given to
// the second) and by now.
func checkBlocked(t *testing.T, st *pg.Store, before time.Time, want, tol time.Duration) {
	t.Helper()
	ctx := context.Background()
	after, err := st.Now(ctx)
	if err != nil {
		t.Fatal(err)
	}
	hosts, err := st.Hosts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var blocked []pg.HostState
	for _, h := range hosts {
		if !h.BlockedUntil.IsZero() {
			blocked = append(blocked, h)
		}
	}
	if len(blocked) != 1 {
		t.Fatalf("hosts %+v: want the site's host blocked", hosts)
	}
	if until := blocked[0].BlockedUntil; until.Before(before.Add(want-tol)) || until.After(after.Add(want)) {
		t.Errorf("host blocked until %s, want %v after the 429 (between %s and %s)", until, want, before.Add(want-tol), after.Add(want))
	}
}
