package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ErrFolderNotEmpty is wrapped by the error of an export into a folder
// that holds files it may not write over.
var ErrFolderNotEmpty = errors.New("the output folder is not empty")

// writes are the names of the files an export in format writes, its
// manifest included.
func writes(format string) []string {
	var out []string
	if format == "sqlite" {
		out = append(out, SQLiteFile)
	} else {
		for _, t := range exportTables(format) {
			out = append(out, t.Name+"."+Formats[format])
		}
	}
	return append(out, DataPackageFile, CodebookFile, ManifestFile)
}

// prepareFolder makes dir ready for an export that writes the files
// named: a new or empty folder is used as it is; one that holds files is
// refused unless overwrite, and then the files an earlier export wrote
// there (manifest.json and those it names) are removed, after checking
// that none of the files the export writes would replace someone else's.
// Nothing is removed when the export is refused.
func prepareFolder(dir string, names []string, overwrite bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) || err == nil && len(entries) == 0 {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	if !overwrite {
		return fmt.Errorf("%w: %s holds %d files (%s): choose a new or empty folder, or --overwrite to replace an earlier export there (only the files its manifest.json names are removed)",
			ErrFolderNotEmpty, dir, len(entries), examples(entries))
	}
	earlier, err := earlierExport(dir)
	if err != nil {
		return err
	}
	var clash []string
	for _, n := range names {
		if _, err := os.Lstat(filepath.Join(dir, n)); err == nil && !slices.Contains(earlier, n) {
			clash = append(clash, n)
		}
	}
	if len(clash) > 0 {
		return fmt.Errorf("%w: %s holds %s, which no earlier export there wrote (its manifest.json does not name them): not writing over them; move them away or choose another folder",
			ErrFolderNotEmpty, dir, strings.Join(clash, ", "))
	}
	for _, n := range earlier {
		if err := os.Remove(filepath.Join(dir, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove the earlier export's %s: %w", n, err)
		}
	}
	return nil
}

// earlierExport returns the files an earlier export wrote in dir: its
// manifest.json and the files it names, or none when there is no
// manifest. A manifest naming a file outside dir (a path with a folder in
// it) is refused: an export's files are all at the folder's top.
func earlierExport(dir string) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m struct {
		Files []struct {
			Path string `json:"path"`
		} `json:"files"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s in %s is not an archivio export's manifest: %w", ManifestFile, dir, err)
	}
	out := []string{ManifestFile}
	for _, f := range m.Files {
		if f.Path == "" || f.Path != filepath.Base(f.Path) || !filepath.IsLocal(f.Path) || strings.ContainsAny(f.Path, `/\`) {
			return nil, fmt.Errorf("%s in %s names %q, not a file of the folder: not removing anything", ManifestFile, dir, f.Path)
		}
		out = append(out, f.Path)
	}
	return out, nil
}

// examples names up to three entries of a folder.
func examples(entries []os.DirEntry) string {
	var names []string
	for _, e := range entries[:min(3, len(entries))] {
		names = append(names, e.Name())
	}
	if len(entries) > 3 {
		names = append(names, "...")
	}
	return strings.Join(names, ", ")
}
