package archive

import (
	"context"
	"path/filepath"
	"testing"
)

// storeAtStep opens the catalog in dir at schema step n only, as an
// older archivio left it, for a migration test to fill before the later
// steps run; the caller closes st.db.
func storeAtStep(t testing.TB, dir string, n int) *Store {
	t.Helper()
	db := openSQLite("file:"+filepath.Join(dir, DBName)+"?_foreign_keys=on&_journal_mode=WAL", &docCodec{})
	st := &Store{dir: dir, db: db, rdb: db, docs: &docCodec{}}
	if err := st.migrateTo(context.Background(), n); err != nil {
		db.Close()
		t.Fatal(err)
	}
	return st
}

// TestNewCatalogAsStepByStep: a new catalog, its steps taken in one
// transaction, has the schema of one taken a step at a time, each in its
// own, and records every step.
func TestNewCatalogAsStepByStep(t *testing.T) {
	ctx := context.Background()
	schema := func(st *Store) []string {
		t.Helper()
		rows, err := st.db.QueryContext(ctx, `SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		var steps int
		if err := st.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&steps); err != nil {
			t.Fatal(err)
		}
		if steps != len(migrations)-1 {
			t.Errorf("%d steps recorded, want %d", steps, len(migrations)-1)
		}
		return out
	}
	fresh, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	stepped := storeAtStep(t, t.TempDir(), 1)
	defer stepped.db.Close()
	for v := 2; v < len(migrations); v++ {
		if err := stepped.migrateTo(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	a, b := schema(fresh), schema(stepped)
	if len(a) != len(b) || len(a) < 20 {
		t.Fatalf("new catalog: %d schema objects; step by step: %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("new catalog:\n  %s\nstep by step:\n  %s", a[i], b[i])
		}
	}
}
