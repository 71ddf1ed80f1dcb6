package pg_test

import (
	"context"
	"testing"
	"time"

	"archivio/archive/pg"
)

// TestPaceRequest: a request to a host is let go only when its next
// allowed time has come (the delay after the last request began and
// after the last one ended), fewer than its maximum are in flight over
// all nodes, and no Retry-After blocks it; a host not paced yet gets the
// pace asked.
func TestPaceRequest(t *testing.T) {
	ctx := context.Background()
	ns := nodes(t, 2, pg.Options{})
	a, b := ns[0], ns[1]
	const delay = 300 * time.Millisecond
	s1, wait, err := a.PaceRequest(ctx, "http://example.org/a", delay, 2)
	if err != nil || s1 == 0 || wait != 0 {
		t.Fatalf("first request: slot %d, wait %v, err %v: want it let go", s1, wait, err)
	}
	// The other node, on the same host, within the delay: refused.
	s2, wait, err := b.PaceRequest(ctx, "http://EXAMPLE.org/b", delay, 2)
	if err != nil || s2 != 0 || wait <= 0 || wait > delay {
		t.Fatalf("second request within the delay: slot %d, wait %v, err %v: want a wait of at most %v", s2, wait, err, delay)
	}
	// Another host is not held by it.
	s3, _, err := b.PaceRequest(ctx, "http://example.net/", delay, 2)
	if err != nil || s3 == 0 {
		t.Fatalf("request to another host: slot %d, err %v", s3, err)
	}
	time.Sleep(wait)
	if s2, _, err = b.PaceRequest(ctx, "http://example.org/b", delay, 2); err != nil || s2 == 0 {
		t.Fatalf("second request after the delay: slot %d, err %v", s2, err)
	}
	// Two in flight: a third waits for one to end, however long ago
	// the last began.
	time.Sleep(delay)
	if s, wait, err := a.PaceRequest(ctx, "http://example.org/c", delay, 2); err != nil || s != 0 || wait <= 0 {
		t.Fatalf("third request with two in flight: slot %d, wait %v, err %v: want it refused", s, wait, err)
	}
	if err := a.ReleaseRequest(ctx, s1); err != nil {
		t.Fatal(err)
	}
	// The delay runs again from a request's end, as from a crawl's
	// fetch: the next request leaves at least the delay after it.
	ended := time.Now()
	s4, wait, err := a.PaceRequest(ctx, "http://example.org/c", delay, 2)
	if err != nil || s4 != 0 || wait <= delay/2 || wait > delay {
		t.Fatalf("third request just after one ended: slot %d, wait %v, err %v: want a wait of about %v", s4, wait, err, delay)
	}
	time.Sleep(wait)
	if s4, _, err = a.PaceRequest(ctx, "http://example.org/c", delay, 2); err != nil || s4 == 0 {
		t.Fatalf("third request the delay after one ended: slot %d, err %v", s4, err)
	}
	if since := time.Since(ended); since < delay-20*time.Millisecond {
		t.Errorf("third request let go %v after one ended, want at least %v", since, delay)
	}
	// A Retry-After blocks every request to the host.
	if err := a.ReleaseRequest(ctx, s4); err != nil {
		t.Fatal(err)
	}
	if err := a.BlockHost(ctx, "example.net", time.Minute); err != nil {
		t.Fatal(err)
	}
	if s, wait, err := b.PaceRequest(ctx, "http://example.net/x", 0, 2); err != nil || s != 0 || wait < 50*time.Second {
		t.Fatalf("request to a blocked host: slot %d, wait %v, err %v: want about a minute", s, wait, err)
	}
	hosts, err := a.Hosts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hosts {
		if h.Key == "example.org" && (h.Delay != delay || h.MaxInFlight != 2) {
			t.Errorf("host %+v: want it paced at %v, 2 at once", h, delay)
		}
	}
	if _, _, err := a.PaceRequest(ctx, "http://example.org/", -time.Second, 0); err == nil {
		t.Error("a pace of -1s and 0 at once: want an error")
	}
}

// TestPaceRequestFreedByRestart: a node started again under its name
// (Register) no longer holds the requests its previous run had in
// flight, which would otherwise keep the host busy until the lease TTL.
func TestPaceRequestFreedByRestart(t *testing.T) {
	ctx := context.Background()
	dsn := server.Schema(t)
	ns := nodesOn(t, dsn, 2, pg.Options{})
	if s, _, err := ns[0].PaceRequest(ctx, "http://example.org/", 0, 1); err != nil || s == 0 {
		t.Fatalf("first request: slot %d, err %v", s, err)
	}
	if s, wait, err := ns[1].PaceRequest(ctx, "http://example.org/", 0, 1); err != nil || s != 0 || wait <= 0 {
		t.Fatalf("request with one in flight of one: slot %d, wait %v, err %v: want it refused", s, wait, err)
	}
	nodesOn(t, dsn, 1, pg.Options{}) // node1 started again
	if s, _, err := ns[1].PaceRequest(ctx, "http://example.org/", 0, 1); err != nil || s == 0 {
		t.Fatalf("request after node1 restarted: slot %d, err %v: want it let go", s, err)
	}
}
