// Package cluster runs a crawler node of a shared archive: it claims URLs
// of a crawl from the shared frontier on PostgreSQL (archive/pg) under
// leases, fetches each through the recording transport into its own WARC
// files, settles it with the links its page yields in one fenced
// completion, keeps its leases alive with heartbeats, and ships its
// closed WARC files to the shared storage (archive/warcstore). Politeness
// is the catalog's: a URL is claimed only when its host may be fetched.
package cluster
