package pagegen

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed records/*.txt
var recordsFS embed.FS

// Source is one embedded record text.
type Source struct {
	ID   int    // the record id, from the file name
	File string // path inside this package, e.g. "records/141.txt"
	Text []byte // the record text, as stored
}

// Sources returns all embedded records/*.txt, sorted by ID.
func Sources() ([]Source, error) {
	names, err := fs.Glob(recordsFS, "records/*.txt")
	if err != nil {
		return nil, fmt.Errorf("list records: %w", err)
	}
	out := make([]Source, 0, len(names))
	for _, name := range names {
		id, err := strconv.Atoi(strings.TrimSuffix(path.Base(name), ".txt"))
		if err != nil || id <= 0 {
			return nil, fmt.Errorf("record file %s: name is not a record id", name)
		}
		text, err := recordsFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		out = append(out, Source{ID: id, File: name, Text: text})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// sourceFile returns the embedded file holding record id, or "".
func sourceFile(id int) string {
	name := fmt.Sprintf("records/%d.txt", id)
	if _, err := fs.Stat(recordsFS, name); err != nil {
		return ""
	}
	return name
}
