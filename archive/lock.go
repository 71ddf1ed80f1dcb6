package archive

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ErrLocked means another archivio process is writing the data directory.
var ErrLocked = errors.New("data directory in use")

// DirLock is an exclusive lock on a data directory: one writer (a crawl, a
// link check, a daemon) at a time, so that no process repairs or rotates
// WARC files another is still writing.
type DirLock struct {
	f *os.File
}

// LockDir takes the lock on dir without waiting. When another process
// holds it, the error wraps ErrLocked and names that process.
func LockDir(dir string) (*DirLock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	path := filepath.Join(dir, "archivio.lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: %s is held by process %s", ErrLocked, dir, strings.TrimSpace(string(holder)))
		}
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return &DirLock{f: f}, nil
}

// Unlock releases the lock.
func (l *DirLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := l.f.Close() // closing releases the flock
	l.f = nil
	return err
}

// LockHolder reports whether a process holds dir's lock, and names it,
// without taking the lock or changing anything: reading commands use it on
// archives that may be read-only.
func LockHolder(dir string) (holder string, held bool) {
	path := filepath.Join(dir, "archivio.lock")
	f, err := os.Open(path)
	if err != nil {
		return "", false // never locked
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			pid, _ := os.ReadFile(path)
			return "process " + strings.TrimSpace(string(pid)), true
		}
		return "", false
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return "", false
}
