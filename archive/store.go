package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
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
	dir string
	// db is the one connection that writes. rdb is a pool of read-only
	// connections for the lookups a crawl makes while it writes: in
	// write-ahead-log mode they read what was committed beside the writer,
	// without waiting for its transactions (a Committer's groups among
	// them). A store opened read-only has one connection for both.
	db, rdb  *sql.DB
	readOnly bool      // opened by OpenReadOnly
	docs     *docCodec // packs and unpacks the record versions' documents

	mu sync.Mutex
	// reads and writes are the prepared statements of rdb and db, prepared
	// once: a crawl runs the same few statements per page.
	reads, writes map[string]*sql.Stmt
	captureIDs    idAllocator
	mem           writeMemory // what the writer knows of the catalog
}

// DBName is the database file inside a data directory.
const DBName = "archivio.db"

// ErrStoreClosed is returned by a Store used after Close.
var ErrStoreClosed = errors.New("store closed")

// ErrReadOnly is returned by a write to a Store opened with OpenReadOnly.
var ErrReadOnly = errors.New("archive opened read-only")

// Open opens (creating if needed) the data directory dir: it makes the
// folders, opens the database in WAL mode with a busy timeout and foreign
// keys, checks that those settings took, and applies pending migrations.
func Open(ctx context.Context, dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "warc"), 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	path := filepath.Join(dir, DBName)
	if err := createCatalog(path); err != nil {
		return nil, err
	}
	// _txlock=immediate: a write transaction takes the write lock at BEGIN,
	// so two writers never deadlock upgrading read locks. The page caches
	// are small (1 MiB for the writer, 512 KiB for each reader, against
	// SQLite's 2 MiB each): a crawl's writes touch few pages again, the
	// operating system caches the file anyway, and a cache that fills up
	// as the catalog grows is memory a long crawl takes that a short one
	// does not.
	dsn := "file:" + path + "?_busy_timeout=10000&_foreign_keys=on&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate&_cache_size=" + writerCache
	docs := &docCodec{}
	db := openSQLite(dsn, docs)
	// One connection writes: SQLite has one writer at a time anyway, and
	// a single connection makes every write see the previous one's.
	db.SetMaxOpenConns(1)
	s := &Store{dir: dir, db: db, docs: docs, reads: map[string]*sql.Stmt{}, writes: map[string]*sql.Stmt{}}
	docs.pages = s.docPage
	if err := s.checkPragmas(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// Reads see what the writer committed. They never wait for its
	// transactions, nor it for them.
	rdb := openSQLite("file:"+path+"?mode=ro&_busy_timeout=10000&_foreign_keys=on&_cache_size="+readerCache, docs)
	rdb.SetMaxOpenConns(readConns)
	rdb.SetMaxIdleConns(readConns)
	s.rdb = rdb
	return s, nil
}

// catalogPage is the page size of a new catalog, in bytes. A record
// version (its document packed, about 1.5 KB for a full record) is too
// large to fill 4 KB pages well: two fit, and a quarter of the page is
// left; in 8 KB pages five fit.
const catalogPage = 8192

// createCatalog makes the database file at path with catalogPage pages
// when there is none. The page size of a database is set when its first
// page is written (the write-ahead log's header fixes it).
func createCatalog(path string) error {
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	_, err = db.Exec(fmt.Sprintf("PRAGMA page_size = %d; PRAGMA journal_mode = WAL", catalogPage))
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	return nil
}

// The page caches of the writing and the reading connections, in KiB
// (SQLite's negative cache_size).
const (
	writerCache = "-1024"
	readerCache = "-512"
)

// readConns is the most connections reading at once.
const readConns = 4

// checkPragmas verifies that the connection settings took: a database on a
// file system without WAL support would otherwise run unsafely unnoticed.
func (s *Store) checkPragmas(ctx context.Context) error {
	want := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "cache_size": writerCache}
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
	for _, st := range s.reads {
		st.Close()
	}
	for _, st := range s.writes {
		st.Close()
	}
	s.reads, s.writes = nil, nil
	s.mu.Unlock()
	var rerr, cerr error
	if s.rdb != s.db {
		rerr = s.rdb.Close()
	}
	if !s.readOnly {
		_, cerr = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	err := errors.Join(s.db.Close(), rerr)
	s.db, s.rdb = nil, nil
	if err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	if cerr != nil {
		return fmt.Errorf("close store: checkpoint: %w", cerr)
	}
	return nil
}

// prepared returns the statement for q on db (cached in stmts),
// preparing it the first time. The lock is not held while preparing, which
// waits for a connection: a write transaction holds the writing one, and
// looks its statements up under the lock.
func (s *Store) prepared(ctx context.Context, db *sql.DB, stmts func(*Store) map[string]*sql.Stmt, q string) (*sql.Stmt, error) {
	s.mu.Lock()
	m := stmts(s)
	st, ok := m[q]
	s.mu.Unlock()
	if ok {
		return st, nil
	}
	if m == nil {
		return nil, ErrStoreClosed
	}
	st, err := db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m = stmts(s)
	if m == nil {
		st.Close()
		return nil, ErrStoreClosed
	}
	if prev, ok := m[q]; ok {
		st.Close() // prepared meanwhile by another caller
		return prev, nil
	}
	m[q] = st
	return st, nil
}

func writeStmts(s *Store) map[string]*sql.Stmt { return s.writes }
func readStmts(s *Store) map[string]*sql.Stmt  { return s.reads }

// exec runs a prepared statement on the writing connection, in a
// transaction of its own.
func (s *Store) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := s.prepared(ctx, s.db, writeStmts, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// queryRow runs a prepared query for one row on a reading connection.
func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := s.prepared(ctx, s.rdb, readStmts, q)
	if err != nil {
		return s.rdb.QueryRowContext(ctx, q, args...) // reports the same error at Scan
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
