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
//	archivio_doc(data)  a record version's document as JSON text, from
//	                    record_versions.data as stored (docpack.go)
//	archivio_pack(json) the document packed as it is stored
func openSQLite(dsn string, docs *docCodec) *sql.DB {
	return sql.OpenDB(&connector{dsn: dsn, driver: &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		if err := c.RegisterFunc("archivio_doc", func(data []byte) (string, error) {
			doc, err := docs.unpack(data)
			return string(doc), err
		}, true); err != nil {
			return err
		}
		return c.RegisterFunc("archivio_pack", docs.pack, true)
	}}})
}

// connector opens connections to one database with one driver.
type connector struct {
	dsn    string
	driver *sqlite3.SQLiteDriver
}

func (c *connector) Connect(context.Context) (driver.Conn, error) { return c.driver.Open(c.dsn) }

func (c *connector) Driver() driver.Driver { return c.driver }
