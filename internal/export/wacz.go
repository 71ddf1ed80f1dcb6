package export

import (
	"archive/zip"
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"archivio/archive"
)

// WACZ (Web Archive Collection Zipped, version 1.1.1): the archive's WARC
// files in a ZIP with a CDXJ index of them, the list of its pages (every
// record's page as its latest version was read, titled), a Frictionless
// datapackage.json with the SHA-256 and size of every file, and
// datapackage-digest.json with the hash of that. ReplayWeb.page opens it.

// WACZVersion is the version of the WACZ format written.
const WACZVersion = "1.1.1"

// WACZName is the file "archivio export --format wacz" writes.
const WACZName = "archivio.wacz"

// WACZOptions configure a WACZ package.
type WACZOptions struct {
	DataDir string // the archive's data directory (required unless Archive is set)
	// Archive, when set, is the archive packaged instead of DataDir's:
	// the shared PostgreSQL catalog with its WARC storage. The caller
	// closes it.
	Archive WACZArchive
	Version string // the archivio version, in datapackage.json's software
	Now     func() time.Time
}

// WACZArchive is what a WACZ package reads of an archive other than a
// data directory: its record pages, and its stored WARC files (with
// their CDXJ indexes, NAME.cdxj) read whole.
type WACZArchive interface {
	ArchivedRecordPages(ctx context.Context, fn func(archive.ArchivedPage) error) error
	StoredWARCFiles(ctx context.Context) ([]string, error)
	OpenStored(ctx context.Context, name string) (io.ReadCloser, error)
}

// dirArchive is a data directory as a WACZArchive: its catalog and the
// closed WARC files of its warc/ folder.
type dirArchive struct{ *archive.Store }

func (d dirArchive) StoredWARCFiles(ctx context.Context) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(d.WARCDir(), "*.warc.gz"))
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	return names, err
}

func (d dirArchive) OpenStored(ctx context.Context, name string) (io.ReadCloser, error) {
	return os.Open(filepath.Join(d.WARCDir(), name))
}

// WACZResult says what a WACZ package holds.
type WACZResult struct {
	WARCFiles int
	Pages     int
	Indexed   int // lines of the CDXJ index
	Bytes     int64
}

// waczResource is one file of the package as datapackage.json lists it.
type waczResource struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Hash  string `json:"hash"`
	Bytes int64  `json:"bytes"`
}

// ExportWACZ writes DIR/archivio.wacz, replacing it whole only once it is
// complete.
func ExportWACZ(ctx context.Context, o WACZOptions, outDir string) (string, *WACZResult, error) {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return "", nil, fmt.Errorf("export wacz: %w", err)
	}
	final := filepath.Join(outDir, WACZName)
	f, err := os.CreateTemp(outDir, ".archivio-*.wacz")
	if err != nil {
		return "", nil, fmt.Errorf("export wacz: %w", err)
	}
	defer os.Remove(f.Name())
	res, err := WriteWACZ(ctx, o, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", nil, err
	}
	if err := os.Rename(f.Name(), final); err != nil {
		return "", nil, fmt.Errorf("export wacz: %w", err)
	}
	return final, res, nil
}

// WriteWACZ writes the archive in o.DataDir as a WACZ package to w. WARC
// files still being written (NAME.open) are left out.
func WriteWACZ(ctx context.Context, o WACZOptions, w io.Writer) (*WACZResult, error) {
	if o.DataDir == "" && o.Archive == nil {
		return nil, errors.New("export wacz: no data directory")
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	created := now().UTC()
	st := o.Archive
	if st == nil {
		local, err := archive.OpenReadOnly(ctx, o.DataDir)
		if err != nil {
			return nil, err
		}
		defer local.Close()
		st = dirArchive{local}
	}
	warcs, err := st.StoredWARCFiles(ctx)
	if err != nil {
		return nil, fmt.Errorf("export wacz: %w", err)
	}
	sort.Strings(warcs)
	cw := &countWriter{w: w}
	zw := zip.NewWriter(cw)
	res := &WACZResult{WARCFiles: len(warcs)}
	var resources []waczResource
	open := func(name string) (io.ReadCloser, error) { return st.OpenStored(ctx, name) }
	for _, name := range warcs {
		r, err := storeFile(ctx, zw, open, name, "archive/"+name)
		if err != nil {
			return nil, fmt.Errorf("export wacz: %w", err)
		}
		resources = append(resources, r)
	}
	r, err := deflated(zw, "indexes/index.cdxj", func(w io.Writer) error {
		n, err := mergeCDXJ(ctx, open, warcs, w)
		res.Indexed = n
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("export wacz: index: %w", err)
	}
	resources = append(resources, r)
	r, err = deflated(zw, "pages/pages.jsonl", func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(map[string]string{"format": "json-pages-1.0", "id": "pages", "title": "Record pages"}); err != nil {
			return err
		}
		return st.ArchivedRecordPages(ctx, func(p archive.ArchivedPage) error {
			res.Pages++
			return enc.Encode(map[string]string{"id": fmt.Sprintf("record-%d", p.RecordID), "url": p.URL,
				"ts": p.CapturedAt.UTC().Format(time.RFC3339), "title": p.Title})
		})
	})
	if err != nil {
		return nil, fmt.Errorf("export wacz: pages: %w", err)
	}
	resources = append(resources, r)
	pkg, err := json.MarshalIndent(map[string]any{
		"profile":      "data-package",
		"wacz_version": WACZVersion,
		"title":        "archivio: Osservatorio Partecipazione records and their sources",
		"description":  "The WARC files of an archivio archive: the record pages of the Osservatorio Partecipazione (Regione Emilia-Romagna), the sites they cite, and the link checks, as captured.",
		"created":      created.Format(time.RFC3339),
		"software":     "archivio " + o.Version,
		"resources":    resources,
	}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("export wacz: %w", err)
	}
	if _, err := deflated(zw, "datapackage.json", func(w io.Writer) error { _, err := w.Write(pkg); return err }); err != nil {
		return nil, fmt.Errorf("export wacz: %w", err)
	}
	sum := sha256.Sum256(pkg)
	digest, _ := json.MarshalIndent(map[string]string{"path": "datapackage.json", "hash": "sha256:" + hex.EncodeToString(sum[:])}, "", "  ")
	if _, err := deflated(zw, "datapackage-digest.json", func(w io.Writer) error { _, err := w.Write(digest); return err }); err != nil {
		return nil, fmt.Errorf("export wacz: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("export wacz: %w", err)
	}
	res.Bytes = cw.n
	return res, nil
}

// storeFile adds the file named file uncompressed (STORE), so that
// readers reach its records by offset: a first pass computes its CRC-32
// and SHA-256, a second copies it.
func storeFile(ctx context.Context, zw *zip.Writer, open func(string) (io.ReadCloser, error), file, name string) (waczResource, error) {
	f, err := open(file)
	if err != nil {
		return waczResource{}, err
	}
	crc, sha := crc32.NewIEEE(), sha256.New()
	n, err := io.Copy(io.MultiWriter(crc, sha), ctxReader{ctx, f})
	f.Close()
	if err != nil {
		return waczResource{}, fmt.Errorf("read %s: %w", file, err)
	}
	if f, err = open(file); err != nil {
		return waczResource{}, err
	}
	defer f.Close()
	h := &zip.FileHeader{Name: name, Method: zip.Store, CRC32: crc.Sum32(), CompressedSize64: uint64(n), UncompressedSize64: uint64(n)}
	h.Modified = time.Now().UTC()
	zf, err := zw.CreateRaw(h)
	if err != nil {
		return waczResource{}, err
	}
	again := sha256.New()
	m, err := io.Copy(zf, io.TeeReader(ctxReader{ctx, io.LimitReader(f, n)}, again))
	if err != nil {
		return waczResource{}, fmt.Errorf("copy %s: %w", file, err)
	}
	if m != n || hex.EncodeToString(again.Sum(nil)) != hex.EncodeToString(sha.Sum(nil)) {
		return waczResource{}, fmt.Errorf("copy %s: the file changed while it was read", file)
	}
	return waczResource{Name: filepath.Base(name), Path: name, Hash: "sha256:" + hex.EncodeToString(sha.Sum(nil)), Bytes: n}, nil
}

// deflated adds a file compressed, written by fill, with its hash.
func deflated(zw *zip.Writer, name string, fill func(io.Writer) error) (waczResource, error) {
	zf, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now().UTC()})
	if err != nil {
		return waczResource{}, err
	}
	sha := sha256.New()
	cw := &countWriter{w: io.MultiWriter(zf, sha)}
	bw := bufio.NewWriter(cw)
	if err := fill(bw); err != nil {
		return waczResource{}, err
	}
	if err := bw.Flush(); err != nil {
		return waczResource{}, err
	}
	return waczResource{Name: filepath.Base(name), Path: name, Hash: "sha256:" + hex.EncodeToString(sha.Sum(nil)), Bytes: cw.n}, nil
}

// mergeCDXJ writes the CDXJ indexes beside the WARC files as one index,
// sorted as each of them is (by line, as bytes), reading each once.
func mergeCDXJ(ctx context.Context, open func(string) (io.ReadCloser, error), warcs []string, w io.Writer) (int, error) {
	type src struct {
		sc   *bufio.Scanner
		line string
		f    io.ReadCloser
	}
	var srcs []*src
	defer func() {
		for _, s := range srcs {
			s.f.Close()
		}
	}()
	for _, p := range warcs {
		f, err := open(strings.TrimSuffix(p, ".open") + ".cdxj")
		if err != nil {
			return 0, fmt.Errorf("the index of %s (written when the WARC file is closed; a crawl writes a missing one): %w", p, err)
		}
		s := &src{sc: bufio.NewScanner(f), f: f}
		s.sc.Buffer(make([]byte, 64<<10), 1<<20)
		srcs = append(srcs, s)
	}
	next := func(s *src) (bool, error) {
		if s.sc.Scan() {
			s.line = s.sc.Text()
			return true, nil
		}
		return false, s.sc.Err()
	}
	var live []*src
	for _, s := range srcs {
		ok, err := next(s)
		if err != nil {
			return 0, err
		}
		if ok {
			live = append(live, s)
		}
	}
	n := 0
	for len(live) > 0 {
		if n%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
		}
		best := 0
		for i, s := range live[1:] {
			if s.line < live[best].line {
				best = i + 1
			}
		}
		s := live[best]
		if _, err := io.WriteString(w, s.line+"\n"); err != nil {
			return n, err
		}
		n++
		ok, err := next(s)
		if err != nil {
			return n, err
		}
		if !ok {
			live = append(live[:best], live[best+1:]...)
		}
	}
	return n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ctxReader stops a long copy when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
