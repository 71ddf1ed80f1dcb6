package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

func (s *Store) migrate(ctx context.Context) error {
	return s.migrateTo(ctx, len(migrations)-1)
}

// migrateTo applies the steps up to version last.
func (s *Store) migrateTo(ctx context.Context, last int) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var current int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("migrate: read version: %w", err)
	}
	if current > len(migrations)-1 {
		return fmt.Errorf("migrate: database is at version %d, newer than this archivio (%d): upgrade archivio", current, len(migrations)-1)
	}
	var tables int // other than schema_migrations: asked of a catalog at version 0 only
	if current == 0 {
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations'`).Scan(&tables); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	if current == 0 && tables == 0 && last > 1 {
		// A new catalog, nothing in it: every step in one transaction
		// (each commit of a schema change has every connection read the
		// schema again).
		if err := s.migrateSteps(ctx, 1, last, true); err != nil {
			return fmt.Errorf("migrate a new catalog to version %d: %w", last, err)
		}
		return nil
	}
	for v := current + 1; v <= last; v++ {
		if err := s.migrateSteps(ctx, v, v, foreignKeysOff[v]); err != nil {
			return fmt.Errorf("migrate to version %d: %w", v, err)
		}
	}
	return nil
}

// migrateSteps applies steps first to last in one transaction, with
// foreign keys off when fkOff says so (a step that rebuilds a table others
// refer to, see foreignKeysOff): then no key may be left broken when it
// commits.
func (s *Store) migrateSteps(ctx context.Context, first, last int, fkOff bool) (err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if fkOff {
		// Outside the transaction: SQLite ignores the pragma inside one.
		if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return err
		}
		defer func() {
			if _, ferr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`); err == nil {
				err = ferr
			}
		}()
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for v := first; v <= last; v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return fmt.Errorf("step %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version) VALUES (?)`, v); err != nil {
			return fmt.Errorf("step %d: %w", v, err)
		}
	}
	if fkOff {
		var table string
		var row any
		var parent string
		var fk any
		err := tx.QueryRowContext(ctx, `PRAGMA foreign_key_check`).Scan(&table, &row, &parent, &fk)
		if err == nil {
			return fmt.Errorf("a row of %s refers to no row of %s", table, parent)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	return tx.Commit()
}
