package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/pg/pgtest"
	"archivio/archive/warcstore"
	"archivio/archive/warcstore/s3test"
)

// postgres is the PostgreSQL server of the tests that need one, started
// on first use (see TestMain).
var postgres *pgtest.Env

// sharedConfig writes an archivio.yaml naming the shared catalog (its
// connection string in $TEST_ARCHIVIO_PG) and a bucket, and returns its
// path and the environment the commands read.
func sharedConfig(t *testing.T, dsn, endpoint string) (string, func(string) string) {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "archivio.yaml")
	yaml := "store: postgres\npostgres:\n  dsn_env: TEST_ARCHIVIO_PG\n  node: migrator\n" +
		"warc_storage:\n  bucket: " + s3test.Bucket + "\n  prefix: warc/\n  endpoint: " + endpoint + "\n  path_style: true\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg, func(k string) string {
		if k == "TEST_ARCHIVIO_PG" {
			return dsn
		}
		return ""
	}
}

func runWith(t *testing.T, getenv func(string) string, fn func(context.Context, *env, []string) error, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := fn(context.Background(), &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: getenv}, args)
	return out.String(), errOut.String(), err
}

// readTree maps the files under dir to their contents.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(b)
		return nil
	})
	return out
}

// failWrites wraps a bucket so that, while *on, every write of an object
// whose key holds name is refused.
func failWrites(name string, on *atomic.Bool) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if on.Load() && r.Method != http.MethodGet && r.Method != http.MethodHead && strings.Contains(r.URL.Path, name) {
				http.Error(w, "refused by the test", http.StatusForbidden)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
}

// TestMigrateToPostgresRoundTrip moves the demo's archive into
// PostgreSQL and its WARC files into a bucket: every table checked by
// count and digest; a move whose upload failed leaves the captures of
// the missing file pending, and running it again finishes it; then, with
// the archive's own warc/ folder gone, the exports, records, links, alerts and diffs read
// from the shared catalog equal those read from SQLite, reparse reads
// every record page from the bucket by range, and a catalog that holds
// something else is refused.
func TestMigrateToPostgresRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo")
	}
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "demo")
	if _, errOut, err := runCmd(t, runDemo, "--data", data, "--quiet"); err != nil {
		t.Fatalf("demo: %v\n%s", err, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(data, "warc", "*.warc.gz"))
	if len(files) == 0 {
		t.Fatal("the demo wrote no WARC file")
	}
	last := filepath.Base(files[len(files)-1])
	dsn := postgres.Schema(t)
	var refuse atomic.Bool
	refuse.Store(true)
	bucket := s3test.Start(t, t.TempDir(), failWrites(last, &refuse))
	cfg, getenv := sharedConfig(t, dsn, bucket.URL)

	// Not while something writes the archive.
	lock, err := archive.LockDir(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := runWith(t, getenv, runMigrate, "--to", "postgres", "--config", cfg, "--data", data); !errors.Is(err, archive.ErrLocked) ||
		!strings.Contains(err.Error(), "stop the crawl") {
		t.Errorf("migrate of a locked archive: %v", err)
	}
	lock.Unlock()

	// The upload of one file fails: the catalog is copied, that file's
	// captures wait for it, and reading one says so.
	_, _, err = runWith(t, getenv, runMigrate, "--to", "postgres", "--warc", "--config", cfg, "--data", data)
	if err == nil || !strings.Contains(err.Error(), last) {
		t.Fatalf("migrate with a failing upload of %s: %v", last, err)
	}
	shared, err := pg.Open(ctx, dsn, pg.Options{Node: "reader", WARCs: mustS3(t, bucket.URL)})
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	if n, err := shared.PendingCaptures(ctx); err != nil || n == 0 {
		t.Errorf("captures pending after the failed upload: %d, %v", n, err)
	}
	st, err := archive.OpenReadOnly(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var caps []*archive.Capture
	ids := make([]int64, 1000)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	if err := st.CapturesByID(ctx, ids, func(c *archive.Capture) error { caps = append(caps, c); return nil }); err != nil || len(caps) < 20 {
		t.Fatalf("the demo's captures: %d, %v", len(caps), err)
	}
	for _, c := range caps {
		if c.WARCFile == last {
			if _, _, err := shared.Payload(ctx, c); !errors.Is(err, pg.ErrPendingUpload) {
				t.Errorf("payload of capture %d, its file not uploaded: %v", c.ID, err)
			}
			break
		}
	}

	// Again, the bucket working: the copy is checked, not made twice,
	// and the files go up.
	refuse.Store(false)
	out, errOut, err := runWith(t, getenv, runMigrate, "--to", "postgres", "--warc", "--config", cfg, "--data", data, "--format", "json")
	if err != nil {
		t.Fatalf("migrate again: %v\n%s", err, errOut)
	}
	var rep struct {
		AlreadyCopied bool `json:"already_copied"`
		Tables        []struct {
			Name string
			Rows int64
		}
		WARCFiles []warcstore.Object `json:"warc_files"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("report %v\n%s", err, out)
	}
	rows := map[string]int64{}
	for _, tb := range rep.Tables {
		rows[tb.Name] = tb.Rows
	}
	if !rep.AlreadyCopied || len(rep.Tables) != len(archive.CatalogTables) || rows["captures"] != int64(len(caps)) ||
		rows["record_versions"] < 18 || rows["link_checks"] == 0 || rows["alerts"] == 0 {
		t.Errorf("tables checked: %v (already copied: %v)", rows, rep.AlreadyCopied)
	}
	if len(rep.WARCFiles) != len(files) {
		t.Errorf("WARC files in the report: %d, in the archive %d", len(rep.WARCFiles), len(files))
	}
	if n, err := shared.PendingCaptures(ctx); err != nil || n != 0 {
		t.Errorf("captures pending after the move: %d, %v", n, err)
	}
	// Once more, as a table: the copy checked again, nothing to upload.
	out, _, err = runWith(t, getenv, runMigrate, "--to", "postgres", "--warc", "--config", cfg, "--data", data)
	if err != nil || !strings.Contains(out, "already held") || !strings.Contains(out, "TABLE") || !strings.Contains(out, "record_versions") || !strings.Contains(out, last) {
		t.Errorf("migrate a third time: %v\n%s", err, out)
	}
	if _, _, err := runWith(t, getenv, runMigrate, "--to", "postgres", "--config", cfg, "--data", data, "--format", "csv"); !errors.Is(err, errUsage) ||
		!strings.Contains(err.Error(), "json") {
		t.Errorf("migrate --format csv: %v", err)
	}

	// The WACZ package of the archive as it is, before its files go.
	waczLocal := filepath.Join(t.TempDir(), "wacz")
	if _, errOut, err := runCmd(t, runExport, "--data", data, "--format", "wacz", "--out", waczLocal); err != nil {
		t.Fatalf("export wacz from SQLite: %v\n%s", err, errOut)
	}

	// From here on the reads of the shared catalog can only come from the
	// bucket.
	away := filepath.Join(data, "warc-away")
	if err := os.Rename(filepath.Join(data, "warc"), away); err != nil {
		t.Fatal(err)
	}
	for _, c := range caps {
		rc, err := shared.WARCRecord(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := archive.ReadResponseFrom(ctx, rc, c.WARCOffset)
		rc.Close()
		if err != nil || resp.TargetURI != c.URL {
			t.Errorf("capture %d from the bucket: %v", c.ID, err)
		}
	}

	// The same exports, records and diffs from either catalog. The
	// archive's own catalog reads its documents with its WARC files
	// (packed against their pages): it is read through a copy of its
	// folder beside the files moved away.
	local := localView(t, data, away)
	for _, format := range []string{"jsonl", "csv", "parquet", "sqlite"} {
		a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
		if _, errOut, err := runCmd(t, runExport, "--data", local, "--format", format, "--out", a, "--as-of", "2100-01-01"); err != nil {
			t.Fatalf("export from SQLite: %v\n%s", err, errOut)
		}
		if _, errOut, err := runWith(t, getenv, runExport, "--config", cfg, "--format", format, "--out", b, "--as-of", "2100-01-01"); err != nil {
			t.Fatalf("export from PostgreSQL: %v\n%s", err, errOut)
		}
		ta, tb := readTree(t, a), readTree(t, b)
		if len(ta) != len(tb) || len(ta) < 3 {
			t.Errorf("%s: files %d and %d", format, len(ta), len(tb))
		}
		for name, want := range ta {
			if name == "manifest.json" {
				continue // the time it was written
			}
			if tb[name] != want {
				t.Errorf("%s export: %s differs after the move:\n%s", format, name, firstDiff(want, tb[name]))
			}
		}
	}
	for _, c := range []struct {
		name string
		fn   func(context.Context, *env, []string) error
		args []string
	}{
		{"records", runRecords, []string{"--format", "jsonl"}},
		{"records", runRecords, []string{"--id", "141", "--format", "json"}},
		{"links", runLinks, []string{"--format", "jsonl"}},
		{"links", runLinks, []string{"--state", "down"}},
		{"alerts", runAlerts, []string{"--format", "json"}},
	} {
		want, _, err := runCmd(t, c.fn, append([]string{"--data", local}, c.args...)...)
		if err != nil {
			t.Fatal(err)
		}
		got, errOut, err := runWith(t, getenv, c.fn, append([]string{"--config", cfg}, c.args...)...)
		if err != nil || got != want || len(want) < 100 {
			t.Errorf("%s %v from PostgreSQL: %v %s\n got %.200s\nwant %.200s", c.name, c.args, err, errOut, got, want)
		}
	}
	want, _, err := runCmd(t, runDiff, "--data", local, "--from", "2000-01-01", "--to", "2100-01-01", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	if got, _, err := runWith(t, getenv, runDiff, "--config", cfg, "--from", "2000-01-01", "--to", "2100-01-01", "--format", "json"); err != nil || got != want {
		t.Errorf("diff from PostgreSQL: %v\n got %.200s\nwant %.200s", err, got, want)
	}

	// The same WACZ package, its WARC files and indexes from the bucket.
	waczShared := filepath.Join(t.TempDir(), "wacz")
	if _, errOut, err := runWith(t, getenv, runExport, "--config", cfg, "--format", "wacz", "--out", waczShared); err != nil {
		t.Fatalf("export wacz from PostgreSQL: %v\n%s", err, errOut)
	}
	za, zb := waczEntries(t, filepath.Join(waczLocal, "archivio.wacz")), waczEntries(t, filepath.Join(waczShared, "archivio.wacz"))
	if len(za) != len(zb) || len(za) < 5 {
		t.Errorf("WACZ entries: %d from SQLite, %d from PostgreSQL", len(za), len(zb))
	}
	for name, want := range za {
		if name == "datapackage-digest.json" {
			continue // the hash of datapackage.json, which holds its time
		}
		if got := zb[name]; got != want {
			t.Errorf("WACZ %s differs:\n%s", name, firstDiff(want, got))
		}
	}

	// Reparse reads every record page from the bucket: nothing changed,
	// nothing failed, as from the archive's own files.
	got, errOut, err := runWith(t, getenv, runReparse, "--config", cfg)
	if err != nil || !strings.Contains(got, " 0 changed") || errOut != "" {
		t.Errorf("reparse from PostgreSQL and the bucket: %v\n%s%s", err, got, errOut)
	}
	if err := os.Rename(away, filepath.Join(data, "warc")); err != nil {
		t.Fatal(err)
	}
	if want, _, err := runCmd(t, runReparse, "--data", data); err != nil || got != want {
		t.Errorf("reparse from SQLite: %v\n got %s\nwant %s", err, got, want)
	}

	// A catalog that holds something else than this archive is refused.
	if _, err := shared.AddCapture(ctx, &archive.Capture{URL: "https://elsewhere.example/", FetchedAt: time.Now(), Status: 200,
		WARCFile: "x.warc.gz", WARCLength: 1}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runWith(t, getenv, runMigrate, "--to", "postgres", "--config", cfg, "--data", data); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("a move into a catalog holding something else: %v", err)
	}
}

func mustS3(t *testing.T, endpoint string) *warcstore.S3 {
	t.Helper()
	s3, err := warcstore.NewS3(warcstore.S3Options{Bucket: s3test.Bucket, Prefix: "warc/", Endpoint: endpoint, PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	return s3
}

// localView is a copy of the files of the archive folder data (its
// catalog) with warc, its WARC files moved elsewhere, as its warc folder.
func localView(t *testing.T, data, warc string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(data, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(warc, filepath.Join(dir, "warc")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// firstDiff shows the first line where two texts differ.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d\n before: %.300s\n  after: %.300s", i+1, x, y)
		}
	}
	return "(no line differs)"
}

// waczEntries maps the files of a WACZ package to their contents, its
// datapackage.json to its resources only (the rest holds its time).
func waczEntries(t *testing.T, path string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "datapackage.json" {
			var pkg struct{ Resources json.RawMessage }
			if err := json.Unmarshal(b, &pkg); err != nil {
				t.Fatal(err)
			}
			b = pkg.Resources
		}
		out[f.Name] = string(b)
	}
	return out
}
