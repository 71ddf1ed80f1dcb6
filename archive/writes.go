package archive

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// A Write is one change to the catalog, atomic on its own: a capture, a
// frontier entry settled with the links its page yielded, a record read
// from a capture, a parse result. The Store's methods (AddCapture,
// SettleFrontier, ApplyRecord, ...) run one in a transaction of its own; a
// Committer runs many in one transaction (a group commit). Either way a
// Write is never split across transactions, and Writes commit in the
// order they were given.
type Write struct {
	what string // names the write in errors
	run  func(t *txn) error
	// done runs once the transaction that ran the write has committed:
	// what counts the write as done waits for it.
	done func()
	// names says the write names a WARC record (a capture): the WARC
	// files are made durable before the transaction that runs it commits.
	names bool
}

// String names the write.
func (w Write) String() string { return w.what }

// OnCommit returns w with f called once w has committed (after any call
// already set).
func (w Write) OnCommit(f func()) Write {
	prev := w.done
	w.done = func() {
		if prev != nil {
			prev()
		}
		f()
	}
	return w
}

// txn is a write transaction: its statements are the store's prepared
// ones, bound to the transaction.
type txn struct {
	ctx context.Context
	tx  *sql.Tx
	s   *Store
	// bound are the statements bound to tx so far: a group commit runs
	// each many times, and binding one costs an allocation and locks.
	bound map[string]*sql.Stmt
	// warcFiles are the ids of the WARC files named so far (warcFileID),
	// crawlBases the base URLs of the crawls read (frontierURLValue).
	warcFiles  map[string]int64
	crawlBases map[int64]string
	// committed run once the transaction has committed: what the writer
	// learnt of the catalog in it (writeMemory) is kept only then.
	committed []func()
}

// stmt returns q's prepared statement bound to the transaction. The
// statements are prepared before the transaction begins (the writing
// connection is the transaction's while it runs); one missing from
// writeSQL runs unprepared.
func (t *txn) stmt(q string) *sql.Stmt {
	if st, ok := t.bound[q]; ok {
		return st
	}
	t.s.mu.Lock()
	st := t.s.writes[q]
	t.s.mu.Unlock()
	if st != nil {
		st = t.tx.StmtContext(t.ctx, st)
	}
	if t.bound == nil {
		t.bound = map[string]*sql.Stmt{}
	}
	t.bound[q] = st
	return st
}

func (t *txn) exec(q string, args ...any) (sql.Result, error) {
	if st := t.stmt(q); st != nil {
		return st.ExecContext(t.ctx, args...)
	}
	return t.tx.ExecContext(t.ctx, q, args...)
}

func (t *txn) queryRow(q string, args ...any) *sql.Row {
	if st := t.stmt(q); st != nil {
		return st.QueryRowContext(t.ctx, args...)
	}
	return t.tx.QueryRowContext(t.ctx, q, args...)
}

func (t *txn) query(q string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(q); st != nil {
		return st.QueryContext(t.ctx, args...)
	}
	return t.tx.QueryContext(t.ctx, q, args...)
}

// writeSQL are the statements Writes run, prepared once on the writing
// connection before the first write transaction.
var writeSQL []string

// writeStatement registers q in writeSQL and returns it.
func writeStatement(q string) string {
	writeSQL = append(writeSQL, q)
	return q
}

// prepareWrites prepares writeSQL on the writing connection, once.
func (s *Store) prepareWrites(ctx context.Context) error {
	s.mu.Lock()
	ready := len(s.writes) >= len(writeSQL)
	s.mu.Unlock()
	if ready {
		return nil
	}
	for _, q := range writeSQL {
		if _, err := s.prepared(ctx, s.db, writeStmts, q); err != nil {
			return fmt.Errorf("prepare %q: %w", q, err)
		}
	}
	return nil
}

// apply runs writes in one transaction of their own and, once it has
// committed, their done calls.
func (s *Store) apply(ctx context.Context, writes ...Write) error {
	if s.readOnly {
		return ErrReadOnly
	}
	if err := s.prepareWrites(ctx); err != nil {
		return err
	}
	if err := s.runWrites(ctx, writes); err != nil {
		return err
	}
	for _, w := range writes {
		if w.done != nil {
			w.done()
		}
	}
	return nil
}

// runWrites runs writes in one transaction and commits it.
func (s *Store) runWrites(ctx context.Context, writes []Write) error {
	var t *txn
	err := WithTx(ctx, s.db, func(tx *sql.Tx) error {
		t = &txn{ctx: ctx, tx: tx, s: s}
		for _, w := range writes {
			if err := w.run(t); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		for _, f := range t.committed {
			f()
		}
	}
	return err
}

// idAllocator hands out capture ids. A capture's id is known as soon as it
// is queued for the catalog (the recording transport hands it on with the
// response, and what is read from the response refers to it), so ids are
// the store's to give, from the highest in the catalog on. One process
// writes a data directory at a time (its lock), so no other writer takes
// them.
type idAllocator struct {
	mu   sync.Mutex
	next int64 // 0 until read from the catalog
}

// newCaptureID returns an id no capture has.
func (s *Store) newCaptureID(ctx context.Context) (int64, error) {
	a := &s.captureIDs
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.next == 0 {
		var max int64
		if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM captures`).Scan(&max); err != nil {
			return 0, fmt.Errorf("new capture id: %w", err)
		}
		a.next = max + 1
	}
	id := a.next
	a.next++
	return id, nil
}
