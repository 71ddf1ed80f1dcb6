package pg

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"archivio/archive"
)

// Store is the catalog in a PostgreSQL database. Open it with Open and
// close it with Close; it is safe for concurrent use.
type Store struct {
	pool *pgxpool.Pool
	opts Options

	incarnation string // set by Register: this run of the node
	// claimer names this process in the alerts it claims to deliver:
	// the node's name and a token of this Open.
	claimer string
}

// Open connects to the database named by dsn (a PostgreSQL connection
// string, as a URL or key=value pairs) with a pool of connections,
// checks the server answers, and applies pending migrations.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	if err := opts.fill(); err != nil {
		return nil, fmt.Errorf("open catalog: %w", err)
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open catalog: connection string: %w", err)
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open catalog: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open catalog: connect to %s: %w", cfg.ConnConfig.Host, err)
	}
	s := &Store{pool: pool, opts: opts, claimer: opts.Node + " " + rand.Text()[:8]}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the pool's connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Now is the database's clock: every decision about leases and hosts
// uses it, so that nodes whose clocks differ agree.
func (s *Store) Now(ctx context.Context) (time.Time, error) {
	var t time.Time
	if err := s.pool.QueryRow(ctx, `SELECT now()`).Scan(&t); err != nil {
		return time.Time{}, fmt.Errorf("read the database's clock: %w", err)
	}
	return t.UTC(), nil
}

// notFound turns "no rows" into archive.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return archive.ErrNotFound
	}
	return err
}

// utc is t in UTC; the zero time for a NULL.
func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

var _ archive.CrawlState = (*Store)(nil)
