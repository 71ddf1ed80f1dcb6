package alerts

import (
	"fmt"
	"strings"
	"time"
)

// Alert kinds.
const (
	KindDown      = "down"      // the link went from up to down
	KindUp        = "up"        // the link came back: from down to up
	KindDrift     = "drift"     // a source's record pages stopped reading as they did
	KindRecovered = "recovered" // they read as before again
)

// Alert is one state transition of a link, or of a source's parse health
// (kinds drift and recovered, with Drift set).
type Alert struct {
	ID   int64  `json:"id"`   // the alert's id in the database
	Kind string `json:"kind"` // "down", "up", "drift" or "recovered"
	// URL is the link whose state changed; for parse health, the
	// source's address.
	URL string `json:"url"`
	// Verdict is that of the check that made the transition: ok, redirect,
	// gone, dns_not_found, timeout, ...; for drift, the rules that broke.
	Verdict string      `json:"verdict"`
	Records []RecordRef `json:"records"` // the records citing the URL
	// Since is when the new state began: the first failing check of the
	// run that made the link down, the first good check for up.
	Since time.Time `json:"since"`
	At    time.Time `json:"at"` // when the alert was raised
	// LastGoodCapture is archivio's own latest good copy of the URL, nil if
	// there is none.
	LastGoodCapture *Capture `json:"last_good_capture"`
	// Drift says what changed in a source's parse health; nil for link
	// alerts.
	Drift *Drift `json:"drift,omitempty"`
}

// RecordRef names a record that cites the alert's URL.
type RecordRef struct {
	ID    int    `json:"id"`    // the observatory's numeric record id
	Title string `json:"title"` // the record's title
	URL   string `json:"url"`   // the record's page
}

// Capture locates one archived copy of a URL.
type Capture struct {
	URL      string    `json:"url"`               // the URL as captured
	At       time.Time `json:"at"`                // when it was captured
	WARCFile string    `json:"warc_file"`         // the WARC file holding the response record
	Offset   int64     `json:"offset"`            // the record's offset in that file
	Wayback  string    `json:"wayback,omitempty"` // a replay URL, if one is known
}

// validate reports whether the alert can be delivered.
func (a Alert) validate() error {
	switch a.Kind {
	case KindDown, KindUp:
	case KindDrift, KindRecovered:
		if a.Drift == nil {
			return fmt.Errorf("alert %d: a %s alert without its drift: %w", a.ID, a.Kind, ErrInvalidAlert)
		}
	default:
		return fmt.Errorf("alert %d: kind %q is none of %q, %q, %q, %q: %w", a.ID, a.Kind, KindDown, KindUp, KindDrift, KindRecovered, ErrInvalidAlert)
	}
	if strings.TrimSpace(a.URL) == "" {
		return fmt.Errorf("alert %d: no URL: %w", a.ID, ErrInvalidAlert)
	}
	return nil
}

// Headline is the one-line summary used as Atom entry title and, after
// "[archivio] ", as e-mail subject:
// "DOWN http://www.fabbricaideedistretto.it (dns_not_found)". Line breaks
// in the URL or verdict become spaces.
//
// A parse health alert names its source instead:
// "DRIFT osservatorio: record pages no longer read (unreadable)",
// "RECOVERED osservatorio: record pages read again".
func Headline(a Alert) string {
	if a.Drift != nil {
		return driftHeadline(a)
	}
	s := strings.ToUpper(a.Kind) + " " + a.URL
	if a.Verdict != "" {
		s += " (" + a.Verdict + ")"
	}
	return oneLine(s)
}

// oneLine replaces control characters, line breaks included, with spaces:
// the URL and titles come from crawled records and must not break headers.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// recordIDs lists the ids of the records citing the alert's URL.
func (a Alert) recordIDs() []int {
	ids := make([]int, len(a.Records))
	for i, r := range a.Records {
		ids[i] = r.ID
	}
	return ids
}
