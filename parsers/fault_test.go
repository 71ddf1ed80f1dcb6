package parsers

import (
	"errors"
	"strings"
	"testing"
)

// TestParserFaultIsAnError: a panic inside a parse comes out as a
// *FaultError matching ErrParserFault, naming the fault and where it
// happened, and no record.
func TestParserFaultIsAnError(t *testing.T) {
	faulty := func() (rec *Record, err error) {
		defer recoverFault(&rec, &err)
		rec = &Record{ID: 141}
		var blocks []string
		_ = blocks[3] // index out of range
		return rec, nil
	}
	rec, err := faulty()
	if rec != nil || !errors.Is(err, ErrParserFault) {
		t.Fatalf("a parse that panicked returned %v, %v; want no record and ErrParserFault", rec, err)
	}
	var fault *FaultError
	if !errors.As(err, &fault) || !strings.Contains(err.Error(), "parser fault: runtime error: index out of range") ||
		!strings.Contains(string(fault.Stack), "TestParserFaultIsAnError") {
		t.Errorf("fault %q, stack:\n%s", err, fault.Stack)
	}

	calm := func() (rec *Record, err error) {
		defer recoverFault(&rec, &err)
		return &Record{ID: 141}, nil
	}
	if rec, err := calm(); err != nil || rec == nil || rec.ID != 141 {
		t.Errorf("a parse that did not panic: %v, %v", rec, err)
	}
}
