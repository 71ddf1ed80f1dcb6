package archive

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestCatalogIDIsStableAndUnique checks the catalog's identity: a UUID
// version 4, the same after reopening and after the directory moves, and
// different for another archive.
func TestCatalogIDIsStableAndUnique(t *testing.T) {
	ctx := context.Background()
	uuid4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	root := t.TempDir()
	dir := filepath.Join(root, "a")
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.CatalogID(ctx)
	st.Close()
	if err != nil || !uuid4.MatchString(id) {
		t.Fatalf("catalog id %q, %v: want a version 4 UUID", id, err)
	}
	moved := filepath.Join(root, "moved")
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	for _, open := range []func(context.Context, string) (*Store, error){Open, OpenReadOnly} {
		st, err := open(ctx, moved)
		if err != nil {
			t.Fatal(err)
		}
		again, err := st.CatalogID(ctx)
		st.Close()
		if err != nil || again != id {
			t.Errorf("after moving the archive: %q, %v; want %q", again, err, id)
		}
	}
	other, err := Open(ctx, filepath.Join(root, "b"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if oid, _ := other.CatalogID(ctx); oid == id || !uuid4.MatchString(oid) {
		t.Errorf("another archive's id %q, the first's %q", oid, id)
	}
}
