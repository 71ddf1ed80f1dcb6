package export

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Column types, as Frictionless Table Schema names them. Row values are
// nil (missing) or: int64 for integer, float64 for number, bool for
// boolean, string for string and date (ISO yyyy-mm-dd), time.Time for
// datetime; a list column's value is nil or a []string or []int64.
const (
	tInteger  = "integer"
	tNumber   = "number"
	tBoolean  = "boolean"
	tDate     = "date"
	tDatetime = "datetime"
	tString   = "string"
)

// column is one column of an exported table.
type column struct {
	Name        string
	Type        string // of the value, or of each item of a list
	Description string
	LabelIT     string
	Required    bool
	Enum        []string
	// List makes the column a list of Type values: a LIST column in
	// Parquet, a JSON array in JSON Lines, the items joined by ";" in CSV
	// and SQLite (the processes' lists are not columns there: their long
	// tables hold them).
	List  bool
	field string // the record field it is read from, "" for computed columns
}

// foreignKey says a column refers to another table's column.
type foreignKey struct {
	Column, Table, To string
}

// table is one exported table.
type table struct {
	Name        string
	Description string
	Columns     []column
	PrimaryKey  []string
	ForeignKeys []foreignKey
	ListField   string // for a long table: the list field it unfolds
}

func (t *table) columnNames() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

// index is the position of the column named name, -1 when none.
func (t *table) index(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// nested reports whether a format keeps lists as lists (Parquet, JSON
// Lines) rather than flat cells (CSV, SQLite).
func nested(format string) bool { return format == "parquet" || format == "jsonl" }

// columnType maps a schema type to a Table Schema type.
func columnType(kind string) string {
	switch kind {
	case "int", "index":
		return tInteger
	case "number":
		return tNumber
	case "bool":
		return tBoolean
	case "date":
		return tDate
	}
	return tString
}

// processesTable is one row per record: every field of the schema in the
// schema's order (the multi-valued ones as list columns, in the formats
// that have lists), then the provenance of the version exported.
func processesTable(lists bool) *table {
	t := &table{Name: "processes", PrimaryKey: []string{"id"},
		ForeignKeys: []foreignKey{{Column: "capture_id", Table: "captures", To: "id"}},
		Description: "One row per participatory process (observatory record), the version known at the export's as-of time."}
	for _, f := range fields {
		if f.IsList() {
			if lists {
				t.Columns = append(t.Columns, column{Name: f.Name, Type: tString, List: true, LabelIT: f.LabelIT(), field: f.Name,
					Description: f.Description + " (All its values, in order; also in the long table " + longTableName(f.Name) + ".)"})
			}
			continue
		}
		c := column{Name: f.Name, Type: columnType(f.Type), Description: f.Description, LabelIT: f.LabelIT(), Enum: f.Vocabulary, field: f.Name}
		if f.Name == "id" {
			c.Required = true
		}
		t.Columns = append(t.Columns, c)
		if f.Type == "index" {
			t.Columns = append(t.Columns, column{Name: f.Name + "_max", Type: tInteger, LabelIT: f.LabelIT(),
				Description: "Maximum of the participation index scale (the 30 of \"17 / 30\").", field: f.Name + "_max"})
		}
	}
	t.Columns = append(t.Columns,
		column{Name: "record_version", Type: tInteger, Required: true, Description: "Version number of the record exported (1 = first seen)."},
		column{Name: "capture_id", Type: tInteger, Required: true, Description: "The archived capture the version was read from (captures.id)."},
		column{Name: "source_url", Type: tString, Required: true, Description: "URL of the archived capture the version was read from."},
		column{Name: "captured_at", Type: tDatetime, Required: true, Description: "When that capture was fetched (UTC)."},
		column{Name: "capture_digest", Type: tString, Description: "Payload digest of the capture (sha1:BASE32), as in the WARC record."},
		column{Name: "parser_version", Type: tString, Required: true, Description: "Version of the archivio parser that read the page."},
	)
	return t
}

// longTableNames maps each list field to its long table.
var longTableNames = map[string]string{
	"participants":                  "process_participants",
	"decision_makers":               "process_decision_makers",
	"external_parties":              "process_external_parties",
	"territory":                     "process_territory",
	"techniques":                    "process_techniques",
	"professional_roles":            "process_professional_roles",
	"scope":                         "process_scope",
	"theme":                         "process_theme",
	"guarantee_committee_functions": "process_guarantee_committee_functions",
}

func longTableName(field string) string {
	if name := longTableNames[field]; name != "" {
		return name
	}
	return "process_" + field
}

// longTables are one table per list field, in schema order.
func longTables() []*table {
	var out []*table
	for _, f := range fields {
		if !f.IsList() {
			continue
		}
		out = append(out, &table{Name: longTableName(f.Name), ListField: f.Name, PrimaryKey: []string{"process_id", "position"},
			ForeignKeys: []foreignKey{{Column: "process_id", Table: "processes", To: "id"}},
			Description: fmt.Sprintf("One row per value of the multi-valued field %s: %s", f.Name, f.Description),
			Columns: []column{
				{Name: "process_id", Type: tInteger, Required: true, Description: "The process (processes.id) the value belongs to."},
				{Name: "position", Type: tInteger, Required: true, Description: "1-based position of the value in the list, as on the page."},
				{Name: "value", Type: tString, Required: true, Description: f.Description, LabelIT: f.LabelIT()},
			}})
	}
	return out
}

// linksTable is the link inventory as known at the as-of time.
func linksTable() *table {
	return &table{Name: "links", PrimaryKey: []string{"url"},
		ForeignKeys: []foreignKey{{Column: "last_good_capture", Table: "captures", To: "id"}},
		Description: "The link inventory as known at the export's as-of time: every URL the exported record versions cite " +
			"(and the pages of site sources crawled by then), with the outcome of its last check made by then.",
		Columns: []column{
			{Name: "url", Type: tString, Required: true, Description: "The linked URL."},
			{Name: "record_ids", Type: tInteger, List: true, Description: "Ids of the processes citing the URL (processes.id)."},
			{Name: "fields", Type: tString, List: true, Description: "Record fields the URL was found in; site:NAME for the pages of the site source NAME."},
			{Name: "declared_gone", Type: tBoolean, Description: "A citing record's own text says the site is gone."},
			{Name: "state", Type: tString, Enum: []string{"up", "suspect", "down"},
				Description: "Link health state after the last check made by then; empty when not checked by then (or checked before archivio kept the state of each check)."},
			{Name: "last_verdict", Type: tString, Description: "Verdict of that check."},
			{Name: "last_checked", Type: tDatetime, Description: "When that check was made (UTC)."},
			{Name: "last_good_capture", Type: tInteger, Description: "The capture (captures.id) of the last check by then that found the link working with a 200 answer."},
		}}
}

// capturesTable lists the captures the other tables refer to.
func capturesTable() *table {
	return &table{Name: "captures", PrimaryKey: []string{"id"},
		Description: "The archived captures the other tables refer to (processes.capture_id, links.last_good_capture): " +
			"where each answer is kept in archivio's WARC files, to cite or replay it.",
		Columns: []column{
			{Name: "id", Type: tInteger, Required: true, Description: "The capture's id in archivio's catalog."},
			{Name: "url", Type: tString, Required: true, Description: "The URL fetched (WARC-Target-URI)."},
			{Name: "method", Type: tString, Enum: []string{"GET", "HEAD"},
				Description: "The request's method; a HEAD answer (a link check) has no body. Empty when not recorded (captures made before archivio kept it)."},
			{Name: "fetched_at", Type: tDatetime, Required: true, Description: "When the answer was received (WARC-Date, UTC)."},
			{Name: "status", Type: tInteger, Required: true, Description: "The HTTP status code."},
			{Name: "content_type", Type: tString, Description: "The answer's Content-Type."},
			{Name: "payload_digest", Type: tString, Description: "SHA-1 of the body as received (sha1:BASE32, WARC-Payload-Digest)."},
			{Name: "payload_length", Type: tInteger, Description: "Length of the body as received, in bytes."},
			{Name: "warc_file", Type: tString, Required: true, Description: "The WARC file holding the answer, in the archive's warc folder."},
			{Name: "warc_offset", Type: tInteger, Required: true, Description: "Byte offset of the response (or revisit) record in that file."},
			{Name: "warc_length", Type: tInteger, Required: true, Description: "Length in bytes of that record (its gzip member)."},
			{Name: "warc_record_id", Type: tString, Required: true, Description: "The record's WARC-Record-ID."},
		}}
}

// recordRow converts a stored record document to typed values for the
// columns of t that are read from the record (provenance left nil).
func recordRow(t *table, doc map[string]any) ([]any, error) {
	row := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		if c.field == "" {
			continue
		}
		if c.List {
			if doc[c.field] != nil {
				row[i] = listValues(doc, c.field)
			}
			continue
		}
		v, err := typed(c.Type, doc[c.field])
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", c.field, err)
		}
		row[i] = v
	}
	return row, nil
}

// typed converts a JSON value (decoded with UseNumber) to the Go value of
// a column type.
func typed(typ string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case tInteger:
		n, ok := v.(json.Number)
		if !ok {
			return nil, fmt.Errorf("not a number: %v", v)
		}
		return n.Int64()
	case tNumber:
		n, ok := v.(json.Number)
		if !ok {
			return nil, fmt.Errorf("not a number: %v", v)
		}
		return n.Float64()
	case tBoolean:
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("not a boolean: %v", v)
		}
		return b, nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("not a string: %v", v)
	}
	return s, nil
}

// listValues returns a list field's values of a record document.
func listValues(doc map[string]any, field string) []string {
	l, _ := doc[field].([]any)
	out := make([]string, 0, len(l))
	for _, v := range l {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// joinList is a list value as one flat cell: its items joined by ";".
func joinList(v any) string {
	switch l := v.(type) {
	case []string:
		return strings.Join(l, ";")
	case []int64:
		s := make([]string, len(l))
		for i, n := range l {
			s[i] = strconv.FormatInt(n, 10)
		}
		return strings.Join(s, ";")
	}
	return fmt.Sprint(v)
}

// flatten turns a row's list values into flat cells, for the formats
// without lists.
func flatten(row []any) {
	for i, v := range row {
		switch v.(type) {
		case []string, []int64:
			row[i] = joinList(v)
		}
	}
}

func timeOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func stringOrNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func idOrNil(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
