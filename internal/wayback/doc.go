// Package wayback asks the Internet Archive's Wayback Machine for its
// latest copy of a URL, through the public availability API
// (https://archive.org/help/wayback_api.php): GET
// {endpoint}?url={target} answers with the closest snapshot, which,
// without a timestamp, is the most recent.
//
// It is off by default in archivio: archivio keeps its own copies of the
// sites records link to, and asks a third party about a link only when an
// availability endpoint is configured. The endpoint is configurable so
// that a mirror, or a fake in tests and the demo, can stand in for
// https://archive.org/wayback/available.
package wayback
