package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// The output formats of the commands that print data, by the same names
// everywhere: a table for people; JSON Lines, one object per line; one
// JSON document; CSV where rows are flat.
const (
	formatTable = "table"
	formatJSONL = "jsonl"
	formatJSON  = "json"
	formatCSV   = "csv"
)

// outputFormat is a command's --format flag: the formats it offers, the
// first being the default.
type outputFormat struct {
	value   string
	offered []string
}

// formatFlag registers --format offering formats, the first the default.
func formatFlag(fs *flag.FlagSet, usage string, formats ...string) *outputFormat {
	f := &outputFormat{value: formats[0], offered: formats}
	fs.StringVar(&f.value, "format", formats[0], usage+": "+orList(formats))
	return f
}

// get returns the format asked for, or a usage error naming those
// offered. "text", the name some commands once used for their table, is
// still read as table.
func (f *outputFormat) get() (string, error) {
	v := strings.ToLower(strings.TrimSpace(f.value))
	if v == "text" && slices.Contains(f.offered, formatTable) {
		v = formatTable
	}
	if !slices.Contains(f.offered, v) {
		return "", fmt.Errorf("%w: --format must be %s, not %q", errUsage, orList(f.offered), f.value)
	}
	return v, nil
}

// orList is "a, b or c".
func orList(items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// objectWriter writes objects as JSON Lines or as one JSON array,
// streaming either way.
type objectWriter struct {
	w     io.Writer
	array bool
	n     int
	enc   *json.Encoder
}

// newObjectWriter writes JSON Lines (formatJSONL) or a JSON array
// (formatJSON) to w; Close ends the array.
func newObjectWriter(w io.Writer, format string) *objectWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &objectWriter{w: w, array: format == formatJSON, enc: enc}
}

// Write writes one object: a value to encode, or json.RawMessage.
func (o *objectWriter) Write(v any) error {
	if o.array {
		sep := ",\n"
		if o.n == 0 {
			sep = "[\n"
		}
		if _, err := io.WriteString(o.w, sep); err != nil {
			return err
		}
		b, err := marshalNoEscape(v)
		if err != nil {
			return err
		}
		o.n++
		_, err = o.w.Write(b)
		return err
	}
	o.n++
	return o.enc.Encode(v)
}

// Close ends a JSON array ("[]" when it is empty).
func (o *objectWriter) Close() error {
	if !o.array {
		return nil
	}
	end := "\n]\n"
	if o.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(o.w, end)
	return err
}

// marshalNoEscape is json.Marshal without HTML escaping and without the
// encoder's final newline.
func marshalNoEscape(v any) ([]byte, error) {
	if raw, ok := v.(json.RawMessage); ok {
		return raw, nil
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}
