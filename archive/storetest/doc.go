// Package storetest is the test suite of the catalog's contract
// (archive.CrawlState): one suite, run by each backend's tests against a
// fresh, empty catalog of its own, so that the SQLite Store and the
// PostgreSQL one behave the same way.
//
// Times are kept to the nanosecond by both backends (as sortable text).
package storetest
