package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"archivio/archive"
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

// TestMigrateToPostgresRoundTrip moves the demo's archive into
// PostgreSQL and its WARC files into a bucket: every table checked by
// count and digest, the exports, records and diffs read from the shared
// catalog equal those read from SQLite, and every capture reads back from
// the bucket by range.
func TestMigrateToPostgresRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo")
	}
	data := filepath.Join(t.TempDir(), "demo")
	if _, errOut, err := runCmd(t, runDemo, "--data", data, "--quiet"); err != nil {
		t.Fatalf("demo: %v\n%s", err, errOut)
	}
	dsn := postgres.Schema(t)
	bucket := s3test.Start(t, t.TempDir(), nil)
	cfg, getenv := sharedConfig(t, dsn, bucket.URL)

	out, errOut, err := runWith(t, getenv, runMigrate, "--to", "postgres", "--warc", "--config", cfg, "--data", data, "--format", "json")
	if err != nil {
		t.Fatalf("migrate: %v\n%s", err, errOut)
	}
	var rep struct {
		Tables []struct {
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
	if len(rep.Tables) != len(archive.CatalogTables) || rows["captures"] == 0 || rows["record_versions"] < 18 || rows["link_checks"] == 0 || rows["alerts"] == 0 {
		t.Errorf("tables moved: %v", rows)
	}
	if len(rep.WARCFiles) == 0 {
		t.Error("no WARC file moved")
	}

	// The same exports, records and diffs from either catalog.
	for _, format := range []string{"jsonl", "csv"} {
		a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
		if _, errOut, err := runCmd(t, runExport, "--data", data, "--format", format, "--out", a, "--as-of", "2100-01-01"); err != nil {
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
	for _, args := range [][]string{{"--format", "jsonl"}, {"--id", "141", "--format", "json"}} {
		want, _, err := runCmd(t, runRecords, append([]string{"--data", data}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		got, errOut, err := runWith(t, getenv, runRecords, append([]string{"--config", cfg}, args...)...)
		if err != nil || got != want || want == "" {
			t.Errorf("records %v from PostgreSQL: %v %s\n got %.200s\nwant %.200s", args, err, errOut, got, want)
		}
	}
	want, _, err := runCmd(t, runDiff, "--data", data, "--from", "2000-01-01", "--to", "2100-01-01", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	if got, _, err := runWith(t, getenv, runDiff, "--config", cfg, "--from", "2000-01-01", "--to", "2100-01-01", "--format", "json"); err != nil || got != want {
		t.Errorf("diff from PostgreSQL: %v\n got %.200s\nwant %.200s", err, got, want)
	}

	// Every capture reads back from the bucket by range.
	st, err := archive.OpenReadOnly(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s3, err := warcstore.NewS3(warcstore.S3Options{Bucket: s3test.Bucket, Prefix: "warc/", Endpoint: bucket.URL, PathStyle: true})
	if err != nil {
		t.Fatal(err)
	}
	caps, err := st.CapturesOf(context.Background(), 1)
	if err != nil || len(caps) == 0 {
		t.Fatalf("captures of the demo's crawl: %d, %v", len(caps), err)
	}
	for _, c := range caps {
		rc, err := s3.Open(context.Background(), c.WARCFile, c.WARCOffset, c.WARCLength)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := archive.ReadResponseFrom(context.Background(), rc, c.WARCOffset)
		rc.Close()
		if err != nil || resp.TargetURI != c.URL {
			t.Errorf("capture %d from the bucket: %v", c.ID, err)
		}
	}

	// A second move into a catalog that holds an archive is refused.
	if _, _, err := runWith(t, getenv, runMigrate, "--to", "postgres", "--config", cfg, "--data", data); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("a second migrate: %v", err)
	}
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
