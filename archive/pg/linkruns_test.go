package pg_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
	"archivio/archive/pg"
)

// addLinks puts urls in the link inventory of the schema of dsn.
func addLinks(t *testing.T, dsn string, urls ...string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, u := range urls {
		if _, err := conn.Exec(ctx, `INSERT INTO links (url, first_seen) VALUES ($1, $2)`, u, archive.FormatTime(time.Now())); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLinkRunSharedAndFenced has two nodes join one run of link checks:
// they agree on it, every active link is queued once, paced per host;
// a lease that expired is taken over and the late node's check is
// refused (its capture kept as a duplicate); a transition's alert is
// stored once, with the check; the tally shows the run whole.
func TestLinkRunSharedAndFenced(t *testing.T) {
	ctx := context.Background()
	dsn := server.Schema(t)
	ns := nodesOn(t, dsn, 2, pg.Options{Delay: -1, LeaseTTL: time.Second})
	a, b := ns[0], ns[1]
	urls := []string{"http://127.0.0.2/a", "http://127.0.0.2/b", "http://127.0.0.3/a", "not a url"}
	addLinks(t, dsn, urls...)
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	run, joined, err := a.JoinLinkCheck(ctx, at, time.Time{}, 0, 1)
	if err != nil || joined {
		t.Fatalf("first join: run %d, joined %v, %v", run, joined, err)
	}
	again, joined, err := b.JoinLinkCheck(ctx, at, time.Time{}, 0, 1)
	if err != nil || !joined || again != run {
		t.Fatalf("second join: run %d (want %d), joined %v, %v", again, run, joined, err)
	}
	if q, _ := a.Frontier(ctx, run, archive.FrontierQueued); len(q) != len(urls) {
		t.Fatalf("%d links queued, want %d: %+v", len(q), len(urls), q)
	}
	// One at a time per host over both nodes: three hosts, three leases.
	la, lb := claim(t, a, run, 10), claim(t, b, run, 10)
	if len(la)+len(lb) != 3 {
		t.Fatalf("claimed %+v and %+v: want one link per host", la, lb)
	}
	th := archive.Thresholds{FailThreshold: 1, RecoverThreshold: 1}
	// a's first lease expires; b takes it over and settles it; a's late
	// check is refused.
	stale := la[0]
	time.Sleep(1100 * time.Millisecond)
	var taken pg.Lease
	for _, l := range claim(t, b, run, 10) {
		if l.Key == stale.Key {
			taken = l
		}
	}
	if taken.ID == 0 || taken.ID == stale.ID {
		t.Fatalf("expired lease %+v not taken over (%+v)", stale, taken)
	}
	capA, err := a.AddCapture(ctx, &archive.Capture{CrawlID: run, URL: stale.URL, FetchedAt: time.Now(), Status: 404,
		PayloadDigest: "sha1:A", PayloadLength: 5, WARCFile: "node1-links.warc.gz", WARCLength: 10, WARCRecordID: "<urn:uuid:a>"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.CompleteCheck(ctx, stale, archive.Check{URL: stale.URL, CheckedAt: at, Verdict: "gone", Status: 404, Method: "GET", CaptureID: capA}, false, th, at, archive.DeliveryPending); !errors.Is(err, pg.ErrLeaseLost) {
		t.Fatalf("late check: %v, want ErrLeaseLost", err)
	}
	got, err := b.CompleteCheck(ctx, taken, archive.Check{URL: taken.URL, CheckedAt: at, Verdict: "gone", Status: 404, Method: "GET"}, false, th, at, archive.DeliveryPending)
	if err != nil || got.Transition != "down" || got.AlertID == 0 {
		t.Fatalf("the new owner's check: %+v, %v", got, err)
	}
	if d, _ := a.Duplicates(ctx); len(d) != 1 || d[0] != capA {
		t.Errorf("duplicates %v, want the late capture %d", d, capA)
	}
	// Every other link, whoever holds it, settles once.
	for {
		var ls []pg.Lease
		for _, st := range ns {
			for _, l := range claim(t, st, run, 10) {
				ls = append(ls, l)
				c := archive.Check{URL: l.URL, CheckedAt: at, Verdict: "ok", Status: 200, Method: "HEAD"}
				if l.URL == "not a url" {
					c.Verdict = "invalid_url"
				}
				if _, err := st.CompleteCheck(ctx, l, c, c.Verdict == "ok", th, at, archive.DeliveryPending); err != nil {
					t.Fatalf("%s: %v", l.URL, err)
				}
			}
		}
		for _, l := range lb {
			if l.Key != taken.Key {
				if _, err := b.CompleteCheck(ctx, l, archive.Check{URL: l.URL, CheckedAt: at, Verdict: "ok", Status: 200, Method: "HEAD"}, true, th, at, archive.DeliveryPending); err != nil && !errors.Is(err, pg.ErrLeaseLost) {
					t.Fatal(err)
				}
			}
		}
		lb = nil
		if _, more, err := a.NextClaim(ctx, run); err != nil || !more {
			break
		}
		if len(ls) == 0 {
			time.Sleep(50 * time.Millisecond)
		}
	}
	tally, err := a.LinkRun(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	if tally.Links != len(urls) || tally.Checked != len(urls) || tally.Unsettled != 0 || len(tally.Incomplete) != 0 || tally.Verdicts["gone"] != 1 {
		t.Errorf("tally %+v", tally)
	}
	alerts, err := a.Alerts(ctx)
	if err != nil || len(alerts) != 1 || alerts[0].Kind != "down" || alerts[0].URL != stale.URL {
		t.Errorf("alerts %+v (%v), want one down alert for %s", alerts, err, stale.URL)
	}
	h, err := a.LinkHistory(ctx, stale.URL)
	if err != nil || len(h) != 1 {
		t.Errorf("%s: %d checks (%v), want the new owner's one", stale.URL, len(h), err)
	}
	if done, err := b.FinishSettled(ctx, run, "{}", at); err != nil || !done {
		t.Fatalf("finish: %v %v", done, err)
	}
	// A turn that came after the run it belongs to ended starts none.
	if _, _, err := b.JoinLinkCheck(ctx, at.Add(time.Hour), at.Add(-time.Minute), 0, 1); !errors.Is(err, pg.ErrLinkRunRecent) {
		t.Fatalf("late turn: %v, want %v", err, pg.ErrLinkRunRecent)
	}
	// A node joining now starts the next run, with every link queued.
	next, joined, err := a.JoinLinkCheck(ctx, at.Add(time.Hour), time.Time{}, 0, 1)
	if err != nil || joined || next == run {
		t.Fatalf("next run %d, joined %v, %v", next, joined, err)
	}
	if l, _ := a.Leases(ctx); len(l) != 0 {
		t.Errorf("leases left: %+v", l)
	}
}

// TestLinkRunIncomplete: a run with a link settled done but no check of
// the run is not whole, and says which.
func TestLinkRunIncomplete(t *testing.T) {
	ctx := context.Background()
	dsn := server.Schema(t)
	ns := nodesOn(t, dsn, 1, pg.Options{Delay: -1})
	addLinks(t, dsn, "http://127.0.0.2/a", "http://127.0.0.2/b")
	run, _, err := ns[0].JoinLinkCheck(ctx, time.Now(), time.Time{}, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	ls := claim(t, ns[0], run, 2)
	if len(ls) != 2 {
		t.Fatalf("claimed %+v", ls)
	}
	if _, err := ns[0].Complete(ctx, ls[0], archive.FrontierDone, "", nil, nil); err != nil {
		t.Fatal(err)
	}
	tally, err := ns[0].LinkRun(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%s checked 0 times", ls[0].URL)
	if tally.Unsettled != 1 || len(tally.Incomplete) != 1 || tally.Incomplete[0] != want {
		t.Errorf("tally %+v, want one unsettled and %q", tally, want)
	}
}
