// Package export writes the stored records as open data: one row per
// record (the latest version, or the version known at an "as of" moment)
// in CSV, JSON Lines, Parquet or SQLite, one long table per multi-valued
// field, the link inventory, a Frictionless Data Package descriptor
// (datapackage.json), a codebook (CODEBOOK.md) and a manifest with row
// counts and SHA-256 digests of every file written.
//
// Rows are streamed from the archive database to the output files; no
// table is held in memory. Diff compares the records known at two moments.
//
// Field metadata (Italian labels, English descriptions, types and
// controlled vocabularies) comes from the record schema, the one field
// table in archivio/parsers/schema.
package export
