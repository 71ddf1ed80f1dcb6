package archive

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

func TestTableFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.sqlite")
	f, err := CreateTableFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parent, err := f.Table(TableSpec{Name: "processes", PrimaryKey: []string{"id"}, Columns: []ColumnSpec{
		{Name: "id", Type: ColumnInteger, NotNull: true}, {Name: "title", Type: ColumnText}, {Name: "grant_eur", Type: ColumnReal},
		{Name: "captured_at", Type: ColumnText}}})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("CET", 3600))
	for _, row := range [][]any{{int64(141), "La fabbrica delle idee", 15000.5, at}, {int64(7), nil, nil, nil}} {
		if err := parent.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	child, err := f.Table(TableSpec{Name: "process_theme", PrimaryKey: []string{"process_id", "position"},
		Columns:    []ColumnSpec{{Name: "process_id", Type: ColumnInteger, NotNull: true}, {Name: "position", Type: ColumnInteger, NotNull: true}, {Name: "value", Type: ColumnText}},
		References: []Reference{{Column: "process_id", Table: "processes", ToColumn: "id"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Write([]any{int64(141), int64(1), "Ambiente"}); err != nil {
		t.Fatal(err)
	}
	if err := parent.Close(); err != nil {
		t.Fatal(err)
	}
	if err := child.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var title, captured string
	var grant float64
	if err := db.QueryRow(`SELECT title, grant_eur, captured_at FROM processes WHERE id = 141`).Scan(&title, &grant, &captured); err != nil {
		t.Fatal(err)
	}
	if title != "La fabbrica delle idee" || grant != 15000.5 || captured != "2026-01-02T02:04:05Z" {
		t.Errorf("row 141: %q %v %q", title, grant, captured)
	}
	var null sql.NullString
	if err := db.QueryRow(`SELECT title FROM processes WHERE id = 7`).Scan(&null); err != nil || null.Valid {
		t.Errorf("a nil value is stored as %v (%v), want NULL", null, err)
	}
	var fk int
	if err := db.QueryRow(`SELECT COUNT(*) FROM pragma_foreign_key_list('process_theme') WHERE "table" = 'processes'`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys of process_theme: %d %v", fk, err)
	}
	var pk int
	if err := db.QueryRow(`SELECT COUNT(*) FROM pragma_table_info('process_theme') WHERE pk > 0`).Scan(&pk); err != nil || pk != 2 {
		t.Errorf("primary key columns of process_theme: %d %v", pk, err)
	}
	// A second export replaces the file.
	f, err = CreateTableFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Table(TableSpec{Name: "processes", PrimaryKey: []string{"id"}, Columns: []ColumnSpec{{Name: "id", Type: ColumnInteger}}}); err != nil {
		t.Fatalf("a table of the previous file is still there: %v", err)
	}
	f.Close()
}
