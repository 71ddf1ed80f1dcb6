package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"archivio/parsers/schema"
)

// fieldRow is one field of a record as its page shows it.
type fieldRow struct {
	Section string
	Label   string // the Italian label, as the observatory writes it
	Name    string // the English name: JSON and export column
	Value   string // "" when the record has no value
	List    []string
	IsURL   bool
}

// recordDoc decodes a stored record document, numbers kept as written.
func recordDoc(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("read record: %w", err)
	}
	return m, nil
}

// fieldRows lists every schema field of a record with its value, in the
// contract's order.
func fieldRows(doc map[string]any) []fieldRow {
	var out []fieldRow
	for _, f := range schema.Fields() {
		row := fieldRow{Section: f.Section, Label: f.Labels[0], Name: f.Name, IsURL: f.Kind == schema.URL || f.Kind == schema.Image}
		if f.Header() {
			row.Section = "Intestazione (header)"
		}
		v := doc[f.Name]
		if f.Type == "index" && v != nil {
			row.Value = showValue(v)
			if m := doc[f.Name+"_max"]; m != nil {
				row.Value += " / " + showValue(m)
			}
		} else if list, ok := v.([]any); ok {
			for _, item := range list {
				row.List = append(row.List, showValue(item))
			}
		} else if v != nil {
			row.Value = showValue(v)
		}
		out = append(out, row)
	}
	return out
}

// showValue renders a field value for people: texts as they are, yes and
// no for booleans, numbers as written, lists joined.
func showValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "sì (yes)"
		}
		return "no"
	case json.Number:
		return x.String()
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = showValue(item)
		}
		return strings.Join(parts, " / ")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// fieldLabel is a field's Italian label by its English name ("" for a
// name outside the schema, such as participation_index_max).
func fieldLabel(name string) string {
	for _, f := range schema.Fields() {
		if f.Name == name {
			return f.Labels[0]
		}
	}
	if base, ok := strings.CutSuffix(name, "_max"); ok {
		if l := fieldLabel(base); l != "" {
			return l + " (massimo)"
		}
	}
	return ""
}

// docTitle is a record document's title, or "record N".
func docTitle(doc map[string]any, id int) string {
	if t, ok := doc["title"].(string); ok && t != "" {
		return t
	}
	return fmt.Sprintf("record %d", id)
}
