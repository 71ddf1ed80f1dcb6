package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	_ "github.com/mattn/go-sqlite3" // the database/sql driver "sqlite3"
)

// Store is an archivio data directory: WARC files under warc/ and the
// SQLite database archivio.db with the catalog of captures, the crawl
// state and the records. Open it with Open and close it with Close.
type Store struct {
	dir      string
	db       *sql.DB
	readOnly bool // opened by OpenReadOnly

	mu    sync.Mutex
	stmts map[string]*sql.Stmt // prepared once: a crawl runs the same few statements per page
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
	s := &Store{dir: dir, db: db, stmts: map[string]*sql.Stmt{}}
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

// Close checkpoints the write-ahead log and closes the database.
func (s *Store) Close() error {
	if s.db == nil {
		return ErrStoreClosed
	}
	s.mu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	s.mu.Unlock()
	var cerr error
	if !s.readOnly {
		_, cerr = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
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

// prepared returns the statement for q, preparing it the first time.
func (s *Store) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.stmts[q]; ok {
		return st, nil
	}
	if s.stmts == nil {
		return nil, ErrStoreClosed
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	s.stmts[q] = st
	return st, nil
}

// exec runs a prepared statement.
func (s *Store) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := s.prepared(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// queryRow runs a prepared query for one row.
func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := s.prepared(ctx, q)
	if err != nil {
		return s.db.QueryRowContext(ctx, q, args...) // reports the same error at Scan
	}
	return st.QueryRowContext(ctx, args...)
}

// WithTx runs fn in a transaction of db, committing when fn returns nil
// and rolling back otherwise.
func WithTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
