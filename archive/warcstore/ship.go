package warcstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"archivio/archive"
)

// Storage is where a Shipper puts closed WARC files (Local or S3).
type Storage interface {
	Put(ctx context.Context, name, path string) (Object, error)
	Location(name string) string
}

// Catalog is what a Shipper tells the catalog (archive/pg's Store): a
// file closed and waiting for upload, then stored, which flips its
// captures from pending to stored in one transaction.
type Catalog interface {
	WARCFileClosed(ctx context.Context, name string, size int64, sha256 string) error
	WARCFileStored(ctx context.Context, name, location string, size int64, sha256 string) error
}

// Shipper moves a node's closed WARC files from its local folder to the
// storage.
type Shipper struct {
	Dir     string // the node's local WARC folder (its writer's Dir)
	Storage Storage
	Catalog Catalog
	// Keep leaves the local copies once stored (for a Local storage on
	// the same folder, or to keep a spare); otherwise a file and its
	// index are removed once the catalog says stored.
	Keep bool
	// List, when set, is called by Recover with the path of every file
	// it is about to ship (repaired, or closed by an earlier run and not
	// shipped), before any is shipped: it lists in the catalog the
	// records of the file the catalog lacks (a run killed between writing
	// an exchange and listing it), whose captures the file's storing then
	// flips to stored with the others.
	List func(ctx context.Context, path string) error
	// Ready, when set, says whether a closed file may be shipped now:
	// every response record in it catalogued. A file whose exchange is
	// still being listed (its writer rotated it between the write and
	// the capture's insert) is left for a later Ship, so that a node
	// killed before the insert leaves the file in its folder, for its
	// next start's List, rather than in the storage uncatalogued.
	Ready func(ctx context.Context, path string) (bool, error)
	Log   *slog.Logger
}

// Recover is a node's first step at start, before it opens a writer on
// Dir: it repairs the files a killed run left open (keeping every whole
// record), lists what the catalog lacks of them (List) and ships every
// closed file, those included.
func (s *Shipper) Recover(ctx context.Context) ([]archive.RepairReport, []Object, error) {
	reps, err := archive.RepairOpenFiles(ctx, s.Dir)
	if err != nil {
		return reps, nil, fmt.Errorf("recover %s: %w", s.Dir, err)
	}
	if s.List != nil {
		names, err := closedFiles(s.Dir)
		if err != nil {
			return reps, nil, fmt.Errorf("recover %s: %w", s.Dir, err)
		}
		for _, name := range names {
			if err := s.List(ctx, filepath.Join(s.Dir, name)); err != nil {
				return reps, nil, fmt.Errorf("recover %s: %w", name, err)
			}
		}
	}
	objs, err := s.Ship(ctx)
	return reps, objs, err
}

// Ship uploads every closed WARC file in Dir (never one still being
// written, NAME.open), oldest name first, each as: catalogued closed
// with its size and sha256, uploaded and checked, catalogued stored,
// its local copy removed. A file Ready says is not ready is left for the
// next Ship. A failure stops at that file and leaves it for the next
// Ship: nothing is removed that the catalog does not hold as stored.
func (s *Shipper) Ship(ctx context.Context) ([]Object, error) {
	names, err := closedFiles(s.Dir)
	if err != nil {
		return nil, fmt.Errorf("ship %s: %w", s.Dir, err)
	}
	var out []Object
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if s.Ready != nil {
			ok, err := s.Ready(ctx, filepath.Join(s.Dir, name))
			if err != nil {
				return out, fmt.Errorf("ship %s: %w", name, err)
			}
			if !ok {
				continue
			}
		}
		obj, err := s.shipOne(ctx, name)
		if err != nil {
			return out, err
		}
		out = append(out, obj)
	}
	return out, nil
}

func (s *Shipper) shipOne(ctx context.Context, name string) (Object, error) {
	path := filepath.Join(s.Dir, name)
	size, sum, err := fileDigest(path)
	if err != nil {
		return Object{}, fmt.Errorf("ship %s: %w", name, err)
	}
	if err := s.Catalog.WARCFileClosed(ctx, name, size, sum); err != nil {
		return Object{}, fmt.Errorf("ship %s: %w", name, err)
	}
	obj, err := s.Storage.Put(ctx, name, path)
	if err != nil {
		return Object{}, fmt.Errorf("ship %s: %w", name, err)
	}
	if obj.SHA256 != sum || obj.Size != size {
		return Object{}, fmt.Errorf("ship %s: stored %d bytes sha256 %s, the file has %d bytes sha256 %s", name, obj.Size, obj.SHA256, size, sum)
	}
	index := path + ".cdxj"
	if _, err := os.Stat(index); err == nil {
		if _, err := s.Storage.Put(ctx, name+".cdxj", index); err != nil {
			return Object{}, fmt.Errorf("ship %s: its index: %w", name, err)
		}
	}
	if err := s.Catalog.WARCFileStored(ctx, name, s.Storage.Location(name), size, sum); err != nil {
		return Object{}, fmt.Errorf("ship %s: %w", name, err)
	}
	if s.Log != nil {
		s.Log.Info("warc file stored", "file", name, "bytes", size, "sha256", sum, "at", s.Storage.Location(name))
	}
	if !s.Keep {
		if err := errors.Join(os.Remove(path), removeIfThere(index)); err != nil {
			return obj, fmt.Errorf("ship %s: stored, but the local copy stays: %w", name, err)
		}
	}
	return obj, nil
}

func removeIfThere(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// closedFiles lists the closed WARC files of dir by name.
func closedFiles(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".warc.gz") {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}
