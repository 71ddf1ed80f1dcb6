package warcstore

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Local keeps WARC files in a folder: the single-machine archive's warc/
// folder, or a shared file system.
type Local struct {
	Dir string
}

// Put copies the file at path into the folder (nothing to do when it is
// there already), synced, under its name.
func (l *Local) Put(ctx context.Context, name, path string) (Object, error) {
	size, sum, err := fileDigest(path)
	if err != nil {
		return Object{}, fmt.Errorf("put %s: %w", name, err)
	}
	dst := filepath.Join(l.Dir, name)
	if same, _ := sameFile(path, dst); !same {
		if err := copyFile(ctx, path, dst); err != nil {
			return Object{}, fmt.Errorf("put %s: %w", name, err)
		}
	}
	st, err := os.Stat(dst)
	if err != nil {
		return Object{}, fmt.Errorf("put %s: %w", name, err)
	}
	if st.Size() != size {
		return Object{}, fmt.Errorf("put %s: stored %d bytes of %d", name, st.Size(), size)
	}
	return Object{Name: name, Size: size, SHA256: sum}, nil
}

// Open reads n bytes of the named file from offset (n < 0: to its end).
func (l *Local) Open(ctx context.Context, name string, offset, n int64) (io.ReadCloser, error) {
	f, err := os.Open(filepath.Join(l.Dir, name))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("open %s at %d: %w", name, offset, err)
	}
	if n < 0 {
		return f, nil
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(f, n), f}, nil
}

// Stat returns the named file's size and sha256.
func (l *Local) Stat(ctx context.Context, name string) (Object, error) {
	size, sum, err := fileDigest(filepath.Join(l.Dir, name))
	if err != nil {
		return Object{}, fmt.Errorf("stat %s: %w", name, err)
	}
	return Object{Name: name, Size: size, SHA256: sum}, nil
}

// Location names where the file is kept.
func (l *Local) Location(name string) string { return filepath.Join(l.Dir, name) }

func sameFile(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(sa, sb), nil
}

// copyFile copies src to dst through a temporary file, synced and
// renamed, so dst is never seen half-written.
func copyFile(ctx context.Context, src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".put-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return err
	}
	if err := ctx.Err(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
