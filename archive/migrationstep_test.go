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
