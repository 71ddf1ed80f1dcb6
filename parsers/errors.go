package parsers

import (
	"errors"
	"fmt"
	"runtime/debug"
)

var (
	// ErrNotRecordPage means the page carries too few of the observatory's
	// field labels to be a process page: an error page, a listing, a
	// different site.
	ErrNotRecordPage = errors.New("not a process page")
	// ErrNoRecordID means no record id could be found in the page URL, the
	// page's canonical link, or its og:url.
	ErrNoRecordID = errors.New("no record id in the page URL")
	// ErrParserFault means the parser failed on the page in a way it never
	// should (a bug in archivio, not a fault of the page): the error is a
	// *FaultError. A crawl keeps such a page as a parse failure, to be
	// read again by reparse with a fixed parser, instead of stopping.
	ErrParserFault = errors.New("parser fault")
)

// FaultError is a panic of the parser, caught: the page is not read.
type FaultError struct {
	Value any    // what the parser panicked with
	Stack []byte // where: the parsing goroutine's stack at the panic
}

func (e *FaultError) Error() string { return fmt.Sprintf("parser fault: %v", e.Value) }

// Unwrap lets errors.Is(err, ErrParserFault) match.
func (e *FaultError) Unwrap() error { return ErrParserFault }

// recoverFault, deferred by a parse, turns a panic into a *FaultError in
// *err and drops the record: one page the parser cannot handle does not
// bring down a crawl of thousands.
func recoverFault(rec **Record, err *error) {
	if v := recover(); v != nil {
		*rec, *err = nil, &FaultError{Value: v, Stack: debug.Stack()}
	}
}
