package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"archivio/internal/demo/demosite"
)

// dirState lists every entry under dir with its mode, size, time and
// content hash, to tell whether anything was created or modified.
func dirState(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		sum := ""
		if info.Mode().IsRegular() {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			h := sha256.New()
			io.Copy(h, f)
			f.Close()
			sum = hex.EncodeToString(h.Sum(nil))[:16]
		}
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, fmt.Sprintf("%s %v %d %s %s", rel, info.Mode(), info.Size(), info.ModTime().UTC().Format("15:04:05.000000000"), sum))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// copyTree copies the regular files and folders of src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// chmodTree sets the permission bits of everything under dir: files get
// mode, folders mode with the search bits of its read bits.
func chmodTree(t *testing.T, dir string, mode fs.FileMode) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		m := mode
		if d.IsDir() {
			m |= (mode & 0o444) >> 2
		}
		return os.Chmod(p, m)
	})
}

// TestReadingCommandsOnAReadOnlyArchive copies an archive, makes the copy
// read-only (chmod -R a-w), and runs the reading commands on it: they work
// and create or change nothing there. (When the tests run as root, chmod
// does not stop writes: then the check that nothing changed is what tells
// that the catalog was opened read-only.)
func TestReadingCommandsOnAReadOnlyArchive(t *testing.T) {
	site, err := demosite.New(demosite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	live := t.TempDir()
	if out, _, err := runCLI(t, "", "crawl", "--base-url", srv.URL, "--allow-private", "--delay", "0", "--data", live, "--quiet"); err != nil {
		t.Fatalf("crawl: %v\n%s", err, out)
	}
	ro := filepath.Join(t.TempDir(), "media")
	copyTree(t, live, ro)
	chmodTree(t, ro, 0o444)
	t.Cleanup(func() { chmodTree(t, ro, 0o644) })
	before := dirState(t, ro)

	out := t.TempDir()
	for _, args := range [][]string{
		{"records"},
		{"records", "--format", "jsonl", "--id", "141"},
		{"status"},
		{"status", "--format", "json"},
		{"links"},
		{"alerts"},
		{"export", "--format", "csv", "--out", filepath.Join(out, "csv")},
		{"diff", "--from", "2000-01-01", "--to", "2100-01-01"},
	} {
		stdout, stderr, err := runCLI(t, "", append(args, "--data", ro)...)
		if err != nil {
			t.Errorf("archivio %s on a read-only archive: %v\n%s", strings.Join(args, " "), err, stderr)
			continue
		}
		if args[0] == "records" && !strings.Contains(stdout, "141") {
			t.Errorf("archivio %s: record 141 missing:\n%s", strings.Join(args, " "), stdout)
		}
	}
	if after := dirState(t, ro); after != before {
		t.Errorf("reading commands changed the read-only archive:\nbefore\n%s\nafter\n%s", before, after)
	}
}
