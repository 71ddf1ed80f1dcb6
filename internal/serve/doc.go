// Package serve is archivio's web interface ("archivio serve", and the
// daemon's listener when archivio.yaml has a serve: key): server-rendered
// HTML pages, usable without JavaScript, over an archive opened read-only.
//
// It shows the records (search, filters, sorting, pages; each record with
// every field under its Italian label and English name, its links and
// their state, its provenance and its history with field-by-field diffs),
// the health of the sources (every link with its state and a timeline of
// its checks, a page per link with its redirect chains, snapshots and
// Wayback copy), the alerts (as the Atom feed has them), the crawls with
// their reports, and downloads (the export formats for a filtered listing,
// the Atom feed, a WACZ package).
//
// Archived pages are replayed under their own path prefix, /replay/, as
// untrusted content: every answer there carries a sandboxing
// Content-Security-Policy (no scripts, a unique origin, nothing fetched
// but from the archive) and nosniff, and HTML and CSS are rewritten so
// that their links and images point at the archive's copies at the nearest
// capture time, or are marked missing. The interface's own pages never
// embed archived bytes.
//
// /timegate/URL and /timemap/link/URL, /timemap/json/URL make the archive
// a Memento (RFC 7089) archive: /replay/TIMESTAMP/URL are its mementos.
//
// The archive is read through small interfaces (Archive) that
// *archive.Store satisfies; nothing here writes to it. A listener that is
// not loopback needs a token (Options.Token), asked as a bearer token or as
// the password of basic authentication.
package serve
