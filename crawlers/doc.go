// Package crawlers fetches: it turns a source's seeds into fetched pages,
// politely (robots.txt and its Crawl-delay, per-host parallelism and
// delay with jitter, retries with backoff honouring Retry-After,
// conditional requests). It is the only package that imports colly.
//
// It never parses record fields and never writes SQL: every fetched page
// goes to a callback, the frontier (what is queued and done, for
// de-duplication and resume) is an interface, and archiving happens in the
// http.RoundTripper it is given (archive.Recorder), so robots.txt,
// sitemaps, redirects and errors are archived without crawler code
// remembering to.
package crawlers
