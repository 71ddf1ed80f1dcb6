// Package schema is the record schema of the observatory's process pages
// ("scheda processo"): one table of fields, each with its page section, the
// Italian labels that name it, its name, its type, how its value is read and
// what it means.
//
// Everything that knows about fields reads this table: the parser's label
// dictionary (archivio/parsers), the export's columns, codebook and data
// package (internal/export) and the fixture renderer (internal/demo/pagegen).
// Adding a field or an alternate label is one edit in fields.go (plus, for a
// new field, its member of parsers.Record).
//
// The table's contract view is scheda-fields.tsv (TSV writes it), the
// project's copy of the shared field contract; a test checks that the table
// renders to it byte for byte.
package schema
