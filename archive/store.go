package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/mattn/go-sqlite3" // the database/sql driver "sqlite3"
)

// Store is an archivio data directory: WARC files under warc/ and the
// SQLite database archivio.db with the catalog of captures, the crawl
// state and the records. Open it with Open and close it with Close.
type Store struct {
	dir string
	db  *sql.DB
}

// DBName is the database file inside a data directory.
const DBName = "archivio.db"

// ErrStoreClosed is returned by a Store used after Close.
var ErrStoreClosed = errors.New("store closed")

// Open opens (creating if needed) the data directory dir: it makes the
// folders, opens the database in WAL mode with a busy timeout and foreign
// keys, checks that those settings took, and applies pending migrations.
func Open(ctx context.Context, dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "warc"), 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	path := filepath.Join(dir, DBName)
	// _txlock=immediate: a write transaction takes the write lock at BEGIN,
	// so two writers never deadlock upgrading read locks.
	dsn := "file:" + path + "?_busy_timeout=10000&_foreign_keys=on&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// One connection: SQLite has one writer at a time anyway, and a single
	// connection makes every statement see the previous one's writes.
	db.SetMaxOpenConns(1)
	s := &Store{dir: dir, db: db}
	if err := s.checkPragmas(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkPragmas verifies that the connection settings took: a database on a
// file system without WAL support would otherwise run unsafely unnoticed.
func (s *Store) checkPragmas(ctx context.Context) error {
	want := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000"}
	for pragma, v := range want {
		var got string
		if err := s.db.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			return fmt.Errorf("check pragma %s: %w", pragma, err)
		}
		if !strings.EqualFold(got, v) {
			return fmt.Errorf("check pragma %s: got %q, want %q", pragma, got, v)
		}
	}
	return nil
}

// Dir is the data directory.
func (s *Store) Dir() string { return s.dir }

// WARCDir is the folder of the WARC files.
func (s *Store) WARCDir() string { return filepath.Join(s.dir, "warc") }

// DB is the database, for the packages that keep their tables in it.
func (s *Store) DB() *sql.DB { return s.db }

// Close checkpoints the write-ahead log and closes the database.
func (s *Store) Close() error {
	if s.db == nil {
		return ErrStoreClosed
	}
	_, cerr := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	err := s.db.Close()
	s.db = nil
	if err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	if cerr != nil {
		return fmt.Errorf("close store: checkpoint: %w", cerr)
	}
	return nil
}

// tx runs fn in a transaction, committing when it returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
