package archive

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fullFile is a WARC file on a disk with room bytes left: a write past it
// writes what fits and fails with ENOSPC, as a file system does.
type fullFile struct {
	*os.File
	room int64
}

func (f *fullFile) Write(p []byte) (int, error) {
	if int64(len(p)) <= f.room {
		n, err := f.File.Write(p)
		f.room -= int64(n)
		return n, err
	}
	n, _ := f.File.Write(p[:f.room])
	f.room = 0
	return n, &fs.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
}

// fillUp writes exchanges to w until it fails and returns how many went
// in and the failure.
func fillUp(t *testing.T, w *WARCWriter) (int, error) {
	t.Helper()
	at := time.Date(2026, 11, 25, 5, 0, 0, 0, time.UTC)
	for i := range 100 {
		ex := testExchange(fmt.Sprintf("https://osservatorio.example/r/%d", i), at, 200, noise(uint64(i), 3000), "Content-Type: text/html")
		if _, err := w.WriteExchange(context.Background(), ex, nil); err != nil {
			return i, err
		}
	}
	t.Fatal("the disk never filled up")
	return 0, nil
}

// TestWARCWriterDiskFull: a write that finds the disk full fails with an
// error saying so; the file is cut back to its whole records, and Close
// still closes it, renames it and writes its index: no file stays open.
func TestWARCWriterDiskFull(t *testing.T) {
	dir := t.TempDir()
	w := openTestWriter(t, dir, 0)
	w.wrapFile = func(f *os.File) warcFile { return &fullFile{File: f, room: 20 << 10} }
	n, err := fillUp(t, w)
	if !errors.Is(err, ErrDiskFull) || !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("write on a full disk: %v, want an error saying the disk is full", err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("close after the disk filled up: %v", err)
	}
	if open := warcFiles(t, dir, warcOpenSuffix); len(open) != 0 {
		t.Errorf("files left open: %v", open)
	}
	files := warcFiles(t, dir, warcFileExt)
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	path := filepath.Join(dir, files[0])
	if recs := scanAll(t, path); len(recs) != 1+2*n {
		t.Errorf("%d records, want the warcinfo and the %d exchanges written whole", len(recs), n)
	}
	if lines := readCDXJ(t, path+warcCDXJExt); len(lines) != n {
		t.Errorf("index of %d lines, want %d", len(lines), n)
	}
}

// TestWARCWriterDiskFullIndex: when not even the index fits, Close still
// renames the whole file, says the disk is full, and the next run's
// repair writes the missing index.
func TestWARCWriterDiskFullIndex(t *testing.T) {
	dir := t.TempDir()
	w := openTestWriter(t, dir, 0)
	w.wrapFile = func(f *os.File) warcFile { return &fullFile{File: f, room: 20 << 10} }
	w.writeIndex = func(path string, _ *cdxjIndex) error {
		return fmt.Errorf("write index %s: %w", path, &fs.PathError{Op: "write", Path: path, Err: syscall.ENOSPC})
	}
	n, _ := fillUp(t, w)
	err := w.Close()
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("close without room for the index: %v, want an error saying the disk is full", err)
	}
	if open := warcFiles(t, dir, warcOpenSuffix); len(open) != 0 {
		t.Errorf("files left open: %v", open)
	}
	files := warcFiles(t, dir, warcFileExt)
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	path := filepath.Join(dir, files[0])
	if _, err := os.Stat(path + warcCDXJExt); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("index: %v", err)
	}
	if _, err := RepairOpenFiles(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	if lines := readCDXJ(t, path+warcCDXJExt); len(lines) != n {
		t.Errorf("repaired index of %d lines, want %d", len(lines), n)
	}
}
