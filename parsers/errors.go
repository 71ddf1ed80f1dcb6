package parsers

import "errors"

var (
	// ErrNotRecordPage means the page carries too few of the observatory's
	// field labels to be a process page: an error page, a listing, a
	// different site.
	ErrNotRecordPage = errors.New("not a process page")
	// ErrNoRecordID means no record id could be found in the page URL, the
	// page's canonical link, or its og:url.
	ErrNoRecordID = errors.New("no record id in the page URL")
)
