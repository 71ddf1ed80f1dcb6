package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"archivio/archive/pg"
	"archivio/internal/cluster"
	"archivio/internal/config"
)

// shownRows bounds the leases, hosts and files the status lists for
// people; --format json lists them all.
const shownRows = 20

// sharedStatus shows the shared archive (store: postgres): its nodes,
// leases, hosts and WARC files not stored yet.
func sharedStatus(ctx context.Context, e *env, s *config.Settings, format string) error {
	st, err := sharedCatalog(ctx, s)
	if err != nil {
		return err
	}
	defer st.Close()
	cs, err := cluster.ReadStatus(ctx, st, s.Postgres.LeaseTTL.D())
	if err != nil {
		return err
	}
	if format == formatJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(cs)
	}
	printClusterStatus(e.stdout, cs)
	return nil
}

func printClusterStatus(w io.Writer, s *cluster.Status) {
	ago := func(t time.Time) string { return s.At.Sub(t).Round(time.Second).String() + " ago" }
	at := func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000") }
	fmt.Fprintf(w, "shared archive (PostgreSQL), as of %s UTC\n  records    %d\n  captures   %d (%d waiting for their WARC file to be stored)\n",
		at(s.At), s.Records, s.Captures, s.WARC.CapturesPending)
	if len(s.Nodes) == 0 {
		fmt.Fprintf(w, "  nodes      none has run yet\n")
	}
	for _, n := range s.Nodes {
		state := "alive"
		switch {
		case !n.Stopped.IsZero():
			state = "stopped"
		case !n.Alive:
			state = "NOT ALIVE"
		}
		fmt.Fprintf(w, "  node       %-20s %-9s last heartbeat %s (%s), %d leases\n", n.Name, state, at(n.LastHeartbeat), ago(n.LastHeartbeat), n.Leases)
	}
	live := 0
	for _, l := range s.Leases {
		if !l.Expired {
			live++
		}
	}
	fmt.Fprintf(w, "  leases     %d live, %d expired (claimable again)\n", live, len(s.Leases)-live)
	for i, l := range s.Leases {
		if i == shownRows {
			fmt.Fprintf(w, "             and %d more (--format json lists them)\n", len(s.Leases)-i)
			break
		}
		state := "until " + at(l.Expires)
		if l.Expired {
			state = "expired " + at(l.Expires)
		}
		run := "crawl"
		if strings.HasPrefix(l.Key, pg.LinkKeyPrefix) {
			run = "links run"
		}
		fmt.Fprintf(w, "             %s %d %s: %s, %s\n", run, l.Crawl, l.Key, l.Node, state)
	}
	for i, h := range s.Hosts {
		if i == shownRows {
			fmt.Fprintf(w, "  host       and %d more (--format json lists them)\n", len(s.Hosts)-i)
			break
		}
		next := "never fetched"
		if !h.NextAllowed.IsZero() {
			next = "next fetch " + at(h.NextAllowed)
			if !h.NextAllowed.After(s.At) {
				next = "may be fetched now"
			}
		}
		blocked := ""
		if !h.BlockedUntil.IsZero() {
			blocked = ", BLOCKED until " + at(h.BlockedUntil)
		}
		fmt.Fprintf(w, "  host       %-20s %s, %d in flight of %d, %d queued, delay %dms%s\n", h.Key, next, h.InFlight, h.MaxInFlight, h.Queued, h.DelayMS, blocked)
	}
	fmt.Fprintf(w, "  warc files %d stored, %d open, %d waiting for upload\n", s.WARC.Stored, s.WARC.Open, s.WARC.PendingUpload)
	for i, f := range s.WARC.NotStored {
		if i == shownRows {
			fmt.Fprintf(w, "             and %d more (--format json lists them)\n", len(s.WARC.NotStored)-i)
			break
		}
		fmt.Fprintf(w, "             %s (%s, %s, %d captures)\n", f.Name, f.Node, f.State, f.Captures)
	}
	if r := s.LinkRun; r != nil {
		failed := 0
		for _, n := range r.Failed {
			failed += n
		}
		fmt.Fprintf(w, "  links run  %d %s, started %s: %d of %d links checked, %d failed unchecked%s, %d queued, %d leased\n",
			r.ID, r.Status, at(r.Started), r.Checked, r.Links, failed, byReason(toInt64(r.Failed)), r.Unsettled, r.Leased)
	}
}

func toInt64(m map[string]int) map[string]int64 {
	out := make(map[string]int64, len(m))
	for k, v := range m {
		out[k] = int64(v)
	}
	return out
}
