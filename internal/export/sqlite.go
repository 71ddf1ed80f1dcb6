package export

import (
	"database/sql"
	"fmt"
	"os"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // database/sql driver "sqlite3"
)

// sqliteSink writes every table into one SQLite database, in one
// transaction.
type sqliteSink struct {
	db *sql.DB
	tx *sql.Tx
}

func newSQLiteSink(path string) (*sqliteSink, error) {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=OFF&_synchronous=OFF&_foreign_keys=off")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("export database %s: %w", path, err)
	}
	return &sqliteSink{db: db, tx: tx}, nil
}

func (s *sqliteSink) Path(*table) string { return SQLiteFile }

var sqliteTypes = map[string]string{tInteger: "INTEGER", tNumber: "REAL", tBoolean: "INTEGER", tDate: "TEXT", tDatetime: "TEXT", tString: "TEXT"}

// createSQL is the CREATE TABLE statement of t, with its keys.
func createSQL(t *table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE %s (\n", t.Name)
	for _, c := range t.Columns {
		fmt.Fprintf(&b, "\t%s %s", c.Name, sqliteTypes[c.Type])
		if c.Required {
			b.WriteString(" NOT NULL")
		}
		b.WriteString(",\n")
	}
	fmt.Fprintf(&b, "\tPRIMARY KEY (%s)", strings.Join(t.PrimaryKey, ", "))
	if t.ListField != "" {
		b.WriteString(",\n\tFOREIGN KEY (process_id) REFERENCES processes (id)")
	}
	b.WriteString("\n)")
	return b.String()
}

func (s *sqliteSink) Open(t *table) (tableWriter, error) {
	if _, err := s.tx.Exec(createSQL(t)); err != nil {
		return nil, fmt.Errorf("create table %s: %w", t.Name, err)
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", t.Name, strings.Join(t.columnNames(), ", "),
		strings.TrimSuffix(strings.Repeat("?, ", len(t.Columns)), ", "))
	st, err := s.tx.Prepare(q)
	if err != nil {
		return nil, err
	}
	return &sqliteWriter{st: st, args: make([]any, len(t.Columns))}, nil
}

func (s *sqliteSink) Close() error {
	err := s.tx.Commit()
	if cerr := s.db.Close(); err == nil {
		err = cerr
	}
	return err
}

type sqliteWriter struct {
	st   *sql.Stmt
	args []any
}

func (w *sqliteWriter) Write(row []any) error {
	for i, v := range row {
		if t, ok := v.(time.Time); ok {
			v = t.UTC().Format(time.RFC3339Nano)
		}
		w.args[i] = v
	}
	_, err := w.st.Exec(w.args...)
	return err
}

func (w *sqliteWriter) Close() error { return w.st.Close() }
