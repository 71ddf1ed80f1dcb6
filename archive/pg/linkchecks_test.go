package pg_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
	"archivio/archive/pg"
)

// TestRecordCheckTransitionOnce has two nodes check the same links at
// once, each check of a link by both: every link goes down once and up
// once over the two nodes, whichever node's check made it, and the
// history holds every check.
func TestRecordCheckTransitionOnce(t *testing.T) {
	ctx := context.Background()
	dsn := server.Schema(t)
	var nodes []*pg.Store
	for _, name := range []string{"node1", "node2"} {
		st, err := pg.Open(ctx, dsn, pg.Options{Node: name})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		nodes = append(nodes, st)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	const links = 40
	var urls []string
	for i := range links {
		u := fmt.Sprintf("http://127.0.0.1:1/page/%d", i)
		urls = append(urls, u)
		if _, err := conn.Exec(ctx, `INSERT INTO links (url, first_seen) VALUES ($1, $2)`, u, archive.FormatTime(time.Now())); err != nil {
			t.Fatal(err)
		}
	}
	th := archive.Thresholds{FailThreshold: 1, RecoverThreshold: 1}
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	for round, works := range []bool{false, true} {
		var mu sync.Mutex
		made := map[string][]archive.Transition{}
		var wg sync.WaitGroup
		for n, st := range nodes {
			wg.Go(func() {
				for _, u := range urls {
					verdict := "refused"
					if works {
						verdict = "ok"
					}
					tr, _, err := st.RecordCheck(ctx, archive.Check{URL: u, CheckedAt: at.Add(time.Duration(round*2+n) * time.Minute), Verdict: verdict, Method: "HEAD"}, works, th)
					if err != nil {
						t.Error(err)
						return
					}
					if tr != "" {
						mu.Lock()
						made[u] = append(made[u], tr)
						mu.Unlock()
					}
				}
			})
		}
		wg.Wait()
		want := archive.Transition("down")
		if works {
			want = "up"
		}
		for _, u := range urls {
			if len(made[u]) != 1 || made[u][0] != want {
				t.Errorf("round %d, %s: transitions %v, want one %s", round+1, u, made[u], want)
			}
		}
	}
	for _, u := range urls[:3] {
		h, err := nodes[0].LinkHistory(ctx, u)
		if err != nil || len(h) != 4 {
			t.Errorf("%s: %d checks in its history (%v), want 4", u, len(h), err)
		}
	}
	l, err := nodes[1].Link(ctx, urls[0])
	if err != nil || l.State != archive.StateUp || l.Verdict != "ok" {
		t.Errorf("link after the checks: %+v, %v", l, err)
	}
	if _, _, err := nodes[0].RecordCheck(ctx, archive.Check{URL: "http://127.0.0.1:1/unknown", CheckedAt: at}, true, th); !errors.Is(err, archive.ErrNotFound) {
		t.Errorf("check of a link not in the inventory: %v, want not found", err)
	}
}
