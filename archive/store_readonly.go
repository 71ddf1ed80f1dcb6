package archive

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// OpenReadOnly opens an existing data directory for reading only: the
// reading commands use it, so that they work beside a running writer and
// on an archive on read-only media (a mounted snapshot, a copy made
// read-only), and never change it.
//
// The catalog is opened with SQLite's mode=ro. When its folder is not
// writable (a read-only mount, or permissions without write bits, which
// count even for root), it is also opened immutable (immutable=1): no
// lock, and no -wal or -shm file created beside it. That needs the write-
// ahead log to be empty, as archivio leaves it when it closes; a copy
// taken while a writer ran may hold changes there, and is then read
// through the log when SQLite can (its -shm file copied too), or refused
// with an error saying so, rather than shown without them.
//
// The schema must be the one this archivio writes: an older one needs a
// writing command (a crawl, a link check) to migrate it first.
func OpenReadOnly(ctx context.Context, dir string) (*Store, error) {
	path := filepath.Join(dir, DBName)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	dsn := "file:" + path + "?mode=ro&_busy_timeout=10000&_foreign_keys=on"
	fixed := !writable(dir)
	walChanges := false
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		walChanges = true
	}
	if fixed && !walChanges {
		dsn += "&immutable=1"
	}
	docs := &docCodec{}
	db := openSQLite(dsn, docs)
	db.SetMaxOpenConns(1)
	s := &Store{dir: dir, db: db, rdb: db, docs: docs, reads: map[string]*sql.Stmt{}, writes: map[string]*sql.Stmt{}, readOnly: true}
	docs.pages = s.docPage
	if err := s.checkSchema(ctx); err != nil {
		db.Close()
		if fixed && walChanges {
			return nil, fmt.Errorf("open store %s read-only: its write-ahead log %s holds changes that a read-only folder does not let SQLite read; copy the data directory somewhere writable: %w",
				dir, filepath.Base(path)+"-wal", err)
		}
		return nil, err
	}
	return s, nil
}

// checkSchema verifies, without changing anything, that the database is
// at the schema version this archivio writes.
func (s *Store) checkSchema(ctx context.Context) error {
	var current int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current)
	if err != nil {
		return fmt.Errorf("open store %s read-only: read the schema version: %w", s.dir, err)
	}
	latest := len(migrations) - 1
	switch {
	case current > latest:
		return fmt.Errorf("open store %s read-only: database is at version %d, newer than this archivio (%d): upgrade archivio", s.dir, current, latest)
	case current < latest:
		return fmt.Errorf("open store %s read-only: database is at version %d, older than this archivio (%d): run a writing command (archivio crawl) on it once, or read a writable copy", s.dir, current, latest)
	}
	return nil
}

// writable reports whether path may be written: its permission bits allow
// it (checked even for root, whom the kernel would let write anyway: an
// archive made read-only stays so) and the system allows it (a read-only
// mount refuses root too).
func writable(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm()&0o222 == 0 {
		return false
	}
	return syscall.Access(path, 2) == nil // W_OK
}
