// Package export writes the stored records as open data: one row per
// record (the latest version, or the version known at an "as of" moment)
// in CSV, JSON Lines, Parquet or SQLite, its columns in the record
// schema's order (the multi-valued fields as lists where the format has
// lists: Parquet LIST columns, JSON arrays), one long table per
// multi-valued field, the link inventory as known at the same moment, the
// captures those tables refer to (where each answer is in the WARC
// files), a Frictionless Data Package descriptor (datapackage.json), a
// codebook (CODEBOOK.md) and a manifest with row counts and SHA-256
// digests of every file written. An export goes into a new or empty
// folder, or replaces an earlier export there (Options.Overwrite), never
// anyone else's files.
//
// Rows are streamed from the archive database to the output files; no
// table is held in memory. The archive is read through the small source
// interface (export.go). Diff compares the records known at two moments.
//
// Field metadata (Italian labels, English descriptions, types and
// controlled vocabularies) comes from the record schema, the one field
// table in archivio/parsers/schema.
package export
