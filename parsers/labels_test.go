package parsers

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// schemaFile is the project's copy of the field contract,
// shared/schema/scheda-fields.tsv (parsers/schema checks it is the contract
// and the schema table's rendering).
const schemaFile = "schema/scheda-fields.tsv"

// TestDictionaryMatchesSchema checks the label dictionary against the field
// contract: every label (with its alternates) maps to its field, every
// schema field is a JSON field of Record, and no label is listed twice.
func TestDictionaryMatchesSchema(t *testing.T) {
	tsv, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
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

// TestDictionaryAccessors checks that every dictionary entry stores its
// value in the Record member of its name, of the Go type its kind reads.
func TestDictionaryAccessors(t *testing.T) {
	for _, f := range fieldDefs {
		var got []string
		if f.str != nil {
			got = append(got, "str")
		}
		if f.integer != nil {
			got = append(got, "integer")
		}
		if f.number != nil {
			got = append(got, "number")
		}
		if f.boolean != nil {
			got = append(got, "boolean")
		}
		if f.list != nil {
			got = append(got, "list")
		}
		var want []string
		switch f.kind {
		case kindText, kindEnum, kindURL, kindImage, kindDate:
			want = []string{"str"}
		case kindInt, kindYear:
			want = []string{"integer"}
		case kindMoney, kindPercent:
			want = []string{"number"}
		case kindBool:
			want = []string{"boolean"}
		case kindList, kindCommaList:
			want = []string{"list"}
		case kindIndex:
			want = nil // fills participation_index and its _max (setScalar)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s (%s): accessors %q, want %q", f.name, f.kind, got, want)
		}
	}
	// The accessor writes the member of the field's name.
	var r Record
	for _, f := range fieldDefs {
		s := "x"
		if f.str != nil {
			*f.str(&r) = &s
		}
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, f := range fieldDefs {
		if f.str != nil && m[f.name] != "x" {
			t.Errorf("%s: accessor wrote elsewhere (%v)", f.name, m[f.name])
		}
	}
}
