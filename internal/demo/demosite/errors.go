package demosite

import "errors"

var (
	// ErrOptions means Options failed validation; the error names the field.
	ErrOptions = errors.New("demosite: invalid options")
	// ErrUnknownRecord means no record has the given id.
	ErrUnknownRecord = errors.New("demosite: unknown record")
)
