package parsers

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// schemaFile is the project's copy of the field contract,
// shared/schema/scheda-fields.tsv.
const schemaFile = "../internal/demo/pagegen/scheda-fields.tsv"

// TestDictionaryMatchesSchema checks the label dictionary against the field
// contract: every label (with its alternates) maps to its field, every
// schema field is a JSON field of Record, and no label is listed twice.
func TestDictionaryMatchesSchema(t *testing.T) {
	tsv, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if shared, err := os.ReadFile("../../shared/schema/scheda-fields.tsv"); err == nil && !bytes.Equal(shared, tsv) {
		t.Errorf("%s differs from shared/schema/scheda-fields.tsv: copy the contract again", schemaFile)
	}
	jsonFields := map[string]bool{}
	rt := reflect.TypeOf(Record{})
	for i := 0; i < rt.NumField(); i++ {
		jsonFields[strings.Split(rt.Field(i).Tag.Get("json"), ",")[0]] = true
	}
	lines := strings.Split(strings.TrimSpace(string(tsv)), "\n")
	for _, line := range lines[1:] {
		cols := strings.Split(line, "\t")
		section, labels, field := cols[0], cols[1], cols[2]
		if !jsonFields[field] {
			t.Errorf("schema field %q is not a Record field", field)
		}
		if section == "header" {
			continue // read from the page structure, not from labels
		}
		for _, l := range strings.Split(labels, " | ") {
			f := dict.field(l)
			if f == nil || f.name != field {
				t.Errorf("label %q: dictionary gives %v, schema says %q", l, f, field)
			}
		}
	}
	seen := map[string]string{}
	for _, f := range fieldDefs {
		for _, l := range f.labels {
			n := NormalizeLabel(l)
			if prev, dup := seen[n]; dup {
				t.Errorf("label %q listed for %s and %s", l, prev, f.name)
			}
			seen[n] = f.name
		}
	}
	if !jsonFields["participation_index_max"] {
		t.Error("participation_index_max is missing")
	}
}

// TestRecordJSONShape checks that an empty record still lists every field,
// as null, so every JSON line has the same keys.
func TestRecordJSONShape(t *testing.T) {
	b, err := json.Marshal(Record{})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if len(m) != reflect.TypeOf(Record{}).NumField() {
		t.Errorf("JSON has %d keys, Record has %d fields", len(m), reflect.TypeOf(Record{}).NumField())
	}
	if v, ok := m["status"]; !ok || v != nil {
		t.Errorf("status = %v, %v; want present and null", v, ok)
	}
}
