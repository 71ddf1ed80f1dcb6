package migrate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
)

// Options of a move.
type Options struct {
	From *archive.Store // the SQLite archive, opened read-only
	To   *pg.Store      // an empty PostgreSQL catalog
	// Storage, when set, receives the WARC files of From (its warc/
	// folder); otherwise they stay where they are.
	Storage warcstore.Storage
	// Progress, when set, is told each table and file as it is done.
	Progress func(what string)
}

// Table is one table moved: its rows and their digest, the same on both
// sides.
type Table struct {
	Name   string `json:"name"`
	Rows   int64  `json:"rows"`
	Digest string `json:"digest"`
}

// Report says what was moved.
type Report struct {
	// AlreadyCopied says the catalog held this archive already: nothing
	// was copied, the copy was checked again.
	AlreadyCopied bool               `json:"already_copied"`
	Tables        []Table            `json:"tables"`
	WARCFiles     []warcstore.Object `json:"warc_files,omitempty"`
}

// ErrMismatch is returned when a table differs after the copy.
var ErrMismatch = errors.New("the copy differs from the original")

// ToPostgres copies the archive and checks the copy. Into a catalog
// that already holds exactly this archive (a move whose WARC files did
// not all reach the storage) it copies nothing and goes on with the
// files; into one that holds anything else it refuses.
func ToPostgres(ctx context.Context, o Options) (*Report, error) {
	rep := &Report{}
	cols := map[string][]string{}
	err := o.To.Import(ctx, pg.ImportOptions{PendingCaptures: o.Storage != nil}, func(add func(string, []string, []any) error) error {
		for _, t := range archive.CatalogTables {
			err := o.From.TableRows(ctx, t, func(c []string, vals []any) error {
				if cols[t] == nil {
					cols[t] = slices.Clone(c)
				}
				return add(t, c, vals)
			})
			if err != nil {
				return err
			}
			if o.Progress != nil {
				o.Progress("copied " + t)
			}
		}
		return nil
	})
	if errors.Is(err, pg.ErrNotEmpty) {
		rep.AlreadyCopied = true
	} else if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	if rep.Tables, err = compare(ctx, o, cols); err != nil {
		if rep.AlreadyCopied && errors.Is(err, ErrMismatch) {
			return nil, fmt.Errorf("migrate: the PostgreSQL catalog is not empty and holds something else than this archive: %w", err)
		}
		return nil, err
	}
	if o.Storage == nil {
		return rep, nil
	}
	objs, err := moveWARCs(ctx, o)
	rep.WARCFiles = objs
	return rep, err
}

// compare checks every table of the copy against the original: the same
// row count and digest of the original's columns.
func compare(ctx context.Context, o Options, cols map[string][]string) ([]Table, error) {
	var out []Table
	for _, t := range archive.CatalogTables {
		src := newDigest()
		if err := o.From.TableRows(ctx, t, func(c []string, vals []any) error {
			if cols[t] == nil {
				cols[t] = slices.Clone(c)
			}
			src.add(vals)
			return nil
		}); err != nil {
			return out, fmt.Errorf("migrate: check %s: %w", t, err)
		}
		dst := newDigest()
		if len(cols[t]) > 0 {
			if err := o.To.TableRows(ctx, t, cols[t], func(vals []any) error { dst.add(vals); return nil }); err != nil {
				return out, fmt.Errorf("migrate: check %s: %w", t, err)
			}
		}
		s, d := src.sum(), dst.sum()
		if src.rows != dst.rows || s != d {
			return out, fmt.Errorf("migrate: %s: %d rows, digest %s in SQLite; %d rows, digest %s in PostgreSQL: %w",
				t, src.rows, s, dst.rows, d, ErrMismatch)
		}
		out = append(out, Table{Name: t, Rows: src.rows, Digest: s})
	}
	return out, nil
}

// moveWARCs puts every WARC file of the archive, with its index, in the
// storage, and has the catalog hold each as stored; a capture naming a
// file that is not there is an error.
func moveWARCs(ctx context.Context, o Options) ([]warcstore.Object, error) {
	dir := o.From.WARCDir()
	ents, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("migrate warc files: %w", err)
	}
	stored, err := o.To.WARCFiles(ctx, "stored")
	if err != nil {
		return nil, fmt.Errorf("migrate warc files: %w", err)
	}
	done := map[string]pg.WARCFile{}
	for _, f := range stored {
		done[f.Name] = f
	}
	var out []warcstore.Object
	have := map[string]bool{}
	for _, e := range ents {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".warc.gz") {
			continue
		}
		path := filepath.Join(dir, name)
		if f, ok := done[name]; ok {
			// Stored, with its index, by an earlier move: the same file,
			// or an error.
			if size, sum, err := fileDigest(path); err != nil || size != f.Size || sum != f.SHA256 {
				return out, fmt.Errorf("migrate warc files: %s is stored with %d bytes, sha256 %s; here it has %d, %s (%v)",
					name, f.Size, f.SHA256, size, sum, err)
			}
			have[name] = true
			out = append(out, warcstore.Object{Name: name, Size: f.Size, SHA256: f.SHA256})
			continue
		}
		obj, err := o.Storage.Put(ctx, name, path)
		if err != nil {
			return out, fmt.Errorf("migrate warc files: %w", err)
		}
		if _, err := os.Stat(path + ".cdxj"); err == nil {
			if _, err := o.Storage.Put(ctx, name+".cdxj", path+".cdxj"); err != nil {
				return out, fmt.Errorf("migrate warc files: %w", err)
			}
		}
		if err := o.To.WARCFileClosed(ctx, name, obj.Size, obj.SHA256); err != nil {
			return out, err
		}
		if err := o.To.WARCFileStored(ctx, name, o.Storage.Location(name), obj.Size, obj.SHA256); err != nil {
			return out, err
		}
		have[name] = true
		out = append(out, obj)
		if o.Progress != nil {
			o.Progress("stored " + name)
		}
	}
	missing := 0
	var example string
	err = o.From.TableRows(ctx, "captures", func(cols []string, vals []any) error {
		i := slices.Index(cols, "warc_file")
		if f := fmt.Sprint(text(vals[i])); !have[f] {
			missing++
			example = f
		}
		return nil
	})
	if err != nil {
		return out, err
	}
	if missing > 0 {
		return out, fmt.Errorf("migrate warc files: %d captures name files not in %s (for example %s; the files an interrupted crawl left open are repaired by its next run)", missing, dir, example)
	}
	if n, err := o.To.PendingCaptures(ctx); err != nil || n > 0 {
		return out, fmt.Errorf("migrate warc files: %d captures still wait for their file (%v)", n, err)
	}
	return out, nil
}

func text(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// fileDigest is the size and sha256 (hex) of the file at path.
func fileDigest(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return n, hex.EncodeToString(h.Sum(nil)), err
}
