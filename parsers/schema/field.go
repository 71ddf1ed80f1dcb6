package schema

import (
	"bytes"
	"slices"
	"strings"
)

// Field is one field of a record.
type Field struct {
	// Section is the page section the field is shown in; "header" for the
	// fields read from the page structure (URL, title, region, badges)
	// rather than from a label.
	Section string
	// Labels are the Italian labels that name the field on the page, the
	// usual one first, then its alternates.
	Labels []string
	// Name is the field's name: its JSON name in parsers.Record and its
	// column in exports.
	Name string
	// Type is the contract's type: int, text, bool, enum, url, number,
	// date, index, or list(SEP) with SEP the separator of the page's text.
	Type string
	// Kind is how the parser reads the value.
	Kind Kind
	// Notes are the contract's notes: how the value is written on the page
	// and what becomes of it.
	Notes string
	// Description is an English description of the field, for codebooks.
	Description string
	// Vocabulary is the closed vocabulary of an enum field; nil when the
	// vocabulary is open.
	Vocabulary []string
}

// Header reports whether the field is read from the page structure rather
// than from a label.
func (f Field) Header() bool { return f.Section == headerSection }

// IsList reports whether the field holds several values.
func (f Field) IsList() bool { return strings.HasPrefix(f.Type, "list(") }

// LabelIT is the field's labels as the contract writes them: alternates
// separated by " | ".
func (f Field) LabelIT() string { return strings.Join(f.Labels, " | ") }

const headerSection = "header"

// Fields returns the record's fields in the contract's order. The slice is
// the caller's; the labels and vocabularies it shares must not be changed.
func Fields() []Field { return slices.Clone(fields) }

// Sections returns the page's section headings, in page order.
func Sections() []string {
	var out []string
	for _, f := range fields {
		if !f.Header() && !slices.Contains(out, f.Section) {
			out = append(out, f.Section)
		}
	}
	return out
}

// TSV renders the table as the field contract (scheda-fields.tsv): one row
// per field with its section, labels, name, type and notes.
func TSV() []byte {
	var b bytes.Buffer
	b.WriteString("section\tlabels_it\tfield\ttype\tnotes\n")
	for _, f := range fields {
		b.WriteString(strings.Join([]string{f.Section, f.LabelIT(), f.Name, f.Type, f.Notes}, "\t"))
		b.WriteByte('\n')
	}
	return b.Bytes()
}
