package pg

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Register announces this node (Options.Node) with a new incarnation and
// releases at once the leases its name still holds, and the requests it
// had in flight: they belong to a previous run of this node, which is
// gone. It returns how many it
// released. Call it once at start, before claiming.
func (s *Store) Register(ctx context.Context) (released int64, err error) {
	// Not google/uuid's random UUIDs: the WARC library switches their
	// pool on at every record it builds, a race with another goroutine
	// of the process making one.
	s.incarnation = rand.Text()
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO nodes (name, incarnation) VALUES ($1, $2)
			ON CONFLICT (name) DO UPDATE SET incarnation = excluded.incarnation, started_at = now(), last_seen = now(), stopped_at = NULL`,
			s.opts.Node, s.incarnation); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE frontier SET lease_owner = NULL, lease_id = NULL, lease_expires = NULL
			WHERE lease_owner = $1`, s.opts.Node)
		released = tag.RowsAffected()
		if err != nil {
			return err
		}
		// Its requests in flight (PaceRequest) ended with it.
		_, err = tx.Exec(ctx, `DELETE FROM host_requests WHERE owner = $1`, s.opts.Node)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("register node %s: %w", s.opts.Node, err)
	}
	return released, nil
}

// Heartbeat says this node is alive and extends the leases it holds by
// the lease TTL from now. It fails when another process registered under
// this node's name since (two nodes must not share a name).
func (s *Store) Heartbeat(ctx context.Context) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE nodes SET last_seen = now() WHERE name = $1 AND incarnation = $2`, s.opts.Node, s.incarnation)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return fmt.Errorf("another process registered as node %s", s.opts.Node)
		}
		_, err = tx.Exec(ctx, `UPDATE frontier SET lease_expires = now() + $2 * interval '1 millisecond'
			WHERE lease_owner = $1 AND state = 'queued'`, s.opts.Node, s.opts.LeaseTTL.Milliseconds())
		return err
	})
	if err != nil {
		return fmt.Errorf("heartbeat of node %s: %w", s.opts.Node, err)
	}
	return nil
}

// Stop says this run of the node ended cleanly: it is no longer alive.
// Its leases are not touched (a node stops after settling or releasing
// them).
func (s *Store) Stop(ctx context.Context) error {
	if _, err := s.pool.Exec(ctx, `UPDATE nodes SET stopped_at = now() WHERE name = $1 AND incarnation = $2`,
		s.opts.Node, s.incarnation); err != nil {
		return fmt.Errorf("stop node %s: %w", s.opts.Node, err)
	}
	return nil
}

// Node is a crawler node as the catalog knows it.
type Node struct {
	Name      string
	StartedAt time.Time
	LastSeen  time.Time
	StoppedAt time.Time // when it stopped cleanly; zero while it runs or when it died
	Alive     bool      // running, with a heartbeat within the lease TTL
	Leases    int       // live leases it holds
}

// Nodes returns the nodes by name. A node is alive when its last
// heartbeat is younger than ttl (by the database's clock).
func (s *Store) Nodes(ctx context.Context, ttl time.Duration) ([]Node, error) {
	rows, err := s.pool.Query(ctx, `SELECT n.name, n.started_at, n.last_seen, n.stopped_at,
		n.stopped_at IS NULL AND n.last_seen > now() - $1 * interval '1 millisecond',
		(SELECT COUNT(*) FROM frontier f WHERE f.lease_owner = n.name AND f.state = 'queued' AND f.lease_expires > now())
		FROM nodes n ORDER BY n.name`, ttl.Milliseconds())
	if err != nil {
		return nil, fmt.Errorf("read nodes: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Node, error) {
		var n Node
		var stopped *time.Time
		err := r.Scan(&n.Name, &n.StartedAt, &n.LastSeen, &stopped, &n.Alive, &n.Leases)
		n.StartedAt, n.LastSeen, n.StoppedAt = n.StartedAt.UTC(), n.LastSeen.UTC(), utc(stopped)
		return n, err
	})
	if err != nil {
		return nil, fmt.Errorf("read nodes: %w", err)
	}
	return out, nil
}
