package config

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is wrapped by every error that reports problems in a
// configuration: errors.Is(err, ErrInvalid).
var ErrInvalid = errors.New("invalid configuration")

// Problem is one thing wrong in a configuration: the line of the key in
// the file (0 for a Config built in code), the dotted key
// ("sources.osservatorio.schedule") and what is wrong with it.
type Problem struct {
	Line int
	Key  string
	Msg  string
	// Where names the environment variable ("$ARCHIVIO_DATA") or flag
	// ("--delay") that gave the value, "" for the file.
	Where string
}

// String formats the problem as "KEY: MSG", prefixed "FILE:LINE: " by Error.
func (p Problem) String() string {
	if p.Key == "" {
		return p.Msg
	}
	return p.Key + ": " + p.Msg
}

// Error lists every problem found in a configuration. It unwraps to
// ErrInvalid.
type Error struct {
	File     string // base name of the file, "" for a Config built in code
	Problems []Problem
}

// Error returns one line per problem, "archivio.yaml:LINE: key: problem",
// or "--flag: key: problem" and "$VARIABLE: key: problem" for values
// given by flags and the environment.
func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = e.format(p)
	}
	return strings.Join(lines, "\n")
}

func (e *Error) format(p Problem) string {
	switch {
	case p.Where != "":
		return p.Where + ": " + p.String()
	case e.File != "" && p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, p.Line, p)
	case e.File != "":
		return e.File + ": " + p.String()
	}
	return p.String()
}

// Lines returns the problems formatted as Error does, one per element.
func (e *Error) Lines() []string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = e.format(p)
	}
	return lines
}

// Unwrap returns ErrInvalid.
func (e *Error) Unwrap() error { return ErrInvalid }
