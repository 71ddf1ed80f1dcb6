package config

import (
	"path/filepath"
	"strconv"
)

// Layer is where a setting can come from. Later layers win: defaults,
// then archivio.yaml, then the environment, then command-line flags.
type Layer uint8

const (
	FromDefault Layer = iota
	FromFile
	FromEnv
	FromFlag
)

// Origin says where a setting's value came from.
type Origin struct {
	Layer Layer
	Path  string // FromFile: the file as named (--config, $ARCHIVIO_CONFIG or ./archivio.yaml)
	Line  int    // FromFile: the line of the key
	Name  string // FromEnv: the variable; FromFlag: the flag, e.g. "--delay"
}

// String is "default", "FILE:LINE", "$VARIABLE" or "--flag".
func (o Origin) String() string {
	switch o.Layer {
	case FromFile:
		return o.Path + ":" + strconv.Itoa(o.Line)
	case FromEnv:
		return "$" + o.Name
	case FromFlag:
		return o.Name
	}
	return "default"
}

// where is what a problem with a value from o is prefixed with in
// messages; "" for the file, whose problems Error places at their line.
func (o Origin) where() string {
	switch o.Layer {
	case FromEnv, FromFlag:
		return o.String()
	}
	return ""
}

// fileName is the name messages give the file: its base name.
func fileName(path string) string { return filepath.Base(path) }
