package pg

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// retryable reports whether err is the database giving up on a
// transaction that may succeed when run again: a deadlock victim or a
// serialization failure.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// inTx runs fn in a transaction, again (up to five times, after a short
// random pause) when the database aborts it as a deadlock victim or for a
// serialization failure: nodes settling pages that link to each other
// take row locks in orders of their own.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	var err error
	for attempt := range 5 {
		if err = pgx.BeginFunc(ctx, s.pool, fn); err == nil || !retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(time.Duration(rand.Int64N(int64(10*time.Millisecond) << attempt))):
		}
	}
	return err
}

// lockKeys locks the crawl's frontier rows of keys that exist, in the
// order of their keys, so that transactions settling pages that link to
// each other take their locks in one order.
func lockKeys(ctx context.Context, tx pgx.Tx, crawlID int64, keys []string) error {
	_, err := tx.Exec(ctx, `SELECT 1 FROM frontier WHERE crawl_id = $1 AND key = ANY($2::text[]) ORDER BY key FOR UPDATE`, crawlID, keys)
	return err
}
