package alerts

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Atom sink defaults.
const (
	DefaultAtomTitle  = "archivio: link alerts"
	DefaultAtomFeedID = "tag:archivio,2026:alerts"
	DefaultAtomMax    = 500
)

// AtomOptions configure NewAtom.
type AtomOptions struct {
	Path   string // the feed file; its directory must exist. Required.
	Title  string // feed title, default DefaultAtomTitle
	FeedID string // feed id, an IRI; default DefaultAtomFeedID
	// SelfURL is where the feed file is published, written as its
	// rel="self" link; none when empty.
	SelfURL string
	Max     int // entries kept, newest first; default 500
	Now     func() time.Time
}

// atomSink keeps an Atom feed file of alerts.
type atomSink struct {
	mu     sync.Mutex // one read-modify-write of the file at a time
	path   string
	title  string
	feedID string
	self   string
	max    int
	now    func() time.Time
}

// NewAtom returns a sink that keeps an Atom 1.0 feed file of alerts,
// newest first. Each Send reads the file (if any), adds the alert's entry
// (replacing an entry with the same id, so a repeated alert is not listed
// twice), keeps the newest Max entries and writes the file atomically: a
// temporary file in the same directory, fsync, rename, fsync of the
// directory. Readers see the old feed or the new one, never part of one.
// Send is safe for concurrent use; two sinks on one file in one process,
// or two processes, are not serialized against each other.
//
// NewAtom fails if the directory is missing or an existing file is not an
// Atom feed (ErrCorruptFeed): the file is never overwritten with a feed
// that lost its entries.
func NewAtom(o AtomOptions) (Sink, error) {
	var fe fieldErrors
	if strings.TrimSpace(o.Path) == "" {
		fe.add("Path", "empty")
	}
	if o.Max < 0 {
		fe.add("Max", "negative: %d", o.Max)
	}
	if err := fe.err(); err != nil {
		return nil, fmt.Errorf("new Atom sink: %w", err)
	}
	s := &atomSink{path: o.Path, title: o.Title, feedID: o.FeedID, self: o.SelfURL, max: o.Max, now: o.Now}
	if s.title == "" {
		s.title = DefaultAtomTitle
	}
	if s.feedID == "" {
		s.feedID = DefaultAtomFeedID
	}
	if s.max == 0 {
		s.max = DefaultAtomMax
	}
	if s.now == nil {
		s.now = time.Now
	}
	dir := filepath.Dir(s.path)
	if fi, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("new Atom sink: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("new Atom sink: %s is not a directory: %w", dir, ErrInvalidOptions)
	}
	if _, _, err := readFeed(s.path); err != nil {
		return nil, fmt.Errorf("new Atom sink: %w", err)
	}
	return s, nil
}

func (s *atomSink) Name() string { return "atom " + s.path }

func (s *atomSink) Send(ctx context.Context, a Alert) error {
	if err := validateForAtom(a); err != nil {
		return fmt.Errorf("atom alert: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("atom alert %d: %w", a.ID, err)
	}
	entries, perm, err := readFeed(s.path)
	if err != nil {
		return fmt.Errorf("atom alert %d: %w", a.ID, err)
	}
	e := entryFor(s.feedID, a)
	kept := make([]atomEntry, 0, len(entries)+1)
	kept = append(kept, e)
	for _, old := range entries {
		if old.ID != e.ID {
			kept = append(kept, old)
		}
	}
	sortEntries(kept)
	if len(kept) > s.max {
		kept = kept[:s.max]
	}
	data, err := encodeFeed(newFeed(Feed{Title: s.title, ID: s.feedID, Self: s.self}, s.now(), kept))
	if err != nil {
		return fmt.Errorf("atom alert %d: %w", a.ID, err)
	}
	if err := writeAtomic(s.path, data, perm); err != nil {
		return fmt.Errorf("atom alert %d: %w", a.ID, err)
	}
	return nil
}

// readFeed returns the entries of the feed file at path in file order and
// the file's permissions; a missing or empty file has no entries and gets
// 0644.
func readFeed(path string) ([]atomEntry, fs.FileMode, error) {
	const perm = 0o644
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, perm, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read feed: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, perm, nil
	}
	var f atomFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		return nil, 0, fmt.Errorf("read feed %s: %w: %w", path, ErrCorruptFeed, err)
	}
	mode := fs.FileMode(perm)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	return f.Entries, mode, nil
}

// writeAtomic replaces the file at path with data: it writes a temporary
// file in the same directory, syncs it, renames it over path and syncs
// the directory, so path holds either its old content or data.
func writeAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write feed: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close() // may already be closed; the write error is what matters
			_ = os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("write feed %s: %w", tmp, err)
	}
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("write feed %s: %w", tmp, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write feed %s: sync: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write feed %s: close: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write feed: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("write feed %s: %w", path, err)
	}
	return nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync dir: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync dir %s: %w", dir, err)
	}
	return nil
}
