package export

import (
	"os"
	"strings"
	"testing"
)

// TestFieldsMatchSchema keeps fields.go in step with the schema contract.
func TestFieldsMatchSchema(t *testing.T) {
	b, err := os.ReadFile("../demo/pagegen/scheda-fields.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")[1:]
	if len(lines) != len(fields) {
		t.Fatalf("schema has %d fields, fields.go %d", len(lines), len(fields))
	}
	for i, line := range lines {
		c := strings.Split(line, "\t")
		f := fields[i]
		if c[0] != f.Section || c[1] != f.LabelIT || c[2] != f.Name || c[3] != f.Kind {
			t.Errorf("row %d: schema %q, fields.go %q", i+1, c[:4], []string{f.Section, f.LabelIT, f.Name, f.Kind})
		}
		if f.Description == "" {
			t.Errorf("%s: no description", f.Name)
		}
		if f.Enum != nil && !strings.HasPrefix(c[4], strings.Join(f.Enum, " / ")) {
			t.Errorf("%s: enum %q not in notes %q", f.Name, f.Enum, c[4])
		}
	}
}
