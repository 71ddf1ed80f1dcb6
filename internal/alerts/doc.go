// Package alerts delivers link alerts and parse health alerts to sinks.
//
// Another package watches the links that public records cite and decides
// when a link changes state: it went down (state up -> down, for example
// http://www.fabbricaideedistretto.it, cited by record 141, now fails with
// dns_not_found) or it came back (down -> up). Each such transition is an
// Alert. So is a change in a source's parse health: its record pages no
// longer read as they did (drift: pages unreadable, a common field no
// longer found, a new unknown label), or they read again (recovered); such
// an alert carries a Drift with the counts and example pages. This package
// only delivers alerts, it never decides them.
//
// A Sink delivers one alert somewhere:
//
//   - NewLog writes one structured log line per alert (Warn for down,
//     Info for up).
//   - NewWebhook POSTs the alert as JSON, signed with HMAC-SHA256 in the
//     X-Archivio-Signature header (check it with VerifySignature), and
//     retries network errors, 429 and 5xx with backoff honouring
//     Retry-After.
//   - NewAtom keeps an Atom 1.0 feed file (RFC 4287) of the latest alerts,
//     newest first, rewritten atomically on every alert. RenderAtom makes
//     the same feed from a list of alerts.
//   - NewSMTP e-mails one plain-text message per alert.
//
// Multi sends an alert to several sinks and reports every failure.
// Describe is the plain-text description shared by the feed, the e-mail and
// the log line, so an alert reads the same wherever it arrives; Headline is
// its one-line summary, "DOWN http://www.fabbricaideedistretto.it
// (dns_not_found)", used as entry title and, as Subject, in e-mail.
//
// The package uses the standard library only and no package state: loggers,
// clocks, HTTP clients and sleep functions come in through the options.
package alerts
