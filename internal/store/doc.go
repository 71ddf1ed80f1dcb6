// Package store keeps the parsed records in the archive's database: the
// latest version of each record and every earlier distinct version, each
// tied to the capture it was read from and the parser version that read
// it.
package store
