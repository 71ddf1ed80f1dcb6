package archive

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// entries lists the names in dir.
func entries(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

func addTestCapture(t *testing.T, st *Store, url string) {
	t.Helper()
	if _, err := st.AddCapture(context.Background(), &Capture{URL: url, FetchedAt: time.Now(), Status: 200, WARCFile: "x.warc.gz", WARCOffset: int64(len(url))}); err != nil {
		t.Fatal(err)
	}
}

// TestOpenReadOnlyOnReadOnlyFolder: an archive whose folder cannot be
// written is read immutable, and nothing is created beside the catalog
// (no -wal, -shm or journal), nothing modified, even for root.
func TestOpenReadOnlyOnReadOnlyFolder(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	addTestCapture(t, st, "https://example.org/a")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, DBName)
	os.Chmod(db, 0o444)
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(db, 0o644) })
	before, info := entries(t, dir), mustStat(t, db)

	ro, err := OpenReadOnly(ctx, dir)
	if err != nil {
		t.Fatalf("read-only open: %v", err)
	}
	if n, err := ro.CaptureCount(ctx); err != nil || n != 1 {
		t.Errorf("captures %d, %v", n, err)
	}
	if err := ro.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	after := mustStat(t, db)
	if got := entries(t, dir); got != before || !after.ModTime().Equal(info.ModTime()) || after.Size() != info.Size() {
		t.Errorf("folder %q became %q; catalog %v %d became %v %d", before, got, info.ModTime(), info.Size(), after.ModTime(), after.Size())
	}
}

// TestOpenReadOnlySeesTheWriteAheadLog: a copy taken while a writer ran
// holds changes in its write-ahead log; they are read, never silently
// left out.
func TestOpenReadOnlySeesTheWriteAheadLog(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.db.Exec("PRAGMA wal_autocheckpoint=0"); err != nil {
		t.Fatal(err)
	}
	addTestCapture(t, st, "https://example.org/in-the-log")
	cp := t.TempDir()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if out, err := exec.Command("cp", filepath.Join(dir, DBName+suffix), filepath.Join(cp, DBName+suffix)).CombinedOutput(); err != nil {
			t.Fatalf("copy: %v %s", err, out)
		}
	}
	if fi := mustStat(t, filepath.Join(cp, DBName+"-wal")); fi.Size() == 0 {
		t.Fatal("the copy's log is empty: nothing to test")
	}
	os.Chmod(cp, 0o555)
	t.Cleanup(func() { os.Chmod(cp, 0o755) })
	ro, err := OpenReadOnly(ctx, cp)
	if err != nil {
		if !strings.Contains(err.Error(), "write-ahead log") {
			t.Fatalf("read-only open of a copy with a log: %v, want the log named", err)
		}
		return
	}
	defer ro.Close()
	if got, err := ro.CaptureCount(ctx); err != nil || got != 1 {
		t.Errorf("the copy shows %d captures (%v); the one in its log must be read", got, err)
	}
}

// TestOpenReadOnlyRefusesAnOlderSchema: a catalog a writer has not
// migrated yet is not read with the wrong schema.
func TestOpenReadOnlyRefusesAnOlderSchema(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.Exec(`DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := OpenReadOnly(ctx, dir); err == nil || !strings.Contains(err.Error(), "older than this archivio") {
		t.Errorf("read-only open of an older schema: %v", err)
	}
	if _, err := OpenReadOnly(ctx, t.TempDir()); err == nil {
		t.Error("read-only open of a folder without an archive succeeded")
	}
}

func mustStat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}
