package archive

import (
	"database/sql"
	"fmt"
	"os"
	"strings"
	"time"
)

// TableFile is a new SQLite database file written table by table, in one
// transaction: the sqlite format of an export. It is not a data
// directory's catalog; nothing else is kept in it.
type TableFile struct {
	db *sql.DB
	tx *sql.Tx
}

// Column types of a TableFile's tables.
const (
	ColumnInteger = "INTEGER"
	ColumnReal    = "REAL"
	ColumnText    = "TEXT"
)

// TableSpec describes one table of a TableFile.
type TableSpec struct {
	Name       string
	Columns    []ColumnSpec
	PrimaryKey []string
	References []Reference // foreign keys
}

// ColumnSpec is one column: its name, type (ColumnInteger, ColumnReal or
// ColumnText) and whether it may be null.
type ColumnSpec struct {
	Name    string
	Type    string
	NotNull bool
}

// Reference is a foreign key: Column refers to Table's ToColumn.
type Reference struct {
	Column, Table, ToColumn string
}

// CreateTableFile creates the database file at path, replacing any file
// there.
func CreateTableFile(path string) (*TableFile, error) {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=OFF&_synchronous=OFF&_foreign_keys=off")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return &TableFile{db: db, tx: tx}, nil
}

// createSQL is the CREATE TABLE statement of t, with its keys.
func createSQL(t TableSpec) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE %s (\n", t.Name)
	for i, c := range t.Columns {
		fmt.Fprintf(&b, "\t%s %s", c.Name, c.Type)
		if c.NotNull {
			b.WriteString(" NOT NULL")
		}
		if i < len(t.Columns)-1 || len(t.PrimaryKey) > 0 || len(t.References) > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	if len(t.PrimaryKey) > 0 {
		fmt.Fprintf(&b, "\tPRIMARY KEY (%s)", strings.Join(t.PrimaryKey, ", "))
		if len(t.References) > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	for i, r := range t.References {
		fmt.Fprintf(&b, "\tFOREIGN KEY (%s) REFERENCES %s (%s)", r.Column, r.Table, r.ToColumn)
		if i < len(t.References)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(")")
	return b.String()
}

// Table creates a table and returns the writer of its rows.
func (f *TableFile) Table(t TableSpec) (*TableWriter, error) {
	if _, err := f.tx.Exec(createSQL(t)); err != nil {
		return nil, fmt.Errorf("create table %s: %w", t.Name, err)
	}
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", t.Name, strings.Join(names, ", "),
		strings.TrimSuffix(strings.Repeat("?, ", len(t.Columns)), ", "))
	st, err := f.tx.Prepare(q)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", t.Name, err)
	}
	return &TableWriter{st: st, args: make([]any, len(t.Columns))}, nil
}

// Close commits every table and closes the file.
func (f *TableFile) Close() error {
	err := f.tx.Commit()
	if cerr := f.db.Close(); err == nil {
		err = cerr
	}
	return err
}

// TableWriter inserts the rows of one table.
type TableWriter struct {
	st   *sql.Stmt
	args []any
}

// Write inserts one row, its values in column order: nil for null,
// integers, floats, strings, booleans, and times (stored as RFC 3339 text
// in UTC).
func (w *TableWriter) Write(row []any) error {
	for i, v := range row {
		if t, ok := v.(time.Time); ok {
			v = t.UTC().Format(time.RFC3339Nano)
		}
		w.args[i] = v
	}
	_, err := w.st.Exec(w.args...)
	return err
}

// Close ends the table's inserts.
func (w *TableWriter) Close() error { return w.st.Close() }
