// Package archive owns everything durable in archivio: the WARC files that
// keep every HTTP exchange as evidence, their CDXJ indexes, the SQLite
// catalog of captures, the records and their versions (ApplyRecord,
// LatestVersions, VersionsAsOf, VersionChanges), the link inventory and
// its health, and parse health: how each record page a crawl read came out
// (ParseResult), the record pages kept as parse failures, each crawl's
// ParseHealth, the drift rules that judge it (JudgeDrift) and each
// source's drift state.
//
// It is the one owner of the database: every SQL statement of archivio is
// here, behind methods of Store, and no other package gets the database
// handle. Consumers declare the small interfaces they need of a Store, so
// that another catalog backend can stand behind them. TableFile writes the
// SQLite file of an export.
//
// WARC files are WARC/1.1, one gzip member per record, each opened by a
// warcinfo record, written as NAME.open and renamed to NAME when closed,
// with NAME.cdxj (pywb's CDXJ) beside it. WARCWriter writes exchanges as
// request and response (or revisit) records; ReadResponse and ScanWARC read
// them back, checking digests; RepairOpenFiles mends the files of a killed
// process. Any WARC reader (warcio, pywb, gowarc) reads the files.
//
// The Recorder is the http.RoundTripper that archives every exchange it
// carries. Bodies stream: bounded as received and decoded (MaxBody), kept
// in memory up to SpoolMemory and in a temporary file beyond it, written
// to the WARC file from there and handed back from there, decoded, so no
// body is held whole in memory. OpenReadOnly opens a data directory for
// the reading commands, also on read-only media. A write that finds the
// disk full fails with an error wrapping ErrDiskFull.
package archive
