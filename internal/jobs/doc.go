// Package jobs runs archivio's jobs end to end; the command line, the demo
// and the scheduler all go through it.
//
// Crawl runs one crawl of a source: it opens the data directory, repairs
// WARC files a killed run left open, archives every exchange through the
// recording transport, parses record pages into versioned records (a page
// the parser cannot read is kept as a parse failure, never dropped),
// measures the crawl's parse health against the previous crawl, judges it
// for drift against the source's last healthy crawl (raising one drift or
// recovered alert per transition), and writes the crawl report. Reparse
// reads the archived record pages again with the current parser, parse
// failures included, without the network. CheckLinks checks the links the
// records cite and raises an alert for each transition.
//
// The three run in one harness (harness.go): the data directory's lock,
// the archive opened, WARC files a killed run left open repaired, the
// run's record in the catalog, a WARC writer with the recording transport,
// and the delivery of alerts, one at a time from a goroutine of its own,
// so that a slow sink holds up no check. The jobs use the archive through
// small interfaces (catalog.go).
package jobs
