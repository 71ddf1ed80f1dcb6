package cluster_test

import (
	"context"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/internal/cluster"
)

// TestStatus: the status names the nodes alive and not, the leases held,
// each host's pace, what is in flight and blocked, and the WARC files not
// stored yet. The liveness window is derived from measured times, so a
// slow machine changes how long the test takes, never what it asserts:
// at the read, busy's heartbeat is younger than the window and quiet's
// older.
func TestStatus(t *testing.T) {
	ctx := context.Background()
	dsn := server.Schema(t)
	open := func(name string) *pg.Store {
		st, err := pg.Open(ctx, dsn, pg.Options{Node: name, Delay: time.Minute, MaxInFlight: 1, RemoteWARCs: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if _, err := st.Register(ctx); err != nil {
			t.Fatal(err)
		}
		return st
	}
	quiet := open("quiet")
	quietSeen := time.Now() // quiet's last heartbeat is no later
	busy := open("busy")
	crawl, err := busy.StartCrawl(ctx, "osservatorio", "http://127.0.0.2", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := busy.AddToFrontier(ctx, crawl, []archive.FrontierEntry{
		{Key: "url:a1", URL: "http://127.0.0.2/1"}, {Key: "url:a2", URL: "http://127.0.0.2/2"}, {Key: "url:b1", URL: "http://127.0.0.3/1"},
	}); err != nil {
		t.Fatal(err)
	}
	if err := busy.BlockHost(ctx, "127.0.0.3", time.Minute); err != nil {
		t.Fatal(err)
	}
	ls, err := busy.Claim(ctx, crawl, 5)
	if err != nil || len(ls) != 1 || ls[0].Host != "127.0.0.2" {
		t.Fatalf("claim = %+v, %v: want one URL of the host not blocked", ls, err)
	}
	if err := busy.WARCFileOpened(ctx, "archivio-busy-1.warc.gz"); err != nil {
		t.Fatal(err)
	}
	if err := busy.WARCFileOpened(ctx, "archivio-busy-0.warc.gz"); err != nil {
		t.Fatal(err)
	}
	if err := busy.WARCFileClosed(ctx, "archivio-busy-0.warc.gz", 10, "ab"); err != nil {
		t.Fatal(err)
	}

	gone := open("gone")
	if err := gone.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	s := readStatus(t, quiet, busy, quietSeen)
	if len(s.Nodes) != 3 || s.Nodes[0].Name != "busy" || !s.Nodes[0].Alive || s.Nodes[0].Leases != 1 ||
		s.Nodes[1].Name != "gone" || s.Nodes[1].Alive || s.Nodes[1].Stopped.IsZero() ||
		s.Nodes[2].Name != "quiet" || s.Nodes[2].Alive || s.Nodes[2].LastHeartbeat.IsZero() || !s.Nodes[2].Stopped.IsZero() {
		t.Errorf("nodes %+v: want busy alive with 1 lease, gone stopped, quiet not alive", s.Nodes)
	}
	if len(s.Leases) != 1 || s.Leases[0].Node != "busy" || s.Leases[0].Key != ls[0].Key || s.Leases[0].Expired {
		t.Errorf("leases %+v", s.Leases)
	}
	if len(s.Hosts) != 2 {
		t.Fatalf("hosts %+v", s.Hosts)
	}
	a, b := s.Hosts[0], s.Hosts[1]
	if a.Key != "127.0.0.2" || a.InFlight != 1 || a.MaxInFlight != 1 || a.Queued != 2 || a.DelayMS != 60000 ||
		!a.NextAllowed.After(s.At) || !a.BlockedUntil.IsZero() {
		t.Errorf("host a %+v (at %s): want 1 in flight of 1, 2 queued, next allowed after now, not blocked", a, s.At)
	}
	if b.Key != "127.0.0.3" || b.InFlight != 0 || !b.NextAllowed.IsZero() || b.BlockedUntil.Sub(s.At) < 50*time.Second {
		t.Errorf("host b %+v (at %s): want never fetched, blocked for a minute", b, s.At)
	}
	if s.WARC.Open != 1 || s.WARC.PendingUpload != 1 || s.WARC.Stored != 0 || len(s.WARC.NotStored) != 2 || s.WARC.NotStored[0].Node != "busy" {
		t.Errorf("warc %+v", s.WARC)
	}
}

// readStatus reads the status with a liveness window that quiet's
// heartbeat (last at or before quietSeen) is older than, and busy's,
// renewed just before the read, younger than: each read is timed, and
// one slower than the window is made again with a window twice as long.
func readStatus(t *testing.T, quiet, busy *pg.Store, quietSeen time.Time) *cluster.Status {
	t.Helper()
	ctx := context.Background()
	for window := time.Second; window <= time.Minute; window *= 2 {
		if wait := window - time.Since(quietSeen); wait > 0 {
			time.Sleep(wait + 10*time.Millisecond)
		}
		beat := time.Now()
		if err := busy.Heartbeat(ctx); err != nil {
			t.Fatal(err)
		}
		s, err := cluster.ReadStatus(ctx, quiet, window)
		if err != nil {
			t.Fatal(err)
		}
		if time.Since(beat) < window {
			return s
		}
		t.Logf("heartbeat and read took %s, over the %s window: read again", time.Since(beat), window)
	}
	t.Fatal("the status could not be read within a minute of a heartbeat")
	return nil
}
