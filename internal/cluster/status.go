package cluster

import (
	"context"
	"errors"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
)

// Status is the shared archive as the catalog has it now: its nodes, the
// leases they hold, each host's politeness state and the WARC files not
// stored yet. Times are the database's.
type Status struct {
	At       time.Time    `json:"at"` // the database's clock when read
	Records  int          `json:"records"`
	Captures int64        `json:"captures"`
	Nodes    []NodeStatus `json:"nodes"`
	Leases   []LeaseState `json:"leases"`
	Hosts    []HostStatus `json:"hosts"`
	WARC     WARCStatus   `json:"warc"`
	// LinkRun is the latest run of link checks, shared by the nodes
	// that ran it; nil when none has run.
	LinkRun *LinkRunStatus `json:"link_run,omitempty"`
}

// LinkRunStatus is a run of link checks over all nodes: its links
// checked, failed unchecked (by reason), still queued, and leased now.
type LinkRunStatus struct {
	ID        int64          `json:"id"`
	Status    string         `json:"status"` // running, done, interrupted, failed
	Started   time.Time      `json:"started"`
	Finished  time.Time      `json:"finished,omitzero"`
	Links     int            `json:"links"`
	Checked   int            `json:"checked"`
	Failed    map[string]int `json:"failed"`
	Unsettled int            `json:"unsettled"`
	Leased    int            `json:"leased"` // live leases on its links
}

// NodeStatus is a node: alive while it runs with a heartbeat younger than
// the lease TTL; stopped when it ended cleanly; else it died or hangs
// (its leases expire and return to the others).
type NodeStatus struct {
	Name          string    `json:"name"`
	Alive         bool      `json:"alive"`
	LastHeartbeat time.Time `json:"last_heartbeat"`
	Started       time.Time `json:"started"`
	Stopped       time.Time `json:"stopped,omitzero"` // when it stopped cleanly
	Leases        int       `json:"leases"`           // live leases it holds
}

// LeaseState is a URL leased to a node, live or expired (claimable again).
type LeaseState struct {
	Crawl   int64     `json:"crawl"`
	Key     string    `json:"key"`
	Node    string    `json:"node"`
	Expires time.Time `json:"expires"`
	Expired bool      `json:"expired"`
}

// HostStatus is a politeness row: a host (or registrable domain, or
// address) shared by every node.
type HostStatus struct {
	Key          string    `json:"key"`
	NextAllowed  time.Time `json:"next_allowed,omitzero"` // no fetch starts before; zero when never fetched
	InFlight     int       `json:"in_flight"`
	MaxInFlight  int       `json:"max_in_flight"`
	Queued       int       `json:"queued"`
	DelayMS      int64     `json:"delay_ms"`
	BlockedUntil time.Time `json:"blocked_until,omitzero"` // a 429 or 503's Retry-After
}

// WARCStatus counts the WARC files by state and lists those not stored
// yet: open (being written), or closed and waiting for their upload.
type WARCStatus struct {
	Open            int       `json:"open"`
	PendingUpload   int       `json:"pending_upload"`
	Stored          int       `json:"stored"`
	CapturesPending int64     `json:"captures_pending"` // captures whose file is not stored yet
	NotStored       []WARCOne `json:"not_stored"`
}

// WARCOne is a WARC file not stored yet.
type WARCOne struct {
	Name     string    `json:"name"`
	Node     string    `json:"node"`
	State    string    `json:"state"`
	Opened   time.Time `json:"opened"`
	Captures int       `json:"captures"`
}

// ReadStatus reads the shared archive's status; a node is alive when its
// last heartbeat is younger than ttl.
func ReadStatus(ctx context.Context, st *pg.Store, ttl time.Duration) (*Status, error) {
	now, err := st.Now(ctx)
	if err != nil {
		return nil, err
	}
	s := &Status{At: now, Nodes: []NodeStatus{}, Leases: []LeaseState{}, Hosts: []HostStatus{}, WARC: WARCStatus{NotStored: []WARCOne{}}}
	ids, err := st.RecordIDs(ctx)
	if err != nil {
		return nil, err
	}
	s.Records = len(ids)
	if s.Captures, err = st.CaptureCount(ctx); err != nil {
		return nil, err
	}
	nodes, err := st.Nodes(ctx, ttl)
	if err != nil {
		return nil, err
	}
	for _, n := range nodes {
		s.Nodes = append(s.Nodes, NodeStatus{Name: n.Name, Alive: n.Alive, LastHeartbeat: n.LastSeen, Started: n.StartedAt,
			Stopped: n.StoppedAt, Leases: n.Leases})
	}
	leases, err := st.Leases(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range leases {
		s.Leases = append(s.Leases, LeaseState{Crawl: l.CrawlID, Key: l.Key, Node: l.Owner, Expires: l.Expires, Expired: l.Expired})
	}
	hosts, err := st.Hosts(ctx)
	if err != nil {
		return nil, err
	}
	for _, h := range hosts {
		hs := HostStatus{Key: h.Key, NextAllowed: h.NextAllowed, InFlight: h.InFlight, MaxInFlight: h.MaxInFlight, Queued: h.Queued,
			DelayMS: h.Delay.Milliseconds(), BlockedUntil: h.BlockedUntil}
		if !hs.BlockedUntil.After(now) {
			hs.BlockedUntil = time.Time{}
		}
		s.Hosts = append(s.Hosts, hs)
	}
	files, err := st.WARCFiles(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		switch f.State {
		case "stored":
			s.WARC.Stored++
			continue
		case "open":
			s.WARC.Open++
		default:
			s.WARC.PendingUpload++
		}
		s.WARC.NotStored = append(s.WARC.NotStored, WARCOne{Name: f.Name, Node: f.Node, State: f.State, Opened: f.Opened, Captures: f.Pending})
	}
	if s.WARC.CapturesPending, err = st.PendingCaptures(ctx); err != nil {
		return nil, err
	}
	if c, err := st.LastCrawl(ctx, pg.LinkRunSource); err == nil {
		t, err := st.LinkRun(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		r := &LinkRunStatus{ID: c.ID, Status: c.Status, Started: c.StartedAt, Finished: c.FinishedAt, Links: t.Links, Checked: t.Checked,
			Failed: t.Failed, Unsettled: t.Unsettled}
		for _, l := range s.Leases {
			if l.Crawl == c.ID && !l.Expired {
				r.Leased++
			}
		}
		s.LinkRun = r
	} else if !errors.Is(err, archive.ErrNotFound) {
		return nil, err
	}
	return s, nil
}
