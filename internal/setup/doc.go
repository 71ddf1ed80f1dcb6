// Package setup turns resolved settings (internal/config: defaults, then
// archivio.yaml, then the environment, then flags) into what a job needs:
// a crawl's jobs.Config, a link check's jobs.LinksConfig, the alert sinks
// and the User-Agent. The command line and the daemon both build their
// jobs here, so a source crawled by "archivio crawl NAME" is crawled as
// "archivio run" crawls it, and alerts go to the same places.
package setup
