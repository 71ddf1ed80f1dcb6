// Package demosite is an offline replica of the Osservatorio Partecipazione
// web site (www.osservatoriopartecipazione.it), for the demo, the tests
// and the benchmarks.
//
// A Site serves the 18 embedded public record texts of
// archivio/internal/demo/pagegen (or N synthetic records made from them) as
// "scheda processo" pages, with what a crawler meets around them: a
// robots.txt that forbids /admin/, a sitemap, a home page, paginated
// listings whose record links come in two URL shapes, a map page, small
// images and stylesheets, a reserved area that answers 403 and Italian 404
// pages. Record pages rotate through pagegen's four layouts (and their
// character encodings) by id, carry an ETag and a Last-Modified date and
// answer conditional requests with 304; Update changes a record so that a
// re-crawl sees a new version, and SetLayout moves every record page to one
// markup (pagegen.ShellLayout: one no reader of the visible page can read)
// as when the real site changes its templates.
//
// Every response is deterministic: the same request gets the same bytes
// on every run. Links are relative to the site, or use the scheme and host
// of the request, so the same handler serves a virtual host of
// archivio/internal/demo/vnet, an httptest.Server or a real loopback port. The
// only exception is on purpose: the home page links one record with an
// absolute https URL on the configured Host. In the same spirit, the
// <base href> that pagegen writes into record pages is rewritten to the
// request's own origin.
//
// The Site records every request it serves (Requests, Hits, AdminHits),
// so tests can assert, say, that a polite crawler never asked for /admin/.
package demosite
