// Package osservatorio holds the facts about the Osservatorio
// Partecipazione's URLs that the crawler, the parser and the archive
// share: where a record's id is in a URL (RecordID), the key a crawl
// queues a record under (RecordKey, KeyRecordID), a record's canonical
// URL (RecordURL), the listing pages a crawl follows (ListingPrefixes) and
// where a crawl starts (Home, SitemapPath).
//
// A record is keyed by its numeric id: http and https, /scheda-processo/{id}
// and /processi/ambito/scheda-processo/{id} are the same record.
//
// The package is pure: no network, no storage, nothing from internal/.
package osservatorio
