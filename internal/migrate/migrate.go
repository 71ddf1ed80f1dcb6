package migrate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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
	Tables    []Table            `json:"tables"`
	WARCFiles []warcstore.Object `json:"warc_files,omitempty"`
}

// ErrMismatch is returned when a table differs after the copy.
var ErrMismatch = errors.New("the copy differs from the original")

// ToPostgres copies the archive and checks the copy.
func ToPostgres(ctx context.Context, o Options) (*Report, error) {
	cols := map[string][]string{}
	err := o.To.Import(ctx, func(add func(string, []string, []any) error) error {
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
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	rep := &Report{}
	for _, t := range archive.CatalogTables {
		src := newDigest()
		if err := o.From.TableRows(ctx, t, func(c []string, vals []any) error {
			if cols[t] == nil {
				cols[t] = slices.Clone(c)
			}
			src.add(vals)
			return nil
		}); err != nil {
			return rep, fmt.Errorf("migrate: check %s: %w", t, err)
		}
		dst := newDigest()
		if len(cols[t]) > 0 {
			if err := o.To.TableRows(ctx, t, cols[t], func(vals []any) error { dst.add(vals); return nil }); err != nil {
				return rep, fmt.Errorf("migrate: check %s: %w", t, err)
			}
		}
		s, d := src.sum(), dst.sum()
		if src.rows != dst.rows || s != d {
			return rep, fmt.Errorf("migrate: %s: %d rows, digest %s in SQLite; %d rows, digest %s in PostgreSQL: %w",
				t, src.rows, s, dst.rows, d, ErrMismatch)
		}
		rep.Tables = append(rep.Tables, Table{Name: t, Rows: src.rows, Digest: s})
	}
	if o.Storage == nil {
		return rep, nil
	}
	objs, err := moveWARCs(ctx, o)
	rep.WARCFiles = objs
	return rep, err
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
	var out []warcstore.Object
	have := map[string]bool{}
	for _, e := range ents {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".warc.gz") {
			continue
		}
		path := filepath.Join(dir, name)
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
		return out, fmt.Errorf("migrate warc files: %d captures name files not in %s (for example %s)", missing, dir, example)
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

// digest is an order-free digest of a table's rows: the sha256 of the
// sorted sha256 sums of its rows, each over its values typed and
// length-prefixed.
type digest struct {
	rows int64
	sums [][32]byte
}

func newDigest() *digest { return &digest{} }

func (d *digest) add(vals []any) {
	var b strings.Builder
	for _, v := range vals {
		switch x := v.(type) {
		case nil:
			b.WriteString("n;")
		case int64:
			b.WriteString("i" + strconv.FormatInt(x, 10) + ";")
		case float64:
			b.WriteString("f" + strconv.FormatFloat(x, 'g', -1, 64) + ";")
		case string:
			b.WriteString("s" + strconv.Itoa(len(x)) + ":" + x)
		case []byte:
			b.WriteString("s" + strconv.Itoa(len(x)) + ":" + string(x))
		default:
			fmt.Fprintf(&b, "?%T:%v;", v, v)
		}
	}
	d.rows++
	d.sums = append(d.sums, sha256.Sum256([]byte(b.String())))
}

func (d *digest) sum() string {
	slices.SortFunc(d.sums, func(a, b [32]byte) int { return strings.Compare(string(a[:]), string(b[:])) })
	h := sha256.New()
	for _, s := range d.sums {
		h.Write(s[:])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
