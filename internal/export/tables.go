package export

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Column types, as Frictionless Table Schema names them. Row values are
// nil (missing) or: int64 for integer, float64 for number, bool for
// boolean, string for string and date (ISO yyyy-mm-dd), time.Time for
// datetime.
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
	Type        string
	Description string
	LabelIT     string
	Required    bool
	Enum        []string
	field       string // the record field it is read from, "" for computed columns
}

// table is one exported table.
type table struct {
	Name        string
	Description string
	Columns     []column
	PrimaryKey  []string
	ListField   string // for a long table: the list field it unfolds
}

func (t *table) columnNames() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

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

// processesTable is one row per record: every scalar field of the schema,
// then the provenance of the version exported.
func processesTable() *table {
	t := &table{Name: "processes", PrimaryKey: []string{"id"},
		Description: "One row per participatory process (observatory record), the version known at the export's as-of time."}
	for _, f := range fields {
		if f.IsList() {
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

// longTables are one table per list field, in schema order.
func longTables() []*table {
	var out []*table
	for _, f := range fields {
		if !f.IsList() {
			continue
		}
		name := longTableNames[f.Name]
		if name == "" {
			name = "process_" + f.Name
		}
		out = append(out, &table{Name: name, ListField: f.Name, PrimaryKey: []string{"process_id", "position"},
			Description: fmt.Sprintf("One row per value of the multi-valued field %s: %s", f.Name, f.Description),
			Columns: []column{
				{Name: "process_id", Type: tInteger, Required: true, Description: "The process (processes.id) the value belongs to."},
				{Name: "position", Type: tInteger, Required: true, Description: "1-based position of the value in the list, as on the page."},
				{Name: "value", Type: tString, Required: true, Description: f.Description, LabelIT: f.LabelIT()},
			}})
	}
	return out
}

func linksTable() *table {
	return &table{Name: "links", PrimaryKey: []string{"url"},
		Description: "The link inventory: every URL the records cite, with its health as last checked. It is the current inventory, not filtered by --as-of.",
		Columns: []column{
			{Name: "url", Type: tString, Required: true, Description: "The linked URL."},
			{Name: "record_ids", Type: tString, Description: "Ids of the processes citing the URL, separated by \";\"."},
			{Name: "fields", Type: tString, Description: "Record fields the URL was found in, separated by \";\"."},
			{Name: "state", Type: tString, Required: true, Description: "Link health state.", Enum: []string{"up", "suspect", "down"}},
			{Name: "last_verdict", Type: tString, Description: "Verdict of the last check."},
			{Name: "last_checked", Type: tDatetime, Description: "When the link was last checked (UTC)."},
			{Name: "last_good_capture", Type: tInteger, Description: "Catalog id of the last capture of the target that answered 200."},
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

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ";")
}

func timeOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}
