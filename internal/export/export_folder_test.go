package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	mustT(t, err)
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// An export refuses a folder that holds anything, unless told to
// overwrite; overwriting removes only the files an earlier export wrote
// (those its manifest names), and a file of someone else's that the export
// would write over is refused even then.
func TestExportIntoAFolderThatHoldsFiles(t *testing.T) {
	a := newArchive(t)
	a.apply(rec141(), day(1))
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "out")
	run := func(format string, overwrite bool) error {
		_, err := Export(ctx, Options{DataDir: a.dir, OutDir: out, Format: format, Version: "test", Overwrite: overwrite})
		return err
	}
	mustT(t, run("parquet", false))
	parquetFiles := listDir(t, out)
	mustT(t, os.WriteFile(filepath.Join(out, "NOTES.txt"), []byte("my notes"), 0o644))

	err := run("csv", false)
	if !errors.Is(err, ErrFolderNotEmpty) {
		t.Fatalf("csv into the parquet export's folder: %v, want ErrFolderNotEmpty", err)
	}
	want := append(slices.Clone(parquetFiles), "NOTES.txt")
	slices.Sort(want)
	if got := listDir(t, out); !slices.Equal(got, want) {
		t.Errorf("a refused export changed the folder: %v, want %v", got, want)
	}

	mustT(t, run("csv", true))
	got := listDir(t, out)
	for _, f := range got {
		if filepath.Ext(f) == ".parquet" {
			t.Errorf("the earlier export's %s is still there", f)
		}
	}
	if b, err := os.ReadFile(filepath.Join(out, "NOTES.txt")); err != nil || string(b) != "my notes" {
		t.Errorf("a file the earlier export did not write was touched: %q %v", b, err)
	}
	if !slices.Contains(got, "processes.csv") || !slices.Contains(got, ManifestFile) {
		t.Errorf("the new export is not there: %v", got)
	}

	// Someone else's processes.jsonl, not named by the manifest: even
	// --overwrite does not write over it.
	mustT(t, os.WriteFile(filepath.Join(out, "processes.jsonl"), []byte("{}\n"), 0o644))
	if err := run("jsonl", true); !errors.Is(err, ErrFolderNotEmpty) {
		t.Errorf("jsonl over a file no export wrote: %v, want ErrFolderNotEmpty", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "processes.jsonl")); string(b) != "{}\n" {
		t.Errorf("the foreign processes.jsonl was written over: %q", b)
	}
	if !slices.Contains(listDir(t, out), "processes.csv") {
		t.Errorf("a refused export removed the earlier one")
	}

	// A manifest naming a file outside the folder removes nothing there.
	outside := filepath.Join(t.TempDir(), "keep.txt")
	mustT(t, os.WriteFile(outside, []byte("keep"), 0o644))
	evil := filepath.Join(t.TempDir(), "evil")
	mustT(t, os.MkdirAll(evil, 0o755))
	mustT(t, os.WriteFile(filepath.Join(evil, ManifestFile), []byte(`{"files":[{"path":"`+filepath.ToSlash(outside)+`"},{"path":"../keep.txt"}]}`), 0o644))
	if _, err := Export(ctx, Options{DataDir: a.dir, OutDir: evil, Format: "csv", Version: "test", Overwrite: true}); err == nil {
		t.Errorf("a manifest naming files outside the folder was followed")
	}
	if _, err := os.Stat(outside); err != nil {
		t.Errorf("a file outside the folder was removed: %v", err)
	}
}

// A new or empty folder needs no --overwrite.
func TestExportIntoAnEmptyFolder(t *testing.T) {
	a := newArchive(t)
	a.apply(rec141(), day(1))
	out := t.TempDir()
	if _, err := Export(context.Background(), Options{DataDir: a.dir, OutDir: out, Format: "csv", Version: "test"}); err != nil {
		t.Fatal(err)
	}
}
