// Package pgtest gives tests a real PostgreSQL server: the one named by
// $ARCHIVIO_TEST_POSTGRES (a connection string; .ci/run starts one and
// sets it), or else one it starts itself from the distribution's binaries
// (initdb into a temporary folder, listening only on a Unix socket there,
// run as an unprivileged user when the tests run as root, since the
// server refuses to run as root), stopped when the tests end.
//
// Each test gets a schema of its own on that server, dropped at its end.
// Without a server the tests are skipped, saying why, unless $CI or
// $ARCHIVIO_POSTGRES_REQUIRED is set: then they fail.
package pgtest
