package schema

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite scheda-fields.tsv from the table")

// contractFile is the project's copy of the field contract; sharedContract
// is the contract itself, beside the repository when it is there.
const (
	contractFile   = "scheda-fields.tsv"
	sharedContract = "../../../shared/schema/scheda-fields.tsv"
)

// TestTableIsContract checks that the table renders to the project's copy of
// the field contract byte for byte, and that the copy is the contract.
func TestTableIsContract(t *testing.T) {
	got := TSV()
	if *update {
		if err := os.WriteFile(contractFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(contractFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the table differs from %s (go test ./parsers/schema -update rewrites it):\n%s", contractFile, firstDiff(got, want))
	}
	if shared, err := os.ReadFile(sharedContract); err == nil && !bytes.Equal(shared, want) {
		t.Errorf("%s differs from the shared contract:\n%s", contractFile, firstDiff(want, shared))
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  %q\n  %q", i+1, x, y)
		}
	}
	return ""
}

// typeKinds are the kinds each contract type may be read as.
var typeKinds = map[string][]Kind{
	"text":      {Text, Enum},
	"enum":      {Enum},
	"url":       {URL, Image},
	"int":       {Int, Year},
	"number":    {Money, Percent},
	"bool":      {Bool},
	"date":      {Date},
	"index":     {Index},
	"list( / )": {List},
	"list(, )":  {CommaList},
}

// TestTableHoldsTogether checks what the contract cannot: names and labels
// are unique, every field is described, kinds fit types, and a closed
// vocabulary is the one the notes give.
func TestTableHoldsTogether(t *testing.T) {
	names, labels := map[string]bool{}, map[string]string{}
	for _, f := range Fields() {
		if names[f.Name] {
			t.Errorf("field %s listed twice", f.Name)
		}
		names[f.Name] = true
		if len(f.Labels) == 0 {
			t.Errorf("%s: no label", f.Name)
		}
		for _, l := range f.Labels {
			if l == "" || strings.TrimSpace(l) != l || strings.Contains(l, "|") {
				t.Errorf("%s: label %q", f.Name, l)
			}
			if prev, dup := labels[l]; dup {
				t.Errorf("label %q names %s and %s", l, prev, f.Name)
			}
			labels[l] = f.Name
		}
		if f.Description == "" {
			t.Errorf("%s: no description", f.Name)
		}
		if !f.Header() && !slices.Contains(typeKinds[f.Type], f.Kind) {
			t.Errorf("%s: type %q read as %s", f.Name, f.Type, f.Kind)
		}
		if f.Vocabulary != nil && (f.Type != "enum" || !strings.HasPrefix(f.Notes, strings.Join(f.Vocabulary, " / "))) {
			t.Errorf("%s: vocabulary %q not in notes %q", f.Name, f.Vocabulary, f.Notes)
		}
		for _, s := range []string{f.Section, f.Name, f.Type, f.Notes, f.LabelIT()} {
			if strings.ContainsAny(s, "\t\n") {
				t.Errorf("%s: %q would break the TSV", f.Name, s)
			}
		}
	}
	want := []string{"Processo", "Gestione di Processo", "Caratteristiche", "Obiettivi e Risultati", "Crediti"}
	if got := Sections(); !slices.Equal(got, want) {
		t.Errorf("Sections() = %q, want %q", got, want)
	}
}
