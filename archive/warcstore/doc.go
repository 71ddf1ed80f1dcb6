// Package warcstore keeps closed WARC files where every node can read
// them: a local folder (the embedded default) or an S3-compatible bucket
// under a prefix. A Shipper moves a node's closed files there: it computes
// each file's sha256, uploads it (multipart, aborted on any error), checks
// the stored size, and only then tells the catalog, which flips the
// file's captures from pending to stored in one transaction. At a node's
// start it first repairs what a killed run left open and ships what is
// whole.
//
// The S3 client is aws-sdk-go-v2, with checksums computed and validated
// only where the S3 API requires them: third-party S3-compatible servers
// reject or mangle the newer default checksum headers.
package warcstore
