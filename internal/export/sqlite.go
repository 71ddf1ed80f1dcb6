package export

import "archivio/archive"

// sqliteSink writes every table into one SQLite database, in one
// transaction (archive.TableFile).
type sqliteSink struct {
	f *archive.TableFile
}

func newSQLiteSink(path string) (*sqliteSink, error) {
	f, err := archive.CreateTableFile(path)
	if err != nil {
		return nil, err
	}
	return &sqliteSink{f: f}, nil
}

func (s *sqliteSink) Path(*table) string { return SQLiteFile }

var sqliteTypes = map[string]string{tInteger: archive.ColumnInteger, tNumber: archive.ColumnReal, tBoolean: archive.ColumnInteger,
	tDate: archive.ColumnText, tDatetime: archive.ColumnText, tString: archive.ColumnText}

// tableSpec is t as a table of the SQLite file, with its keys.
func tableSpec(t *table) archive.TableSpec {
	spec := archive.TableSpec{Name: t.Name, PrimaryKey: t.PrimaryKey}
	for _, c := range t.Columns {
		typ := sqliteTypes[c.Type]
		if c.List {
			typ = archive.ColumnText // the items joined by ";"
		}
		spec.Columns = append(spec.Columns, archive.ColumnSpec{Name: c.Name, Type: typ, NotNull: c.Required})
	}
	for _, fk := range t.ForeignKeys {
		spec.References = append(spec.References, archive.Reference{Column: fk.Column, Table: fk.Table, ToColumn: fk.To})
	}
	return spec
}

func (s *sqliteSink) Open(t *table) (tableWriter, error) {
	return s.f.Table(tableSpec(t))
}

func (s *sqliteSink) Close() error { return s.f.Close() }
