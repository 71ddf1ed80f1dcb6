package pg

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// WARCFileOpened records that this node started writing a WARC file.
func (s *Store) WARCFileOpened(ctx context.Context, name string) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO warc_files (name, node, state) VALUES ($1, $2, 'open') ON CONFLICT (name) DO NOTHING`,
		name, s.opts.Node)
	if err != nil {
		return fmt.Errorf("warc file %s opened: %w", name, err)
	}
	return nil
}

// WARCFileClosed records that a WARC file is closed, with its size and
// sha256, and waits for upload. A file already stored stays stored.
func (s *Store) WARCFileClosed(ctx context.Context, name string, size int64, sha256 string) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO warc_files (name, node, state, size, sha256, closed_at) VALUES ($1, $2, 'pending', $3, $4, now())
		ON CONFLICT (name) DO UPDATE SET state = 'pending', size = excluded.size, sha256 = excluded.sha256, closed_at = now()
		WHERE warc_files.state <> 'stored'`, name, s.opts.Node, size, sha256)
	if err != nil {
		return fmt.Errorf("warc file %s closed: %w", name, err)
	}
	return nil
}

// lockWARCFile is the class of the transaction-level advisory locks on
// WARC file names (with hashtext of the name): AddCapture holds its
// file's shared, WARCFileStored exclusive.
const lockWARCFile = 0x77617263 // "warc"

// WARCFileStored records that a WARC file was uploaded and checked, and
// flips its captures from pending to stored, in one transaction. It
// holds the file's lock (lockWARCFile) exclusively: a capture of the
// file being inserted meanwhile is flipped too, or sees the file stored.
func (s *Store) WARCFileStored(ctx context.Context, name, location string, size int64, sha256 string) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, lockWARCFile, name); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE warc_files SET state = 'stored', location = $2, stored_at = now() WHERE name = $1 AND size = $3 AND sha256 = $4`,
			name, location, size, sha256)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return fmt.Errorf("not catalogued as closed with %d bytes, sha256 %s", size, sha256)
		}
		_, err = tx.Exec(ctx, `UPDATE captures SET pending = FALSE WHERE warc_file = $1 AND pending`, name)
		return err
	})
	if err != nil {
		return fmt.Errorf("warc file %s stored: %w", name, err)
	}
	return nil
}

// WARCFile is a WARC file as the catalog knows it.
type WARCFile struct {
	Name     string
	Node     string
	State    string // open, pending (closed, waiting for upload) or stored
	Size     int64
	SHA256   string
	Location string
	Opened   time.Time
	Stored   time.Time
	Pending  int // its captures still pending
}

// WARCFiles returns the WARC files by name, of every state or one.
func (s *Store) WARCFiles(ctx context.Context, state string) ([]WARCFile, error) {
	rows, err := s.pool.Query(ctx, `SELECT w.name, w.node, w.state, w.size, w.sha256, w.location, w.opened_at, w.stored_at,
		(SELECT COUNT(*) FROM captures c WHERE c.warc_file = w.name AND c.pending)
		FROM warc_files w WHERE $1 = '' OR w.state = $1 ORDER BY w.name`, state)
	if err != nil {
		return nil, fmt.Errorf("read warc files: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (WARCFile, error) {
		var f WARCFile
		var stored *time.Time
		err := r.Scan(&f.Name, &f.Node, &f.State, &f.Size, &f.SHA256, &f.Location, &f.Opened, &stored, &f.Pending)
		f.Opened, f.Stored = f.Opened.UTC(), utc(stored)
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("read warc files: %w", err)
	}
	return out, nil
}

// PendingCaptures counts the captures whose WARC file is not stored yet.
func (s *Store) PendingCaptures(ctx context.Context) (int64, error) {
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM captures WHERE pending`).Scan(&n)
	return n, err
}
