package archive

import "sync"

// writeMemory is what the store's one writer knows of the catalog, so that
// a record's writes need not ask it again: the field lists stored and the
// records with a parse failure. One process writes a data directory at a
// time (its lock), so what the writer saw committed stays true between its
// transactions.
type writeMemory struct {
	mu sync.Mutex
	// fieldLists are lists known to be in parse_field_lists (committed;
	// a list is never deleted). At most maxFieldLists are kept: a catalog
	// whose pages find ever new lists asks for the others.
	fieldLists map[string]bool
	// failing are the records that may have a row in parse_failures: read
	// from the catalog at the first need, and every record a failure was
	// written for since, committed or not (kept too long, it costs only a
	// statement that deletes nothing). nil until read.
	failing map[int]bool
}

// maxFieldLists bounds writeMemory.fieldLists: the fields found on a
// record page vary little from page to page (one list per layout and
// fullness), so a few hundred cover a catalog.
const maxFieldLists = 512

// hasFieldList reports whether list is known to be stored.
func (m *writeMemory) hasFieldList(list string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.fieldLists[list]
}

// storedFieldList notes that list was committed.
func (m *writeMemory) storedFieldList(list string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fieldLists == nil {
		m.fieldLists = map[string]bool{}
	}
	if len(m.fieldLists) < maxFieldLists {
		m.fieldLists[list] = true
	}
}

// mayFail reports whether record id may have a parse failure stored,
// reading the records that have one from the catalog at the first call.
func (m *writeMemory) mayFail(t *txn, id int) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failing == nil {
		rows, err := t.tx.QueryContext(t.ctx, `SELECT record_id FROM parse_failures`)
		if err != nil {
			return false, err
		}
		failing := map[int]bool{}
		for rows.Next() {
			var r int
			if err := rows.Scan(&r); err != nil {
				rows.Close()
				return false, err
			}
			failing[r] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return false, err
		}
		m.failing = failing
	}
	return m.failing[id], nil
}

// failed notes that a parse failure of record id is being written.
func (m *writeMemory) failed(id int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failing != nil {
		m.failing[id] = true
	}
}
