package export

import (
	"slices"
	"testing"

	"archivio/parsers/schema"
)

// TestColumnsFollowSchema checks that the exported tables are made from the
// record schema: every scalar field is a column of processes with the
// schema's labels, description and vocabulary, every list field a long
// table, in the schema's order.
func TestColumnsFollowSchema(t *testing.T) {
	proc := processesTable(false)
	byName := map[string]column{}
	var order []string
	for _, c := range proc.Columns {
		byName[c.Name] = c
		if c.field != "" {
			order = append(order, c.field)
		}
	}
	long := map[string]*table{}
	for _, lt := range longTables() {
		long[lt.ListField] = lt
	}
	var wantOrder []string
	for _, f := range schema.Fields() {
		if f.IsList() {
			lt := long[f.Name]
			if lt == nil {
				t.Errorf("list field %s has no long table", f.Name)
				continue
			}
			if v := lt.Columns[2]; v.Name != "value" || v.LabelIT != f.LabelIT() || v.Description != f.Description {
				t.Errorf("%s: value column %+v", lt.Name, v)
			}
			continue
		}
		wantOrder = append(wantOrder, f.Name)
		c, ok := byName[f.Name]
		if !ok {
			t.Errorf("field %s is not a column of processes", f.Name)
			continue
		}
		if c.LabelIT != f.LabelIT() || c.Description != f.Description || !slices.Equal(c.Enum, f.Vocabulary) || c.Type != columnType(f.Type) {
			t.Errorf("column %s = %+v, schema %+v", c.Name, c, f)
		}
		if f.Type == "index" {
			wantOrder = append(wantOrder, f.Name+"_max")
		}
	}
	if !slices.Equal(order, wantOrder) {
		t.Errorf("processes columns %q, want %q", order, wantOrder)
	}
}
