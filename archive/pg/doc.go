// Package pg is the catalog on PostgreSQL, for several crawler nodes
// sharing one archive: the same contract as the SQLite Store
// (archive.CrawlState, held to it by archive/storetest), plus what only a
// shared catalog needs: nodes with heartbeats, leases on the shared
// frontier, global politeness per host, and the WARC files each node
// writes with their upload state.
//
// It speaks to the server through jackc/pgx with a connection pool. Every
// time it decides on (a lease's expiry, a host's next allowed fetch) is
// the database's clock, never a node's. Schema migrations are numbered
// like the SQLite ones and applied at Open under an advisory lock, so
// nodes starting together apply each step once.
package pg
