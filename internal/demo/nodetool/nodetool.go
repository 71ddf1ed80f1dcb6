// Package nodetool installs, for the tests, the independent readers of
// tools/ that run on Node.js (warcio.js for WARC files and their CDXJ
// indexes, hyparquet for Parquet files, the Frictionless Data library for
// data packages), each pinned by its package.json.
//
// Dir returns a folder holding the tool's node_modules: tools/NAME itself
// when its packages are installed there (as CI does), else a copy under the
// user's cache folder, installed with npm on first use and reused after.
// A test skips only when node or npm is missing.
package nodetool

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Node returns the path of the node binary, skipping the test when there
// is none.
func Node(t testing.TB) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: the independent reader cannot run")
	}
	return node
}

// Dir returns a folder with the tool tools/name installed (its scripts
// and node_modules), installing it when needed.
func Dir(t testing.TB, name string) string {
	t.Helper()
	Node(t)
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(root, "tools", name)
	manifest, err := os.ReadFile(filepath.Join(src, "package.json"))
	if err != nil {
		t.Fatalf("tool %s: %v", name, err)
	}
	if _, err := os.Stat(filepath.Join(src, "node_modules")); err == nil {
		return src
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Skip("npm is not on PATH: the independent reader cannot be installed")
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	sum := sha256.Sum256(manifest)
	dir := filepath.Join(cache, "archivio-tests", name+"-"+hex.EncodeToString(sum[:6]))
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil {
		if err := copyScripts(src, dir); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	if err := install(npm, src, dir); err != nil {
		t.Fatalf("install the %s reader: %v", name, err)
	}
	return dir
}

// install copies the tool to a fresh folder beside dir, installs its
// packages there and renames it to dir, so that tests of several packages
// installing at once never see a half-installed tool.
func install(npm, src, dir string) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := copyScripts(src, tmp); err != nil {
		return err
	}
	cmd := exec.Command(npm, "install", "--no-audit", "--no-fund", "--silent")
	cmd.Dir = tmp
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm install in %s: %w\n%s", tmp, err, out)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, serr := os.Stat(filepath.Join(dir, "node_modules")); serr == nil {
			return copyScripts(src, dir) // another test installed it first
		}
		return err
	}
	return nil
}

// copyScripts copies the tool's own files (not node_modules) from src to
// dst, so a cached install runs the current scripts.
func copyScripts(src, dst string) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// repoRoot is the folder holding go.mod, above the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}
