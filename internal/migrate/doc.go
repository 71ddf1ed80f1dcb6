// Package migrate moves an archive from the embedded SQLite catalog to
// the shared PostgreSQL one (archivio migrate --to postgres): every row
// of the catalog's tables in one transaction, then each table checked by
// its row count and a digest of its rows on both sides; and, when asked,
// the WARC files with their indexes to the shared storage, each checked
// by size and sha256 before the catalog says it is stored.
package migrate
