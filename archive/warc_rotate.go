package archive

import "fmt"

// Rotate closes the current WARC file now, if one is open (renamed to its
// final name, its CDXJ index written): the next exchange starts a new
// file. With MaxFileSize it rotates files by time as well as by size.
func (w *WARCWriter) Rotate() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return ErrWARCWriterClosed
	}
	if w.f == nil {
		return nil
	}
	if err := w.finishLocked(); err != nil {
		return fmt.Errorf("rotate %s: %w", w.name, err)
	}
	return nil
}
