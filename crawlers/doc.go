// Package crawlers fetches: it turns a source's seeds into fetched pages,
// politely (robots.txt and its Crawl-delay, per-host parallelism and
// delay with jitter, retries with backoff honouring Retry-After,
// conditional requests). It is the only package that imports colly.
//
// It never parses record fields and never writes SQL: every fetched page
// goes to a callback, the frontier (what is queued and how each URL
// ended, for de-duplication, resume and the completeness check) is an
// interface whose Settle records a page's outcome and its links in one
// atomic step, and archiving happens in the http.RoundTripper it is given
// (archive.Recorder), so robots.txt, sitemaps, redirects and errors are
// archived without crawler code remembering to.
package crawlers
