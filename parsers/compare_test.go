package parsers

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fieldDiff is a field of a parsed record that differs from the canonical
// parse of the same record.
type fieldDiff struct {
	Field string // the JSON name, or "links"
	What  string // what differs
}

func (d fieldDiff) String() string { return d.Field + ": " + d.What }

// untyped are the Record fields that depend on markup, not data.
var untyped = map[string]bool{"url": true, "raw": true, "links": true, "warnings": true}

// typedFields returns the JSON names of the typed fields of a Record, in
// declaration order: everything but url, raw, links and warnings.
func typedFields() []string {
	var out []string
	t := reflect.TypeFor[Record]()
	for i := range t.NumField() {
		if name := jsonName(t.Field(i)); !untyped[name] {
			out = append(out, name)
		}
	}
	return out
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// fieldsOf maps the JSON names of a record's typed fields to their values.
func fieldsOf(r *Record) map[string]reflect.Value {
	v := reflect.ValueOf(r).Elem()
	out := map[string]reflect.Value{}
	for i := range v.NumField() {
		if name := jsonName(v.Type().Field(i)); !untyped[name] {
			out[name] = v.Field(i)
		}
	}
	return out
}

// compareRecords returns how got differs from want: every typed field
// (a null and an empty list are different, lists are compared item by
// item, numbers exactly), then the links as a set of URL, field and
// declared_gone (not where they were found).
func compareRecords(want, got *Record) []fieldDiff {
	var diffs []fieldDiff
	w, g := fieldsOf(want), fieldsOf(got)
	for _, name := range typedFields() {
		if what := valueDiff(w[name], g[name]); what != "" {
			diffs = append(diffs, fieldDiff{name, what})
		}
	}
	if what := linksDiff(want.Links, got.Links); what != "" {
		diffs = append(diffs, fieldDiff{"links", what})
	}
	return diffs
}

// valueDiff describes how two values of one field differ, or returns "".
func valueDiff(want, got reflect.Value) string {
	switch want.Kind() {
	case reflect.Pointer:
		switch {
		case want.IsNil() && got.IsNil():
			return ""
		case want.IsNil() || got.IsNil():
			return "want " + show(want) + ", got " + show(got)
		}
		return valueDiff(want.Elem(), got.Elem())
	case reflect.Slice:
		switch {
		case want.IsNil() && got.IsNil():
			return ""
		case want.IsNil() != got.IsNil():
			return "want " + show(want) + ", got " + show(got)
		}
		var what []string
		for i := range max(want.Len(), got.Len()) {
			switch {
			case i >= got.Len():
				what = append(what, fmt.Sprintf("item %d: want %s, missing", i+1, show(want.Index(i))))
			case i >= want.Len():
				what = append(what, fmt.Sprintf("item %d: extra %s", i+1, show(got.Index(i))))
			case !want.Index(i).Equal(got.Index(i)):
				what = append(what, fmt.Sprintf("item %d: want %s, got %s", i+1, show(want.Index(i)), show(got.Index(i))))
			}
		}
		return strings.Join(what, "; ")
	}
	if !want.Equal(got) {
		return "want " + show(want) + ", got " + show(got)
	}
	return ""
}

// show writes a value as JSON.
func show(v reflect.Value) string {
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return fmt.Sprint(v.Interface())
	}
	return string(b)
}

// linkKeys are a record's links as sorted "url field gone=bool" strings.
func linkKeys(links []Link) []string {
	out := make([]string, 0, len(links))
	for _, l := range links {
		out = append(out, fmt.Sprintf("%s %s gone=%v", l.URL, l.Field, l.DeclaredGone))
	}
	slices.Sort(out)
	return out
}

func linksDiff(want, got []Link) string {
	w, g := linkKeys(want), linkKeys(got)
	if slices.Equal(w, g) {
		return ""
	}
	var what []string
	for _, k := range w {
		if !slices.Contains(g, k) {
			what = append(what, "missing "+k)
		}
	}
	for _, k := range g {
		if !slices.Contains(w, k) {
			what = append(what, "extra "+k)
		}
	}
	if len(what) == 0 {
		what = append(what, fmt.Sprintf("want %q, got %q", w, g))
	}
	return strings.Join(what, "; ")
}

// hasValue reports whether a typed field carries something: a non-null
// pointer or list, true, a non-zero number, a non-empty string.
func hasValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice:
		return !v.IsNil()
	}
	return !v.IsZero()
}

// canonicalRecords reads the canonical parse of every record: the golden
// file of its "dl" layout.
func canonicalRecords(t testing.TB) map[int]*Record {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "layouts", "dl", "*.golden.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no canonical golden files: %v", err)
	}
	out := map[int]*Record{}
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var r Record
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		id, err := strconv.Atoi(strings.TrimSuffix(filepath.Base(path), ".golden.json"))
		if err != nil || id != r.ID {
			t.Fatalf("%s: record id %d", path, r.ID)
		}
		out[id] = &r
	}
	return out
}

func TestCompareRecords(t *testing.T) {
	str := func(s string) *string { return &s }
	num := func(f float64) *float64 { return &f }
	base := func() *Record {
		return &Record{ID: 1, URL: "u", Title: str("T"), GrantEUR: num(15000), Participants: []string{"A", "B"},
			Links: []Link{{URL: "http://x", Field: "source_notes", Source: "text", DeclaredGone: true}}}
	}
	cases := []struct {
		name   string
		change func(r *Record)
		want   []string // fields that differ
	}{
		{"same", func(r *Record) {}, nil},
		{"markup-only fields", func(r *Record) {
			r.URL, r.Raw, r.Warnings = "v", []RawField{{Label: "x"}}, []Warning{{Code: "c"}}
			r.Links[0].Source = "href"
		}, nil},
		{"null vs empty list", func(r *Record) { r.Scope = []string{} }, []string{"scope"}},
		{"empty list vs null", func(r *Record) { r.Participants = nil }, []string{"participants"}},
		{"list item", func(r *Record) { r.Participants = []string{"A", "C"} }, []string{"participants"}},
		{"list order", func(r *Record) { r.Participants = []string{"B", "A"} }, []string{"participants"}},
		{"list extra item", func(r *Record) { r.Participants = append(r.Participants, "C") }, []string{"participants"}},
		{"float", func(r *Record) { r.GrantEUR = num(15000.01) }, []string{"grant_eur"}},
		{"null number", func(r *Record) { r.GrantEUR = nil }, []string{"grant_eur"}},
		{"empty string vs null", func(r *Record) { r.Status = str("") }, []string{"status"}},
		{"title", func(r *Record) { r.Title = str("t") }, []string{"title"}},
		{"bool", func(r *Record) { r.Certified = true }, []string{"certified"}},
		{"id", func(r *Record) { r.ID = 2 }, []string{"id"}},
		{"link gone", func(r *Record) { r.Links[0].DeclaredGone = false }, []string{"links"}},
		{"link field", func(r *Record) { r.Links[0].Field = "website" }, []string{"links"}},
		{"extra link", func(r *Record) { r.Links = append(r.Links, Link{URL: "http://y", Field: "website"}) }, []string{"links"}},
	}
	for _, c := range cases {
		got := base()
		c.change(got)
		var fields []string
		for _, d := range compareRecords(base(), got) {
			fields = append(fields, d.Field)
			if d.What == "" {
				t.Errorf("%s: %s differs with no description", c.name, d.Field)
			}
		}
		if !slices.Equal(fields, c.want) {
			t.Errorf("%s: differing fields %q, want %q", c.name, fields, c.want)
		}
	}
	if n := len(typedFields()); n != 56 {
		t.Errorf("%d typed fields, want 56 (id, title, region, two badges and 51 fields from labels): %q", n, typedFields())
	}
}
