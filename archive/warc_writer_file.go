package archive

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	gowarc "github.com/nlnwa/gowarc/v2"
)

// A WARCWriter's file from start to end: opened as NAME.open with its
// warcinfo record, finished with fsync, its CDXJ index and the rename to
// NAME.

// openFileLocked creates the next file and writes its warcinfo record.
func (w *WARCWriter) openFileLocked() error {
	now := w.opts.Now()
	f, name, serial, err := createWARCFile(w.opts.Dir, w.opts.Prefix, now, w.serial)
	if err != nil {
		return diskFull(err, w.opts.Dir)
	}
	w.serial = serial
	discard := func(err error) error {
		f.Close()
		os.Remove(f.Name())
		return diskFull(fmt.Errorf("start %s: %w", name, err), w.opts.Dir)
	}
	info, err := buildWARCInfo(name, w.opts.Software, w.opts.Hostname, w.opts.IsPartOf, now)
	if err != nil {
		return discard(err)
	}
	defer info.Close()
	e := w.enc.get()
	data, err := e.encodeWARCRecord(nil, info, "")
	w.enc.put(e)
	if err != nil {
		return discard(err)
	}
	if _, err := f.Write(data); err != nil {
		return discard(err)
	}
	// The new file's entry in the folder is made durable before any record
	// in it can be named by the catalog (Sync flushes only the file's
	// content): after a power failure the file is there.
	if err := syncDir(w.opts.Dir); err != nil {
		return discard(err)
	}
	w.f, w.name = f, name
	if w.wrapFile != nil {
		w.f = w.wrapFile(f)
	}
	w.size, w.infoEnd = int64(len(data)), int64(len(data))
	w.infoID = info.WarcHeader().Get(gowarc.WarcRecordID)
	w.index = newCDXJIndex(w.spoolDir)
	return nil
}

// finishLocked closes the current file: fsync, close, write its CDXJ index
// beside it, then rename NAME.open to NAME. When the file cannot be synced
// and closed it stays NAME.open, for RepairOpenFiles. When only its index
// cannot be written (a full disk), the whole file is renamed all the same
// and the error returned: RepairOpenFiles writes a missing index.
func (w *WARCWriter) finishLocked() error {
	f, name, index := w.f, w.name, w.index
	w.f, w.index = nil, nil
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(serr, cerr); err != nil {
		return diskFull(fmt.Errorf("close %s: %w", name, err), w.opts.Dir)
	}
	final := filepath.Join(w.opts.Dir, name)
	var ierr error
	if w.writeIndex != nil {
		ierr = w.writeIndex(final+warcCDXJExt, index)
		index.discard()
	} else {
		ierr = index.write(final + warcCDXJExt)
	}
	if err := renameDurably(final+warcOpenSuffix, final); err != nil {
		return diskFull(fmt.Errorf("close %s: %w", name, errors.Join(ierr, err)), w.opts.Dir)
	}
	if ierr != nil {
		return diskFull(fmt.Errorf("close %s (closed; its index will be written by the next run): %w", name, ierr), w.opts.Dir)
	}
	return nil
}

// spoolDir returns the folder of the temporary files of large responses,
// creating it.
func (w *WARCWriter) spoolDir() (string, error) {
	dir := filepath.Join(w.opts.Dir, spoolDirName)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("spool folder: %w", err)
	}
	return dir, nil
}

// Close finishes the current file: flush, fsync, write NAME.cdxj beside it
// and rename NAME.open to NAME. Later writes fail with ErrWARCWriterClosed.
// Closing again does nothing.
func (w *WARCWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	// The spool folder goes when empty (a response still read keeps it),
	// after the index's runs are merged.
	defer os.Remove(filepath.Join(w.opts.Dir, spoolDirName))
	if w.f == nil {
		return nil
	}
	if err := w.finishLocked(); err != nil {
		return fmt.Errorf("close warc writer: %w", err)
	}
	return nil
}

// Sync makes the records written so far durable: it flushes the current
// file to the disk (fsync). The files closed before it were flushed when
// they were closed. A Committer calls it before every commit that names
// WARC records, so that the catalog never names a record a power failure
// could take. It does not hold the writer's lock while the disk works:
// writes go on meanwhile, and are synced by the next call.
func (w *WARCWriter) Sync() error {
	w.mu.Lock()
	f, name := w.f, w.name
	w.mu.Unlock()
	if f == nil {
		return nil
	}
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrClosed) {
		// A file closed meanwhile was synced by its closing.
		return diskFull(fmt.Errorf("sync %s: %w", name, err), w.opts.Dir)
	}
	return nil
}
