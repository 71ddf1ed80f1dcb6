package pagegen

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed scheda-fields.tsv
var fieldsTSV string

// sectionNames are the section headings of a scheda processo, in page order.
var sectionNames = []string{
	"Processo",
	"Gestione di Processo",
	"Caratteristiche",
	"Obiettivi e Risultati",
	"Crediti",
}

// labelInfo is what the field dictionary says about one label as written.
type labelInfo struct {
	field string // schema field name
	typ   string // schema type column
}

var (
	labelsOnce sync.Once
	labelsMap  map[string]labelInfo
	labelsErr  error
)

// labels returns the dictionary of labels as written (every alternate of
// labels_it) to their field and type. Rows of the "header" section are
// not labels: their values are the URL, title, region and badges.
func labels() (map[string]labelInfo, error) {
	labelsOnce.Do(func() { labelsMap, labelsErr = parseFieldsTSV(fieldsTSV) })
	return labelsMap, labelsErr
}

func parseFieldsTSV(tsv string) (map[string]labelInfo, error) {
	m := make(map[string]labelInfo)
	for i, row := range strings.Split(strings.TrimRight(tsv, "\n"), "\n") {
		if i == 0 {
			continue // column names
		}
		cols := strings.Split(strings.TrimRight(row, "\r"), "\t")
		if len(cols) < 4 {
			return nil, fmt.Errorf("scheda-fields.tsv line %d: %d columns, want at least 4", i+1, len(cols))
		}
		section, alternates, field, typ := cols[0], cols[1], cols[2], cols[3]
		if section == "header" {
			continue
		}
		for _, label := range strings.Split(alternates, " | ") {
			label = strings.TrimSpace(label)
			if label == "" {
				continue
			}
			if prev, ok := m[label]; ok && prev.field != field {
				return nil, fmt.Errorf("scheda-fields.tsv line %d: label %q used by %s and %s", i+1, label, prev.field, field)
			}
			m[label] = labelInfo{field: field, typ: typ}
		}
	}
	return m, nil
}

func isSectionName(s string) bool {
	for _, n := range sectionNames {
		if s == n {
			return true
		}
	}
	return false
}
