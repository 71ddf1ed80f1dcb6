package archive

import (
	"context"
	"database/sql"
	"database/sql/driver"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// openSQLite opens the catalog's database at dsn with the store's SQL
// functions on every connection:
//
//	archivio_doc(data [, ref...])  a record version's document as JSON
//	                    text, from record_versions.data as stored
//	                    (docpack.go); a document packed against its page
//	                    (format 2) needs where the page is, the seven
//	                    columns docRefColumns (docOf writes the call)
//	archivio_pack(json) the document packed as it is stored (format 1)
//
// and, for a capture's columns stored in fewer bytes than their text
// (capturecols.go), each column's text from its value as stored and back:
//
//	archivio_time(v), archivio_time_value(text)            captures.fetched_at
//	archivio_digest(v), archivio_digest_value(text)        captures.payload_digest
//	archivio_record_id(v), archivio_record_id_value(text)  captures.warc_record_id
func openSQLite(dsn string, docs *docCodec) *sql.DB {
	return sql.OpenDB(&connector{dsn: dsn, driver: &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		funcs := map[string]any{
			"archivio_doc": func(data []byte, ref ...any) (string, error) {
				doc, err := docs.unpackSQL(data, ref)
				return string(doc), err
			},
			"archivio_pack":            docs.pack,
			"archivio_time":            timeText,
			"archivio_digest":          digestText,
			"archivio_record_id":       recordIDText,
			"archivio_time_value":      textValue(timeTextValue),
			"archivio_digest_value":    textValue(digestValue),
			"archivio_record_id_value": textValue(recordIDValue),
		}
		for name, f := range funcs {
			if err := c.RegisterFunc(name, f, true); err != nil {
				return err
			}
		}
		return nil
	}}})
}

// textValue applies value to a text; any other value is returned as it is.
func textValue(value func(string) any) func(any) any {
	return func(v any) any {
		if s, ok := v.(string); ok {
			return value(s)
		}
		return v
	}
}

// connector opens connections to one database with one driver.
type connector struct {
	dsn    string
	driver *sqlite3.SQLiteDriver
}

func (c *connector) Connect(context.Context) (driver.Conn, error) { return c.driver.Open(c.dsn) }

func (c *connector) Driver() driver.Driver { return c.driver }
