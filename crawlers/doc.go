// Package crawlers fetches: it turns a source's seeds into fetched pages
// within a scope, politely (robots.txt and its Crawl-delay, parallelism
// and a pause with jitter between requests, which a stop cuts short,
// retries with backoff honouring Retry-After, conditional requests). It
// is the only package that imports colly, and it imports nothing from
// internal/.
//
// There is one mechanism, Run, and three scopes: the observatory (its
// listings and record pages, each record once under its key, from
// source/osservatorio), a site source (seeds, hosts, path prefixes, a
// depth), and a snapshot of a record's website (Snapshot: a site scope of
// one host, a frontier in memory). A fetched Page carries its links, read
// once.
//
// It never parses record fields and never writes SQL: every fetched page
// goes to a callback, the frontier (what is queued and how each URL
// ended, for de-duplication, resume and the completeness check) is an
// interface whose Settle records a page's outcome and its links in one
// atomic step, and archiving happens in the http.RoundTripper it is given
// (archive.Recorder), so robots.txt, sitemaps, redirects and errors are
// archived without crawler code remembering to.
package crawlers
