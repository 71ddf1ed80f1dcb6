// Package jobs runs archivio's jobs end to end; the command line, the demo
// and the scheduler all go through it.
//
// Crawl runs one crawl of a source: it opens the data directory, repairs
// WARC files a killed run left open, archives every exchange through the
// recording transport, parses record pages into versioned records, and
// writes the crawl report. Reparse reads the archived record pages again
// with the current parser, without the network.
package jobs
